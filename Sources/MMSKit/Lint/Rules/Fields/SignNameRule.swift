import Foundation

/// The MMS signature: present where required, a name inside 【】.
struct SignNameRule: LintRule {
    let description = LintRuleDescription(
        id: .signName, category: "fields", defaultSeverity: .error,
        summary: "sign_name is present where required and is a company or shop name inside 【】 (2–20 characters).",
        rationale:
            "ihuyi MMS API document: sign_name is the company or shop name in 【】 and carriers require one on every message. The 2–20 character bound is mmskit's own."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                #"{"title": "t", "sign_name": ↓"星河咖啡", "purpose": "p", "content": [[{"con_type": "text", "ext_type": "txt", "data": "a 回T退订"}, {"con_type": "image", "ext_type": "png", "data": "«png»"}]]}"#
            ),
            .json(
                #"↓{"title": "t", "purpose": "p", "content": [[{"con_type": "text", "ext_type": "txt", "data": "a 回T退订"}, {"con_type": "image", "ext_type": "png", "data": "«png»"}]]}"#
            ),
            .json(
                RuleExamples.batch(#""product_id": 1, "phone": ["13800138000"], "title": "t", "sign_name": ↓"[星河咖啡]""#)),
        ],
        nonTriggering: [.json(RuleExamples.validTemplate), .json(RuleExamples.validBatch)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard let field = document.fields["sign_name"] else {
            guard document.needsMessageFields, context.profile.signNameRequired else { return [] }
            return [
                LintFinding(
                    "the body has no sign_name; add your company or shop name in 【】, e.g. 【星河咖啡】",
                    at: document.rootLocation, path: "sign_name")
            ]
        }
        guard let sign = field.value.stringValue else { return [] }
        let trimmed = sign.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("【"), trimmed.hasSuffix("】"), trimmed.count >= 2 else {
            let inner = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "[]【】"))
            return [
                LintFinding(
                    "sign_name \"\(sign)\" must be a name inside 【】, e.g. 【\(inner.isEmpty ? "公司名" : inner)】",
                    at: field.location, path: "sign_name")
            ]
        }
        let inner = trimmed.dropFirst().dropLast()
        if inner.contains("【") || inner.contains("】") {
            return [
                LintFinding(
                    "sign_name \"\(sign)\" has 【】 inside the name; use a single 【name】", at: field.location,
                    path: "sign_name")
            ]
        }
        if inner.count < 2 || inner.count > 20 {
            return [
                LintFinding(
                    "sign_name \"\(sign)\" has \(inner.count) characters inside 【】; use 2 to 20", at: field.location,
                    path: "sign_name")
            ]
        }
        if sign != trimmed {
            return [
                LintFinding(
                    "sign_name \"\(sign)\" has spaces around it; remove them", at: field.location, path: "sign_name")
            ]
        }
        return []
    }
}
