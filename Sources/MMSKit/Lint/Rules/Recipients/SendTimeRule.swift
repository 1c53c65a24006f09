import Foundation

/// A scheduled send time is well-formed and in the future (China time).
struct SendTimeRule: LintRule {
    let description = LintRuleDescription(
        id: .sendTime, category: "recipients", defaultSeverity: .error,
        summary: "send_time is `YYYY-MM-DD HH:MM:SS`, a real date, and not in the past (China time, UTC+8).",
        rationale:
            "ihuyi MMS API document: send_time schedules the send, format 2020-08-26 16:08:14. A past time sends at once or is refused."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.batch(
                    #""product_id": 1018, "phone": ["13800138000"], "sign_name": "【星河咖啡】", "title": "t", "send_time": ↓"2020-08-26 16:08:14""#
                )),
            .json(
                RuleExamples.batch(
                    #""product_id": 1018, "phone": ["13800138000"], "sign_name": "【星河咖啡】", "title": "t", "send_time": ↓"2099-02-30 10:00""#
                )),
        ],
        nonTriggering: [
            .json(
                RuleExamples.batch(
                    #""product_id": 1018, "phone": ["13800138000"], "sign_name": "【星河咖啡】", "title": "t", "send_time": "2099-12-31 23:59:59""#
                ))
        ])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard document.kind == .batch, let field = document.fields["send_time"], let text = field.value.stringValue
        else { return [] }
        guard let date = ChinaTime.parse(text) else {
            return [
                LintFinding(
                    "send_time \"\(text)\" is not a real date in the form YYYY-MM-DD HH:MM:SS (e.g. 2026-12-01 09:30:00)",
                    at: field.location, path: "send_time")
            ]
        }
        if date < context.now {
            return [
                LintFinding(
                    "send_time \(text) is in the past (now is \(ChinaTime.format(context.now)) China time); pick a future time or drop send_time to send at once",
                    at: field.location, path: "send_time")
            ]
        }
        return []
    }
}
