import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A libmagic database a user names (`--magic` or `$MAGIC`), checked before libmagic sees it: libmagic would
/// block on a FIFO, read `/dev/zero` without end, and, given a text file, compile it as magic source and quote
/// its lines back in the error (the content of `/etc/passwd`, say). Only a regular file that starts like a
/// compiled database (`magic.mgc`) is handed on.
enum MagicDatabase {
    /// The first word of a compiled database (MAGICNO in libmagic's file.h), in either byte order.
    private static let magicNumber: UInt32 = 0xF11E_041C

    /// The files a database setting names: `nil` means `$MAGIC` (colon-separated, as libmagic reads it) or
    /// the system database, which is not checked.
    static func files(named path: String?) -> [String] {
        guard let setting = path ?? ProcessInfo.processInfo.environment["MAGIC"], !setting.isEmpty else { return [] }
        return setting.split(separator: ":").map(String.init)
    }

    /// The file libmagic loads for `path`: it tries NAME.mgc before NAME itself.
    static func compiledFile(_ path: String) -> String {
        !path.hasSuffix(".mgc") && access(path + ".mgc", F_OK) == 0 ? path + ".mgc" : path
    }

    /// Checks that `file` (a `compiledFile`) is a regular file holding a compiled libmagic database.
    /// - Throws: `SnifferError` naming the path: unreadable, not a regular file, or not a database.
    static func check(_ file: String) throws(SnifferError) {
        let descriptor: Int32
        do {
            descriptor = try FileReader.openRegularFile(file, operation: "load the libmagic database").descriptor
        } catch {
            throw .unusableDatabase(error: error)
        }
        defer { close(descriptor) }
        var word: UInt32 = 0
        let count = withUnsafeMutableBytes(of: &word) { SystemCalls.read(descriptor, $0.baseAddress, 4) }
        guard count == 4, word == magicNumber || word.byteSwapped == magicNumber else {
            throw .notADatabase(path: file)
        }
    }
}
