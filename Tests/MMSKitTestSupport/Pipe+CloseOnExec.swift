import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Pipe {
    /// A pipe whose two ends close in any child this process starts, except the child it is handed to (which gets
    /// them as its stdin/stdout/stderr by dup2). Tests start children from many threads at once; without this, a
    /// long-lived one (a server, a database) inherits another child's pipe and that child's reader never sees its
    /// end of file.
    public static func closingOnExec() -> Pipe {
        let pipe = Pipe()
        for descriptor in [pipe.fileHandleForReading.fileDescriptor, pipe.fileHandleForWriting.fileDescriptor] {
            _ = fcntl(descriptor, F_SETFD, fcntl(descriptor, F_GETFD) | FD_CLOEXEC)
        }
        return pipe
    }
}
