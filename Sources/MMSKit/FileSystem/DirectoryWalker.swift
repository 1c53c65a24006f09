/// Walks directory trees and reports every entry it cannot read — a subdirectory it may not list, a symlink
/// to nothing, a symlink loop, a name that is not UTF-8 — rather than skipping it silently as FileManager's
/// enumerators do. Hidden entries (names starting with `.`) are skipped. `sniff` and `lint` both search with it.
public enum DirectoryWalker {
    /// What to do with an entry the walk reached.
    public enum Decision: Sendable {
        /// Keep it in the result (a directory kept is not searched).
        case take
        /// Search it (directories only; for a file it is the same as `skip`).
        case descend
        /// Leave it out.
        case skip
    }

    /// What a walk found.
    public struct Result: Sendable {
        /// The entries `decide` took, in walk order (sorted names, depth first).
        public var entries: [FileSystemEntry] = []
        /// Every entry that could not be read or named, each naming its path.
        public var problems: [FileSystemError] = []
    }

    /// Walks the directory at `root`; `decide` is asked about every visible entry below it.
    /// - Throws: `FileSystemError` when `root` itself cannot be listed.
    public static func walk(_ root: String, decide: (FileSystemEntry) -> Decision) throws(FileSystemError) -> Result {
        var result = Result()
        let listing = try DirectoryListing.read(root)
        visit(root, listing, into: &result, decide: decide)
        return result
    }

    private static func visit(
        _ directory: String, _ listing: DirectoryListing, into result: inout Result,
        decide: (FileSystemEntry) -> Decision
    ) {
        for shown in listing.invalidNames where !shown.hasPrefix(".") {
            result.problems.append(
                FileSystemError(
                    path: join(directory, shown), operation: "read", reason: DirectoryListing.invalidNameReason(shown)))
        }
        for name in listing.names where !name.hasPrefix(".") {
            let path = join(directory, name)
            let entry: FileSystemEntry
            do {
                entry = try FileSystemEntry.resolve(path)
            } catch {
                result.problems.append(error)
                continue
            }
            switch decide(entry) {
            case .take:
                result.entries.append(entry)
            case .descend where entry.kind == .directory:
                do {
                    visit(path, try DirectoryListing.read(path), into: &result, decide: decide)
                } catch {
                    result.problems.append(error)
                }
            case .descend, .skip:
                break
            }
        }
    }

    /// `directory/name`, without a leading `./` for the current directory.
    static func join(_ directory: String, _ name: String) -> String {
        switch directory {
        case ".": name
        case "/": "/" + name
        default: directory.hasSuffix("/") ? directory + name : "\(directory)/\(name)"
        }
    }
}
