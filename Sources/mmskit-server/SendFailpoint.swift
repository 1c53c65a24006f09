import Foundation
import MMSKitProviders

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `MMSKIT_FAILPOINT=STEP:CHUNK` (e.g. `pending:2`, `answered:3`, `acknowledged:1`; chunks counted from 1) makes
/// `mmskit send` kill itself with SIGKILL at that step of that chunk, as a crash or a power cut would: the crash
/// tests use it to stop the built binary at every step between "recorded as about to send" and "recorded as
/// answered". Never set in production.
enum SendFailpoint {
    static let variable = "MMSKIT_FAILPOINT"

    /// The checkpoint handler the environment asks for (nothing when the variable is unset).
    static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> @Sendable (CampaignCheckpoint) -> Void {
        guard let value = environment[variable], !value.isEmpty else { return { _ in } }
        return { checkpoint in
            guard checkpoint.description == value else { return }
            kill(getpid(), SIGKILL)
        }
    }
}
