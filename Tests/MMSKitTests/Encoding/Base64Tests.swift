import Foundation
import Testing

@testable import MMSKit

@Suite struct Base64Tests {
    @Test(arguments: [0, 1, 2, 3, 4, 5, 57, 1000, 4097, 3 << 19, (3 << 19) + 1])
    func encodesLikeFoundation(count: Int) {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
        var output = Data(count: Base64.encodedLength(of: count))
        data.withUnsafeBytes { source in output.withUnsafeMutableBytes { Base64.encode(source, into: $0) } }
        #expect(String(decoding: output, as: UTF8.self) == data.base64EncodedString())
        #expect(throws: Never.self) { try Base64.decode(String(decoding: output, as: UTF8.self)) }
        #expect((try? Base64.decode(String(decoding: output, as: UTF8.self))) == data)
    }

    @Test func decodeIsStrictAndLocatesTheProblem() {
        #expect(throws: Base64Error.self) { try Base64.decode("QUJD\nREVG") }
        do {
            _ = try Base64.decode("QUJD REVG")
            Issue.record("whitespace accepted")
        } catch {
            #expect(error.offset == 4)
            #expect(error.reason.contains("space"))
        }
        do {
            _ = try Base64.decode("QUJDRA")
            Issue.record("missing padding accepted")
        } catch {
            #expect(error.reason.contains("multiple of 4"))
        }
        do {
            _ = try Base64.decode("ab-_")
            Issue.record("URL-safe alphabet accepted")
        } catch {
            #expect(error.reason.contains("URL-safe"))
        }
        #expect(throws: Base64Error.self) { try Base64.decode("QR==") }
        #expect(throws: Base64Error.self) { try Base64.decode("QUI=QUJD") }
        #expect(throws: Base64Error.self) { try Base64.decode("A===") }
        #expect((try? Base64.decode("QQ==")) == Data("A".utf8))
        #expect((try? Base64.decode("QUI=")) == Data("AB".utf8))
        #expect((try? Base64.decode("")) == Data())
        do {
            _ = try Base64.decode("QQ==QUJD")
            Issue.record("data after padding accepted")
        } catch {
            #expect(error.offset == 2)
        }
    }
}
