import Foundation

/// The one ledger every request changes, one change at a time, saved (with `--state`) before the request that
/// made it is answered; not the value it holds (``Ledger``) nor the file (``LedgerFile``).
actor SharedLedger {
    private(set) var current: Ledger
    private let file: LedgerFile?

    init(file: LedgerFile?) throws {
        self.file = file
        current = try file?.load() ?? Ledger()
    }

    /// Runs `change` on a copy of the ledger and saves it; a change that throws leaves the ledger as it was.
    func change<Result: Sendable>(_ change: (inout Ledger) throws -> Result) throws -> Result {
        var copy = current
        let result = try change(&copy)
        try file?.save(copy)
        current = copy
        return result
    }

    func close() throws { try file?.close() }
}
