import Foundation

/// One check: a stable id, a default severity, documentation, examples the test suite runs, and the check.
public protocol LintRule: Sendable {
    var description: LintRuleDescription { get }
    /// Inputs that must trigger the rule and inputs that must not.
    var examples: LintExamples { get }
    /// The problems this rule finds in the document.
    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding]
}

/// A problem a rule found; the engine adds the rule id and the configured severity.
public struct LintFinding: Sendable {
    /// What is wrong and what to do about it.
    public var message: String
    /// Where in the input the problem is.
    public var location: Diagnostic.Location
    /// Where inside the document, e.g. `content[2][1].data`; `nil` when the location says enough.
    public var path: String?
    /// Overrides the rule's severity for this finding (e.g. "both given" is a warning, "neither" an error).
    public var severity: Diagnostic.Severity?

    /// A finding saying `message` at `location`, at the rule's severity unless `severity` is given.
    public init(
        _ message: String, at location: Diagnostic.Location, path: String? = nil, severity: Diagnostic.Severity? = nil
    ) {
        self.message = message
        self.location = location
        self.path = path
        self.severity = severity
    }
}

/// What a rule needs besides the document: the limits and the current time.
public struct LintContext: Sendable {
    /// The provider profile whose limits the rules check.
    public var profile: ProviderProfile
    /// "Now", for send_time checks (tests fix it).
    public var now: Date

    /// A context with the given profile and clock.
    public init(profile: ProviderProfile = .ihuyi, now: Date = Date()) {
        self.profile = profile
        self.now = now
    }
}

/// A rule's own examples, shown by `mmskit rules ID` and run by the test suite.
public struct LintExamples: Sendable {
    /// Inputs the rule must report.
    public var triggering: [LintExample]
    /// Inputs the rule must accept without a finding.
    public var nonTriggering: [LintExample]

    /// The examples of a rule.
    public init(triggering: [LintExample], nonTriggering: [LintExample]) {
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }
}

/// An example input, with the profile limits it is linted under. In JSON examples, `«png»`, `«jpg»`, `«gif»`,
/// `«mp3»`, `«mp4»`, `«webp»`, `«audio-only-mp4»` and `«truncated-mp4»` stand for the base64 of a real file of
/// that kind (the test suite substitutes files from `samples/`; `«jpg-with-zip»` is the JPEG sample with a ZIP
/// header appended); in directory examples they stand for the
/// file's bytes, and `«invalid-utf8»` for a byte that is not UTF-8.
///
/// In a triggering JSON example, `↓` (SwiftLint's marker) stands just before the character the diagnostic must
/// point at; the test suite removes the markers, lints, and checks that the rule reports at each marked line and
/// column. `mmskit rules ID` prints examples without the markers.
public struct LintExample: Sendable, Hashable {
    /// Marks where a triggering example's diagnostic must point.
    public static let marker: Character = "↓"
    /// What the example lints: a JSON document or a media directory.
    public enum Input: Sendable, Hashable {
        /// A JSON document.
        case json(String)
        /// A media directory: file name → contents.
        case directory([String: String])
    }

    /// The JSON text or directory files that are linted.
    public var input: Input
    /// Limits applied on top of the default profile for this example.
    public var limits: ProfileLimits

    /// A JSON example, linted under the default profile with `limits` applied on top.
    public static func json(_ text: String, limits: ProfileLimits = ProfileLimits()) -> LintExample {
        LintExample(input: .json(text), limits: limits)
    }

    /// A media directory example (file name → contents), linted under the default profile.
    public static func directory(_ files: [String: String]) -> LintExample {
        LintExample(input: .directory(files), limits: ProfileLimits())
    }

    /// `text` without its `↓` markers, and the 1-based line and column (in Unicode scalars, as diagnostics
    /// count them) of the character that followed each marker.
    public static func removingMarkers(from text: String) -> (text: String, positions: [TextPosition]) {
        var stripped = String.UnicodeScalarView()
        var positions: [TextPosition] = []
        var line = 1
        var column = 1
        var offset = 0
        let marker = LintExample.marker.unicodeScalars.first!
        for scalar in text.unicodeScalars {
            if scalar == marker {
                positions.append(TextPosition(offset: offset, line: line, column: column))
                continue
            }
            stripped.append(scalar)
            offset += String(scalar).utf8.count
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (String(stripped), positions)
    }
}
