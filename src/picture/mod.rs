//! The picture pipeline: bytes in, a normalised [`Processed`] picture or a precise
//! [`Rejection`] out. No I/O happens here, and no input can make it panic.
//!
//! Steps: size limit -> sniff the format from magic numbers -> read the header and check
//! dimensions and frames (before any large allocation) -> decode under limits (JPEGs at a
//! reduced DCT scale when the target is small) -> crop and resize every rendition from the
//! one decode -> apply the EXIF orientation -> encode without metadata -> hash.

pub mod avatar;
mod avif;
pub mod container;
pub mod decode;
pub mod encode;
pub mod exif;
pub mod heif;
pub mod limits;
pub mod normalize;
pub mod sniff;
mod turbo;

use std::fmt;

use image::DynamicImage;
use image::metadata::Orientation;
use sha2::{Digest, Sha256};

pub use encode::{OutputChoice, OutputFormat};
pub use limits::Limits;
pub use normalize::Crop;
pub use sniff::{Detected, InputFormat};

/// The rule a rejected file broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    Empty,
    UnsupportedFormat,
    FormatNotAllowed,
    FileSize,
    Pixels,
    Width,
    Height,
    Frames,
    FrameArea,
    FrameOutsideCanvas,
    TooManyScans,
    MetadataTooLarge,
    ExcessImageData,
    Corrupt,
    /// The jailed decoder died: it broke the sandbox's rules (a forbidden system call),
    /// crashed, or answered nonsense.
    DecoderCrashed,
    /// The jailed decoder hit a kernel limit: memory, CPU time, or the wall-clock timeout.
    DecoderLimit,
}

impl Rule {
    /// Stable names for `--json`.
    pub fn key(self) -> &'static str {
        match self {
            Rule::Empty => "empty",
            Rule::UnsupportedFormat => "unsupported_format",
            Rule::FormatNotAllowed => "format_not_allowed",
            Rule::FileSize => "file_size",
            Rule::Pixels => "pixels",
            Rule::Width => "width",
            Rule::Height => "height",
            Rule::Frames => "frames",
            Rule::FrameArea => "frame_area",
            Rule::FrameOutsideCanvas => "frame_outside_canvas",
            Rule::TooManyScans => "too_many_scans",
            Rule::MetadataTooLarge => "metadata_too_large",
            Rule::ExcessImageData => "excess_image_data",
            Rule::Corrupt => "corrupt",
            Rule::DecoderCrashed => "decoder_crashed",
            Rule::DecoderLimit => "decoder_limit",
        }
    }

    /// The rule a [`Rule::key`] names.
    pub fn from_key(key: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.key() == key)
    }

    pub const ALL: [Rule; 16] = [
        Rule::Empty,
        Rule::UnsupportedFormat,
        Rule::FormatNotAllowed,
        Rule::FileSize,
        Rule::Pixels,
        Rule::Width,
        Rule::Height,
        Rule::Frames,
        Rule::FrameArea,
        Rule::FrameOutsideCanvas,
        Rule::TooManyScans,
        Rule::MetadataTooLarge,
        Rule::ExcessImageData,
        Rule::Corrupt,
        Rule::DecoderCrashed,
        Rule::DecoderLimit,
    ];
}

/// Why a file was not accepted. The message names the file, what was measured and the limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    pub rule: Rule,
    pub message: String,
}

impl Rejection {
    /// Control characters in the message (a decoder's words about a file's bytes may
    /// quote them) are shown as escapes, as file names are: a rejection never writes a
    /// hostile file's bytes to the operator's terminal.
    pub fn new(rule: Rule, message: String) -> Self {
        let message = crate::values::printable(&message);
        Rejection { rule, message }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rejection {}

/// How to validate and normalise. Serialisable: the decoder jail is handed it with
/// each file.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Options {
    pub limits: Limits,
    /// Accepted input formats.
    pub formats: Vec<InputFormat>,
    /// The main rendition's size (the side of the square, or the box to fit in).
    pub size: u32,
    /// Further renditions made from the same decode (the main size may be listed too).
    pub sizes: Vec<u32>,
    pub crop: Crop,
    pub output: OutputChoice,
    /// Take the first frame of an animation.
    pub still: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limits: Limits::default(),
            formats: InputFormat::ALL.to_vec(),
            size: 512,
            sizes: Vec::new(),
            crop: Crop::Center,
            output: OutputChoice::Auto,
            still: false,
        }
    }
}

impl Options {
    /// Every rendition size, largest first, without repeats.
    pub fn all_sizes(&self) -> Vec<u32> {
        let mut sizes: Vec<u32> = std::iter::once(self.size)
            .chain(self.sizes.iter().copied())
            .filter(|&s| s > 0)
            .collect();
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        sizes.dedup();
        sizes
    }
}

/// What came in.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InputInfo {
    pub format: InputFormat,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub frames: u32,
    /// The EXIF orientation found (1 when none).
    pub orientation: u8,
}

/// One stored size of the picture.
#[derive(Clone, PartialEq, Eq)]
pub struct Rendition {
    /// The requested size (a derived rendition is named by it).
    pub size: u32,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
    /// SHA-256 of `bytes`, lowercase hex.
    pub sha256: String,
}

impl fmt::Debug for Rendition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rendition")
            .field("size", &self.size)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("bytes", &self.bytes.len())
            .field("sha256", &self.sha256)
            .finish()
    }
}

/// The normalised picture: the main rendition and the derived ones, one format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    pub format: OutputFormat,
    /// Largest first.
    pub renditions: Vec<Rendition>,
    /// Index of the main rendition in `renditions`.
    pub main: usize,
}

impl Picture {
    pub fn main(&self) -> &Rendition {
        &self.renditions[self.main]
    }

    /// The content hash of the main rendition: the basis of content-addressed keys.
    pub fn hash(&self) -> &str {
        &self.main().sha256
    }

    pub fn mime(&self) -> &'static str {
        self.format.mime()
    }

    /// The renditions other than the main one.
    pub fn derived(&self) -> impl Iterator<Item = &Rendition> {
        self.renditions
            .iter()
            .enumerate()
            .filter(move |(i, _)| *i != self.main)
            .map(|(_, r)| r)
    }
}

/// The result of the pipeline for an accepted file.
#[derive(Clone, Debug)]
pub struct Processed {
    pub input: InputInfo,
    /// What normalisation did, in words ("crop to 3024x3024 (centre)", ...).
    pub actions: Vec<String>,
    /// Accepted, but worth saying (e.g. an extension that disagrees with the content).
    pub warnings: Vec<String>,
    pub picture: Picture,
}

/// Validates and normalises one file. `name` is used in messages and for the extension
/// check only. Never panics: a decoder that would is caught and reported as a rejection.
pub fn process(bytes: &[u8], name: &str, options: &Options) -> Result<Processed, Rejection> {
    guarded(name, || process_inner(bytes, name, options))
}

/// What the container walk found, before any decoding: enough to refuse a file, or to
/// say how much memory processing it will take and then process it without walking it
/// again (see [`inspect`] and [`process_inspected`]).
#[derive(Clone, Debug)]
pub struct Inspected {
    input: InputInfo,
    warnings: Vec<String>,
    /// Which buffer was walked, under which options: [`process_inspected`] walks again
    /// rather than trust a verdict about other bytes or other limits.
    walked: (usize, usize),
    options: Options,
}

impl Inspected {
    /// What the walk found: format, dimensions, frames.
    pub fn input(&self) -> &InputInfo {
        &self.input
    }

    /// An upper bound of the memory [`process_inspected`] needs (cheap: from the header):
    /// the decoded image at 16-bit RGBA plus its 8-bit copy, every resized frame of an
    /// animation, and the file. Measured peaks stay under it (a 36-megapixel 16-bit PNG:
    /// 421 MiB measured, 432 MB estimated).
    pub fn memory_estimate(&self, file_bytes: usize, options: &Options) -> u64 {
        let pixels = u64::from(self.input.width) * u64::from(self.input.height);
        let frames: u64 = options
            .all_sizes()
            .iter()
            .map(|&s| u64::from(s) * u64::from(s) * 4 * u64::from(self.input.frames))
            .sum();
        pixels * 12 + frames + file_bytes as u64
    }
}

/// The first half of [`process`]: sniff the format and walk the container, checking
/// every limit the structure decides. Never panics, like `process`.
pub fn inspect(bytes: &[u8], name: &str, options: &Options) -> Result<Inspected, Rejection> {
    guarded(name, || {
        check_inner(bytes, name, options).map(|(input, warnings)| Inspected {
            input,
            warnings,
            walked: (bytes.as_ptr() as usize, bytes.len()),
            options: options.clone(),
        })
    })
}

/// The second half of [`process`], for a file that [`inspect`] accepted: decode,
/// normalise, encode. Given another buffer or other options than `inspect` saw, it is
/// [`process`] (the walk runs again), so no bytes reach a decoder unwalked. Never
/// panics, like `process`.
pub fn process_inspected(
    bytes: &[u8],
    name: &str,
    options: &Options,
    inspected: Inspected,
) -> Result<Processed, Rejection> {
    if inspected.walked != (bytes.as_ptr() as usize, bytes.len()) || inspected.options != *options {
        return process(bytes, name, options);
    }
    guarded(name, || {
        normalise(bytes, name, options, inspected.input, inspected.warnings)
    })
}

/// [`process_inspected`] for the decoder jail's child, which is handed what the parent's
/// walk found rather than the walk itself: the parent walked these very bytes (a memfd
/// sealed against any change before the walk's verdict was sent) under these options.
/// Walking them again in the child would cost a scan of the whole file (about 1 ms of a
/// 12 MP photo) and find the same, with the same code the parent already ran on them.
pub(crate) fn process_walked(
    bytes: &[u8],
    name: &str,
    options: &Options,
    input: InputInfo,
    warnings: Vec<String>,
) -> Result<Processed, Rejection> {
    guarded(name, || normalise(bytes, name, options, input, warnings))
}

impl Inspected {
    /// What the walk found and warned about, to hand to [`process_walked`] with `bytes`:
    /// walked again if this walk was of another buffer or under other options.
    pub(crate) fn findings(
        self,
        bytes: &[u8],
        name: &str,
        options: &Options,
    ) -> Result<(InputInfo, Vec<String>), Rejection> {
        if self.walked != (bytes.as_ptr() as usize, bytes.len()) || self.options != *options {
            return inspect(bytes, name, options)?.findings(bytes, name, options);
        }
        Ok((self.input, self.warnings))
    }
}

/// Runs a step of the pipeline, turning a panic of pfp's code or a decoder's into a
/// rejection of the file.
fn guarded<T>(name: &str, step: impl FnOnce() -> Result<T, Rejection>) -> Result<T, Rejection> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(step)).unwrap_or_else(|_| {
        Err(Rejection::new(
            Rule::Corrupt,
            format!("{name}: the decoder failed on this data (malformed image)"),
        ))
    })
}

/// [`process`] without the panic guard, so that property tests and the fuzzer see any
/// panic of pfp's code or a decoder's instead of the guard's rejection.
#[doc(hidden)]
pub fn process_unguarded(
    bytes: &[u8],
    name: &str,
    options: &Options,
) -> Result<Processed, Rejection> {
    process_inner(bytes, name, options)
}

/// [`inspect`] without the panic guard, for the fuzzer: the sniff and the container
/// walks are what pfp's own process runs on a stranger's bytes outside the jail.
#[doc(hidden)]
pub fn inspect_unguarded(
    bytes: &[u8],
    name: &str,
    options: &Options,
) -> Result<InputInfo, Rejection> {
    check_inner(bytes, name, options).map(|(input, _)| input)
}

fn check_inner(
    bytes: &[u8],
    name: &str,
    options: &Options,
) -> Result<(InputInfo, Vec<String>), Rejection> {
    let detected = sniff::sniff(bytes);
    if detected == Detected::Empty {
        return Err(Rejection::new(
            Rule::Empty,
            format!("{name}: the file is empty"),
        ));
    }
    options.limits.check_bytes(name, bytes.len() as u64)?;
    let allowed = || {
        options
            .formats
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(mut format) = detected.input_format() else {
        // A failed download saved in a picture's place says what went wrong.
        let clue = match detected {
            Detected::Text | Detected::Html => sniff::failed_download(bytes)
                .map(|said| format!(", {said} (what a failed download saves in a picture's place)"))
                .unwrap_or_default(),
            _ => String::new(),
        };
        return Err(Rejection::new(
            Rule::UnsupportedFormat,
            format!(
                "{name}: the content is {}{}{clue}, which is not accepted (allowed: {})",
                article(detected),
                detected.describe(),
                allowed()
            ),
        ));
    };
    // HEIC and AVIF share a container, and a brand (`mif1` says neither) does not bind
    // what the items are: the allow-list is checked against the codec the walk finds,
    // so `--formats heic` keeps the AV1 decoder out whatever the brand says. (A file the
    // walk refuses is refused by `probe` below, if its brand's format is allowed.)
    if matches!(format, InputFormat::Heic | InputFormat::Avif)
        && let Ok(facts) = heif::walk(bytes, name, &options.limits)
    {
        format = if facts.av1 {
            InputFormat::Avif
        } else {
            InputFormat::Heic
        };
    }
    if !options.formats.contains(&format) {
        return Err(Rejection::new(
            Rule::FormatNotAllowed,
            format!(
                "{name}: {} images are not allowed here (allowed: {}; see {})",
                format.name(),
                allowed(),
                crate::error::Setting::Formats.name()
            ),
        ));
    }
    let mut warnings = Vec::new();
    if let Some(ext) = extension(name)
        && !format.extensions().contains(&ext.as_str())
    {
        warnings.push(format!(
            "{name}: the extension says .{ext} but the content is {}; accepted as {}",
            format.name(),
            format.name()
        ));
    }
    let header = decode::probe(bytes, format, name, &options.limits)?;
    Ok((
        InputInfo {
            format,
            width: header.width,
            height: header.height,
            bytes: bytes.len() as u64,
            frames: header.frames,
            orientation: 1,
        },
        warnings,
    ))
}

/// "an SVG image", "a PDF document", but "plain text" and "unrecognised binary data".
fn article(detected: Detected) -> &'static str {
    if matches!(detected, Detected::Text | Detected::Unknown) {
        return "";
    }
    match detected.describe().chars().next() {
        Some('A' | 'E' | 'I' | 'O' | 'U' | 'H' | 'S' | 'a' | 'e' | 'i' | 'o' | 'u') => "an ",
        _ => "a ",
    }
}

fn extension(name: &str) -> Option<String> {
    let file = name.rsplit(['/', '\\']).next()?;
    let (stem, ext) = file.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_ascii_lowercase())
}

/// Runs the pipeline once on tiny pictures of its own (JPEG in, JPEG, PNG and WebP
/// out), so that a process forked afterwards finds every codec's one-time set-up done:
/// the CPU-feature detection of libjpeg-turbo, libwebp, the resizer and SHA-256 (each a
/// CPUID, which a virtual machine traps: measured, a tenth of a jailed child's time on a
/// 96x96 avatar), and the allocator's first arenas. The decoder jail's zygote calls it
/// before it forks any child.
pub fn warm_up() {
    let pixels =
        image::RgbImage::from_fn(16, 16, |x, y| image::Rgb([x as u8 * 16, y as u8 * 16, 128]));
    let Ok(jpeg) = encode::encode_still(&DynamicImage::ImageRgb8(pixels), OutputFormat::Jpeg)
    else {
        return;
    };
    for output in [OutputChoice::Jpeg, OutputChoice::Png, OutputChoice::WebP] {
        let options = Options {
            size: 8,
            output,
            ..Options::default()
        };
        let _ = process(&jpeg, "warm-up.jpg", &options);
    }
}

/// libjpeg-turbo's version, as bundled by the `turbojpeg-sys` crate (pinned exactly in
/// Cargo.toml): its TurboJPEG API has no call that reports it.
const LIBJPEG_TURBO_VERSION: &str = "3.1.0";

/// rav1d's version, pinned exactly in Cargo.toml (its `dav1d_version` reports the dav1d
/// release it follows, not its own).
const RAV1D_VERSION: &str = "1.1.0";

/// The codecs that read and write pictures, with the versions of the two C libraries
/// among them (linked statically, and run only in the decoder jail), for `doctor`.
pub fn codecs() -> String {
    // SAFETY: a plain query of a constant compiled into libwebp.
    let webp = unsafe { libwebp_sys::WebPGetEncoderVersion() };
    format!(
        "libjpeg-turbo {LIBJPEG_TURBO_VERSION} (C: JPEG decoding and encoding), libwebp \
         {}.{}.{} (C: WebP encoding), linked statically and run in the jail; image (Rust: \
         PNG, GIF, WebP decoding, PNG and GIF encoding), heifer (Rust: HEIC), \
         rav1d {RAV1D_VERSION} (Rust port of dav1d, with its assembly: AVIF), moxcms (Rust: \
         AVIF colour)",
        (webp >> 16) & 0xff,
        (webp >> 8) & 0xff,
        webp & 0xff
    )
}

/// Identifies what `process` would make of `bytes` with `options`, without running it:
/// the source's BLAKE3 hash and every option that changes the output. A re-run import
/// that finds this fingerprint on the user's current picture skips the file.
///
/// BLAKE3 rather than SHA-256 for the source: it is read once per file and photos are
/// megabytes (4.5 MB: 0.56 ms against 2.5 ms with SHA-NI here). Fingerprints of older
/// versions (`pfp-pipeline-1`, SHA-256) no longer match, so the first run of this version
/// decodes such a file again, finds its picture unchanged and records the new one.
pub fn fingerprint(bytes: &[u8], options: &Options) -> String {
    let recipe = format!(
        "pfp-pipeline-2|{}|{:?}|{:?}|{:?}|{}",
        blake3::hash(bytes).to_hex(),
        options.all_sizes(),
        options.crop,
        options.output,
        options.still
    );
    sha256_hex(recipe.as_bytes())
}

/// SHA-256 of `bytes`, lowercase hex: a rendition's hash, taken again by whoever must not
/// trust the one it was handed (the decoder jail's parent).
pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::values::encoding::hex(&Sha256::digest(bytes))
}

fn internal(name: &str, what: &str, reason: String) -> Rejection {
    Rejection::new(Rule::Corrupt, format!("{name}: cannot {what}: {reason}"))
}

fn process_inner(bytes: &[u8], name: &str, options: &Options) -> Result<Processed, Rejection> {
    let (input, warnings) = check_inner(bytes, name, options)?;
    normalise(bytes, name, options, input, warnings)
}

/// Everything after the container walk: decode, orient, crop, resize, encode, hash.
fn normalise(
    bytes: &[u8],
    name: &str,
    options: &Options,
    mut input: InputInfo,
    warnings: Vec<String>,
) -> Result<Processed, Rejection> {
    let sizes = options.all_sizes();
    let largest = sizes.first().copied().unwrap_or(options.size).max(1);
    let animated = input.format == InputFormat::Gif
        && input.frames > 1
        && !options.still
        && options.output == OutputChoice::Auto;
    let mut actions = Vec::new();
    if input.frames > 1 && !animated {
        actions.push("keep the first frame only".to_owned());
    }

    let (format, renditions) = if animated {
        let renditions = animate(bytes, name, options, &input, &sizes)?;
        (OutputFormat::Gif, renditions)
    } else {
        // The shortest side the largest rendition needs: a JPEG may decode smaller.
        let (w, h) = (input.width, input.height);
        let min_side = match options.crop {
            Crop::Center => largest,
            Crop::None => {
                let scale = f64::from(largest) / f64::from(w.max(h));
                (f64::from(w.min(h)) * scale).ceil() as u32
            }
        };
        let still = decode::decode_still_for(
            bytes,
            input.format,
            name,
            &options.limits,
            Some(min_side),
            options.crop,
        )?;
        input.orientation = still.exif_orientation;
        let has_alpha = matches!(still.image, DynamicImage::ImageRgba8(_));
        let format = options.output.for_still(has_alpha);
        let renditions = stills(
            &still.image,
            still.orientation,
            format,
            name,
            options,
            &sizes,
        )?;
        if let Some(words) = normalize::describe(still.orientation) {
            actions.push(format!("{words} (EXIF orientation {})", input.orientation));
        }
        (format, renditions)
    };

    if options.crop == Crop::Center && input.width != input.height {
        let side = input.width.min(input.height);
        actions.push(format!("crop to {side}x{side} (centre)"));
    }
    let main = renditions
        .iter()
        .position(|r| r.size == options.size)
        .unwrap_or(0);
    let main_r = &renditions[main];
    // The framed source, in the input's pixels: a picture no larger than the size asked
    // for is kept as it is (never enlarged), and the words say so.
    let framed = match options.crop {
        Crop::Center => (input.width.min(input.height), input.width.min(input.height)),
        Crop::None => (input.width, input.height),
    };
    let sorted = |(a, b): (u32, u32)| (a.min(b), a.max(b));
    let kept = sorted((main_r.width, main_r.height)) == sorted(framed);
    let others: Vec<String> = renditions
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != main)
        .map(|(_, r)| format!("{}x{}", r.width, r.height))
        .collect();
    let (w, h) = (main_r.width, main_r.height);
    if !kept {
        // Every size is resized from the frame: one action.
        actions.push(if others.is_empty() {
            format!("resize to {w}x{h}")
        } else {
            format!("resize to {w}x{h} (and {})", others.join(", "))
        });
    } else {
        actions.push(if w.max(h) < options.size {
            format!(
                "keep {w}x{h}: smaller than {}, never enlarged",
                options.size
            )
        } else {
            format!("keep {w}x{h}")
        });
        // The other sizes are made from it: an action of their own, so that "keep" is
        // never read as covering them.
        if !others.is_empty() {
            actions.push(format!("make {}", others.join(", ")));
        }
    }
    actions.push("strip metadata (EXIF, XMP, comments)".to_owned());
    actions.push(match format {
        OutputFormat::Jpeg => format!("encode JPEG q{}", encode::JPEG_QUALITY),
        other => format!("encode {}", other.name()),
    });

    Ok(Processed {
        input,
        actions,
        warnings,
        picture: Picture {
            format,
            renditions,
            main,
        },
    })
}

/// Every still rendition, each resized from the next larger one (one decode in all).
fn stills(
    image: &DynamicImage,
    orientation: Orientation,
    format: OutputFormat,
    name: &str,
    options: &Options,
    sizes: &[u32],
) -> Result<Vec<Rendition>, Rejection> {
    let mut renditions = Vec::with_capacity(sizes.len());
    let mut previous: Option<DynamicImage> = None;
    for (i, &size) in sizes.iter().enumerate() {
        let source = previous.as_ref().unwrap_or(image);
        // The first cut frames the picture; later ones only scale what is already framed.
        let crop = if i > 0 { Crop::None } else { options.crop };
        let g = normalize::geometry(source.width(), source.height(), size, crop);
        let resized =
            normalize::resize_unless_whole(source, &g).map_err(|e| internal(name, "resize", e))?;
        let turned = normalize::upright(resized.as_ref().unwrap_or(source), orientation);
        let upright = turned.as_ref().or(resized.as_ref()).unwrap_or(source);
        let bytes =
            encode::encode_still(upright, format).map_err(|e| internal(name, "encode", e))?;
        renditions.push(Rendition {
            size,
            width: upright.width(),
            height: upright.height(),
            sha256: sha256_hex(&bytes),
            bytes,
        });
        // A rendition that is the whole source leaves the source as the next one's.
        if let Some(resized) = resized {
            previous = Some(resized);
        }
    }
    Ok(renditions)
}

/// Every animated rendition: frames are decoded one by one and only resized copies kept.
fn animate(
    bytes: &[u8],
    name: &str,
    options: &Options,
    input: &InputInfo,
    sizes: &[u32],
) -> Result<Vec<Rendition>, Rejection> {
    let geometries: Vec<_> = sizes
        .iter()
        .map(|&s| normalize::geometry(input.width, input.height, s, options.crop))
        .collect();
    let mut frames: Vec<Vec<(image::RgbaImage, u32)>> = vec![Vec::new(); sizes.len()];
    let mut failure = None;
    decode::decode_gif_frames(bytes, name, &options.limits, |frame, delay| {
        if failure.is_some() {
            return;
        }
        let frame = DynamicImage::ImageRgba8(frame);
        for (g, out) in geometries.iter().zip(frames.iter_mut()) {
            match normalize::resize_unless_whole(&frame, g) {
                Ok(resized) => out.push((resized.as_ref().unwrap_or(&frame).to_rgba8(), delay)),
                Err(e) => failure = Some(e),
            }
        }
    })?;
    if let Some(e) = failure {
        return Err(internal(name, "resize", e));
    }
    sizes
        .iter()
        .zip(frames)
        .map(|(&size, frames)| {
            let (width, height) = frames
                .first()
                .map(|(f, _)| (f.width(), f.height()))
                .unwrap_or((0, 0));
            let bytes =
                encode::encode_animation(&frames).map_err(|e| internal(name, "encode", e))?;
            Ok(Rendition {
                size,
                width,
                height,
                sha256: sha256_hex(&bytes),
                bytes,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_sorted_and_unique() {
        let o = Options {
            size: 256,
            sizes: vec![64, 512, 256, 128],
            ..Options::default()
        };
        assert_eq!(o.all_sizes(), vec![512, 256, 128, 64]);
    }

    #[test]
    fn process_inspected_walks_what_inspect_did_not_see() {
        let options = Options::default();
        let text: &[u8] = b"plain text, not a picture";
        // A verdict about another buffer (a 1x1 PNG): the text is walked afresh and refused
        // by the walk, not handed to the PNG decoder (which would call it corrupt).
        let other = Inspected {
            input: InputInfo {
                format: InputFormat::Png,
                width: 1,
                height: 1,
                bytes: 1,
                frames: 1,
                orientation: 1,
            },
            warnings: Vec::new(),
            walked: (0, 0),
            options: options.clone(),
        };
        let refused = process_inspected(text, "a.png", &options, other).unwrap_err();
        assert_eq!(refused.rule, Rule::UnsupportedFormat, "{refused}");

        // The same buffer under other options: walked again under the new ones.
        let png = encode::encode_still(&DynamicImage::new_rgb8(8, 8), OutputFormat::Png).unwrap();
        let inspected = inspect(&png, "b.png", &options).unwrap();
        let jpeg_only = Options {
            formats: vec![InputFormat::Jpeg],
            ..Options::default()
        };
        let refused = process_inspected(&png, "b.png", &jpeg_only, inspected).unwrap_err();
        assert_eq!(refused.rule, Rule::FormatNotAllowed, "{refused}");
    }

    #[test]
    fn extension_of_names() {
        assert_eq!(extension("a/b/photo.JPG").as_deref(), Some("jpg"));
        assert_eq!(extension(".hidden"), None);
        assert_eq!(extension("noext"), None);
    }
}
