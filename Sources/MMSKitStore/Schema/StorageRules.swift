import MMSKit

/// The rules both stores apply the same way: which records a later push with another code updates, and the
/// conditions their queries share.
enum StorageRules {
    /// SQL that is true for a row of `kind`, with the column qualified by `table` when given.
    static func kindCondition(_ kind: PushKind, table: String? = nil) -> String {
        "\(table.map { "\($0)." } ?? "")kind = '\(kind.rawValue)'"
    }

    /// SQL that is true for a row a later push with another code revises (`PushKind.isRevisable`), with the column
    /// qualified by `table` (for an upsert's `DO UPDATE … WHERE`).
    static func revisableCondition(table: String?) -> String {
        "(" + PushKind.allCases.filter(\.isRevisable).map { kindCondition($0, table: table) }.joined(separator: " OR ")
            + ")"
    }

    /// What storing one record did.
    enum Outcome: Sendable {
        case inserted
        case updated
        case duplicate
    }

    static func tally(_ outcomes: some Sequence<Outcome>) -> StoreOutcome {
        var total = StoreOutcome()
        for outcome in outcomes {
            switch outcome {
            case .inserted: total.inserted += 1
            case .updated: total.updated += 1
            case .duplicate: total.duplicates += 1
            }
        }
        return total
    }
}
