import Foundation

/// The verdict on one file of `mmskit sniff`: accepted media, or why not.
public struct SniffReport: Sendable, Codable {
    public var path: String
    /// libmagic's MIME type (after an ID3v2 tag for MP3), when the file could be read.
    public var mimeType: String?
    public var media: SniffedMedia?
    /// Why the file is not acceptable MMS media (or could not be read).
    public var problem: String?
    /// Whether the file could not be read at all (a tool failure, not a verdict on the content).
    public var unreadable = false

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
}
