import CMagic
import Synchronization

/// One libmagic handle with the compiled database loaded.
///
/// A cookie is not thread-safe; `MediaSniffer` hands each one to a single caller at a time.
final class MagicCookie: @unchecked Sendable {
    private let handle: OpaquePointer

    /// Cookie creation is serialised: concurrent `magic_open`/`magic_load` has crashed other wrappers.
    private static let creation = Mutex(())

    /// Opens a cookie reporting MIME types and loads the database (`nil`: the system default or `$MAGIC`).
    init(databasePath: String?) throws(SnifferError) {
        let opened: Result<OpaquePointer, SnifferError> = Self.creation.withLock { _ in
            guard let handle = magic_open(MAGIC_MIME_TYPE) else {
                return .failure(.cannotOpen)
            }
            if magic_load(handle, databasePath) != 0 {
                let reason = magic_error(handle).map { String(cString: $0) } ?? "unknown error"
                magic_close(handle)
                return .failure(.cannotLoadDatabase(path: databasePath, reason: reason))
            }
            return .success(handle)
        }
        handle = try opened.get()
    }

    deinit {
        magic_close(handle)
    }

    /// The MIME type libmagic gives these bytes, copied out of libmagic's reused buffer.
    func mimeType(of bytes: UnsafeRawBufferPointer) -> String {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return "application/x-empty" }
        guard let result = magic_buffer(handle, base, bytes.count) else {
            return "application/octet-stream"
        }
        return String(cString: result)
    }
}
