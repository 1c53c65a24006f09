import Foundation

/// The records matching a query, fetched from the store a page at a time (keyset paging on the row id), so that
/// reading never holds more than one page in memory.
public struct StoredPushSequence: AsyncSequence, Sendable {
    public typealias Element = StoredPush

    let store: any PushStore
    let query: PushQuery
    let pageSize: Int

    public struct AsyncIterator: AsyncIteratorProtocol {
        let store: any PushStore
        let query: PushQuery
        let pageSize: Int
        var buffer: [StoredPush] = []
        var position = 0
        var lastID: Int64?
        var delivered = 0
        var exhausted = false

        public mutating func next() async throws -> StoredPush? {
            if let limit = query.limit, delivered >= limit { return nil }
            if position == buffer.count {
                guard !exhausted else { return nil }
                var size = pageSize
                if let limit = query.limit { size = Swift.min(size, limit - delivered) }
                buffer = try await store.page(query, after: lastID, limit: size)
                position = 0
                if buffer.count < size { exhausted = true }
                guard !buffer.isEmpty else { return nil }
                lastID = buffer.last?.id
            }
            defer { position += 1 }
            delivered += 1
            return buffer[position]
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(store: store, query: query, pageSize: Swift.max(1, pageSize))
    }
}
