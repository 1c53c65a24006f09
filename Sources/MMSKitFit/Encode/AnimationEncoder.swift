import MMSKit

/// Animations (animated GIF, APNG, animated WebP) to GIF with the animation kept, through FFmpeg's two-pass
/// palette (`palettegen`/`paletteuse`): at falling scales, palette sizes and, last, half the frame rate. An
/// animated WebP is first turned into a full-quality GIF by libvips, since this FFmpeg cannot decode one.
struct AnimationEncoder: Sendable {
    var context: EncodingContext

    func candidates(from path: String, source: SourceMedia) async throws(FitError) -> [Candidate] {
        let scratch = context.scratch
        let input = source.decoder.hasPrefix("webp") ? "\(scratch)/source.gif" : path
        if input != path {
            _ = try await context.run(.vips, ["copy", "\(path)[n=-1]", "\(input)[effort=7,bitdepth=8]"])
        }
        let box = StillImageEncoder.displayBox(context)
        let sourceWidth = max(source.width ?? 1, 1)
        let sourceHeight = max(source.height ?? 1, 1)
        let fit = min(1, Double(box.width) / Double(sourceWidth), Double(box.height) / Double(sourceHeight))
        let width = Self.even(Double(sourceWidth) * fit)
        let height = Self.even(Double(sourceHeight) * fit)
        let frameRate = min(source.frameRate ?? 10, context.maxFrameRate)

        struct Plan: Sendable {
            var scale: Double
            var colours: Int
            var frameRate: Double
        }
        let minimumScale = context.settings.minimumImageScale
        var plans: [Plan] = []
        for scale in [1.0, 0.75, 0.5, minimumScale] where scale >= minimumScale {
            plans.append(Plan(scale: scale, colours: 256, frameRate: frameRate))
            plans.append(Plan(scale: scale, colours: 64, frameRate: frameRate))
            if frameRate > 8 { plans.append(Plan(scale: scale, colours: 128, frameRate: (frameRate / 2).rounded())) }
        }
        let context = self.context
        let encoded = try await context.encodeEach(plans) { index, plan in
            let outWidth = Self.even(Double(width) * plan.scale)
            let outHeight = Self.even(Double(height) * plan.scale)
            let file = "\(scratch)/anim-\(index).gif"
            let reduce = plan.frameRate < frameRate ? "fps=\(plan.frameRate)," : ""
            let graph =
                "\(reduce)scale=\(outWidth):\(outHeight):flags=lanczos,split[a][b];"
                + "[a]palettegen=max_colors=\(plan.colours):stats_mode=diff[p];"
                + "[b][p]paletteuse=dither=bayer:bayer_scale=4:diff_mode=rectangle"
            _ = try await context.run(
                .ffmpeg,
                ["-hide_banner", "-nostdin", "-v", "error", "-i", input, "-vf", graph, "-loop", "0"]
                    + EncodingContext.bitExact + ["-f", "gif", "-y", file])
            var setting = "GIF \(plan.colours) colours"
            if plan.frameRate < frameRate { setting += ", \(Int(plan.frameRate)) fps" }
            if plan.scale < 1 { setting += ", \(Int(plan.scale * 100)) %" }
            return Candidate(
                file: file, format: .gif, width: outWidth, height: outHeight,
                bytes: try context.size(of: file), quality: 0, setting: setting,
                frameRate: plan.frameRate)
        }
        let ssims = try await context.meter.ssim(
            encoded.map { $0.file! }, against: input, width: width, height: height, file: context.file)
        return zip(encoded, ssims).map { candidate, ssim in
            var measured = candidate
            measured.quality = ssim
            return measured
        }
    }

    /// `value` rounded down to an even number, at least 2 (the encoders' chroma subsampling wants even sizes).
    static func even(_ value: Double) -> Int {
        max(2, Int(value) / 2 * 2)
    }
}
