//! Decoding under limits. Headers are read first, so a decompression bomb is refused before
//! any large allocation; decoders then run under `image::Limits` (or the JPEG decoder's
//! buffer limit). JPEGs are downscaled in the DCT domain while decoding when the target is
//! much smaller than the source.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader, RgbImage, RgbaImage};

use super::limits::Limits;
use super::normalize::Crop;
use super::sniff::InputFormat;
use super::{Rejection, Rule, container, exif, turbo};

/// What the header says, before decoding.
#[derive(Clone, Copy, Debug)]
pub struct Header {
    pub width: u32,
    pub height: u32,
    /// 1 for stills; the number of frames for GIFs.
    pub frames: u32,
}

/// A decoded still, 8-bit RGB or RGBA, with the orientation still to apply.
pub struct Still {
    pub image: DynamicImage,
    pub orientation: Orientation,
    /// The EXIF orientation value (1-8) as found, for the report.
    pub exif_orientation: u8,
}

pub(super) fn corrupt(
    name: &str,
    format: InputFormat,
    reason: impl std::fmt::Display,
) -> Rejection {
    Rejection::new(
        Rule::Corrupt,
        format!(
            "{name}: the {} data is corrupt or truncated: {reason}",
            format.name()
        ),
    )
}

/// The `image` crate's decoder for a format, where it is the one pfp uses.
fn image_format(format: InputFormat) -> Option<image::ImageFormat> {
    match format {
        InputFormat::Jpeg => Some(image::ImageFormat::Jpeg),
        InputFormat::Png => Some(image::ImageFormat::Png),
        InputFormat::Gif => Some(image::ImageFormat::Gif),
        InputFormat::WebP => Some(image::ImageFormat::WebP),
        InputFormat::Heic | InputFormat::Avif => None,
    }
}

fn image_limits(limits: &Limits) -> image::Limits {
    let mut l = image::Limits::default();
    l.max_image_width = Some(limits.max_width);
    l.max_image_height = Some(limits.max_height);
    l.max_alloc = Some(limits.max_alloc());
    l
}

/// Reads the header: dimensions and, for GIFs, the frame count and frame sizes (without
/// decompressing the frames). Walks the container first (see [`container`]), so every limit
/// that the structure alone can decide is checked before a decoder allocates anything.
pub fn probe(
    bytes: &[u8],
    format: InputFormat,
    name: &str,
    limits: &Limits,
) -> Result<Header, Rejection> {
    let (width, height, frames) = match format {
        InputFormat::Jpeg => {
            let facts = container::jpeg(bytes, name, limits)?;
            (facts.width, facts.height, 1)
        }
        InputFormat::Png => {
            let png = container::png(bytes, name, limits)?;
            (png.width, png.height, 1)
        }
        InputFormat::WebP => {
            let facts = container::webp(bytes, name, limits)?;
            let (width, height) = match facts.canvas {
                Some(canvas) => canvas,
                None => {
                    let mut reader =
                        ImageReader::with_format(Cursor::new(bytes), image::ImageFormat::WebP);
                    reader.limits(image_limits(limits));
                    let decoder = reader
                        .into_decoder()
                        .map_err(|e| corrupt(name, format, e))?;
                    decoder.dimensions()
                }
            };
            (width, height, facts.frames)
        }
        InputFormat::Heic | InputFormat::Avif => {
            let facts = super::heif::walk(bytes, name, limits)?;
            (facts.width, facts.height, 1)
        }
        InputFormat::Gif => {
            let (width, height) = gif_screen(bytes, name)?;
            limits.check_dimensions(name, width, height)?;
            let frames = count_gif_frames(bytes, name, limits, width, height)?;
            (width, height, frames)
        }
    };
    limits.check_dimensions(name, width, height)?;
    Ok(Header {
        width,
        height,
        frames,
    })
}

/// The logical screen of a GIF, from its first bytes.
fn gif_screen(bytes: &[u8], name: &str) -> Result<(u32, u32), Rejection> {
    match bytes.get(6..10) {
        Some(b) => Ok((
            u32::from(u16::from_le_bytes([b[0], b[1]])),
            u32::from(u16::from_le_bytes([b[2], b[3]])),
        )),
        None => Err(corrupt(name, InputFormat::Gif, "the header is cut off")),
    }
}

/// Counts GIF frames without LZW decoding. Every frame must lie inside the logical screen;
/// then the decoded area of the animation is at most frames x screen, which is what
/// compositing each frame onto the screen costs, and that is what the limit counts.
fn count_gif_frames(
    bytes: &[u8],
    name: &str,
    limits: &Limits,
    width: u32,
    height: u32,
) -> Result<u32, Rejection> {
    let mut options = gif::DecodeOptions::new();
    options.skip_frame_decoding(true);
    options.set_memory_limit(gif::MemoryLimit::Bytes(
        std::num::NonZeroU64::new(limits.max_alloc()).unwrap_or(std::num::NonZeroU64::MIN),
    ));
    let mut decoder = options
        .read_info(Cursor::new(bytes))
        .map_err(|e| corrupt(name, InputFormat::Gif, e))?;
    let canvas = u64::from(width) * u64::from(height);
    let mut frames: u32 = 0;
    let mut area: u64 = 0;
    while let Some(frame) = decoder
        .read_next_frame()
        .map_err(|e| corrupt(name, InputFormat::Gif, e))?
    {
        let (w, h) = (u32::from(frame.width), u32::from(frame.height));
        let (x, y) = (u32::from(frame.left), u32::from(frame.top));
        // Each frame is decoded at its own size and composited onto the screen: one larger
        // than the screen would cost its own area, which the screen-based count below
        // would not see.
        if x + w > width || y + h > height {
            return Err(Rejection::new(
                Rule::FrameOutsideCanvas,
                format!(
                    "{name}: frame {} ({w}x{h} at {x},{y}) lies outside the {width}x{height} screen",
                    frames + 1
                ),
            ));
        }
        frames += 1;
        area = area.saturating_add(canvas);
        // Stop counting as soon as a limit is broken: the report needs no exact number.
        if frames > limits.max_frames || area > limits.max_frame_area {
            break;
        }
    }
    if frames == 0 {
        return Err(corrupt(name, InputFormat::Gif, "no frames"));
    }
    limits.check_frames(name, frames, area)?;
    Ok(frames)
}

/// Decodes a still image (the first frame of an animation). `min_side` is the smallest
/// side length the caller needs; a JPEG is decoded at the smallest DCT scale that keeps it.
pub fn decode_still(
    bytes: &[u8],
    format: InputFormat,
    name: &str,
    limits: &Limits,
    min_side: Option<u32>,
) -> Result<Still, Rejection> {
    decode_still_for(bytes, format, name, limits, min_side, Crop::None)
}

/// [`decode_still`] for a picture framed by `crop`: of a landscape JPEG cropped to its
/// centred square, only the columns the square needs are transformed (`turbo::decode`),
/// so the image returned may be narrower than the picture, with the same centre.
pub fn decode_still_for(
    bytes: &[u8],
    format: InputFormat,
    name: &str,
    limits: &Limits,
    min_side: Option<u32>,
    crop: Crop,
) -> Result<Still, Rejection> {
    match format {
        InputFormat::Jpeg => decode_jpeg(bytes, name, limits, min_side, crop == Crop::Center),
        InputFormat::Png => {
            // The decoder gets only the chunks that make the pixels (see `container::png`).
            let png = container::png(bytes, name, limits)?;
            decode_with_image(&png.bytes, format, name, limits)
        }
        // One container for both: the items decide the decoder, whatever the brand says.
        InputFormat::Heic | InputFormat::Avif => {
            if super::heif::walk(bytes, name, limits)?.av1 {
                super::avif::decode(bytes, name, limits)
            } else {
                decode_heic(bytes, name, limits)
            }
        }
        _ => decode_with_image(bytes, format, name, limits),
    }
}

/// HEIC through heifer (pure Rust, no unsafe): the primary image with its rotation,
/// mirror and crop applied, alpha kept, 10-bit samples and Display P3 (the ICC profile an
/// iPhone writes) converted to 8-bit sRGB. One thread (the jail allows no more), and
/// heifer's own pixel limit set to pfp's. The EXIF orientation is not applied: in HEIF
/// the `irot` and `imir` properties are the transformation, and EXIF only repeats it.
fn decode_heic(bytes: &[u8], name: &str, limits: &Limits) -> Result<Still, Rejection> {
    let options = heifer::Options {
        max_threads: 1,
        max_pixels: limits.max_pixels,
    };
    let decoded = heifer::decode_srgb_rgba8(bytes, &options)
        .map_err(|e| corrupt(name, InputFormat::Heic, e))?;
    let rgba = RgbaImage::from_raw(decoded.width, decoded.height, decoded.data)
        .ok_or_else(|| corrupt(name, InputFormat::Heic, "pixel buffer size mismatch"))?;
    Ok(Still {
        image: to_rgb_or_rgba(DynamicImage::ImageRgba8(rgba)),
        orientation: Orientation::NoTransforms,
        exif_orientation: 1,
    })
}

/// PNG, GIF and WebP stills through `image`, under its allocation limits.
fn decode_with_image(
    bytes: &[u8],
    format: InputFormat,
    name: &str,
    limits: &Limits,
) -> Result<Still, Rejection> {
    let Some(decoder_format) = image_format(format) else {
        return Err(corrupt(name, format, "no decoder for this format"));
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), decoder_format);
    reader.limits(image_limits(limits));
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| corrupt(name, format, e))?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(|e| corrupt(name, format, e))?;
    Ok(Still {
        image: to_rgb_or_rgba(image),
        exif_orientation: orientation_value(orientation),
        orientation,
    })
}

fn decode_jpeg(
    bytes: &[u8],
    name: &str,
    limits: &Limits,
    min_side: Option<u32>,
    centre_square: bool,
) -> Result<Still, Rejection> {
    let decoded = turbo::decode(bytes, limits, min_side, centre_square)
        .map_err(|reason| corrupt(name, InputFormat::Jpeg, reason))?;
    let rgb = if decoded.cmyk {
        cmyk_to_rgb(&decoded.data)
    } else {
        decoded.data
    };
    let image = RgbImage::from_raw(decoded.width, decoded.height, rgb)
        .ok_or_else(|| corrupt(name, InputFormat::Jpeg, "pixel buffer size mismatch"))?;
    let exif_orientation = container::jpeg_exif(bytes)
        .and_then(exif::orientation)
        .unwrap_or(1);
    Ok(Still {
        image: DynamicImage::ImageRgb8(image),
        orientation: Orientation::from_exif(exif_orientation).unwrap_or(Orientation::NoTransforms),
        exif_orientation,
    })
}

/// CMYK as libjpeg returns it (Adobe's inverted storage: 255 = no ink) to RGB.
fn cmyk_to_rgb(cmyk: &[u8]) -> Vec<u8> {
    cmyk.chunks_exact(4)
        .flat_map(|p| {
            let white = u16::from(p[3]);
            let channel = |c: u8| ((u16::from(c) * white + 127) / 255) as u8;
            [channel(p[0]), channel(p[1]), channel(p[2])]
        })
        .collect()
}

fn orientation_value(o: Orientation) -> u8 {
    match o {
        Orientation::NoTransforms => 1,
        Orientation::FlipHorizontal => 2,
        Orientation::Rotate180 => 3,
        Orientation::FlipVertical => 4,
        Orientation::Rotate90FlipH => 5,
        Orientation::Rotate90 => 6,
        Orientation::Rotate270FlipH => 7,
        Orientation::Rotate270 => 8,
    }
}

/// 8-bit RGB, or RGBA when any pixel is not fully opaque (so opaque PNGs become JPEGs).
pub fn to_rgb_or_rgba(image: DynamicImage) -> DynamicImage {
    if !image.color().has_alpha() {
        return match image {
            DynamicImage::ImageRgb8(_) => image,
            other => DynamicImage::ImageRgb8(other.to_rgb8()),
        };
    }
    let rgba: RgbaImage = match image {
        DynamicImage::ImageRgba8(rgba) => rgba,
        other => other.to_rgba8(),
    };
    if rgba.pixels().all(|p| p.0[3] == 255) {
        DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(rgba).to_rgb8())
    } else {
        DynamicImage::ImageRgba8(rgba)
    }
}

/// Decodes every frame of an animated GIF, composited onto the canvas as RGBA, handing
/// each to `each` with its delay in milliseconds (so only resized frames are kept).
pub fn decode_gif_frames(
    bytes: &[u8],
    name: &str,
    limits: &Limits,
    mut each: impl FnMut(RgbaImage, u32),
) -> Result<(), Rejection> {
    use image::AnimationDecoder;
    let mut decoder = image::codecs::gif::GifDecoder::new(Cursor::new(bytes))
        .map_err(|e| corrupt(name, InputFormat::Gif, e))?;
    decoder
        .set_limits(image_limits(limits))
        .map_err(|e| corrupt(name, InputFormat::Gif, e))?;
    for frame in decoder.into_frames() {
        let frame = frame.map_err(|e| corrupt(name, InputFormat::Gif, e))?;
        let (numer, denom) = frame.delay().numer_denom_ms();
        let delay_ms = numer.checked_div(denom).unwrap_or(0);
        each(frame.into_buffer(), delay_ms);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmyk_conversion_of_primary_colours() {
        // Inverted as stored: cyan 0 -> 255, magenta and yellow full -> 0.
        assert_eq!(cmyk_to_rgb(&[255, 0, 0, 255]), vec![255, 0, 0]);
        assert_eq!(cmyk_to_rgb(&[255, 255, 255, 255]), vec![255, 255, 255]);
        assert_eq!(cmyk_to_rgb(&[255, 255, 255, 0]), vec![0, 0, 0]);
    }
}
