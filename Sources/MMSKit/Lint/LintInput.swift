import Foundation

/// One thing to lint: a JSON file or a media directory.
public struct LintInput: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case file
        case directory
    }

    public var path: String
    public var kind: Kind

    /// Expands what the user named: files as they are; a media directory (an `mms.yaml` or numbered files) as
    /// one message; any other directory searched for `*.json` files and media directories (hidden entries
    /// skipped); a glob such as `templates/**/*.json` matched under its fixed prefix. Excluded paths are dropped.
    /// - Throws: `FileSystemError` when a named path does not exist and matches nothing.
    public static func expand(_ paths: [String], excluding excludes: [GlobPattern] = []) throws(FileSystemError) -> [LintInput] {
        var inputs: [LintInput] = []
        var seen = Set<String>()
        func add(_ input: LintInput) {
            guard !excludes.contains(where: { $0.matches(input.path) }), seen.insert(input.path).inserted else { return }
            inputs.append(input)
        }
        for raw in paths {
            let path = raw.count > 1 && raw.hasSuffix("/") ? String(raw.dropLast()) : raw
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                if !isDirectory.boolValue {
                    add(LintInput(path: path, kind: .file))
                } else if isMediaDirectory(path) {
                    add(LintInput(path: path, kind: .directory))
                } else {
                    search(path, add: add)
                }
            } else if GlobPattern.isPattern(path) {
                let matches = glob(path)
                if matches.isEmpty { throw FileSystemError(path: path, operation: "lint", reason: "the pattern matches no file") }
                matches.forEach(add)
            } else {
                throw FileSystemError(path: path, operation: "lint", reason: "no such file or directory")
            }
        }
        return inputs
    }

    static let mediaExtensions: Set<String> = ["txt", "jpg", "jpeg", "png", "gif", "mp3", "mp4"]

    /// A directory that is itself a message: it has a manifest, or a numbered text or media file.
    static func isMediaDirectory(_ path: String) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.contains { name in
            if Manifest.fileNames.contains(name) { return true }
            let entry = DirectoryEntry(name: name, path: "\(path)/\(name)")
            return entry.frameNumber != nil && entry.fileExtension.map(mediaExtensions.contains) == true
        }
    }

    private static func search(_ directory: String, add: (LintInput) -> Void) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") {
            let path = directory == "." ? name : "\(directory)/\(name)"
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if isMediaDirectory(path) { add(LintInput(path: path, kind: .directory)) } else { search(path, add: add) }
            } else if name.lowercased().hasSuffix(".json") {
                add(LintInput(path: path, kind: .file))
            }
        }
    }

    private static func glob(_ pattern: String) -> [LintInput] {
        guard let matcher = try? GlobPattern(pattern) else { return [] }
        let components = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let fixed = components.prefix { !GlobPattern.isPattern(String($0)) }
        let base = fixed.isEmpty ? "." : (pattern.hasPrefix("/") && fixed.count == 1 ? "/" : fixed.joined(separator: "/"))
        var found: [LintInput] = []
        func walk(_ directory: String) {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                let path = directory == "." ? name : (directory == "/" ? "/\(name)" : "\(directory)/\(name)")
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if matcher.matchesExactly(path) {
                    found.append(LintInput(path: path, kind: isDirectory.boolValue ? .directory : .file))
                } else if isDirectory.boolValue {
                    walk(path)
                }
            }
        }
        walk(base)
        return found
    }
}
