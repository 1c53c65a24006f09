import Foundation
import MMSKitTestSupport
import Testing

@Suite struct PreviewCommandTests {
    @Test func writesOnePageAtomicallyWithExitZero() throws {
        let directory = try TemporaryDirectory()
        let output = directory.appending("preview.html")
        let result = try CLIRunner.run(["preview", PackagePaths.sample("promo"), "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("wrote \(output)"))
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("http-equiv=\"Content-Security-Policy\""))
        #expect(html.components(separatedBy: "<article class=\"frame\"").count == 6)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["preview.html"])
    }

    @Test func writesToStandardOutputWithoutAnOutput() throws {
        let result = try CLIRunner.run(["preview", PackagePaths.sample("promo")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.hasPrefix("<!DOCTYPE html>"))
        #expect(result.stdoutText.hasSuffix("</html>\n"))
        #expect(result.stderr.isEmpty)
    }

    @Test func contentWithLintErrorsIsPreviewedAndExitsOne() throws {
        let directory = try TemporaryDirectory()
        let template = directory.appending("t.json")
        try Data(
            #"{"title": "新品", "purpose": "会员推荐", "content": [[{"con_type": "text", "ext_type": "txt", "data": "<script>x</script> 回T退订"}]]}"#
                .utf8
        ).write(to: URL(fileURLWithPath: template))
        let output = directory.appending("p.html")
        let result = try CLIRunner.run(["preview", template, "-o", output])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: sign_name"))
        #expect(result.stderr.contains("[sign-name]"))
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.contains("&lt;script&gt;x&lt;/script&gt; 回T退订"))
        #expect(html.contains("[sign-name]"))
    }

    @Test func contentThatCannotBeShownWritesNothing() throws {
        let directory = try TemporaryDirectory()
        let output = directory.appending("p.html")
        let result = try CLIRunner.run(["preview", PackagePaths.sample("bad/webp"), "-o", output])
        #expect(result.status == 1)
        #expect(result.stderr.contains("WebP"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func theProfileSetsTheLimitOfTheSizeBar() throws {
        let result = try CLIRunner.run(["preview", PackagePaths.sample("promo"), "--profile", "conservative"])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("data-limit-bytes=\"307200\""))
        let unknown = try CLIRunner.run(["preview", PackagePaths.sample("promo"), "--profile", "nope"])
        #expect(unknown.status == 64)
    }

    @Test func toolFailuresExitTwo() throws {
        let missing = try CLIRunner.run(["preview", "/nonexistent/promo"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/promo"))
        let directory = try TemporaryDirectory()
        try Data(contentsOf: URL(fileURLWithPath: PackagePaths.sample("promo/05-visit.txt")))
            .write(to: URL(fileURLWithPath: directory.appending("01-a.txt")))
        let ontoInput = try CLIRunner.run(["preview", directory.path, "-o", directory.appending("01-a.txt")])
        #expect(ontoInput.status == 2)
        #expect(try String(contentsOfFile: directory.appending("01-a.txt"), encoding: .utf8).contains("回T退订"))
    }
}
