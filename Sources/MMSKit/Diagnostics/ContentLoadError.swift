/// Why content could not be built or loaded: problems in the content itself (exit status 1), or a path that
/// cannot be read (the tool's environment, exit status 2).
public enum ContentLoadError: Error, Sendable, CustomStringConvertible {
    /// The content has errors; every one is a located diagnostic.
    case invalid(error: ContentError)
    /// A file or directory could not be read.
    case unreadable(error: FileSystemError)

    /// The diagnostics of invalid content; none for an unreadable path.
    public var diagnostics: [Diagnostic] {
        if case .invalid(let error) = self { return error.diagnostics }
        return []
    }

    /// The diagnostics one a line, or what could not be read and why.
    public var description: String {
        switch self {
        case .invalid(let error): error.description
        case .unreadable(let error): error.description
        }
    }
}
