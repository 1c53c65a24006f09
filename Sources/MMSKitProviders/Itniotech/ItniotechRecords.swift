/// The answer to a record query of any number of ids: the pages of at most 200 merged, the counts summed, the
/// records in the order of the ids asked for, and the ids itniotech had no record of.
public struct ItniotechRecords: Codable, Sendable, Hashable {
    /// itniotech's `success` counts (records sent), summed.
    public var success: Int
    /// itniotech's `fail` counts, summed.
    public var fail: Int
    /// itniotech's `sending` counts (records still being sent), summed.
    public var sending: Int
    /// itniotech's `nofound` counts, summed.
    public var noFound: Int
    /// The records found, in the order of the ids asked for.
    public var records: [ItniotechRecord]
    /// The ids asked for that no record answered, in the order asked.
    public var notFound: [String]

    /// A merged answer with the given counts, records and ids not found.
    public init(success: Int, fail: Int, sending: Int, noFound: Int, records: [ItniotechRecord], notFound: [String]) {
        self.success = success
        self.fail = fail
        self.sending = sending
        self.noFound = noFound
        self.records = records
        self.notFound = notFound
    }

    /// One call's answer, merged with the others by `init(merging:ids:)`.
    public struct Page: Sendable, Hashable {
        /// This call's `success` count.
        public var success: Int
        /// This call's `fail` count.
        public var fail: Int
        /// This call's `sending` count.
        public var sending: Int
        /// This call's `nofound` count.
        public var noFound: Int
        /// This call's records, as listed.
        public var records: [ItniotechRecord]

        /// One call's answer with the given counts and records.
        public init(success: Int, fail: Int, sending: Int, noFound: Int, records: [ItniotechRecord]) {
            self.success = success
            self.fail = fail
            self.sending = sending
            self.noFound = noFound
            self.records = records
        }
    }

    /// `pages` as one answer: counts summed; records ordered by the position of their id in `ids` (records
    /// of one id keep the provider's order); ids without a record listed as not found.
    public init(merging pages: [Page], ids: [String]) {
        var byID: [String: [ItniotechRecord]] = [:]
        for record in pages.flatMap(\.records) { byID[record.emailID, default: []].append(record) }
        self.init(
            success: pages.reduce(0) { $0 + $1.success }, fail: pages.reduce(0) { $0 + $1.fail },
            sending: pages.reduce(0) { $0 + $1.sending }, noFound: pages.reduce(0) { $0 + $1.noFound },
            records: ids.flatMap { byID[$0] ?? [] }, notFound: ids.filter { byID[$0] == nil })
    }

    private enum CodingKeys: String, CodingKey {
        case success, fail, sending, noFound = "nofound", records, notFound = "not_found"
    }
}
