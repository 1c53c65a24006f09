import Foundation

/// Where the sandbox pushes (receipts, uplinks, reviews, JSMS callbacks); not the sandbox's own address.
///
/// By default the routes of `mmskit receipts serve` under one base URL.
public struct CallbackURLs: Sendable, Hashable {
    /// Where ihuyi delivery receipts are pushed.
    public var receipts: URL?
    /// Where ihuyi uplink replies are pushed.
    public var uplinks: URL?
    /// Where ihuyi template reviews are pushed.
    public var reviews: URL?
    /// Where JSMS callbacks are pushed.
    public var jpush: URL?

    /// `base`/ihuyi/receipts, /ihuyi/uplinks, /ihuyi/reviews and /jpush/callback (a query on `base`, such as
    /// `?token=…`, is kept on each).
    public init(base: URL? = nil) {
        receipts = base.map { Self.route($0, "ihuyi/receipts") }
        uplinks = base.map { Self.route($0, "ihuyi/uplinks") }
        reviews = base.map { Self.route($0, "ihuyi/reviews") }
        jpush = base.map { Self.route($0, "jpush/callback") }
    }

    static func route(_ base: URL, _ path: String) -> URL {
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else {
            return base.appendingPathComponent(path)
        }
        components.path = (components.path.hasSuffix("/") ? components.path : components.path + "/") + path
        return components.url ?? base.appendingPathComponent(path)
    }
}
