import Foundation

/// SARIF 2.1.0 for code-scanning tools (GitHub code scanning, IDE viewers): one run, rule metadata and results.
public struct SARIFReporter: LintReporter {
    /// The `--format` name.
    public static let identifier = "sarif"

    /// The mmskit version recorded as `tool.driver.version`.
    public var toolVersion: String

    /// A reporter naming `toolVersion` as the mmskit version (`MMSKitVersion.current` in the CLI).
    public init(toolVersion: String) {
        self.toolVersion = toolVersion
    }

    /// The report as a SARIF 2.1.0 log with one run.
    public func generateReport(_ report: LintReport) -> String {
        let rules = report.rules.sorted { $0.id < $1.id }
        var ruleIndices: [RuleID: Int] = [:]
        for (index, rule) in rules.enumerated() where ruleIndices[rule.id] == nil {
            ruleIndices[rule.id] = index
        }
        let driver = Driver(
            name: "mmskit",
            informationUri: "https://github.com/mmskit/mmskit",
            version: toolVersion,
            rules: rules.map { rule in
                Rule(
                    id: rule.id.rawValue,
                    name: Self.upperCamelCase(rule.id.rawValue),
                    shortDescription: Text(text: rule.summary),
                    fullDescription: Text(text: rule.rationale),
                    defaultConfiguration: Configuration(level: rule.defaultSeverity.rawValue),
                    properties: RuleProperties(category: rule.category)
                )
            }
        )
        let results = report.files.flatMap { file in
            file.locatedDiagnostics.map { diagnostic in
                result(for: diagnostic, file: file, ruleIndices: ruleIndices)
            }
        }
        let log = Log(
            schema: "https://json.schemastore.org/sarif-2.1.0.json",
            version: "2.1.0",
            runs: [Run(tool: Tool(driver: driver), results: results, columnKind: "unicodeCodePoints")]
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(log), as: UTF8.self) + "\n"
        } catch {
            preconditionFailure("encoding plain strings and integers cannot fail: \(error)")
        }
    }

    private func result(for diagnostic: Diagnostic, file: LintReport.File, ruleIndices: [RuleID: Int]) -> Result {
        let location = diagnostic.location ?? Diagnostic.Location(file: file.path)
        var region: Region?
        if let line = location.line {
            region = Region(startLine: line, startColumn: location.column)
        }
        return Result(
            ruleId: diagnostic.ruleID?.rawValue,
            ruleIndex: diagnostic.ruleID.flatMap { ruleIndices[$0] },
            level: diagnostic.severity.rawValue,
            message: Text(text: diagnostic.message),
            locations: [
                Location(
                    physicalLocation: PhysicalLocation(
                        artifactLocation: ArtifactLocation(uri: Self.uri(forPath: location.file)),
                        region: region
                    ),
                    logicalLocations: diagnostic.path.map { [LogicalLocation(fullyQualifiedName: $0, kind: "member")] }
                )
            ]
        )
    }

    /// `media-type-mismatch` → `MediaTypeMismatch`.
    static func upperCamelCase(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// A path as a URI reference: relative paths stay relative (without a leading `./`), absolute ones become
    /// `file://` URIs; everything but RFC 3986 unreserved characters and `/` is percent-encoded as UTF-8.
    static func uri(forPath path: String) -> String {
        let path = path.withoutLeadingCurrentDirectory
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += (byte < 0x10 ? "%0" : "%") + String(byte, radix: 16, uppercase: true)
            }
        }
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    private struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    private struct Run: Encodable {
        var tool: Tool
        var results: [Result]
        var columnKind: String
    }

    private struct Tool: Encodable {
        var driver: Driver
    }

    private struct Driver: Encodable {
        var name: String
        var informationUri: String
        var version: String
        var rules: [Rule]
    }

    private struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
        var fullDescription: Text
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    private struct Text: Encodable {
        var text: String
    }

    private struct Configuration: Encodable {
        var level: String
    }

    private struct RuleProperties: Encodable {
        var category: String
    }

    private struct Result: Encodable {
        var ruleId: String?
        var ruleIndex: Int?
        var level: String
        var message: Text
        var locations: [Location]
    }

    private struct Location: Encodable {
        var physicalLocation: PhysicalLocation
        var logicalLocations: [LogicalLocation]?
    }

    private struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    private struct ArtifactLocation: Encodable {
        var uri: String
    }

    private struct Region: Encodable {
        var startLine: Int
        var startColumn: Int?
    }

    private struct LogicalLocation: Encodable {
        var fullyQualifiedName: String
        var kind: String
    }
}
