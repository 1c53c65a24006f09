import Hummingbird
import MMSKit
import MMSKitStore

/// `GET /healthz` (the process is up and serving) and `GET /readyz` (the store answers a read within
/// `readinessTimeout`): for a load balancer's or an orchestrator's probes. Both are outside the token — they say
/// nothing about any record — and neither touches the provider routes.
struct HealthEndpoints: Sendable {
    let store: any PushStore
    /// How long `/readyz` waits for the store before answering 503.
    var readinessTimeout: Duration = .seconds(2)

    /// Adds the two routes to `router`.
    func add(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in PlainText.line("ok", status: .ok) }
        router.get("/readyz") { _, _ in await readiness() }
    }

    /// 200 when one page of the store can be read in time, else 503 saying why.
    func readiness() async -> Response {
        let store = self.store
        let timeout = readinessTimeout
        let failure: String? = await withTaskGroup(of: String?.self) { group in
            group.addTask {
                do {
                    _ = try await store.page(PushQuery(limit: 1), after: nil, limit: 1)
                    return nil
                } catch {
                    return "\(error)"
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return "the store did not answer within \(timeout)"
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let failure else { return PlainText.line("ready", status: .ok) }
        return PlainText.line("not ready: \(failure)", status: .serviceUnavailable)
    }
}
