import Foundation
import MMSKit

/// Reads what a file is: libvips for images (HEIC, AVIF, WebP, TIFF, BMP, SVG, PSD, PNG, JPEG, GIF), FFmpeg for
/// audio, video and APNG. Reads only headers; nothing is decoded in full.
struct MediaProber: Sendable {
    var toolbox: MediaToolbox
    var scratch: String

    /// What `path` is; `libmagic` is its MIME type, for the report and for errors.
    /// - Throws: `.undecodable` when neither decoder reads it.
    func probe(_ path: String, libmagic: String, bytes: Int) async throws(FitError) -> SourceMedia {
        let looksTimed = libmagic.hasPrefix("video/") || libmagic.hasPrefix("audio/")
        if !looksTimed, !Self.isAnimatedPNG(path),
            let still = try await probeImage(path, libmagic: libmagic, bytes: bytes)
        {
            return still
        }
        // FFmpeg reads almost anything as *something* (a text file as ANSI art): only what libmagic calls sound,
        // video or an image goes to it.
        let ffmpegMay =
            looksTimed || libmagic.hasPrefix("image/") || libmagic == "application/ogg"
            || libmagic == "application/octet-stream"
        if ffmpegMay, let timed = try await probeTimed(path, libmagic: libmagic, bytes: bytes) { return timed }
        if looksTimed, let still = try await probeImage(path, libmagic: libmagic, bytes: bytes) { return still }
        throw .undecodable(file: path, libmagic: libmagic)
    }

    /// libvips's view: `nil` when it cannot read the file.
    private func probeImage(_ path: String, libmagic: String, bytes: Int) async throws(FitError) -> SourceMedia? {
        let output = try await toolbox.run(.vipsheader, ["-a", path], file: path, scratch: scratch, check: false)
        guard output.status == 0 else { return nil }
        var fields: [String: String] = [:]
        for line in String(decoding: output.standardOutput, as: UTF8.self).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard fields[key] == nil else { continue }
            fields[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard var width = fields["width"].flatMap(Int.init), var height = fields["height"].flatMap(Int.init) else {
            return nil
        }
        let loader = fields["vips-loader"] ?? "libvips"
        let pages = fields["n-pages"].flatMap(Int.init) ?? 1
        let bands = fields["bands"].flatMap(Int.init) ?? 3
        let interpretation = fields["interpretation"] ?? "srgb"
        let hasAlpha =
            bands == 4 || (bands == 2 && interpretation.hasPrefix("b-w")) || (bands == 2 && interpretation == "grey16")
        if let orientation = fields["orientation"].flatMap(Int.init), (5...8).contains(orientation) {
            swap(&width, &height)
        }
        let animated = pages > 1 && (loader.hasPrefix("gif") || loader.hasPrefix("webp"))
        var media = SourceMedia(
            kind: animated ? .animation : .still, libmagic: libmagic, decoder: loader, width: width,
            height: height, hasAlpha: hasAlpha, durationSeconds: nil,
            frameRate: nil, frameCount: animated ? pages : nil, hasAudio: false, audioChannels: nil,
            audioSampleRate: nil, codec: nil,
            audioCodec: nil, bitRate: nil, bytes: bytes)
        if animated {
            let delays = (fields["delay"] ?? "").split(separator: " ").compactMap { Int($0) }
            let total = delays.reduce(0) { $0 + max($1, 20) }
            if total > 0 {
                media.durationSeconds = Double(total) / 1000
                media.frameRate = Double(delays.count) / (Double(total) / 1000)
            }
        }
        return media
    }

    /// FFmpeg's view: `nil` when it finds no audio or video stream.
    private func probeTimed(_ path: String, libmagic: String, bytes: Int) async throws(FitError) -> SourceMedia? {
        let output = try await toolbox.run(
            .ffprobe, ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", path], file: path,
            scratch: scratch, check: false)
        guard output.status == 0,
            let root = try? JSONSerialization.jsonObject(with: output.standardOutput) as? [String: Any]
        else { return nil }
        let streams = root["streams"] as? [[String: Any]] ?? []
        let format = root["format"] as? [String: Any] ?? [:]
        func isPicture(_ stream: [String: Any]) -> Bool {
            ((stream["disposition"] as? [String: Any])?["attached_pic"] as? Int) == 1
        }
        let video = streams.first { $0["codec_type"] as? String == "video" && !isPicture($0) }
        let audio = streams.first { $0["codec_type"] as? String == "audio" }
        guard video != nil || audio != nil else { return nil }
        let formatName = format["format_name"] as? String ?? "ffmpeg"
        let duration =
            Self.number(format["duration"]) ?? video.flatMap { Self.number($0["duration"]) }
            ?? audio.flatMap { Self.number($0["duration"]) }
        var media = SourceMedia(
            kind: .audio, libmagic: libmagic, decoder: formatName, width: nil, height: nil, hasAlpha: false,
            durationSeconds: duration, frameRate: nil, frameCount: nil, hasAudio: audio != nil,
            audioChannels: audio.flatMap { $0["channels"] as? Int },
            audioSampleRate: audio.flatMap { Self.number($0["sample_rate"]) }.map { Int($0) },
            codec: audio?["codec_name"] as? String,
            audioCodec: audio?["codec_name"] as? String, bitRate: Self.number(format["bit_rate"]).map { Int($0) },
            bytes: bytes)
        if let video {
            let codec = video["codec_name"] as? String ?? "video"
            media.kind = codec == "gif" || codec == "apng" ? .animation : .video
            media.codec = codec
            media.decoder = "\(formatName)/\(codec)"
            media.width = video["width"] as? Int
            media.height = video["height"] as? Int
            media.frameRate = Self.rate(video["avg_frame_rate"]) ?? Self.rate(video["r_frame_rate"])
            media.frameCount = (video["nb_frames"] as? String).flatMap(Int.init)
            let rotation =
                (video["side_data_list"] as? [[String: Any]])?.compactMap { Self.number($0["rotation"]) }.first
                ?? ((video["tags"] as? [String: Any])?["rotate"] as? String).flatMap(Double.init) ?? 0
            if Int(abs(rotation)) % 180 == 90, let width = media.width, let height = media.height {
                media.width = height
                media.height = width
            }
        }
        return media
    }

    /// A JSON number or a numeric string.
    private static func number(_ value: Any?) -> Double? {
        if let value = value as? Double { return value }
        if let value = value as? Int { return Double(value) }
        if let value = value as? String, let number = Double(value), number.isFinite { return number }
        return nil
    }

    /// "30000/1001" as 29.97; `nil` for 0/0.
    private static func rate(_ value: Any?) -> Double? {
        guard let text = value as? String else { return nil }
        let parts = text.split(separator: "/").compactMap { Double($0) }
        guard parts.count == 2, parts[1] > 0, parts[0] > 0 else { return nil }
        return parts[0] / parts[1]
    }

    /// Whether a PNG is animated (an `acTL` chunk before the first `IDAT`): libvips reads only its first frame.
    static func isAnimatedPNG(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 1 << 16), head.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
            return false
        }
        var offset = 8
        let bytes = [UInt8](head)
        while offset + 8 <= bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            if type == "acTL" { return true }
            if type == "IDAT" { return false }
            offset += 12 + length
        }
        return false
    }
}
