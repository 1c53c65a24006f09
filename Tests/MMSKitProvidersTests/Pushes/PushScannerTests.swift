import Foundation
import MMSKit
import Testing

@testable import MMSKitProviders

/// The scanner (the receiver's fast path) reads what the full parser reads, and leaves everything else to it.
@Suite struct PushScannerTests {
    static let agreeing: [(String, PushKind)] = [
        (
            #"{"task_id":"T1","phone":"13800138000","code":"DELIVERED","message":"用户已成功收到","report_time":"2026-12-01 09:30:05"}"#,
            .deliveryReceipt
        ),
        (
            #" [ {"task_id":1001,"phone":"13800138000","code":"DELIVERED"} , {"task_id":"1001","phone":"13900139000","code":"UNDELIV","message":null} ] "#,
            .deliveryReceipt
        ),
        (
            #"{"task_id":"T1","phone":"13800138000","code":"MK:0001","message":"\u7a7a\u53f7 \"quoted\" \\ \/ \n\t","extra":true,"rate":-1.5e3}"#,
            .deliveryReceipt
        ),
        (#"{"task_id":"T1","phone":"13800138000","code":"A","code":"B"}"#, .deliveryReceipt),
        (#"{"task_id":"T1","phone":"1","code":"A","message":"emoji \ud83d\ude00 and 😀"}"#, .deliveryReceipt),
        (
            #"{"phone":"13800138000","content":"T","receive_time":"2026-12-01 10:00:00","task_id":"","dest_code":"01"}"#,
            .reply
        ),
        (#"{"template_id":100001,"code":"SUCCESS","message":"审核通过"}"#, .templateReview),
        (#"{"template_id":"100001","code":"FAIL","message":"含有敏感词"}"#, .templateReview),
    ]

    @Test(arguments: Self.agreeing.indices)
    func readsWhatTheFullParserReads(index: Int) throws {
        let (json, kind) = Self.agreeing[index]
        let body = Data(json.utf8)
        let fast = try #require(IhuyiPushScanner.records(from: body, kind: kind), "the scanner left \(json) alone")
        #expect(fast == (try IhuyiPushParser.parsedInFull(body, kind: kind)))
    }

    static let leftToTheFullParser: [(String, PushKind)] = [
        (#"{"task_id":"T1","phone":"13800138000"}"#, .deliveryReceipt),  // code missing
        (#"{"task_id":"T1","phone":"13800138000","code":true}"#, .deliveryReceipt),  // code of the wrong type
        (#"{"task_id":"T1","phone":"13800138000","code":"A","nested":{"a":1}}"#, .deliveryReceipt),
        (#"{"task_id":"T1","phone":"13800138000","code":"A",}"#, .deliveryReceipt),
        (#"{"task_id":"T1","phone":"13800138000","code":"A"} trailing"#, .deliveryReceipt),
        (#"[]"#, .deliveryReceipt),
        (#"[{"task_id":"T1","phone":"1","code":"A"},]"#, .deliveryReceipt),
        (#"{"task_id":"T1","phone":"1","code":"bad \ud800 surrogate"}"#, .deliveryReceipt),
        (#"{"task_id":"T1","phone":"1","code":"A","n":01}"#, .deliveryReceipt),
        (#"{"task_id":"T1","phone":"1","code":"A","n":1.}"#, .deliveryReceipt),
        ("{\"task_id\":\"T1\",\"phone\":\"1\",\"code\":\"raw\ttab\"}", .deliveryReceipt),
        (#"{"template_id":1.5,"code":"SUCCESS"}"#, .templateReview),
        ("\"just text\"", .deliveryReceipt),
        ("", .deliveryReceipt),
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
        #expect(IhuyiPushScanner.records(from: body, kind: .deliveryReceipt) == nil)
        #expect(throws: PushPayloadError.self) { try IhuyiPushParser.records(from: body, kind: .deliveryReceipt) }
    }
}
