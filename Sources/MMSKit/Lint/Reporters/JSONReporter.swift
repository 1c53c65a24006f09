import Foundation

/// A stable, pretty, key-sorted JSON document for scripts: summary counts and every file's diagnostics.
public struct JSONReporter: LintReporter {
    /// The `--format` name.
    public static let identifier = "json"

    /// The reporter; it has no options.
    public init() {}

    /// The report as JSON (format version 1).
    public func generateReport(_ report: LintReport) -> String {
        let document = Document(
            version: 1,
            summary: Summary(
                errors: report.count(of: .error),
                warnings: report.count(of: .warning),
                notes: report.count(of: .note),
                files: report.files.count
            ),
            files: report.files.map { file in
                File(
                    path: file.path,
                    kind: file.kind,
                    diagnostics: file.locatedDiagnostics.map { diagnostic in
                        Entry(
                            severity: diagnostic.severity.rawValue,
                            message: diagnostic.message,
                            file: diagnostic.location?.file ?? file.path,
                            line: diagnostic.location?.line,
                            column: diagnostic.location?.column,
                            path: diagnostic.path,
                            rule: diagnostic.ruleID?.rawValue
                        )
                    }
                )
            }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
        } catch {
            preconditionFailure("encoding plain strings and integers cannot fail: \(error)")
        }
    }

    // Optionals are encoded with encodeIfPresent by the synthesised Codable, so absent values are omitted.
    private struct Document: Encodable {
        var version: Int
        var summary: Summary
        var files: [File]
    }

    private struct Summary: Encodable {
        var errors: Int
        var warnings: Int
        var notes: Int
        var files: Int
    }

    private struct File: Encodable {
        var path: String
        var kind: String?
        var diagnostics: [Entry]
    }

    private struct Entry: Encodable {
        var severity: String
        var message: String
        var file: String
        var line: Int?
        var column: Int?
        var path: String?
        var rule: String?
    }
}
