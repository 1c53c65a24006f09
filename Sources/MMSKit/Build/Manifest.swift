import Foundation
import Yams

/// The optional `mms.yaml` of a media directory: template fields and, optionally, an explicit frame list.
///
/// ```yaml
/// title: 春季新品
/// sign_name: 【星河咖啡】
/// purpose: 会员新品推荐
/// frames:              # optional; without it, files are grouped by their leading number
///   - [intro.txt, hero.jpg]
///   - [clip.mp4, {text: "到店出示本彩信立减5元"}]
/// ```
public struct Manifest: Sendable, Hashable {
    /// One entry of an explicit frame: a file in the directory, or text written in the manifest.
    public enum Entry: Sendable, Hashable {
        /// A file of the directory, by its name.
        case file(String)
        /// A text item written in the manifest itself.
        case text(String)
    }

    /// The `title`, `sign_name` and `purpose` the manifest sets; unset ones stay `nil`.
    public var fields: TemplateFields
    /// Frames listed explicitly, in display order; `nil` when the naming convention applies.
    public var frames: [[Entry]]?

    /// The names a manifest may have in a media directory (a directory may hold only one of them).
    public static let fileNames = ["mms.yaml", "mms.yml"]
    static let knownKeys = ["title", "sign_name", "purpose", "frames"]

    /// A manifest with the given fields and, when `frames` is not `nil`, an explicit frame list.
    public init(fields: TemplateFields = TemplateFields(), frames: [[Entry]]? = nil) {
        self.fields = fields
        self.frames = frames
    }

    /// Parses manifest text; `file` names it in diagnostics.
    /// - Throws: `ContentError` listing every problem with its line and column.
    public init(yaml: String, file: String) throws(ContentError) {
        var problems: [Diagnostic] = []
        func problem(_ message: String, _ mark: Mark?) {
            problems.append(
                Diagnostic(
                    .error, message, location: Diagnostic.Location(file: file, line: mark?.line, column: mark?.column),
                    ruleID: .manifest))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ContentError(diagnostics: [Self.diagnostic(for: error, file: file)])
        } catch {
            throw ContentError(diagnostics: [
                Diagnostic(.error, "\(error)", location: Diagnostic.Location(file: file), ruleID: .manifest)
            ])
        }
        var fields = TemplateFields()
        var frames: [[Entry]]?
        guard let root else {
            self.init()
            return
        }
        guard let mapping = root.mapping else {
            throw ContentError(diagnostics: [
                Diagnostic(
                    .error, "the manifest must be a mapping of keys (title, sign_name, purpose, frames)",
                    location: Diagnostic.Location(file: file, line: root.mark?.line, column: root.mark?.column),
                    ruleID: .manifest)
            ])
        }
        var seen = Set<String>()
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                problem("keys must be plain words", keyNode.mark)
                continue
            }
            if !seen.insert(key).inserted {
                problem("'\(key)' is given twice; keep one", keyNode.mark)
                continue
            }
            switch key {
            case "title", "sign_name", "purpose":
                guard let scalar = value.scalar, value.null == nil else {
                    problem("'\(key)' must be text", value.mark)
                    continue
                }
                switch key {
                case "title": fields.title = scalar.string
                case "sign_name": fields.signName = scalar.string
                default: fields.purpose = scalar.string
                }
            case "frames":
                frames = Self.parseFrames(value, report: problem)
            default:
                let suggestion = Self.closestKey(to: key).map { "; did you mean '\($0)'?" } ?? ""
                problem(
                    "unknown key '\(key)'\(suggestion) (known keys: \(Self.knownKeys.joined(separator: ", ")))",
                    keyNode.mark)
            }
        }
        guard problems.isEmpty else { throw ContentError(diagnostics: problems) }
        self.init(fields: fields, frames: frames)
    }

    private static func parseFrames(_ node: Node, report: (String, Mark?) -> Void) -> [[Entry]]? {
        guard let sequence = node.sequence else {
            report("'frames' must be a list of frames, each a list of file names or {text: ...} entries", node.mark)
            return nil
        }
        var frames: [[Entry]] = []
        for frameNode in sequence {
            let entryNodes: [Node]
            if let list = frameNode.sequence {
                entryNodes = Array(list)
            } else {
                entryNodes = [frameNode]
            }
            var entries: [Entry] = []
            for entryNode in entryNodes {
                if let scalar = entryNode.scalar, !scalar.string.isEmpty {
                    entries.append(.file(scalar.string))
                } else if let mapping = entryNode.mapping, mapping.count == 1,
                    let pair = mapping.first, pair.key.scalar?.string == "text", let text = pair.value.scalar?.string
                {
                    entries.append(.text(text))
                } else {
                    report("a frame entry must be a file name or {text: \"...\"}", entryNode.mark)
                }
            }
            frames.append(entries)
        }
        return frames
    }

    private static func closestKey(to key: String) -> String? {
        let normalised = key.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(
            of: " ", with: "_")
        if knownKeys.contains(normalised) { return normalised }
        if normalised == "sign" || normalised == "signature" || normalised == "signname" { return "sign_name" }
        if normalised == "subject" || normalised == "name" { return "title" }
        if normalised == "frame" { return "frames" }
        return nil
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        var line: Int?
        var column: Int?
        var message = "\(error)"
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            line = mark.line
            column = mark.column
            message = problem
        default:
            break
        }
        return Diagnostic(
            .error, "the manifest is not valid YAML: \(message)",
            location: Diagnostic.Location(file: file, line: line, column: column), ruleID: .manifest)
    }

    /// The manifest text `mmskit unpack` writes: the fields that are set, quoted so that any text survives.
    public static func yaml(for fields: TemplateFields) -> String {
        var text = "# mmskit manifest: template fields; frames come from the numbered files beside it\n"
        for (key, value) in [("title", fields.title), ("sign_name", fields.signName), ("purpose", fields.purpose)] {
            guard let value else { continue }
            text += "\(key): \(quoted(value))\n"
        }
        return text
    }

    /// A YAML double-quoted scalar: escapes what YAML needs, keeps Chinese text readable.
    static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _
            where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x85
                || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF:
                result += "\\u" + String(format: "%04X", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
