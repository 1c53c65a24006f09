import MMSKit
import MMSKitStore
import Testing

@testable import MMSKitServer

/// The collectors the metrics keep per label set count what the registry's would: every request and record once,
/// from any number of tasks and from every copy of the metrics (the middleware and the endpoints hold copies).
@Suite struct ReceiverMetricsTests {
    @Test func requestsFromManyTasksAndCopiesAddUpInOneSeriesPerLabelSet() async {
        let metrics = ReceiverMetrics()
        let copy = metrics
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                let counting = task.isMultiple(of: 2) ? metrics : copy
                group.addTask {
                    for request in 0..<250 {
                        counting.request(
                            route: task < 4 ? "/ihuyi/receipts" : "unmatched", method: "POST",
                            status: request.isMultiple(of: 5) ? 400 : 200, duration: .milliseconds(1))
                    }
                }
            }
        }
        let text = String(decoding: metrics.exposition(), as: UTF8.self)
        for route in ["/ihuyi/receipts", "unmatched"] {
            #expect(text.contains(#"mmskit_receiver_requests_total{route="\#(route)",method="POST",status="200"} 800"#))
            #expect(text.contains(#"mmskit_receiver_requests_total{route="\#(route)",method="POST",status="400"} 200"#))
            #expect(text.contains(#"mmskit_receiver_request_duration_seconds_count{route="\#(route)"} 1000"#))
        }
        #expect(text.components(separatedBy: "\nmmskit_receiver_requests_total{").count - 1 == 4, "\(text)")
    }

    @Test func storedRecordsAddUpByProviderKindAndResult() {
        let metrics = ReceiverMetrics()
        for _ in 0..<3 {
            metrics.stored(StoreOutcome(inserted: 2, duplicates: 1), provider: .ihuyi, kind: .deliveryReceipt)
            metrics.stored(StoreOutcome(updated: 1), provider: .jpush, kind: .reply)
        }
        let text = String(decoding: metrics.exposition(), as: UTF8.self)
        #expect(
            text.contains(#"mmskit_store_records_total{provider="ihuyi",kind="delivery_receipt",result="inserted"} 6"#))
        #expect(
            text.contains(#"mmskit_store_records_total{provider="ihuyi",kind="delivery_receipt",result="duplicate"} 3"#)
        )
        #expect(text.contains(#"mmskit_store_records_total{provider="jpush",kind="reply",result="updated"} 3"#))
        #expect(!text.contains(#"result="updated"} 0"#) && !text.contains(#"kind="reply",result="inserted""#))
    }
}
