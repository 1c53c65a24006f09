import Foundation
import MMSKitCommandLine
import MMSKitFit

/// `mmskit fit`'s report for a person: one row per item, what it was and what it became, then the totals.
enum FitSummary {
    /// The table and the totals; `naming` the output directory, unless it is a temporary one (`build --fit`).
    static func render(_ report: FitReport, namingOutput: Bool = true) -> String {
        var table = TextTable(
            header: ["frame", "file", "was", "bytes", "became", "bytes", "SSIM"], numericColumns: [0, 3, 5, 6])
        for item in report.items {
            let was: String
            if let input = item.input {
                was = [input.libmagic, input.summary].filter { !$0.isEmpty }.joined(separator: ", ")
            } else {
                was = "text"
            }
            let became: String
            switch item.action {
            case .text: became = "copied"
            case .copied: became = "copied as is"
            case .converted:
                var parts = [item.result.setting ?? item.result.format]
                if let width = item.result.width, let height = item.result.height,
                    !(item.result.setting ?? "").contains("×")
                {
                    parts.append("\(width)×\(height)")
                }
                became = parts.joined(separator: ", ")
            }
            let file = item.source == item.output ? item.source : "\(item.source) → \(item.output)"
            table.rows.append([
                "\(item.frame)", file, was, item.input.map { ByteCount.grouped($0.bytes) } ?? "",
                became, ByteCount.grouped(item.result.bytes), item.ssim.map { String(format: "%.3f", $0) } ?? "",
            ])
        }
        let share = Double(report.totalBytes) / Double(max(report.budgetBytes, 1)) * 100
        var text = table.render()
        text +=
            "total \(ByteCount.grouped(report.totalBytes)) of \(ByteCount.grouped(report.budgetBytes)) bytes "
            + String(format: "(%.0f %%)", share) + " (\(report.profile) profile)"
        if let worst = report.worstSSIM { text += String(format: "; worst SSIM %.3f", worst) }
        text += namingOutput ? "; written to \(report.output)\n" : "\n"
        return text
    }
}
