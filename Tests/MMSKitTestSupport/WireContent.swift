/// The ihuyi content format read with `JSONDecoder`, independently of MMSKit's own decoder, so tests can check
/// what `build` and `ContentJSON` write: a frame array of `{con_type, ext_type, data}` items.
public struct WireItem: Decodable, Equatable, Sendable {
    public var con_type: String
    public var ext_type: String
    public var data: String

    public init(con_type: String, ext_type: String, data: String) {
        self.con_type = con_type
        self.ext_type = ext_type
        self.data = data
    }
}

/// A templateCreate body as `build --as template` writes it.
public struct WireTemplate: Decodable, Sendable {
    public var title: String
    public var sign_name: String
    public var purpose: String
    public var content: [[WireItem]]
}
