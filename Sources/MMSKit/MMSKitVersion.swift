/// The version of mmskit, shown by `mmskit --version`.
public enum MMSKitVersion {
    public static let current = "0.1.0"
}
