import Foundation
import MMSKit
import Yams

/// The names a fitted directory's files get: the same name where the format keeps its extension, else the same
/// stem with the new format's extension (`03-clip.mov` → `03-clip.mp4`), never two files under one name.
struct OutputNames: Sendable {
    private var taken: Set<String> = []

    /// Reserves the names of files that keep theirs (texts, copies) first.
    mutating func keep(_ name: String) {
        taken.insert(name)
    }

    /// The name for `name` converted to `format`.
    mutating func name(for name: String, as format: MediaFormat) -> String {
        let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 }
        let stem = dot.map { String(name[..<$0]) } ?? name
        let ext = dot.map { name[name.index(after: $0)...].lowercased() }
        if let ext, MediaExtension(rawValue: ext)?.format == format, !taken.contains(name) {
            taken.insert(name)
            return name
        }
        var candidate = "\(stem).\(format.preferredExtension.rawValue)"
        var counter = 2
        while taken.contains(candidate) {
            candidate = "\(stem)-\(counter).\(format.preferredExtension.rawValue)"
            counter += 1
        }
        taken.insert(candidate)
        return candidate
    }

    /// The manifest's text with renamed files' names replaced in its `frames` list, found by their position in
    /// the parsed YAML (so comments, quoting and a text that mentions a name are left alone), checked by parsing
    /// the result: its frames must list the new names exactly where the old ones stood.
    static func rewriteManifest(
        _ text: String, renames: [String: String], expected: Manifest, file: String
    ) throws(FitError) -> String {
        guard !renames.isEmpty, expected.frames != nil else { return text }
        var edits: [(line: Int, column: Int, old: String, new: String)] = []
        if let root = try? Yams.compose(yaml: text), let frames = root.mapping?["frames"]?.sequence {
            for frame in frames {
                for entry in frame.sequence ?? [] {
                    guard let scalar = entry.scalar, let new = renames[scalar.string], let mark = entry.mark else {
                        continue
                    }
                    edits.append((mark.line, mark.column, scalar.string, new))
                }
            }
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            Array(String($0).unicodeScalars)
        }
        for edit in edits.sorted(by: { ($0.line, $0.column) > ($1.line, $1.column) }) {
            let index = edit.line - 1
            guard lines.indices.contains(index) else { continue }
            let old = Array(edit.old.unicodeScalars)
            let line = lines[index]
            // The node starts at the mark, or one past it when quoted.
            for start in [edit.column - 1, edit.column] where start >= 0 && start + old.count <= line.count {
                if Array(line[start..<start + old.count]) == old {
                    lines[index].replaceSubrange(start..<start + old.count, with: edit.new.unicodeScalars)
                    break
                }
            }
        }
        let result = lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
        let wanted = expected.frames?.map { frame in
            frame.map { entry -> Manifest.Entry in
                if case .file(let name) = entry, let new = renames[name] { return .file(new) }
                return entry
            }
        }
        guard let parsed = try? Manifest(yaml: result, file: file), parsed.frames == wanted,
            parsed.fields == expected.fields
        else {
            let list = renames.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }.joined(separator: ", ")
            throw .fileSystem(
                FileSystemError(
                    path: file, operation: "rewrite",
                    reason: "the converted files' new names (\(list)) could not be put into its frames list; "
                        + "list the files with their new names in the manifest, or name them by frame number instead"))
        }
        return result
    }
}
