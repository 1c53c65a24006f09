import Foundation

/// Measures SSIM (luma, FFmpeg's `ssim` filter) between an encode and a reference, both scaled to one size.
struct SSIMMeter: Sendable {
    var toolbox: MediaToolbox
    var scratch: String

    /// SSIM of `candidate` against `reference`, both scaled (bicubic) to `width`×`height`; for animations and
    /// clips the mean over frames, matched by time.
    func ssim(
        _ candidate: String, against reference: String, width: Int, height: Int, file: String
    )
        async throws(FitError) -> Double
    {
        let graph =
            "[0:v]scale=\(width):\(height):flags=bicubic,format=yuv444p[a];"
            + "[1:v]scale=\(width):\(height):flags=bicubic,format=yuv444p[b];[a][b]ssim"
        let output = try await toolbox.run(
            .ffmpeg,
            ["-hide_banner", "-nostdin", "-i", candidate, "-i", reference, "-lavfi", graph, "-f", "null", "-"],
            file: file, scratch: scratch)
        guard let value = Self.parse(output.standardError) else {
            throw .converterFailed(
                tool: .ffmpeg, file: file, status: output.status, message: "it printed no SSIM: \(output.errorSummary)")
        }
        return value
    }

    /// The `Y:` figure of FFmpeg's summary line (`SSIM Y:0.981 (17.2) U:… All:…`), or x264's `SSIM Mean Y:0.981`.
    static func parse(_ log: String) -> Double? {
        for line in log.split(separator: "\n").reversed() where line.contains("SSIM") {
            guard let range = line.range(of: "Y:") else { continue }
            let digits = line[range.upperBound...].prefix { $0.isNumber || $0 == "." }
            if let value = Double(digits), value.isFinite { return value }
        }
        return nil
    }
}
