import MMSKit

/// One row of the statistics query (receipts of a task with one code, counted in SQL), and how the rows add up
/// to `PushStatistics`: both stores run the same GROUP BY and share this.
struct StatisticsGroup: Sendable {
    var taskID: String
    var provider: ProviderID
    var code: String?
    /// The stored outcome (`PushOutcome`'s raw value) the provider's parser decided.
    var outcome: String?
    var count: Int
    var first: Int64

    static func statistics(
        _ groups: [StatisticsGroup], uplinks: Int, reviews: [PushStatistics.Review]
    ) -> PushStatistics {
        var tasks: [PushStatistics.TaskCounts] = []
        var positions: [String: Int] = [:]
        for group in groups.sorted(by: { $0.first < $1.first }) {
            let position =
                positions[group.taskID]
                ?? {
                    tasks.append(PushStatistics.TaskCounts(taskID: group.taskID, provider: group.provider))
                    positions[group.taskID] = tasks.count - 1
                    return tasks.count - 1
                }()
            tasks[position].receipts += group.count
            let code = group.code ?? ""
            if group.outcome == PushOutcome.delivered.rawValue {
                tasks[position].delivered += group.count
            } else {
                tasks[position].failed[code, default: 0] += group.count
            }
        }
        return PushStatistics(tasks: tasks, uplinks: uplinks, reviews: reviews)
    }
}
