/// A converter program fitting runs: FFmpeg's two for audio, video and animations, libvips's two for still
/// images (see <doc:Fitting> for why each).
public enum MediaTool: String, Sendable, CaseIterable, Codable {
    case ffmpeg
    case ffprobe
    case vips
    case vipsheader

    /// The Debian (and Ubuntu) package that installs the program.
    public var debianPackage: String {
        switch self {
        case .ffmpeg, .ffprobe: "ffmpeg"
        case .vips, .vipsheader: "libvips-tools"
        }
    }
}
