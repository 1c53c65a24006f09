import Foundation

extension SandboxServer {
    /// How the sandbox runs (where it listens and pushes, its clock, its failures), fixed at start; not what its
    /// accounts hold (``Ledger``) nor the faults in force later (the control API changes those).
    public struct Configuration: Sendable {
        /// The address to listen on (127.0.0.1 by default).
        public var host: String
        /// 0 picks a free port; the first stdout line says which.
        public var port: Int
        /// Where pushes go; a kind of push without a URL is not sent.
        public var callbacks: CallbackURLs
        /// Divides every wait (review delay, receipt delay, the providers' retry waits): 60 makes a minute a second.
        public var speed: Double
        /// The share of ordinary numbers (outside the reserved test range) whose receipt says "failed".
        public var failRate: Double
        /// Seeds every random choice (which numbers fail, which requests a fault hits), so a run can be repeated.
        public var seed: UInt64
        /// Where balances, templates, tasks and request ids are kept across restarts (SQLite); nil keeps them in memory.
        public var stateDirectory: String?
        /// The credentials the sandbox accepts.
        public var accounts: AcceptedCredentials
        /// Faults injected from the start (the control API can change them).
        public var faults: [FaultRule]
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
            host: String = "127.0.0.1", port: Int = 0, callbacks: CallbackURLs = CallbackURLs(),
            speed: Double = 1, failRate: Double = 0, seed: UInt64 = 1, stateDirectory: String? = nil,
            accounts: AcceptedCredentials = .standard, faults: [FaultRule] = [], reviewDelay: Duration = .seconds(10),
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
}
