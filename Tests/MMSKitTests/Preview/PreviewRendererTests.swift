import Foundation
import MMSKit
import MMSKitTestSupport
import Testing

@testable import MMSKit

@Suite struct PreviewRendererTests {
    /// A line of 100,000 characters with markup at its end.
    static let longLine = String(repeating: "0123456789", count: 10_000) + "<b>end</b>"

    /// Template texts that would be markup, script or a remote load if they were not escaped.
    static let hostileTexts = [
        "<script>alert(1)</script>\n第二行",
        "</style><style>body{display:none}</style>",
        #""><img src=x onerror=alert(1)>"#,
        #"<a href="javascript:alert(1)">点我</a> javascript:alert(2) https://evil.example/x //evil.example/y"#,
        longLine,
    ]

    static func item(_ conType: String, _ extType: String, _ data: String) -> [String: String] {
        ["con_type": conType, "ext_type": extType, "data": data]
    }

    /// A templateCreate body: one hostile text and one medium of each kind per frame.
    static func hostileTemplate() throws -> [String: Any] {
        let media: [(String, String, Data)] = [
            ("image", "jpg", try Fixtures.jpeg), ("image", "png", try Fixtures.png), ("image", "gif", try Fixtures.gif),
            ("audio", "mp3", try Fixtures.mp3), ("video", "mp4", try Fixtures.mp4),
        ]
        let frames = zip(hostileTexts, media).map { text, medium in
            [item("text", "txt", text), item(medium.0, medium.1, medium.2.base64EncodedString())]
        }
        return [
            "title": "</title><script>alert(3)</script>", "sign_name": #"【"><svg onload=alert(4)>】"#,
            "purpose": "测试", "content": frames,
        ]
    }

    static func preview(
        _ json: Any, profile: ProviderProfile = .ihuyi
    ) throws -> (html: String, document: PreviewDocument) {
        let directory = try TemporaryDirectory("mmskit-preview")
        let path = directory.appending("message.json")
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        let document = try PreviewDocument.load(
            path, sniffer: Fixtures.sniffer, configuration: LintConfiguration(profile: profile))
        return (PreviewRenderer().render(document), document)
    }

    static let allowedTags: Set<String> = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "p", "div", "section",
        "article", "span", "img", "audio", "video", "ul", "li",
    ]
    static let allowedAttributes: Set<String> = [
        "html", "lang", "charset", "http-equiv", "content", "name", "class", "id", "title", "alt", "src", "controls",
        "preload", "playsinline", "style", "role",
    ]
    static let dataURIPrefixes = [
        "data:image/jpeg;base64,", "data:image/png;base64,", "data:image/gif;base64,", "data:audio/mpeg;base64,",
        "data:video/mp4;base64,",
    ]

    /// Checks that the page holds only the renderer's own markup: known tags and attributes, no event handler,
    /// `src` only a data: URI of a whitelisted type, no URL in any tag or in the style sheet.
    static func expectOnlyOwnMarkup(_ html: String) {
        #expect(!html.lowercased().contains("<script"))
        let tokens = HTMLTokens(html)
        for tag in tokens.tags {
            #expect(allowedTags.contains(tag.name), "unexpected tag <\(tag.name)>")
            for attribute in tag.attributes {
                let known =
                    allowedAttributes.contains(attribute.name) || attribute.name.hasPrefix("data-")
                    || attribute.name.hasPrefix("aria-")
                #expect(known, "unexpected attribute \(attribute.name) on <\(tag.name)>")
                let value = attribute.value ?? ""
                if attribute.name == "src" {
                    let prefix = dataURIPrefixes.first { value.hasPrefix($0) }
                    #expect(prefix != nil, "src is not a whitelisted data: URI: \(value.prefix(40))")
                    let payload = value.dropFirst(prefix?.count ?? 0)
                    #expect(payload.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) })
                } else {
                    for scheme in ["http:", "https:", "//", "javascript:", "url("] {
                        #expect(
                            !value.lowercased().contains(scheme), "\(scheme) in \(attribute.name)=\(value.prefix(80))")
                    }
                }
                if attribute.name == "style" {
                    #expect(value.hasPrefix("width:") && value.hasSuffix("%"))
                    #expect(value.dropFirst(6).dropLast().allSatisfy { $0.isNumber || $0 == "." })
                }
            }
        }
        let styles = tokens.tags.indices.filter { tokens.tags[$0].name == "style" && !tokens.tags[$0].isClosing }
        #expect(styles.count == 1)
        for index in styles {
            let sheet = tokens.texts[index + 1]
            #expect(sheet.trimmingCharacters(in: .newlines) == PreviewStyle.css)
            for scheme in ["http:", "https:", "//", "url(", "@import"] { #expect(!sheet.contains(scheme)) }
        }
    }

    @Test func hostileTextRendersAsInertReadableText() throws {
        let (html, _) = try Self.preview(try Self.hostileTemplate())
        Self.expectOnlyOwnMarkup(html)
        let text = HTMLTokens(html).texts.joined()
        for hostile in Self.hostileTexts {
            #expect(text.contains(HTMLEscaping.text(hostile)), "missing: \(hostile.prefix(60))")
        }
        #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;\n第二行"))
        #expect(text.contains("&lt;/style&gt;&lt;style&gt;body{display:none}&lt;/style&gt;"))
        #expect(text.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(text.contains("&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;"))
        #expect(text.contains("【&quot;&gt;&lt;svg onload=alert(4)&gt;】"))
        #expect(text.contains(String(repeating: "0123456789", count: 10_000) + "&lt;b&gt;end&lt;/b&gt;"))
    }

    @Test func everyFrameAndItemIsPresentInOrder() throws {
        let (html, document) = try Self.preview(try Self.hostileTemplate())
        let tokens = HTMLTokens(html)
        let frames = tokens.opening("article")
        #expect(frames.map { $0.attribute("id") } == (1...5).map { "frame-\($0)" })
        #expect(tokens.opening("img").count == 3)
        #expect(tokens.opening("audio").count == 1)
        #expect(tokens.opening("video").count == 1)
        #expect(tokens.opening("p").filter { $0.attribute("class") == "text" }.count == 5)
        #expect(tokens.opening("audio").allSatisfy { $0.attributes.contains { $0.name == "controls" } })
        #expect(tokens.opening("video").allSatisfy { $0.attributes.contains { $0.name == "controls" } })
        let sources = tokens.tags.compactMap { $0.attribute("data-source") }
        #expect(sources == document.analysis.items.map(\.source))
        for (number, frame) in frames.enumerated() {
            let bytes = document.analysis.items.filter { $0.frame == number + 1 }.reduce(0) { $0 + $1.rawBytes }
            #expect(frame.attribute("data-bytes") == String(bytes))
        }
    }

    @Test func theContentSecurityPolicyComesFirst() throws {
        let (html, _) = try Self.preview(try Self.hostileTemplate())
        let tokens = HTMLTokens(html)
        let policy = tokens.tags.firstIndex {
            $0.name == "meta" && $0.attribute("http-equiv") == "Content-Security-Policy"
        }
        let index = try #require(policy)
        #expect(tokens.tags[index].attribute("content") == PreviewRenderer.contentSecurityPolicy)
        #expect(PreviewRenderer.contentSecurityPolicy.hasPrefix("default-src 'none'; img-src data:; media-src data:;"))
        #expect(!PreviewRenderer.contentSecurityPolicy.contains("script-src"))
        let firstLoad = tokens.tags.firstIndex { ["style", "img", "audio", "video", "title"].contains($0.name) }
        #expect(index < (firstLoad ?? .max))
        #expect(tokens.opening("meta").first?.attribute("charset") == "utf-8")
    }

    @Test func samplePromoShowsEveryFileAndNoURL() throws {
        let document = try PreviewDocument.load(
            PackagePaths.sample("promo") + "/", sniffer: Fixtures.sniffer, configuration: LintConfiguration())
        let html = PreviewRenderer().render(document)
        Self.expectOnlyOwnMarkup(html)
        let names = try FileManager.default.contentsOfDirectory(atPath: PackagePaths.sample("promo"))
            .filter { $0 != "mms.yaml" }.sorted()
        let tokens = HTMLTokens(html)
        #expect(tokens.tags.compactMap { $0.attribute("data-source") } == names)
        #expect(html.contains("<p class=\"sign-name\">【星河咖啡】</p>"))
        #expect(document.diagnostics.isEmpty)
        #expect(!HTMLTokens(html).texts.joined().contains("http"))
    }

    @Test func diagnosticsStandBesideTheirFrame() throws {
        let template: [String: Any] = [
            "title": "新品", "purpose": "会员推荐",
            "content": [
                [Self.item("image", "gif", try Fixtures.gif.base64EncodedString()), Self.item("text", "txt", "新品上市")],
                [Self.item("text", "txt", "【限时】优惠")],
            ],
        ]
        let (html, document) = try Self.preview(template)
        #expect(document.hasErrors)
        let header = try #require(html.range(of: "</header>")).lowerBound
        let frame2 = try #require(html.range(of: "<article class=\"frame\" id=\"frame-2\""))
        let signName = try #require(html.range(of: "[sign-name]")).lowerBound
        #expect(signName < header)
        let brackets = try #require(html.range(of: "[brackets-in-body]")).lowerBound
        #expect(brackets > frame2.upperBound)
        #expect(html.contains("<p class=\"sign-name missing\">"))
    }

    @Test func theSizeBarUsesTheProfileLimit() throws {
        let template: [String: Any] = [
            "title": "新品", "sign_name": "【星河咖啡】", "purpose": "会员推荐",
            "content": [[Self.item("video", "mp4", try Fixtures.mp4.base64EncodedString())]],
        ]
        let limit = 10 * 1024
        var profile = ProviderProfile.conservative
        profile.maxTotalBytes = limit
        let (html, document) = try Self.preview(template, profile: profile)
        #expect(html.contains("data-limit-bytes=\"\(limit)\""))
        #expect(html.contains("class=\"fill over\" style=\"width:100.0%\""))
        #expect(document.diagnostics.contains { $0.ruleID == .totalSize })
        let (standard, _) = try Self.preview(template)
        #expect(standard.contains("data-limit-bytes=\"\(ProviderProfile.ihuyi.maxTotalBytes!)\""))
        #expect(standard.contains("class=\"fill ok\""))
    }

    @Test func hostileFileNamesInADirectoryAreEscaped() throws {
        let directory = try TemporaryDirectory("mmskit-preview-dir")
        let name = #"01-"><img src=x onerror=alert(1)>.txt"#
        try Data("你好\n回T退订".utf8).write(to: directory.url.appendingPathComponent(name))
        try Fixtures.gif.write(to: directory.url.appendingPathComponent("01-z.gif"))
        try Data("sign_name: 【<i>店</i>】\n".utf8).write(to: directory.url.appendingPathComponent("mms.yaml"))
        let document = try PreviewDocument.load(
            directory.path, sniffer: Fixtures.sniffer, configuration: LintConfiguration())
        let html = PreviewRenderer().render(document)
        Self.expectOnlyOwnMarkup(html)
        #expect(html.contains("data-source=\"01-&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.txt\""))
        #expect(html.contains("【&lt;i&gt;店&lt;/i&gt;】"))
    }

    @Test(
        arguments: [
            ("content[2][1].data", 3), ("content[0]", 1), ("content[10][0]", 11), ("frame 4", 4), ("content", nil),
            ("sign_name", nil), ("content[x]", nil),
        ] as [(String, Int?)])
    func framesOfDiagnosticPaths(path: String, frame: Int?) {
        #expect(DiagnosticPlacement.frame(inPath: path) == frame)
    }

    @Test func diagnosticsOfUnknownFramesGoToTheSummary() {
        let diagnostics = [
            Diagnostic(.error, "a", path: "content[0][0].data"), Diagnostic(.warning, "b", path: "content[7]"),
            Diagnostic(.warning, "c", location: Diagnostic.Location(file: "d/01-a.txt")),
            Diagnostic(.note, "d", location: Diagnostic.Location(file: "d/mms.yaml"), path: "sign_name"),
        ]
        let item = AnalyzedItem(
            frame: 1, position: 1, contentType: .text, extType: "txt", source: "01-a.txt", rawBytes: 1, wireBytes: 1)
        let placement = DiagnosticPlacement(diagnostics, source: "d", items: [item], frameCount: 1)
        #expect(placement.byFrame[1]?.map(\.message) == ["a", "c"])
        #expect(placement.general.map(\.message) == ["b", "d"])
        let empty = DiagnosticPlacement(diagnostics, source: "d", items: [], frameCount: 0)
        #expect(empty.general.count == 4)
        #expect(empty.byFrame.isEmpty)
    }

    @Test func handsetSignName() {
        #expect(PreviewRenderer.handsetSignName("【星河咖啡】") == "【星河咖啡】")
        #expect(PreviewRenderer.handsetSignName("星河咖啡") == "【星河咖啡】")
        #expect(PreviewRenderer.handsetSignName("  ") == nil)
        #expect(PreviewRenderer.handsetSignName(nil) == nil)
        #expect(PreviewRenderer.handsetSignName("【a\u{202E}b】") == "【a\\u{202E}b】")
    }

    @Test func mediaDataURIsTakeTheirTypeFromSniffing() throws {
        let png = try Fixtures.png
        let sniffed = try Fixtures.sniffer.sniff(png)
        #expect(MediaDataURI(bytes: png, sniffed: sniffed)?.value.hasPrefix("data:image/png;base64,iVBOR") == true)
        #expect(MediaDataURI(bytes: png, sniffed: nil) == nil)
        #expect(MediaDataURI(bytes: Data(), sniffed: sniffed) == nil)
    }
}
