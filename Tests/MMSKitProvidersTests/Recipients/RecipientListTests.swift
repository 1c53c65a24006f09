import Crypto
import Foundation
import MMSKit
import MMSKitProviders
import MMSKitTestSupport
import Testing

/// Writing fixture files into a test's directory.
extension TemporaryDirectory {
    fileprivate func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    fileprivate func write(_ name: String, bytes: [UInt8]) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

private func readAll(
    _ path: String, _ options: RecipientListOptions = RecipientListOptions()
) throws
    -> (numbers: [String], summary: RecipientListSummary)
{
    let reader = try RecipientReader(path: path, options: options)
    var numbers: [String] = []
    while let number = try reader.next() { numbers.append(number.digits) }
    #expect(reader.isFinished)
    return (numbers, reader.summary)
}

/// `count` distinct valid numbers, deterministic.
private func numbers(_ count: Int, from first: UInt64 = 13_800_000_000) -> [String] {
    (0..<count).map { String(first + UInt64($0) * 7) }
}

@Suite struct RecipientListTests {
    @Test func plainListNormalisesAndSkipsBlanksAndComments() throws {
        let directory = try TemporaryDirectory()
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let text =
            "13800138000\r\n"  // 1 (after the BOM)
            + "\r\n"  // 2 blank
            + "# customers\r\n"  // 3 comment
            + "+86 139 0013 9000\r\n"  // 4
            + "   \t\n"  // 5 blank
            + "008615000150000\n"  // 6
            + "  137-0013-7000  \n"  // 7
            + "  # indented comment\n"  // 8
            + "8618600186000\n"  // 9
        let path = try directory.write("plain.txt", bytes: bom + Array(text.utf8))
        let (numbers, summary) = try readAll(path)
        #expect(numbers == ["13800138000", "13900139000", "15000150000", "13700137000", "18600186000"])
        #expect(summary == RecipientListSummary(totalLines: 9, valid: 5, duplicates: 0, skipped: 4))
    }

    @Test func invalidLinesAreReportedWithTheirLineNumbers() throws {
        let directory = try TemporaryDirectory()
        var bytes = Array("13800138000\n1380013800\n\nhello\n".utf8)  // lines 1–4
        bytes += [0x31, 0x33, 0xFF, 0xFE, 0x0A]  // 5: invalid UTF-8
        bytes += Array("+1 415 555 0100\n12345678901\n".utf8)  // 6, 7
        bytes += Array(("1" + String(repeating: "x", count: 60) + "\n").utf8)  // 8: long
        bytes += Array("13800138000,张三\n13900139000\n".utf8)  // 9, 10
        let path = try directory.write("invalid.txt", bytes: bytes)
        let (numbers, summary) = try readAll(path)
        #expect(numbers == ["13800138000", "13900139000"])
        #expect(summary.totalLines == 10)
        #expect(summary.valid == 2)
        #expect(summary.skipped == 1)
        #expect(summary.invalidCount == 7)
        #expect(summary.invalid.map(\.line) == [2, 4, 5, 6, 7, 8, 9])
        #expect(summary.invalid[0].text == "1380013800")
        #expect(summary.invalid[0].reason == PhoneNumber.Problem.wrongLength(digits: 10).description)
        #expect(summary.invalid[1].reason.contains("'h' is not allowed"))
        #expect(summary.invalid[2].reason.contains("not valid UTF-8"))
        #expect(summary.invalid[2].text == "13\u{FFFD}\u{FFFD}")
        #expect(summary.invalid[3].reason.contains("+1415"))
        #expect(summary.invalid[4].reason.contains("not a mainland mobile number"))
        #expect(summary.invalid[5].text.count == 40)
        #expect(summary.invalid[5].text.hasSuffix("…"))
        #expect(summary.invalid[6].reason.contains("CSV"))
        #expect(summary.invalid[0].description == "line 2: \"1380013800\": \(summary.invalid[0].reason)")
    }

    @Test func invalidExamplesAreCappedButAllCounted() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("many-invalid.txt", String(repeating: "nope\n", count: 30) + "13800138000\n")
        let options = RecipientListOptions(invalidExampleLimit: 10)
        let (numbers, summary) = try readAll(path, options)
        #expect(numbers == ["13800138000"])
        #expect(summary.invalidCount == 30)
        #expect(summary.invalid.count == 10)
        #expect(summary.invalid.last?.line == 10)
        #expect(summary.invalidExamplesTruncated)
    }

    @Test func duplicatesAfterNormalisationAreSkippedAndCounted() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "duplicates.txt",
            "13800138000\n+86 138 0013 8000\n13900139000\n0086-138-0013-8000\n13900139000\n15000150000\n")
        let (numbers, summary) = try readAll(path)
        #expect(numbers == ["13800138000", "13900139000", "15000150000"])
        #expect(summary.valid == 3)
        #expect(summary.duplicates == 3)
        #expect(summary.invalidCount == 0)
    }

    @Test func csvByColumnName() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "list.csv",
            "\u{FEFF}name,手机号,note\r\n"
                + "\"Zhang, San\",13800138000,vip\r\n"
                + "\"He said \"\"hi\"\"\",\"139 0013 9000\",\r\n"
                + "\r\n"
                + "Li,  \"+86 150-0015-0000\"  ,\"a, b\"\r\n"
                + "Wang,,none\r\n"
                + "Zhao,13800138000\r\n"
                + "Qian\r\n")
        let reader = try RecipientReader(path: path, options: RecipientListOptions(format: .csv(column: .name("手机号"))))
        #expect(reader.header == ["name", "手机号", "note"])
        var numbers: [String] = []
        while let number = try reader.next() { numbers.append(number.digits) }
        #expect(numbers == ["13800138000", "13900139000", "15000150000"])
        let summary = reader.summary
        #expect(summary.totalLines == 8)
        #expect(summary.skipped == 2)  // the header and the blank line
        #expect(summary.duplicates == 1)
        #expect(summary.invalid.map(\.line) == [6, 8])
        #expect(summary.invalid[0].reason == PhoneNumber.Problem.empty.description)
        #expect(summary.invalid[1].reason.contains("1 field"))
    }

    @Test func csvColumnNameMatchesIgnoringCaseAndSpaces() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("case.csv", "Name , Phone \nA,13800138000\n")
        let (numbers, _) = try readAll(path, RecipientListOptions(format: .csv(column: .name("phone"))))
        #expect(numbers == ["13800138000"])
    }

    @Test func csvByColumnIndex() throws {
        let directory = try TemporaryDirectory()
        let noHeader = try directory.write("index.csv", "a,13800138000\nb,\"139,0013,9000\"\nc,13900139000,x\n")
        let (numbers, summary) = try readAll(noHeader, RecipientListOptions(format: .csv(column: .index(2))))
        #expect(numbers == ["13800138000", "13900139000"])
        #expect(summary.invalid.map(\.line) == [2])
        #expect(summary.invalid[0].reason.contains("','"))

        let withHeader = try directory.write("index-header.csv", "who,phone\na,13800138000\n")
        let options = RecipientListOptions(format: .csv(column: .index(2), hasHeader: true))
        let (headed, headedSummary) = try readAll(withHeader, options)
        #expect(headed == ["13800138000"])
        #expect(headedSummary.skipped == 1)
        #expect(headedSummary.invalidCount == 0)

        // Without hasHeader the header row is data, and invalid.
        let (unheaded, unheadedSummary) = try readAll(withHeader, RecipientListOptions(format: .csv(column: .index(2))))
        #expect(unheaded == ["13800138000"])
        #expect(unheadedSummary.invalid.map(\.line) == [1])
    }

    @Test func csvQuoteLeftOpenIsAnInvalidLine() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "multiline.csv", "name,phone\n\"Zhang\nSan\",13800138000\nLi,13900139000\n\"x\"y,15000150000\n")
        let (numbers, summary) = try readAll(path, RecipientListOptions(format: .csv(column: .name("phone"))))
        #expect(numbers == ["13800138000", "13900139000"])
        #expect(summary.invalid.map(\.line) == [2, 5])
        #expect(summary.invalid[0].reason.contains("spanning lines is not supported"))
        #expect(summary.invalid[1].reason.contains("after its closing quote"))
        // Line 3 ("San",13800138000) is read on its own: its quoted first field closes.
    }

    @Test func missingColumnNameListsTheHeader() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("columns.csv", "name,mobile,\"city, district\"\nA,13800138000,x\n")
        let error = #expect(throws: RecipientListError.self) {
            _ = try RecipientReader(path: path, options: RecipientListOptions(format: .csv(column: .name("phone"))))
        }
        #expect(
            error == .missingColumn(path: path, column: .name("phone"), header: ["name", "mobile", "city, district"]))
        let message = error?.description ?? ""
        #expect(message.contains(path))
        #expect(message.contains("\"phone\""))
        #expect(message.contains("1: \"name\", 2: \"mobile\", 3: \"city, district\""))

        let beyond = #expect(throws: RecipientListError.self) {
            _ = try RecipientReader(
                path: path, options: RecipientListOptions(format: .csv(column: .index(4), hasHeader: true)))
        }
        #expect(beyond?.description.contains("no column 4") == true)

        let empty = try directory.write("empty.csv", "\n\n")
        let none = #expect(throws: RecipientListError.self) {
            _ = try RecipientReader(path: empty, options: RecipientListOptions(format: .csv(column: .name("phone"))))
        }
        #expect(none == .missingColumn(path: empty, column: .name("phone"), header: []))
        #expect(none?.description.contains("is empty") == true)

        #expect(throws: RecipientListError.invalidColumnIndex(path: path, index: 0)) {
            _ = try RecipientReader(path: path, options: RecipientListOptions(format: .csv(column: .index(0))))
        }
    }

    @Test func strictModeThrowsAtTheFirstInvalidLine() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("strict.txt", "13800138000\n13800138000\n\n# x\n139001390\nbad\n")
        let reader = try RecipientReader(path: path, options: RecipientListOptions(strict: true))
        #expect(try reader.next()?.digits == "13800138000")
        let error = #expect(throws: RecipientListError.self) { _ = try reader.next() }
        #expect(
            error
                == .invalidLine(
                    path: path, line: 5, text: "139001390",
                    reason: PhoneNumber.Problem.wrongLength(digits: 9).description))
        let message = error?.description ?? ""
        #expect(message.hasPrefix("\(path):5: \"139001390\""))
        #expect(message.contains("fix or delete line 5"))
        #expect(reader.summary.duplicates == 1)
    }

    @Test func chunksAreTheSameOnEveryRead() throws {
        let directory = try TemporaryDirectory()
        let expected = numbers(25)
        let path = try directory.write("chunks.txt", expected.joined(separator: "\n") + "\n")
        var reads: [[[String]]] = []
        for _ in 0..<2 {
            let reader = try RecipientReader(path: path)
            var chunks: [[String]] = []
            while true {
                let chunk = try reader.nextChunk(maxCount: 10)
                if chunk.isEmpty { break }
                chunks.append(chunk.map(\.digits))
            }
            #expect(try reader.nextChunk(maxCount: 10).isEmpty)
            #expect(reader.summary.valid == 25)
            reads.append(chunks)
        }
        #expect(reads[0].map(\.count) == [10, 10, 5])
        #expect(reads[0].flatMap { $0 } == expected)
        #expect(reads[1] == reads[0])
    }

    @Test func lastLineWithoutNewline() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("no-newline.txt", "13800138000\r\n13900139000")
        let (numbers, summary) = try readAll(path)
        #expect(numbers == ["13800138000", "13900139000"])
        #expect(summary.totalLines == 2)

        let csv = try directory.write("no-newline.csv", "phone\r\n\"13800138000\"")
        #expect(try readAll(csv, RecipientListOptions(format: .csv(column: .name("phone")))).numbers == ["13800138000"])

        let empty = try directory.write("empty.txt", "")
        #expect(try readAll(empty).summary == RecipientListSummary())
    }

    @Test func readBufferBoundaryInsideALine() throws {
        let directory = try TemporaryDirectory()
        let boundary = 64 * 1024
        let line = "+86 138-0013-8000\r\n"
        // Put the boundary at every offset of `line`, including between its CR and LF.
        for offset in 0...line.utf8.count {
            // Filler lines of numbers, then one long comment that ends just where `line` must start.
            var text = numbers(1_000, from: 15_000_000_000).joined(separator: "\n") + "\n"
            let commentLength = boundary - offset - text.utf8.count - 1
            text += "#" + String(repeating: "c", count: commentLength - 1) + "\n"
            text += line
            text += numbers(3_000, from: 19_000_000_000).joined(separator: "\r\n") + "\r\n13800138000"
            #expect(text.utf8.count > boundary + 3_000 * 12)
            let path = try directory.write("boundary-\(offset).txt", text)
            let (read, summary) = try readAll(path)
            #expect(read.count == 4_001, "offset \(offset)")
            #expect(read[1_000] == "13800138000", "offset \(offset)")
            #expect(summary.totalLines == 1_000 + 1 + 1 + 3_000 + 1, "offset \(offset)")
            #expect(summary.duplicates == 1, "offset \(offset)")
            #expect(summary.invalidCount == 0, "offset \(offset)")
            #expect(summary.skipped == 1, "offset \(offset)")
        }
    }

    @Test func lineLongerThanTheBufferIsInvalid() throws {
        let directory = try TemporaryDirectory()
        let long = "1" + String(repeating: "3", count: 200_000)
        let path = try directory.write("long.txt", "13800138000\n\(long)\n13900139000\n\(long)")
        let (numbers, summary) = try readAll(path)
        #expect(numbers == ["13800138000", "13900139000"])
        #expect(summary.invalid.map(\.line) == [2, 4])
        #expect(summary.invalid[0].reason.contains("200001 bytes long"))
        #expect(summary.invalid[0].text.hasPrefix("1333"))
        #expect(summary.totalLines == 4)
    }

    @Test func fingerprintIsTheSHA256OfTheBytes() throws {
        let directory = try TemporaryDirectory()
        let small = try directory.write("small.txt", "13800138000\n")
        let large = try directory.write("large.txt", numbers(20_000).joined(separator: "\n"))
        for path in [small, large] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            let expected = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            #expect(try RecipientList.fingerprint(path: path) == expected)
            #expect(try RecipientList.fingerprint(path: path) == RecipientList.fingerprint(path: path))
        }
        // As `sha256sum` prints it.
        #expect(
            try RecipientList.fingerprint(path: small)
                == "8ec9b84c274e562d93d22b38b37b9fa86af23bb4efe3187123eaf23a8a93e791")
        let changed = try directory.write("changed.txt", "13800138001\n")
        #expect(try RecipientList.fingerprint(path: small) != RecipientList.fingerprint(path: changed))
    }

    @Test func unreadableFiles() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.url.appendingPathComponent("missing.txt").path
        let error = #expect(throws: RecipientListError.self) { _ = try RecipientReader(path: missing) }
        #expect(error == .unreadable(path: missing, reason: "No such file or directory"))
        #expect(error?.description.contains(missing) == true)
        #expect(throws: RecipientListError.unreadable(path: missing, reason: "No such file or directory")) {
            _ = try RecipientList.fingerprint(path: missing)
        }
        let folder = directory.url.path
        #expect(throws: RecipientListError.unreadable(path: folder, reason: "it is a directory, not a file")) {
            _ = try RecipientReader(path: folder)
        }
    }

    @Test func aMillionNumbers() throws {
        let directory = try TemporaryDirectory()
        let count = 1_000_000
        // 13000000000 + i * 6007 (distinct), every line 12 bytes, written in one go.
        var bytes = [UInt8](repeating: 0x0A, count: count * 12 + 12)
        bytes.withUnsafeMutableBufferPointer { buffer in
            for index in 0..<count {
                var value = 13_000_000_000 + UInt64(index) * 6_007
                var position = index * 12 + 10
                while position >= index * 12 {
                    buffer[position] = 0x30 + UInt8(value % 10)
                    value /= 10
                    position -= 1
                }
            }
            // A repeat of the first number at the end.
            for position in 0..<12 { buffer[count * 12 + position] = buffer[position] }
        }
        let path = try directory.write("million.txt", bytes: bytes)
        let reader = try RecipientReader(path: path)
        var chunks = 0
        var total = 0
        var last: PhoneNumber?
        while true {
            let chunk = try reader.nextChunk(maxCount: 10_000)
            if chunk.isEmpty { break }
            chunks += 1
            total += chunk.count
            if chunks == 1 { #expect(chunk.first?.digits == "13000000000") }
            last = chunk.last
        }
        #expect(chunks == 100)
        #expect(total == count)
        #expect(last?.numeric == 13_000_000_000 + UInt64(count - 1) * 6_007)
        let summary = reader.summary
        #expect(summary.totalLines == count + 1)
        #expect(summary.valid == count)
        #expect(summary.duplicates == 1)
        #expect(summary.invalidCount == 0)
        #expect(summary.invalid.first == nil)
    }
}
