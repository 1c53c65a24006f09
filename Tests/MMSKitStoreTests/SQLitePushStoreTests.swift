import Foundation
import MMSKitStore
import MMSKitTestSupport
import Testing

@Suite struct SQLitePushStoreTests {
    @Test func walAndFullSynchronousAreInForce() async throws {
        let directory = try TemporaryDirectory("mmskit-store")
        let store = try SQLitePushStore(path: directory.appending("r.sqlite"))
        let settings = try await store.durabilitySettings()
        #expect(settings.journalMode == "wal")
        #expect(settings.synchronous == 2)
        try await store.close()
    }

    @Test func aFileThatIsNotADatabaseIsNamed() throws {
        let directory = try TemporaryDirectory("mmskit-store")
        let path = directory.appending("notes.txt")
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try SQLitePushStore(path: path)
        } throws: { error in
            "\(error)".contains(path)
        }
    }

    @Test func aMissingFileIsRefusedByTheReadCommands() async throws {
        let directory = try TemporaryDirectory("mmskit-store")
        let path = directory.appending("absent.sqlite")
        await #expect(throws: StoreError.self) {
            _ = try await StoreLocation.sqlite(path: path).open(forwarding: false, creating: false)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func recordsSurviveReopening() async throws {
        let directory = try TemporaryDirectory("mmskit-store")
        let path = directory.appending("r.sqlite")
        let store = try SQLitePushStore(path: path)
        _ = try await store.store([Pushes.receipt(task: "t", phone: "13800000000")])
        try await store.close()
        let again = try SQLitePushStore(path: path)
        #expect(try await again.store([Pushes.receipt(task: "t", phone: "13800000000")]) == StoreOutcome(duplicates: 1))
        try await again.close()
    }
}
