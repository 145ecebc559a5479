//! What a file is, from its bytes alone (magic numbers), never from its name or a claimed
//! Content-Type.

/// What the bytes look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detected {
    Jpeg,
    Png,
    Gif,
    WebP,
    Svg,
    Html,
    Pdf,
    Tiff,
    Bmp,
    Heic,
    Avif,
    Ico,
    Text,
    Empty,
    Unknown,
}

/// The formats the pipeline can decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum InputFormat {
    Jpeg,
    Png,
    Gif,
    WebP,
    /// HEIF with HEVC-coded images: iPhone photos. Decoded by heifer (pure Rust), only
    /// in the decoder jail.
    Heic,
    /// HEIF with AV1-coded images. Decoded by rav1d (the Rust port of dav1d), only in
    /// the decoder jail, behind the same container walk as HEIC.
    Avif,
}

impl InputFormat {
    pub const ALL: [InputFormat; 6] = [
        InputFormat::Jpeg,
        InputFormat::Png,
        InputFormat::Gif,
        InputFormat::WebP,
        InputFormat::Heic,
        InputFormat::Avif,
    ];

    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Jpeg => "JPEG",
            InputFormat::Png => "PNG",
            InputFormat::Gif => "GIF",
            InputFormat::WebP => "WebP",
            InputFormat::Heic => "HEIC",
            InputFormat::Avif => "AVIF",
        }
    }

    /// Parses `jpeg`/`jpg`, `png`, `gif`, `webp` (any case).
    pub fn parse(text: &str) -> Option<InputFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "jpeg" | "jpg" => Some(InputFormat::Jpeg),
            "png" => Some(InputFormat::Png),
            "gif" => Some(InputFormat::Gif),
            "webp" => Some(InputFormat::WebP),
            "heic" | "heif" => Some(InputFormat::Heic),
            "avif" => Some(InputFormat::Avif),
            _ => None,
        }
    }

    /// File name extensions that belong to this format.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            InputFormat::Jpeg => &["jpg", "jpeg", "jpe", "jfif"],
            InputFormat::Png => &["png"],
            InputFormat::Gif => &["gif"],
            InputFormat::WebP => &["webp"],
            InputFormat::Heic => &["heic", "heif", "hif"],
            InputFormat::Avif => &["avif"],
        }
    }
}

impl Detected {
    /// A name for messages: "SVG image", "HTML document", ...
    pub fn describe(self) -> &'static str {
        match self {
            Detected::Jpeg => "JPEG image",
            Detected::Png => "PNG image",
            Detected::Gif => "GIF image",
            Detected::WebP => "WebP image",
            Detected::Svg => "SVG image",
            Detected::Html => "HTML document",
            Detected::Pdf => "PDF document",
            Detected::Tiff => "TIFF image",
            Detected::Bmp => "BMP image",
            Detected::Heic => "HEIC image",
            Detected::Avif => "AVIF image",
            Detected::Ico => "ICO icon",
            Detected::Text => "plain text",
            Detected::Empty => "empty file",
            Detected::Unknown => "unrecognised binary data",
        }
    }

    /// A stable machine name for `--json`.
    pub fn key(self) -> &'static str {
        match self {
            Detected::Jpeg => "jpeg",
            Detected::Png => "png",
            Detected::Gif => "gif",
            Detected::WebP => "webp",
            Detected::Svg => "svg",
            Detected::Html => "html",
            Detected::Pdf => "pdf",
            Detected::Tiff => "tiff",
            Detected::Bmp => "bmp",
            Detected::Heic => "heic",
            Detected::Avif => "avif",
            Detected::Ico => "ico",
            Detected::Text => "text",
            Detected::Empty => "empty",
            Detected::Unknown => "unknown",
        }
    }

    pub fn input_format(self) -> Option<InputFormat> {
        match self {
            Detected::Jpeg => Some(InputFormat::Jpeg),
            Detected::Png => Some(InputFormat::Png),
            Detected::Gif => Some(InputFormat::Gif),
            Detected::WebP => Some(InputFormat::WebP),
            Detected::Heic => Some(InputFormat::Heic),
            Detected::Avif => Some(InputFormat::Avif),
            _ => None,
        }
    }
}

/// Looks at the first bytes of a file and says what it is.
pub fn sniff(bytes: &[u8]) -> Detected {
    if bytes.is_empty() {
        return Detected::Empty;
    }
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return Detected::Jpeg;
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Detected::Png;
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Detected::Gif;
    }
    if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Detected::WebP;
    }
    if starts(b"%PDF-") {
        return Detected::Pdf;
    }
    if starts(b"II*\0") || starts(b"MM\0*") {
        return Detected::Tiff;
    }
    if starts(b"BM") && bytes.len() >= 14 {
        return Detected::Bmp;
    }
    if starts(&[0, 0, 1, 0]) || starts(&[0, 0, 2, 0]) {
        return Detected::Ico;
    }
    if bytes.get(4..8) == Some(b"ftyp") {
        match bytes.get(8..12) {
            Some(b"avif" | b"avis") => return Detected::Avif,
            Some(b"heic" | b"heix" | b"hevc" | b"hevx" | b"mif1" | b"msf1" | b"heim" | b"heis") => {
                return Detected::Heic;
            }
            _ => {}
        }
    }
    sniff_text(bytes)
}

/// What a text or HTML file that was to be a picture says, where it reads as what a
/// failed download saves in the picture's place (`curl -o` of an expired presigned URL,
/// a login page, a 404): an S3 error's code and message, a JSON error, an HTML page's
/// title. At most 80 characters of it, for the rejection's message.
pub fn failed_download(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let lower = text.to_ascii_lowercase();
    let between = |open: &str, close: &str| {
        let start = lower.find(open)? + open.len();
        let end = start + lower[start..].find(close)?;
        let inner = text[start..end].trim();
        (!inner.is_empty()).then(|| inner.to_owned())
    };
    let said = if lower.starts_with("<?xml") && lower.contains("<error>") {
        let code = between("<code>", "</code>")?;
        let message = between("<message>", "</message>");
        let answer = match message {
            Some(message) => format!("{code}: {message}"),
            None => code,
        };
        format!("an S3 error answer '{}'", short(&answer))
    } else if lower.starts_with('{') && lower.contains("\"error") {
        format!(
            "a JSON error answer '{}'",
            short(text.lines().next().unwrap_or_default())
        )
    } else if let Some(title) = between("<title>", "</title>") {
        format!("a web page titled '{}'", short(&title))
    } else {
        return None;
    };
    Some(said)
}

/// At most 80 characters of `text`, on one line, with what a terminal would act on escaped.
fn short(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cut: String = one_line.chars().take(80).collect();
    if cut.len() < one_line.len() {
        cut.push('…');
    }
    crate::values::printable(&cut)
}

/// Markup and text: SVG, HTML, or plain text; anything else is unknown binary.
fn sniff_text(bytes: &[u8]) -> Detected {
    let head = &bytes[..bytes.len().min(4096)];
    // A multi-byte character cut at the window's end is still text.
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or("")
        }
        Err(_) => return Detected::Unknown,
    };
    if text.contains('\0') {
        return Detected::Unknown;
    }
    let lower = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    if lower.contains("<svg") {
        return Detected::Svg;
    }
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<head")
        || lower.starts_with("<body")
        || (lower.starts_with('<') && lower.contains("<html"))
    {
        return Detected::Html;
    }
    let printable = text
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
    if printable {
        Detected::Text
    } else {
        Detected::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers() {
        assert_eq!(sniff(b""), Detected::Empty);
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Detected::Jpeg);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Detected::Png);
        assert_eq!(sniff(b"GIF89a...."), Detected::Gif);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Detected::WebP);
        assert_eq!(sniff(b"%PDF-1.7\n"), Detected::Pdf);
        assert_eq!(sniff(b"II*\0\x08\0\0\0"), Detected::Tiff);
        assert_eq!(sniff(b"BM\0\0\0\0\0\0\0\0\0\0\0\0\0\0"), Detected::Bmp);
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), Detected::Heic);
        assert_eq!(sniff(b"\0\0\0\x1cftypavif\0\0\0\0"), Detected::Avif);
        assert_eq!(sniff(&[0, 0, 1, 0, 1, 0]), Detected::Ico);
    }

    #[test]
    fn markup_and_text() {
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Detected::Svg
        );
        assert_eq!(sniff(b"  <!DOCTYPE html><html></html>"), Detected::Html);
        assert_eq!(sniff(b"hello, world\n"), Detected::Text);
        assert_eq!(sniff(&[0x00, 0x9F, 0x92, 0x96, 0x01]), Detected::Unknown);
    }
}
