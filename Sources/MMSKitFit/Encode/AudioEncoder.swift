import MMSKit

/// Audio to MP3 (LAME, constant bitrate) on a ladder of bitrates. Audio has no SSIM; each rung has a fixed score
/// on the same 0–1 scale so the allocator can weigh it against pictures (<doc:Fitting> gives the table).
struct AudioEncoder: Sendable {
    var context: EncodingContext

    /// A rung: bitrate, channels (at most), sample rate, score.
    struct Rung: Sendable {
        var bitRate: Int
        var channels: Int
        var sampleRate: Int
        var score: Double
    }

    /// The ladder, best first. Sample rates are the ones LAME accepts at each bitrate.
    static let ladder = [
        Rung(bitRate: 128_000, channels: 2, sampleRate: 44_100, score: 0.99),
        Rung(bitRate: 96_000, channels: 2, sampleRate: 44_100, score: 0.98),
        Rung(bitRate: 64_000, channels: 1, sampleRate: 44_100, score: 0.96),
        Rung(bitRate: 48_000, channels: 1, sampleRate: 32_000, score: 0.94),
        Rung(bitRate: 32_000, channels: 1, sampleRate: 22_050, score: 0.91),
        Rung(bitRate: 24_000, channels: 1, sampleRate: 22_050, score: 0.87),
        Rung(bitRate: 16_000, channels: 1, sampleRate: 16_000, score: 0.82),
    ]

    /// The sample rates LAME writes, and the highest bitrate each MPEG version allows (MPEG-1 at 32–48 kHz,
    /// MPEG-2 at 16–24 kHz, MPEG-2.5 at 8–12 kHz).
    static let sampleRates = [8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000]
    static func maximumBitRate(atSampleRate rate: Int) -> Int {
        rate >= 32_000 ? 320_000 : rate >= 16_000 ? 160_000 : 64_000
    }

    func candidates(from path: String, source: SourceMedia) async throws(FitError) -> [Candidate] {
        let channels = max(1, min(source.audioChannels ?? 2, 2))
        let sourceRate = source.audioSampleRate ?? 44_100
        let floor = context.settings.minimumAudioBitRate
        // Never above the source's own bitrate when it is already compressed, and never above 3 bits per sample
        // and channel: a 16 kHz mono voice gains nothing from 96 kbit/s.
        let ceiling = min(
            source.codec == "mp3" ? (source.bitRate ?? .max) - 1 : .max, 3 * sourceRate * channels)
        var rungs: [Rung] = []
        for rung in Self.ladder where rung.bitRate >= floor && rung.bitRate <= ceiling {
            let rate = Self.sampleRates.last { $0 <= min(rung.sampleRate, sourceRate) } ?? 8_000
            guard rung.bitRate <= Self.maximumBitRate(atSampleRate: rate) else { continue }
            // The best rung the source can use scores as the ladder's best: it is as good as the source.
            rungs.append(
                Rung(
                    bitRate: rung.bitRate, channels: rung.channels, sampleRate: rate,
                    score: Self.ladder[rungs.count].score))
        }
        if rungs.isEmpty, let last = Self.ladder.last(where: { $0.bitRate >= floor }) {
            rungs = [Rung(bitRate: last.bitRate, channels: 1, sampleRate: 16_000, score: last.score)]
        }
        // MP3 at a constant bitrate has a size known in advance: the rungs are planned, and only the chosen one
        // is encoded (``encode(_:from:to:)``).
        let duration = max(source.durationSeconds ?? 1, 0.01)
        return rungs.map { rung in
            let outChannels = min(channels, rung.channels)
            return Candidate(
                file: nil, format: .mp3, bytes: Self.predictedBytes(rung, seconds: duration), quality: rung.score,
                setting: "MP3 \(rung.bitRate / 1000) kbit/s \(outChannels == 1 ? "mono" : "stereo")",
                bitRate: rung.bitRate,
                audio: Rung(
                    bitRate: rung.bitRate, channels: outChannels, sampleRate: rung.sampleRate, score: rung.score))
        }
    }

    /// The most bytes a constant-bitrate MP3 of `seconds` takes: its frames (1,152 samples at 32 kHz and above,
    /// 576 below), each padded, plus LAME's delay and padding and the Info header, three frames in all.
    static func predictedBytes(_ rung: Rung, seconds: Double) -> Int {
        let samplesPerFrame = rung.sampleRate >= 32_000 ? 1152 : 576
        let frameBytes = samplesPerFrame / 8 * rung.bitRate / rung.sampleRate + 1
        let frames = Int((seconds * Double(rung.sampleRate) / Double(samplesPerFrame)).rounded(.up)) + 3
        return frames * frameBytes
    }

    /// Encodes the chosen rung; the candidate with its file and real size.
    func encode(_ planned: Candidate, from path: String, to file: String) async throws(FitError) -> Candidate {
        guard let rung = planned.audio else { return planned }
        _ = try await context.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-v", "error", "-i", path, "-vn", "-sn", "-dn", "-c:a", "libmp3lame",
                "-b:a",
                "\(rung.bitRate)", "-ac", "\(rung.channels)", "-ar", "\(rung.sampleRate)", "-id3v2_version", "0",
            ] + EncodingContext.bitExact + ["-f", "mp3", "-y", file])
        var encoded = planned
        encoded.file = file
        encoded.bytes = try context.size(of: file)
        return encoded
    }
}
