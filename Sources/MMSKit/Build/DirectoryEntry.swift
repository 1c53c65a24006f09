/// A file of a media directory, placed in a frame by its leading number or by the manifest.
struct DirectoryEntry: Sendable, Hashable {
    /// The name inside the directory.
    var name: String
    /// The path used to read it and to name it in diagnostics (`DIR/name`).
    var path: String

    var isText: Bool { name.lowercased().hasSuffix(".txt") }

    /// The lower-cased extension after the last dot, if any.
    var fileExtension: String? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return name[name.index(after: dot)...].lowercased()
    }

    /// The frame number at the start of the name (`01-intro.txt` → 1), or `nil` when it has none.
    var frameNumber: Int? {
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        return Int(digits)
    }
}
