import Foundation
import Testing

@testable import MMSKit

@Suite struct ChinaTimeTests {
    @Test func parsesChinaTimeAndRejectsImpossibleDates() throws {
        let date = try #require(ChinaTime.parse("2026-11-23 09:00:00"))
        #expect(date.timeIntervalSince1970 == 1_795_395_600)
        #expect(ChinaTime.format(date) == "2026-11-23 09:00:00")
        #expect(ChinaTime.parse("2026-02-30 10:00:00") == nil)
        #expect(ChinaTime.parse("2026-11-23 24:00:00") == nil)
        #expect(ChinaTime.parse("2026-11-23 9:00:00") == nil)
        #expect(ChinaTime.parse("2026-11-23T09:00:00") == nil)
    }
}
