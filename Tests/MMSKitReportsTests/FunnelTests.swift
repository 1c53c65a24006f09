import Testing

@testable import MMSKitReports

@Suite struct FunnelTests {
    @Test func deliveryRateIsDeliveredOverSent() {
        var funnel = Funnel(
            read: 10, invalid: 1, duplicates: 1, valid: 8, suppressed: 1, sent: 4, rejected: 1, unknown: 1,
            notSent: 1, delivered: 3, failed: 1, pending: 0, replies: 0, optOuts: 0)
        #expect(funnel.deliveryRate == 0.75)
        funnel.sent = 0
        #expect(funnel.deliveryRate == 0)
    }
}
