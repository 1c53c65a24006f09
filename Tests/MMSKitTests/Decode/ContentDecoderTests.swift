import Foundation
import Testing

@testable import MMSKit

@Suite struct ContentDecoderTests {
    let decoder = ContentDecoder(sniffer: Fixtures.sniffer, file: "t.json")

    func problems(_ json: String) -> [Diagnostic] {
        do {
            _ = try decoder.decode(Data(json.utf8))
            Issue.record("accepted \(json)")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func readsContentArraysAndTemplateBodies() throws {
        let png = try Fixtures.png.base64EncodedString()
        let content = try decoder.decode(
            Data(
                #"[[{"con_type":"text","ext_type":"txt","data":"你好"},{"con_type":"image","ext_type":"png","data":"\#(png)"}]]"#
                    .utf8))
        #expect(content.content.frames.count == 1)
        #expect(content.items[1].media?.format == .png)
        #expect(content.items[1].source == "content[0][1]")
        let template = try decoder.decode(
            Data(
                #"{"title":"t","sign_name":"【店】","purpose":"p","content":[[{"con_type":"text","ext_type":"txt","data":"hi"}]]}"#
                    .utf8))
        #expect(template.fields == TemplateFields(title: "t", signName: "【店】", purpose: "p"))
    }

    @Test func reportsEveryProblemWithPathAndPosition() throws {
        let jpeg = try Fixtures.jpeg.base64EncodedString()
        let png = try Fixtures.png.base64EncodedString()
        let json = """
            [
              [{"con_type":"text","ext_type":"txt","data":""}],
              [],
              [{"con_type":"image","ext_type":"jpg","data":"\(png)"}],
              [{"con_type":"video","ext_type":"png","data":"\(png)"}],
              [{"con_type":"image","ext_type":"webp","data":"AAAA"}],
              [{"con_type":"image","ext_type":"jpg","data":"not base64!"}],
              [{"con_type":"image","ext_type":"jpg","data":"\(jpeg)"},{"con_type":"image","ext_type":"jpg","data":"\(jpeg)"}],
              [{"con_type":"sticker","ext_type":"txt","data":"x"}],
              [{"con_type":"text","ext_type":"txt","data":7, "extra": 1}]
            ]
            """
        let found = problems(json)
        let byRule = Dictionary(grouping: found, by: { $0.ruleID ?? RuleID(rawValue: "") })
        #expect(byRule[.textEmpty]?.first?.path == "content[0][0].data")
        #expect(byRule[.textEmpty]?.first?.location == Diagnostic.Location(file: "t.json", line: 2, column: 47))
        #expect(byRule[.frameEmpty]?.first?.path == "content[1]")
        #expect(byRule[.mediaTypeMismatch]?.first?.path == "content[2][0].data")
        #expect(byRule[.mediaTypeMismatch]?.first?.message.contains("set ext_type to png") == true)
        #expect(byRule[.extType]?.count == 2)
        #expect(byRule[.dataBase64]?.first?.message.contains("' ' ") == false)
        #expect(byRule[.dataBase64]?.first?.path == "content[5][0].data")
        #expect(byRule[.frameItems]?.first?.path == "content[6]")
        #expect(byRule[.conType]?.first?.message.contains("sticker") == true)
        #expect(byRule[.frameShape]?.first?.path == "content[8][0].data")
        #expect(byRule[.unknownField]?.first?.severity == .warning)
        #expect(found == found.sortedByLocation())
    }

    @Test func syntaxErrorsAreLocated() {
        let found = problems("[[{\"con_type\": \"text\",}]]")
        #expect(found.count == 1)
        #expect(found[0].ruleID == .jsonSyntax)
        #expect(found[0].location == Diagnostic.Location(file: "t.json", line: 1, column: 23))
    }

    @Test func wrongTopLevelShapes() {
        #expect(problems("42").first?.ruleID == .documentShape)
        #expect(problems(#"{"title":"t"}"#).first?.message.contains("no \"content\"") == true)
        #expect(problems("[]").first?.ruleID == .contentEmpty)
        #expect(
            problems(#"{"title": 5, "content": [[{"con_type":"text","ext_type":"txt","data":"a"}]]}"#).first?.ruleID
                == .fieldType)
    }
}
