//! What a picture may be: size, dimensions, frames. Each limit is configurable and each
//! rejection names the file, the measured value and the limit.

use crate::error::Setting;
use crate::values::units::format_size;

use super::{Rejection, Rule};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    pub max_bytes: u64,
    pub max_pixels: u64,
    pub max_width: u32,
    pub max_height: u32,
    pub max_frames: u32,
    /// Sum of the decoded frame areas of an animation (frames x canvas), in pixels.
    pub max_frame_area: u64,
    /// Scans of a JPEG: each is a pass over every block of the image.
    pub max_scans: u32,
    /// Coefficients all the scans of a JPEG ask the decoder for (blocks x spectral band,
    /// summed over scans): what decoding costs, about 12 ns each at worst.
    pub max_scan_work: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 5 * 1024 * 1024,
            max_pixels: 40_000_000,
            max_width: 10_000,
            max_height: 10_000,
            max_frames: 300,
            // Decoding, compositing and resizing 250 megapixels of GIF frames measured
            // 3.9 s of CPU; 100 fits the 2 s budget.
            max_frame_area: 100_000_000,
            // libjpeg writes 10 scans for a progressive colour JPEG, mozjpeg about as
            // many; libjpeg-turbo's tools refuse more than 500 (-maxscans).
            max_scans: 64,
            // Coefficients decoded past the end of a scan's data cost the most: 12 ns
            // each (release build, measured with empty AC scans), so 150 million is
            // about 1.8 s at worst. libjpeg's progressive script needs 143 million for a
            // 36-megapixel 4:2:0 photo; a 40-megapixel baseline JPEG needs 120 million.
            max_scan_work: 150_000_000,
        }
    }
}

impl Limits {
    pub fn check_bytes(&self, name: &str, bytes: u64) -> Result<(), Rejection> {
        if bytes > self.max_bytes {
            return Err(Rejection::new(
                Rule::FileSize,
                format!(
                    "{name}: file size {} ({bytes} bytes) exceeds the limit of {} ({})",
                    format_size(bytes),
                    format_size(self.max_bytes),
                    Setting::MaxSize.name()
                ),
            ));
        }
        Ok(())
    }

    /// The refusal of an input whose reading stopped one byte past the limit, its whole
    /// size unknown (stdin).
    pub fn larger_than_read(&self, name: &str) -> Rejection {
        Rejection::new(
            Rule::FileSize,
            format!(
                "{name}: more than the limit of {} ({}): reading stopped after {} bytes",
                format_size(self.max_bytes),
                Setting::MaxSize.name(),
                self.max_bytes.saturating_add(1)
            ),
        )
    }

    /// Checks the dimensions a header claims, before anything is decoded.
    pub fn check_dimensions(&self, name: &str, width: u32, height: u32) -> Result<(), Rejection> {
        if width == 0 || height == 0 {
            return Err(Rejection::new(
                Rule::Corrupt,
                format!("{name}: the image claims a size of {width}x{height} pixels"),
            ));
        }
        if width > self.max_width {
            return Err(Rejection::new(
                Rule::Width,
                format!(
                    "{name}: width {width} px exceeds the limit of {} px ({})",
                    self.max_width,
                    Setting::MaxWidth.name()
                ),
            ));
        }
        if height > self.max_height {
            return Err(Rejection::new(
                Rule::Height,
                format!(
                    "{name}: height {height} px exceeds the limit of {} px ({})",
                    self.max_height,
                    Setting::MaxHeight.name()
                ),
            ));
        }
        let pixels = u64::from(width) * u64::from(height);
        if pixels > self.max_pixels {
            return Err(Rejection::new(
                Rule::Pixels,
                format!(
                    "{name}: {width}x{height} is {:.1} megapixels, over the limit of {:.1} megapixels ({})",
                    pixels as f64 / 1e6,
                    self.max_pixels as f64 / 1e6,
                    Setting::MaxPixels.name()
                ),
            ));
        }
        Ok(())
    }

    pub fn check_frames(&self, name: &str, frames: u32, area: u64) -> Result<(), Rejection> {
        if frames > self.max_frames {
            return Err(Rejection::new(
                Rule::Frames,
                format!(
                    "{name}: {frames} frames exceed the limit of {} frames ({})",
                    self.max_frames,
                    Setting::MaxFrames.name()
                ),
            ));
        }
        if area > self.max_frame_area {
            return Err(Rejection::new(
                Rule::FrameArea,
                format!(
                    "{name}: the frames decode to {:.1} megapixels in total, over the limit of {:.1} megapixels",
                    area as f64 / 1e6,
                    self.max_frame_area as f64 / 1e6
                ),
            ));
        }
        Ok(())
    }

    /// The most memory a decoder may allocate: the largest allowed image as 16-bit RGBA.
    pub fn max_alloc(&self) -> u64 {
        self.max_pixels.saturating_mul(8).saturating_add(16 << 20)
    }
}
