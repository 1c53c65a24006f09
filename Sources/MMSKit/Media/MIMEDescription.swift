/// Human names for MIME types libmagic reports, so a rejection says "a WebP image", not just a MIME type.
enum MIMEDescription {
    private static let names: [String: String] = [
        "application/x-empty": "an empty file",
        "application/octet-stream": "unrecognised binary data",
        "inode/x-empty": "an empty file",
        "text/plain": "a plain text file",
        "text/html": "an HTML document",
        "text/xml": "an XML document",
        "application/json": "a JSON document",
        "application/pdf": "a PDF document",
        "application/zip": "a ZIP archive",
        "application/gzip": "a gzip archive",
        "image/webp": "a WebP image",
        "image/heic": "a HEIC image",
        "image/heif": "a HEIF image",
        "image/avif": "an AVIF image",
        "image/bmp": "a BMP image",
        "image/x-ms-bmp": "a BMP image",
        "image/tiff": "a TIFF image",
        "image/svg+xml": "an SVG drawing",
        "image/vnd.microsoft.icon": "an icon file",
        "image/x-icon": "an icon file",
        "image/jxl": "a JPEG XL image",
        "image/jp2": "a JPEG 2000 image",
        "audio/x-m4a": "an M4A (AAC) audio file",
        "audio/mp4": "an MPEG-4 audio file",
        "video/x-m4v": "an M4V video",
        "video/quicktime": "a QuickTime (MOV) video",
        "video/3gpp": "a 3GP video",
        "video/3gpp2": "a 3G2 video",
        "audio/x-wav": "a WAV audio file",
        "audio/wav": "a WAV audio file",
        "audio/amr": "an AMR audio file",
        "audio/x-hx-aac-adts": "a raw AAC (ADTS) audio file",
        "audio/aac": "a raw AAC audio file",
        "audio/ogg": "an Ogg audio file",
        "audio/x-flac": "a FLAC audio file",
        "audio/flac": "a FLAC audio file",
        "audio/midi": "a MIDI file",
        "video/webm": "a WebM video",
        "video/x-matroska": "a Matroska (MKV) video",
        "video/x-msvideo": "an AVI video",
        "video/mpeg": "an MPEG program stream video",
        "video/mp2t": "an MPEG transport stream video",
        "video/x-flv": "a Flash video",
    ]

    /// "a WebP image", or "a file of type X" for types without a name here.
    static func name(of mimeType: String) -> String {
        names[mimeType] ?? "a file of type \(mimeType)"
    }

    /// A hint on how to convert, by the kind of thing it is.
    static func advice(for mimeType: String) -> String {
        if mimeType.hasPrefix("image/") { return "; convert it to JPEG, PNG or GIF" }
        if mimeType.hasPrefix("audio/") { return "; convert it to MP3 (e.g. ffmpeg -i IN -c:a libmp3lame OUT.mp3)" }
        if mimeType.hasPrefix("video/") {
            return "; convert it to H.264 MP4 (e.g. ffmpeg -i IN -c:v libx264 -c:a aac -movflags +faststart OUT.mp4)"
        }
        return ""
    }
}
