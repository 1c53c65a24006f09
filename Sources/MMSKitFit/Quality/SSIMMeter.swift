import Foundation

/// Measures SSIM (luma, FFmpeg's `ssim` filter on 4:2:0, as x264 measures its own) between encodes and a
/// reference, all scaled to one size. Many encodes are measured in one FFmpeg run: the reference is decoded once
/// and split, which costs a fraction of one run per encode.
struct SSIMMeter: Sendable {
    var toolbox: MediaToolbox
    var scratch: String

    /// Most encodes measured in one run.
    static let batchSize = 16

    /// SSIM of each of `candidates` against `reference`, all scaled (bicubic) to `width`×`height`; for
    /// animations and clips the mean over frames, matched by time. In the order given.
    func ssim(
        _ candidates: [String], against reference: String, width: Int, height: Int, file: String
    )
        async throws(FitError) -> [Double]
    {
        var values: [Double] = []
        var start = 0
        while start < candidates.count {
            let batch = Array(candidates[start..<min(start + Self.batchSize, candidates.count)])
            let scale = "scale=\(width):\(height):flags=bicubic,format=yuv420p"
            var graph = "[0:v]\(scale),split=\(batch.count)" + batch.indices.map { "[r\($0)]" }.joined()
            var inputs = ["-i", reference]
            for (index, candidate) in batch.enumerated() {
                inputs += ["-i", candidate]
                graph += ";[\(index + 1):v]\(scale)[c\(index)];[c\(index)][r\(index)]ssim@m\(index)"
            }
            let output = try await toolbox.run(
                .ffmpeg, ["-hide_banner", "-nostdin"] + inputs + ["-filter_complex", graph, "-f", "null", "-"],
                file: file, scratch: scratch)
            let found = Self.parseNamed(output.standardError)
            for index in batch.indices {
                guard let value = found[index] else {
                    throw .converterFailed(
                        tool: .ffmpeg, file: file, status: output.status,
                        message: "it printed no SSIM for \(batch[index]): \(output.errorSummary)")
                }
                values.append(value)
            }
            start += batch.count
        }
        return values
    }

    /// SSIM of one encode.
    func ssim(
        _ candidate: String, against reference: String, width: Int, height: Int, file: String
    )
        async throws(FitError) -> Double
    {
        try await ssim([candidate], against: reference, width: width, height: height, file: file)[0]
    }

    /// The `Y:` figures of the summary lines of filters named `ssim@m0`, `ssim@m1`, … by their number.
    static func parseNamed(_ log: String) -> [Int: Double] {
        var values: [Int: Double] = [:]
        for line in log.split(separator: "\n") {
            guard let match = line.firstMatch(of: /\[ssim@m(\d+) @ [^\]]*\] SSIM Y:([0-9.]+)/),
                let index = Int(match.1), let value = Double(match.2), value.isFinite
            else { continue }
            values[index] = value
        }
        return values
    }

    /// The `Y:` figure of x264's summary line (`SSIM Mean Y:0.9812345 (17.2db)`).
    static func parse(_ log: String) -> Double? {
        for line in log.split(separator: "\n").reversed() where line.contains("SSIM") {
            guard let range = line.range(of: "Y:") else { continue }
            let digits = line[range.upperBound...].prefix { $0.isNumber || $0 == "." }
            if let value = Double(digits), value.isFinite { return value }
        }
        return nil
    }
}
