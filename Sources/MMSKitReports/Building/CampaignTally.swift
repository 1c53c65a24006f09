import Foundation
import MMSKit
import MMSKitProviders
import MMSKitStore

/// One campaign's figures, gathered from its journal, its phone list and the store. Used by one task at a time.
final class CampaignTally {
    /// Where one of the campaign's numbers stands, one byte per number.
    enum NumberState: UInt8 {
        /// Not sent: its chunk failed or was never recorded.
        case notSent
        /// Left out as opted out.
        case suppressed
        /// Its chunk went out (acknowledged, unknown or pending): a delivery report may come.
        case inFlight
        /// Refused by the provider.
        case rejected
        /// Its delivery report has been counted.
        case reported
    }

    /// The providers whose delivery reports and replies `receipts serve` takes (its push routes).
    static let pushingProviders: Set<ProviderID> = [.ihuyi, .jpush]
    /// For a chunk whose journal record names no message ids (a journal of an earlier release), how far the
    /// receiver's clock may be behind the sender's: records stored up to this long before the chunk's send still
    /// count for it.
    static let clockSlack: TimeInterval = 600

    let source: CampaignReporter.Source
    let header: SendJournal.Header
    let sendTime: String?
    let chunks: [SendJournal.Chunk]
    let phonesPath: String
    private(set) var notes: [String] = []

    /// The list as read again, or why it could not be.
    private var list: RecipientListSummary?
    private var listProblem: String?
    /// The position of each of the campaign's numbers among the list's valid numbers.
    private var positions: [UInt64: Int32] = [:]
    private var states: [NumberState] = []
    /// For the numbers whose chunk records the provider's message id (JSMS's msg_id), a hash of it (0: none), so
    /// that only the delivery report and reply naming that message count, whatever its time.
    private var messages: [UInt64] = []
    /// The chunk each task id was sent in.
    private var taskChunk: [String: Int] = [:]
    private var chunkAt: [Int: Int] = [:]

    private var reported: [Int: (delivered: Int, failed: Int)] = [:]
    private var chunkReplies: [Int: Int] = [:]
    private(set) var durations: [Double] = []
    private(set) var events: [TimelineEvent] = []
    private(set) var failureCounts: [FailureKey: Int] = [:]
    private var replies = 0
    private var optOuts = 0
    private var replySamples: [ReplySample] = []

    init(source: CampaignReporter.Source, providers: ProviderRegistry) throws(CampaignReportError) {
        self.source = source
        let contents: (header: SendJournal.Header, chunks: [SendJournal.Chunk], sendTime: String?)
        do {
            contents = try SendJournal.contents(at: source.journal, providers: providers)
        } catch {
            throw .journal(error)
        }
        header = contents.header
        sendTime = contents.sendTime
        chunks = contents.chunks.sorted { $0.index < $1.index }
        for (row, chunk) in chunks.enumerated() {
            chunkAt[chunk.index] = row
            if let task = chunk.taskID, !task.isEmpty { taskChunk[task] = chunk.index }
        }
        phonesPath = source.phones ?? header.phonesPath
        try readList()
        markChunks()
    }

    // MARK: The phone list

    /// Reads the list again (when it is the campaign's, by its SHA-256) and records every number's position.
    private func readList() throws(CampaignReportError) {
        let fingerprint: String
        do {
            fingerprint = try RecipientList.fingerprint(path: phonesPath)
        } catch {
            let reason = Self.unreadable(error)
            if source.phones != nil {
                throw .phoneList(journal: source.journal, phones: phonesPath, reason: reason)
            }
            listProblem = reason
            return
        }
        guard fingerprint == header.phonesSHA256 else {
            let reason = "is not the list the campaign was sent to (its SHA-256 differs from the journal's)"
            if source.phones != nil {
                throw .phoneList(journal: source.journal, phones: phonesPath, reason: reason)
            }
            listProblem = reason
            return
        }
        let options = source.listOptions ?? header.listOptions
        let summary: RecipientListSummary
        do {
            let reader = try RecipientReader(path: phonesPath, options: options)
            var position: Int32 = 0
            while let number = try reader.next() {
                positions[number.numeric] = position
                position += 1
            }
            summary = reader.summary
        } catch {
            positions = [:]
            if source.phones != nil {
                throw .phoneList(journal: source.journal, phones: phonesPath, reason: Self.unreadable(error))
            }
            listProblem = Self.unreadable(error)
            return
        }
        let reached = chunks.map { $0.first + $0.count }.max() ?? 0
        guard summary.valid >= reached else {
            // Read otherwise than the campaign read it (a CSV list, in a journal that did not record its column).
            positions = [:]
            let reason =
                "gives \(summary.valid) numbers read as \(Self.layout(options)), but the campaign's chunks reach number \(reached) (give --column and --header as send had them)"
            if source.phones != nil || source.listOptions != nil {
                throw .phoneList(journal: source.journal, phones: phonesPath, reason: reason)
            }
            listProblem = reason
            return
        }
        list = summary
    }

    private static func layout(_ options: RecipientListOptions) -> String {
        switch options.format {
        case .plain: "one number a line"
        case .csv(let column, _): "CSV, \(column)"
        }
    }

    private static func unreadable(_ error: RecipientListError) -> String {
        switch error {
        case .unreadable(_, let reason): "cannot be read (\(reason))"
        default: "cannot be read as the campaign read it (\(error))"
        }
    }

    /// The position of `phone` in the list, when the list was read and holds it.
    private func position(of phone: String?) -> Int? {
        guard let phone, let number = try? PhoneNumber(phone), let position = positions[number.numeric] else {
            return nil
        }
        return Int(position)
    }

    /// Sets every number's state from its chunk's record.
    private func markChunks() {
        guard list != nil else { return }
        states = [NumberState](repeating: .notSent, count: positions.count)
        for chunk in chunks {
            let range = max(0, chunk.first)..<min(states.count, chunk.first + chunk.count)
            guard !range.isEmpty else { continue }
            if chunk.state != .failed {
                for position in range { states[position] = .inFlight }
            }
            for phone in chunk.suppressed ?? [] {
                if let position = position(of: phone), range.contains(position) { states[position] = .suppressed }
            }
            for rejection in chunk.rejections ?? [] {
                if let position = position(of: rejection.mobile), range.contains(position) {
                    states[position] = .rejected
                }
            }
            for (phone, message) in chunk.messageIDs ?? [:] {
                guard let position = position(of: phone), range.contains(position) else { continue }
                if messages.isEmpty { messages = [UInt64](repeating: 0, count: states.count) }
                messages[position] = Self.hash(message)
            }
        }
    }

    /// A message id's 64-bit FNV-1a hash, never 0 (0 stands for none).
    static func hash(_ message: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in message.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash == 0 ? 1 : hash
    }

    /// Whether a record of the number at `position`, naming `task`, stored at `received`, is of `chunk`: it names
    /// the message the chunk's record gives the number; or, where the record gives none, it was stored after the
    /// chunk was sent.
    private func belongs(position: Int, task: String?, received: Date, to chunk: SendJournal.Chunk) -> Bool {
        let expected = messages.isEmpty ? 0 : messages[position]
        guard expected == 0 else { return task.map(Self.hash) == expected }
        return received >= chunk.firstSent.addingTimeInterval(-Self.clockSlack)
    }

    // MARK: The store

    /// Streams the campaign's delivery reports, replies and opt-outs from `store`, and tells `failed` of every
    /// number refused or reported failed.
    func readStore(
        _ store: (any PushStore & OptOutStore)?, keywords: OptOutKeywords, pageSize: Int,
        failed: ((FailedNumber) throws -> Void)?
    ) async throws {
        for chunk in chunks {
            for rejection in chunk.rejections ?? [] {
                let (code, meaning) = Self.split(rejection.reason)
                failureCounts[FailureKey(code: code, stage: .rejected, meaning: meaning), default: 0] += 1
                try failed?(
                    FailedNumber(
                        journal: source.journal, phone: rejection.mobile, stage: .rejected, code: code,
                        meaning: meaning, taskID: chunk.taskID, time: nil))
            }
        }
        guard let store else {
            notes.append(
                "no store was read (--db): delivered, failed, replies and opt-outs are not known, and every sent number counts as pending"
            )
            return
        }
        guard Self.pushingProviders.contains(header.provider) else {
            notes.append(
                "\(header.provider) pushes no delivery reports or replies to mmskit's receiver: every sent number counts as pending"
            )
            return
        }
        let sent = chunks.filter { $0.state != .failed }
        let taskless = sent.filter { ($0.taskID ?? "").isEmpty }
        if !taskless.isEmpty, list == nil {
            throw CampaignReportError.phonesRequired(
                journal: source.journal, phones: phonesPath, reason: listProblem ?? "cannot be read")
        }
        let since = header.created.addingTimeInterval(-Self.clockSlack)
        for chunk in sent {
            guard let task = chunk.taskID, !task.isEmpty else { continue }
            let query = PushQuery(kind: .deliveryReceipt, provider: header.provider, taskID: task)
            for try await push in store.records(matching: query, pageSize: pageSize) {
                if let position = position(of: push.record.phone), position < states.count {
                    guard states[position] != .reported else { continue }
                    states[position] = .reported
                }
                try count(push, chunk: chunk, failed: failed)
            }
        }
        if !taskless.isEmpty {
            let query = PushQuery(kind: .deliveryReceipt, provider: header.provider, since: since)
            for try await push in store.records(matching: query, pageSize: pageSize) {
                guard let position = position(of: push.record.phone), states[position] == .inFlight,
                    let chunk = chunkOf(position: position), (chunk.taskID ?? "").isEmpty,
                    belongs(position: position, task: push.record.taskID, received: push.receivedAt, to: chunk)
                else { continue }
                states[position] = .reported
                try count(push, chunk: chunk, failed: failed)
            }
        }
        try await readReplies(store, since: since, keywords: keywords, pageSize: pageSize)
        try await readOptOuts(store)
    }

    /// The chunk that holds the number at `position`.
    private func chunkOf(position: Int) -> SendJournal.Chunk? {
        guard header.chunkSize > 0, let row = chunkAt[position / header.chunkSize] else { return nil }
        let chunk = chunks[row]
        return chunk.first <= position && position < chunk.first + chunk.count ? chunk : nil
    }

    /// Counts one delivery report of `chunk`.
    private func count(_ push: StoredPush, chunk: SendJournal.Chunk, failed: ((FailedNumber) throws -> Void)?) throws {
        let record = push.record
        let delivered = record.outcome == .delivered
        var counts = reported[chunk.index] ?? (0, 0)
        let reportTime = record.eventTime.flatMap(ReportTime.seconds)
        if let reportTime { events.append(TimelineEvent(seconds: reportTime, delivered: delivered)) }
        if delivered {
            counts.delivered += 1
            if let reportTime {
                let sent = ReportTime.field("send_time", in: record.payload) ?? chunkSendTime(chunk)
                durations.append(max(0, reportTime - sent))
            }
        } else {
            counts.failed += 1
            let code = record.code ?? ""
            let meaning = DeliveryCode.meaning(of: code, provider: record.provider) ?? CarrierCode.meaning(of: code)
            failureCounts[FailureKey(code: code, stage: .receipt, meaning: meaning), default: 0] += 1
            try failed?(
                FailedNumber(
                    journal: source.journal, phone: record.phone ?? "", stage: .receipt, code: code, meaning: meaning,
                    taskID: record.taskID, time: ReportTime.display(record.eventTime)))
        }
        reported[chunk.index] = counts
    }

    /// When a chunk's messages left: the scheduled time when it is later than the send, else the send.
    private func chunkSendTime(_ chunk: SendJournal.Chunk) -> Double {
        let sent = chunk.firstSent.timeIntervalSince1970
        guard let scheduled = sendTime.flatMap(ReportTime.seconds) else { return sent }
        return max(sent, scheduled)
    }

    private func readReplies(
        _ store: any PushStore & OptOutStore, since: Date, keywords: OptOutKeywords, pageSize: Int
    ) async throws {
        let query = PushQuery(kind: .reply, provider: header.provider, since: since)
        for try await push in store.records(matching: query, pageSize: pageSize) {
            let record = push.record
            let chunk: SendJournal.Chunk?
            if let task = record.taskID, !task.isEmpty, !taskChunk.isEmpty {
                chunk = taskChunk[task].flatMap { chunkAt[$0] }.map { chunks[$0] }
            } else if let position = position(of: record.phone),
                states[position] == .inFlight || states[position] == .reported,
                let found = chunkOf(position: position),
                record.taskID == nil || messages.isEmpty || messages[position] == 0
                    ? push.receivedAt >= found.firstSent.addingTimeInterval(-Self.clockSlack)
                    : belongs(position: position, task: record.taskID, received: push.receivedAt, to: found)
            {
                chunk = found
            } else {
                chunk = nil
            }
            guard let chunk else { continue }
            replies += 1
            chunkReplies[chunk.index, default: 0] += 1
            if replySamples.count < ReportLimits.replySamples {
                let content = record.message ?? ""
                var optOut = false
                if case .optOut = keywords.match(content) { optOut = true }
                replySamples.append(
                    ReplySample(
                        phone: record.phone ?? "", content: content, time: ReportTime.display(record.eventTime),
                        optOut: optOut))
            }
        }
    }

    /// Counts the campaign's numbers put on the opt-out list since it was sent.
    private func readOptOuts(_ store: any PushStore & OptOutStore) async throws {
        for try await entry in store.allOptOuts() where entry.time >= header.created {
            if let position = position(of: entry.phone) {
                // A number the campaign left out as opted out was on the list before its chunk: not a new opt-out
                // (the journal's times are whole seconds, so its entry may look a little later than the campaign).
                if states[position] != .notSent, states[position] != .suppressed { optOuts += 1 }
            } else if list == nil, let task = entry.taskID, taskChunk[task] != nil {
                optOuts += 1
            }
        }
    }

    /// A refusal's reason as code and meaning: JSMS writes `50006: invalid mobile`.
    static func split(_ reason: String) -> (code: String, meaning: String?) {
        guard let colon = reason.firstIndex(of: ":"), reason[..<colon].allSatisfy(\.isNumber), colon > reason.startIndex
        else { return (reason, nil) }
        let meaning = reason[reason.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (String(reason[..<colon]), meaning.isEmpty ? nil : meaning)
    }

    // MARK: The outcome

    /// The campaign's outcome as counted.
    func outcome() -> CampaignOutcome {
        var rows: [ChunkOutcome] = []
        var funnel = Funnel(
            read: list.map { $0.valid + $0.duplicates + $0.invalidCount }, invalid: list?.invalidCount,
            duplicates: list?.duplicates, valid: 0, suppressed: 0, sent: 0, rejected: 0, unknown: 0, notSent: 0,
            delivered: 0, failed: 0, pending: 0, replies: replies, optOuts: optOuts)
        var recorded = 0
        for chunk in chunks {
            let suppressed = chunk.suppressed?.count ?? 0
            let asked = max(0, chunk.count - suppressed)
            let counts = reported[chunk.index] ?? (0, 0)
            let receipts = counts.delivered + counts.failed
            var sent = 0
            var rejected = 0
            var unknown = 0
            var notSent = 0
            switch chunk.state {
            case .failed:
                notSent = asked
            case .acknowledged, .unknown, .pending:
                rejected = chunk.rejected ?? 0
                // A delivery report proves a number was sent, even one the answer left unaccounted for.
                sent = min(asked - rejected, max(chunk.accepted ?? 0, receipts))
                unknown = max(0, asked - rejected - sent)
            }
            recorded += chunk.count
            funnel.suppressed += suppressed
            funnel.sent += sent
            funnel.rejected += rejected
            funnel.unknown += unknown
            funnel.notSent += notSent
            funnel.delivered += counts.delivered
            funnel.failed += counts.failed
            let pending = max(0, sent - receipts)
            funnel.pending += pending
            rows.append(
                ChunkOutcome(
                    number: chunk.index + 1, state: chunk.state.rawValue, taskID: chunk.taskID, numbers: chunk.count,
                    suppressed: suppressed, sent: sent, rejected: rejected, delivered: counts.delivered,
                    failed: counts.failed, pending: pending, replies: chunkReplies[chunk.index] ?? 0,
                    error: chunk.error))
        }
        var notes = notes
        if let list {
            funnel.valid = list.valid
            funnel.notSent += max(0, list.valid - recorded)
        } else {
            funnel.valid = recorded
            notes.insert(
                "the phone list \(phonesPath) \(listProblem ?? "cannot be read"): numbers read, invalid and duplicate are not known, and chunks the campaign never reached are not counted (give the list with --phones FILE)",
                at: 0)
        }
        var durations = durations
        return CampaignOutcome(
            journal: source.journal, provider: header.provider, campaignID: header.campaignID,
            created: header.created, phones: phonesPath, sendTime: sendTime,
            figures: ReportFigures(
                funnel: funnel, failures: FailureKey.sorted(failureCounts),
                deliveryTime: DeliveryTimeSummary.summarize(&durations), timeline: TimelineBinning.bin(events)),
            chunks: rows, replies: replySamples, notes: notes)
    }
}
