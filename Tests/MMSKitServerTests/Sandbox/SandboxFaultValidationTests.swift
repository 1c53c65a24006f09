import Foundation
import MMSKitProviders
import MMSKitServer
import Testing

/// `PUT /_sandbox/faults` refuses what `--fault` refuses (one validating initializer behind both): each wrong
/// field is a 400 with a JSON error naming the fault and the field, and the faults in force stay as they were.
@Suite struct SandboxFaultValidationTests {
    @Test(arguments: [
        (#"{"provider":"x","kind":"reset","probability":1}"#, "provider 'x'"),
        (#"{"provider":"ihuyi","route":"","kind":"reset","probability":1}"#, "route is empty"),
        (#"{"route":"mms/v1","kind":"reset","probability":1}"#, "route 'mms/v1'"),
        (#"{"kind":"explode","probability":1}"#, "kind 'explode'"),
        (#"{"kind":"reset","probability":2}"#, "probability 2"),
        (#"{"kind":"reset","probability":-0.5}"#, "probability -0.5"),
        (#"{"kind":"reset"}"#, "probability is missing"),
        (#"{"kind":"reset","probability":"all"}"#, "probability has the wrong type"),
        (#"{"kind":"delay","probability":1}"#, "kind delay needs its delay"),
        (#"{"kind":"delay","probability":1,"delayMilliseconds":-5}"#, "-5 ms is negative"),
        (#"{"kind":"reset","probability":1,"delayMilliseconds":5}"#, "only for kind delay"),
        (#"{"kind":"reset","probability":1,"times":0}"#, "times 0"),
    ])
    func refusesAWrongField(fault: String, reason: String) async throws {
        let sandbox = try await RunningSandbox.start()
        let body = "[" + #"{"kind":"unavailable","probability":0}"# + "," + fault + "]"
        let answer = try await SandboxControlTests.call(sandbox, .put, "_sandbox/faults", body: Data(body.utf8))
        #expect(answer.status == 400)
        let error = try JSONDecoder().decode([String: String].self, from: answer.body)["error"] ?? ""
        #expect(error.hasPrefix("fault 2: ") && error.contains(reason), "\(error)")
        let inForce = try await SandboxControlTests.call(sandbox, .get, "_sandbox/faults")
        #expect(try JSONDecoder().decode([SandboxFault].self, from: inForce.body).isEmpty)
        try await sandbox.stop()
    }

    @Test func refusesABodyThatIsNotAnArrayOfFaults() async throws {
        let sandbox = try await RunningSandbox.start()
        for body in [#"{"kind":"reset","probability":1}"#, "not json", "[1]"] {
            let answer = try await SandboxControlTests.call(sandbox, .put, "_sandbox/faults", body: Data(body.utf8))
            #expect(answer.status == 400)
            let error = try JSONDecoder().decode([String: String].self, from: answer.body)["error"] ?? ""
            #expect(error.contains("JSON array of faults") || error.hasPrefix("fault 1: "), "\(body): \(error)")
        }
        try await sandbox.stop()
    }

    @Test func theCommandLineAndJSONFormsMakeTheSameFault() throws {
        let fromOption = try SandboxFault(parsing: "jpush:/v1/messages/batch:random-delay=1500:0.5:3")
        let fromJSON = try JSONDecoder().decode(
            SandboxFault.self,
            from: Data(
                #"{"provider":"jpush","route":"/v1/messages/batch","kind":"delay","delayMilliseconds":1500,"random":true,"probability":0.5,"times":3}"#
                    .utf8))
        #expect(fromOption == fromJSON)
        #expect(try JSONDecoder().decode(SandboxFault.self, from: JSONEncoder().encode(fromOption)) == fromOption)
    }
}
