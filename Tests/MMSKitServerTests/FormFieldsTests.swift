import MMSKit
import MMSKitProviders
import MMSKitServer
import Testing

@Suite struct FormFieldsTests {
    @Test func decodesPlusAndPercentEscapes() throws {
        let fields = try FormFields.parse("a=1+2&b=%E5%A5%BD%2B&&c=&d")
        #expect(fields == ["a": "1 2", "b": "好+", "c": "", "d": ""])
    }

    @Test(arguments: ["a=%2", "a=%zz", "a=1&a=2", "=1", "a=%FF"])
    func refusesMalformedForms(text: String) {
        #expect(throws: PushPayloadError.self) { try FormFields.parse(text) }
    }
}
