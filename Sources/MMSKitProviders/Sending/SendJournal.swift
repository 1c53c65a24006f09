import Crypto
import Foundation
import MMSKit
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The durable record of a campaign: what is being sent, and for every chunk its request_id, its range of
/// recipients and whether the provider acknowledged it. Each record is one JSON line, written and fsynced
/// BEFORE the chunk is sent and again after the answer, so a crash or a kill never loses track of a chunk and
/// a resumed campaign sends each chunk exactly once. Holds no secrets.
///
/// A run holds an exclusive lock on the journal (`lock()`), so two `send --resume` of one campaign cannot both
/// send; and every chunk's request_id is fixed by the journal before anything is sent (derived from the
/// campaign id, the chunk and how often the chunk failed), so even a second copy of the journal sends under the
/// same request_ids, which a de-duplicating provider refuses.
///
/// Safe to share between tasks: what changes (the chunks, the send time, whether this process holds the lock) is
/// behind a `Mutex`, held across each append and its fsync so that the file's order of records is the order of
/// the state in memory. The mutex is uncontended in a campaign (one runner appends) and costs nanoseconds beside
/// the fsync of every record.
public final class SendJournal: Sendable {
    /// What the campaign is; a resume must match it.
    public struct Header: Codable, Sendable, Equatable {
        /// 1: request_ids were random and the message fingerprint covered the send time; 2: request_ids are
        /// derived from `campaignID`, and the send time is recorded apart (it may change on resume).
        public var version: Int
        /// The provider the campaign goes through (`BatchDispatcher.provider`, e.g. `ihuyi`); a resume must name the
        /// same. Written as the id's text, as every release has written it.
        public var provider: ProviderID
        /// When the campaign's journal was created.
        public var created: Date
        /// The recipient list file as given on the command line, for messages only (the hash identifies the list).
        public var phonesPath: String
        /// SHA-256 of the recipient list file: a resume refuses a list that has changed.
        public var phonesSHA256: String
        /// SHA-256 of the message (content JSON or template id, title, sign_name; from version 2 not the time).
        public var messageSHA256: String
        /// How many numbers each chunk carries (the last may carry fewer); fixed for the whole campaign.
        public var chunkSize: Int
        /// The random id every request_id of the campaign is derived from (version 2).
        public var campaignID: String?
        /// The scheduled send time (China time, `YYYY-MM-DD HH:MM:SS`) the campaign started with, if any.
        public var sendTime: String?
        /// The CSV column the numbers were read from, as `--column` gives it (a header name or a 1-based index);
        /// absent for a plain list, and in journals of earlier releases. A report reads the list again with it.
        public var phoneColumn: String?
        /// Whether a CSV list with a numeric column has a header row (`--header`); absent otherwise.
        public var phoneListHeader: Bool?

        /// The header of a new campaign (always version 2, with a fresh random `campaignID` unless one is given).
        public init(
            provider: ProviderID, phonesPath: String, phonesSHA256: String, messageSHA256: String, chunkSize: Int,
            sendTime: String? = nil, created: Date = Date(), campaignID: String = UUID().uuidString,
            listOptions: RecipientListOptions = RecipientListOptions()
        ) {
            version = 2
            self.provider = provider
            self.created = created
            self.phonesPath = phonesPath
            self.phonesSHA256 = phonesSHA256
            self.messageSHA256 = messageSHA256
            self.chunkSize = chunkSize
            self.campaignID = campaignID
            self.sendTime = sendTime
            if case .csv(let column, let hasHeader) = listOptions.format {
                switch column {
                case .name(let name): phoneColumn = name
                case .index(let index): phoneColumn = String(index)
                }
                phoneListHeader = hasHeader ? true : nil
            }
        }

        /// How the campaign's list was read (strictness aside): a plain list, or the CSV column recorded.
        public var listOptions: RecipientListOptions {
            guard let phoneColumn else { return RecipientListOptions() }
            let column: RecipientListOptions.Column = Int(phoneColumn).map { .index($0) } ?? .name(phoneColumn)
            return RecipientListOptions(format: .csv(column: column, hasHeader: phoneListHeader ?? false))
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
        /// The chunk's position in the campaign, counted from 0.
        public var index: Int
        /// Where the chunk stands after this record.
        public var state: ChunkState
        /// The request_id the chunk is (or was to be) sent under; a resend of an uncertain chunk reuses it.
        public var requestID: String
        /// Position of the chunk's first recipient among the valid, de-duplicated numbers of the list.
        public var first: Int
        /// How many recipients the chunk holds.
        public var count: Int
        /// The provider's id for the batch, once it acknowledged one.
        public var taskID: String?
        /// How many numbers the provider accepted; `nil` until it answered.
        public var accepted: Int?
        /// How many numbers the provider refused; `nil` until it answered.
        public var rejected: Int?
        /// Why the chunk failed or is unknown, as shown to the user; `nil` otherwise.
        public var error: String?
        /// When this record was written.
        public var at: Date
        /// How many request_ids this chunk had before this one (a refused or never-sent chunk gets a new one).
        public var generation: Int?
        /// When the first request under this request_id may have left: where the provider de-duplicates, its
        /// memory of the request_id runs from then (absent in journals of earlier versions: `at` stands in).
        public var since: Date?
        /// The numbers of the chunk left out because they are on the suppression list, recorded with the chunk
        /// before it is sent: a resumed chunk whose request may have gone out is sent again to exactly the same
        /// numbers (absent when none was left out).
        public var suppressed: [String]?
        /// The numbers the provider refused in its answer, each with its reason, for the campaign report's failures
        /// by code (absent when none was refused, and in journals of earlier releases, which kept only the count).
        public var rejections: [RejectedRecipient]?
        /// The provider's id for each accepted number, by its 11 digits, where it gives one per number (JSMS's
        /// `msg_id`): the campaign report matches delivery reports to the campaign by it (absent for a provider with
        /// one task id per chunk, and in journals of earlier releases).
        public var messageIDs: [String: String]?

        /// A record of chunk `index` in `state`, covering `count` recipients from position `first`.
        public init(
            index: Int, state: ChunkState, requestID: String, first: Int, count: Int, taskID: String? = nil,
            accepted: Int? = nil, rejected: Int? = nil, error: String? = nil, at: Date, generation: Int? = nil,
            since: Date? = nil, suppressed: [String]? = nil, rejections: [RejectedRecipient]? = nil,
            messageIDs: [String: String]? = nil
        ) {
            self.index = index
            self.state = state
            self.requestID = requestID
            self.first = first
            self.count = count
            self.taskID = taskID
            self.accepted = accepted
            self.rejected = rejected
            self.error = error
            self.at = at
            self.generation = generation
            self.since = since
            self.suppressed = suppressed
            self.rejections = rejections
            self.messageIDs = messageIDs
        }

        /// When the first request under `requestID` may have left: `since`, or `at` in a journal of an earlier
        /// version. A de-duplicating provider's memory of the request_id runs from then.
        public var firstSent: Date { since ?? at }
    }

    /// A change of the campaign's send time, made on resume.
    private struct Schedule: Codable {
        var sendTime: String?
    }

    private struct Record: Codable {
        var type: String
        var header: Header? = nil
        var chunk: Chunk? = nil
        var schedule: Schedule? = nil
    }

    /// The journal file's path as given.
    public let path: String
    /// What the campaign is, as recorded when it was created.
    public let header: Header
    /// The latest record of every chunk seen so far, by index.
    public var chunks: [Int: Chunk] { state.withLock { $0.chunks } }
    /// The send time now in force: the header's, or the latest one set on resume (nil: at once).
    public var sendTime: String? { state.withLock { $0.sendTime } }
    private let descriptor: Int32
    /// What changes as the campaign runs; every change is written to the file under the same lock.
    private let state: Mutex<State>

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
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .exists(path) }
            throw .io(path, "cannot create it: \(String(cString: strerror(errno)))")
        }
        let journal = SendJournal(
            path: path, header: header, chunks: [:], sendTime: header.sendTime, descriptor: descriptor)
        try journal.append(Record(type: "campaign", header: header))
        return journal
    }

    /// Starts a new journal named `mmskit-send-<UTC date>-<time>-<random>.jsonl` in `directory`: two campaigns
    /// started in the same second get different journals.
    public static func create(
        inDirectory directory: String, header: Header, now: Date = Date()
    ) throws(SendJournalError) -> SendJournal {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        let stamp = String(
            format: "%04d%02d%02d-%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        var attempts = 0
        while true {
            let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
            let name = "mmskit-send-\(stamp)-\(String(repeating: "0", count: 8 - suffix.count))\(suffix).jsonl"
            let path = directory == "." ? name : "\(directory)/\(name)"
            do {
                return try create(at: path, header: header)
            } catch .exists(_) where attempts < 8 {
                attempts += 1
            }
        }
    }

    /// Opens an existing journal to continue its campaign.
    public static func resume(at path: String) throws(SendJournalError) -> SendJournal {
        let descriptor = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path, "cannot open it: \(String(cString: strerror(errno)))") }
        let state: State
        do throws(SendJournalError) {
            state = try read(descriptor, path: path)
        } catch {
            close(descriptor)
            throw error
        }
        return SendJournal(
            path: path, header: state.header, chunks: state.chunks, sendTime: state.sendTime, descriptor: descriptor)
    }

    /// Reads the journal at `path` without opening it for writing or taking it: what a report on the campaign
    /// needs (a read-only journal can be read): its header, the latest record of every chunk, and the send time in
    /// force (the header's, or the one set on a resume).
    /// - Parameters:
    ///   - path: the journal file.
    ///   - providers: the providers a report can read the campaign of; the journal's must be one of them.
    /// - Throws: `SendJournalError.unknownProvider` for a campaign of a provider `providers` does not hold (a
    ///   journal of another release or edited by hand), and the errors of a journal that cannot be read.
    public static func contents(
        at path: String, providers: ProviderRegistry = .standard
    ) throws(SendJournalError) -> (header: Header, chunks: [Chunk], sendTime: String?) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path, "cannot open it: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let state = try read(descriptor, path: path)
        guard providers[state.header.provider] != nil else {
            throw .unknownProvider(path, state.header.provider, known: providers.ids)
        }
        return (state.header, Array(state.chunks.values), state.sendTime)
    }

    /// Opens the journal of an earlier run and checks that it is this campaign: the same provider, phone list and
    /// message (`legacyMessageSHA256` is compared for a version 1 journal, whose fingerprint covered the time).
    public static func resume(
        at path: String, provider: ProviderID, phonesPath: String, phonesSHA256: String, messageSHA256: String,
        legacyMessageSHA256: String? = nil
    ) throws(SendJournalError) -> SendJournal {
        let journal = try resume(at: path)
        let header = journal.header
        guard header.provider == provider else {
            throw .mismatch(path, "it was sent with \(header.provider), not \(provider)")
        }
        guard header.phonesSHA256 == phonesSHA256 else {
            throw .mismatch(path, "the phone list \(phonesPath) has changed")
        }
        let expected = header.version >= 2 ? messageSHA256 : (legacyMessageSHA256 ?? messageSHA256)
        guard header.messageSHA256 == expected else { throw .mismatch(path, "the message has changed") }
        return journal
    }

    /// Continues the campaign of an earlier run: opens the journal, checks that it is this campaign (as
    /// `resume(at:provider:…)`), takes it for this process (`lock()`), and settles when the chunks still to send
    /// go out (`resolveSchedule`), all before anything is sent.
    public static func continueCampaign(
        at path: String, provider: ProviderID, phonesPath: String, phonesSHA256: String, messageSHA256: String,
        legacyMessageSHA256: String? = nil, newTime: String? = nil, sendNow: Bool = false, now: Date = Date()
    ) throws(SendJournalError) -> SendJournal {
        let journal = try resume(
            at: path, provider: provider, phonesPath: phonesPath, phonesSHA256: phonesSHA256,
            messageSHA256: messageSHA256,
            legacyMessageSHA256: legacyMessageSHA256)
        try journal.lock()
        try journal.resolveSchedule(newTime: newTime, sendNow: sendNow, now: now)
        return journal
    }

    private init(path: String, header: Header, chunks: [Int: Chunk], sendTime: String?, descriptor: Int32) {
        self.path = path
        self.header = header
        self.descriptor = descriptor
        state = Mutex(State(header: header, chunks: chunks, sendTime: sendTime))
    }

    deinit {
        close(descriptor)
    }

    private struct State {
        var header: Header
        var chunks: [Int: Chunk]
        var sendTime: String?
        /// Whether this process holds the journal's `flock`.
        var isLocked = false
    }

    /// Reads every record from the start of the file, once its first bytes show it is a journal (a database or
    /// any other file given by mistake is named as such, not read whole).
    private static func read(_ descriptor: Int32, path: String) throws(SendJournalError) -> State {
        var start = [UInt8](repeating: 0, count: 16)
        let peeked = start.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, 0) }
        if peeked >= 0, !start.prefix(peeked).starts(with: Array(#"{""#.utf8)) {
            throw .notAJournal(
                path,
                peeked == 0
                    ? "it is empty"
                    : start.starts(with: Array("SQLite format 3".utf8))
                        ? "it is a SQLite database" : "it does not start with a journal's campaign record")
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var offset: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path, "cannot read it: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
            offset += off_t(count)
        }
        var header: Header?
        var chunks: [Int: Chunk] = [:]
        var sendTime: String?
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        for (number, line) in lines.enumerated() {
            guard let record = try? decoder.decode(Record.self, from: Data(line)) else {
                // A line cut short by a crash can only be the last one; anything else is damage.
                if number == lines.count - 1 { break }
                throw .corrupt(path, line: number + 1)
            }
            if let recordHeader = record.header {
                header = recordHeader
                sendTime = recordHeader.sendTime
            }
            if let chunk = record.chunk { chunks[chunk.index] = chunk }
            if let schedule = record.schedule { sendTime = schedule.sendTime }
        }
        guard let header else {
            throw .notAJournal(path, "it does not start with a journal's campaign record")
        }
        return State(header: header, chunks: chunks, sendTime: sendTime)
    }

    /// Takes the campaign for this process: an exclusive lock on the journal, held until `unlock()` or until
    /// the journal is released, then a fresh read of every chunk's state (another run may have moved it on).
    /// - Throws: `SendJournalError.busy` at once when another run holds it.
    public func lock() throws(SendJournalError) {
        try state.withLock { (state) throws(SendJournalError) in
            guard !state.isLocked else { return }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                if errno == EWOULDBLOCK { throw .busy(path) }
                throw .io(path, "cannot lock it: \(String(cString: strerror(errno)))")
            }
            state.isLocked = true
            let fresh = try Self.read(descriptor, path: path)
            state.chunks = fresh.chunks
            state.sendTime = fresh.sendTime
        }
    }

    /// Lets other runs take the campaign.
    public func unlock() {
        state.withLock { state in
            guard state.isLocked else { return }
            flock(descriptor, LOCK_UN)
            state.isLocked = false
        }
    }

    /// The request_id of a chunk's `generation`-th request: derived from the campaign id, so it is fixed by the
    /// journal before anything is sent (a version 1 journal has no campaign id: a random one).
    public func requestID(chunk: Int, generation: Int) -> String {
        guard let campaignID = header.campaignID else { return UUID().uuidString }
        let digest = Array(SHA256.hash(data: Data("mmskit-request/\(campaignID)/\(chunk)/\(generation)".utf8)))
        var bytes = Array(digest.prefix(16))
        bytes[6] = 0x80 | (bytes[6] & 0x0F)  // version 8: a name-based UUID of our own
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // RFC 4122 variant
        let uuid = (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
            bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        )
        return UUID(uuid: uuid).uuidString
    }

    /// Decides when the chunks still to send go out on resume: at `newTime` when given, at once with `sendNow`,
    /// else at the time in force, which must not have passed (the provider refuses a send_time in the past).
    /// A change is recorded before anything is sent.
    /// - Throws: `SendJournalError.schedulePassed` when the recorded time is over and neither was given.
    public func resolveSchedule(newTime: String?, sendNow: Bool, now: Date = Date()) throws(SendJournalError) {
        try state.withLock { (state) throws(SendJournalError) in
            if sendNow {
                if state.sendTime != nil { try reschedule(to: nil, in: &state) }
            } else if let newTime {
                if newTime != state.sendTime { try reschedule(to: newTime, in: &state) }
            } else if let sendTime = state.sendTime, let date = ChinaTime.parse(sendTime), date <= now {
                throw .schedulePassed(path, sendTime: sendTime)
            }
        }
    }

    /// Records a new send time for the chunks still to send (nil: at once), durably.
    public func reschedule(to sendTime: String?) throws(SendJournalError) {
        try state.withLock { (state) throws(SendJournalError) in try reschedule(to: sendTime, in: &state) }
    }

    private func reschedule(to sendTime: String?, in state: inout State) throws(SendJournalError) {
        try append(Record(type: "schedule", schedule: Schedule(sendTime: sendTime)))
        state.sendTime = sendTime
    }

    /// Records a chunk's new state durably (write + fsync) before returning.
    public func record(_ chunk: Chunk) throws(SendJournalError) {
        try state.withLock { (state) throws(SendJournalError) in
            try append(Record(type: "chunk", chunk: chunk))
            state.chunks[chunk.index] = chunk
        }
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
        guard written, fsync(descriptor) == 0 else {
            throw .io(path, "cannot write it: \(String(cString: strerror(errno)))")
        }
    }
}

/// The journal cannot be used.
public enum SendJournalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A new campaign's journal file already exists.
    case exists(String)
    /// The journal cannot be read or written: the path and the reason.
    case io(String, String)
    /// The journal is damaged at `line`; it cannot be resumed safely.
    case corrupt(String, line: Int)
    /// The file is not a send journal at all (another file given by mistake): the path and what it is.
    case notAJournal(String, String)
    /// The journal is another campaign's: the path and what differs.
    case mismatch(String, String)
    /// Another run of the campaign holds the journal.
    case busy(String)
    /// The campaign went through a provider this mmskit does not know: the path, the provider and the known ones.
    case unknownProvider(String, ProviderID, known: [String])
    /// The campaign was scheduled for a time that has passed.
    case schedulePassed(String, sendTime: String)

    /// What went wrong with the journal and what to do about it, for the user.
    public var description: String {
        switch self {
        case .exists(let path):
            "the journal \(path) already exists: continue that campaign with --resume \(path), or choose another --journal file"
        case .io(let path, let reason):
            "the journal \(path): \(reason)"
        case .notAJournal(let path, let what):
            "\(path) is not an mmskit send journal (\(what)); give the .jsonl journal that send wrote (it prints its path as journal: …)"
        case .corrupt(let path, let line):
            "the journal \(path) is damaged at line \(line); it cannot be resumed safely"
        case .mismatch(let path, let what):
            "the journal \(path) belongs to a different campaign: \(what); resume with the same phone list and content, or start a new journal"
        case .schedulePassed(let path, let sendTime):
            "the campaign in \(path) was scheduled for \(sendTime) (China time), which has passed; resume with --at 'YYYY-MM-DD HH:MM:SS' for a new time, or --now to send the remaining chunks at once (chunks already acknowledged are never sent again)"
        case .unknownProvider(let path, let provider, let known):
            "the journal \(path) is a campaign of provider '\(provider)', which this mmskit does not know (it knows \(known.joined(separator: ", "))); read it with the mmskit release that wrote it"
        case .busy(let path):
            "the journal \(path) is in use by another mmskit send of this campaign; wait for it to finish (or stop it), then resume"
        }
    }
}

extension SendJournalError: ClassifiedFailure {
    /// A journal that cannot be used is a failure of the tool or its setup, never of the content (exit status 2).
    public var isContentError: Bool { false }
}
