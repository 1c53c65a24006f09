extension AtomicFile {
    /// `write(to:protecting:_:)` for a producer that awaits (records streamed from a database): the file appears
    /// at `path` only when `produce` returns, and on any error the temporary file is removed and `path` untouched.
    public static func writeStreaming(
        to path: String, protecting inputs: InputFiles = InputFiles(), _ produce: (Int32) async throws -> Void
    ) async throws {
        let output = try PendingOutput(replacing: path, protecting: inputs)
        do {
            try await produce(output.descriptor)
        } catch {
            output.abandon()
            throw error
        }
        try output.commit()
    }
}
