import Foundation
import MMSKitTestSupport
import Testing

@testable import MMSKit

#if canImport(Glibc)
import Glibc
#endif

/// An output is refused when it is one of the command's inputs by any name, or the resolved path of an input
/// that does not exist yet; anything else beside the inputs is written.
@Suite struct InputFilesTests {
    static func refusesToWrite(_ path: String, _ inputs: InputFiles) -> Bool {
        do {
            try AtomicFile.write(Data("new".utf8), to: path, protecting: inputs)
            return false
        } catch {
            return error.reason.contains("one of this command's inputs")
        }
    }

    @Test func anInputIsTheSameFileByAnyName() throws {
        let temporary = try TemporaryDirectory()
        let input = temporary.appending("cfg.yml")
        try Data("rules: {}\n".utf8).write(to: URL(fileURLWithPath: input))
        try FileManager.default.createDirectory(atPath: temporary.appending("sub"), withIntermediateDirectories: false)
        #expect(link(input, temporary.appending("hard.yml")) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: temporary.appending("soft.yml"), withDestinationPath: "cfg.yml")
        // Named through the symlink, the input is still the file it points to.
        let inputs = InputFiles([temporary.appending("soft.yml")])
        for output in [input, temporary.appending("hard.yml"), temporary.appending("sub/../cfg.yml")] {
            #expect(Self.refusesToWrite(output, inputs), "\(output)")
        }
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "rules: {}\n")
        #expect(!Self.refusesToWrite(temporary.appending("report.txt"), inputs))
    }

    @Test func anInputThatDoesNotExistYetIsItsResolvedPath() throws {
        let temporary = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: temporary.appending("sub"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: temporary.appending("here"), withDestinationPath: "sub")
        let inputs = InputFiles([temporary.appending("sub/r.sqlite-wal")])
        #expect(Self.refusesToWrite(temporary.appending("here/r.sqlite-wal"), inputs))
        #expect(Self.refusesToWrite(temporary.appending("sub/./r.sqlite-wal"), inputs))
        #expect(!FileManager.default.fileExists(atPath: temporary.appending("sub/r.sqlite-wal")))
        #expect(!Self.refusesToWrite(temporary.appending("sub/r.sqlite-shm"), inputs))
    }

    @Test func aDirectoryInputCoversTheFilesDirectlyInIt() throws {
        let temporary = try TemporaryDirectory()
        let media = temporary.appending("d")
        try FileManager.default.createDirectory(atPath: "\(media)/inner", withIntermediateDirectories: true)
        try Data("a".utf8).write(to: URL(fileURLWithPath: "\(media)/01-a.txt"))
        try Data("b".utf8).write(to: URL(fileURLWithPath: "\(media)/inner/b.txt"))
        let inputs = InputFiles([media])
        #expect(Self.refusesToWrite("\(media)/01-a.txt", inputs))
        #expect(!Self.refusesToWrite("\(media)/inner/b.txt", inputs), "only the entries directly in it are read")
        #expect(!Self.refusesToWrite("\(media)/02-new.txt", inputs))
    }
}
