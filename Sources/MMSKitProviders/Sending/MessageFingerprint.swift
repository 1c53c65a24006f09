import Crypto
import Foundation

/// SHA-256 over the parts that define a campaign's message, so a resume can refuse a changed message.
public enum MessageFingerprint {
    /// The lower-case hex SHA-256 of `parts`, each preceded by its length so that no two lists of parts collide.
    public static func sha256(_ parts: [Data]) -> String {
        var hasher = SHA256()
        for part in parts {
            withUnsafeBytes(of: UInt64(part.count).bigEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: part)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
