import Foundation

/// What a preview shows: content loaded as `inspect` loads it, and the diagnostics `lint` reports for it under a
/// configuration (whose profile gives the size limit).
public struct PreviewDocument: Sendable {
    /// The media directory or JSON file, as the user named it (without a trailing `/`).
    public var source: String
    /// The content with its per-item facts, as `inspect` loads it.
    public var analysis: ContentAnalysis
    /// Every lint diagnostic, in the one diagnostic order.
    public var diagnostics: [Diagnostic]
    /// The profile whose total size limit the page's size bar shows.
    public var profile: ProviderProfile

    /// A preview of `analysis` loaded from `source`, with its lint `diagnostics` under `profile`.
    public init(source: String, analysis: ContentAnalysis, diagnostics: [Diagnostic], profile: ProviderProfile) {
        self.source = source
        self.analysis = analysis
        self.diagnostics = diagnostics
        self.profile = profile
    }

    /// Loads `path` (a media directory or a frame array / templateCreate / batchSend JSON file) with
    /// `ContentLoader` and lints it with `Linter`, as `mmskit inspect` and `mmskit lint` would.
    /// - Throws: `.invalid` when the content cannot be shown at all (a WebP image, broken JSON…: the errors say
    ///   what to fix), `.unreadable` when the path cannot be read.
    public static func load(
        _ path: String, sniffer: MediaSniffer, configuration: LintConfiguration
    ) throws(ContentLoadError) -> PreviewDocument {
        let source = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        let analysis = try ContentLoader(sniffer: sniffer).load(source)
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory)
        let input = LintInput(path: source, kind: isDirectory.boolValue ? .directory : .file)
        let linted: LintReport.File
        do {
            linted = try Linter(sniffer: sniffer, configuration: configuration).lint(input)
        } catch {
            throw .unreadable(error: error)
        }
        return PreviewDocument(
            source: source, analysis: analysis, diagnostics: linted.diagnostics, profile: configuration.profile)
    }

    /// Whether any diagnostic is an error (the exit status of `mmskit preview` is then 1).
    public var hasErrors: Bool { diagnostics.containsErrors }
}
