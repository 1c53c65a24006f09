/// A media directory's frames as its files and manifest lay them out, before any media is read: what
/// ``ContentBuilder/layout(directory:)`` finds, and where `build` and `fit` both start.
public struct ContentLayout: Sendable {
    /// One entry of a frame.
    public enum Item: Sendable, Hashable {
        /// A file of the directory: its name, its path (`DIR/name`, as diagnostics name it), and whether it is a
        /// `.txt` text rather than media.
        case file(name: String, path: String, isText: Bool)
        /// A text written in the manifest itself.
        case text(String)
    }

    /// The directory, as given (without a trailing slash).
    public var root: String
    /// The manifest's file name (`mms.yaml` or `mms.yml`), when there is one.
    public var manifestName: String?
    /// The parsed manifest, when there is one.
    public var manifest: Manifest?
    /// The frames in display order, each item in display order.
    public var frames: [[Item]]
    /// Every problem of the layout (a subdirectory, a file in no frame, a frame with two media, …), errors and
    /// warnings, each naming its file.
    public var problems: [Diagnostic]
}
