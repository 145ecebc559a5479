//! Encoding the normalised picture. Encoders write no metadata: EXIF, XMP and comments of
//! the input never reach the output.

use std::io::Cursor;

use image::codecs::gif::{GifEncoder, Repeat};
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::{Delay, DynamicImage, Frame, ImageEncoder, RgbaImage};

/// JPEG quality of stored pictures.
pub const JPEG_QUALITY: u8 = 85;

/// Lossy WebP quality of stored pictures: the libwebp quality whose SSIM on real photos
/// matches JPEG q85's (README, "WebP quality"; `scripts/webp-quality` measures it).
pub const WEBP_QUALITY: f32 = 82.0;

/// What pfp stores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum OutputFormat {
    Jpeg,
    Png,
    /// Lossy (VP8, libwebp at [`WEBP_QUALITY`]).
    WebP,
    /// Lossless (VP8L).
    WebPLossless,
    Gif,
}

impl OutputFormat {
    pub fn mime(self) -> &'static str {
        match self {
            OutputFormat::Jpeg => "image/jpeg",
            OutputFormat::Png => "image/png",
            OutputFormat::WebP | OutputFormat::WebPLossless => "image/webp",
            OutputFormat::Gif => "image/gif",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Jpeg => "jpg",
            OutputFormat::Png => "png",
            OutputFormat::WebP | OutputFormat::WebPLossless => "webp",
            OutputFormat::Gif => "gif",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Jpeg => "JPEG",
            OutputFormat::Png => "PNG",
            OutputFormat::WebP => "WebP",
            OutputFormat::WebPLossless => "lossless WebP",
            OutputFormat::Gif => "GIF",
        }
    }
}

/// `--output-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum OutputChoice {
    /// JPEG for opaque stills, PNG for stills with transparency, GIF for animations.
    #[default]
    Auto,
    Jpeg,
    Png,
    WebP,
    WebPLossless,
}

impl OutputChoice {
    pub fn parse(text: &str) -> Option<OutputChoice> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(OutputChoice::Auto),
            "jpeg" | "jpg" => Some(OutputChoice::Jpeg),
            "png" => Some(OutputChoice::Png),
            "webp" => Some(OutputChoice::WebP),
            "webp-lossless" | "webp_lossless" => Some(OutputChoice::WebPLossless),
            _ => None,
        }
    }

    /// The format for a still with or without transparency.
    pub fn for_still(self, has_alpha: bool) -> OutputFormat {
        match self {
            OutputChoice::Auto if has_alpha => OutputFormat::Png,
            OutputChoice::Auto | OutputChoice::Jpeg => OutputFormat::Jpeg,
            OutputChoice::Png => OutputFormat::Png,
            OutputChoice::WebP => OutputFormat::WebP,
            OutputChoice::WebPLossless => OutputFormat::WebPLossless,
        }
    }
}

/// Encodes a still (8-bit RGB or RGBA).
pub fn encode_still(image: &DynamicImage, format: OutputFormat) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let (w, h) = (image.width(), image.height());
    match format {
        OutputFormat::Jpeg => {
            // An RGB picture is encoded from its own samples, not from a copy.
            let converted;
            let rgb: &[u8] = match image {
                DynamicImage::ImageRgb8(rgb) => rgb.as_raw(),
                DynamicImage::ImageRgba8(rgba) => {
                    converted = flatten_on_white(rgba);
                    &converted
                }
                other => {
                    converted = other.to_rgb8().into_raw();
                    &converted
                }
            };
            out = super::turbo::encode_rgb(rgb, w, h, JPEG_QUALITY)?;
        }
        OutputFormat::Png => {
            let encoder =
                PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Adaptive);
            encoder
                .write_image(image.as_bytes(), w, h, image.color().into())
                .map_err(|e| e.to_string())?;
        }
        OutputFormat::WebP => return encode_webp_lossy(image),
        OutputFormat::WebPLossless => {
            WebPEncoder::new_lossless(&mut out)
                .write_image(image.as_bytes(), w, h, image.color().into())
                .map_err(|e| e.to_string())?;
        }
        OutputFormat::Gif => {
            let rgba = image.to_rgba8();
            return encode_animation(&[(rgba, 0)]);
        }
    }
    Ok(out)
}

/// Lossy WebP by libwebp's simple encoding API (alpha kept, compressed losslessly).
fn encode_webp_lossy(image: &DynamicImage) -> Result<Vec<u8>, String> {
    let (w, h) = (image.width(), image.height());
    let (pixels, channels) = match image {
        DynamicImage::ImageRgb8(rgb) => (std::borrow::Cow::Borrowed(rgb.as_raw()), 3),
        DynamicImage::ImageRgba8(rgba) => (std::borrow::Cow::Borrowed(rgba.as_raw()), 4),
        other if other.color().has_alpha() => {
            (std::borrow::Cow::Owned(other.to_rgba8().into_raw()), 4)
        }
        other => (std::borrow::Cow::Owned(other.to_rgb8().into_raw()), 3),
    };
    // libwebp's limit is 16383 px a side; pfp's renditions are at most a few thousand.
    let side = |v: u32| {
        i32::try_from(v)
            .ok()
            .filter(|&v| (1..=16383).contains(&v))
            .ok_or("too large for WebP")
    };
    let (cw, ch) = (side(w)?, side(h)?);
    let stride = cw * channels;
    if pixels.len() != (stride as usize) * (ch as usize) {
        return Err("the pixel buffer does not match the picture's size".to_owned());
    }
    let mut output: *mut u8 = std::ptr::null_mut();
    // SAFETY: `pixels` holds exactly `ch` rows of `stride` bytes (checked above) and
    // outlives the call; libwebp writes a buffer it allocated to `output` and returns its
    // length (0 on failure, with nothing to free).
    let len = unsafe {
        if channels == 4 {
            libwebp_sys::WebPEncodeRGBA(pixels.as_ptr(), cw, ch, stride, WEBP_QUALITY, &mut output)
        } else {
            libwebp_sys::WebPEncodeRGB(pixels.as_ptr(), cw, ch, stride, WEBP_QUALITY, &mut output)
        }
    };
    if len == 0 || output.is_null() {
        return Err("libwebp could not encode the picture".to_owned());
    }
    // SAFETY: `output` points to `len` initialised bytes that libwebp allocated; they are
    // copied out before WebPFree releases them, once.
    let bytes = unsafe {
        let bytes = std::slice::from_raw_parts(output, len).to_vec();
        libwebp_sys::WebPFree(output.cast());
        bytes
    };
    Ok(bytes)
}

fn flatten_on_white(rgba: &RgbaImage) -> Vec<u8> {
    rgba.pixels()
        .flat_map(|p| {
            let [r, g, b, a] = p.0;
            let a = u16::from(a);
            let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
            [mix(r), mix(g), mix(b)]
        })
        .collect()
}

/// Encodes an animation as a looping GIF, keeping each frame's delay.
pub fn encode_animation(frames: &[(RgbaImage, u32)]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        let mut encoder = GifEncoder::new_with_speed(Cursor::new(&mut out), 10);
        encoder
            .set_repeat(Repeat::Infinite)
            .map_err(|e| e.to_string())?;
        for (image, delay_ms) in frames {
            let frame = Frame::from_parts(
                image.clone(),
                0,
                0,
                Delay::from_numer_denom_ms(*delay_ms, 1),
            );
            encoder.encode_frame(frame).map_err(|e| e.to_string())?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_jpeg_of_the_wrong_sample_count_is_an_error_not_a_read_past_the_end() {
        let err = super::super::turbo::encode_rgb(&[0; 11], 2, 2, 85).unwrap_err();
        assert!(err.contains("width x height x 3"), "{err}");
    }
}
