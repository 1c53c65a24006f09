import Foundation
import MMSKitTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mmskit sandbox` stopped the normal way (SIGTERM) exits 0 and logs no error: stopping is not a failure.
@Suite struct SandboxShutdownTests {
    @Test func sigtermStopsItWithoutAnErrorLine() throws {
        let directory = try TemporaryDirectory("mmskit-sandbox-stop")
        let sandbox = try ServerProcess(["sandbox", "--port", "0"], directory: directory.path)
        let status = sandbox.stop(SIGTERM)
        #expect(sandbox.terminationReason == .exit)
        #expect(status == 0)
        let log = sandbox.standardError
        #expect(log.contains("listening on 127.0.0.1"), "\(log)")
        let errors = log.split(separator: "\n").filter { $0.contains(" error ") || $0.contains("critical") }
        #expect(errors.isEmpty, "\(errors)")
    }
}
