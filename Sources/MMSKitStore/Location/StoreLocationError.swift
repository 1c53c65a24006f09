/// A `--db` value that names no database: the value (password redacted), what is wrong, and the forms expected.
public struct StoreLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var value: String
    public var reason: String

    public var description: String {
        "the database '\(value)' is not usable: \(reason); expected a SQLite file path (default \(StoreLocation.defaultPath)) or postgres://USER[:PASSWORD]@HOST[:PORT]/DB (also postgresql://, ?host=/socket/dir for a Unix socket)"
    }
}
