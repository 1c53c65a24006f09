import Foundation

extension Array where Element: Sendable {
    /// Transforms every element on all cores and returns the results in the original order.
    func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        let elements = self
        return [Result](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            // Each index is initialised by exactly one iteration; concurrentPerform returns after all of them.
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: elements.count) { index in
                (buffer.baseAddress! + index).initialize(to: transform(elements[index]))
            }
            initializedCount = elements.count
        }
    }
}
