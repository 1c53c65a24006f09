/// Shares a byte budget out across a message's items so that the *worst* item's quality is as high as it can be:
/// the highest quality level every item can reach together within the budget is found first (each item then
/// taking its smallest encode at that level); items that can stay as they are get their original back where the
/// budget allows; what is left raises the lowest items further.
///
/// Pure and deterministic: ties go to the smaller encode, then to the earlier candidate.
struct BudgetAllocator: Sendable {
    /// One way to encode an item.
    struct Option: Sendable, Hashable {
        var bytes: Int
        var quality: Double
        var isOriginal = false
    }

    /// The outcome.
    enum Allocation: Sendable, Hashable {
        /// The chosen option of each item, and the bytes left over.
        case fits(choices: [Int], leftover: Int)
        /// Even each item's smallest option is over the budget: those smallest sizes.
        case overBudget(smallest: [Int])
    }

    /// Chooses an option for every item (`items[i]` lists item i's options; none may be empty).
    static func allocate(_ items: [[Option]], budget: Int) -> Allocation {
        let smallest = items.map { options in options.map(\.bytes).min() ?? 0 }
        guard smallest.reduce(0, +) <= budget else { return .overBudget(smallest: smallest) }

        // 1. The highest level every item reaches together: binary search over the qualities that occur.
        let levels = Set(items.flatMap { $0.map(\.quality) }).sorted()
        var low = 0
        var high = levels.count - 1
        var best: [Int]?
        while low <= high {
            let middle = (low + high) / 2
            if let choices = cheapest(items, atLeast: levels[middle]),
                total(items, choices) <= budget
            {
                best = choices
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        // The lowest level is always reachable when the smallest options fit: each item's smallest has quality
        // ≥ the lowest level of all.
        var choices = best ?? items.map { options in options.indices.min { options[$0].bytes < options[$1].bytes }! }
        var used = total(items, choices)

        // 2. Originals back, the cheapest first, where the budget allows.
        let keepable = items.indices.compactMap { item -> (item: Int, option: Int, extra: Int)? in
            guard let original = items[item].firstIndex(where: \.isOriginal), original != choices[item] else {
                return nil
            }
            return (item, original, items[item][original].bytes - items[item][choices[item]].bytes)
        }.sorted { ($0.extra, $0.item) < ($1.extra, $1.item) }
        for keep in keepable where used + keep.extra <= budget {
            choices[keep.item] = keep.option
            used += keep.extra
        }

        // 3. What is left raises the lowest items first, one step at a time.
        var improved = true
        while improved {
            improved = false
            let order = items.indices.filter { !items[$0][choices[$0]].isOriginal }.sorted {
                (items[$0][choices[$0]].quality, $0) < (items[$1][choices[$1]].quality, $1)
            }
            for item in order {
                let current = items[item][choices[item]]
                let better = items[item].indices.filter {
                    items[item][$0].quality > current.quality
                        && used - current.bytes + items[item][$0].bytes <= budget
                }
                // The next step up: the smallest better option.
                guard let next = better.min(by: { (items[item][$0].bytes, $0) < (items[item][$1].bytes, $1) }) else {
                    continue
                }
                used += items[item][next].bytes - current.bytes
                choices[item] = next
                improved = true
                break
            }
        }
        return .fits(choices: choices, leftover: budget - used)
    }

    /// Each item's smallest option of at least `level`, or `nil` when one item has none.
    private static func cheapest(_ items: [[Option]], atLeast level: Double) -> [Int]? {
        var choices: [Int] = []
        for options in items {
            let eligible = options.indices.filter { options[$0].quality >= level }
            guard let choice = eligible.min(by: { (options[$0].bytes, $0) < (options[$1].bytes, $1) }) else {
                return nil
            }
            choices.append(choice)
        }
        return choices
    }

    private static func total(_ items: [[Option]], _ choices: [Int]) -> Int {
        zip(items, choices).reduce(0) { $0 + $1.0[$1.1].bytes }
    }
}
