/// Byte counts for people: "23,456 B" in tables, "1.4 MiB" in summaries.
public enum ByteCount {
    public static func grouped(_ value: Int) -> String {
        GroupedNumber.text(value)
    }

    public static func approximate(_ value: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024 && unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        return unit == 0 ? "\(value) B" : String(format: "%.1f %@", amount, units[unit])
    }
}
