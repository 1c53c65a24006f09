import ArgumentParser
import MMSKit
import MMSKitCommandLine

extension MMSKitCommand {
    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the lint rules, or explain one with its examples."
        )

        @Argument(help: "A rule id to explain.")
        var id: String?

        @Flag(help: "Print as JSON.")
        var json = false

        func validate() throws {
            if let id, LintRules.rule(id: RuleID(rawValue: id)) == nil {
                throw ValidationError("unknown rule '\(id)'; run `mmskit rules` to list them")
            }
        }

        func run() async throws {
            guard let id, let rule = LintRules.rule(id: RuleID(rawValue: id)) else {
                let descriptions = LintRules.all.map(\.description)
                if json {
                    try StandardOutput.writeJSON(descriptions)
                    return
                }
                var table = TextTable(header: ["RULE", "SEVERITY", "CATEGORY", "SUMMARY"], numericColumns: [])
                for description in descriptions {
                    table.rows.append([
                        description.id.rawValue, description.defaultSeverity.rawValue, description.category,
                        description.summary,
                    ])
                }
                try StandardOutput.write(
                    table.render() + "\n\(descriptions.count) rules; `mmskit rules ID` explains one.\n")
                return
            }
            let description = rule.description
            if json {
                try StandardOutput.writeJSON(description)
                return
            }
            var text = "\(description.id) (\(description.defaultSeverity.rawValue), \(description.category))\n\n"
            text += "\(description.summary)\n\nWhy: \(description.rationale)\n"
            text += Self.render("Triggers", rule.examples.triggering)
            text += Self.render("Does not trigger", rule.examples.nonTriggering)
            text += "\nTurn it off or change its severity in .mmskit.yml:\n  rules:\n    \(description.id): off\n"
            try StandardOutput.write(text)
        }

        static func render(_ heading: String, _ examples: [LintExample]) -> String {
            var text = "\n\(heading):\n"
            for example in examples {
                switch example.input {
                case .json(let json):
                    text +=
                        LintExample.removingMarkers(from: json).text.split(separator: "\n").map { "  \($0)" }.joined(
                            separator: "\n") + "\n"
                case .directory(let files):
                    text += "  a directory with: " + files.keys.sorted().joined(separator: ", ") + "\n"
                }
                if example.limits != ProfileLimits() { text += "  (with limits: \(example.limits.yamlDescription))\n" }
            }
            return text
        }
    }
}
