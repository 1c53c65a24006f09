import Crypto
import Foundation
import MMSKit
import Testing

@testable import MMSKitProviders

/// ihuyi's pushes and JSMS callbacks read into records: required fields, types, arrays, unknown fields kept.
@Suite struct PushParserTests {
    static func records(_ json: String, _ kind: PushKind) throws(PushPayloadError) -> [PushRecord] {
        try IhuyiPushParser.records(from: Data(json.utf8), kind: kind)
    }

    @Test func aReceiptIsReadWithItsNaturalKeyAndUnknownFieldsKept() throws {
        let records = try Self.records(
            #"{"task_id":"T1","phone":"13800138000","code":"DELIVERED","message":"ok","send_time":"2026-12-01 09:30:00","report_time":"2026-12-01 09:30:05","operator":"cmcc"}"#,
            .deliveryReceipt)
        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(
            record.kind == .deliveryReceipt && record.provider == "ihuyi" && record.taskID == "T1"
                && record.phone == "13800138000")
        #expect(record.code == "DELIVERED" && record.isDelivered && record.eventTime == "2026-12-01 09:30:05")
        #expect(record.naturalKey == PushRecord.key("T1", "13800138000"))
        let payload = try #require(try JSONSerialization.jsonObject(with: record.payload) as? [String: Any])
        #expect(payload["operator"] as? String == "cmcc")
    }

    @Test func anArrayGivesOneRecordEachAndNumbersWhereTextIsExpectedAreTheirDigits() throws {
        let records = try Self.records(
            #"[{"task_id":1001,"phone":"13800138000","code":"DELIVERED"},{"task_id":"1001","phone":"13900139000","code":"UNDELIV"}]"#,
            .deliveryReceipt)
        #expect(records.map(\.taskID) == ["1001", "1001"])
        #expect(records.map(\.isDelivered) == [true, false])
    }

    @Test(arguments: [
        (#"{"phone":"13800138000","code":"DELIVERED"}"#, "receipt: task_id is missing"),
        (
            #"[{"task_id":"T","phone":"1","code":"X"},{"task_id":"T","phone":true,"code":"X"}]"#,
            "receipt[1]: phone must be text, not a boolean"
        ),
        (#"[{"task_id":"T","phone":"1","code":"X"}, 3]"#, "receipt[1] is a number, not a JSON object"),
        (#"[]"#, "the array holds no receipt"),
        (#""text""#, "the body is a string: send one receipt object or an array of them"),
        (#"{"task_id":"T","phone":"1","code":"X""#, "the body is not JSON"),
    ])
    func badReceiptsAreRefusedNamingTheRecordAndField(json: String, message: String) {
        #expect { try Self.records(json, .deliveryReceipt) } throws: { "\($0)".hasPrefix(message) }
    }

    @Test func uplinksAndReviewsHaveTheirOwnKeys() throws {
        let uplink = try #require(
            try Self.records(
                #"{"task_id":"T1","phone":"13800138000","content":"T","dest_code":"01","receive_time":"2026-12-01 10:00:00"}"#,
                .reply
            ).first)
        #expect(uplink.naturalKey == PushRecord.key("13800138000", "2026-12-01 10:00:00", "T") && uplink.message == "T")
        let review = try #require(
            try Self.records(#"{"template_id":"5501","code":"FAIL","message":"签名不规范"}"#, .templateReview).first)
        #expect(
            review.templateID == 5501 && review.code == "FAIL"
                && review.naturalKey == PushRecord.key("5501", "FAIL", "签名不规范"))
        #expect { try Self.records(#"{"template_id":"x","code":"FAIL"}"#, .templateReview) } throws: {
            "\($0)" == "review: template_id must be an integer, not a string"
        }
    }

    @Test func eachPayloadIsItsObjectsOwnBytes() throws {
        let first =
            #"{"task_id":"T","phone":"1","code":"X","note":"a } in \"text\" and [brackets]","extra":{"n":[1,{"m":2}]}}"#
        let second = #"{ "task_id" : "T", "phone" : "2", "code" : "Y" }"#
        let records = try Self.records("[\n  \(first),\n  \(second)\n]", .deliveryReceipt)
        #expect(records.map { String(decoding: $0.payload, as: UTF8.self) } == [first, second])
    }

    @Test func keysOfDifferentPartsNeverCollide() {
        #expect(PushRecord.key("a|b", "c") != PushRecord.key("a", "b|c"))
        #expect(PushRecord.key(nil, "x") != PushRecord.key("", "x"))
    }

    // MARK: JSMS callbacks

    static let app = JPushCredentials(
        appKey: "7d431e42dfa6a6d693ac2d04", masterSecret: Secret("5e987ac6d2e04d95a9d8f0d1"))

    /// The form JSMS posts, signed as its document says: SHA-1 of appKey=…&appMasterSecret=…&nonce=…&timestamp=….
    static func form(
        type: String, data: String, nonce: String = "8172341", timestamp: String = "1733200000123",
        secret: String = "5e987ac6d2e04d95a9d8f0d1"
    ) -> [String: String] {
        let text = "appKey=\(app.appKey)&appMasterSecret=\(secret)&nonce=\(nonce)&timestamp=\(timestamp)"
        let signature = Insecure.SHA1.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        return ["nonce": nonce, "timestamp": timestamp, "type": type, "data": data, "signature": signature]
    }

    @Test func aSignedReportIsReadAndABadSignatureIsRefused() throws {
        let report = try JPushCallbackParser.record(
            from: Self.form(
                type: "SMS_REPORT",
                data: #"{"msgId":"1605084873","status":4001,"receiveTime":1733200000,"phone":"13800138000"}"#),
            credentials: Self.app)
        #expect(
            report.kind == .deliveryReceipt && report.provider == .jpush && report.taskID == "1605084873"
                && report.code == "4001" && report.isDelivered)
        #expect(report.naturalKey == PushRecord.key("SMS_REPORT", "1605084873"))
        #expect(throws: JPushCallbackParser.Failure.badSignature) {
            try JPushCallbackParser.record(
                from: Self.form(type: "SMS_REPORT", data: "{}", secret: "wrong"), credentials: Self.app)
        }
        var missing = Self.form(type: "SMS_REPLY", data: "{}")
        missing["nonce"] = nil
        #expect(throws: JPushCallbackParser.Failure.malformed(PushPayloadError("the form has no nonce"))) {
            try JPushCallbackParser.record(from: missing, credentials: Self.app)
        }
    }

    @Test func repliesTemplatesAndSignsAreRead() throws {
        let reply = try JPushCallbackParser.record(
            from: Self.form(type: "SMS_REPLY", data: #"{"phone":"13800138000","replyTime":1733200001,"content":"TD"}"#),
            credentials: Self.app)
        #expect(reply.message == "TD" && reply.phone == "13800138000")
        let template = try JPushCallbackParser.record(
            from: Self.form(type: "SMS_TEMPLATE", data: #"{"tempId":1234,"status":2,"refuseReason":"含营销词"}"#),
            credentials: Self.app)
        #expect(template.templateID == 1234 && template.code == "2" && template.message == "含营销词")
        #expect(
            throws: JPushCallbackParser.Failure.malformed(
                PushPayloadError("data is not JSON (expected a quoted key, found end of file)"))
        ) {
            try JPushCallbackParser.record(from: Self.form(type: "SMS_REPORT", data: "{"), credentials: Self.app)
        }
    }

    // MARK: What the receiver refuses (found by schemathesis)

    @Test(arguments: [
        (
            #"{"task_id":"T","phone":"1","code":"X","send_time":{"a":1}}"#, PushKind.deliveryReceipt,
            "receipt: send_time must be text, not an object"
        ),
        (
            #"{"task_id":"T","phone":"1","code":"X","send_time":[1]}"#, .deliveryReceipt,
            "receipt: send_time must be text, not an array"
        ),
        (
            #"{"task_id":"T","phone":"1","code":"X","send_time":true}"#, .deliveryReceipt,
            "receipt: send_time must be text, not a boolean"
        ),
        (
            #"{"task_id":"T","phone":"1","code":"X","send_time":1.5}"#, .deliveryReceipt,
            "receipt: send_time must be text, not a number"
        ),
        (#"{"task_id":"T","phone":"1","code":"X","message":{}}"#, .deliveryReceipt, "receipt: message must be text"),
        (
            #"{"phone":"1","content":"T","receive_time":"t","dest_code":["01"]}"#, .reply,
            "uplink: dest_code must be text, not an array"
        ),
        (
            #"{"phone":"1","content":"T","receive_time":"t","send_time":false}"#, .reply,
            "uplink: send_time must be text, not a boolean"
        ),
        (
            #"{"phone":"1","content":"T","receive_time":"t","task_id":0.5}"#, .reply,
            "uplink: task_id must be text, not a number"
        ),
        (#"{"task_id":"","phone":"1","code":"X"}"#, .deliveryReceipt, "receipt: task_id is empty"),
        (#"{"task_id":"T","phone":"","code":"X"}"#, .deliveryReceipt, "receipt: phone is empty"),
        (#"{"task_id":"T","phone":"1","code":""}"#, .deliveryReceipt, "receipt: code is empty"),
        (#"{"phone":"1","content":"T","receive_time":""}"#, .reply, "uplink: receive_time is empty"),
        (#"{"phone":"1","content":"","receive_time":"t"}"#, .reply, "uplink: content is empty"),
        (
            #"{"template_id":5501,"code":"PENDING"}"#, .templateReview,
            "review: code is 'PENDING'; ihuyi sends SUCCESS or FAIL"
        ),
        (#"{"template_id":5501,"code":""}"#, .templateReview, "review: code is empty"),
    ])
    func everyDocumentedFieldIsTypeCheckedAndIdentifyingFieldsMustHoldAValue(
        json: String, kind: PushKind, message: String
    ) {
        // Both readers: the full parser, and the scanner (which hands anything unusual to the full parser).
        #expect { try Self.records(json, kind) } throws: { "\($0)".hasPrefix(message) }
        #expect { try IhuyiPushParser.parsedInFull(Data(json.utf8), kind: kind) } throws: { "\($0)".hasPrefix(message) }
    }

    @Test func theRecordsAreWhatThePublicTypesSay() throws {
        // One wire representation: what the sandbox sends (the Codable types, encoded) reads back as the record the
        // type itself makes, through the scanner and the full parser alike.
        let receipt = IhuyiDeliveryReceipt(
            taskID: "T9", phone: "13800138000", code: "MK:0001", message: "空号", sendTime: "2026-12-01 09:30:00",
            reportTime: "2026-12-01 09:30:05")
        let uplink = IhuyiUplink(
            taskID: nil, phone: "13800138000", content: "退订", destCode: "01", sendTime: nil,
            receiveTime: "2026-12-01 10:00:00")
        let review = IhuyiTemplateReview(templateID: 5501, code: IhuyiTemplateReview.approved, message: nil)
        func check(_ value: some Encodable, _ kind: PushKind, _ expected: (Data) -> PushRecord) throws {
            let body = try JSONEncoder().encode(value)
            #expect(try Self.records(String(decoding: body, as: UTF8.self), kind) == [expected(body)])
            #expect(try IhuyiPushParser.parsedInFull(body, kind: kind) == [expected(body)])
        }
        try check(receipt, .deliveryReceipt) { receipt.record(payload: $0) }
        try check(uplink, .reply) { uplink.record(payload: $0) }
        try check(review, .templateReview) { review.record(payload: $0) }
        #expect(receipt.record(payload: Data()).outcome == .failed && !receipt.isDelivered)
        #expect(review.record(payload: Data()).outcome == .approved)
        #expect(uplink.record(payload: Data()).outcome == nil)
    }

    @Test func jsmsCallbacksAreCheckedLikeIhuyisPushes() throws {
        #expect(
            throws: JPushCallbackParser.Failure.malformed(
                PushPayloadError("timestamp is 'abc'; JSMS sends milliseconds since 1970 (digits)"))
        ) {
            try JPushCallbackParser.record(
                from: Self.form(type: "SMS_REPORT", data: #"{"msgId":"1","status":4001}"#, timestamp: "abc"),
                credentials: Self.app)
        }
        #expect(
            throws: JPushCallbackParser.Failure.malformed(
                PushPayloadError("data: phone is empty; leave it out or give the number"))
        ) {
            try JPushCallbackParser.record(
                from: Self.form(type: "SMS_REPORT", data: #"{"msgId":"1","status":4001,"phone":""}"#),
                credentials: Self.app)
        }
        #expect {
            try JPushCallbackParser.record(
                from: Self.form(type: "SMS_REPLY", data: #"{"phone":"","content":"T"}"#), credentials: Self.app)
        } throws: { "\($0)" == "data: phone is empty; it identifies the record, so it must hold a value" }
        #expect {
            try JPushCallbackParser.record(
                from: Self.form(type: "SMS_TEMPLATE", data: #"{"tempId":1,"status":7}"#), credentials: Self.app)
        } throws: { "\($0)".hasPrefix("data: status is '7'") }
        let sign = try JPushCallbackParser.record(
            from: Self.form(type: "SMS_SIGN", data: #"{"signId":77,"status":0}"#), credentials: Self.app)
        #expect(sign.kind == .signReview && sign.outcome == .inReview && sign.templateID == nil)
        let failed = try JPushCallbackParser.record(
            from: Self.form(type: "SMS_REPORT", data: #"{"msgId":"2","status":4004}"#), credentials: Self.app)
        #expect(failed.outcome == .failed && !failed.isDelivered)
    }
}
