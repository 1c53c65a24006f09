import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether the UTF-8 bytes of `needle` occur in this string: a byte search (memchr for the first byte, then
    /// memcmp), much cheaper than `contains`, which compares grapheme clusters.
    func containsUTF8(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { pin in
                guard let first = pin.first else { return true }
                guard let hayBase = hay.baseAddress, let pinBase = pin.baseAddress, pin.count <= hay.count else {
                    return false
                }
                var start = 0
                let last = hay.count - pin.count
                while start <= last, let found = memchr(hayBase + start, Int32(first), last - start + 1) {
                    let index = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - hayBase
                    if memcmp(hayBase + index, pinBase, pin.count) == 0 { return true }
                    start = index + 1
                }
                return false
            }
        }
    }
}
