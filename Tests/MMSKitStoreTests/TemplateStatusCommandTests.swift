import Foundation
import MMSKitProviders
import MMSKitStore
import MMSKitTestSupport
import Testing

/// `mmskit template status ID` shows what the review push said, from the receiver's store.
@Suite struct TemplateStatusCommandTests {
    @Test func theLatestReviewOfATemplateIsShown() async throws {
        let directory = try TemporaryDirectory("mmskit-template-status")
        let database = directory.appending("r.sqlite")
        let store = try SQLitePushStore(path: database)
        _ = try await store.store(
            try IhuyiPushParser.records(
                from: Data(#"{"template_id":5501,"code":"FAIL","message":"签名不规范"}"#.utf8), kind: .templateReview))
        _ = try await store.store(
            try IhuyiPushParser.records(
                from: Data(#"{"template_id":5501,"code":"SUCCESS","message":"审核通过"}"#.utf8), kind: .templateReview))
        _ = try await store.store(
            try IhuyiPushParser.records(
                from: Data(#"{"template_id":6000,"code":"FAIL","message":"含\u001b[31m营销词"}"#.utf8),
                kind: .templateReview))
        try await store.close()

        let approved = try CLIRunner.run(["template", "status", "5501", "--db", database])
        #expect(approved.status == 0, "\(approved.stderr)")
        #expect(approved.stdoutText.hasPrefix("template 5501: approved (ihuyi SUCCESS: 审核通过"), "\(approved.stdoutText)")
        #expect(approved.stdoutText.contains("1 earlier result"))
        let rejected = try CLIRunner.run(["template", "status", "6000", "--db", database])
        #expect(rejected.stdoutText.hasPrefix("template 6000: rejected"))
        #expect(!rejected.stdoutText.contains("\u{1b}"), "provider text is printed inert")
        let pending = try CLIRunner.run(["template", "status", "7", "--db", database, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: pending.stdout) as? [String: Any])
        #expect(object["status"] as? String == "pending" && object["template_id"] as? Int == 7)
        let reviewed = try CLIRunner.run(["template", "status", "5501", "--db", database, "--json"])
        let output = try #require(try JSONSerialization.jsonObject(with: reviewed.stdout) as? [String: Any])
        let reviews = try #require(output["reviews"] as? [[String: Any]])
        #expect(output["template_id"] as? Int == 5501 && reviews.count == 2)
        #expect(reviews.allSatisfy { $0["template_id"] as? Int == 5501 && $0["templateID"] == nil }, "one key style")
        let missing = try CLIRunner.run(["template", "status", "7", "--db", directory.appending("none.sqlite")])
        #expect(missing.status == 2 && missing.stderr.contains("none.sqlite"))
    }
}
