import Foundation
import MMSKitProviders
import MMSKitSandbox
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
        // What schemathesis sent: each is refused naming its field.
        (#"{"kind":"reset","probability":1.5}"#, "probability 1.5 is not between 0 and 1"),
        (#"{"kind":"reset","probability":1,"times":-1}"#, "times -1"),
        (#"{"kind":"delay=-5","probability":1}"#, "delayMilliseconds: the delay -5 ms is negative"),
        (#"{"kind":"random-delay=-5","probability":1}"#, "delayMilliseconds: the delay -5 ms is negative"),
        (#"{"kind":"random-delay","probability":1,"delayMilliseconds":-5}"#, "delayMilliseconds: the delay -5"),
        (#"{"kind":"delay=3600001","probability":1}"#, "delayMilliseconds: the delay 3600001 ms is over an hour"),
        (#"{"kind":"delay=soon","probability":1}"#, "the delay 'soon' is not a whole number"),
        (#"{"kind":"delay=250","probability":1,"delayMilliseconds":300}"#, "delayMilliseconds 300 contradicts"),
        (#"{"kind":"random-delay=250","probability":1,"random":false}"#, "random false contradicts"),
        (#"{"kind":"random","probability":1}"#, "random-delay (delay and random-delay take =MS)"),
    ])
    func refusesAWrongField(fault: String, reason: String) async throws {
        let sandbox = try await RunningSandbox.start()
        let body = "[" + #"{"kind":"unavailable","probability":0}"# + "," + fault + "]"
        let answer = try await SandboxControlTests.call(sandbox, .put, "_sandbox/faults", body: Data(body.utf8))
        #expect(answer.status == 400)
        let error = try JSONDecoder().decode([String: String].self, from: answer.body)["error"] ?? ""
        #expect(error.hasPrefix("fault 2: ") && error.contains(reason), "\(error)")
        let inForce = try await SandboxControlTests.call(sandbox, .get, "_sandbox/faults")
        #expect(try JSONDecoder().decode([FaultRule].self, from: inForce.body).isEmpty)
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

    /// The JSON `kind` takes every spelling `--fault` takes, and keeps the delay's milliseconds.
    @Test(arguments: [
        ("ihuyi:*:delay=250:1", #"{"provider":"ihuyi","kind":"delay=250","probability":1}"#),
        ("ihuyi:*:delay=250:1", #"{"provider":"ihuyi","kind":"delay","delayMilliseconds":250,"probability":1}"#),
        ("all:*:random-delay=250:0.5", #"{"kind":"random-delay=250","probability":0.5}"#),
        ("all:*:random-delay=250:0.5", #"{"kind":"random-delay","delayMilliseconds":250,"probability":0.5}"#),
        ("all:*:random-delay=250:0.5", #"{"kind":"delay","delayMilliseconds":250,"random":true,"probability":0.5}"#),
        ("all:*:random-delay=250:0.5", #"{"kind":"random-delay=250","random":true,"probability":0.5}"#),
        ("all:*:delay=0:1:2", #"{"kind":"delay=0","delayMilliseconds":0,"probability":1,"times":2}"#),
    ])
    func theJSONKindTakesEverySpellingOfTheCommandLine(option: String, json: String) async throws {
        let expected = try FaultRule(parsing: option)
        #expect(expected.delayMilliseconds != nil)
        let sandbox = try await RunningSandbox.start()
        let set = try await SandboxControlTests.call(sandbox, .put, "_sandbox/faults", body: Data("[\(json)]".utf8))
        #expect(set.status == 200, "\(String(decoding: set.body, as: UTF8.self))")
        let inForce = try await SandboxControlTests.call(sandbox, .get, "_sandbox/faults")
        #expect(try JSONDecoder().decode([FaultRule].self, from: inForce.body) == [expected])
        let page = String(decoding: try await SandboxControlTests.call(sandbox, .get, "_sandbox").body, as: UTF8.self)
        #expect(
            page.contains(
                "<td>\(expected.random == true ? "random-delay" : "delay")=\(expected.delayMilliseconds ?? -1)</td>"))
        try await sandbox.stop()
    }

    @Test func theCommandLineAndJSONFormsMakeTheSameFault() throws {
        let fromOption = try FaultRule(parsing: "jpush:/v1/messages/batch:random-delay=1500:0.5:3")
        let fromJSON = try JSONDecoder().decode(
            FaultRule.self,
            from: Data(
                #"{"provider":"jpush","route":"/v1/messages/batch","kind":"delay","delayMilliseconds":1500,"random":true,"probability":0.5,"times":3}"#
                    .utf8))
        #expect(fromOption == fromJSON)
        #expect(try JSONDecoder().decode(FaultRule.self, from: JSONEncoder().encode(fromOption)) == fromOption)
    }
}
