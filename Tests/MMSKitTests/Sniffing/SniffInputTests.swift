import Foundation
import MMSKitTestSupport
import Testing

@testable import MMSKit

/// What `mmskit sniff` looks at: named files as given, directories searched.
@Suite struct SniffInputTests {
    @Test func searchesDirectoriesSkippingTextManifestsAndHiddenFiles() throws {
        let temporary = try TemporaryDirectory(files: [
            "02-b.png": Data([1]), "01-a.jpg": Data([1]), "01-text.txt": Data([1]), "mms.yaml": Data([1]),
            "notes.md": Data([1]), ".hidden.jpg": Data([1]),
        ])
        let directory = temporary.path
        try FileManager.default.createDirectory(atPath: "\(directory)/sub", withIntermediateDirectories: false)
        try Data([1]).write(to: URL(fileURLWithPath: "\(directory)/sub/03-c.gif"))
        let inputs = SniffInput.expand(["\(directory)/"])
        #expect(inputs.map(\.path) == ["\(directory)/01-a.jpg", "\(directory)/02-b.png", "\(directory)/sub/03-c.gif"])
        #expect(inputs.allSatisfy { $0.failure == nil })
    }

    @Test func namedFilesStayAsGivenAndUnreadableEntriesAreNamed() throws {
        let temporary = try TemporaryDirectory(files: ["b.jpg": Data([1])])
        let directory = temporary.path
        try FileManager.default.createSymbolicLink(
            atPath: "\(directory)/gone.jpg", withDestinationPath: "\(directory)/nowhere.jpg")
        let named = SniffInput.expand(["\(directory)/b.jpg", "\(directory)/missing.jpg"])
        #expect(named == [SniffInput(path: "\(directory)/b.jpg"), SniffInput(path: "\(directory)/missing.jpg")])
        let searched = SniffInput.expand([directory])
        #expect(searched.first { $0.path == "\(directory)/gone.jpg" }?.failure != nil)
        #expect(searched.contains(SniffInput(path: "\(directory)/b.jpg")))
    }
}
