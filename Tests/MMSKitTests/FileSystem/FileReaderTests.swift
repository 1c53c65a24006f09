import Foundation
import MMSKitTestSupport
import Testing

@testable import MMSKit

#if canImport(Glibc)
import Glibc
#endif

@Suite struct FileReaderTests {
    /// A file over the 1 MiB that used to be mapped, written into `directory`.
    static func largeFile(in directory: TemporaryDirectory) throws -> String {
        let path = directory.appending("large.json")
        try Data(repeating: 0x20, count: 3 << 20).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aFileThatShrinksWhileReadIsAnErrorNamingIt() throws {
        let temporary = try TemporaryDirectory()
        let path = try Self.largeFile(in: temporary)
        // Mapped, this truncation would kill the process with SIGBUS when the pages are touched.
        let error = #expect(throws: FileSystemError.self) {
            try FileReader.read(path) { _ in _ = truncate(path, 100) }
        }
        #expect(error?.path == path)
        #expect(error?.reason.contains("changed while it was being read; try again when nothing is writing it") == true)
    }

    @Test func aFileThatGrowsWhileReadIsAnErrorNamingIt() throws {
        let temporary = try TemporaryDirectory()
        let path = try Self.largeFile(in: temporary)
        let error = #expect(throws: FileSystemError.self) {
            try FileReader.read(path) { _ in
                let writer = open(path, O_WRONLY | O_APPEND)
                _ = "more".withCString { Glibc.write(writer, $0, 4) }
                close(writer)
            }
        }
        #expect(error?.reason.contains("changed while it was being read") == true)
    }

    @Test func largeFilesAreReadWhole() throws {
        let temporary = try TemporaryDirectory()
        let path = try Self.largeFile(in: temporary)
        #expect(try FileReader.read(path).count == 3 << 20)
    }

    @Test func onlyRegularFilesAreOpened() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let fifo = "\(directory)/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever.
        let fifoError = #expect(throws: FileSystemError.self) { try FileReader.read(fifo) }
        #expect(fifoError?.reason.contains("it is a FIFO (named pipe), not a regular file") == true)
        let deviceError = #expect(throws: FileSystemError.self) { try FileReader.read("/dev/zero") }
        #expect(deviceError?.reason.contains("a character device") == true)
        let directoryError = #expect(throws: FileSystemError.self) { try FileReader.read(directory) }
        #expect(directoryError?.reason.contains("it is a directory") == true)
    }

    @Test func theSnifferRefusesADatabaseThatIsNotOne() throws {
        #expect(throws: SnifferError.notADatabase(path: "/etc/passwd")) {
            try MediaSniffer(databasePath: "/etc/passwd")
        }
        let error = #expect(throws: SnifferError.self) { try MediaSniffer(databasePath: "/dev/zero") }
        #expect(error?.description.contains("a character device") == true)
    }

    @Test func directoryListingsKeepNamesThatAreNotUTF8() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let raw = Array("\(directory)/01-".utf8) + [0xB7, 0xE2, 0x2E, 0x6A, 0x70, 0x67, 0]
        let descriptor = raw.withUnsafeBufferPointer {
            open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644)
        }
        #expect(descriptor >= 0)
        close(descriptor)
        let listing = try DirectoryListing.read(directory)
        #expect(listing.names.isEmpty)
        #expect(listing.invalidNames == [#"01-\xB7\xE2.jpg"#])
    }
}
