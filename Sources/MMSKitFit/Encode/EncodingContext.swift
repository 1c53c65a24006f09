import Foundation
import MMSKit

/// What every encoder shares: the programs, the scratch directory of the item, the meter, the limits.
struct EncodingContext: Sendable {
    var toolbox: MediaToolbox
    /// The item's own scratch directory.
    var scratch: String
    var settings: FitSettings
    var profile: ProviderProfile
    /// The source file, as named in messages.
    var file: String

    var meter: SSIMMeter { SSIMMeter(toolbox: toolbox, scratch: scratch) }

    /// The video box's long and short edge: the profile's `max_video_width`×`max_video_height`, else the fit
    /// settings' 1280×720.
    var videoBox: (long: Int, short: Int) {
        let width = profile.maxVideoWidth ?? settings.videoMaxLongEdge
        let height = profile.maxVideoHeight ?? settings.videoMaxShortEdge
        return (max(width, height), min(width, height))
    }

    /// The highest frame rate: the profile's `max_frame_rate`, else the fit settings' 30 fps.
    var maxFrameRate: Double { profile.maxFrameRate ?? settings.videoMaxFrameRate }

    /// Runs `tool`; `withoutLoaderModules` starts libvips without its loader modules (HEIF, ImageMagick, PDF,
    /// …) by pointing `VIPSHOME` at the scratch directory, where it finds none: a third faster to start, for
    /// runs that read only libvips's own `.v` files and write JPEG or PNG.
    func run(
        _ tool: MediaTool, _ arguments: [String], withoutLoaderModules: Bool = false
    ) async throws(FitError)
        -> MediaToolbox.Output
    {
        try await toolbox.run(
            tool, arguments, file: file, scratch: scratch,
            environment: withoutLoaderModules ? ["VIPSHOME": scratch] : [:])
    }

    /// Runs `encode` for every plan at once (the toolbox's slots keep it to one run per core), results in plan
    /// order.
    func encodeEach<Plan: Sendable>(
        _ plans: [Plan], _ encode: @escaping @Sendable (Int, Plan) async throws -> Candidate
    ) async throws(FitError) -> [Candidate] {
        do {
            return try await withThrowingTaskGroup(of: (Int, Candidate).self) { group in
                for (index, plan) in plans.enumerated() {
                    group.addTask { (index, try await encode(index, plan)) }
                }
                var results: [(Int, Candidate)] = []
                for try await result in group { results.append(result) }
                return results.sorted { $0.0 < $1.0 }.map(\.1)
            }
        } catch let error as FitError {
            throw error
        } catch {
            throw .converterFailed(tool: .ffmpeg, file: file, status: -1, message: "\(error)")
        }
    }

    /// The size of a file the encoders wrote.
    func size(of path: String) throws(FitError) -> Int {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else {
            throw .fileSystem(FileSystemError(path: path, operation: "read the size of", reason: "it is missing"))
        }
        return size
    }

    /// FFmpeg's arguments for output that is the same bytes on every run: no encoder version, no time, no
    /// metadata from the source.
    static let bitExact = [
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact", "-map_metadata", "-1",
        "-map_chapters", "-1",
    ]
}
