import Hummingbird
import MMSKit
import MMSKitStore
import Synchronization

/// `GET /healthz` (the process is up and serving) and `GET /readyz` (the store answers a read within
/// `readinessTimeout`): for a load balancer's or an orchestrator's probes. Both are outside the token — they say
/// nothing about any record — and neither touches the provider routes.
struct HealthEndpoints: Sendable {
    let store: any PushStore
    /// How long `/readyz` waits for the store before answering 503 (`ReceiverConfiguration.readinessTimeout`).
    let readinessTimeout: Duration

    /// Adds the two routes to `router`.
    func add(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in PlainText.line("ok", status: .ok) }
        router.get("/readyz") { _, _ in await readiness() }
    }

    /// 200 when one page of the store can be read in time, else 503 saying why. A store that hangs does not hang
    /// the probe: the answer goes at the timeout, and the read is left to finish (or fail) on its own.
    func readiness() async -> Response {
        let store = self.store
        let timeout = readinessTimeout
        let answered = Mutex(false)
        let failure: String? = await withCheckedContinuation { continuation in
            let answer = { @Sendable (failure: String?) in
                guard
                    answered.withLock({ done in
                        defer { done = true }
                        return !done
                    })
                else { return }
                continuation.resume(returning: failure)
            }
            let read = Task {
                do {
                    _ = try await store.page(PushQuery(limit: 1), after: nil, limit: 1)
                    answer(nil)
                } catch {
                    answer("\(error)")
                }
            }
            Task {
                try? await Task.sleep(for: timeout)
                answer("the store did not answer within \(timeout)")
                read.cancel()
            }
        }
        guard let failure else { return PlainText.line("ready", status: .ok) }
        return PlainText.line("not ready: \(failure)", status: .serviceUnavailable)
    }
}
