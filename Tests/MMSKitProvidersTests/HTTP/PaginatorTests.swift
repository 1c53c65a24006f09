import MMSKitProviders
import Testing

/// At most `size` ids per call, as many calls as needed, answers in the order of the ids.
@Suite struct PaginatorTests {
    @Test(arguments: [(0, 0), (1, 1), (200, 1), (201, 2), (400, 2), (401, 3)])
    func collectCallsOncePerChunkInOrder(count: Int, calls: Int) async throws {
        let ids = (0..<count).map { "id-\($0)" }
        var seen: [[String]] = []
        let pages = await Paginator.collect(ids, size: 200) { slice in
            seen.append(Array(slice))
            return slice.map { $0.uppercased() }
        }
        #expect(pages.count == calls)
        #expect(seen.count == calls)
        #expect(seen.allSatisfy { !$0.isEmpty && $0.count <= 200 })
        #expect(seen.flatMap { $0 } == ids)
        #expect(pages.flatMap { $0 } == ids.map { $0.uppercased() })
        #expect(Paginator.chunks(ids, size: 200) == seen)
    }

    @Test func chunksOf201() {
        let chunks = Paginator.chunks(Array(1...201), size: 200)
        #expect(chunks.map(\.count) == [200, 1])
        #expect(chunks[1] == [201])
    }

    @Test func theFirstErrorStops() async {
        struct Refused: Error, Equatable {}
        var calls = 0
        await #expect(throws: Refused()) {
            _ = try await Paginator.collect(Array(0..<401), size: 200) {
                (slice: ArraySlice<Int>) async throws(Refused) -> Int in
                calls += 1
                if slice.first == 200 { throw Refused() }
                return slice.count
            }
        }
        #expect(calls == 2)
    }
}
