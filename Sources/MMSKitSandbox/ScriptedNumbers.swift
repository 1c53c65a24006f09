import MMSKitProviders

/// What happens to a message sent to a number, decided in advance; not a list of numbers nor a receipt.
///
/// Ordinary numbers are delivered (or fail at `--fail-rate`, decided by a hash of the seed, the task and the
/// number, so a run repeats exactly); numbers in the reserved range 1990000xxxx always get the outcome their last
/// four digits name, so a test suite can provoke every case.
public enum ScriptedNumbers {
    /// The first seven digits of the reserved range.
    public static let reservedPrefix = "1990000"

    /// The fate of a message to a number, as its receipt (and any reply) will tell.
    public enum Outcome: String, Sendable, CaseIterable, Codable {
        /// Delivered.
        case delivered
        /// An empty (unassigned) number.
        case invalid
        /// Not delivered: the number is blacklisted.
        case blacklisted
        /// Not delivered: the handset is off.
        case handsetOff
        /// Delivered, but the receipt comes 30 s (sandbox clock) late.
        case delayedReceipt
        /// Delivered, then the handset replies "T" (unsubscribe).
        case repliesT
        /// A failure drawn by `--fail-rate`.
        case failed

        /// The reserved number's last four digits for this outcome, where it has one.
        public var reservedSuffix: String? {
            switch self {
            case .invalid: "0001"
            case .blacklisted: "0002"
            case .handsetOff: "0003"
            case .delayedReceipt: "0004"
            case .repliesT: "0005"
            case .delivered: "0000"
            case .failed: nil
            }
        }

        /// The ihuyi receipt's code and message. ihuyi passes the carrier's code through and publishes no
        /// table; these are the CMPP-style codes Chinese carriers commonly return (listed in <doc:TestNumbers>).
        public var ihuyiCode: (code: String, message: String) {
            switch self {
            case .delivered, .delayedReceipt, .repliesT: (IhuyiDeliveryReceipt.delivered, "用户已成功收到")
            case .invalid: ("MK:0001", "空号")
            case .blacklisted: ("DB:0141", "黑名单号码")
            case .handsetOff: ("MI:0013", "用户关机")
            case .failed: ("UNDELIV", "发送失败")
            }
        }

        /// The JSMS report status (the reference's table: 4001 delivered, 4002 blacklist, 4003 handset off,
        /// 4004 empty number, 4100 other).
        public var jpushStatus: Int {
            switch self {
            case .delivered, .delayedReceipt, .repliesT: JPushReport.delivered
            case .invalid: 4004
            case .blacklisted: 4002
            case .handsetOff: 4003
            case .failed: 4100
            }
        }

        /// Whether the message reaches the handset: what the ihuyi parser decides from the receipt the sandbox
        /// pushes (the same answer as JSMS's for `jpushStatus`, held equal by a test).
        public var isDelivered: Bool { IhuyiDeliveryReceipt.outcome(of: ihuyiCode.code) == .delivered }
    }

    /// The outcome for `phone` in `task`.
    public static func outcome(of phone: String, task: String, failRate: Double, seed: UInt64) -> Outcome {
        if phone.count == 11, phone.hasPrefix(reservedPrefix) {
            let suffix = String(phone.suffix(4))
            return Outcome.allCases.first { $0.reservedSuffix == suffix } ?? .delivered
        }
        guard failRate > 0 else { return .delivered }
        return SeededRandom.unit(seed: seed, "\(task)|\(phone)") < failRate ? .failed : .delivered
    }
}
