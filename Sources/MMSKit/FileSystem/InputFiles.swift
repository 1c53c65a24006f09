import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The files a command reads — its content, a configuration file (given or found), a libmagic database, a store
/// and its companion files — which none of its outputs may replace. `AtomicFile` refuses an output that is one
/// of them: the same file by any name (device and inode, whatever links, `..` or symbolic links lie between),
/// or, for an input that does not exist yet (a store SQLite would create), the same path once resolved.
public struct InputFiles: Sendable {
    private var identities: Set<FileIdentity> = []
    private var resolvedPaths: Set<String> = []

    /// An empty set: no file is protected yet.
    public init() {}

    /// The inputs at `paths` (each as `insert(_:)` takes it).
    public init(_ paths: some Sequence<String>) {
        for path in paths { insert(path) }
    }

    /// Adds the file `path` names (symbolic links followed), and for a directory every entry directly in it (a
    /// media directory's files). A path that does not exist yet is remembered by its resolved path.
    public mutating func insert(_ path: String) {
        resolvedPaths.insert(Self.resolvedPath(path))
        guard let identity = FileIdentity(path: path) else { return }
        identities.insert(identity)
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, let directory = opendir(path) else {
            return
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            if let child = FileIdentity(path: path + "/" + name) { identities.insert(child) }
        }
    }

    /// Whether `path` names one of the inputs: `identity` is the file at `path` (nil when there is none yet).
    func contains(path: String, identity: FileIdentity?) -> Bool {
        if let identity, identities.contains(identity) { return true }
        return resolvedPaths.contains(Self.resolvedPath(path))
    }

    /// `path` absolute with symbolic links resolved; for a path that does not exist, its directory resolved and
    /// its name appended (what the path will name once the file is created).
    static func resolvedPath(_ path: String) -> String {
        if let resolved = realPath(path) { return resolved }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let directory = url.deletingLastPathComponent().path
        return (realPath(directory) ?? directory) + "/" + url.lastPathComponent
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
