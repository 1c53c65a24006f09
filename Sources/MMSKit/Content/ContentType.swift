/// The `con_type` of an MMS item: what kind of thing the handset shows or plays.
public enum ContentType: String, Sendable, Hashable, Codable, CaseIterable {
    case text
    case image
    case audio
    case video
}
