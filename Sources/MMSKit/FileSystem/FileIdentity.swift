#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's identity on this machine (device and inode): two paths name the same file exactly when their
/// identities are equal, whatever links, `..` or symbolic links lie between them. `InputFiles` refuses an output
/// that would overwrite one of the command's own inputs by it.
public struct FileIdentity: Sendable, Hashable {
    /// The device the file is on (`st_dev`).
    public var device: UInt64
    /// The file's inode on that device (`st_ino`).
    public var inode: UInt64

    /// The identity of inode `inode` on device `device`.
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
}
