import Foundation

/// An OAuth2 access token and its lifetime; the token itself is a `Secret`, so it never shows in output or logs.
public struct OAuth2Token: Sendable, Hashable, Codable {
    /// The bearer token the provider issued.
    public var accessToken: Secret
    /// When the token endpoint issued it.
    public var issuedAt: Date
    /// When the provider stops accepting it.
    public var expiresAt: Date

    /// A token valid from `issuedAt` until `expiresAt`.
    public init(accessToken: Secret, issuedAt: Date, expiresAt: Date) {
        self.accessToken = accessToken
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }

    /// The `Authorization` header value that carries it.
    public var authorization: String { "Bearer \(accessToken.exposedValue)" }

    /// Whether the token is still good at `now` with at least `margin` to spare (at most half its lifetime, so
    /// a short-lived token is still used for a while).
    public func isFresh(at now: Date, margin: Duration) -> Bool {
        let lifetime = expiresAt.timeIntervalSince(issuedAt)
        let spare = min(Double(margin.components.seconds) + Double(margin.components.attoseconds) * 1e-18, lifetime / 2)
        return now < expiresAt.addingTimeInterval(-spare)
    }

    private enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", issuedAt = "issued_at", expiresAt = "expires_at"
    }

    /// Reads a token as `FileOAuth2TokenStore` keeps it (`access_token`, `issued_at`, `expires_at`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = Secret(try container.decode(String.self, forKey: .accessToken))
        issuedAt = try container.decode(Date.self, forKey: .issuedAt)
        expiresAt = try container.decode(Date.self, forKey: .expiresAt)
    }

    /// Writes the token itself in the clear, for the token file (mode 0600): never encode one into output.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(accessToken.exposedValue, forKey: .accessToken)
        try container.encode(issuedAt, forKey: .issuedAt)
        try container.encode(expiresAt, forKey: .expiresAt)
    }
}
