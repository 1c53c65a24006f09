import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The durable record of a campaign: what is being sent, and for every chunk its request_id, its range of
/// recipients and whether the provider acknowledged it. Each record is one JSON line, written and fsynced
/// BEFORE the chunk is sent and again after the answer, so a crash or a kill never loses track of a chunk and
/// a resumed campaign sends each chunk exactly once. Holds no secrets.
public final class SendJournal: @unchecked Sendable {
    /// What the campaign is; a resume must match it.
    public struct Header: Codable, Sendable, Equatable {
        public var version: Int
        public var provider: String
        public var created: Date
        public var phonesPath: String
        public var phonesSHA256: String
        /// SHA-256 of the message (content JSON or template id, title, sign_name, send time).
        public var messageSHA256: String
        public var chunkSize: Int

        public init(provider: String, phonesPath: String, phonesSHA256: String, messageSHA256: String, chunkSize: Int, created: Date = Date()) {
            version = 1
            self.provider = provider
            self.created = created
            self.phonesPath = phonesPath
            self.phonesSHA256 = phonesSHA256
            self.messageSHA256 = messageSHA256
            self.chunkSize = chunkSize
        }
    }

    /// Where a chunk stands.
    public enum ChunkState: String, Codable, Sendable {
        /// Recorded before sending: the request may or may not have reached the provider.
        case pending
        /// The provider accepted it (task_id recorded).
        case acknowledged
        /// The provider refused it, or it could not be sent; nothing was delivered.
        case failed
        /// Sent, but no answer came and the provider does not de-duplicate: it may have been delivered.
        case unknown
    }

    /// The latest record of one chunk.
    public struct Chunk: Codable, Sendable, Equatable {
        public var index: Int
        public var state: ChunkState
        public var requestID: String
        /// Position of the chunk's first recipient among the valid, de-duplicated numbers of the list.
        public var first: Int
        public var count: Int
        public var taskID: String?
        public var accepted: Int?
        public var rejected: Int?
        public var error: String?
        public var at: Date
    }

    private struct Record: Codable {
        var type: String
        var header: Header?
        var chunk: Chunk?
    }

    public let path: String
    public let header: Header
    /// The latest record of every chunk seen so far, by index.
    public private(set) var chunks: [Int: Chunk]
    private let descriptor: Int32

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// Starts a new journal at `path`, which must not exist (a campaign is never silently restarted).
    public static func create(at path: String, header: Header) throws(SendJournalError) -> SendJournal {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .exists(path) }
            throw .io(path, String(cString: strerror(errno)))
        }
        let journal = SendJournal(path: path, header: header, chunks: [:], descriptor: descriptor)
        try journal.append(Record(type: "campaign", header: header, chunk: nil))
        return journal
    }

    /// Opens an existing journal to continue its campaign.
    public static func resume(at path: String) throws(SendJournalError) -> SendJournal {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .io(path, "cannot read it: \(error.localizedDescription)")
        }
        var header: Header?
        var chunks: [Int: Chunk] = [:]
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        for (number, line) in lines.enumerated() {
            guard let record = try? decoder.decode(Record.self, from: Data(line)) else {
                // A line cut short by a crash can only be the last one; anything else is damage.
                if number == lines.count - 1 { break }
                throw .corrupt(path, line: number + 1)
            }
            if let recordHeader = record.header { header = recordHeader }
            if let chunk = record.chunk { chunks[chunk.index] = chunk }
        }
        guard let header else { throw .corrupt(path, line: 1) }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path, String(cString: strerror(errno))) }
        return SendJournal(path: path, header: header, chunks: chunks, descriptor: descriptor)
    }

    private init(path: String, header: Header, chunks: [Int: Chunk], descriptor: Int32) {
        self.path = path
        self.header = header
        self.chunks = chunks
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Records a chunk's new state durably (write + fsync) before returning.
    public func record(_ chunk: Chunk) throws(SendJournalError) {
        try append(Record(type: "chunk", header: nil, chunk: chunk))
        chunks[chunk.index] = chunk
    }

    private func append(_ record: Record) throws(SendJournalError) {
        var line: Data
        do {
            line = try Self.encoder.encode(record)
        } catch {
            throw .io(path, "cannot encode a record: \(error)")
        }
        line.append(UInt8(ascii: "\n"))
        let written = line.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
        guard written, fsync(descriptor) == 0 else { throw .io(path, String(cString: strerror(errno))) }
    }
}

/// The journal cannot be used.
public enum SendJournalError: Error, Sendable, Equatable, CustomStringConvertible {
    case exists(String)
    case io(String, String)
    case corrupt(String, line: Int)
    case mismatch(String, String)

    public var description: String {
        switch self {
        case .exists(let path):
            "the journal \(path) already exists: continue that campaign with --resume \(path), or choose another --journal file"
        case .io(let path, let reason):
            "cannot write the journal \(path): \(reason)"
        case .corrupt(let path, let line):
            "the journal \(path) is damaged at line \(line); it cannot be resumed safely"
        case .mismatch(let path, let what):
            "the journal \(path) belongs to a different campaign: \(what); resume with the same phone list and content, or start a new journal"
        }
    }
}
