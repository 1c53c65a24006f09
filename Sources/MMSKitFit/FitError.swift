import MMSKit

/// Why a fit failed. Every case names the file or item and what to do; nothing is written when one is thrown.
public enum FitError: Error, Sendable, ClassifiedFailure {
    /// A converter program is not on `PATH` (exit status 2).
    case converterMissing(tool: MediaTool)
    /// A converter program failed on a file it should have handled (exit status 2).
    case converterFailed(tool: MediaTool, file: String, status: Int32, message: String)
    /// A converter program ran longer than the limit (exit status 2).
    case converterTimedOut(tool: MediaTool, file: String, seconds: Int)
    /// No decoder reads the file (exit status 1).
    case undecodable(file: String, libmagic: String)
    /// A clip is longer than the profile allows; fitting keeps durations (exit status 1).
    case tooLong(file: String, seconds: Double, limit: Double, profile: String)
    /// The message cannot fit the budget even at the lowest quality fitting allows (exit status 1).
    case budgetUnreachable(BudgetShortfall)
    /// A file could not be read or written (exit status 2).
    case fileSystem(FileSystemError)

    /// Whether the input is at fault (exit status 1) rather than the converters or the file system (2).
    public var isContentError: Bool {
        switch self {
        case .undecodable, .tooLong, .budgetUnreachable: true
        case .converterMissing, .converterFailed, .converterTimedOut, .fileSystem: false
        }
    }

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .converterMissing(let tool):
            "\(tool.rawValue) is not installed (or not on PATH); fitting needs it: install the Debian package "
                + "'\(tool.debianPackage)' (apt-get install \(tool.debianPackage))"
        case .converterFailed(let tool, let file, let status, let message):
            "\(tool.rawValue) failed on \(file) (exit status \(status)): \(message)"
        case .converterTimedOut(let tool, let file, let seconds):
            "\(tool.rawValue) took longer than \(seconds) s on \(file) and was stopped"
        case .undecodable(let file, let libmagic):
            "\(file) cannot be decoded (libmagic says it is \(libmagic)); "
                + "replace it with an image, audio or video file, or remove it"
        case .tooLong(let file, let seconds, let limit, let profile):
            "\(file) lasts \(Self.seconds(seconds)), longer than the \(profile) profile's max_duration_seconds "
                + "(\(Self.seconds(limit))); fitting keeps durations: trim the clip to \(Self.seconds(limit)) or less"
        case .budgetUnreachable(let shortfall):
            shortfall.description
        case .fileSystem(let error):
            error.description
        }
    }

    static func seconds(_ value: Double) -> String {
        value.rounded() == value ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}

/// What the smallest message fitting can make still lacks: each item at the lowest quality fitting allows,
/// against the budget.
public struct BudgetShortfall: Sendable, Hashable {
    /// One item at its smallest.
    public struct Item: Sendable, Hashable {
        /// The file (`DIR/name`), or the manifest for a manifest text.
        public var file: String
        /// The smallest size reached, in bytes.
        public var smallestBytes: Int
        /// What would make it smaller: a shorter clip, fewer frames, …
        public var advice: String
    }

    /// The budget, in bytes.
    public var budget: Int
    /// The total at every item's smallest.
    public var smallestTotal: Int
    /// Every item, the largest first.
    public var items: [Item]

    /// "the message cannot fit …", naming the largest item first.
    public var description: String {
        var text =
            "the message cannot fit \(budget) bytes: at the lowest quality fit allows it is still \(smallestTotal) bytes "
            + "(\(smallestTotal - budget) over)"
        if let largest = items.first {
            text += "; \(largest.file) alone is at least \(largest.smallestBytes) bytes: \(largest.advice)"
        }
        let rest = items.dropFirst().prefix(4).map { "\($0.file) ≥ \($0.smallestBytes) bytes" }
        if !rest.isEmpty { text += "; the others at their smallest: " + rest.joined(separator: ", ") }
        text += "; or raise the budget (--budget, or max_total_bytes in .mmskit.yml)"
        return text
    }
}
