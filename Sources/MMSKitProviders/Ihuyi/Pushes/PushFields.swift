/// The fields of one pushed object, read strictly: `text` where ihuyi may send a number accepts its digits.
protocol PushFields {
    /// A required text field.
    func text(_ key: String) throws(PushPayloadError) -> String
    /// An optional text field (absent or null: nil).
    func optionalText(_ key: String) throws(PushPayloadError) -> String?
    /// A required integer field (a number, or text holding one).
    func integer(_ key: String) throws(PushPayloadError) -> Int
}
