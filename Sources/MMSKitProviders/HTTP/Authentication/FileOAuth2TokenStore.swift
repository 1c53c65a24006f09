import Crypto
import Foundation
import MMSKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps an OAuth2 token between runs in a mode-0600 file of its own, named after the provider, the token
/// endpoint and the client id (hashed; never the secret), so a command run every minute asks for a token once
/// an hour. Writes go to a temporary file renamed into place, under an exclusive `flock` on a lock file beside
/// it, and never replace a token that lives longer unless that token was refused: two processes renewing at once
/// cannot clobber each other or leave a torn file, and a refused token does not outlive its replacement.
public struct FileOAuth2TokenStore: OAuth2TokenStore {
    /// The token file.
    public let path: String
    /// The client the token belongs to; a file holding another client's token is ignored.
    public let clientID: String

    /// A store in the file at `path` for the token of `clientID`.
    public init(path: String, clientID: String) {
        self.path = path
        self.clientID = clientID
    }

    /// The store for `clientID` of `provider` at `tokenURL`, in `directory`.
    public init(directory: String, provider: ProviderID, tokenURL: URL, clientID: String) {
        let key = SHA256.hash(data: Data("\(tokenURL.absoluteString)\n\(clientID)".utf8))
            .prefix(8).map { String(format: "%02x", $0) }.joined()
        self.init(path: "\(directory)/\(provider)-token-\(key).json", clientID: clientID)
    }

    /// `$XDG_CACHE_HOME/mmskit`, or `~/.cache/mmskit` without it.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return "\(cache)/mmskit" }
        return "\(environment["HOME"] ?? NSHomeDirectory())/.cache/mmskit"
    }

    /// The stored token; nil when there is none, or the file is another client's or unreadable.
    public func load() async throws -> OAuth2Token? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try withLock(LOCK_SH) { read() }
    }

    /// Stores `token` (nil removes the file), unless the file already holds a token of this client that lives
    /// longer (another process renewed later).
    public func save(_ token: OAuth2Token?) async throws {
        guard let token else {
            try withLock(LOCK_EX) { () throws(FileSystemError) in _ = unlink(path) }
            return
        }
        try write(token, replacing: nil)
    }

    /// Stores `fresh` in place of `rejected`: a file holding `rejected` takes `fresh` whichever expires first;
    /// one holding another token that lives longer (renewed by another process since) keeps it.
    public func replace(_ rejected: OAuth2Token, with fresh: OAuth2Token) async throws {
        try write(fresh, replacing: rejected)
    }

    private func write(_ token: OAuth2Token, replacing rejected: OAuth2Token?) throws(FileSystemError) {
        try withLock(LOCK_EX) { () throws(FileSystemError) in
            if let stored = read(), stored.expiresAt > token.expiresAt, stored.accessToken != rejected?.accessToken {
                return
            }
            guard let data = try? Self.encoder.encode(Entry(clientID: clientID, token: token)) else {
                throw FileSystemError(path: path, operation: "write", reason: "the token could not be encoded")
            }
            try AtomicFile.write(to: path) { (descriptor) throws(FileSystemError) in
                guard fchmod(descriptor, 0o600) == 0 else {
                    throw .fromErrno(errno, path: path, operation: "write (making the token file private)")
                }
                let failure = data.withUnsafeBytes { bytes -> FileSystemError? in
                    do throws(FileSystemError) {
                        try AtomicFile.writeAll(bytes, to: descriptor, path: path)
                        return nil
                    } catch {
                        return error
                    }
                }
                if let failure { throw failure }
            }
        }
    }

    private func read() -> OAuth2Token? {
        guard let data = FileManager.default.contents(atPath: path),
            let entry = try? Self.decoder.decode(Entry.self, from: data), entry.clientID == clientID
        else { return nil }
        return entry.token
    }

    /// Runs `body` holding `operation` (shared or exclusive) on the lock file, creating the directory (0700).
    private func withLock<T>(_ operation: Int32, _ body: () throws(FileSystemError) -> T) throws(FileSystemError) -> T {
        let directory = (path as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw FileSystemError(
                    path: directory, operation: "create the token cache directory",
                    reason: "\(error.localizedDescription)")
            }
        }
        let lockPath = path + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .fromErrno(errno, path: lockPath, operation: "open the lock file") }
        defer { close(descriptor) }
        while flock(descriptor, operation) != 0 {
            guard errno == EINTR else { throw .fromErrno(errno, path: lockPath, operation: "lock") }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    private struct Entry: Codable {
        var clientID: String
        var token: OAuth2Token

        enum CodingKeys: String, CodingKey {
            case clientID = "client_id", token
        }
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}
