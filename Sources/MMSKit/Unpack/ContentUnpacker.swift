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
        let staged = try StagedDirectory(directory, operation: "unpack into")
        do throws(FileSystemError) {
            for file in files(for: content, fields: fields) {
                try AtomicFile.write(file.data, to: "\(staged.path)/\(file.name)")
            }
            try staged.commit()
        } catch {
            staged.discard()
            throw error
        }
    }
}
