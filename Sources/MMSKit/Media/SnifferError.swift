/// libmagic could not be set up: a tool failure (exit status 2), not a problem with the user's content.
public enum SnifferError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen
    case cannotLoadDatabase(path: String?, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen:
            "libmagic could not allocate a handle (magic_open failed); check that libmagic1 is installed"
        case .cannotLoadDatabase(let path, let reason):
            "libmagic could not load its database \(path.map { "'\($0)'" } ?? "(the system default or $MAGIC)"): "
                + "\(reason); install it with 'apt-get install libmagic-mgc' or point $MAGIC at a magic.mgc file"
        }
    }
}
