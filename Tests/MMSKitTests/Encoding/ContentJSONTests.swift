import Foundation
import MMSKitTestSupport
import Testing

@testable import MMSKit

@Suite struct ContentJSONTests {
    @Test func decodesWithJSONDecoderToTheExactBytes() throws {
        let jpeg = try Fixtures.jpeg
        let mp4 = try Fixtures.mp4
        let text = "春季新品 \"限量\" 50% off / 回T退订\n\t\\ \u{01} 😀 </script>"
        let content = MMSContent(frames: [
            Frame(text: text, media: MediaItem(extType: .jpeg, data: jpeg), textFirst: false),
            Frame(media: MediaItem(extType: .mp4, data: mp4)),
        ])
        let json = ContentJSON(content: content).data()
        #expect(json.count == ContentJSON(content: content).byteCount)
        let decoded = try JSONDecoder().decode([[WireItem]].self, from: json)
        #expect(decoded.count == 2)
        #expect(
            decoded[0] == [
                WireItem(con_type: "image", ext_type: "jpeg", data: jpeg.base64EncodedString()),
                WireItem(con_type: "text", ext_type: "txt", data: text),
            ])
        #expect(Data(base64Encoded: decoded[1][0].data) == mp4)
        #expect(decoded[1][0].con_type == "video")
    }

    @Test func neverEscapesSlashesAndKeepsChineseAsUTF8() throws {
        let content = MMSContent(frames: [Frame(text: "a/b 你好")])
        let json = String(decoding: ContentJSON(content: content).data(), as: UTF8.self)
        #expect(json == #"[[{"con_type":"text","ext_type":"txt","data":"a/b 你好"}]]"#)
        // Base64 of 0xFF 0xFF 0xFF is "////": slashes must stay unescaped inside media data too.
        let media = MMSContent(frames: [Frame(media: MediaItem(extType: .png, data: Data([0xFF, 0xFF, 0xFF])))])
        #expect(String(decoding: ContentJSON(content: media).data(), as: UTF8.self).contains(#""data":"////""#))
    }

    @Test func templateBodyWrapsContentWithFields() throws {
        let content = MMSContent(frames: [Frame(text: "hi")])
        let fields = TemplateFields(title: "t", signName: "【店】", purpose: "p")
        let json = ContentJSON(template: fields, content: content).data()
        let decoded = try JSONDecoder().decode(WireTemplate.self, from: json)
        #expect(decoded.title == "t")
        #expect(decoded.sign_name == "【店】")
        #expect(decoded.purpose == "p")
        #expect(decoded.content == [[WireItem(con_type: "text", ext_type: "txt", data: "hi")]])
        #expect(
            String(decoding: json, as: UTF8.self).hasPrefix(
                #"{"title":"t","sign_name":"【店】","purpose":"p","content":[["#))
    }

    @Test func largeMediaIsSplitAcrossJobsWithoutSeams() throws {
        // 5 MiB + 1 byte spans several 1.5 MiB encoding jobs and ends in a padded group.
        let data = Data((0..<(5 << 20) + 1).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) })
        let content = MMSContent(frames: [Frame(media: MediaItem(extType: .mp4, data: data))])
        let decoded = try JSONDecoder().decode([[WireItem]].self, from: ContentJSON(content: content).data())
        #expect(Data(base64Encoded: decoded[0][0].data) == data)
    }
}
