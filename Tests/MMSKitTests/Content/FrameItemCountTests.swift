import Testing

@testable import MMSKit

/// The one place that decides how many texts and media a frame may hold.
@Suite struct FrameItemCountTests {
    @Test(arguments: [
        ([ContentType.text, .image], [FrameError]()),
        ([.text, .text, .image], [.tooManyTexts(count: 2)]),
        ([.image, .video, .audio], [.tooManyMedia(count: 3)]),
        ([.text, .text, .image, .image], [.tooManyTexts(count: 2), .tooManyMedia(count: 2)]),
    ])
    func countsTextsAndMedia(types: [ContentType], violations: [FrameError]) {
        #expect(FrameItemCount(types).violations == violations)
    }

    @Test func frameAndRuleAgreeWithTheCount() throws {
        let media = MediaItem(extType: .png, data: try Fixtures.data("promo/02-menu.png"))
        #expect(throws: FrameError.tooManyTexts(count: 2)) { try Frame(items: [.text("a"), .text("b")]) }
        #expect(throws: FrameError.tooManyMedia(count: 2)) { try Frame(items: [.media(media), .media(media)]) }
        #expect(try Frame(items: [.text("a"), .media(media)]).items.count == 2)
    }
}
