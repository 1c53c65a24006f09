import Foundation
import GRDB
import MMSKit
import Testing

@testable import MMSKitStore

/// The store's rows read their times without GRDB's calendar: the same instants GRDB reads, to the millisecond
/// GRDB stores, and GRDB's own reading for any other text.
@Suite struct StoredTimestampTests {
    @Test func readsTheInstantsGRDBReads() throws {
        for seconds in [0.0, 1_700_000_000.123, 1_796_663_625.657, 951_782_400.5, 4_102_444_799.999] {
            let date = Date(timeIntervalSince1970: seconds)
            guard case .string(let text) = date.databaseValue.storage else {
                Issue.record("GRDB stored \(date) as \(date.databaseValue)")
                continue
            }
            let fast = try #require(StoredTimestamp.date(Data(text.utf8)), "\(text)")
            let grdb = try #require(Date.fromDatabaseValue(text.databaseValue))
            #expect(abs(fast.timeIntervalSince(grdb)) < 0.000_001, "\(text)")
            #expect(StoredPush.timestamp(fast) == StoredPush.timestamp(grdb), "\(text)")
        }
        for other in ["2025-05-01", "2025-13-01 00:00:00.000", "2025-05-01 10:00:00.", "1700000000"] {
            #expect(StoredTimestamp.date(Data(other.utf8)) == nil, "\(other)")
        }
    }

    @Test func civilTimeIsChinaTimeWithAnOffset() {
        for text in ["2025-05-01 10:00:30", "2024-02-29 23:59:59", "1969-12-31 23:00:00"] {
            let seconds = Array(text.utf8).withUnsafeBufferPointer { CivilTime.seconds($0, offset: 8 * 3_600) }
            #expect(seconds == ChinaTime.parse(text)?.timeIntervalSince1970, "\(text)")
        }
    }
}
