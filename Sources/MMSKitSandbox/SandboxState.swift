import Foundation

/// The sandbox's accounts, changed one request at a time: each change is saved (with `--state`) before the
/// request that made it is answered, so an answered send survives a restart.
actor SandboxState {
    private(set) var snapshot: SandboxSnapshot
    private let file: SandboxStateFile?

    init(file: SandboxStateFile?) throws {
        self.file = file
        snapshot = try file?.load() ?? SandboxSnapshot()
    }

    /// Runs `change` on the snapshot and saves it; a change that throws leaves the snapshot as it was.
    func change<Result: Sendable>(_ change: (inout SandboxSnapshot) throws -> Result) throws -> Result {
        var copy = snapshot
        let result = try change(&copy)
        try file?.save(copy)
        snapshot = copy
        return result
    }

    func close() throws { try file?.close() }
}
