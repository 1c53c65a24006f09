import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds MMS content from a directory of media: frames by leading number (or `mms.yaml`), text from `.txt`
/// files, every media file sniffed with libmagic and structurally checked, all files checked in parallel.
///
/// Every problem in the directory is reported at once, each naming its file and what to do.
public struct ContentBuilder: Sendable {
    /// Identifies and checks every media file of the directory.
    public var sniffer: MediaSniffer

    /// A builder that checks media with `sniffer`.
    public init(sniffer: MediaSniffer) {
        self.sniffer = sniffer
    }

    /// Builds the directory at `directory` (the path is used as given in diagnostics).
    /// - Throws: `.invalid` with every problem found, or `.unreadable` when the directory or a file in it cannot be read.
    public func build(directory: String) throws(ContentLoadError) -> ContentAnalysis {
        do {
            return try buildContent(directory: directory)
        } catch let error as ContentError {
            throw .invalid(error: error)
        } catch let error as FileSystemError {
            throw .unreadable(error: error)
        } catch {
            throw .unreadable(error: FileSystemError(path: directory, operation: "build from", reason: "\(error)"))
        }
    }

    /// Reads the directory's layout without reading any media: its frames (by leading number or `mms.yaml`),
    /// which file or manifest text goes where, and every problem of the layout itself (errors and warnings).
    /// `fit` starts here, since its media need not be in an MMS format yet.
    /// - Throws: `.invalid` when the manifest cannot be parsed, `.unreadable` when the directory cannot be read.
    public func layout(directory: String) throws(ContentLoadError) -> ContentLayout {
        do {
            return try readLayout(directory: directory)
        } catch let error as ContentError {
            throw .invalid(error: error)
        } catch let error as FileSystemError {
            throw .unreadable(error: error)
        } catch {
            throw .unreadable(
                error: FileSystemError(path: directory, operation: "read the layout of", reason: "\(error)"))
        }
    }

    private func readLayout(directory: String) throws -> ContentLayout {
        let root = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
            throw FileSystemError(path: root, operation: "read", reason: "no such file or directory")
        }
        guard isDirectory.boolValue else {
            throw FileSystemError(
                path: root, operation: "build from", reason: "it is not a directory; name a directory of media files")
        }
        let listing = try DirectoryListing.read(root)
        let names = listing.names
        var problems: [Diagnostic] = []
        func fail(_ path: String, _ message: String, _ ruleID: RuleID) {
            problems.append(Diagnostic(.error, message, location: Diagnostic.Location(file: path), ruleID: ruleID))
        }
        for shown in listing.invalidNames where !shown.hasPrefix(".") {
            fail("\(root)/\(shown)", DirectoryListing.invalidNameReason(shown), .directoryLayout)
        }

        let manifestName = try manifestName(root: root, names: names)
        let manifest = try manifestName.map { try readManifest(path: "\(root)/\($0)") }
        let visible = names.filter { !$0.hasPrefix(".") && !Manifest.fileNames.contains($0) }.sorted()
        var files: [String: DirectoryEntry] = [:]
        let realRoot = Self.realPath(root) ?? root
        for name in visible {
            let entry = DirectoryEntry(name: name, path: "\(root)/\(name)")
            switch Self.kind(of: entry.path, insideRealRoot: realRoot) {
            case .file:
                files[name] = entry
            case .directory:
                fail(
                    entry.path,
                    "\(name) is a subdirectory; frames come only from files directly in \(root) — move its files up or remove it",
                    .directoryLayout)
            case .escapingLink(let target):
                fail(
                    entry.path,
                    "\(name) is a symlink to \(target), outside \(root); copy the file into the directory instead",
                    .directoryLayout)
            case .brokenLink:
                fail(entry.path, "\(name) is a symlink to nothing; fix or remove it", .directoryLayout)
            case .linkLoop:
                fail(
                    entry.path,
                    "\(name) is a symlink loop (too many levels of symbolic links: it leads back to itself); fix or remove it",
                    .directoryLayout)
            case .unexaminable(let reason):
                fail(entry.path, "\(name) cannot be examined (\(reason)); check it or remove it", .directoryLayout)
            case .unfollowableLink(let reason):
                fail(
                    entry.path, "\(name) is a symlink that cannot be followed (\(reason)); fix or remove it",
                    .directoryLayout)
            case .other(let what):
                fail(entry.path, "\(name) is \(what), not a regular file; remove it", .directoryLayout)
            }
        }

        let plan = planFrames(root: root, files: files, manifest: manifest, problems: &problems)
        return ContentLayout(
            root: root, manifestName: manifestName, manifest: manifest,
            frames: plan.map { frame in
                frame.map { item in
                    switch item {
                    case .file(let entry): .file(name: entry.name, path: entry.path, isText: entry.isText)
                    case .text(let text): .text(text)
                    }
                }
            }, problems: problems)
    }

    /// The build; throws `ContentError` or `FileSystemError`, which `build(directory:)` tells apart.
    private func buildContent(directory: String) throws -> ContentAnalysis {
        let layout = try readLayout(directory: directory)
        var problems = layout.problems
        let plan: [[PlannedItem]] = layout.frames.map { frame in
            frame.map { item in
                switch item {
                case .file(let name, let path, _): .file(DirectoryEntry(name: name, path: path))
                case .text(let text): .text(text)
                }
            }
        }
        let root = layout.root
        let loads = plan.flatMap { $0 }.compactMap { item -> DirectoryEntry? in
            if case .file(let entry) = item { entry } else { nil }
        }
        let sniffer = self.sniffer
        let results = loads.parallelMap { entry in Self.load(entry, sniffer: sniffer) }
        var loaded: [String: LoadedFile] = [:]
        for (entry, result) in zip(loads, results) {
            loaded[entry.name] = result
            problems.append(contentsOf: result.problems)
        }
        // A file that cannot be read is the tool's failure (exit status 2), not a problem in the content.
        if let failure = FileSystemError.combining(results.compactMap(\.failure)) { throw failure }
        guard !problems.containsErrors else {
            throw ContentError(diagnostics: problems.sorted())
        }

        var frames: [Frame] = []
        var items: [AnalyzedItem] = []
        for (frameIndex, planned) in plan.enumerated() {
            var frameItems: [FrameItem] = []
            for (position, item) in planned.enumerated() {
                let frameItem: FrameItem
                let source: String
                var sniffed: SniffedMedia?
                switch item {
                case .text(let text):
                    frameItem = .text(text)
                    source = "mms.yaml"
                case .file(let entry):
                    guard let file = loaded[entry.name], let value = file.item else { continue }
                    frameItem = value
                    source = entry.name
                    sniffed = file.media
                }
                frameItems.append(frameItem)
                items.append(
                    Self.analyzedItem(
                        frameItem, frame: frameIndex + 1, position: position + 1, source: source, media: sniffed))
            }
            do {
                frames.append(try Frame(items: frameItems))
            } catch {
                throw ContentError(diagnostics: [
                    Diagnostic(
                        .error, "frame \(frameIndex + 1): \(error)", location: Diagnostic.Location(file: root),
                        ruleID: .frameItems)
                ])
            }
        }
        return ContentAnalysis(
            content: MMSContent(frames: frames), fields: layout.manifest?.fields ?? TemplateFields(), items: items,
            diagnostics: problems.sorted())
    }

    static func analyzedItem(
        _ item: FrameItem, frame: Int, position: Int, source: String, media: SniffedMedia?
    ) -> AnalyzedItem {
        var characters: Int?
        if case .text(let text) = item { characters = text.count }
        return AnalyzedItem(
            frame: frame, position: position, contentType: item.contentType, extType: item.extType, source: source,
            rawBytes: item.rawByteCount, wireBytes: item.wireByteCount, characters: characters, media: media)
    }

    // MARK: - Manifest

    /// The manifest's file name, if the directory has one (and only one).
    private func manifestName(root: String, names: [String]) throws -> String? {
        let present = Manifest.fileNames.filter(names.contains)
        if present.count > 1 {
            throw ContentError(diagnostics: [
                Diagnostic(
                    .error, "both mms.yaml and mms.yml are present; keep one",
                    location: Diagnostic.Location(file: "\(root)/mms.yml"), ruleID: .manifest)
            ])
        }
        return present.first
    }

    private func readManifest(path: String) throws -> Manifest {
        var bytes = [UInt8](try FileReader.read(path))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // Windows Notepad writes a BOM
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ContentError(diagnostics: [
                Diagnostic(
                    .error, "the manifest is not UTF-8; save it as UTF-8", location: Diagnostic.Location(file: path),
                    ruleID: .manifest)
            ])
        }
        return try Manifest(yaml: text, file: path)
    }

    // MARK: - Frames

    enum PlannedItem: Sendable {
        case file(DirectoryEntry)
        case text(String)
    }

    private func planFrames(
        root: String, files: [String: DirectoryEntry], manifest: Manifest?, problems: inout [Diagnostic]
    ) -> [[PlannedItem]] {
        var plan: [[PlannedItem]] = []
        if let listed = manifest?.frames {
            var used = Set<String>()
            let manifestPath = "\(root)/mms.yaml"
            for (index, entries) in listed.enumerated() {
                var frame: [PlannedItem] = []
                for (position, entry) in entries.enumerated() {
                    switch entry {
                    case .text(let text):
                        // The same test as the .txt files' and lint's text-empty.
                        if TextFile.isBlank(text) {
                            problems.append(
                                Diagnostic(
                                    .error,
                                    "frame \(index + 1), entry \(position + 1): the {text: ...} entry is empty or only whitespace; write the frame's text or remove the entry",
                                    location: Diagnostic.Location(file: manifestPath), ruleID: .textEmpty))
                        }
                        frame.append(.text(text))
                    case .file(let name):
                        if let file = files[name] {
                            frame.append(.file(file))
                            if !used.insert(name).inserted {
                                problems.append(
                                    Diagnostic(
                                        .warning, "\(name) is listed in more than one frame of the manifest",
                                        location: Diagnostic.Location(file: manifestPath), ruleID: .manifest))
                            }
                        } else {
                            problems.append(
                                Diagnostic(
                                    .error, "frame \(index + 1) lists \(name), which is not a file in \(root)",
                                    location: Diagnostic.Location(file: manifestPath), ruleID: .manifest))
                        }
                    }
                }
                if entries.isEmpty {
                    problems.append(
                        Diagnostic(
                            .error,
                            "frame \(index + 1) of the manifest is empty; list a file or a {text: ...} entry, or remove it",
                            location: Diagnostic.Location(file: manifestPath), ruleID: .frameEmpty))
                }
                checkItemCounts(frame, frame: index + 1, location: manifestPath, problems: &problems)
                plan.append(frame)
            }
            if listed.isEmpty {
                problems.append(
                    Diagnostic(
                        .error, "the manifest's frames list is empty",
                        location: Diagnostic.Location(file: manifestPath), ruleID: .contentEmpty))
            }
            for name in files.keys.sorted() where !used.contains(name) {
                problems.append(
                    Diagnostic(
                        .warning, "\(name) is not listed in the manifest's frames and is left out",
                        location: Diagnostic.Location(file: "\(root)/\(name)"), ruleID: .manifest))
            }
            return plan
        }
        var numbered: [Int: [DirectoryEntry]] = [:]
        for (name, entry) in files {
            guard let number = entry.frameNumber else {
                problems.append(
                    Diagnostic(
                        .error,
                        "\(name) fits no frame: start its name with a frame number (e.g. 01-\(name)) or list it in mms.yaml",
                        location: Diagnostic.Location(file: entry.path), ruleID: .directoryLayout))
                continue
            }
            numbered[number, default: []].append(entry)
        }
        for number in numbered.keys.sorted() {
            let entries = numbered[number]!.sorted { $0.name < $1.name }
            let frame = entries.map(PlannedItem.file)
            checkItemCounts(frame, frame: number, location: entries.last!.path, problems: &problems)
            plan.append(frame)
        }
        if plan.isEmpty && problems.isEmpty {
            problems.append(
                Diagnostic(
                    .error, "\(root) holds no media or text files; add files such as 01-intro.txt and 01-hero.jpg",
                    location: Diagnostic.Location(file: root), ruleID: .contentEmpty))
        }
        return plan
    }

    /// Reports a frame with two texts or two media, located at the first file that is one too many.
    private func checkItemCounts(
        _ frame: [PlannedItem], frame number: Int, location: String, problems: inout [Diagnostic]
    ) {
        var texts: [(name: String, path: String)] = []
        var media: [(name: String, path: String)] = []
        for item in frame {
            switch item {
            case .text: texts.append(("an inline text", location))
            case .file(let entry):
                if entry.isText {
                    texts.append((entry.name, entry.path))
                } else {
                    media.append((entry.name, entry.path))
                }
            }
        }
        for violation in FrameItemCount(texts: texts.count, media: media.count).violations {
            switch violation {
            case .tooManyTexts:
                problems.append(
                    Diagnostic(
                        .error,
                        "frame \(number) has \(texts.count) texts (\(texts.map(\.name).joined(separator: ", "))); a frame holds one text — merge them or give one another frame number",
                        location: Diagnostic.Location(file: texts[FrameItemCount.maxTexts].path), ruleID: .frameItems))
            case .tooManyMedia:
                problems.append(
                    Diagnostic(
                        .error,
                        "frame \(number) has \(media.count) media files (\(media.map(\.name).joined(separator: ", "))); a frame holds one image, audio or video — give each its own frame number",
                        location: Diagnostic.Location(file: media[FrameItemCount.maxMedia].path), ruleID: .frameItems))
            case .empty:
                break
            }
        }
    }

    /// Reads a frame's `.txt` file as `build` does (UTF-8, a BOM dropped, not blank).
    /// - Throws: `.invalid` naming the file and what to do, `.unreadable` when it cannot be read.
    public func text(at path: String) throws(ContentLoadError) -> String {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let result = Self.load(DirectoryEntry(name: name, path: path), sniffer: sniffer)
        if let failure = result.failure { throw .unreadable(error: failure) }
        guard case .text(let text) = result.item else {
            throw .invalid(error: ContentError(diagnostics: result.problems))
        }
        return text
    }

    // MARK: - Files

    struct LoadedFile: Sendable {
        var item: FrameItem?
        var media: SniffedMedia?
        var problems: [Diagnostic] = []
        /// Why the file could not be read at all.
        var failure: FileSystemError?
    }

    private static func load(_ entry: DirectoryEntry, sniffer: MediaSniffer) -> LoadedFile {
        var result = LoadedFile()
        func fail(
            _ message: String, _ ruleID: RuleID, line: Int? = nil, column: Int? = nil,
            severity: Diagnostic.Severity = .error
        ) {
            result.problems.append(
                Diagnostic(
                    severity, message, location: Diagnostic.Location(file: entry.path, line: line, column: column),
                    ruleID: ruleID))
        }
        let data: Data
        do {
            data = try FileReader.read(entry.path)
        } catch {
            result.failure = error
            return result
        }
        if entry.isText {
            switch TextFile.decode(data) {
            case .success(let text):
                result.item = .text(text)
            case .failure(.empty):
                fail("\(entry.name) is empty or only whitespace; write the frame's text or remove the file", .textEmpty)
            case .failure(.invalidUTF8(let offset, let line, let column)):
                fail(
                    "\(entry.name) is not valid UTF-8 (first bad byte at offset \(offset)); save it as UTF-8",
                    .textEncoding, line: line, column: column)
            }
            return result
        }
        let declared = entry.fileExtension.flatMap { MediaExtension(rawValue: $0) }
        let outcome = data.withUnsafeBytes { bytes in
            MediaVerdict.check(
                bytes, declared: declared, declaredText: entry.fileExtension ?? "", subject: .file(name: entry.name),
                sniffer: sniffer)
        }
        for problem in outcome.problems {
            fail(problem.message, problem.ruleID, severity: problem.severity)
        }
        if let media = outcome.media {
            if let declared {
                result.item = .media(MediaItem(extType: declared, data: data))
            } else if !outcome.problems.contains(where: { $0.severity == .error }) {
                let what =
                    entry.fileExtension.map { "its extension .\($0) is not one MMS uses" } ?? "it has no extension"
                fail(
                    "\(entry.name) is a \(media.format.displayName) but \(what); rename it to end in .\(media.format.preferredExtension.rawValue)",
                    .mediaTypeMismatch)
            }
            result.media = media
        }
        return result
    }

    private enum Kind {
        case file
        case directory
        case escapingLink(String)
        /// A symlink whose target does not exist.
        case brokenLink
        /// A symlink that leads back to itself (ELOOP).
        case linkLoop
        /// A symlink that cannot be followed for another reason (a directory on the way it may not search).
        case unfollowableLink(String)
        /// An entry that `lstat` cannot examine (it vanished after the listing, say), with the reason.
        case unexaminable(String)
        /// A FIFO, a device or a socket, described.
        case other(String)
    }

    private static func kind(of path: String, insideRealRoot realRoot: String) -> Kind {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .unexaminable(String(cString: strerror(errno))) }
        if status.st_mode & S_IFMT == S_IFLNK {
            guard let target = realPath(path) else { return unresolvedLink(errno) }
            guard target.hasPrefix(realRoot + "/") else { return .escapingLink(target) }
            guard stat(path, &status) == 0 else { return unresolvedLink(errno) }
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other(FileReader.describe(mode: status.st_mode))
        }
    }

    /// What a symlink that `realpath` or `stat` could not follow is, from the `errno` they set.
    private static func unresolvedLink(_ code: Int32) -> Kind {
        switch code {
        case ENOENT: .brokenLink
        case ELOOP: .linkLoop
        default: .unfollowableLink(String(cString: strerror(code)))
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
