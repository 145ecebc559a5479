//! The picture pipeline's options: flags > the config file's `[picture]` > defaults.

use super::Settings;
use crate::cli::{CropMode, OutputFormatArg, PictureArgs};
use crate::error::Error;
use crate::picture;

/// The largest derived size pfp makes; larger requests are almost certainly a typo.
const MAX_RENDITION: u32 = 4096;

impl Settings {
    /// The picture pipeline's options: flags > config file `[picture]` > defaults.
    pub fn picture_options(&self, args: &PictureArgs) -> Result<picture::Options, Error> {
        let file = &self.picture;
        let mut options = picture::Options::default();
        let limits = &mut options.limits;
        if let Some(formats) = args.formats.as_ref().or(file.formats.as_ref()) {
            options.formats = formats
                .iter()
                .map(|f| {
                    picture::InputFormat::parse(f).ok_or_else(|| {
                        Error::invalid(format!(
                            "invalid format '{f}': the pipeline decodes jpeg, png, gif, webp, heic and avif"
                        ))
                    })
                })
                .collect::<Result<_, _>>()?;
            if options.formats.is_empty() {
                return Err(Error::invalid("--formats: at least one format is needed"));
            }
        }
        if let Some(size) = args.max_size.as_ref().or(file.max_size.as_ref()) {
            limits.max_bytes = crate::values::units::parse_size(size)?;
        }
        limits.max_pixels = args
            .max_pixels
            .or(file.max_pixels)
            .unwrap_or(limits.max_pixels);
        limits.max_width = args
            .max_width
            .or(file.max_width)
            .unwrap_or(limits.max_width);
        limits.max_height = args
            .max_height
            .or(file.max_height)
            .unwrap_or(limits.max_height);
        limits.max_frames = args
            .max_frames
            .or(file.max_frames)
            .unwrap_or(limits.max_frames);
        options.size = args.size.or(file.size).unwrap_or(options.size);
        if let Some(sizes) = args.sizes.as_ref().or(file.sizes.as_ref()) {
            options.sizes = sizes.clone();
        }
        for size in std::iter::once(options.size).chain(options.sizes.iter().copied()) {
            if !(1..=MAX_RENDITION).contains(&size) {
                return Err(Error::invalid(format!(
                    "invalid size {size}: sizes must be between 1 and {MAX_RENDITION} pixels"
                )));
            }
        }
        options.crop = match (args.crop, file.crop.as_deref()) {
            (Some(CropMode::Center), _) => picture::Crop::Center,
            (Some(CropMode::None), _) => picture::Crop::None,
            (None, Some("center" | "centre")) | (None, None) => picture::Crop::Center,
            (None, Some("none")) => picture::Crop::None,
            (None, Some(other)) => {
                return Err(Error::config(format!(
                    "invalid picture.crop '{other}': expected center or none"
                )));
            }
        };
        options.output = match (args.output_format, file.output_format.as_deref()) {
            (Some(OutputFormatArg::Auto), _) => picture::OutputChoice::Auto,
            (Some(OutputFormatArg::Jpeg), _) => picture::OutputChoice::Jpeg,
            (Some(OutputFormatArg::Png), _) => picture::OutputChoice::Png,
            (Some(OutputFormatArg::Webp), _) => picture::OutputChoice::WebP,
            (Some(OutputFormatArg::WebpLossless), _) => picture::OutputChoice::WebPLossless,
            (None, None) => picture::OutputChoice::Auto,
            (None, Some(text)) => picture::OutputChoice::parse(text).ok_or_else(|| {
                Error::config(format!(
                    "invalid picture.output_format '{text}': expected auto, jpeg, png, webp or webp-lossless"
                ))
            })?,
        };
        options.still = args.still;
        Ok(options)
    }
}
