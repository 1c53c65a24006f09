import Foundation
import Testing

@testable import MMSKitProviders

/// The scanner (the receiver's fast path) reads what the full parser reads, and leaves everything else to it.
@Suite struct PushScannerTests {
    static let agreeing: [(String, PushKind)] = [
        (
            #"{"task_id":"T1","phone":"13800138000","code":"DELIVERED","message":"用户已成功收到","report_time":"2026-12-01 09:30:05"}"#,
            .receipt
        ),
        (
            #" [ {"task_id":1001,"phone":"13800138000","code":"DELIVERED"} , {"task_id":"1001","phone":"13900139000","code":"UNDELIV","message":null} ] "#,
            .receipt
        ),
        (
            #"{"task_id":"T1","phone":"13800138000","code":"MK:0001","message":"\u7a7a\u53f7 \"quoted\" \\ \/ \n\t","extra":true,"rate":-1.5e3}"#,
            .receipt
        ),
        (#"{"task_id":"T1","phone":"13800138000","code":"A","code":"B"}"#, .receipt),
        (#"{"task_id":"T1","phone":"1","code":"A","message":"emoji \ud83d\ude00 and 😀"}"#, .receipt),
        (
            #"{"phone":"13800138000","content":"T","receive_time":"2026-12-01 10:00:00","task_id":"","dest_code":"01"}"#,
            .uplink
        ),
        (#"{"template_id":100001,"code":"SUCCESS","message":"审核通过"}"#, .review),
        (#"{"template_id":"100001","code":"FAIL","message":"含有敏感词"}"#, .review),
    ]

    @Test(arguments: Self.agreeing.indices)
    func readsWhatTheFullParserReads(index: Int) throws {
        let (json, kind) = Self.agreeing[index]
        let body = Data(json.utf8)
        let fast = try #require(IhuyiPushScanner.records(from: body, kind: kind), "the scanner left \(json) alone")
        #expect(fast == (try IhuyiPushParser.parsedInFull(body, kind: kind)))
    }

    static let leftToTheFullParser: [(String, PushKind)] = [
        (#"{"task_id":"T1","phone":"13800138000"}"#, .receipt),  // code missing
        (#"{"task_id":"T1","phone":"13800138000","code":true}"#, .receipt),  // code of the wrong type
        (#"{"task_id":"T1","phone":"13800138000","code":"A","nested":{"a":1}}"#, .receipt),
        (#"{"task_id":"T1","phone":"13800138000","code":"A",}"#, .receipt),
        (#"{"task_id":"T1","phone":"13800138000","code":"A"} trailing"#, .receipt),
        (#"[]"#, .receipt),
        (#"[{"task_id":"T1","phone":"1","code":"A"},]"#, .receipt),
        (#"{"task_id":"T1","phone":"1","code":"bad \ud800 surrogate"}"#, .receipt),
        (#"{"task_id":"T1","phone":"1","code":"A","n":01}"#, .receipt),
        (#"{"task_id":"T1","phone":"1","code":"A","n":1.}"#, .receipt),
        ("{\"task_id\":\"T1\",\"phone\":\"1\",\"code\":\"raw\ttab\"}", .receipt),
        (#"{"template_id":1.5,"code":"SUCCESS"}"#, .review),
        ("\"just text\"", .receipt),
        ("", .receipt),
    ]

    @Test(arguments: Self.leftToTheFullParser.indices)
    func leavesEverythingElseToTheFullParser(index: Int) {
        let (json, kind) = Self.leftToTheFullParser[index]
        #expect(IhuyiPushScanner.records(from: Data(json.utf8), kind: kind) == nil, "\(json)")
    }

    @Test func invalidUTF8IsLeftToTheFullParser() {
        var body = Data(#"{"task_id":"T1","phone":"1","code":""#.utf8)
        body.append(contentsOf: [0xC3, 0x28])
        body.append(contentsOf: Data(#""}"#.utf8))
        #expect(IhuyiPushScanner.records(from: body, kind: .receipt) == nil)
        #expect(throws: PushPayloadError.self) { try IhuyiPushParser.records(from: body, kind: .receipt) }
    }
}
