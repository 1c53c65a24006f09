import ArgumentParser

/// A size given on the command line: `1945600`, `1900K`, `1900KB`, `1.9MiB`. K, KB and KiB all mean 1,024 bytes
/// and M, MB and MiB 1,048,576, as the profiles count (`1900 KB` is 1,945,600 bytes).
public struct ByteSize: ExpressibleByArgument, Sendable, Hashable {
    /// The size in bytes.
    public var bytes: Int

    /// Parses `1945600`, `1900K`, `1.5MiB`; `nil` for anything else or a size below 1 byte.
    public init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).uppercased()
        let number = text.prefix { $0.isNumber || $0 == "." }
        let unit = text.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
        let multipliers: [String: Double] = [
            "": 1, "B": 1, "K": 1024, "KB": 1024, "KIB": 1024, "M": 1_048_576, "MB": 1_048_576, "MIB": 1_048_576,
        ]
        guard let value = Double(number), value.isFinite, let multiplier = multipliers[unit] else { return nil }
        let bytes = (value * multiplier).rounded(.down)
        guard bytes >= 1, bytes <= Double(Int32.max) else { return nil }
        self.bytes = Int(bytes)
    }

    /// No completion: a size is typed.
    public static var defaultCompletionKind: CompletionKind { .default }
}
