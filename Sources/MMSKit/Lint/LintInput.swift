import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thing to lint: a JSON file or a media directory.
public struct LintInput: Sendable, Hashable {
    /// Whether the input is a JSON document or a media directory that is one message.
    public enum Kind: Sendable, Hashable {
        /// A JSON file (a body or a bare frame array).
        case file
        /// A media directory, built and linted as one message.
        case directory
    }

    /// The path as the user gave it or as it was found, used in diagnostics.
    public var path: String
    /// How the linter reads the path: as a JSON document or as a media directory.
    public var kind: Kind

    /// Expands what the user named: files as they are; a media directory (an `mms.yaml` or numbered files) as
    /// one message; any other directory searched for `*.json` files and media directories (hidden entries
    /// skipped); a glob such as `templates/**/*.json` matched under its fixed prefix. Excluded paths are dropped.
    /// - Throws: `FileSystemError` naming every path that cannot be read: a named path that does not exist
    ///   (or matches nothing), a symlink to nothing, a directory or subdirectory that cannot be listed.
    public static func expand(
        _ paths: [String], excluding excludes: [GlobPattern] = []
    ) throws(FileSystemError) -> [LintInput] {
        var inputs: [LintInput] = []
        var seen = Set<String>()
        var problems: [FileSystemError] = []
        func add(_ input: LintInput) {
            guard !excludes.contains(where: { $0.matches(input.path) }), seen.insert(input.path).inserted else {
                return
            }
            inputs.append(input)
        }
        for raw in paths {
            let path = raw.count > 1 && raw.hasSuffix("/") ? String(raw.dropLast()) : raw
            do throws(FileSystemError) {
                var status = stat()
                if GlobPattern.isPattern(path) && lstat(path, &status) != 0 {
                    let matches = try glob(path, problems: &problems)
                    if matches.isEmpty {
                        throw FileSystemError(path: path, operation: "lint", reason: "the pattern matches no file")
                    }
                    matches.forEach(add)
                    continue
                }
                let entry = try FileSystemEntry.resolve(path)
                if entry.kind != .directory {
                    add(LintInput(path: path, kind: .file))
                } else if try isMediaDirectory(path) {
                    add(LintInput(path: path, kind: .directory))
                } else {
                    try search(path, add: add, problems: &problems)
                }
            } catch {
                problems.append(error)
            }
        }
        if let failure = FileSystemError.combining(problems) { throw failure }
        return inputs
    }

    static let mediaExtensions: Set<String> = ["txt", "jpg", "jpeg", "png", "gif", "mp3", "mp4"]

    /// A directory that is itself a message: it has a manifest, or a numbered text or media file.
    static func isMediaDirectory(_ path: String) throws(FileSystemError) -> Bool {
        try DirectoryListing.read(path).names.contains { name in
            if Manifest.fileNames.contains(name) { return true }
            let entry = DirectoryEntry(name: name, path: "\(path)/\(name)")
            return entry.frameNumber != nil && entry.fileExtension.map(mediaExtensions.contains) == true
        }
    }

    /// Adds the `*.json` files and media directories under `directory`, collecting what cannot be read.
    private static func search(
        _ directory: String, add: (LintInput) -> Void, problems: inout [FileSystemError]
    ) throws(FileSystemError) {
        let walk = try DirectoryWalker.walk(directory) { entry in
            guard entry.kind == .directory else {
                return entry.path.lowercased().hasSuffix(".json") ? .take : .skip
            }
            // A subdirectory that cannot be listed is descended into, and the walk reports it.
            return (try? isMediaDirectory(entry.path)) == true ? .take : .descend
        }
        for entry in walk.entries {
            add(LintInput(path: entry.path, kind: entry.kind == .directory ? .directory : .file))
        }
        problems += walk.problems
    }

    /// The files and directories a glob matches under its fixed prefix, collecting what cannot be read.
    private static func glob(
        _ pattern: String, problems: inout [FileSystemError]
    ) throws(FileSystemError) -> [LintInput] {
        guard let matcher = try? GlobPattern(pattern) else { return [] }
        let components = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let fixed = components.prefix { !GlobPattern.isPattern(String($0)) }
        let base =
            fixed.isEmpty ? "." : (pattern.hasPrefix("/") && fixed.count == 1 ? "/" : fixed.joined(separator: "/"))
        let walk = try DirectoryWalker.walk(base) { entry in
            if matcher.matchesExactly(entry.path) { return .take }
            return entry.kind == .directory ? .descend : .skip
        }
        problems += walk.problems
        return walk.entries.map { LintInput(path: $0.path, kind: $0.kind == .directory ? .directory : .file) }
    }
}
