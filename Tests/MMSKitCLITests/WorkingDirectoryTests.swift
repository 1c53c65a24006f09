import Foundation
import MMSKitTestSupport
import Testing

/// CLI runs leave nothing in the package root or in the test process's working directory: a command that
/// writes beside itself (a failed `send` still writes its default journal) runs in a temporary directory.
@Suite struct WorkingDirectoryTests {
    static func failingSend(phones: String, home: String, directory: String? = nil) throws -> CLIRunner.Result {
        let environment = [
            "MMSKIT_IHUYI_API_ID": "id", "MMSKIT_IHUYI_API_KEY": "key", "HOME": home,
            "XDG_CONFIG_HOME": "\(home)/.config",
        ]
        // Port 9 on 127.0.0.1 (discard) is not listening: the request never arrives and the run stops (exit 2).
        let arguments = [
            "send", "--provider", "ihuyi", "--base-url", "http://127.0.0.1:9", "--phones", phones, "--product-id", "1",
            "--template-id", "2",
        ]
        return try CLIRunner.run(arguments, environment: environment, directory: directory)
    }

    @Test func aSendThatFailsLeavesNothingInThePackageRoot() throws {
        let temporary = try TemporaryDirectory()
        let phones = temporary.appending("phones.txt")
        try "13800138000\n".write(toFile: phones, atomically: false, encoding: .utf8)
        let roots = [PackagePaths.root.path, FileManager.default.currentDirectoryPath]
        let before = try roots.map { Set(try FileManager.default.contentsOfDirectory(atPath: $0)) }

        // In an explicit directory the journal is there: the run below would leave one wherever it ran.
        let work = try TemporaryDirectory()
        let explicit = try Self.failingSend(phones: phones, home: temporary.path, directory: work.path)
        #expect(explicit.status == 2, "\(explicit.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: work.path).contains { $0.hasPrefix("mmskit-send-") })

        let send = try Self.failingSend(phones: phones, home: temporary.path)
        #expect(send.status == 2, "\(send.stderr)")
        #expect(send.stderr.contains("could not connect"), "\(send.stderr)")
        for (root, listing) in zip(roots, before) {
            let added = Set(try FileManager.default.contentsOfDirectory(atPath: root)).subtracting(listing)
            #expect(added.isEmpty, "new in \(root): \(added.sorted())")
        }
    }
}

extension WorkingDirectoryTests {
    /// An empty list is refused before the journal is made: nothing to resume, so nothing is left behind.
    @Test func anEmptyListLeavesNoJournal() throws {
        let temporary = try TemporaryDirectory()
        let phones = temporary.appending("phones.txt")
        try "".write(toFile: phones, atomically: false, encoding: .utf8)
        let work = try TemporaryDirectory()
        let send = try Self.failingSend(phones: phones, home: temporary.path, directory: work.path)
        #expect(send.status == 1, "\(send.stderr)")
        #expect(send.stderr.contains("is empty"), "\(send.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.hasPrefix("mmskit-send-") }
                .isEmpty)
    }
}
