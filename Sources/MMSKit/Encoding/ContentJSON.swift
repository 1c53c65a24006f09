import Foundation
import Synchronization

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

    /// A value of a top-level request field.
    public enum FieldValue: Sendable, Hashable {
        /// A JSON string.
        case string(String)
        /// A JSON number (`product_id`, `template_id`).
        case integer(Int)
        /// A JSON array of strings (`phone`).
        case strings([String])
    }

    /// A request body: the given fields in order, then `content` when there is content.
    public init(fields: [(key: String, value: FieldValue)], content: MMSContent?) {
        pending.append(UInt8(ascii: "{"))
        for (index, field) in fields.enumerated() {
            if index > 0 { pending.append(UInt8(ascii: ",")) }
            JSONEscaping.appendQuoted(field.key, to: &pending)
            pending.append(UInt8(ascii: ":"))
            switch field.value {
            case .string(let text):
                JSONEscaping.appendQuoted(text, to: &pending)
            case .integer(let number):
                pending.append(contentsOf: Array(String(number).utf8))
            case .strings(let texts):
                pending.append(UInt8(ascii: "["))
                for (position, text) in texts.enumerated() {
                    if position > 0 { pending.append(UInt8(ascii: ",")) }
                    JSONEscaping.appendQuoted(text, to: &pending)
                }
                pending.append(UInt8(ascii: "]"))
            }
        }
        if let content {
            if !fields.isEmpty { pending.append(UInt8(ascii: ",")) }
            pending.append(contentsOf: Array(#""content":"#.utf8))
            appendContent(content)
        }
        pending.append(UInt8(ascii: "}"))
        flush()
    }

    /// A templateCreate body: `leadingFields` (ihuyi's `request_id`), then `title`, `sign_name`, `purpose` (those
    /// that are set) and `content`, in that order. The one builder of the body, for `build --as template` and for
    /// what `template create` sends, so that the two agree byte for byte.
    public init(
        template fields: TemplateFields, content: MMSContent, leadingFields: [(key: String, value: FieldValue)] = []
    ) {
        var body = leadingFields
        for (key, value) in [("title", fields.title), ("sign_name", fields.signName), ("purpose", fields.purpose)] {
            if let value { body.append((key, .string(value))) }
        }
        self.init(fields: body, content: content)
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

    /// A slice of the output: part of one segment, small enough for one core to produce quickly.
    struct Piece: Sendable {
        var segment: Int
        /// Output byte range inside the segment (multiples of 4 inside base64, except at its end).
        var range: Range<Int>
    }

    /// Bytes of output per piece: a multiple of 4, so base64 pieces start on whole input groups.
    static let pieceSize = 1 << 19

    /// The output cut into pieces, in order.
    func pieces() -> [Piece] {
        var pieces: [Piece] = []
        for (index, segment) in segments.enumerated() {
            let length: Int
            switch segment {
            case .literal(let bytes): length = bytes.count
            case .base64(let data): length = Base64.encodedLength(of: data.count)
            }
            var start = 0
            repeat {
                let end = min(start + Self.pieceSize, length)
                pieces.append(Piece(segment: index, range: start..<end))
                start = end
            } while start < length
        }
        return pieces
    }

    /// Writes one piece's bytes to `destination`, which holds exactly `piece.range.count` bytes.
    func render(_ piece: Piece, into destination: UnsafeMutableRawBufferPointer) {
        guard !piece.range.isEmpty else { return }
        switch segments[piece.segment] {
        case .literal(let bytes):
            bytes.withUnsafeBytes { source in
                destination.baseAddress!.copyMemory(
                    from: source.baseAddress! + piece.range.lowerBound, byteCount: piece.range.count)
            }
        case .base64(let data):
            let inputStart = piece.range.lowerBound / 4 * 3
            let inputEnd = min(data.count, piece.range.upperBound / 4 * 3)
            data.withUnsafeBytes { bytes in
                Base64.encode(UnsafeRawBufferPointer(rebasing: bytes[inputStart..<inputEnd]), into: destination)
            }
        }
    }

    /// Renders the JSON into `buffer`, which must be exactly `byteCount` bytes long, on all cores.
    public func render(into buffer: UnsafeMutableRawBufferPointer) {
        precondition(buffer.count == byteCount, "render buffer has the wrong size")
        let pieces = pieces()
        var starts: [Int] = []
        var offset = 0
        for piece in pieces {
            starts.append(offset)
            offset += piece.range.count
        }
        let offsets = starts
        nonisolated(unsafe) let buffer = buffer
        DispatchQueue.concurrentPerform(iterations: pieces.count) { index in
            let piece = pieces[index]
            render(
                piece,
                into: UnsafeMutableRawBufferPointer(
                    rebasing: buffer[offsets[index]..<(offsets[index] + piece.range.count)]))
        }
    }

    /// Streams the JSON to an open file descriptor: batches of pieces are encoded on all cores into one of two
    /// reusable buffers while the previous batch is being written, so memory stays at a few MiB whatever the size.
    public func write(to descriptor: Int32, path: String) throws(FileSystemError) {
        let pieces = pieces()
        let batchBytes = Self.pieceSize * 4
        var batches: [Range<Int>] = []
        var first = 0
        var size = 0
        for (index, piece) in pieces.enumerated() {
            if size + piece.range.count > batchBytes && index > first {
                batches.append(first..<index)
                first = index
                size = 0
            }
            size += piece.range.count
        }
        if first < pieces.count { batches.append(first..<pieces.count) }

        let buffers = (0..<2).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: batchBytes, alignment: 64) }
        defer { buffers.forEach { $0.deallocate() } }
        let free = (0..<2).map { _ in DispatchSemaphore(value: 1) }
        let writer = DispatchQueue(label: "mmskit.ContentJSON.write")
        let failure = Mutex<FileSystemError?>(nil)
        nonisolated(unsafe) let shared = buffers
        for (number, batch) in batches.enumerated() {
            let slot = number % 2
            free[slot].wait()
            if failure.withLock({ $0 != nil }) {
                free[slot].signal()
                break
            }
            var starts: [Int] = []
            var length = 0
            for index in batch {
                starts.append(length)
                length += pieces[index].range.count
            }
            let offsets = starts
            let batchLength = length
            nonisolated(unsafe) let buffer = shared[slot]
            DispatchQueue.concurrentPerform(iterations: batch.count) { position in
                let piece = pieces[batch.lowerBound + position]
                let start = offsets[position]
                render(
                    piece, into: UnsafeMutableRawBufferPointer(rebasing: buffer[start..<(start + piece.range.count)]))
            }
            writer.async { [free] in
                do throws(FileSystemError) {
                    try AtomicFile.writeAll(
                        UnsafeRawBufferPointer(rebasing: buffer[0..<batchLength]), to: descriptor, path: path)
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                }
                free[slot].signal()
            }
        }
        writer.sync {}
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// The rendered JSON.
    public func data() -> Data {
        var data = Data(count: byteCount)
        data.withUnsafeMutableBytes { render(into: $0) }
        return data
    }
}
