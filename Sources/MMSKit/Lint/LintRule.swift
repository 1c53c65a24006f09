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
    public var message: String
    public var location: Diagnostic.Location
    public var path: String?
    /// Overrides the rule's severity for this finding (e.g. "both given" is a warning, "neither" an error).
    public var severity: Diagnostic.Severity?

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
    public var profile: ProviderProfile
    /// "Now", for send_time checks (tests fix it).
    public var now: Date

    public init(profile: ProviderProfile = .ihuyi, now: Date = Date()) {
        self.profile = profile
        self.now = now
    }
}

/// A rule's own examples, shown by `mmskit rules ID` and run by the test suite.
public struct LintExamples: Sendable {
    public var triggering: [LintExample]
    public var nonTriggering: [LintExample]

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
    public enum Input: Sendable, Hashable {
        case json(String)
        /// A media directory: file name → contents.
        case directory([String: String])
    }

    public var input: Input
    /// Limits applied on top of the default profile for this example.
    public var limits: ProfileLimits

    public static func json(_ text: String, limits: ProfileLimits = ProfileLimits()) -> LintExample {
        LintExample(input: .json(text), limits: limits)
    }

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
