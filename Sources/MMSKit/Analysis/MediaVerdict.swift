/// Sniffs one media item and compares the result with the extension it claims, producing user-facing messages.
enum MediaVerdict {
    /// How the item is named in messages and what fixing the extension means for it.
    enum Subject {
        /// A file in a media directory: "banner.jpg is …; rename it to banner.png".
        case file(name: String)
        /// A JSON item: "the data is …; set ext_type to png".
        case jsonItem
    }

    struct Outcome: Sendable {
        var media: SniffedMedia?
        var problems: [(severity: Diagnostic.Severity, ruleID: RuleID, message: String)] = []
    }

    static func check(
        _ bytes: UnsafeRawBufferPointer, declared: MediaExtension?, declaredText: String, subject: Subject,
        sniffer: MediaSniffer
    ) -> Outcome {
        var outcome = Outcome()
        let lead: String
        switch subject {
        case .file(let name): lead = name
        case .jsonItem: lead = "the data"
        }
        let sniffed: SniffedMedia
        do {
            sniffed = try sniffer.sniff(bytes)
        } catch {
            let ruleID: RuleID
            switch error {
            case .unsupported: ruleID = .mediaFormat
            case .damaged: ruleID = .mediaIntegrity
            }
            outcome.problems.append((.error, ruleID, "\(lead) \(error)"))
            return outcome
        }
        outcome.media = sniffed
        if let declared, declared.format != sniffed.format {
            let fix: String
            switch subject {
            case .file(let name):
                let stem = name.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(
                    separator: ".")
                fix = "rename it to \(stem).\(sniffed.format.preferredExtension.rawValue)"
            case .jsonItem:
                fix =
                    "set ext_type to \(sniffed.format.preferredExtension.rawValue) and con_type to \(sniffed.contentType.rawValue)"
            }
            outcome.problems.append(
                (
                    .error, .mediaTypeMismatch,
                    "\(lead) is a \(sniffed.format.displayName) (\(sniffed.mimeType)) but \(declaredDescription(declaredText, subject)) says \(declaredText); \(fix)"
                ))
        }
        if sniffed.isAudioOnlyVideo {
            outcome.problems.append(
                (
                    .warning, .videoWithoutPicture,
                    "\(lead) is an MP4 with no video track (audio only) but goes out as con_type video; handsets show an empty player — send the audio as MP3 instead"
                ))
        }
        if let trailing = sniffed.details.trailingBytes, trailing > 0 {
            outcome.problems.append(
                (
                    .warning, .mediaTrailingData,
                    "\(lead) has \(trailing) byte\(trailing == 1 ? "" : "s") after the end of the \(sniffed.format.displayName) (\(endName(sniffed.format))); "
                        + "carriers re-encode media and a file with data appended is how content is smuggled — re-export the file without them"
                ))
        }
        return outcome
    }

    /// Where each format's structure ends, for messages.
    private static func endName(_ format: MediaFormat) -> String {
        switch format {
        case .jpeg: "its EOI marker"
        case .png: "its IEND chunk"
        case .gif: "its trailer byte 0x3B"
        case .mp3: "its last frame and tags"
        case .mp4: "its last box"
        }
    }

    private static func declaredDescription(_ text: String, _ subject: Subject) -> String {
        switch subject {
        case .file: "its extension"
        case .jsonItem: "ext_type"
        }
    }
}
