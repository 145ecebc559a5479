//! Orientation, crop and resize. Resizing uses fast_image_resize's typed API (SIMD, and a
//! much quicker incremental build than its generic `resize`).

use fast_image_resize::images::{TypedImage, TypedImageRef};
use fast_image_resize::pixels::{U8x3, U8x4};
use fast_image_resize::{FilterType, PixelTrait, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, RgbImage, RgbaImage};

/// How the picture is framed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Crop {
    /// A centred square, the usual avatar.
    Center,
    /// Keep the aspect ratio; fit inside a size x size box.
    None,
}

/// The part of the source that is kept, and the size it is scaled to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    pub left: f64,
    pub top: f64,
    pub crop_width: f64,
    pub crop_height: f64,
    pub width: u32,
    pub height: u32,
}

/// Where to cut and how large to make a rendition of `size` from a `w`x`h` source.
/// Never upscales.
pub fn geometry(w: u32, h: u32, size: u32, crop: Crop) -> Geometry {
    match crop {
        Crop::Center => {
            let side = w.min(h);
            let out = size.min(side).max(1);
            Geometry {
                left: f64::from((w - side) / 2),
                top: f64::from((h - side) / 2),
                crop_width: f64::from(side),
                crop_height: f64::from(side),
                width: out,
                height: out,
            }
        }
        Crop::None => {
            let long = w.max(h);
            let scale = (f64::from(size) / f64::from(long)).min(1.0);
            Geometry {
                left: 0.0,
                top: 0.0,
                crop_width: f64::from(w),
                crop_height: f64::from(h),
                width: ((f64::from(w) * scale).round() as u32).max(1),
                height: ((f64::from(h) * scale).round() as u32).max(1),
            }
        }
    }
}

fn resize_typed<P: PixelTrait>(
    src: &[u8],
    src_width: u32,
    src_height: u32,
    g: &Geometry,
) -> Result<Vec<u8>, String> {
    let view =
        TypedImageRef::<P>::from_buffer(src_width, src_height, src).map_err(|e| e.to_string())?;
    let mut out = vec![0u8; g.width as usize * g.height as usize * P::size()];
    let mut dst =
        TypedImage::<P>::from_buffer(g.width, g.height, &mut out).map_err(|e| e.to_string())?;
    let options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .crop(g.left, g.top, g.crop_width, g.crop_height);
    Resizer::new()
        .resize_typed(&view, &mut dst, &options)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Crops and resizes an 8-bit RGB or RGBA image.
pub fn resize(image: &DynamicImage, g: &Geometry) -> Result<DynamicImage, String> {
    Ok(resize_unless_whole(image, g)?.unwrap_or_else(|| image.clone()))
}

/// Crops and resizes an 8-bit RGB or RGBA image; `None` when the geometry is the whole
/// image at its own size, so the caller uses the image itself rather than a copy (a
/// small avatar's renditions at and above its size are all of it).
pub fn resize_unless_whole(
    image: &DynamicImage,
    g: &Geometry,
) -> Result<Option<DynamicImage>, String> {
    let whole =
        g.left == 0.0 && g.top == 0.0 && g.width == image.width() && g.height == image.height();
    if whole {
        return Ok(None);
    }
    let (w, h) = (image.width(), image.height());
    let size_error = || "resized buffer has the wrong size".to_owned();
    match image {
        DynamicImage::ImageRgb8(rgb) => {
            let out = resize_typed::<U8x3>(rgb.as_raw(), w, h, g)?;
            RgbImage::from_raw(g.width, g.height, out)
                .map(|image| Some(DynamicImage::ImageRgb8(image)))
                .ok_or_else(size_error)
        }
        DynamicImage::ImageRgba8(rgba) => {
            let out = resize_typed::<U8x4>(rgba.as_raw(), w, h, g)?;
            RgbaImage::from_raw(g.width, g.height, out)
                .map(|image| Some(DynamicImage::ImageRgba8(image)))
                .ok_or_else(size_error)
        }
        other => resize(&super::decode::to_rgb_or_rgba(other.clone()), g).map(Some),
    }
}

/// The stored pixels turned upright, as a new image; `None` when they already are.
/// Applied after the resize: a centred square crop commutes with rotation, and rotating
/// 512 px is cheaper than rotating 12 MP. The same transformations as `image`'s
/// `apply_orientation`, made from a borrowed image: the resized one is still needed for
/// the next smaller size, and copying it first only to turn the copy cost a buffer's
/// page faults and a copy of every pixel.
pub fn upright(image: &DynamicImage, orientation: Orientation) -> Option<DynamicImage> {
    match orientation {
        Orientation::NoTransforms => None,
        Orientation::Rotate90 => Some(image.rotate90()),
        Orientation::Rotate180 => Some(image.rotate180()),
        Orientation::Rotate270 => Some(image.rotate270()),
        Orientation::FlipHorizontal => Some(image.fliph()),
        Orientation::FlipVertical => Some(image.flipv()),
        Orientation::Rotate90FlipH => Some(image.rotate90().fliph()),
        Orientation::Rotate270FlipH => Some(image.rotate270().fliph()),
    }
}

/// Describes an orientation for the report.
pub fn describe(orientation: Orientation) -> Option<&'static str> {
    match orientation {
        Orientation::NoTransforms => None,
        Orientation::FlipHorizontal => Some("flip horizontally"),
        Orientation::Rotate180 => Some("rotate 180°"),
        Orientation::FlipVertical => Some("flip vertically"),
        Orientation::Rotate90FlipH => Some("rotate 90° and flip"),
        Orientation::Rotate90 => Some("rotate 90° clockwise"),
        Orientation::Rotate270FlipH => Some("rotate 270° and flip"),
        Orientation::Rotate270 => Some("rotate 90° counter-clockwise"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upright_turns_as_the_image_crate_does_for_every_orientation() {
        // 3x2 with every pixel different, so any wrong turn or flip shows.
        let source = DynamicImage::ImageRgb8(RgbImage::from_fn(3, 2, |x, y| {
            image::Rgb([x as u8 * 40, y as u8 * 90, (x + 3 * y) as u8])
        }));
        for value in 1..=8 {
            let orientation = Orientation::from_exif(value).expect("an EXIF orientation");
            let mut expected = source.clone();
            expected.apply_orientation(orientation);
            let turned = upright(&source, orientation);
            assert_eq!(turned.is_none(), value == 1, "orientation {value}");
            assert_eq!(
                turned.unwrap_or(source.clone()),
                expected,
                "orientation {value}"
            );
        }
    }

    #[test]
    fn centre_crop_of_a_landscape_photo() {
        let g = geometry(4032, 3024, 512, Crop::Center);
        assert_eq!(
            (g.left, g.top, g.crop_width, g.crop_height),
            (504.0, 0.0, 3024.0, 3024.0)
        );
        assert_eq!((g.width, g.height), (512, 512));
    }

    #[test]
    fn never_upscales() {
        let g = geometry(100, 80, 512, Crop::Center);
        assert_eq!((g.width, g.height), (80, 80));
        let g = geometry(100, 80, 512, Crop::None);
        assert_eq!((g.width, g.height), (100, 80));
    }

    #[test]
    fn fit_keeps_the_aspect_ratio() {
        let g = geometry(4000, 2000, 512, Crop::None);
        assert_eq!((g.width, g.height), (512, 256));
    }
}
