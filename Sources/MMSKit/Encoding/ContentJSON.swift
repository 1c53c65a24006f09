import Foundation

/// The exact JSON of a content array or a templateCreate body, planned as literal pieces and media pieces and
/// rendered in one pass into a single buffer, base64 encoded straight into place on every core.
///
/// No intermediate strings and no `\/` escaping: a 50 MiB message costs one output-sized buffer.
public struct ContentJSON: Sendable {
    enum Segment: Sendable {
        case literal([UInt8])
        case base64(Data)
    }

    private(set) var segments: [Segment] = []
    /// The exact length of the rendered JSON in bytes.
    public private(set) var byteCount = 0
    private var pending: [UInt8] = []

    /// The bare frame array, as sent in `content`.
    public init(content: MMSContent) {
        appendContent(content)
        flush()
    }

    /// A templateCreate body: `title`, `sign_name`, `purpose` (those that are set) and `content`, in that order.
    public init(template fields: TemplateFields, content: MMSContent) {
        pending.append(UInt8(ascii: "{"))
        for (key, value) in [("title", fields.title), ("sign_name", fields.signName), ("purpose", fields.purpose)] {
            guard let value else { continue }
            JSONEscaping.appendQuoted(key, to: &pending)
            pending.append(UInt8(ascii: ":"))
            JSONEscaping.appendQuoted(value, to: &pending)
            pending.append(UInt8(ascii: ","))
        }
        pending.append(contentsOf: Array(#""content":"#.utf8))
        appendContent(content)
        pending.append(UInt8(ascii: "}"))
        flush()
    }

    private mutating func appendContent(_ content: MMSContent) {
        pending.append(UInt8(ascii: "["))
        for (frameIndex, frame) in content.frames.enumerated() {
            if frameIndex > 0 { pending.append(UInt8(ascii: ",")) }
            pending.append(UInt8(ascii: "["))
            for (itemIndex, item) in frame.items.enumerated() {
                if itemIndex > 0 { pending.append(UInt8(ascii: ",")) }
                pending.append(contentsOf: Array(#"{"con_type":""#.utf8))
                pending.append(contentsOf: Array(item.contentType.rawValue.utf8))
                pending.append(contentsOf: Array(#"","ext_type":""#.utf8))
                pending.append(contentsOf: Array(item.extType.utf8))
                pending.append(contentsOf: Array(#"","data":"#.utf8))
                switch item {
                case .text(let text):
                    JSONEscaping.appendQuoted(text, to: &pending)
                case .media(let media):
                    pending.append(UInt8(ascii: "\""))
                    flush()
                    segments.append(.base64(media.data))
                    byteCount += Base64.encodedLength(of: media.data.count)
                    pending.append(UInt8(ascii: "\""))
                }
                pending.append(UInt8(ascii: "}"))
            }
            pending.append(UInt8(ascii: "]"))
        }
        pending.append(UInt8(ascii: "]"))
    }

    private mutating func flush() {
        guard !pending.isEmpty else { return }
        segments.append(.literal(pending))
        byteCount += pending.count
        pending = []
    }

    /// Renders the JSON into `buffer`, which must be exactly `byteCount` bytes long.
    public func render(into buffer: UnsafeMutableRawBufferPointer) {
        precondition(buffer.count == byteCount, "render buffer has the wrong size")
        struct Job: Sendable {
            let segment: Int
            let source: Range<Int>
            let destination: Int
        }
        struct Destination: @unchecked Sendable {
            let buffer: UnsafeMutableRawBufferPointer
        }
        let chunk = 3 << 19  // 1.5 MiB of input per job: a multiple of 3, so chunks encode independently
        var plannedJobs: [Job] = []
        var offset = 0
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .literal(let bytes):
                bytes.withUnsafeBytes { buffer.baseAddress!.advanced(by: offset).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                offset += bytes.count
            case .base64(let data):
                var start = 0
                repeat {
                    let end = min(start + chunk, data.count)
                    plannedJobs.append(Job(segment: index, source: start..<end, destination: offset + start / 3 * 4))
                    start = end
                } while start < data.count
                offset += Base64.encodedLength(of: data.count)
            }
        }
        let destination = Destination(buffer: buffer)
        let jobs = plannedJobs
        let segments = self.segments
        DispatchQueue.concurrentPerform(iterations: jobs.count) { jobIndex in
            let job = jobs[jobIndex]
            guard case .base64(let data) = segments[job.segment] else { return }
            data.withUnsafeBytes { bytes in
                let source = UnsafeRawBufferPointer(rebasing: bytes[job.source])
                let target = UnsafeMutableRawBufferPointer(
                    rebasing: destination.buffer[job.destination..<(job.destination + Base64.encodedLength(of: source.count))])
                Base64.encode(source, into: target)
            }
        }
    }

    /// The rendered JSON.
    public func data() -> Data {
        var data = Data(count: byteCount)
        data.withUnsafeMutableBytes { render(into: $0) }
        return data
    }
}
