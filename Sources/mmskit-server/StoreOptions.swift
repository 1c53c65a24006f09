import ArgumentParser
import MMSKit
import MMSKitCommandLine
import MMSKitProviders
import MMSKitStore

/// `--db`: the store the receipts commands use, a SQLite file or a PostgreSQL URL.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The store: a SQLite file, or postgres://USER[:PASSWORD]@HOST[:PORT]/DB (?host=/socket/dir for a Unix socket).",
            valueName: "db"))
    var database = StoreLocation.defaultPath

    func validate() throws {
        _ = try location()
    }

    func location() throws -> StoreLocation {
        do {
            return try StoreLocation(parsing: database)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Opens the store, runs `body` with it and closes it; any failure of the database is reported naming it
    /// (password redacted), with exit status 2.
    /// - Parameters:
    ///   - forWriting: open it to change it (created when missing, migrated when older: the optout commands
    ///     that add and remove); otherwise read-only, and only an existing, up-to-date store.
    ///   - body: what to do with the store.
    func withStore<Result>(
        forWriting: Bool = false, _ body: (any PushStore & OptOutStore) async throws -> Result
    ) async throws -> Result {
        try await Self.withStore(at: try location(), forWriting: forWriting, body)
    }

    /// `withStore(forWriting:_:)` for a store named otherwise than by `--db` (an optional `--db` of `report`).
    static func withStore<Result>(
        at location: StoreLocation, forWriting: Bool = false,
        _ body: (any PushStore & OptOutStore) async throws -> Result
    ) async throws -> Result {
        let store: any PushStore & OptOutStore
        do {
            store = try await forWriting ? location.open(forwarding: false) : location.openForReading()
        } catch {
            throw StoreError.unusable(location.description, error)
        }
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch  where error is any ClassifiedFailure || error is ExitCode {
            // A failure that says what it is (writing the output, say) is not the store's.
            try? await store.close()
            throw error
        } catch {
            try? await store.close()
            throw StoreError.unusable(location.description, error)
        }
    }
}

/// The filters `list` and `export` share.
struct PushFilterOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Only this kind: delivery_receipt, reply, template_review or sign_review (of every provider; receipt, uplink and review are accepted too).",
            valueName: "kind"))
    var kind: PushKind?

    @Option(help: ArgumentHelp("Only records this provider pushed: ihuyi or jpush.", valueName: "provider"))
    var provider: ProviderID?

    @Option(help: ArgumentHelp("Only records of this task (ihuyi task_id, JSMS msg_id).", valueName: "id"))
    var task: String?

    @Option(help: ArgumentHelp("Only records of this phone number.", valueName: "number"))
    var phone: String?

    @Option(
        help: ArgumentHelp(
            "Only records received at or after this time: ISO 8601 (2025-05-01T10:00:00Z) or China time (2025-05-01 10:00:00, 2025-05-01).",
            valueName: "time"))
    var since: String?

    func validate() throws {
        if let since, PushQuery.time(since) == nil {
            throw ValidationError(
                "--since '\(since)' is not a time: use 2025-05-01T10:00:00+08:00, 2025-05-01 10:00:00 (China time) or 2025-05-01"
            )
        }
    }

    func query(limit: Int? = nil) -> PushQuery {
        PushQuery(
            kind: kind, provider: provider, taskID: task, phone: phone, since: since.flatMap(PushQuery.time),
            limit: limit)
    }
}

extension PushKind: ExpressibleByArgument {
    /// A kind by its name or a name earlier releases used; `jpush`, a provider rather than a kind, is refused
    /// with what to use instead.
    public init?(argument: String) {
        self.init(named: argument)
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
