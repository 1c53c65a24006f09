import Crypto

/// Phone lists: read one with `RecipientReader`; identify one with `fingerprint(path:)`.
public enum RecipientList {
    /// The SHA-256 of the file's bytes, as 64 lowercase hex digits, read through the same fixed 64 KiB buffer
    /// as the reader. A resumed campaign compares it with the one it started with: the same fingerprint means
    /// the reader yields the same numbers, in the same chunks.
    public static func fingerprint(path: String) throws(RecipientListError) -> String {
        try fingerprint(PhoneListFile(path: path))
    }

    /// The fingerprint of a list opened with `PhoneListInput` (a copied stream hashes as its bytes).
    public static func fingerprint(_ input: PhoneListInput) throws(RecipientListError) -> String {
        try fingerprint(PhoneListFile(path: input.path, name: input.name))
    }

    private static func fingerprint(_ file: PhoneListFile) throws(RecipientListError) -> String {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: PhoneListFile.bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        while true {
            let count = try file.read(into: buffer)
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in hasher.finalize() {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
