import Foundation
import Testing

@testable import MMSKit

@Suite struct FrameTests {
    let image = MediaItem(extType: .jpg, data: Data([0xFF, 0xD8]))

    @Test func textAndMediaKeepDisplayOrder() throws {
        #expect(Frame(text: "hi", media: image, textFirst: true).items == [.text("hi"), .media(image)])
        #expect(Frame(text: "hi", media: image, textFirst: false).items == [.media(image), .text("hi")])
        let frame = try Frame(items: [.media(image), .text("hi")])
        #expect(frame.text == "hi")
        #expect(frame.media == image)
    }

    @Test func rejectsEmptyAndCrowdedFrames() {
        #expect(throws: FrameError.empty) { try Frame(items: []) }
        #expect(throws: FrameError.tooManyTexts(count: 2)) { try Frame(items: [.text("a"), .text("b")]) }
        #expect(throws: FrameError.tooManyMedia(count: 2)) { try Frame(items: [.media(image), .media(image)]) }
    }

    @Test func contentTypeFollowsExtension() {
        #expect(MediaItem(extType: .gif, data: Data()).contentType == .image)
        #expect(MediaItem(extType: .mp3, data: Data()).contentType == .audio)
        #expect(MediaItem(extType: .mp4, data: Data()).contentType == .video)
        #expect(MediaExtension.jpeg.format == .jpeg)
        #expect(MediaExtension(caseInsensitive: "JPG") == .jpg)
    }

    @Test func sizesCountBase64OnTheWire() {
        let content = MMSContent(frames: [Frame(text: "你好", media: MediaItem(extType: .png, data: Data(count: 10)))])
        #expect(content.rawByteCount == 6 + 10)
        #expect(content.wireByteCount == 6 + 16)
    }
}
