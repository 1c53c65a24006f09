import Foundation

/// Opens whatever a user points at: a media directory (built) or a JSON file (decoded and checked).
public struct ContentLoader: Sendable {
    /// Identifies and checks the media, whether built from files or decoded from base64.
    public var sniffer: MediaSniffer

    /// A loader that checks media with `sniffer`.
    public init(sniffer: MediaSniffer) {
        self.sniffer = sniffer
    }

    /// Builds `path` when it is a directory, decodes it as JSON otherwise.
    /// - Throws: `.invalid` for problems in the content, `.unreadable` when it cannot be read.
    public func load(_ path: String) throws(ContentLoadError) -> ContentAnalysis {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(
                error: FileSystemError(path: path, operation: "read", reason: "no such file or directory"))
        }
        if isDirectory.boolValue {
            return try ContentBuilder(sniffer: sniffer).build(directory: path)
        }
        let data: Data
        do {
            data = try Self.read(path)
        } catch {
            throw .unreadable(error: error)
        }
        do {
            return try ContentDecoder(sniffer: sniffer, file: path).decode(data)
        } catch {
            throw .invalid(error: error)
        }
    }

    /// Reads a whole file.
    static func read(_ path: String) throws(FileSystemError) -> Data {
        try FileReader.read(path)
    }
}
