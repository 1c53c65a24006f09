import Foundation

/// The verdict on one file of `mmskit sniff`: accepted media, or why not.
public struct SniffReport: Sendable, Codable {
    /// The file, as the user named it or as found in a directory.
    public var path: String
    /// libmagic's MIME type (after an ID3v2 tag for MP3), when the file could be read.
    public var mimeType: String?
    /// What the file is, when it is acceptable MMS media; `nil` otherwise.
    public var media: SniffedMedia?
    /// Why the file is not acceptable MMS media (or could not be read).
    public var problem: String?
    /// Whether the file could not be read at all (a tool failure, not a verdict on the content).
    public var unreadable = false

    /// Whether the file is acceptable MMS media.
    public var isAccepted: Bool { media != nil }

    /// Reads and sniffs one file.
    public static func sniff(path: String, sniffer: MediaSniffer) -> SniffReport {
        let data: Data
        do {
            data = try ContentLoader.read(path)
        } catch {
            return SniffReport(path: path, mimeType: nil, media: nil, problem: "\(error)", unreadable: true)
        }
        do {
            let media = try sniffer.sniff(data)
            return SniffReport(path: path, mimeType: media.mimeType, media: media, problem: nil)
        } catch {
            let mime: String
            switch error {
            case .unsupported(let type): mime = type
            case .damaged(let format, _): mime = format.mimeType
            }
            return SniffReport(path: path, mimeType: mime, media: nil, problem: "\(error)")
        }
    }

    /// Sniffs many files on all cores; results keep the input order.
    public static func sniff(paths: [String], sniffer: MediaSniffer) -> [SniffReport] {
        paths.parallelMap { sniff(path: $0, sniffer: sniffer) }
    }

    /// Text and manifest files sit beside media in a message directory; they are not media to sniff.
    public static let skippedInDirectories = SniffInput.skippedInDirectories

    /// Sniffs the named files and every file under the named directories (`SniffInput.expand`). Every path that
    /// cannot be read — a named path that does not exist, a symlink to nothing, a subdirectory that cannot be
    /// listed, a FIFO — gets an `unreadable` report naming it.
    public static func sniff(searching paths: [String], sniffer: MediaSniffer) -> [SniffReport] {
        let inputs = SniffInput.expand(paths)
        var sniffed = sniff(paths: inputs.filter { $0.failure == nil }.map(\.path), sniffer: sniffer).makeIterator()
        return inputs.compactMap { input in
            guard let failure = input.failure else { return sniffed.next() }
            return SniffReport(path: failure.path, mimeType: nil, media: nil, problem: "\(failure)", unreadable: true)
        }
    }
}
