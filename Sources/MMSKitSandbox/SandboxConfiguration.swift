import Foundation

/// How `mmskit sandbox` runs: where it listens, where it pushes, how fast its clock runs and how often it fails.
public struct SandboxConfiguration: Sendable {
    /// The address to listen on (127.0.0.1 by default).
    public var host: String
    /// 0 picks a free port; the first stdout line says which.
    public var port: Int
    /// Where pushes go; a kind of push without a URL is not sent.
    public var callbacks: SandboxCallbacks
    /// Divides every wait (review delay, receipt delay, the providers' retry waits): 60 makes a minute a second.
    public var speed: Double
    /// The share of ordinary numbers (outside the reserved test range) whose receipt says "failed".
    public var failRate: Double
    /// Seeds every random choice (which numbers fail, which requests a fault hits), so a run can be repeated.
    public var seed: UInt64
    /// Where balances, templates, tasks and request ids are kept across restarts (SQLite); nil keeps them in memory.
    public var stateDirectory: String?
    /// The credentials the sandbox accepts.
    public var accounts: SandboxAccounts
    /// Faults injected from the start (the control API can change them).
    public var faults: [SandboxFault]
    /// How long a template waits for its review (before `speed`). The providers publish no figure; carriers
    /// review within hours, so a sandbox default of 10 s keeps a demo moving.
    public var reviewDelay: Duration
    /// How long after a send its receipts are pushed (before `speed`).
    public var receiptDelay: Duration
    /// How many ihuyi receipts (or uplinks) one push carries: ihuyi's document allows one object or an array.
    public var pushBatchSize: Int
    /// How many pushes are in flight at once.
    public var pushConcurrency: Int

    /// A configuration; by default on 127.0.0.1 at a free port, real speed, no failures or faults, state in memory.
    public init(
        host: String = "127.0.0.1", port: Int = 0, callbacks: SandboxCallbacks = SandboxCallbacks(),
        speed: Double = 1, failRate: Double = 0, seed: UInt64 = 1, stateDirectory: String? = nil,
        accounts: SandboxAccounts = .standard, faults: [SandboxFault] = [], reviewDelay: Duration = .seconds(10),
        receiptDelay: Duration = .seconds(2), pushBatchSize: Int = 100, pushConcurrency: Int = 8
    ) {
        self.host = host
        self.port = port
        self.callbacks = callbacks
        self.speed = speed
        self.failRate = failRate
        self.seed = seed
        self.stateDirectory = stateDirectory
        self.accounts = accounts
        self.faults = faults
        self.reviewDelay = reviewDelay
        self.receiptDelay = receiptDelay
        self.pushBatchSize = pushBatchSize
        self.pushConcurrency = pushConcurrency
    }

    /// The speeds the sandbox takes: a thousandth (waits 1,000 times longer) to a million times faster.
    public static let speeds: ClosedRange<Double> = 0.001...1_000_000
    /// The review and receipt delays it takes, in seconds: up to a week.
    public static let delaySeconds: ClosedRange<Double> = 0...(7 * 86_400)

    /// `duration` on the sandbox's clock (divided by `speed`), at most a year whatever the inputs.
    func scaled(_ duration: Duration) -> Duration {
        guard speed > 0, speed != 1 else { return duration }
        let (seconds, attoseconds) = duration.components
        let total = Double(seconds) + Double(attoseconds) / 1e18
        let nanoseconds = min(max(total / speed * 1e9, 0), 365 * 86_400 * 1e9)
        return .nanoseconds(Int64(nanoseconds.isFinite ? nanoseconds : 0))
    }
}

/// Where the sandbox pushes: by default the routes of `mmskit receipts serve` under one base URL.
public struct SandboxCallbacks: Sendable, Hashable {
    /// Where ihuyi delivery receipts are pushed.
    public var receipts: URL?
    /// Where ihuyi uplink replies are pushed.
    public var uplinks: URL?
    /// Where ihuyi template reviews are pushed.
    public var reviews: URL?
    /// Where JSMS callbacks are pushed.
    public var jpush: URL?

    /// `base`/ihuyi/receipts, /ihuyi/uplinks, /ihuyi/reviews and /jpush/callback (a query on `base`, such as
    /// `?token=…`, is kept on each).
    public init(base: URL? = nil) {
        receipts = base.map { Self.route($0, "ihuyi/receipts") }
        uplinks = base.map { Self.route($0, "ihuyi/uplinks") }
        reviews = base.map { Self.route($0, "ihuyi/reviews") }
        jpush = base.map { Self.route($0, "jpush/callback") }
    }

    static func route(_ base: URL, _ path: String) -> URL {
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else {
            return base.appendingPathComponent(path)
        }
        components.path = (components.path.hasSuffix("/") ? components.path : components.path + "/") + path
        return components.url ?? base.appendingPathComponent(path)
    }
}
