import Foundation
import MMSKitTestSupport
import Testing

/// The preview in a real browser. Headless Chromium opens it with two canaries listening on 127.0.0.1: the
/// proxy for every non-loopback host (so nothing leaves the machine, and any fetch is recorded) and a "page"
/// canary that only the lures in a template's text name. The page canary must see no connection at all, and
/// the proxy nothing but the browser's own start-up traffic (`HeadlessChromium.isBrowserService`).
@Suite(.serialized) struct PreviewBrowserTests {
    /// A host only the lures name; the proxy canary receives any request for it.
    static let lureHost = "mmskit-canary.test"

    /// Where the screenshot of samples/promo's preview goes: `$MMSKIT_PREVIEW_SCREENSHOT`, or
    /// `.build/preview-screenshot.png` (`.ci/run` prints that path).
    static var screenshotPath: String {
        let named = ProcessInfo.processInfo.environment["MMSKIT_PREVIEW_SCREENSHOT"] ?? ""
        return named.isEmpty ? PackagePaths.root.appendingPathComponent(".build/preview-screenshot.png").path : named
    }

    @Test func samplePromoShowsEveryFrameAndPlayerAndFetchesNothing() throws {
        guard let chromium = try HeadlessChromium.find() else { return }
        let directory = try TemporaryDirectory("mmskit-preview-browser")
        let page = directory.appending("preview.html")
        let result = try CLIRunner.run(["preview", PackagePaths.sample("promo"), "-o", page])
        #expect(result.status == 0, "\(result.stderr)")
        let proxy = try ConnectionCanary()
        defer { proxy.stop() }
        let run = try chromium.open(page, proxy: proxy.url, arguments: ["--dump-dom"])
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")
        let dom = run.stdout
        #expect(dom.components(separatedBy: "<article class=\"frame\"").count == 6)
        for number in 1...5 { #expect(dom.contains("id=\"frame-\(number)\"")) }
        #expect(dom.components(separatedBy: "<img ").count == 4)
        #expect(dom.components(separatedBy: "<audio ").count == 2)
        #expect(dom.components(separatedBy: "<video ").count == 2)
        for name in [
            "01-cover.jpg", "01-welcome.txt", "02-menu.png", "02-menu.txt", "03-brew.txt", "03-steam.gif",
            "04-jingle.mp3", "04-member.txt", "05-store.mp4", "05-visit.txt",
        ] {
            #expect(dom.contains("data-source=\"\(name)\""), "\(name) missing from the DOM")
        }
        #expect(dom.contains("src=\"data:image/jpeg;base64,"))
        #expect(dom.contains("src=\"data:video/mp4;base64,"))
        #expect(dom.contains("src=\"data:audio/mpeg;base64,"))
        #expect(dom.contains("<p class=\"sign-name\">【星河咖啡】</p>"))
        #expect(!dom.contains("<script"))
        #expect(HeadlessChromium.pageRequests(proxy).isEmpty, "the page made a request")

        let screenshot = Self.screenshotPath
        let shot = try chromium.screenshot(page, proxy: proxy.url, to: screenshot, width: 420, height: 2000)
        #expect(shot.run.status == 0, "\(shot.run.stderr.suffix(2000))")
        #expect(HeadlessChromium.isPNG(shot.png))
        #expect(shot.png?.count ?? 0 > 10_000)
        #expect(HeadlessChromium.pageRequests(proxy).isEmpty, "the page made a request while it was drawn")
        print("preview screenshot of samples/promo: \(screenshot)")
    }

    @Test func remoteReferencesInTemplateTextStayInert() throws {
        guard let chromium = try HeadlessChromium.find() else { return }
        let proxy = try ConnectionCanary()
        defer { proxy.stop() }
        let target = try ConnectionCanary()
        defer { target.stop() }
        let remote = "http://\(Self.lureHost)"
        let lures = [
            "<img src=\"\(target.url)/img.png\"><script src=\"\(remote)/x.js\"></script>",
            "</style><style>@import url(\(target.url)/a.css);body{background:url(\(remote)/b.png)}</style>",
            "\"><link rel=stylesheet href=\"\(remote)/c.css\"><iframe src=\"\(target.url)/frame\"></iframe>",
            "<meta http-equiv=\"refresh\" content=\"0;url=\(target.url)/refresh\"><video src=\"\(remote)/v.mp4\" autoplay> 回T退订",
        ]
        let gif = try Data(contentsOf: URL(fileURLWithPath: PackagePaths.sample("promo/03-steam.gif")))
        let frames = lures.map { text in
            [
                ["con_type": "text", "ext_type": "txt", "data": text],
                ["con_type": "image", "ext_type": "gif", "data": gif.base64EncodedString()],
            ]
        }
        let template: [String: Any] = [
            "title": "<base href=\"\(remote)/\">", "sign_name": "【<img src=\"\(target.url)/sign.png\">】",
            "purpose": "会员推荐", "content": frames,
        ]
        let directory = try TemporaryDirectory("mmskit-preview-browser")
        let json = directory.appending("lure.json")
        try JSONSerialization.data(withJSONObject: template).write(to: URL(fileURLWithPath: json))
        let page = directory.appending("lure.html")
        let result = try CLIRunner.run(["preview", json, "-o", page])
        #expect(FileManager.default.fileExists(atPath: page), "\(result.stderr)")
        let run = try chromium.open(page, proxy: proxy.url, arguments: ["--dump-dom", "--virtual-time-budget=3000"])
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")
        #expect(!run.stdout.contains("<script"))
        #expect(!run.stdout.contains("<iframe"))
        #expect(!run.stdout.contains("<base"))
        #expect(run.stdout.contains("&lt;img src=\"\(target.url)/img.png\"&gt;"))
        #expect(run.stdout.components(separatedBy: "<img ").count == 5)
        #expect(target.connections.isEmpty, "a loopback reference in the template text was fetched")
        #expect(HeadlessChromium.pageRequests(proxy).isEmpty, "a remote reference in the template text was fetched")
    }

    /// The check can fail: a page that does load remote images, opened the same way, reaches both canaries.
    @Test func theCanariesSeeARequestWhenAPageMakesOne() throws {
        guard let chromium = try HeadlessChromium.find() else { return }
        let proxy = try ConnectionCanary()
        defer { proxy.stop() }
        let target = try ConnectionCanary()
        defer { target.stop() }
        let directory = try TemporaryDirectory("mmskit-preview-browser")
        let page = directory.appending("fetching.html")
        try Data(
            "<!DOCTYPE html><img src=\"http://\(Self.lureHost)/probe.png\"><img src=\"\(target.url)/probe.png\">".utf8
        ).write(to: URL(fileURLWithPath: page))
        let run = try chromium.open(page, proxy: proxy.url, arguments: ["--dump-dom"])
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")
        #expect(target.connections.contains { $0.requestLine.hasPrefix("GET /probe.png ") })
        #expect(HeadlessChromium.pageRequests(proxy).contains { $0.host == Self.lureHost })
    }
}
