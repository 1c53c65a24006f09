import Foundation

/// A number that must not receive marketing messages, with how it came to be on the suppression list. Opt-outs
/// hold across every provider: a number that replied T to an ihuyi campaign gets no JSMS campaign either.
public struct OptOut: Sendable, Hashable, Codable {
    /// How an opt-out came to be on the list.
    public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        /// The number replied an opt-out keyword (the receiver added it with the reply, in one transaction).
        case reply
        /// Someone added it (`mmskit optout add`): a complaint by phone, a request by e-mail.
        case manual
        /// It came in a file (`mmskit optout import`): a CRM export, another tool's list.
        case `import`
    }

    /// The number: 11 digits for a mainland mobile number (`PhoneNumber`), else as the provider wrote it.
    public var phone: String
    /// How it came to be on the list.
    public var source: Source
    /// The provider whose reply added it (nil for a manual or imported entry).
    public var provider: ProviderID?
    /// The keyword the reply matched, as configured (nil for a manual or imported entry).
    public var keyword: String?
    /// The campaign task the reply answered, when the provider says (ihuyi's task_id; JSMS's msg_id).
    public var taskID: String?
    /// When it was added to the list.
    public var time: Date

    /// An entry as given.
    /// - Parameters:
    ///   - phone: the number (normalised with `OptOut.phoneKey(_:)` by whoever stores it).
    ///   - source: how it came to be on the list.
    ///   - provider: the provider whose reply added it.
    ///   - keyword: the keyword the reply matched.
    ///   - taskID: the task the reply answered.
    ///   - time: when it was added.
    public init(
        phone: String, source: Source, provider: ProviderID? = nil, keyword: String? = nil, taskID: String? = nil,
        time: Date = Date()
    ) {
        self.phone = phone
        self.source = source
        self.provider = provider
        self.keyword = keyword
        self.taskID = taskID
        self.time = time
    }

    /// The form a number is kept and compared in: a mainland mobile number's 11 digits (so `+86 138-0013-8000`
    /// and `13800138000` are one entry), anything else trimmed as it is.
    public static func phoneKey(_ raw: String) -> String {
        (try? PhoneNumber(raw).digits) ?? raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Where `send` asks which numbers to leave out: the store's suppression list, or a plain file of numbers.
public protocol SuppressionList: Sendable {
    /// Which of `phones` (in `OptOut.phoneKey(_:)` form) are on the list. Called once per chunk, so a list of
    /// millions is never held in memory.
    func suppressed(among phones: [String]) async throws -> Set<String>
}
