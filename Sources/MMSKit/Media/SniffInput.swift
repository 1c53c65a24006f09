/// One path `mmskit sniff` looks at: a file to sniff, or a path that cannot be read and why.
public struct SniffInput: Sendable, Equatable {
    /// The path as the user named it or as found under a directory.
    public var path: String
    /// Why the path cannot be read (found while searching a directory); `nil` for a path to sniff, whose own
    /// read reports any problem.
    public var failure: FileSystemError?

    /// An input for `path`, with the reason it cannot be read when one is already known.
    public init(path: String, failure: FileSystemError? = nil) {
        self.path = path
        self.failure = failure
    }

    /// Text and manifest files sit beside media in a message directory; they are not media to sniff.
    public static let skippedInDirectories = [".txt", ".yaml", ".yml", ".md"]

    /// Expands what the user named: files as they are (in the order given); every file under a named directory,
    /// sorted by path, with hidden entries and text or manifest files skipped. Every entry the search cannot
    /// read — a subdirectory it may not list, a symlink to nothing, a FIFO — is an input with its failure.
    public static func expand(_ paths: [String]) -> [SniffInput] {
        var inputs: [SniffInput] = []
        for path in paths {
            guard let entry = try? FileSystemEntry.resolve(path), entry.kind == .directory else {
                inputs.append(SniffInput(path: path))
                continue
            }
            do {
                let walk = try DirectoryWalker.walk(
                    path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
                ) { entry in
                    if entry.kind == .directory { return .descend }
                    let name = entry.path.lowercased()
                    return skippedInDirectories.contains(where: { name.hasSuffix($0) }) ? .skip : .take
                }
                let found =
                    walk.entries.map { SniffInput(path: $0.path) }
                    + walk.problems.map { SniffInput(path: $0.path, failure: $0) }
                inputs += found.sorted { $0.path < $1.path }
            } catch {
                inputs.append(SniffInput(path: error.path, failure: error))
            }
        }
        return inputs
    }
}
