import Foundation
import MMSKitTestSupport
import Testing

/// `mmskit sandbox --fault SPEC` with the built binary: a wrong part is a usage error (exit 64) naming it, the
/// same checks `PUT /_sandbox/faults` makes (`SandboxFaultValidationTests`).
@Suite struct SandboxFaultOptionTests {
    @Test(arguments: [
        ("x:*:reset:1", "provider 'x'"),
        ("ihuyi::reset:1", "route is empty"),
        ("ihuyi:mms:reset:1", "route 'mms'"),
        ("ihuyi:*:explode:1", "kind 'explode'"),
        ("ihuyi:*:reset:2", "probability 2"),
        ("ihuyi:*:reset:often", "probability 'often'"),
        ("ihuyi:*:delay:1", "kind delay needs its delay"),
        ("ihuyi:*:delay=-5:1", "-5 ms is negative"),
        ("ihuyi:*:reset=5:1", "only for kind delay"),
        ("ihuyi:*:reset:1:0", "times 0"),
        ("ihuyi:reset:1", "not 4 or 5"),
    ])
    func refusesAWrongPart(spec: String, reason: String) throws {
        let result = try CLIRunner.run(["sandbox", "--port", "0", "--fault", spec], timeLimit: 60)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--fault '\(spec)': ") && result.stderr.contains(reason), "\(result.stderr)")
    }
}

/// Every number the sandbox takes on its command line is checked against a range, so none can trap on its way to
/// a duration (`--speed 1e-300` and `--review-delay 1e300` once did).
@Suite struct SandboxOptionRangeTests {
    @Test(arguments: [
        (["--speed", "1e-300"], "--speed must be from 0.001"), (["--speed", "1e300"], "--speed must be from 0.001"),
        (["--speed", "0"], "--speed"), (["--review-delay", "1e300"], "--review-delay and --receipt-delay"),
        (["--receipt-delay=-1"], "--review-delay and --receipt-delay"),
        (["--receipt-delay", "nan"], "--review-delay and --receipt-delay"),
    ])
    func refusesANumberOutOfRange(arguments: [String], message: String) throws {
        let result = try CLIRunner.run(["sandbox", "--port", "0"] + arguments, timeLimit: 60)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
