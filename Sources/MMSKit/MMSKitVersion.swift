/// The version of mmskit, shown by `mmskit --version`.
public enum MMSKitVersion {
    /// The version, e.g. `0.1.0`.
    public static let current = "0.1.0"
}
