import Foundation
import MMSKit

/// A campaign sent to a phone list under its journal, each chunk exactly once: ``start(_:phones:listOptions:journal:chunkSize:sendTime:)``
/// begins a new one, ``resume(_:phones:listOptions:journal:newTime:sendNow:now:)`` continues the campaign of an
/// interrupted run, and ``run(resendUnknown:suppression:retry:sleep:checkpoint:onEvent:)`` sends what is still to send.
///
/// ```swift
/// let session = try CampaignSession.start(campaign, phones: "list.txt", journal: .file("spring.jsonl"))
/// let summary = try await session.run()
/// ```
///
/// Everything that can refuse the campaign happens before anything is sent: the list is opened and fingerprinted,
/// a new campaign reads its first chunk before its journal exists (a list without a valid number leaves no
/// journal), and a resumed one checks that the journal is this campaign's (the same provider, list and message),
/// takes its lock and settles its send time. The session reads its list as it sends, so use it from one task.
public final class CampaignSession {
    /// What is sent.
    public let campaign: Campaign
    /// The campaign's journal: its path is what a later ``resume(_:phones:listOptions:journal:newTime:sendNow:now:)``
    /// takes.
    public let journal: SendJournal
    /// The list as given (a stream is read from its private copy).
    public let phones: PhoneListInput
    private let reader: RecipientReader
    /// A new campaign's first chunk, read before its journal was created; sent first.
    private var firstChunk: [PhoneNumber]?

    /// Where a new campaign's journal is created.
    public enum JournalLocation: Sendable, Hashable {
        /// This file, which must not exist: a campaign is never silently restarted.
        case file(String)
        /// A new file `mmskit-send-<UTC date>-<time>-<8 hex digits>.jsonl` in this directory.
        case directory(String)
    }

    private init(
        campaign: Campaign, journal: SendJournal, phones: PhoneListInput, reader: RecipientReader,
        firstChunk: [PhoneNumber]?
    ) {
        self.campaign = campaign
        self.journal = journal
        self.phones = phones
        self.reader = reader
        self.firstChunk = firstChunk
    }

    /// The list's counts so far (valid, duplicate, invalid lines with examples); final once ``run(resendUnknown:suppression:retry:sleep:checkpoint:onEvent:)``
    /// has sent the last chunk.
    public var list: RecipientListSummary { reader.summary }

    /// Starts a new campaign of `campaign` to the numbers of `phones`, creating its journal.
    /// - Parameters:
    ///   - campaign: the message and the dispatcher that sends it (a `CampaignSending` provider's `campaign`).
    ///   - phones: the phone list: a file, or a stream such as `/dev/stdin` (copied first).
    ///   - listOptions: how the list is read (plain or a CSV column, strict or not).
    ///   - journal: where the journal is created.
    ///   - chunkSize: numbers per request, at most the provider's maximum (nil: the maximum).
    ///   - sendTime: when the provider sends, China time `YYYY-MM-DD HH:MM:SS` (nil: at once).
    /// - Throws: `RecipientListError` for a list that cannot be read or holds no valid number (no journal is then
    ///   created), `SendJournalError` for a journal that cannot be created.
    public static func start(
        _ campaign: Campaign, phones: String, listOptions: RecipientListOptions = RecipientListOptions(),
        journal: JournalLocation = .directory("."), chunkSize: Int? = nil, sendTime: String? = nil
    ) throws -> CampaignSession {
        let input = try PhoneListInput(name: phones)
        let reader = try RecipientReader(input: input, options: listOptions)
        let phonesSHA256 = try RecipientList.fingerprint(input)
        let size = campaign.chunkSize(chunkSize)
        let firstChunk = try reader.nextChunk(maxCount: size, requiringNumbers: true)
        let header = SendJournal.Header(
            provider: campaign.provider, phonesPath: phones, phonesSHA256: phonesSHA256,
            messageSHA256: campaign.fingerprint, chunkSize: size, sendTime: sendTime, listOptions: listOptions)
        let created: SendJournal
        switch journal {
        case .file(let path): created = try SendJournal.create(at: path, header: header)
        case .directory(let directory): created = try SendJournal.create(inDirectory: directory, header: header)
        }
        return CampaignSession(
            campaign: campaign, journal: created, phones: input, reader: reader, firstChunk: firstChunk)
    }

    /// Continues the campaign recorded in the journal at `path`, which must be this campaign's: the same
    /// provider, phone list (byte for byte) and message. The journal is taken for this process (its lock) before
    /// anything is sent, and held until the run ends.
    /// - Parameters:
    ///   - campaign: the message and the dispatcher, made as for the run that started the campaign.
    ///   - phones: the same phone list.
    ///   - listOptions: how the list is read, as when the campaign started.
    ///   - path: the journal the campaign started (its `journal.path`).
    ///   - newTime: a new send time for the chunks still to send (China time), for a schedule that has passed.
    ///   - sendNow: send the chunks still to send at once instead of at the scheduled time.
    ///   - now: the clock the scheduled time is compared with.
    /// - Throws: `RecipientListError` for a list that cannot be read; `SendJournalError` for a journal that cannot
    ///   be read, is another campaign's (`.mismatch`), is held by another run (`.busy`) or was scheduled for a time
    ///   that has passed (`.schedulePassed`, unless `newTime` or `sendNow`).
    public static func resume(
        _ campaign: Campaign, phones: String, listOptions: RecipientListOptions = RecipientListOptions(),
        journal path: String, newTime: String? = nil, sendNow: Bool = false, now: Date = Date()
    ) throws -> CampaignSession {
        let input = try PhoneListInput(name: phones)
        let reader = try RecipientReader(input: input, options: listOptions)
        let phonesSHA256 = try RecipientList.fingerprint(input)
        let journal = try SendJournal.continueCampaign(
            at: path, provider: campaign.provider, phonesPath: phones, phonesSHA256: phonesSHA256,
            messageSHA256: campaign.fingerprint, legacyMessageSHA256: campaign.legacyFingerprint(sendTime: newTime),
            newTime: newTime, sendNow: sendNow, now: now)
        return CampaignSession(campaign: campaign, journal: journal, phones: input, reader: reader, firstChunk: nil)
    }

    /// Sends every chunk the journal does not show as acknowledged, journaling each before and after it is sent
    /// (see `CampaignRunner`). The list is read once: run a session once, and resume the journal for another run.
    /// - Parameters:
    ///   - resendUnknown: send again the chunks whose outcome is unknown (they may then be delivered twice).
    ///   - suppression: numbers to leave out of every chunk not sent yet (the store's opt-outs, a file of
    ///     numbers); nil sends to every number of the list.
    ///   - retry: how often and how long apart an uncertain or unsent chunk is tried again.
    ///   - sleep: waits between retries (a test passes one that does not sleep).
    ///   - checkpoint: called at every step between "recorded as about to send" and "recorded as answered".
    ///   - onEvent: told of each chunk as it is skipped, sent, retried, acknowledged or failed.
    /// - Returns: what the run did; `succeeded` is false when a chunk failed or its outcome is unknown, and
    ///   `failure` says why and what to do.
    /// - Throws: `SendJournalError` when the journal cannot be written or no longer matches the list,
    ///   `RecipientListError` when the list cannot be read (or, with strict options, has an invalid line).
    public func run(
        resendUnknown: Bool = false, suppression: (any SuppressionList)? = nil, retry: RetryPolicy = RetryPolicy(),
        sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
        checkpoint: @escaping @Sendable (CampaignCheckpoint) -> Void = { _ in },
        onEvent: (CampaignEvent) -> Void = { _ in }
    ) async throws -> CampaignSummary {
        let runner = CampaignRunner(
            dispatcher: campaign.dispatcher(journal.sendTime, journal.header.chunkSize), retry: retry, sleep: sleep,
            checkpoint: checkpoint)
        return try await runner.run(
            journal: journal, resendUnknown: resendUnknown, suppression: suppression,
            next: { size in
                if let chunk = firstChunk {
                    firstChunk = nil
                    return chunk
                }
                return try reader.nextChunk(maxCount: size, requiringNumbers: true)
            }, onEvent: onEvent)
    }
}
