import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes content back out as a media directory (`01-1.txt`, `01-2.jpg`, … plus `mms.yaml`) that
/// `ContentBuilder` turns into byte-identical JSON.
public enum ContentUnpacker {
    /// The files a directory for this content holds, in order: name and bytes.
    public static func files(for content: MMSContent, fields: TemplateFields) -> [(name: String, data: Data)] {
        let width = max(2, String(content.frames.count).count)
        var files: [(name: String, data: Data)] = []
        for (frameIndex, frame) in content.frames.enumerated() {
            let number = String(frameIndex + 1)
            let prefix = String(repeating: "0", count: width - number.count) + number
            for (position, item) in frame.items.enumerated() {
                let name = "\(prefix)-\(position + 1).\(item.extType)"
                switch item {
                case .text(let text): files.append((name, TextFile.encode(text)))
                case .media(let media): files.append((name, media.data))
                }
            }
        }
        files.append(("mms.yaml", Data(Manifest.yaml(for: fields).utf8)))
        return files
    }

    /// Writes the directory all at once: into a temporary sibling that is renamed into place, so a failure
    /// leaves nothing behind. `directory` must not exist, or be empty.
    public static func unpack(
        _ content: MMSContent, fields: TemplateFields, to directory: String
    ) throws(FileSystemError) {
        let target = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw FileSystemError(
                    path: target, operation: "unpack into", reason: "it is a file; name a new directory")
            }
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
            guard existing.isEmpty else {
                throw FileSystemError(
                    path: target, operation: "unpack into",
                    reason: "the directory is not empty; name a new or empty directory")
            }
        }
        let url = URL(fileURLWithPath: target)
        let parent = url.deletingLastPathComponent().path
        let temporary = "\(parent)/.\(url.lastPathComponent).\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        guard mkdir(temporary, 0o777) == 0 else {
            throw .fromErrno(
                errno, path: target, operation: "unpack into (creating a temporary directory in '\(parent)')")
        }
        do throws(FileSystemError) {
            for file in files(for: content, fields: fields) {
                try AtomicFile.write(file.data, to: "\(temporary)/\(file.name)")
            }
            guard rename(temporary, target) == 0 else {
                throw FileSystemError.fromErrno(
                    errno, path: target, operation: "unpack into (renaming the temporary directory)")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}
