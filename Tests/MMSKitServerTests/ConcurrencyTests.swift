import Hummingbird
import HummingbirdTesting
import MMSKit
import MMSKitProviders
import MMSKitServer
import Testing

/// Many providers posting at once: every request is answered `success`, and none before its records were
/// committed. The posts go straight to the routes (`.router`): when the answer is given is the handler's doing,
/// not the socket's.
@Suite struct ConcurrencyTests {
    @Test func answersAHundredConcurrentPostsOnlyAfterTheirCommits() async throws {
        let store = RecordingStore()
        await store.hold()
        let answered = AnswerCount()
        let count = 100
        try await ReceiverRoutes.test(store: store) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    group.addTask {
                        let phone = String(13_800_000_000 + index)
                        let body = #"{"task_id":"T\#(index % 7)","phone":"\#(phone)","code":"DELIVERED"}"#
                        let reply = try await client.execute(
                            uri: "/ihuyi/receipts", method: .post, body: ByteBuffer(string: body))
                        await answered.add()
                        #expect(reply.text == "success")
                        #expect(await store.contains(PushRecord.key("T\(index % 7)", phone)))
                    }
                }
                // Every request has reached the store and none is committed: nobody may have been answered.
                await store.waitUntilStarted(count)
                #expect(await answered.value == 0)
                await store.release()
                try await group.waitForAll()
            }
        }
        #expect(await answered.value == count)
        #expect(await store.records.count == count)
    }
}

/// How many clients have had their answer.
private actor AnswerCount {
    private(set) var value = 0

    func add() { value += 1 }
}
