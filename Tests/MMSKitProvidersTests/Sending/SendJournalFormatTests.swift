import Foundation
import MMSKit
import MMSKitTestSupport
import Testing

@testable import MMSKitProviders

/// The journal's provider is a `ProviderID` written as the plain id, as every release wrote it: a journal of the
/// current release resumes and reads, and one of a provider mmskit does not know is named as such.
@Suite struct SendJournalFormatTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory("mmskit-journal-format")
    }

    /// The list the fixture's campaign went to; its SHA-256 is in the header.
    static let phones = "13800138000\n13800138001\n13800138002\n"

    /// The header line as the current release writes it for an ihuyi template campaign (product 1018, template
    /// 5501) to `phones` in chunks of 2: written by hand, the two hashes computed outside mmskit.
    static func headerLine(provider: String = "ihuyi") -> String {
        #"{"header":{"campaignID":"5A0C6F43-8E0B-4D0A-9C55-2F3E1B7D9A10","chunkSize":2,"created":"2025-03-01T08:00:00Z","#
            + #""messageSHA256":"f78c3db6d27afb74fde79335acd02bd0f9eea681c69b89b1e6072463f1dd831d","phonesPath":"phones.txt","#
            + #""phonesSHA256":"0169e998acca43cb20cccc8946db25ba4806f8d1c8676885d13016ffd1817640","provider":"\#(provider)","#
            + #""version":2},"type":"campaign"}"#
    }

    /// The first chunk acknowledged, as the current release records it.
    static let firstChunkLine =
        #"{"chunk":{"accepted":2,"at":"2025-03-01T08:00:01Z","count":2,"first":0,"generation":0,"index":0,"rejected":0,"#
        + #""requestID":"0B6D1A52-7C3E-8F41-9A2B-5D6E7F809102","since":"2025-03-01T08:00:00Z","state":"acknowledged","#
        + #""taskID":"T1"},"type":"chunk"}"#

    /// Writes a journal and its phone list, returning their paths.
    func fixture(provider: String = "ihuyi") throws -> (journal: String, phones: String) {
        let phones = directory.appending("phones.txt")
        try Data(Self.phones.utf8).write(to: URL(fileURLWithPath: phones))
        let journal = directory.appending("campaign.jsonl")
        let text = Self.headerLine(provider: provider) + "\n" + Self.firstChunkLine + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: journal))
        return (journal, phones)
    }

    @Test func aNewJournalWritesItsHeaderAsTheCurrentReleaseDoes() throws {
        let path = directory.appending("new.jsonl")
        _ = try SendJournal.create(
            at: path,
            header: SendJournal.Header(
                provider: .ihuyi, phonesPath: "phones.txt",
                phonesSHA256: "0169e998acca43cb20cccc8946db25ba4806f8d1c8676885d13016ffd1817640",
                messageSHA256: "f78c3db6d27afb74fde79335acd02bd0f9eea681c69b89b1e6072463f1dd831d", chunkSize: 2,
                created: Date(timeIntervalSince1970: 1_740_816_000),
                campaignID: "5A0C6F43-8E0B-4D0A-9C55-2F3E1B7D9A10"))
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == Self.headerLine() + "\n")
    }

    /// The journal of an interrupted ihuyi campaign of the current release: a report reads it, and the same
    /// campaign resumes from it, sending only the chunk not acknowledged and leaving the header as it was.
    @Test func aJournalOfTheCurrentReleaseReadsAndResumes() async throws {
        let (journal, phones) = try fixture()
        let read = try SendJournal.contents(at: journal)
        #expect(read.header.provider == .ihuyi && read.header.chunkSize == 2)
        #expect(read.chunks.map(\.taskID) == ["T1"])

        let transport = RecordingTransport(responses: .text(200, #"{"code":"OK","message":"ok","task_id":"T2"}"#))
        let connection = ProviderConnection(
            credentials: ProviderCredentials(
                provider: IhuyiProvider.providerDescription, values: ["api_id": "id", "api_key": "key"]),
            baseURL: URL(string: "http://127.0.0.1:9")!, transport: transport)
        let campaign = try IhuyiProvider(connection: connection).campaign(
            CampaignOptions(productID: 1018, templateID: 5501), content: nil)
        let session = try CampaignSession.resume(campaign, phones: phones, journal: journal)
        let summary = try await session.run(sleep: { _ in })
        #expect(summary.succeeded && summary.skippedChunks == 1 && summary.acknowledgedChunks == 1)
        let bodies = transport.requests.map { String(decoding: $0.body ?? Data(), as: UTF8.self) }
        #expect(bodies.count == 1)
        #expect(bodies.allSatisfy { $0.contains("13800138002") && !$0.contains("13800138000") })

        let after = try SendJournal.contents(at: journal)
        #expect(after.chunks.sorted { $0.index < $1.index }.map(\.taskID) == ["T1", "T2"])
        let firstLine = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").first
        #expect(firstLine.map(String.init) == Self.headerLine())
    }

    /// A report cannot read the campaign of a provider it does not know (a journal of another release, or edited
    /// by hand): the error names the journal, the provider and the providers mmskit knows. A resume under a
    /// provider names the journal's.
    @Test func aJournalOfAnUnknownProviderIsNamedAsSuch() throws {
        let (journal, _) = try fixture(provider: "acme")
        #expect {
            try SendJournal.contents(at: journal)
        } throws: { error in
            let text = "\(error)"
            return text.contains(journal) && text.contains("provider 'acme'")
                && text.contains("ihuyi, jpush, itniotech, sendpulse")
        }
        #expect(
            throws: SendJournalError.mismatch(journal, "it was sent with acme, not ihuyi")
        ) {
            try SendJournal.resume(
                at: journal, provider: .ihuyi, phonesPath: "phones.txt",
                phonesSHA256: "0169e998acca43cb20cccc8946db25ba4806f8d1c8676885d13016ffd1817640",
                messageSHA256: "f78c3db6d27afb74fde79335acd02bd0f9eea681c69b89b1e6072463f1dd831d")
        }
    }

    /// A provider registered beside the standard ones (a library user's) reads like any other.
    @Test func aReportReadsTheJournalOfAProviderItsRegistryHolds() throws {
        let (journal, _) = try fixture(provider: "testsms")
        let read = try SendJournal.contents(at: journal, providers: .standard.registering(TestSMSProvider.self))
        #expect(read.header.provider == "testsms")
    }
}
