import Testing

@testable import MMSKitFit

@Suite struct BudgetAllocatorTests {
    typealias Option = BudgetAllocator.Option

    /// A ladder of options: (bytes, quality) pairs.
    func ladder(_ pairs: [(Int, Double)]) -> [Option] {
        pairs.map { Option(bytes: $0.0, quality: $0.1) }
    }

    @Test func theWorstItemIsAsGoodAsTheBudgetAllows() throws {
        // Item A is cheap to keep good; item B is expensive. Squeezing both the same way would leave B at 0.80;
        // the allocator gives B what it needs for 0.90 and A a little less.
        let a = ladder([(100, 0.99), (60, 0.95), (40, 0.90), (20, 0.80)])
        let b = ladder([(400, 0.99), (250, 0.95), (150, 0.90), (80, 0.80)])
        let allocation = BudgetAllocator.allocate([a, b], budget: 200)
        guard case .fits(let choices, let leftover) = allocation else {
            Issue.record("expected a fit, got \(allocation)")
            return
        }
        #expect(min(a[choices[0]].quality, b[choices[1]].quality) == 0.90)
        #expect(a[choices[0]].bytes + b[choices[1]].bytes + leftover == 200)
        #expect(choices == [2, 2])
        #expect(leftover == 10)
    }

    @Test func anOriginalIsKeptWhereTheBudgetAllowsIt() {
        let photo = ladder([(300, 0.99), (150, 0.95)]) + [Option(bytes: 400, quality: 1, isOriginal: true)]
        let clip = ladder([(500, 0.97), (300, 0.93)])
        guard case .fits(let choices, _) = BudgetAllocator.allocate([photo, clip], budget: 1000) else {
            Issue.record("expected a fit")
            return
        }
        #expect(photo[choices[0]].isOriginal)
        #expect(clip[choices[1]].quality == 0.97)
        // When keeping it would lower the worst item, it is not kept.
        guard case .fits(let tight, _) = BudgetAllocator.allocate([photo, clip], budget: 700) else {
            Issue.record("expected a fit")
            return
        }
        #expect(!photo[tight[0]].isOriginal)
        #expect(photo[tight[0]].quality == 0.95)
        #expect(clip[tight[1]].quality == 0.97)
    }

    @Test func overBudgetNamesEveryItemsSmallest() {
        let allocation = BudgetAllocator.allocate(
            [ladder([(100, 0.9), (50, 0.8)]), ladder([(900, 0.9), (700, 0.7)])], budget: 600)
        #expect(allocation == .overBudget(smallest: [50, 700]))
    }

    @Test func theSameInputGivesTheSameChoice() {
        // Equal options everywhere: ties go to the earlier candidate, every time.
        let items = Array(repeating: ladder([(100, 0.9), (100, 0.9), (50, 0.8)]), count: 4)
        let first = BudgetAllocator.allocate(items, budget: 300)
        for _ in 0..<10 { #expect(BudgetAllocator.allocate(items, budget: 300) == first) }
        // The lowest level all four reach is 0.8 (200 bytes); the 100 left raise the first two, in order.
        #expect(first == .fits(choices: [0, 0, 2, 2], leftover: 0))
    }
}
