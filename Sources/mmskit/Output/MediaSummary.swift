import Foundation
import MMSKit

/// One-cell descriptions of media details: "640×360, 2.5 s, 12 frames".
enum MediaSummary {
    static func describe(_ item: AnalyzedItem) -> String {
        if let characters = item.characters { return "\(characters) chars" }
        guard let media = item.media else { return "" }
        return describe(media)
    }

    static func describe(_ media: SniffedMedia) -> String {
        let details = media.details
        var parts: [String] = []
        if let width = details.width, let height = details.height { parts.append("\(width)×\(height)") }
        if let duration = details.durationSeconds { parts.append(String(format: "%.1f s", duration)) }
        if let frames = details.frameCount, frames > 1 { parts.append("\(frames) frames") }
        if media.isAudioOnlyVideo { parts.append("audio only") }
        return parts.joined(separator: ", ")
    }
}
