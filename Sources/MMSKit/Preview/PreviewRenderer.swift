import Foundation

/// Renders a `PreviewDocument` as one self-contained HTML page: the frames in order in a phone-width column,
/// text as text, images, video and audio players from `data:` URIs, the sign_name as a handset shows it, a
/// size badge on each frame, a bar of the total size against the profile's limit, and every lint diagnostic
/// beside the frame it concerns (the others in a summary at the top).
///
/// The page fetches nothing: its style is inline, it has no script, and its Content-Security-Policy forbids
/// scripts and every load but `data:` images and media. All text from the content is escaped.
public struct PreviewRenderer: Sendable {
    /// The policy of every preview: nothing by default, `data:` images and media, the inline style sheet.
    public static let contentSecurityPolicy =
        "default-src 'none'; img-src data:; media-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

    /// A renderer; it holds no state, so one can render any number of previews.
    public init() {}

    /// The whole HTML document.
    public func render(_ document: PreviewDocument) -> String {
        let analysis = document.analysis
        let placement = DiagnosticPlacement(
            document.diagnostics, source: document.source, items: analysis.items,
            frameCount: analysis.content.frames.count)
        var html = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy)">
            <meta name="referrer" content="no-referrer">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLEscaping.text("mmskit preview: " + Self.plain(document.source)))</title>
            <style>
            \(PreviewStyle.css)
            </style>
            </head>
            <body>
            <main class="phone">

            """
        html += summary(document, general: placement.general)
        html += "<section class=\"message\">\n"
        html += signName(analysis.fields.signName)
        let itemsByFrame = Dictionary(grouping: analysis.items, by: \.frame)
        for (index, frame) in analysis.content.frames.enumerated() {
            let number = index + 1
            html += self.frame(
                number, items: Array(zip(frame.items, itemsByFrame[number] ?? [])),
                diagnostics: placement.byFrame[number] ?? [])
        }
        html += "</section>\n</main>\n</body>\n</html>\n"
        return html
    }

    /// The header: what is previewed, the title (not shown on handsets), the size bar and the general diagnostics.
    private func summary(_ document: PreviewDocument, general: [Diagnostic]) -> String {
        let analysis = document.analysis
        var html = "<header class=\"summary\">\n"
        html += "<h1>\(HTMLEscaping.text(Self.plain(document.source)))</h1>\n"
        var meta = [
            "\(analysis.content.frames.count) frame\(analysis.content.frames.count == 1 ? "" : "s")",
            "profile \(document.profile.name)",
        ]
        if let title = analysis.fields.title {
            meta.insert("title “\(Self.plain(title))” (not shown on the handset)", at: 0)
        }
        let errors = document.diagnostics.filter { $0.severity == .error }.count
        let warnings = document.diagnostics.filter { $0.severity == .warning }.count
        meta.append("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        html += "<p class=\"meta\">\(HTMLEscaping.text(meta.joined(separator: " · ")))</p>\n"
        html += sizeBar(total: analysis.rawBytes, profile: document.profile)
        html += diagnosticList(general, label: "Diagnostics about the whole message")
        html += "</header>\n"
        return html
    }

    /// The total size (decoded media plus UTF-8 text, as the `total-size` rule counts it) against the limit.
    private func sizeBar(total: Int, profile: ProviderProfile) -> String {
        guard let limit = profile.maxTotalBytes, limit > 0 else {
            return """
                <div class="size"><p>\(HTMLEscaping.text("\(Self.bytes(total)) in all; the \(profile.name) profile sets no max_total_bytes"))</p></div>

                """
        }
        let share = Double(total) / Double(limit) * 100
        let level = share > 100 ? "over" : (share >= 80 ? "near" : "ok")
        let width = String(format: "%.1f", min(share, 100))
        let text =
            "\(Self.bytes(total)) of \(Self.bytes(limit)) (\(String(format: "%.1f", share))% of the \(profile.name) limit)"
        return """
            <div class="size" data-total-bytes="\(total)" data-limit-bytes="\(limit)">
            <div class="bar" role="meter" aria-valuemin="0" aria-valuemax="\(limit)" aria-valuenow="\(total)" aria-label="total size"><div class="fill \(level)" style="width:\(width)%"></div></div>
            <p>\(HTMLEscaping.text(text))</p>
            </div>

            """
    }

    /// The signature at the top of the message, in 【】 as handsets show it; a missing one is said to be missing.
    private func signName(_ signName: String?) -> String {
        guard let shown = Self.handsetSignName(signName) else {
            return "<p class=\"sign-name missing\">no sign_name: carriers require one on every message</p>\n"
        }
        return "<p class=\"sign-name\">\(HTMLEscaping.text(shown))</p>\n"
    }

    /// The sign_name as a handset shows it: `【星河咖啡】`; a name sent without the brackets is shown inside them,
    /// as carriers display it (lint's `sign-name` rule reports the missing brackets). `nil` when there is none.
    public static func handsetSignName(_ signName: String?) -> String? {
        guard let name = signName?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty else { return nil }
        let plain = plain(name)
        return plain.hasPrefix("【") && plain.hasSuffix("】") ? plain : "【\(plain)】"
    }

    private func frame(_ number: Int, items: [(FrameItem, AnalyzedItem)], diagnostics: [Diagnostic]) -> String {
        let raw = items.reduce(0) { $0 + $1.1.rawBytes }
        let wire = items.reduce(0) { $0 + $1.1.wireBytes }
        var html = "<article class=\"frame\" id=\"frame-\(number)\" data-frame=\"\(number)\" data-bytes=\"\(raw)\">\n"
        html += "<div class=\"frame-head\"><span class=\"frame-number\">Frame \(number)</span>"
        html += "<span class=\"badge\" title=\"\(HTMLEscaping.attribute("\(Self.grouped(wire)) bytes on the wire"))\">"
        html += "\(HTMLEscaping.text(Self.bytes(raw)))</span></div>\n"
        for (item, analyzed) in items {
            html += self.item(item, analyzed)
        }
        html += diagnosticList(diagnostics, label: "Diagnostics about frame \(number)")
        html += "</article>\n"
        return html
    }

    private func item(_ item: FrameItem, _ analyzed: AnalyzedItem) -> String {
        let name = HTMLEscaping.attribute(Self.plain(analyzed.source))
        switch item {
        case .text(let text):
            let shown = Self.plain(text.replacingOccurrences(of: "\r\n", with: "\n"), keepingLines: true)
            return "<p class=\"text\" data-source=\"\(name)\">\(HTMLEscaping.text(shown))</p>\n"
        case .media(let media):
            guard let uri = MediaDataURI(bytes: media.data, sniffed: analyzed.media) else {
                return
                    "<p class=\"missing-media\" data-source=\"\(name)\">\(HTMLEscaping.text("\(Self.plain(analyzed.source)) cannot be shown: it was not recognised as JPEG, PNG, GIF, MP3 or MP4"))</p>\n"
            }
            switch uri.format.contentType {
            case .image:
                return "<img alt=\"\(name)\" data-source=\"\(name)\" src=\"\(uri.value)\">\n"
            case .audio:
                return "<audio controls preload=\"metadata\" data-source=\"\(name)\" src=\"\(uri.value)\"></audio>\n"
            case .video, .text:
                return
                    "<video controls playsinline preload=\"auto\" data-source=\"\(name)\" src=\"\(uri.value)\"></video>\n"
            }
        }
    }

    private func diagnosticList(_ diagnostics: [Diagnostic], label: String) -> String {
        guard !diagnostics.isEmpty else { return "" }
        var html = "<ul class=\"diagnostics\" aria-label=\"\(HTMLEscaping.attribute(label))\">\n"
        for diagnostic in diagnostics {
            html += "<li class=\"diagnostic \(diagnostic.severity.rawValue)\">"
            html += "<span class=\"severity\">\(diagnostic.severity.rawValue)</span>"
            if let path = diagnostic.path { html += "\(HTMLEscaping.text(Self.plain(path))): " }
            html += HTMLEscaping.text(Self.plain(diagnostic.message))
            if let rule = diagnostic.ruleID {
                html += " <span class=\"rule\">[\(HTMLEscaping.text(rule.rawValue))]</span>"
            }
            if let location = diagnostic.location {
                html += "<span class=\"where\">\(HTMLEscaping.text(Self.plain(location.description)))</span>"
            }
            html += "</li>\n"
        }
        html += "</ul>\n"
        return html
    }

    /// Text with control characters, line separators and bidirectional overrides made visible (`\u{202E}`), so
    /// that nothing in the page is hidden or reordered; with `keepingLines`, line feeds and tabs stay.
    private static func plain(_ text: String, keepingLines: Bool = false) -> String {
        DisplayText.escaped(text, keepingLines: keepingLines)
    }

    /// `36,937 B (36.1 KiB)`.
    static func bytes(_ count: Int) -> String {
        let units = ["KiB", "MiB", "GiB"]
        var amount = Double(count)
        var unit = -1
        while amount >= 1024 && unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        return unit < 0
            ? "\(grouped(count)) B" : "\(grouped(count)) B (\(String(format: "%.1f", amount)) \(units[unit]))"
    }

    /// `36937` as `36,937`.
    static func grouped(_ count: Int) -> String {
        let digits = Array(String(count))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && digit != "-" && (digits.count - index) % 3 == 0 && digits[index - 1] != "-" {
                result += ","
            }
            result.append(digit)
        }
        return result
    }
}
