import Foundation

/// Real media made at test time by FFmpeg and libvips (the same programs `mmskit fit` runs), small and
/// deterministic; nothing large is kept in git.
public enum MediaFixtures {
    /// Whether FFmpeg and libvips are installed (scripts/ensure-deps.sh test installs both). Under `CI=true` the
    /// fit tests always run, so that a CI machine without them fails instead of skipping them.
    public static let toolsAvailable: Bool =
        ProcessInfo.processInfo.environment["CI"] == "true"
        || ["ffmpeg", "ffprobe", "vips", "vipsheader"].allSatisfy { tool in
            (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").contains {
                FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
            }
        }

    /// Runs `body` (which makes fixtures, running FFmpeg or libvips to completion) on a thread of its own: an async
    /// test must not hold one of the few threads every test's tasks share while a converter runs, or tests
    /// beside it that keep time (a signed request's timestamp, a deadline) starve.
    public static func detached<Result: Sendable>(
        _ body: @escaping @Sendable () throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try body() }) }.start()
        }
    }

    /// Runs a program to completion; throws with its stderr when it fails.
    @discardableResult
    public static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        nonisolated(unsafe) var errorData = Data()
        let reader = Thread { errorData = error.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        guard process.terminationStatus == 0 else {
            throw FixtureError(
                message:
                    "\(program) \(arguments.joined(separator: " ")) failed: \(String(decoding: errorData, as: UTF8.self))"
            )
        }
        return String(decoding: outputData, as: UTF8.self)
    }

    /// FFmpeg, quiet, overwriting, bit-exact.
    public static func ffmpeg(_ arguments: [String]) throws {
        try run(
            "ffmpeg",
            ["-hide_banner", "-nostdin", "-loglevel", "error", "-y"] + arguments.dropLast()
                + ["-fflags", "+bitexact", "-map_metadata", "-1", arguments.last!])
    }

    /// A photo-like still (a Mandelbrot zoom: detail everywhere) as PNG.
    public static func photo(_ path: String, width: Int, height: Int) throws {
        try ffmpeg([
            "-f", "lavfi", "-i", "mandelbrot=size=\(width)x\(height):rate=1:start_scale=0.9", "-frames:v", "1", path,
        ])
    }

    /// `source` converted by libvips to the format `destination`'s extension names (HEIC, AVIF, WebP, TIFF, …).
    public static func vipsCopy(_ source: String, _ destination: String) throws {
        try run("vips", ["copy", source, destination])
    }

    /// A PNG whose left half is transparent.
    public static func transparentPNG(_ path: String, width: Int = 600, height: Int = 400) throws {
        try ffmpeg([
            "-f", "lavfi", "-i", "testsrc2=size=\(width)x\(height):rate=1", "-frames:v", "1", "-vf",
            "format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(lt(X,W/2),0,255)'", path,
        ])
    }

    /// An animated GIF (`testsrc2`, moving), `frames` frames at 10 fps.
    public static func animatedGIF(_ path: String, width: Int = 320, height: Int = 240, frames: Int = 30) throws {
        try ffmpeg([
            "-f", "lavfi", "-i", "testsrc2=size=\(width)x\(height):rate=10", "-frames:v", "\(frames)", "-loop", "0",
            path,
        ])
    }

    /// Sound: a chord with noise, `seconds` long, in the format `path`'s extension names (wav, flac, ogg, m4a…).
    public static func audio(_ path: String, seconds: Double, codec: [String] = []) throws {
        try ffmpeg(
            [
                "-f", "lavfi", "-i",
                "aevalsrc=0.3*sin(2*PI*440*t)+0.2*sin(2*PI*660*t)+0.05*(random(0)-0.5):s=44100:c=stereo:d=\(seconds)",
            ] + codec + [path])
    }

    /// A moving picture with sound, `seconds` long, encoded with `codec` (for example `-c:v libx264`).
    public static func video(
        _ path: String, width: Int = 640, height: Int = 360, seconds: Double = 2, codec: [String], sound: Bool = true
    ) throws {
        var arguments = ["-f", "lavfi", "-i", "testsrc2=size=\(width)x\(height):rate=25"]
        if sound { arguments += ["-f", "lavfi", "-i", "sine=frequency=330:sample_rate=44100"] }
        arguments += ["-t", "\(seconds)"] + codec + (sound ? ["-shortest"] : []) + [path]
        try ffmpeg(arguments)
    }

    /// An AMR-NB file of `frames` 20 ms frames (12.2 kbit/s mode) with seeded payloads: no encoder needed, and
    /// FFmpeg decodes it as the telephone-grade sound an AMR voice note is.
    public static func amr(_ path: String, frames: Int = 150) throws {
        var bytes = Array("#!AMR\n".utf8)
        var state: UInt32 = 12345
        for _ in 0..<frames {
            bytes.append(0x3C)
            for _ in 0..<31 {
                state = state &* 1_103_515_245 &+ 12345
                bytes.append(UInt8(truncatingIfNeeded: state >> 16))
            }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// A JPEG of `width`×`height` whose EXIF Orientation says "rotate 90° clockwise to display" (6), so it
    /// displays as `height`×`width`.
    public static func rotatedJPEG(_ path: String, width: Int, height: Int) throws {
        let plain = path + ".plain.jpg"
        try photo(plain, width: width, height: height)
        defer { try? FileManager.default.removeItem(atPath: plain) }
        try run("vips", ["copy", plain, path + ".stripped.jpg[strip]"])
        defer { try? FileManager.default.removeItem(atPath: path + ".stripped.jpg") }
        var jpeg = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + ".stripped.jpg")))
        // APP1 "Exif\0\0", a little-endian TIFF header and one IFD entry: Orientation (0x0112), SHORT, 1, 6.
        let tiff: [UInt8] = [
            0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00,
            0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        ]
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        let segment: [UInt8] = [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        jpeg.insert(contentsOf: segment, at: 2)
        try Data(jpeg).write(to: URL(fileURLWithPath: path))
    }

    /// libvips's header fields of an image (`width`, `height`, `bands`, `n-pages`, `vips-loader`, …).
    public static func header(_ path: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        for line in try run("vipsheader", ["-a", path]).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            if fields[key] == nil {
                fields[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return fields
    }

    /// FFprobe's `codec_name` of each stream, in order (`h264`, `aac`).
    public static func codecs(_ path: String) throws -> [String] {
        try run("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", path])
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// A fixture that could not be made.
public struct FixtureError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
