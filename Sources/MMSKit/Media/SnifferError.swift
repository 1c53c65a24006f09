/// libmagic could not be set up: a tool failure (exit status 2), not a problem with the user's content.
public enum SnifferError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libmagic could not allocate a handle (`magic_open` failed).
    case cannotOpen
    /// libmagic could not load its database: the one named, or the default (`nil`).
    case cannotLoadDatabase(path: String?, reason: String)
    /// The named database cannot be opened or is not a regular file (a FIFO, a device, a directory).
    case unusableDatabase(error: FileSystemError)
    /// The named file is readable but is not a compiled libmagic database.
    case notADatabase(path: String)

    /// What failed in setting up libmagic and what to check.
    public var description: String {
        switch self {
        case .cannotOpen:
            "libmagic could not allocate a handle (magic_open failed); check that libmagic1 is installed"
        case .cannotLoadDatabase(let path, let reason):
            "libmagic could not load its database \(path.map { "'\($0)'" } ?? "(the system default or $MAGIC)"): "
                + "\(reason); install it with 'apt-get install libmagic-mgc' or point $MAGIC at a magic.mgc file"
        case .unusableDatabase(let error):
            "libmagic could not load its database '\(error.path)': \(error.reason); "
                + "--magic and $MAGIC name a compiled libmagic database (a magic.mgc file)"
        case .notADatabase(let path):
            "libmagic could not load its database '\(path)': it is not a libmagic database (a compiled magic.mgc "
                + "file); point --magic or $MAGIC at one, such as /usr/lib/file/magic.mgc"
        }
    }
}

extension SnifferError: ClassifiedFailure {
    /// libmagic that cannot be set up is a failure of the tool's environment (exit status 2).
    public var isContentError: Bool { false }
}
