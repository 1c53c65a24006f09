import MMSKit

/// Still images through libvips: decoded once at the display size (EXIF orientation applied, converted to sRGB,
/// metadata stripped), then encoded as JPEG at falling qualities and scales, and as PNG where the image has
/// transparency or few colours. Each encode's SSIM is measured against the display-size reference.
struct StillImageEncoder: Sendable {
    var context: EncodingContext

    /// The display size a still of `width`×`height` is fitted into: the fit settings' box and the profile's limits.
    static func displayBox(_ context: EncodingContext) -> (width: Int, height: Int) {
        (
            min(context.settings.imageMaxWidth, context.profile.maxImageWidth ?? .max),
            min(context.settings.imageMaxHeight, context.profile.maxImageHeight ?? .max)
        )
    }

    func candidates(from path: String) async throws(FitError) -> [Candidate] {
        let scratch = context.scratch
        let box = Self.displayBox(context)
        let decoded = "\(scratch)/decoded.v"
        _ = try await context.run(
            .vips,
            [
                "thumbnail", path, decoded, "\(box.width)", "--height", "\(box.height)", "--size", "down",
                "--export-profile", "srgb",
            ])
        var header = try await header(of: decoded)
        var reference = decoded
        var transparent = false
        if header.bands == 2 || header.bands == 4 {
            let alpha = "\(scratch)/alpha.v"
            _ = try await context.run(.vips, ["extract_band", decoded, alpha, "\(header.bands - 1)"])
            let minimum = try await context.run(.vips, ["min", alpha])
            let opaque =
                Double(
                    String(decoding: minimum.standardOutput, as: UTF8.self).trimmingCharacters(
                        in: .whitespacesAndNewlines)) == 255
            if opaque {
                reference = "\(scratch)/flat.v"
                _ = try await context.run(.vips, ["flatten", decoded, reference])
                header = try await self.header(of: reference)
            } else {
                transparent = true
            }
        }
        let source = reference
        let referencePNG = "\(scratch)/reference.png"
        _ = try await context.run(.vips, ["copy", reference, "\(referencePNG)[compression=1]"])
        let width = header.width
        let height = header.height

        struct Plan: Sendable {
            var name: String
            var options: String
            var format: MediaFormat
            var scale: Double
            var setting: String
        }
        var plans: [Plan] = []
        let minimumScale = context.settings.minimumImageScale
        let scales = [1.0, 0.75, 0.5, minimumScale].filter { $0 >= minimumScale }
        if transparent {
            plans.append(
                Plan(name: "lossless.png", options: "[compression=9,strip]", format: .png, scale: 1, setting: "PNG"))
            for (scale, colourQuality) in [(1.0, 100), (1.0, 80), (1.0, 60), (1.0, 40)]
                + scales.dropFirst().map({ ($0, 80) })
            {
                plans.append(
                    Plan(
                        name: "palette-\(colourQuality)-\(Int(scale * 100)).png",
                        options: "[palette,Q=\(colourQuality),effort=7,compression=9,strip]", format: .png,
                        scale: scale,
                        setting: "PNG 8-bit palette Q \(colourQuality)"))
            }
        } else {
            let floor = context.settings.minimumJPEGQuality
            for quality in [92, 83, 74, 65, 56, 47, 38, 30] where quality >= floor {
                plans.append(jpeg(quality, scale: 1))
            }
            for scale in scales.dropFirst() {
                for quality in [65, max(45, floor)] { plans.append(jpeg(quality, scale: scale)) }
            }
            plans.append(
                Plan(name: "lossless.png", options: "[compression=9,strip]", format: .png, scale: 1, setting: "PNG"))
            plans.append(
                Plan(
                    name: "palette.png", options: "[palette,Q=100,effort=7,compression=9,strip]", format: .png,
                    scale: 1,
                    setting: "PNG 8-bit palette"))
        }
        func jpeg(_ quality: Int, scale: Double) -> Plan {
            Plan(
                name: "q\(quality)-\(Int(scale * 100)).jpg", options: "[Q=\(quality),strip,optimize_coding]",
                format: .jpeg,
                scale: scale, setting: "JPEG q \(quality)")
        }

        let context = self.context
        // libvips without its loader modules (HEIF, ImageMagick, PDF…) starts in two thirds of the time, and
        // the candidates are all made from the decoded reference, which needs none of them.
        let encoded = try await context.encodeEach(plans) { index, plan in
            let outWidth = max(1, Int((Double(width) * plan.scale).rounded()))
            let outHeight = max(1, Int((Double(height) * plan.scale).rounded()))
            let file = "\(scratch)/\(plan.name)"
            _ = try await context.run(
                .vips,
                [
                    "thumbnail", source, file + plan.options, "\(outWidth)", "--height", "\(outHeight)",
                    "--size", "force",
                ], withoutLoaderModules: true)
            return Candidate(
                file: file, format: plan.format, width: outWidth, height: outHeight,
                bytes: try context.size(of: file), quality: 0,
                setting: plan.scale < 1 ? "\(plan.setting), \(Int(plan.scale * 100)) %" : plan.setting)
        }
        let ssims = try await context.meter.ssim(
            encoded.map { $0.file! }, against: referencePNG, width: width, height: height, file: context.file)
        let candidates = zip(encoded, ssims).map { candidate, ssim in
            var measured = candidate
            measured.quality = ssim
            return measured
        }
        guard !transparent, let bestJPEG = candidates.first(where: { $0.format == .jpeg }) else { return candidates }
        // An opaque image becomes PNG only where PNG is smaller than the best JPEG (a screenshot, a flat banner):
        // a photo stays a photo format even where the budget would allow a lossless one.
        return candidates.filter { $0.format == .jpeg || $0.bytes <= bestJPEG.bytes }
    }

    /// Width, height and bands of a decoded image, from `vipsheader`'s one-line summary
    /// (`decoded.v: 1080x810 uchar, 3 bands, srgb, vipsload`).
    private func header(of path: String) async throws(FitError) -> (width: Int, height: Int, bands: Int) {
        let output = try await context.run(.vipsheader, [path])
        let line = String(decoding: output.standardOutput, as: UTF8.self)
        guard let match = line.firstMatch(of: /: (\d+)x(\d+) [a-z]+, (\d+) band/),
            let width = Int(match.1), let height = Int(match.2), let bands = Int(match.3)
        else {
            throw .converterFailed(
                tool: .vipsheader, file: context.file, status: 0, message: "unexpected output: \(line)")
        }
        return (width, height, bands)
    }
}
