import Foundation
import MMSKit
import Testing

/// A reply opts out only when the whole message is one keyword, compared without width, case, surrounding
/// white space or trailing punctuation.
@Suite struct OptOutKeywordsTests {
    let keywords = OptOutKeywords()

    @Test(arguments: [
        ("T", "T"), ("t", "T"), ("Ｔ", "T"), ("ｔ", "T"), (" T ", "T"), ("T。", "T"), ("T!", "T"), ("T！！", "T"),
        ("td", "TD"), ("ＴＤ", "TD"), ("n", "N"), ("退订", "退订"), ("退订！", "退订"), ("\u{3000}退订\u{3000}", "退订"),
        ("取消", "取消"), ("退", "退"), ("0000", "0000"), ("００００", "0000"), ("Stop", "STOP"), ("stop.", "STOP"),
        ("UNSUBSCRIBE", "UNSUBSCRIBE"), ("unsubscribe\n", "UNSUBSCRIBE"), ("T~", "T"),
    ])
    func aReplyThatIsOneKeywordOptsOut(reply: String, keyword: String) {
        #expect(keywords.match(reply) == .optOut(keyword: keyword))
    }

    @Test(arguments: [
        "T恤还有吗", "我要退订这个", "TD123", "stop sending me these", "T T", "Thanks", "退货", "000", "00000", "", "。",
        "NO", "?T",
    ])
    func aMessageThatMerelyContainsAKeywordDoesNot(reply: String) {
        #expect(keywords.match(reply) == nil)
    }

    @Test func optInKeywordsAreNoneByDefaultAndConfigurable() throws {
        #expect(keywords.match("START") == nil)
        let configured = try OptOutKeywords(optOut: ["退订"], optIn: ["start", "订阅"])
        #expect(configured.match("Start!") == .optIn(keyword: "start"))
        #expect(configured.match("订阅") == .optIn(keyword: "订阅"))
        #expect(configured.match("T") == nil, "a configured list replaces the defaults")
        #expect(configured.match("退订") == .optOut(keyword: "退订"))
    }

    @Test func aKeywordInBothListsOrEmptyIsRefused() {
        #expect(throws: OptOutKeywordsError.inBothLists(keyword: "stop")) {
            try OptOutKeywords(optOut: ["stop"], optIn: ["ＳＴＯＰ"])
        }
        #expect(throws: OptOutKeywordsError.empty(list: "opt-out", keyword: " ! ")) {
            try OptOutKeywords(optOut: ["T", " ! "])
        }
    }

    @Test func decodesFromConfigurationWithDefaultsForMissingLists() throws {
        let decoded = try JSONDecoder().decode(OptOutKeywords.self, from: Data(#"{"opt_in":["start"]}"#.utf8))
        #expect(decoded.optOut == OptOutKeywords.defaultOptOut)
        #expect(decoded.match("START") == .optIn(keyword: "start"))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(OptOutKeywords.self, from: Data(#"{"opt_out":["T"],"opt_in":["t"]}"#.utf8))
        }
    }
}
