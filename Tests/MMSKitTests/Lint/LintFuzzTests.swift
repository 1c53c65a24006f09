import Foundation
import MMSKitTestSupport
import Testing

@testable import MMSKit

/// Random and mutated inputs never crash or hang the linter, and every diagnostic stays well-formed.
@Suite(.timeLimit(.minutes(2))) struct LintFuzzTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce from the seed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func seeds() throws -> [Data] {
        let promo = try ContentBuilder(sniffer: Fixtures.sniffer).build(directory: PackagePaths.sample("promo"))
        return [
            Data(try RuleExampleTests.expand(json: RuleExamples.validTemplate).utf8),
            Data(try RuleExampleTests.expand(json: RuleExamples.validBatch).utf8),
            ContentJSON(template: promo.fields, content: promo.content).data(),
        ]
    }

    static let splices: [[UInt8]] = [
        Array("123456789012345678901234567890123456789".utf8), Array("1e999999".utf8), Array("-0.0000000001".utf8),
        Array(String(repeating: "[", count: 300).utf8), Array(String(repeating: "{\"a\":", count: 200).utf8),
        [0xFF, 0xFE, 0xC0, 0x80], [0xED, 0xA0, 0x80], Array("\\ud800".utf8), Array("\"\"\"".utf8), Array("null".utf8),
        Array(",]}".utf8), [0x00], Array("【】回T退订 https://t.cn/x".utf8),
    ]

    func check(_ data: Data, _ linter: Linter) {
        let diagnostics = linter.lint(data: data, file: "fuzz.json").diagnostics
        for diagnostic in diagnostics {
            #expect(
                diagnostic.ruleID.flatMap(LintRules.rule(id:)) != nil,
                "unknown rule \(diagnostic.ruleID?.rawValue ?? "nil")")
            if let line = diagnostic.location?.line { #expect(line >= 1) }
            if let column = diagnostic.location?.column { #expect(column >= 1) }
            #expect(!diagnostic.message.isEmpty)
        }
    }

    @Test func mutationsOfValidDocumentsNeverCrash() throws {
        var generator = SeededGenerator(state: 20_261_123)
        let linter = Linter(sniffer: Fixtures.sniffer, now: Date(timeIntervalSince1970: 1_790_000_000))
        for seed in try Self.seeds() {
            for _ in 0..<150 {
                var bytes = [UInt8](seed)
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let position = Int.random(in: 0..<max(1, bytes.count), using: &generator)
                    switch Int.random(in: 0..<5, using: &generator) {
                    case 0: if !bytes.isEmpty { bytes[position] = UInt8.random(in: 0...255, using: &generator) }
                    case 1:
                        bytes.insert(
                            contentsOf: Self.splices.randomElement(using: &generator)!, at: min(position, bytes.count))
                    case 2:
                        bytes.removeSubrange(
                            position..<min(bytes.count, position + Int.random(in: 1...64, using: &generator)))
                    case 3: bytes.removeSubrange(min(position, bytes.count)...)
                    default:
                        let end = min(bytes.count, position + Int.random(in: 1...256, using: &generator))
                        bytes.insert(contentsOf: bytes[position..<end], at: end)
                    }
                }
                check(Data(bytes), linter)
            }
        }
    }

    @Test func truncationsAtManyPointsNeverCrash() throws {
        let linter = Linter(sniffer: Fixtures.sniffer)
        for seed in try Self.seeds() {
            let step = max(1, seed.count / 97)
            for length in stride(from: 0, to: seed.count, by: step) {
                check(seed.prefix(length), linter)
            }
        }
    }

    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(state: 42)
        let linter = Linter(sniffer: Fixtures.sniffer)
        for _ in 0..<200 {
            let count = Int.random(in: 0...512, using: &generator)
            check(Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }), linter)
        }
    }

    @Test func deepNestingIsASyntaxErrorNotAStackOverflow() {
        let deep = Data((String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)).utf8)
        let diagnostics = Linter(sniffer: Fixtures.sniffer).lint(data: deep, file: "deep.json").diagnostics
        #expect(diagnostics.map(\.ruleID) == [.jsonSyntax])
        #expect(diagnostics.first?.message.contains("deeper than 128") == true)
    }

    @Test func aFiftyMegabyteBase64StringIsCheckedNotChoked() {
        var json = Data(
            #"{"title": "t", "sign_name": "【星河咖啡】", "purpose": "p", "content": [[{"con_type": "text", "ext_type": "txt", "data": "回T退订"}, {"con_type": "video", "ext_type": "mp4", "data": ""#
                .utf8)
        json.append(Data(repeating: UInt8(ascii: "A"), count: 50 << 20))
        json.append(Data(#""}]]}"#.utf8))
        let diagnostics = Linter(sniffer: Fixtures.sniffer).lint(data: json, file: "big.json").diagnostics
        #expect(diagnostics.contains { $0.ruleID == .mediaFormat })
        #expect(diagnostics.contains { $0.ruleID == .totalSize })
    }
}
