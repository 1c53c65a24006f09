import MMSKit

/// A plain list of numbers not to send to (`mmskit send --suppress FILE`), for a campaign without a store: read
/// once, like a phone list, into a set of 64-bit keys (about 16 MB for a million numbers).
public struct SuppressionFile: SuppressionList {
    /// The file as the user named it.
    public let path: String
    /// How many distinct numbers it holds.
    public var count: Int { numbers.count }
    private let numbers: Set<UInt64>

    /// Reads `path`: one number per line (blank lines and `#` comments skipped), or CSV per `options`.
    /// - Throws: `RecipientListError` when the file cannot be read or (in strict mode, the default) a line is
    ///   not a number: a suppression list that is partly unreadable must not be half applied.
    public init(
        path: String, options: RecipientListOptions = RecipientListOptions(strict: true)
    )
        throws(RecipientListError)
    {
        self.path = path
        let reader = try RecipientReader(input: try PhoneListInput(name: path), options: options)
        var numbers = Set<UInt64>()
        while let number = try reader.next() { numbers.insert(number.numeric) }
        self.numbers = numbers
    }

    public func suppressed(among phones: [String]) async throws -> Set<String> {
        Set(phones.filter { phone in (try? PhoneNumber(phone)).map { numbers.contains($0.numeric) } ?? false })
    }
}

/// Several suppression lists as one (`--db` and `--suppress` together): a number on any of them is left out.
public struct CombinedSuppressionList: SuppressionList {
    /// The lists, asked in order.
    public let lists: [any SuppressionList]

    /// - Parameter lists: the lists to combine.
    public init(_ lists: [any SuppressionList]) {
        self.lists = lists
    }

    public func suppressed(among phones: [String]) async throws -> Set<String> {
        var found = Set<String>()
        for list in lists {
            let remaining = phones.filter { !found.contains($0) }
            if remaining.isEmpty { break }
            found.formUnion(try await list.suppressed(among: remaining))
        }
        return found
    }
}
