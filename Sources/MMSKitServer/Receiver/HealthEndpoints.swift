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

    /// The two routes.
    func routes<Context: RequestContext>(context: Context.Type) -> RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("/healthz") { _, _ in PlainText.line("ok", status: .ok) }
        routes.get("/readyz") { _, _ in await readiness() }
        return routes
    }

    /// 200 when one page of the store can be read in time, else 503 saying why. A store that hangs does not hang
    /// the probe: the answer goes at the timeout, and the read is cancelled and left to finish (or fail) on its
    /// own; a read that answers in time cancels the timer.
    func readiness() async -> Response {
        let store = self.store
        let timeout = readinessTimeout
        let failure: String? = await withCheckedContinuation { continuation in
            let race = ReadinessRace(continuation)
            let read = Task {
                do {
                    _ = try await store.page(PushQuery(limit: 1), after: nil, limit: 1)
                    race.answer(nil)
                } catch {
                    race.answer("\(error)")
                }
            }
            let timer = Task {
                do {
                    try await Task.sleep(for: timeout)
                } catch {
                    return  // the read answered first
                }
                race.answer("the store did not answer within \(timeout)")
            }
            race.own(read, timer)
        }
        guard let failure else { return PlainText.line("ready", status: .ok) }
        return PlainText.line("not ready: \(failure)", status: .serviceUnavailable)
    }
}

/// The read and the timer of one `/readyz` probe: the first to answer resumes the probe, and both tasks are then
/// cancelled (the timer stops sleeping, a hung read is asked to stop).
private final class ReadinessRace: Sendable {
    private struct State {
        var continuation: CheckedContinuation<String?, Never>?
        var tasks: [Task<Void, Never>] = []
    }
    private let state: Mutex<State>

    init(_ continuation: CheckedContinuation<String?, Never>) {
        state = Mutex(State(continuation: continuation))
    }

    /// Answers the probe with `failure` (nil: ready) unless it is answered already.
    func answer(_ failure: String?) {
        let (continuation, tasks) = state.withLock { state in
            defer { state.continuation = nil }
            return (state.continuation, state.tasks)
        }
        guard let continuation else { return }
        continuation.resume(returning: failure)
        for task in tasks { task.cancel() }
    }

    /// Keeps the tasks to cancel once answered, or cancels them now when the race is over already.
    func own(_ tasks: Task<Void, Never>...) {
        let over = state.withLock { state in
            state.tasks = tasks
            return state.continuation == nil
        }
        if over { for task in tasks { task.cancel() } }
    }
}
