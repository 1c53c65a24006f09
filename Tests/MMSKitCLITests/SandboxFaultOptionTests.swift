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
