import Foundation
import MMSKit
import Testing

@testable import MMSKit

@Suite struct LintConfigurationTests {
    @Test func readsProfileLimitsRulesAndExcludes() throws {
        let configuration = try LintConfiguration(
            yaml: """
                profile: conservative
                limits:
                  max_total_bytes: 204800
                  max_frames: 5
                  max_duration_seconds: 15.5
                  allowed_formats: [jpg, png, mp4]
                rules:
                  opt-out-line: off
                  links-in-text: error
                  unknown-field: note
                  title: on
                exclude:
                  - "drafts/**"
                  - "*.draft.json"
                """, file: ".mmskit.yml")
        #expect(configuration.profile.name == "conservative")
        #expect(configuration.profile.maxTotalBytes == 204_800)
        #expect(configuration.profile.maxFrames == 5)
        #expect(configuration.profile.maxImageWidth == 1280)
        #expect(configuration.profile.maxDurationSeconds == 15.5)
        #expect(configuration.profile.allowedFormats == [.jpeg, .mp4, .png])
        #expect(configuration.severity(of: LintRules.rule(id: .optOutLine)!.description) == nil)
        #expect(configuration.severity(of: LintRules.rule(id: .linksInText)!.description) == .error)
        #expect(configuration.severity(of: LintRules.rule(id: .unknownField)!.description) == .note)
        #expect(configuration.severity(of: LintRules.rule(id: .title)!.description) == .error)
        #expect(configuration.excludes.map(\.pattern) == ["drafts/**", "*.draft.json"])
    }

    @Test func readsTheVideoLimitsFittingUses() throws {
        #expect(ProviderProfile.conservative.maxVideoWidth == 640)
        #expect(ProviderProfile.conservative.maxFrameRate == 30)
        #expect(ProviderProfile.ihuyi.maxVideoWidth == nil)
        let configuration = try LintConfiguration(
            yaml: """
                limits:
                  max_video_width: 854
                  max_video_height: 480
                  max_frame_rate: 24
                """, file: ".mmskit.yml")
        #expect(configuration.profile.maxVideoWidth == 854)
        #expect(configuration.profile.maxVideoHeight == 480)
        #expect(configuration.profile.maxFrameRate == 24)
        #expect(
            throws: ConfigurationError.self,
            performing: { try LintConfiguration(yaml: "limits:\n  max_frame_rate: -1\n", file: ".mmskit.yml") })
    }

    @Test func reportsEveryMistakeWithItsLine() {
        do {
            _ = try LintConfiguration(
                yaml: """
                    profile: aliyun
                    limits:
                      max_frames: many
                      max_size: 3
                    rules:
                      opt_out_line: off
                      title: loud
                    excludes: [a]
                    """, file: "ci/.mmskit.yml")
            Issue.record("a bad configuration was accepted")
        } catch {
            let messages = error.diagnostics.map { "\($0.location?.line ?? 0): \($0.message)" }
            #expect(messages.count == 6, "\(messages)")
            #expect(messages.contains { $0.hasPrefix("1: unknown profile 'aliyun'") })
            #expect(messages.contains { $0.hasPrefix("3: max_frames must be a whole number") })
            #expect(messages.contains { $0.hasPrefix("4: unknown limit 'max_size'") })
            #expect(messages.contains { $0.hasPrefix("6: unknown rule 'opt_out_line'; did you mean 'opt-out-line'?") })
            #expect(messages.contains { $0.hasPrefix("7: rule 'title' must be off, on, error, warning or note") })
            #expect(messages.contains { $0.hasPrefix("8: unknown key 'excludes'") })
            #expect(error.diagnostics.allSatisfy { $0.location?.file == "ci/.mmskit.yml" })
        }
    }

    @Test func emptyAndBrokenFiles() {
        #expect(throws: Never.self) { try LintConfiguration(yaml: "", file: "c") }
        #expect(throws: ConfigurationError.self) { try LintConfiguration(yaml: "rules: [a, b]\n", file: "c") }
        #expect(throws: ConfigurationError.self) { try LintConfiguration(yaml: "profile: \"open\n", file: "c") }
        #expect(throws: ConfigurationError.self) { try LintConfiguration(yaml: "- profile\n", file: "c") }
    }
}

@Suite struct GlobPatternTests {
    @Test(arguments: [
        ("drafts/**", "drafts/a.json", true), ("drafts/**", "drafts/x/y/z.json", true),
        ("drafts/**", "other/a.json", false),
        ("*.json", "a.json", true), ("*.json", "dir/a.json", false), ("**/*.json", "dir/sub/a.json", true),
        ("**/*.json", "a.json", true), ("templates/*/body.json", "templates/spring/body.json", true),
        ("a?c.json", "abc.json", true), ("[ab].json", "b.json", true), ("[!ab].json", "b.json", false),
        ("vendor/", "vendor/x.json", true), ("./drafts/**", "./drafts/a.json", true),
    ])
    func matches(pattern: String, path: String, expected: Bool) throws {
        #expect(try GlobPattern(pattern).matches(path) == expected)
    }

    @Test func aPatternMatchesFilesUnderAMatchedDirectory() throws {
        #expect(try GlobPattern("drafts").matches("drafts/a.json"))
    }
}

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("13800138000", "13800138000"), ("+86 138 0013 8000", "13800138000"), ("0086-138-0013-8000", "13800138000"),
        ("8613800138000", "13800138000"), (" 19912345678 ", "19912345678"),
        ("138\u{3000}0013\u{3000}8000", "13800138000"),
    ])
    func normalises(raw: String, digits: String) throws {
        #expect(try PhoneNumber(raw).digits == digits)
    }

    @Test(arguments: [
        ("", PhoneNumber.Problem.empty), ("1380013800", .wrongLength(digits: 10)),
        ("12800138000", .notMobile(number: "12800138000")),
        ("021-12345678", .notMobile(number: "02112345678")), ("138001380OO", .invalidCharacter(character: "O")),
        ("138+00138000", .invalidCharacter(character: "+")),
        ("+1 415 555 0100", .foreign(number: "14155550100")), ("+852 9123 4567", .foreign(number: "85291234567")),
    ])
    func rejects(raw: String, problem: PhoneNumber.Problem) {
        #expect(throws: PhoneNumber.Problem.self) { try PhoneNumber(raw) }
        if case .wrongLength = problem { return }
        #expect(throws: problem) { try PhoneNumber(raw) }
    }
}

/// `opt_outs` in `.mmskit.yml`: the receiver's opt-out and opt-in keywords, checked with located errors.
@Suite struct OptOutConfigurationTests {
    @Test func keywordsReplaceTheDefaultsAndOptInKeywordsAreAdded() throws {
        let configuration = try LintConfiguration(
            yaml: "opt_outs:\n  keywords: [T, 停止]\n  opt_in_keywords: [START]\n", file: ".mmskit.yml")
        #expect(configuration.optOutKeywords.match("停止") == .optOut(keyword: "停止"))
        #expect(configuration.optOutKeywords.match("退订") == nil)
        #expect(configuration.optOutKeywords.match("start") == .optIn(keyword: "START"))
        #expect(try LintConfiguration(yaml: "profile: ihuyi\n", file: "x").optOutKeywords == OptOutKeywords())
    }

    /// `opt_outs.store` names the list `send` leaves out and `report` reads: a relative path is the
    /// configuration file's neighbour, whatever directory the command runs in; a URL stays as written.
    @Test func theStoreIsTakenFromTheConfigurationFilesDirectory() throws {
        let relative = try LintConfiguration(
            yaml: "opt_outs:\n  store: data/receipts.sqlite\n", file: "/srv/app/.mmskit.yml")
        #expect(relative.optOutStore == "/srv/app/data/receipts.sqlite")
        #expect(relative.optOutKeywords == OptOutKeywords())
        let url = try LintConfiguration(
            yaml: "opt_outs:\n  store: postgres://mmskit@db/mmskit\n", file: "/srv/app/.mmskit.yml")
        #expect(url.optOutStore == "postgres://mmskit@db/mmskit")
        #expect(
            try LintConfiguration(yaml: "opt_outs:\n  store: /var/r.sqlite\n", file: "x/.mmskit.yml").optOutStore
                == "/var/r.sqlite")
        #expect(try LintConfiguration(yaml: "profile: ihuyi\n", file: "x").optOutStore == nil)
    }

    @Test(arguments: [
        ("opt_outs: T\n", 1, "opt_outs must be a mapping"),
        ("opt_outs:\n  keywords: T\n", 2, "opt_outs.keywords must be a list of replies"),
        ("opt_outs:\n  stop_words: [T]\n", 2, "unknown key 'stop_words' in opt_outs"),
        ("opt_outs:\n  keywords: [T]\n  opt_in_keywords: [t]\n", 2, "'T' is both an opt-out and an opt-in keyword"),
        ("opt_outs:\n  keywords: [T, '。']\n", 2, "the opt-out keyword '。' is empty"),
        ("opt_outs:\n  store: [a, b]\n", 2, "opt_outs.store must be the store's path"),
        ("opt_outs:\n  store: ''\n", 2, "opt_outs.store must be the store's path"),
    ])
    func aBadSectionIsNamedWithItsLine(yaml: String, line: Int, message: String) {
        do {
            _ = try LintConfiguration(yaml: yaml, file: ".mmskit.yml")
            Issue.record("accepted \(yaml)")
        } catch {
            let diagnostic = error.diagnostics.first
            #expect(diagnostic?.message.contains(message) == true, "\(error.diagnostics)")
            #expect(diagnostic?.location?.line == line, "\(error.diagnostics)")
        }
    }
}
