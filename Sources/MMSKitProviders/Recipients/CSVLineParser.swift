/// Splits one CSV record (one line, ending removed) into fields, RFC 4180 style: commas separate fields; a field
/// that starts with `"` (after optional spaces) is quoted, may hold commas, and writes a quote as `""`. A quoted
/// field must close on its line: fields spanning lines are not supported.
/// Works on the bytes of a line already known to be valid UTF-8 (`,` and `"` never occur inside a multi-byte
/// sequence, so every field is valid UTF-8 too).
enum CSVLineParser {
    /// A line that is not a well-formed CSV record.
    struct Malformed: Error {
        var reason: String
    }

    /// What `field(_:of:into:)` found.
    enum FieldLookup {
        /// The field's bytes are in the scratch array.
        case found
        /// The record has only this many fields.
        case tooFewFields(Int)
    }

    /// All fields of `line`, as strings.
    static func fields(of line: UnsafeRawBufferPointer) throws(Malformed) -> [String] {
        var fields: [String] = []
        var scratch: [UInt8] = []
        try scan(line, wanted: nil, into: &scratch) { bytes in fields.append(String(decoding: bytes, as: UTF8.self)) }
        return fields
    }

    /// Copies field `index` (0-based) of `line` into `scratch`, unquoted. The whole line is parsed, so a quote
    /// left open in a later field is still reported as malformed.
    static func field(
        _ index: Int, of line: UnsafeRawBufferPointer, into scratch: inout [UInt8]
    ) throws(Malformed)
        -> FieldLookup
    {
        let count = try scan(line, wanted: index, into: &scratch, collect: nil)
        return index < count ? .found : .tooFewFields(count)
    }

    /// Parses `line` and returns its number of fields. With `wanted`, only that field's bytes are gathered, into
    /// `scratch`; with `collect`, every field's bytes are handed to it in turn.
    @discardableResult
    private static func scan(
        _ line: UnsafeRawBufferPointer, wanted: Int?, into scratch: inout [UInt8],
        collect: (([UInt8]) -> Void)? = nil
    ) throws(Malformed) -> Int {
        let quote: UInt8 = 0x22
        let comma: UInt8 = 0x2C
        let count = line.count
        var position = 0
        var fieldIndex = 0
        while true {
            let gather = collect != nil || wanted == fieldIndex
            if gather { scratch.removeAll(keepingCapacity: true) }
            // A quoted field may have spaces before its opening quote.
            var probe = position
            while probe < count && (line[probe] == 0x20 || line[probe] == 0x09) { probe += 1 }
            if probe < count && line[probe] == quote {
                position = probe + 1
                var closed = false
                while position < count {
                    let byte = line[position]
                    position += 1
                    if byte == quote {
                        if position < count && line[position] == quote {
                            if gather { scratch.append(quote) }
                            position += 1
                        } else {
                            closed = true
                            break
                        }
                    } else if gather {
                        scratch.append(byte)
                    }
                }
                guard closed else {
                    throw Malformed(
                        reason: "field \(fieldIndex + 1) opens a quote that is not closed on this line "
                            + "(a quoted field spanning lines is not supported)")
                }
                while position < count && (line[position] == 0x20 || line[position] == 0x09) { position += 1 }
                if position < count && line[position] != comma {
                    throw Malformed(reason: "field \(fieldIndex + 1) has text after its closing quote")
                }
            } else {
                while position < count && line[position] != comma {
                    if gather { scratch.append(line[position]) }
                    position += 1
                }
            }
            if let collect { collect(scratch) }
            fieldIndex += 1
            guard position < count else { return fieldIndex }
            position += 1  // the comma
        }
    }
}
