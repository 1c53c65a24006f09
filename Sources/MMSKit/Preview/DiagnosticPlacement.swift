/// Which frame each lint diagnostic concerns, so that a preview can show it beside that frame; diagnostics about
/// the whole message (size, sign_name, title, opt-out…) stay in `general`.
///
/// A JSON document's diagnostics carry a path (`content[2][1].data` is frame 3); a media directory's point at an
/// item's file (`promo/03-brew.txt`) or carry the frame's path (`frame 3`).
public struct DiagnosticPlacement: Sendable {
    /// Diagnostics not tied to one frame, in their given order.
    public private(set) var general: [Diagnostic] = []
    /// Diagnostics by 1-based frame number, each list in its given order.
    public private(set) var byFrame: [Int: [Diagnostic]] = [:]

    /// Places each of `diagnostics` beside the frame it concerns, or among the general ones.
    /// - Parameters:
    ///   - diagnostics: the lint and load diagnostics of the message, in the order they are shown.
    ///   - source: the directory or JSON file the analysis was loaded from (the diagnostics' file).
    ///   - items: the analysed items, whose `source` is a file name in a directory and a JSON path otherwise.
    ///   - frameCount: the number of frames; a diagnostic placed outside 1...frameCount counts as general.
    public init(_ diagnostics: [Diagnostic], source: String, items: [AnalyzedItem], frameCount: Int) {
        var frameOfFile: [String: Int] = [:]
        for item in items {
            frameOfFile[item.source] = item.frame
            frameOfFile["\(source)/\(item.source)"] = item.frame
        }
        for diagnostic in diagnostics {
            let frame =
                diagnostic.path.flatMap { Self.frame(inPath: $0) ?? frameOfFile[$0] }
                ?? diagnostic.location.flatMap { frameOfFile[$0.file] }
            if let frame, frame >= 1, frame <= frameCount {
                byFrame[frame, default: []].append(diagnostic)
            } else {
                general.append(diagnostic)
            }
        }
    }

    /// The 1-based frame of a JSON path `content[N]…` or a directory frame path `frame N`.
    static func frame(inPath path: String) -> Int? {
        if path.hasPrefix("frame "), let number = Int(path.dropFirst("frame ".count)) { return number }
        guard path.hasPrefix("content[") else { return nil }
        let digits = path.dropFirst("content[".count).prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, path.dropFirst("content[".count + digits.count).first == "]",
            let index = Int(digits)
        else { return nil }
        return index + 1
    }
}
