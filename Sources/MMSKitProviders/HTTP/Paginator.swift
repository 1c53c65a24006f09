/// Queries many ids through an endpoint that takes at most `size` per call (itniotech: 200 email ids), one call
/// after another, keeping the answers in the order of the ids.
public enum Paginator {
    /// `ids` cut into consecutive chunks of at most `size`, in order; none for no ids.
    public static func chunks<T>(_ ids: [T], size: Int) -> [[T]] {
        precondition(size > 0, "a chunk holds at least one id")
        return stride(from: 0, to: ids.count, by: size).map { Array(ids[$0..<min($0 + size, ids.count)]) }
    }

    /// Calls `fetch` once per chunk of at most `size` ids, in order, and returns the pages in that order; the
    /// first error stops it.
    public static func collect<Id, Page, Failure: Error>(
        _ ids: [Id], size: Int, fetch: (ArraySlice<Id>) async throws(Failure) -> Page
    ) async throws(Failure) -> [Page] {
        precondition(size > 0, "a chunk holds at least one id")
        var pages: [Page] = []
        pages.reserveCapacity((ids.count + size - 1) / size)
        for start in stride(from: 0, to: ids.count, by: size) {
            pages.append(try await fetch(ids[start..<min(start + size, ids.count)]))
        }
        return pages
    }
}
