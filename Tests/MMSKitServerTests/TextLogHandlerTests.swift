import Foundation
import Logging
import MMSKitServer
import Synchronization
import Testing

/// The text log format is swift-log's stream format, with the metadata rendered only when a line is logged.
@Suite struct TextLogHandlerTests {
    @Test func writesTheStreamFormatWithMetadataSortedOneWritePerLine() throws {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "mmskit.receiver") { label in
            TextLogHandler(label: label) { line in lines.withLock { $0.append(String(decoding: line, as: UTF8.self)) } }
        }
        logger[metadataKey: "hb.request.id"] = "42"
        logger.info("stored", metadata: ["route": "/ihuyi/receipts"])
        logger.debug("not at info level")
        logger.warning("plain")
        let written = lines.withLock { $0 }
        #expect(written.count == 2)
        let pattern = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} (\w+) mmskit\.receiver:(.*) \[(\w+)\] (.*)\n$/
        let first = try #require(written.first?.wholeMatch(of: pattern))
        #expect(first.1 == "info")
        #expect(first.2 == " hb.request.id=42 route=/ihuyi/receipts")
        #expect(first.3 == "MMSKitServerTests")
        #expect(first.4 == "stored")
        let second = try #require(written.last?.wholeMatch(of: pattern))
        #expect(second.1 == "warning" && second.2 == " hb.request.id=42" && second.4 == "plain")
    }
}
