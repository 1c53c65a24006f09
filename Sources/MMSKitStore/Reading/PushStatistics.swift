import Foundation
import MMSKit

/// What the store holds, counted: per task the receipts (delivered, failed by code, and given the send journal
/// the recipients still without one), the uplinks, and the template reviews.
public struct PushStatistics: Codable, Sendable, Equatable {
    /// One task's receipts (an ihuyi task_id, or a JSMS msg_id).
    public struct TaskCounts: Codable, Sendable, Equatable {
        public var taskID: String
        public var provider: ProviderID
        /// Receipts stored for the task: one per phone (a later report with another code replaces the first).
        public var receipts: Int
        public var delivered: Int
        /// Receipts that say the message was not delivered, by the provider's code.
        public var failed: [String: Int]
        /// Recipients of the task's acknowledged chunk in the send journal, when one was given.
        public var sent: Int?
        /// `sent` minus the receipts stored (never below zero): recipients still without a receipt.
        public var pending: Int?

        /// snake_case, as every JSON output of mmskit.
        enum CodingKeys: String, CodingKey {
            case taskID = "task_id"
            case provider, receipts, delivered, failed, sent, pending
        }

        public init(
            taskID: String, provider: ProviderID, receipts: Int = 0, delivered: Int = 0, failed: [String: Int] = [:]
        ) {
            self.taskID = taskID
            self.provider = provider
            self.receipts = receipts
            self.delivered = delivered
            self.failed = failed
        }
    }

    /// A template review a provider pushed (ihuyi's review push, or JSMS's SMS_TEMPLATE callback).
    public struct Review: Codable, Sendable, Equatable {
        public var templateID: Int?
        public var provider: ProviderID
        public var code: String?
        public var message: String?
        /// The provider's time for it, or when it was received when the provider gave none.
        public var time: String

        /// snake_case, as every JSON output of mmskit.
        enum CodingKeys: String, CodingKey {
            case templateID = "template_id"
            case provider, code, message, time
        }

        public init(templateID: Int?, provider: ProviderID, code: String?, message: String?, time: String) {
            self.templateID = templateID
            self.provider = provider
            self.code = code
            self.message = message
            self.time = time
        }
    }

    /// Tasks in the order their first receipt arrived (then the journal's tasks without any).
    public var tasks: [TaskCounts]
    /// Replies from handsets (ihuyi uplinks and JSMS SMS_REPLY callbacks).
    public var uplinks: Int
    /// Template reviews in arrival order.
    public var reviews: [Review]

    public init(tasks: [TaskCounts] = [], uplinks: Int = 0, reviews: [Review] = []) {
        self.tasks = tasks
        self.uplinks = uplinks
        self.reviews = reviews
    }

    /// What a send journal knows about one chunk the provider acknowledged: its task and how many recipients the
    /// provider accepted.
    public struct SentChunk: Sendable, Hashable {
        public var taskID: String
        public var recipients: Int

        public init(taskID: String, recipients: Int) {
            self.taskID = taskID
            self.recipients = recipients
        }
    }

    /// Adds what the send journal knows: for every acknowledged chunk (with `task`, only that one), the recipients
    /// the provider accepted, and how many of them have no receipt yet. The journal holds no phone numbers, so
    /// pending is a count per task, not a list.
    public mutating func addPending(
        from chunks: some Sequence<SentChunk>, provider: ProviderID, task: String? = nil
    ) {
        for chunk in chunks where task == nil || task == chunk.taskID {
            let (taskID, sent) = (chunk.taskID, chunk.recipients)
            if let position = tasks.firstIndex(where: { $0.taskID == taskID }) {
                tasks[position].sent = (tasks[position].sent ?? 0) + sent
                tasks[position].pending = max(0, tasks[position].sent! - tasks[position].receipts)
            } else {
                var counts = TaskCounts(taskID: taskID, provider: provider)
                counts.sent = sent
                counts.pending = sent
                tasks.append(counts)
            }
        }
    }
}
