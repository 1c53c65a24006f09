import MMSKitProviders

/// The rules both stores apply the same way: which records a later push with another code updates, and how the
/// kinds of JSMS callbacks are told apart in SQL (by the start of their natural key).
enum StorageRules {
    /// Natural-key prefixes of the JSMS callback types.
    static let jsmsReportPrefix = PushRecord.key(JPushCallback.Kind.report.rawValue) + "|"
    static let jsmsReplyPrefix = PushRecord.key(JPushCallback.Kind.reply.rawValue) + "|"
    static let jsmsTemplatePrefix = PushRecord.key(JPushCallback.Kind.template.rawValue) + "|"

    /// Whether a later push of this record with a different code updates the stored one (a delivery report);
    /// any other record with a stored natural key is a duplicate.
    static func isRevisable(_ record: PushRecord) -> Bool {
        record.kind == .receipt || (record.kind == .jpush && record.naturalKey.hasPrefix(jsmsReportPrefix))
    }

    /// SQL that is true for a delivery report row (ihuyi receipt or JSMS SMS_REPORT).
    static let reportCondition = reportCondition(table: nil)

    /// `reportCondition` with its columns qualified by `table` (for an upsert's `DO UPDATE … WHERE`).
    static func reportCondition(table: String?) -> String {
        let column = { (name: String) in table.map { "\($0).\(name)" } ?? name }
        return
            "(\(column("kind")) = 'receipt' OR (\(column("kind")) = 'jpush' AND substr(\(column("natural_key")), 1, \(jsmsReportPrefix.count)) = '\(jsmsReportPrefix)'))"
    }
    /// SQL that is true for a reply from a handset.
    static let uplinkCondition = "(kind = 'uplink' OR (kind = 'jpush' AND \(prefixTest(jsmsReplyPrefix))))"
    /// SQL that is true for a template review.
    static let reviewCondition = "(kind = 'review' OR (kind = 'jpush' AND \(prefixTest(jsmsTemplatePrefix))))"

    private static func prefixTest(_ prefix: String) -> String {
        "substr(natural_key, 1, \(prefix.count)) = '\(prefix)'"
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
