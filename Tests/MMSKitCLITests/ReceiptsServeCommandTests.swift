import Foundation
import MMSKitTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mmskit receipts serve` as a child process: the first stdout line, a receipt posted twice and stored once in
/// SQLite, SIGTERM → exit 0.
@Suite struct ReceiptsServeCommandTests {
    @Test(arguments: ["text", "json"])
    func servesOnPortZeroUntilSIGTERM(logFormat: String) async throws {
        let directory = try TemporaryDirectory("mmskit-serve")
        let token = "serve-token-5d1e9a"
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = [
            "receipts", "serve", "--port", "0", "--db", directory.appending("receipts.sqlite"), "--log-format",
            logFormat,
        ]
        var environment = ProcessInfo.processInfo.environment
        for name in ["XDG_CONFIG_HOME", "MMSKIT_JPUSH_APP_KEY", "MMSKIT_JPUSH_MASTER_SECRET"] {
            environment[name] = nil
        }
        environment["HOME"] = directory.path
        environment["MMSKIT_RECEIVER_TOKEN"] = token
        process.environment = environment
        process.currentDirectoryURL = directory.url
        let output = Pipe.closingOnExec()
        let errors = Pipe.closingOnExec()
        process.standardOutput = output
        process.standardError = errors
        let (exits, exited) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { process in
            exited.yield(process.terminationStatus)
            exited.finish()
        }
        try process.run()
        let stderr = Task { String(decoding: try await Self.readToEnd(errors.fileHandleForReading), as: UTF8.self) }

        let line = try await Self.firstLine(output.fileHandleForReading)
        let port = try #require(
            line.wholeMatch(of: /listening on http:\/\/127\.0\.0\.1:([0-9]+)/).flatMap { Int($0.1) })
        #expect(port > 0)

        let receipt = #"{"task_id":"T9","phone":"13800138000","code":"DELIVERED","message":"ok"}"#
        let accepted = try await Self.post(receipt, to: "http://127.0.0.1:\(port)/ihuyi/receipts?token=\(token)")
        #expect(accepted.status == 200)
        #expect(accepted.body == "success")
        #expect(
            try await Self.post(receipt, to: "http://127.0.0.1:\(port)/ihuyi/receipts?token=\(token)").body == "success"
        )
        #expect(try await Self.post(receipt, to: "http://127.0.0.1:\(port)/ihuyi/receipts").status == 401)
        // The probes answer without the token.
        let (health, healthAnswer) = try await URLSession.shared.data(
            from: URL(string: "http://127.0.0.1:\(port)/healthz")!)
        #expect((healthAnswer as? HTTPURLResponse)?.statusCode == 200 && health == Data("ok\n".utf8))
        let (_, readyAnswer) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/readyz")!)
        #expect((readyAnswer as? HTTPURLResponse)?.statusCode == 200)
        // Metrics, behind the token: the two posts, one record inserted and one duplicate, the group commits.
        let (metrics, _) = try await URLSession.shared.data(
            from: URL(string: "http://127.0.0.1:\(port)/metrics?token=\(token)")!)
        let exposition = String(decoding: metrics, as: UTF8.self)
        #expect(exposition.contains(#"result="inserted"} 1"#) && exposition.contains(#"result="duplicate"} 1"#))
        #expect(exposition.contains("mmskit_store_commit_records_count 2"), "\(exposition)")

        kill(process.processIdentifier, SIGTERM)
        var statuses = exits.makeAsyncIterator()
        let status = await statuses.next()
        #expect(status == 0)
        #expect(process.terminationReason == .exit)
        let listed = try CLIRunner.run(["receipts", "list", "--db", directory.appending("receipts.sqlite"), "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]]
        #expect(rows?.count == 1)
        #expect(rows?.first?["task_id"] as? String == "T9")
        let log = try await stderr.value
        #expect(log.contains("no JPush app_key"))
        #expect(!log.contains(token))
        if logFormat == "json" {
            // One JSON object per line, nothing else, for a log shipper.
            let lines = log.split(separator: "\n")
            #expect(lines.count >= 3)
            for line in lines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
                #expect(object?["level"] != nil && object?["message"] != nil, "\(line)")
            }
        }
    }

    @Test(arguments: [["--port", "70000"], ["--max-body", "0"], ["--token", ""]])
    func refusesBadOptions(arguments: [String]) throws {
        let result = try CLIRunner.run(["receipts", "serve"] + arguments, timeLimit: 60)
        #expect(result.status == 64)
    }

    static func firstLine(_ handle: FileHandle) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                var bytes = Data()
                while true {
                    let chunk = handle.readData(ofLength: 1)
                    if chunk.isEmpty || chunk == Data("\n".utf8) { break }
                    bytes.append(chunk)
                }
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }.start()
        }
    }

    static func readToEnd(_ handle: FileHandle) async throws -> Data {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: handle.readDataToEndOfFile()) }.start()
        }
    }

    static func post(_ body: String, to url: String) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}
