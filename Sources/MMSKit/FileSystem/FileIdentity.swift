#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's identity on this machine (device and inode): two paths name the same file exactly when their
/// identities are equal, whatever links, `..` or symbolic links lie between them. Used to refuse an output that
/// would overwrite one of the command's own inputs.
public struct FileIdentity: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64

    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    /// The identity of the file `path` names (symbolic links followed); nil when there is no such file.
    public init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }

    /// The identities of the inputs a command reads from `path`: the file itself, or for a directory the
    /// directory and every entry directly in it (a media directory's files).
    public static func inputs(at path: String) -> Set<FileIdentity> {
        guard let identity = FileIdentity(path: path) else { return [] }
        var identities: Set<FileIdentity> = [identity]
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, let directory = opendir(path) else {
            return identities
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            if let child = FileIdentity(path: path + "/" + name) { identities.insert(child) }
        }
        return identities
    }
}
