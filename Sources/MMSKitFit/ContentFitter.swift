import Foundation
import MMSKit

/// Fits a content directory to a provider's formats and size budget: reads it by `build`'s rules, converts what
/// is not an MMS format (or breaks a limit), shares the budget out so the worst item's quality is as high as it
/// can be, and writes a new directory that `build` and `lint` accept — all at once, or nothing.
///
/// ```swift
/// let fitter = ContentFitter(sniffer: try MediaSniffer(), profile: .ihuyi, toolbox: try MediaToolbox.locate())
/// let report = try await fitter.fit(directory: "raw", into: "fitted")
/// ```
public struct ContentFitter: Sendable {
    /// Reads what each file claims to be (libmagic), as `build` does.
    public var sniffer: MediaSniffer
    /// The limits to fit: formats, dimensions, durations, sizes.
    public var profile: ProviderProfile
    /// The budget for the whole message; default: the profile's `max_total_bytes`.
    public var budget: Int?
    /// Targets and floors where the profile sets none.
    public var settings: FitSettings
    /// The converter programs.
    public var toolbox: MediaToolbox

    /// A fitter for `profile`.
    public init(
        sniffer: MediaSniffer, profile: ProviderProfile, budget: Int? = nil, settings: FitSettings = FitSettings(),
        toolbox: MediaToolbox
    ) {
        self.sniffer = sniffer
        self.profile = profile
        self.budget = budget
        self.settings = settings
        self.toolbox = toolbox
    }

    /// Where a fit is, for a progress line.
    public struct Progress: Sendable {
        /// What is being done ("reading", "encoding", "encoding the clip", "writing").
        public var stage: String
        /// Items done so far in this stage, and of how many.
        public var done: Int
        /// How many there are in this stage.
        public var total: Int
    }

    /// The budget in effect.
    public var effectiveBudget: Int { budget ?? profile.maxTotalBytes ?? Int.max }

    /// Fits `directory` into the new directory `output` (which must not exist, or be empty).
    /// - Throws: `ContentLoadError` when the directory's layout has errors; `FitError` otherwise.
    public func fit(
        directory: String, into output: String, progress: (@Sendable (Progress) -> Void)? = nil
    ) async throws -> FitReport {
        let layout = try ContentBuilder(sniffer: sniffer).layout(directory: directory)
        guard !layout.problems.containsErrors else {
            throw ContentLoadError.invalid(error: ContentError(diagnostics: layout.problems.sorted()))
        }
        try Self.checkSeparate(input: layout.root, output: output)
        let staged: StagedDirectory
        do { staged = try StagedDirectory(output, operation: "fit into") } catch { throw FitError.fileSystem(error) }
        let scratch = NSTemporaryDirectory() + "mmskit-fit-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            staged.discard()
            throw FitError.fileSystem(FileSystemError(path: scratch, operation: "create", reason: "\(error)"))
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        do {
            let report = try await fit(layout: layout, staged: staged, scratch: scratch, progress: progress)
            try staged.commit()
            return report
        } catch {
            staged.discard()
            throw error
        }
    }

    /// An item of the message being fitted.
    private struct Job: Sendable {
        var frame: Int
        var source: String
        var path: String?
        var textBytes: Int?
        var media: SourceMedia?
        var original: BudgetAllocator.Option?
        var originalFormat: MediaFormat?
        var candidates: [Candidate] = []
    }

    private func fit(
        layout: ContentLayout, staged: StagedDirectory, scratch: String,
        progress: (@Sendable (Progress) -> Void)?
    ) async throws -> FitReport {
        let budget = effectiveBudget
        // 1. Read every item: texts' sizes; media's libmagic type, decoder facts and whether it may stay as it is.
        var jobs: [Job] = []
        for (index, frame) in layout.frames.enumerated() {
            for item in frame {
                switch item {
                case .text(let text):
                    jobs.append(
                        Job(frame: index + 1, source: layout.manifestName ?? "mms.yaml", textBytes: text.utf8.count))
                case .file(let name, let path, let isText):
                    if isText {
                        let text = try ContentBuilder(sniffer: sniffer).text(at: path)
                        jobs.append(Job(frame: index + 1, source: name, path: path, textBytes: text.utf8.count))
                    } else {
                        jobs.append(Job(frame: index + 1, source: name, path: path))
                    }
                }
            }
        }
        let mediaIndices = jobs.indices.filter { jobs[$0].textBytes == nil }
        progress?(Progress(stage: "reading", done: 0, total: mediaIndices.count))
        let probed = try await withThrowingTaskGroup(of: (Int, SourceMedia, BudgetAllocator.Option?, MediaFormat?).self)
        { group in
            for index in mediaIndices {
                let path = jobs[index].path!
                let name = jobs[index].source
                group.addTask {
                    let (media, original, format) = try await self.examine(path: path, name: name, scratch: scratch)
                    return (index, media, original, format)
                }
            }
            var results: [(Int, SourceMedia, BudgetAllocator.Option?, MediaFormat?)] = []
            for try await result in group { results.append(result) }
            return results
        }
        for (index, media, original, format) in probed {
            jobs[index].media = media
            jobs[index].original = original
            jobs[index].originalFormat = format
        }
        let textBytes = jobs.compactMap(\.textBytes).reduce(0, +)
        let mediaBudget = budget - textBytes

        // 2. Encodes: first only for what must change; everything else stays as it is if that fits.
        let mustChange = mediaIndices.filter { jobs[$0].original == nil }
        let keptBytes = mediaIndices.filter { jobs[$0].original != nil }.map { jobs[$0].original!.bytes }.reduce(0, +)
        try await encode(&jobs, mustChange, available: mediaBudget - keptBytes, scratch: scratch, progress: progress)
        var allocation = allocate(jobs, mediaIndices, budget: mediaBudget)
        if case .overBudget = allocation, mustChange.count < mediaIndices.count {
            // Keeping the rest as it is does not fit: they may be compressed too.
            let rest = mediaIndices.filter { jobs[$0].original != nil }
            try await encode(&jobs, rest, available: mediaBudget, scratch: scratch, progress: progress)
            allocation = allocate(jobs, mediaIndices, budget: mediaBudget)
        }
        if case .overBudget = allocation,
            let animation = try await animationAsVideo(&jobs, mediaIndices, budget: mediaBudget, scratch: scratch)
        {
            progress?(Progress(stage: "encoding \(jobs[animation].source) as video", done: 1, total: 1))
            allocation = allocate(jobs, mediaIndices, budget: mediaBudget)
        }
        guard case .fits(var choices, let leftover) = allocation else {
            throw FitError.budgetUnreachable(shortfall(jobs, mediaIndices, budget: budget, textBytes: textBytes))
        }

        // 3. Chosen sound and clips are encoded now: sound first (its size is known in advance, and any bytes
        // it leaves go to the clip), then a clip with whatever the allocation left over.
        var left = leftover
        for (position, index) in mediaIndices.enumerated() {
            let choice = choices[position]
            guard choice < jobs[index].candidates.count, jobs[index].candidates[choice].file == nil,
                jobs[index].candidates[choice].format == .mp3
            else { continue }
            let planned = jobs[index].candidates[choice]
            let encoder = AudioEncoder(context: try context(for: jobs[index], index: index, scratch: scratch))
            let encoded = try await encoder.encode(
                planned, from: jobs[index].path!, to: "\(scratch)/item-\(index)/final.mp3")
            left += planned.bytes - encoded.bytes
            jobs[index].candidates[choice] = encoded
        }
        for (position, index) in mediaIndices.enumerated() {
            let options = options(jobs[index])
            let choice = choices[position]
            guard choice < jobs[index].candidates.count, jobs[index].candidates[choice].file == nil else { continue }
            progress?(Progress(stage: "encoding \(jobs[index].source)", done: 0, total: 1))
            let encoder = VideoEncoder(
                context: try context(for: jobs[index], index: index, scratch: scratch), source: jobs[index].media!,
                path: timedInput(jobs[index], index: index, scratch: scratch))
            let target = options[choice].bytes + left
            left = 0
            let final = try await encoder.encodeFinal(
                bytes: min(target, profile.maxItemBytes ?? .max), to: "\(scratch)/item-\(index)/final.mp4")
            jobs[index].candidates.append(final)
            choices[position] = jobs[index].candidates.count - 1
        }

        // 4. The report, with SSIM at the output size where the output is smaller than the display size.
        progress?(Progress(stage: "writing", done: 0, total: 1))
        var names = OutputNames()
        var chosen: [Int: Candidate] = [:]
        for (position, index) in mediaIndices.enumerated() where choices[position] < jobs[index].candidates.count {
            chosen[index] = jobs[index].candidates[choices[position]]
        }
        for job in jobs
        where job.path != nil && (job.textBytes != nil || chosen[jobs.firstIndex { $0.path == job.path }!] == nil) {
            names.keep(job.source)
        }
        var items: [FitReport.Item] = []
        var renames: [String: String] = [:]
        for (index, job) in jobs.enumerated() {
            if let bytes = job.textBytes {
                items.append(
                    FitReport.Item(
                        frame: job.frame, source: job.source, output: job.source, action: .text, input: nil,
                        result: FitReport.Result(format: "text", bytes: bytes)))
                if let path = job.path { try copy(path, to: "\(staged.path)/\(job.source)") }
                continue
            }
            let media = job.media!
            if let candidate = chosen[index] {
                let name = names.name(for: job.source, as: candidate.format)
                if name != job.source { renames[job.source] = name }
                try copy(candidate.file!, to: "\(staged.path)/\(name)")
                let ssim = try await reportedSSIM(candidate, job: job, index: index, scratch: scratch)
                items.append(
                    FitReport.Item(
                        frame: job.frame, source: job.source, output: name, action: .converted, input: media,
                        result: FitReport.Result(
                            format: candidate.format.rawValue, width: candidate.width, height: candidate.height,
                            setting: candidate.setting, bitRate: candidate.bitRate, bytes: candidate.bytes),
                        ssim: ssim))
            } else {
                try copy(job.path!, to: "\(staged.path)/\(job.source)")
                items.append(
                    FitReport.Item(
                        frame: job.frame, source: job.source, output: job.source, action: .copied, input: media,
                        result: FitReport.Result(
                            format: job.originalFormat!.rawValue, width: media.width, height: media.height,
                            bitRate: nil, bytes: media.bytes)))
            }
        }
        if let manifestName = layout.manifestName, let manifest = layout.manifest {
            let path = "\(layout.root)/\(manifestName)"
            let text = String(decoding: try read(path), as: UTF8.self)
            let rewritten = try OutputNames.rewriteManifest(text, renames: renames, expected: manifest, file: path)
            if rewritten == text {
                try copy(path, to: "\(staged.path)/\(manifestName)")
            } else {
                do { try AtomicFile.write(Data(rewritten.utf8), to: "\(staged.path)/\(manifestName)") } catch {
                    throw FitError.fileSystem(error)
                }
            }
        }

        // 5. What was written must build, within the budget: checked, not assumed.
        let analysis = try ContentBuilder(sniffer: sniffer).build(directory: staged.path)
        let total = analysis.items.reduce(0) { $0 + $1.rawBytes }
        guard total <= budget else {
            throw FitError.converterFailed(
                tool: .ffmpeg, file: layout.root, status: 0,
                message: "the fitted message is \(total) bytes, over the budget of \(budget); please report this")
        }
        let worst = items.compactMap(\.ssim).min()
        return FitReport(
            directory: layout.root, output: staged.target, profile: profile.name, budgetBytes: budget,
            totalBytes: total,
            worstSSIM: worst, items: items, warnings: layout.problems.filter { $0.severity != .error })
    }

    // MARK: - Steps

    /// libmagic's type, the decoders' facts, and the original as an option when it may stay as it is.
    private func examine(
        path: String, name: String, scratch: String
    ) async throws(FitError)
        -> (SourceMedia, BudgetAllocator.Option?, MediaFormat?)
    {
        let size: Int
        let head: Data
        do {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw FileSystemError(path: path, operation: "read", reason: "it cannot be opened")
            }
            defer { try? handle.close() }
            size = Int(try handle.seekToEnd())
            try handle.seek(toOffset: 0)
            head = try handle.read(upToCount: 1 << 20) ?? Data()
        } catch let error as FileSystemError {
            throw .fileSystem(error)
        } catch {
            throw .fileSystem(FileSystemError(path: path, operation: "read", reason: "\(error)"))
        }
        let libmagic = sniffer.mimeType(of: head)
        let prober = MediaProber(toolbox: toolbox, scratch: scratch)
        let media = try await prober.probe(path, libmagic: libmagic, bytes: size)
        if let limit = profile.maxDurationSeconds, media.kind == .audio || media.kind == .video,
            let duration = media.durationSeconds, duration > limit + 0.05
        {
            throw .tooLong(file: path, seconds: duration, limit: limit, profile: profile.name)
        }
        guard let format = try keepableFormat(path: path, name: name, media: media, size: size) else {
            return (media, nil, nil)
        }
        return (media, BudgetAllocator.Option(bytes: size, quality: 1, isOriginal: true), format)
    }

    /// The file's MMS format when it may be copied as it is: named for what it is, accepted by the profile and
    /// by `build`'s checks, within every limit, and (for MP4) H.264 with AAC or MP3 sound.
    private func keepableFormat(
        path: String, name: String, media: SourceMedia, size: Int
    ) throws(FitError)
        -> MediaFormat?
    {
        let ext = name.split(separator: ".").count > 1 ? name.split(separator: ".").last!.lowercased() : ""
        guard let declared = MediaExtension(rawValue: ext), profile.allowedFormats.contains(declared.format),
            size <= effectiveBudget, size <= profile.maxItemBytes ?? .max
        else { return nil }
        let sniffed: SniffedMedia
        do { sniffed = try sniffer.sniff(try read(path)) } catch { return nil }
        guard sniffed.format == declared.format, !sniffed.isAudioOnlyVideo else { return nil }
        // An APNG passes for a PNG, but most handsets show only its first frame: it becomes a GIF.
        guard media.kind != .animation || sniffed.format == .gif else { return nil }
        if let width = sniffed.details.width ?? media.width, width > profile.maxImageWidth ?? .max { return nil }
        if let height = sniffed.details.height ?? media.height, height > profile.maxImageHeight ?? .max { return nil }
        if sniffed.format == .mp4 {
            guard media.codec == "h264", [nil, "aac", "mp3"].contains(media.audioCodec) else { return nil }
            // The profile's own video limits, as lint applies them (fit's defaults apply only to what it encodes).
            let box = [profile.maxVideoWidth, profile.maxVideoHeight].compactMap { $0 }
            if let width = media.width, let height = media.height, let long = box.max(), let short = box.min(),
                max(width, height) > long || min(width, height) > (box.count == 2 ? short : .max)
            {
                return nil
            }
            if let rate = media.frameRate, let limit = profile.maxFrameRate, rate > limit + 0.01 { return nil }
        }
        return sniffed.format
    }

    /// Makes the candidates of the items at `indices` (all at once, one converter run per core).
    private func encode(
        _ jobs: inout [Job], _ indices: [Int], available: Int, scratch: String,
        progress: (@Sendable (Progress) -> Void)?
    ) async throws {
        guard !indices.isEmpty else { return }
        let total = indices.count
        progress?(Progress(stage: "encoding", done: 0, total: total))
        let work = indices.map { ($0, jobs[$0]) }
        let results = try await withThrowingTaskGroup(of: (Int, [Candidate]).self) { group in
            for (index, job) in work {
                let context = try context(for: job, index: index, scratch: scratch)
                let maximum = min(available, profile.maxItemBytes ?? .max)
                group.addTask {
                    let media = job.media!
                    let path = job.path!
                    let candidates: [Candidate]
                    switch media.kind {
                    case .still: candidates = try await StillImageEncoder(context: context).candidates(from: path)
                    case .animation:
                        candidates = try await AnimationEncoder(context: context).candidates(from: path, source: media)
                    case .audio:
                        candidates = try await AudioEncoder(context: context).candidates(from: path, source: media)
                    case .video:
                        candidates = try await VideoEncoder(context: context, source: media, path: path).candidates(
                            maximumBytes: maximum)
                    }
                    return (index, candidates)
                }
            }
            var results: [(Int, [Candidate])] = []
            for try await result in group {
                results.append(result)
                progress?(Progress(stage: "encoding", done: results.count, total: total))
            }
            return results
        }
        for (index, candidates) in results {
            jobs[index].candidates = candidates.filter { $0.bytes <= profile.maxItemBytes ?? .max }
        }
    }

    /// When GIF cannot fit, an animation may become an MP4 clip: only where the profile takes MP4 and the
    /// message has no other video (a message carries one), and only then — a GIF plays everywhere without a tap.
    /// Adds the clip's candidates to the animation with the largest smallest GIF; returns its index.
    private func animationAsVideo(
        _ jobs: inout [Job], _ indices: [Int], budget: Int, scratch: String
    ) async throws
        -> Int?
    {
        guard profile.allowedFormats.contains(.mp4),
            !indices.contains(where: { jobs[$0].media?.kind == .video || jobs[$0].originalFormat == .mp4 })
        else { return nil }
        let animations = indices.filter { jobs[$0].media?.kind == .animation }
        guard
            let index = animations.max(by: {
                (options(jobs[$0]).map(\.bytes).min() ?? 0, $1) < (options(jobs[$1]).map(\.bytes).min() ?? 0, $0)
            })
        else { return nil }
        let encoder = VideoEncoder(
            context: try context(for: jobs[index], index: index, scratch: scratch), source: jobs[index].media!,
            path: timedInput(jobs[index], index: index, scratch: scratch))
        jobs[index].candidates += try await encoder.candidates(maximumBytes: min(budget, profile.maxItemBytes ?? .max))
        return index
    }

    /// What FFmpeg reads for an item: the file, or for an animated WebP the GIF libvips made of it.
    private func timedInput(_ job: Job, index: Int, scratch: String) -> String {
        let converted = "\(scratch)/item-\(index)/source.gif"
        return FileManager.default.fileExists(atPath: converted) ? converted : job.path!
    }

    /// The options of an item: its candidates, then its original when it may stay.
    private func options(_ job: Job) -> [BudgetAllocator.Option] {
        job.candidates.map { BudgetAllocator.Option(bytes: $0.bytes, quality: $0.quality) }
            + (job.original.map { [$0] } ?? [])
    }

    private func allocate(_ jobs: [Job], _ indices: [Int], budget: Int) -> BudgetAllocator.Allocation {
        let items = indices.map { options(jobs[$0]) }
        guard items.allSatisfy({ !$0.isEmpty }) else {
            return .overBudget(smallest: items.map { $0.map(\.bytes).min() ?? Int.max / 1024 })
        }
        return BudgetAllocator.allocate(items, budget: budget)
    }

    /// Every item at its smallest, the largest first, with what would make it smaller.
    private func shortfall(_ jobs: [Job], _ indices: [Int], budget: Int, textBytes: Int) -> BudgetShortfall {
        var items: [BudgetShortfall.Item] = []
        for index in indices {
            let job = jobs[index]
            let smallest = options(job).map(\.bytes).min()
            let media = job.media!
            let advice: String
            switch media.kind {
            case .video:
                let seconds = media.durationSeconds ?? 0
                let minimum = smallest ?? VideoEncoder.minimumBytes(for: media)
                let share = max(
                    1,
                    budget - textBytes
                        - (indices.filter { $0 != index }.compactMap { options(jobs[$0]).map(\.bytes).min() }.reduce(
                            0, +)))
                let fitting = seconds * Double(share) / Double(max(minimum, 1))
                advice = String(
                    format:
                        "a %.0f-second clip cannot go below that; shorten it to about %.0f s or less, or give it more of the budget",
                    seconds, max(1, fitting.rounded(.down)))
                items.append(.init(file: job.path!, smallestBytes: minimum, advice: advice))
                continue
            case .animation:
                advice = "use fewer frames or a smaller picture"
            case .audio:
                advice = "shorten the track"
            case .still:
                advice = "crop it, or give the other items less of the budget"
            }
            items.append(.init(file: job.path!, smallestBytes: smallest ?? media.bytes, advice: advice))
        }
        items.sort { ($0.smallestBytes, $1.file) > ($1.smallestBytes, $0.file) }
        return BudgetShortfall(
            budget: budget, smallestTotal: items.map(\.smallestBytes).reduce(textBytes, +), items: items)
    }

    private func context(for job: Job, index: Int, scratch: String) throws(FitError) -> EncodingContext {
        let directory = "\(scratch)/item-\(index)"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .fileSystem(FileSystemError(path: directory, operation: "create", reason: "\(error)"))
        }
        return EncodingContext(
            toolbox: toolbox, scratch: directory, settings: settings, profile: profile, file: job.path ?? job.source)
    }

    /// The SSIM the report gives: against the original scaled to the output size.
    private func reportedSSIM(
        _ candidate: Candidate, job: Job, index: Int, scratch: String
    ) async throws(FitError)
        -> Double?
    {
        let media = job.media!
        if candidate.format == .mp4 { return candidate.quality }
        switch media.kind {
        case .audio: return nil
        case .video: return candidate.quality
        case .still, .animation:
            let directory = "\(scratch)/item-\(index)"
            let reference =
                media.kind == .still
                ? "\(directory)/reference.png"
                : FileManager.default.fileExists(atPath: "\(directory)/source.gif")
                    ? "\(directory)/source.gif" : job.path!
            guard let width = candidate.width, let height = candidate.height else { return candidate.quality }
            let meter = SSIMMeter(toolbox: toolbox, scratch: directory)
            return try await meter.ssim(
                candidate.file!, against: reference, width: width, height: height, file: job.path!)
        }
    }

    private func read(_ path: String) throws(FitError) -> Data {
        do throws(FileSystemError) { return try FileReader.read(path) } catch { throw .fileSystem(error) }
    }

    private func copy(_ source: String, to destination: String) throws(FitError) {
        do {
            try FileManager.default.copyItem(atPath: source, toPath: destination)
        } catch {
            throw .fileSystem(FileSystemError(path: destination, operation: "write", reason: "\(error)"))
        }
    }

    /// Refuses an output that is the input directory or inside it (fitting never writes into its input).
    static func checkSeparate(input: String, output: String) throws(FitError) {
        let resolvedInput = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path
        var outputURL = URL(fileURLWithPath: output).standardizedFileURL
        // The output may not exist yet: resolve its parent.
        let parent = outputURL.deletingLastPathComponent().resolvingSymlinksInPath()
        outputURL = parent.appendingPathComponent(outputURL.lastPathComponent)
        let resolvedOutput = outputURL.path
        if resolvedOutput == resolvedInput || resolvedOutput.hasPrefix(resolvedInput + "/") {
            throw .fileSystem(
                FileSystemError(
                    path: output, operation: "fit into",
                    reason: "it is the input directory \(input) or inside it; name a directory outside it"))
        }
    }
}
