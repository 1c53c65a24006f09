import Foundation
import MMSKit

/// Video to MP4: H.264 Main profile (level 3.1, which every handset plays), AAC sound, `faststart`, the size capped
/// at 1280×720 (or the profile's limits) and the frame rate at 30 fps, the duration kept.
///
/// A clip's size is set by its bitrate, so the allocator gets a curve instead of finished files: the clip is
/// decoded once into a raw reference at its display size (three 2-second excerpts when it is longer than 8 s),
/// encoded from it at a few trial sizes, each trial's SSIM measured against it at the display size, and the sizes
/// in between interpolated. Only the chosen size is then encoded in full, from the source, and measured again.
struct VideoEncoder: Sendable {
    var context: EncodingContext
    var source: SourceMedia
    var path: String

    /// The picture and sound settings for a target size.
    struct Settings: Sendable, Hashable {
        var width: Int
        var height: Int
        var frameRate: Double
        var videoBitRate: Int
        var audioBitRate: Int?
        var audioChannels: Int

        var description: String {
            var text = "H.264 \(videoBitRate / 1000) kbit/s, \(width)×\(height) \(Int(frameRate.rounded())) fps"
            if let audioBitRate { text += ", AAC \(audioBitRate / 1000) kbit/s" }
            return text
        }
    }

    /// Fraction of the bytes that is MP4 overhead (boxes, sample tables).
    static let containerOverhead = 0.03
    /// Lowest H.264 bitrate fitting plans.
    static let minimumVideoBitRate = 40_000
    /// Highest H.264 bitrate (level 3.1 allows 14 Mbit/s for Main profile). No VBV limits are set: with them,
    /// x264's threaded rate control depends on timing and the same input would not give the same bytes; a clip
    /// sent by MMS is downloaded whole before it plays, so a buffer model has nothing to protect.
    static let maximumVideoBitRate = 6_000_000
    /// Bits per pixel per frame beyond which more bytes buy nothing visible.
    static let usefulBitsPerPixel = 0.25

    var duration: Double { max(source.durationSeconds ?? 1, 0.1) }

    /// The display size: the source within the video box and the profile's limits, even.
    var displaySize: (width: Int, height: Int) {
        let width = Double(max(source.width ?? 2, 2))
        let height = Double(max(source.height ?? 2, 2))
        let long = Double(context.videoBox.long)
        let short = Double(context.videoBox.short)
        var scale = min(
            1, (width >= height ? long / width : long / height), (width >= height ? short / height : short / width))
        if let limit = context.profile.maxImageWidth { scale = min(scale, Double(limit) / width) }
        if let limit = context.profile.maxImageHeight { scale = min(scale, Double(limit) / height) }
        return (AnimationEncoder.even(width * scale), AnimationEncoder.even(height * scale))
    }

    /// How `bytes` would be spent; `nil` when they are too few even at the smallest picture.
    func settings(forBytes bytes: Int) -> Settings? {
        let total = Double(bytes) * 8 * (1 - Self.containerOverhead) / duration
        var audio: Int?
        var channels = 1
        if source.hasAudio {
            audio = total >= 900_000 ? 64_000 : total >= 350_000 ? 48_000 : 32_000
            channels = audio! >= 64_000 ? min(2, source.audioChannels ?? 2) : 1
        }
        let display = displaySize
        let frameRate = min(source.frameRate ?? 25, context.maxFrameRate)
        let useful = Double(display.width * display.height) * frameRate * Self.usefulBitsPerPixel
        let video = min(Int(total) - (audio ?? 0), Self.maximumVideoBitRate, Int(useful))
        guard video >= Self.minimumVideoBitRate else { return nil }
        let minimumHeight = min(context.settings.minimumVideoHeight, display.height)
        var best: Settings?
        for reduction in [1.0, 0.75, 0.5625, 0.42, 0.32, 0.24, 0.18] {
            let height = AnimationEncoder.even(Double(display.height) * reduction)
            guard height >= minimumHeight || best == nil else { break }
            let width = AnimationEncoder.even(Double(display.width) * reduction)
            let candidate = Settings(
                width: width, height: height, frameRate: frameRate, videoBitRate: video, audioBitRate: audio,
                audioChannels: channels)
            best = candidate
            if Double(video) / (Double(width * height) * frameRate) >= context.settings.minimumVideoBitsPerPixel {
                return candidate
            }
        }
        // Too few bits even at the smallest picture: halve the frame rate, down to 10 fps.
        guard var last = best else { return nil }
        last.frameRate = max(min(10, frameRate), (frameRate / 2).rounded())
        return last
    }

    /// The smallest size fitting plans for this clip.
    var minimumBytes: Int { Self.minimumBytes(for: source) }

    /// The smallest size fitting plans for a clip: the lowest video bitrate (and 32 kbit/s of sound) for its
    /// whole duration.
    static func minimumBytes(for source: SourceMedia) -> Int {
        let audio = source.hasAudio ? 32_000 : 0
        let seconds = max(source.durationSeconds ?? 1, 0.1)
        return Int(Double(minimumVideoBitRate + audio) * seconds / 8 / (1 - containerOverhead)) + 1
    }

    /// The most bytes worth spending on this clip: the useful bits per pixel at the display size (or the
    /// bitrate ceiling), with the best sound.
    var maximumUsefulBytes: Int {
        let display = displaySize
        let frameRate = min(source.frameRate ?? 25, context.maxFrameRate)
        let video = min(
            Double(Self.maximumVideoBitRate),
            Double(display.width * display.height) * frameRate * Self.usefulBitsPerPixel)
        let audio = source.hasAudio ? 64_000.0 : 0
        return Int((video + audio) * duration / 8 / (1 - Self.containerOverhead))
    }

    /// Planned candidates between the smallest size and `maximumBytes`, their qualities interpolated from trial
    /// encodes.
    func candidates(maximumBytes: Int) async throws(FitError) -> [Candidate] {
        let low = minimumBytes
        // Not even the smallest encode fits: say so now, without encoding anything.
        guard maximumBytes >= low else { return [] }
        let high = max(low, min(maximumBytes, maximumUsefulBytes))
        let trials = Set([0.9, 0.5, 0.25, 0.1].map { Int(Double(high) * $0) }.filter { $0 >= low } + [low]).sorted()
            .compactMap { bytes in settings(forBytes: bytes).map { (bytes, $0) } }
        guard !trials.isEmpty else { return [] }
        let reference = try await makeReference()
        let display = displaySize
        let context = self.context
        let encoder = self
        // Each trial's quality is its SSIM at the display size against the reference (a smaller picture scaled
        // back up), so that shrinking is not rewarded, as for stills.
        let encoded = try await context.encodeEach(trials) { index, trial in
            let file = "\(context.scratch)/trial-\(index).mp4"
            _ = try await encoder.encode(trial.1, from: reference, to: file, trial: true)
            return Candidate(file: file, format: .mp4, bytes: trial.0, quality: 0, setting: "trial")
        }
        let ssims = try await context.meter.ssim(
            encoded.map { $0.file! }, against: reference, width: display.width, height: display.height,
            file: context.file)
        let measured = zip(encoded, ssims).map { (bytes: $0.bytes, ssim: $1) }
        var candidates: [Candidate] = []
        let steps = 24
        for step in 0...steps {
            let bytes = Int(Double(low) * pow(Double(high) / Double(low), Double(step) / Double(steps)))
            guard let settings = settings(forBytes: bytes) else { continue }
            candidates.append(
                Candidate(
                    file: nil, format: .mp4, width: settings.width, height: settings.height, bytes: bytes,
                    quality: Self.interpolate(measured, at: bytes), setting: settings.description,
                    bitRate: settings.videoBitRate + (settings.audioBitRate ?? 0), frameRate: settings.frameRate))
        }
        return candidates
    }

    /// The picture the trials encode and are measured against: the clip at the display size and frame rate
    /// (for a clip longer than 8 s, three 2-second excerpts of it — at a fifth, the middle and four fifths —
    /// joined, so that trials cost the same for any length), as raw frames, so that the source, often 1080p or
    /// larger, is decoded once for all trials and the reference costs nothing to read (at most 8 s of 1280×720
    /// at 30 fps: 330 MB in the scratch directory, removed at the end).
    var reference: String { "\(context.scratch)/reference.nut" }

    private func makeReference() async throws(FitError) -> String {
        let file = reference
        guard !FileManager.default.fileExists(atPath: file) else { return file }
        var inputs: [String] = []
        var chain = "[0:v]"
        if duration > 8 {
            for start in [0.2, 0.5, 0.8].map({ duration * $0 - 1 }) {
                inputs += ["-ss", String(format: "%.3f", max(0, start)), "-t", "2", "-i", path]
            }
            chain = "[0:v][1:v][2:v]concat=n=3:v=1:a=0,"
        } else {
            inputs = ["-i", path]
        }
        let display = displaySize
        let frameRate = String(format: "%.3f", min(source.frameRate ?? 25, context.maxFrameRate))
        let graph = "\(chain)fps=\(frameRate),scale=\(display.width):\(display.height):flags=bicubic,format=yuv420p[v]"
        let partial = file + ".partial"
        _ = try await context.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-v", "error",
            ] + inputs + [
                "-filter_complex", graph, "-map", "[v]",
                "-c:v", "rawvideo",
            ] + EncodingContext.bitExact + ["-f", "nut", "-y", partial])
        do {
            try FileManager.default.moveItem(atPath: partial, toPath: file)
        } catch {
            throw .fileSystem(FileSystemError(path: file, operation: "write", reason: "\(error)"))
        }
        return file
    }

    /// SSIM at `bytes` on the piecewise-linear curve through `points` in log(bytes); flat beyond its ends.
    static func interpolate(_ points: [(bytes: Int, ssim: Double)], at bytes: Int) -> Double {
        let sorted = points.sorted { $0.bytes < $1.bytes }
        guard let first = sorted.first, let last = sorted.last else { return 0 }
        if bytes <= first.bytes { return first.ssim }
        if bytes >= last.bytes { return last.ssim }
        for (a, b) in zip(sorted, sorted.dropFirst()) where bytes <= b.bytes {
            let t = log(Double(bytes) / Double(a.bytes)) / log(Double(b.bytes) / Double(a.bytes))
            return a.ssim + (b.ssim - a.ssim) * t
        }
        return last.ssim
    }

    /// Encodes the whole clip to at most `bytes`: one pass at an average bitrate, re-run with a lower video bitrate
    /// while the file is over (a small clip's container and sound take a larger share than planned).
    func encodeFinal(bytes: Int, to file: String) async throws(FitError) -> Candidate {
        // Aimed a little under the allocation, so that a second encode is rarely needed.
        guard var settings = settings(forBytes: Int(Double(min(bytes, maximumUsefulBytes)) * 0.98)) else {
            throw .budgetUnreachable(
                BudgetShortfall(
                    budget: bytes, smallestTotal: minimumBytes,
                    items: [.init(file: context.file, smallestBytes: minimumBytes, advice: "shorten the clip")]))
        }
        var smallest = Int.max
        for _ in 0..<6 {
            let ssim = try await encode(settings, from: path, to: file, trial: false)
            let size = try context.size(of: file)
            if size <= bytes {
                return Candidate(
                    file: file, format: .mp4, width: settings.width, height: settings.height, bytes: size,
                    quality: ssim, setting: settings.description,
                    bitRate: settings.videoBitRate + (settings.audioBitRate ?? 0), frameRate: settings.frameRate)
            }
            smallest = min(smallest, size)
            // Take the excess out of the picture alone, and at least 2 % of it: x264 does not notice a change of
            // a few bits per second.
            let excess = Double(size - bytes) * 8 / duration * 1.1
            let lowered = Int(min(Double(settings.videoBitRate) - excess, Double(settings.videoBitRate) * 0.98))
            guard lowered >= Self.minimumVideoBitRate / 2 else { break }
            settings.videoBitRate = lowered
        }
        throw .budgetUnreachable(
            BudgetShortfall(
                budget: bytes, smallestTotal: smallest,
                items: [.init(file: context.file, smallestBytes: smallest, advice: "shorten the clip")]))
    }

    /// One encode of `input` (the source, or a trial's reference, which has no sound); returns x264's SSIM (luma,
    /// against its input scaled to the output size).
    func encode(
        _ settings: Settings, from input: String, to file: String, trial: Bool
    ) async throws(FitError)
        -> Double
    {
        let inputs = ["-i", input]
        let videoChain = "[0:v]"
        let frameRate = String(format: "%.3f", settings.frameRate)
        let graph =
            "\(videoChain)fps=\(frameRate),scale=\(settings.width):\(settings.height):flags=bicubic,format=yuv420p[v]"
        let video =
            ["-hide_banner", "-nostdin"] + inputs
            + [
                "-filter_complex", graph, "-map", "[v]", "-c:v", "libx264", "-profile:v", "main", "-level:v", "3.1",
                "-preset", trial ? "superfast" : "medium", "-threads", "4", "-b:v", "\(settings.videoBitRate)",
                "-x264-params", "ssim=1", "-g", "\(Int(settings.frameRate * 5))",
            ]
        var audio: [String] = []
        if let bitRate = settings.audioBitRate, !trial {
            audio = [
                "-map", "0:a:0", "-c:a", "aac", "-b:a", "\(bitRate)", "-ac", "\(settings.audioChannels)", "-ar",
                "44100",
            ]
        }
        let mp4 = EncodingContext.bitExact + ["-movflags", "+faststart", "-f", "mp4"]
        // One pass at an average bitrate: over a clip x264 lands within a few per cent of it, the final encode aims
        // 2 % under its share, and an encode that still comes out over is made again lower.
        let output = try await context.run(.ffmpeg, video + audio + mp4 + ["-y", file])
        guard let ssim = SSIMMeter.parse(output.standardError) else {
            throw .converterFailed(
                tool: .ffmpeg, file: context.file, status: output.status,
                message: "x264 printed no SSIM: \(output.errorSummary)")
        }
        return ssim
    }
}
