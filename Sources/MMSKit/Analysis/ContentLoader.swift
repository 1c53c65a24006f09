import Foundation

/// Opens whatever a user points at: a media directory (built) or a JSON file (decoded and checked).
public struct ContentLoader: Sendable {
    public var sniffer: MediaSniffer

    public init(sniffer: MediaSniffer) {
        self.sniffer = sniffer
    }

    /// Builds `path` when it is a directory, decodes it as JSON otherwise.
    /// - Throws: `ContentError` for problems in the content, `FileSystemError` when it cannot be read.
    public func load(_ path: String) throws -> ContentAnalysis {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FileSystemError(path: path, operation: "read", reason: "no such file or directory")
        }
        if isDirectory.boolValue {
            return try ContentBuilder(sniffer: sniffer).build(directory: path)
        }
        return try ContentDecoder(sniffer: sniffer, file: path).decode(try Self.read(path))
    }

    /// Reads a whole file.
    static func read(_ path: String) throws(FileSystemError) -> Data {
        try FileReader.read(path)
    }
}
