/// Why bytes are not acceptable MMS media. The description names what the bytes really are.
public enum MediaRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// libmagic recognised something MMS does not accept (or nothing at all).
    case unsupported(mimeType: String)
    /// The signature matched an accepted format but the structure is truncated or corrupt.
    case damaged(format: MediaFormat, defect: StructuralDefect)

    /// What the bytes are (or what is broken) and what MMS accepts.
    public var description: String {
        switch self {
        case .unsupported(let mimeType):
            let what = MIMEDescription.name(of: mimeType)
            return "is \(what) (\(mimeType)); MMS accepts \(MediaExtension.acceptedList)"
                + MIMEDescription.advice(for: mimeType)
        case .damaged(let format, let defect):
            return "is a damaged \(format.displayName): \(defect); re-export or re-encode the file"
        }
    }
}
