import Foundation
import MMSKit
import MMSKitTestSupport
import Testing

@testable import MMSKitProviders

@Suite struct ProviderRegistryTests {
    static let registry = ProviderRegistry.standard.registering(TestSMSProvider.self)

    @Test func theStandardRegistryOffersTheBriefsProviders() throws {
        #expect(ProviderRegistry.standard.ids == ["ihuyi", "jpush", "itniotech", "sendpulse"])
        #expect(try ProviderRegistry.standard.entry("JPush").description.id == "jpush")
        #expect(ProviderRegistry.standard.ids(with: .send) == ["ihuyi", "jpush", "sendpulse"])
        #expect(ProviderRegistry.standard.ids(with: .balance) == ["ihuyi", "jpush", "itniotech", "sendpulse"])
        #expect(ProviderRegistry.standard.ids(with: .records) == ["itniotech"])
        #expect(try ProviderRegistry.standard.entry("itniotech").recordsNeedAppID == true)
        #expect(try ProviderRegistry.standard.entry("sendpulse").recordsNeedAppID == nil)
        #expect(!ProviderRegistry.standard.ids.contains("testsms"), "registering makes a new registry")
    }

    @Test func anUnknownProviderListsTheRegisteredOnes() {
        #expect(
            throws: UnknownProviderError(id: "smsbao", known: ["ihuyi", "jpush", "itniotech", "sendpulse", "testsms"])
        ) {
            try Self.registry.entry("smsbao")
        }
        #expect(
            "\(UnknownProviderError(id: "x", known: ["ihuyi", "jpush"]))"
                == "unknown provider 'x'; mmskit knows ihuyi, jpush")
    }

    @Test func credentialKeysNameTheirVariableAndFlag() {
        let key = CredentialKey("master_secret", secret: true, summary: "")
        #expect(key.flag == "--master-secret")
        #expect(key.environmentVariable(provider: "jpush") == "MMSKIT_JPUSH_MASTER_SECRET")
        #expect(TestSMSProvider.providerDescription.fileKeys.map(\.name) == ["token", "account", "base_url"])
    }

    /// A registered test provider gets its credentials from the file, the environment and the flags, by the keys
    /// it declares, with no code of its own.
    @Test func aRegisteredProvidersCredentialsResolveFromItsKeys() throws {
        try TemporaryDirectory.with { temporary in
            let directory = temporary.path
            let file = "\(directory)/credentials.yml"
            try
                "default:\n  testsms:\n    token: from-file\n    account: acme\n    base_url: http://127.0.0.1:1/api\n  ihuyi:\n    api_id: C1\n"
                .write(toFile: file, atomically: true, encoding: .utf8)
            chmod(file, 0o600)
            let provider = TestSMSProvider.providerDescription
            let fromFile = try CredentialResolver.resolve(
                environment: [:], file: file, provider: provider, registry: Self.registry)
            #expect(fromFile.credentials.secret("token")?.exposedValue == "from-file")
            #expect(fromFile.credentials.value("account") == "acme")
            #expect(fromFile.baseURL.absoluteString == "http://127.0.0.1:1/api")
            let fromEnvironment = try CredentialResolver.resolve(
                environment: ["MMSKIT_TESTSMS_TOKEN": "from-env"], file: file, provider: provider,
                registry: Self.registry)
            #expect(fromEnvironment.credentials.secret("token")?.exposedValue == "from-env")
            let fromFlag = try CredentialResolver.resolve(
                environment: ["MMSKIT_TESTSMS_TOKEN": "from-env"], file: file,
                overrides: CredentialOverrides(values: ["token": "from-flag"]), provider: provider,
                registry: Self.registry)
            #expect(fromFlag.credentials.secret("token")?.exposedValue == "from-flag")
            #expect(!"\(fromFlag)".contains("from-flag") && !"\(fromFlag.credentials)".contains("from-flag"))
            #expect("\(fromFlag.credentials)" == "testsms credentials (token, account)")
            // The standard registry does not know testsms: the same file is refused, naming the known providers.
            #expect {
                try CredentialResolver.resolve(
                    environment: [:], file: file, provider: IhuyiProvider.providerDescription)
            } throws: { "\($0)".contains("unknown provider 'testsms' (ihuyi, jpush, itniotech, sendpulse)") }
        }
    }

    @Test func anUnknownKeyInTheCredentialsFileListsTheProvidersKeys() throws {
        try TemporaryDirectory.with { temporary in
            let directory = temporary.path
            let file = "\(directory)/credentials.yml"
            try "default:\n  jpush:\n    app_secret: x\n".write(toFile: file, atomically: true, encoding: .utf8)
            #expect {
                try CredentialResolver.resolve(
                    environment: [:], file: file, provider: JPushProvider.providerDescription)
            } throws: {
                "\($0)".contains(
                    "unknown jpush key 'app_secret' (app_key, master_secret, dev_key, dev_secret, base_url)")
            }
        }
    }

    /// The commands reach a provider through its capabilities only: balance and a whole campaign of the test
    /// provider go through the same runner and journal as ihuyi's.
    @Test func aTestProviderBalancesAndSendsThroughTheCapabilities() async throws {
        let transport = RecordingTransport(
            responses: .text(200, #"{"credit": 12.5}"#), .text(200, "A"), .text(200, "B"))
        let settings = ProviderSettings(
            credentials: ProviderCredentials(provider: TestSMSProvider.providerDescription, values: ["token": "t0k"]))
        let entry = try Self.registry.entry("testsms")
        let balance = try entry.make(
            .balance, as: (any BalanceQuerying).self, connection: settings.connection(transport: transport),
            registry: Self.registry)
        let report = try await balance.balance(of: .main)
        #expect(report.rows == [[.amount(12.5)]])
        #expect(
            entry.campaignRequirements?.problem(with: CampaignOptions(templateID: 3), provider: "testsms")
                == "testsms cannot send --template-id (it sends --text)")
        #expect(entry.campaignRequirements?.problem(with: CampaignOptions(text: "hi"), provider: "testsms") == nil)
        let sender = try entry.make(
            .send, as: (any CampaignSending).self, connection: settings.connection(transport: transport),
            registry: Self.registry)
        let campaign = try sender.campaign(CampaignOptions(text: "hi"), content: nil)
        try await TemporaryDirectory.with { temporary in
            let directory = temporary.path
            let journal = try SendJournal.create(
                at: "\(directory)/j.jsonl",
                header: SendJournal.Header(
                    provider: "testsms", phonesPath: "p", phonesSHA256: "x", messageSHA256: campaign.fingerprint,
                    chunkSize: campaign.chunkSize(nil)))
            var numbers = ["13800138000", "13800138001", "13800138002"].map { try! PhoneNumber($0) }[...]
            let summary = try await CampaignRunner(dispatcher: campaign.dispatcher(nil, campaign.chunkSize(nil))).run(
                journal: journal
            ) { size in
                defer { numbers = numbers.dropFirst(size) }
                return Array(numbers.prefix(size))
            }
            #expect(summary.succeeded && summary.accepted == 3 && summary.taskIDs == ["A", "B"])
        }
        let sends = transport.requests.dropFirst()
        #expect(sends.map(\.url.path) == ["/send", "/send"])
        #expect(sends.allSatisfy { $0.headers["X-Token"] == "t0k" })
    }

    @Test func aProviderWithoutACapabilityNamesTheOnesThatHaveIt() throws {
        let registry = ProviderRegistry([TestSMSProvider.self])
        let entry = try registry.entry("testsms")
        let settings = ProviderSettings(
            credentials: ProviderCredentials(provider: TestSMSProvider.providerDescription, values: [:]))
        let refusal = UnsupportedCapabilityError(
            provider: "testsms", capability: .records, providers: [],
            offered: TestSMSProvider.providerDescription.capabilities.sorted())
        #expect(throws: refusal) {
            try entry.make(
                .records, as: (any RecordsQuerying).self,
                connection: settings.connection(transport: RecordingTransport()), registry: registry)
        }
        #expect(throws: refusal) { try entry.require(.records, registry: registry) }
        try entry.require(.send, registry: registry)
        // The refusal names the provider asked for, and what it can do instead.
        let itniotech = try #require(ProviderRegistry.standard[.itniotech])
        do {
            try itniotech.require(.templates, registry: .standard)
            Issue.record("itniotech has no templates")
        } catch {
            #expect(
                error.description
                    == "itniotech has no templates in mmskit (providers with templates: ihuyi, jpush); itniotech can do balance, records"
            )
        }
    }
}

/// Stands for a capability the test provider lacks.
protocol RecordsQuerying: Provider {}
