/// Counts with their noun in the right number: "1 item", "2 items", "0 invalid lines".
public enum Plural {
    /// `count` and `noun`, with `plural` (default: noun + "s") unless the count is exactly 1.
    public static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }
}
