import Foundation
import Testing

@testable import MMSKit

/// With a key given twice, the value checked is the last one, the one the provider's parser most likely reads.
@Suite struct DuplicateKeyValueTests {
    let linter = Linter(sniffer: Fixtures.sniffer)

    func body(signNames: [String], extTypes: [String]) throws -> Data {
        let signs = signNames.map { #""sign_name": "\#($0)""# }.joined(separator: ", ")
        let exts = extTypes.map { #""ext_type": "\#($0)""# }.joined(separator: ", ")
        let png = try Fixtures.png.base64EncodedString()
        return Data(
            #"{"title": "t", \#(signs), "purpose": "p", "content": [[{"con_type": "image", \#(exts), "data": "\#(png)"}, {"con_type": "text", "ext_type": "txt", "data": "新品 回T退订"}]]}"#
                .utf8)
    }

    @Test func theLinterChecksTheLastValue() throws {
        let firstValid = linter.lint(
            data: try body(signNames: ["【星河咖啡】", "no brackets"], extTypes: ["png", "jpg"]), file: "a.json"
        ).diagnostics
        #expect(firstValid.contains { $0.ruleID == .signName })
        #expect(firstValid.contains { $0.ruleID == .mediaTypeMismatch })
        #expect(firstValid.contains { $0.ruleID == .duplicateKey && $0.message.contains("the last value") })
        let lastValid = linter.lint(
            data: try body(signNames: ["no brackets", "【星河咖啡】"], extTypes: ["jpg", "png"]), file: "a.json"
        ).diagnostics
        #expect(!lastValid.contains { $0.ruleID == .signName || $0.ruleID == .mediaTypeMismatch })
        #expect(lastValid.filter { $0.ruleID == .duplicateKey }.count == 2)
    }

    @Test func theDecoderUsesTheLastValue() throws {
        let analysis = try ContentDecoder(sniffer: Fixtures.sniffer, file: "a.json").decode(
            try body(signNames: ["first", "【星河咖啡】"], extTypes: ["jpg", "png"]))
        #expect(analysis.fields.signName == "【星河咖啡】")
        #expect(analysis.content.frames[0].items.first?.extType == "png")
    }
}
