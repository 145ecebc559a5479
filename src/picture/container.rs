//! The container walk: before any decoder runs, the file's structure (PNG chunks, JPEG
//! markers and scans, WebP chunks) is read with bounds-checked arithmetic and no
//! decompression, and every figure that decides a decoder's memory or CPU is checked
//! against the limits. What a decoder would otherwise inflate or loop over without bound
//! never reaches it:
//!
//! - PNG: only the chunks that make the pixels (IHDR, PLTE, tRNS, IDAT, IEND) and a small
//!   uncompressed eXIf (for the orientation) are passed on. Compressed ancillary chunks
//!   (iCCP, zTXt, iTXt) are dropped unread, so an ICC profile that inflates to gigabytes
//!   costs nothing; pfp strips metadata from its output anyway. The compressed image data
//!   may not be much larger than the pixels it describes, so a zlib stream that goes on
//!   inflating after the last row (1032:1 at most) is refused before it is inflated.
//! - JPEG: the scans are counted by walking the markers (entropy-coded data is skipped,
//!   not decoded); every scan of a progressive JPEG is a pass over every block, so a file
//!   with far more scans than any encoder writes is refused. A sequential JPEG whose first
//!   scan holds every component is walked only up to that scan: libjpeg-turbo decodes no
//!   second scan of it.
//! - WebP: every animation frame's rectangle must lie inside the canvas, the frames are
//!   counted, and the EXIF block (read for the orientation) is capped.
//!
//! GIFs are walked by the `gif` crate without LZW decoding (see `decode::probe`).

use std::borrow::Cow;

use super::limits::Limits;
use super::{Rejection, Rule};

/// The largest metadata block a decoder is allowed to read (EXIF in PNG and WebP).
/// Real EXIF blocks are a few kilobytes; 64 KiB is the most a JPEG can even carry.
pub const MAX_METADATA_BYTES: usize = 1 << 20;

/// What the PNG walk found.
#[derive(Debug)]
pub struct Png<'a> {
    pub width: u32,
    pub height: u32,
    /// The file as the decoder gets it: without the dropped chunks.
    pub bytes: Cow<'a, [u8]>,
}

const PNG_SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";

fn corrupt(name: &str, format: &str, reason: impl std::fmt::Display) -> Rejection {
    Rejection::new(
        Rule::Corrupt,
        format!("{name}: the {format} data is corrupt or truncated: {reason}"),
    )
}

fn be_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn le_u24(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at + 3)?;
    Some(u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16)
}

fn le_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The most bytes of compressed image data a PNG of this header can need: the filtered
/// rows (one filter byte each, and for Adam7 a row per pass), plus deflate's worst-case
/// growth for incompressible data (stored blocks: 5 bytes per 64 KiB; a fixed-Huffman
/// encoder: 9 bits per byte at most) and room for the zlib header and checksum.
fn png_data_bound(width: u32, height: u32, bit_depth: u8, color_type: u8, interlaced: bool) -> u64 {
    let channels: u64 = match color_type {
        0 | 3 => 1,
        2 => 3,
        4 => 2,
        _ => 4,
    };
    let bits_per_pixel = channels * u64::from(bit_depth.max(1));
    let row_bytes = (u64::from(width) * bits_per_pixel).div_ceil(8);
    let mut filtered = u64::from(height) * (1 + row_bytes);
    if interlaced {
        // Seven passes: at most seven extra filter bytes per row, and rounding per pass.
        filtered += u64::from(height) * 7 + 7 * (1 + row_bytes.div_ceil(8) + 8);
    }
    filtered + filtered / 8 + (64 << 10)
}

/// Walks a PNG's chunks, checks the header against the limits and returns the file with
/// only the chunks the decoder needs.
pub fn png<'a>(bytes: &'a [u8], name: &str, limits: &Limits) -> Result<Png<'a>, Rejection> {
    const FORMAT: &str = "PNG";
    if !bytes.starts_with(PNG_SIGNATURE) {
        return Err(corrupt(name, FORMAT, "no PNG signature"));
    }
    let mut at = PNG_SIGNATURE.len();
    let mut header = None;
    let mut idat_bytes: u64 = 0;
    let mut dropped = false;
    let mut kept: Vec<std::ops::Range<usize>> = Vec::new();
    let mut ended = false;
    while at < bytes.len() {
        let (Some(length), Some(kind)) = (be_u32(bytes, at), bytes.get(at + 4..at + 8)) else {
            return Err(corrupt(name, FORMAT, "a chunk header is cut off"));
        };
        let length = length as usize;
        let data = at + 8;
        let end = data
            .checked_add(length)
            .and_then(|e| e.checked_add(4))
            .filter(|&e| e <= bytes.len())
            .ok_or_else(|| {
                corrupt(
                    name,
                    FORMAT,
                    format!(
                        "chunk '{}' claims {length} bytes but the file ends first",
                        String::from_utf8_lossy(kind).escape_debug()
                    ),
                )
            })?;
        let chunk = at..end;
        match kind {
            b"IHDR" => {
                if header.is_some() || at != PNG_SIGNATURE.len() || length != 13 {
                    return Err(corrupt(name, FORMAT, "a misplaced or malformed IHDR chunk"));
                }
                let width = be_u32(bytes, data).unwrap_or(0);
                let height = be_u32(bytes, data + 4).unwrap_or(0);
                limits.check_dimensions(name, width, height)?;
                let (depth, color, interlace) =
                    (bytes[data + 8], bytes[data + 9], bytes[data + 12]);
                header = Some((width, height, depth, color, interlace == 1));
                kept.push(chunk);
            }
            _ if header.is_none() => {
                return Err(corrupt(name, FORMAT, "the first chunk is not IHDR"));
            }
            b"IDAT" => {
                idat_bytes += length as u64;
                kept.push(chunk);
            }
            b"PLTE" | b"tRNS" => kept.push(chunk),
            b"IEND" => {
                kept.push(chunk);
                ended = true;
            }
            b"eXIf" => {
                if length > MAX_METADATA_BYTES {
                    return Err(metadata_too_large(name, "EXIF (eXIf chunk)", length));
                }
                kept.push(chunk);
            }
            // An unknown critical chunk (upper-case first letter) means the image cannot
            // be decoded correctly without understanding it.
            [first, ..] if first.is_ascii_uppercase() => {
                return Err(corrupt(
                    name,
                    FORMAT,
                    format!(
                        "unknown critical chunk '{}'",
                        String::from_utf8_lossy(kind).escape_debug()
                    ),
                ));
            }
            // Ancillary chunks (ICC profiles, text, APNG frames, ...): dropped unread.
            _ => dropped = true,
        }
        at = end;
        if ended {
            break;
        }
    }
    let Some((width, height, depth, color, interlaced)) = header else {
        return Err(corrupt(name, FORMAT, "no IHDR chunk"));
    };
    let bound = png_data_bound(width, height, depth, color, interlaced);
    if idat_bytes > bound {
        return Err(Rejection::new(
            Rule::ExcessImageData,
            format!(
                "{name}: the PNG holds {idat_bytes} bytes of compressed image data, but a {width}x{height} image needs at most {bound}; the rest would only cost time to inflate"
            ),
        ));
    }
    let bytes = if dropped || at < bytes.len() {
        let mut out = Vec::with_capacity(bytes.len());
        out.extend_from_slice(PNG_SIGNATURE);
        for range in kept {
            out.extend_from_slice(&bytes[range]);
        }
        Cow::Owned(out)
    } else {
        Cow::Borrowed(bytes)
    };
    Ok(Png {
        width,
        height,
        bytes,
    })
}

fn metadata_too_large(name: &str, what: &str, bytes: usize) -> Rejection {
    Rejection::new(
        Rule::MetadataTooLarge,
        format!(
            "{name}: the {what} block is {bytes} bytes, over the limit of {MAX_METADATA_BYTES} bytes for metadata"
        ),
    )
}

/// What the JPEG walk found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Jpeg {
    pub width: u32,
    pub height: u32,
    pub scans: u32,
    pub progressive: bool,
}

/// A component of a JPEG frame: its id and sampling factors.
#[derive(Clone, Copy, Debug)]
struct Component {
    id: u8,
    h: u32,
    v: u32,
}

/// The blocks of `c` in a `width`x`height` frame whose largest sampling factors are
/// `hmax`x`vmax`.
fn component_blocks(c: Component, width: u32, height: u32, hmax: u32, vmax: u32) -> u64 {
    let w = (u64::from(width) * u64::from(c.h)).div_ceil(u64::from(hmax.max(1)));
    let h = (u64::from(height) * u64::from(c.v)).div_ceil(u64::from(vmax.max(1)));
    w.div_ceil(8) * h.div_ceil(8)
}

/// Walks a JPEG's markers up to EOI, skipping entropy-coded data, and counts the scans
/// and the work they ask of a decoder: every scan decodes, for every block of the
/// components it covers, the coefficients of its spectral band (Ss..=Se). A baseline JPEG
/// asks for 64 per block once; libjpeg's progressive script for about three times that.
/// Checks the frame's dimensions, the scan count and that work against the limits. The
/// walk ends at the first scan of a sequential frame when that scan holds every
/// component (what cameras and phones write): the decoder takes no second scan of such
/// a frame, so `scans` is then 1 whatever follows.
pub fn jpeg(bytes: &[u8], name: &str, limits: &Limits) -> Result<Jpeg, Rejection> {
    const FORMAT: &str = "JPEG";
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(corrupt(name, FORMAT, "no start-of-image marker"));
    }
    let mut at = 2;
    let mut frame: Option<(u32, u32, bool)> = None;
    let mut components: Vec<Component> = Vec::new();
    // The component count the frame header declares (libjpeg-turbo's num_components).
    let mut declared = 0;
    let mut scans: u32 = 0;
    let mut work: u64 = 0;
    loop {
        // Markers may be preceded by any number of 0xFF fill bytes.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            // Truncated before EOI: the decoder fills in what is missing, and what was
            // counted so far is all it will see.
            break;
        };
        at += 2;
        match marker {
            0xD9 => break, // EOI
            0xD0..=0xD7 | 0x01 => continue,
            _ => {}
        }
        let Some(length) = bytes
            .get(at..at + 2)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
        else {
            break;
        };
        if length < 2 {
            return Err(corrupt(
                name,
                FORMAT,
                format!("marker 0x{marker:02X} has length {length}"),
            ));
        }
        let segment = bytes
            .get(at + 2..(at + length).min(bytes.len()))
            .unwrap_or(&[]);
        match marker {
            // SOF0..SOF15 but DHT (C4), JPG (C8) and DAC (CC).
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                if frame.is_some() {
                    return Err(corrupt(name, FORMAT, "more than one frame header"));
                }
                if segment.len() < 6 {
                    return Err(corrupt(name, FORMAT, "a short frame header"));
                }
                let height = u32::from(u16::from_be_bytes([segment[1], segment[2]]));
                let width = u32::from(u16::from_be_bytes([segment[3], segment[4]]));
                limits.check_dimensions(name, width, height)?;
                declared = usize::from(segment[5]);
                components = segment[6..]
                    .chunks_exact(3)
                    .take(usize::from(segment[5]))
                    .map(|c| Component {
                        id: c[0],
                        h: u32::from(c[1] >> 4).max(1),
                        v: u32::from(c[1] & 0x0F).max(1),
                    })
                    .collect();
                frame = Some((width, height, matches!(marker, 0xC2 | 0xC6 | 0xCA | 0xCE)));
            }
            0xDA => {
                scans += 1;
                if scans > limits.max_scans {
                    return Err(Rejection::new(
                        Rule::TooManyScans,
                        format!(
                            "{name}: the JPEG has more than {} scans; real encoders write at most a few dozen, and every scan is another pass over the image",
                            limits.max_scans
                        ),
                    ));
                }
                if let Some((width, height, _)) = frame {
                    work = work.saturating_add(scan_work(segment, &components, width, height));
                    if work > limits.max_scan_work {
                        return Err(Rejection::new(
                            Rule::TooManyScans,
                            format!(
                                "{name}: the JPEG's scans ask the decoder for over {} million coefficients, more than the limit of {} million for any image (a {width}x{height} baseline JPEG needs {})",
                                work / 1_000_000,
                                limits.max_scan_work / 1_000_000,
                                baseline_work(&components, width, height) / 1_000_000
                            ),
                        ));
                    }
                }
                // A sequential frame whose first scan holds every component is one scan:
                // libjpeg-turbo refuses any further SOS as an error ("didn't expect more
                // than one scan", jdinput.c), so nothing after this scan can ask the
                // decoder for more work, and the walk need not pass over its entropy-coded
                // data (a 12 MP photo's 4.5 MB: 0.3-0.9 ms before its decode could start).
                if scans == 1
                    && let Some((_, _, false)) = frame
                    && segment.first().map(|&n| usize::from(n)) == Some(declared)
                {
                    break;
                }
                at += length;
                at = skip_entropy_coded(bytes, at);
                continue;
            }
            _ => {}
        }
        at += length;
    }
    let Some((width, height, progressive)) = frame else {
        return Err(corrupt(name, FORMAT, "no frame header"));
    };
    Ok(Jpeg {
        width,
        height,
        scans,
        progressive,
    })
}

/// The payload of the first APP1 segment holding EXIF data (after its `Exif\0\0` tag), from
/// the segments before the first scan: a walk of a few markers, no entropy-coded data.
pub fn jpeg_exif(bytes: &[u8]) -> Option<&[u8]> {
    let mut at = 2;
    loop {
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (&0xFF, &marker) = (bytes.get(at)?, bytes.get(at + 1)?) else {
            return None;
        };
        if matches!(marker, 0xDA | 0xD9) {
            return None;
        }
        let length = usize::from(u16::from_be_bytes(
            bytes.get(at + 2..at + 4)?.try_into().ok()?,
        ));
        let segment = bytes.get(at + 4..at + 2 + length.max(2))?;
        if marker == 0xE1
            && let Some(exif) = segment.strip_prefix(b"Exif\0\0")
        {
            return Some(exif);
        }
        at += 2 + length.max(2);
    }
}

fn max_sampling(components: &[Component]) -> (u32, u32) {
    components
        .iter()
        .fold((1, 1), |(h, v), c| (h.max(c.h), v.max(c.v)))
}

/// The coefficients one scan asks for: blocks of its components x its spectral band.
fn scan_work(sos: &[u8], components: &[Component], width: u32, height: u32) -> u64 {
    let Some(&count) = sos.first() else {
        return 0;
    };
    let count = usize::from(count);
    let ids = sos.get(1..1 + 2 * count).unwrap_or(&[]);
    let band = sos
        .get(1 + 2 * count..3 + 2 * count)
        .map_or(64, |b| u64::from(b[1].saturating_sub(b[0])) + 1)
        .min(64);
    let (hmax, vmax) = max_sampling(components);
    ids.chunks_exact(2)
        .filter_map(|c| components.iter().find(|k| k.id == c[0]))
        .map(|&c| component_blocks(c, width, height, hmax, vmax) * band)
        .sum()
}

/// What a baseline decode of the frame costs in the same unit, for the message.
fn baseline_work(components: &[Component], width: u32, height: u32) -> u64 {
    let (hmax, vmax) = max_sampling(components);
    components
        .iter()
        .map(|&c| component_blocks(c, width, height, hmax, vmax) * 64)
        .sum()
}

/// The position of the next marker after entropy-coded data starting at `at`: the first
/// 0xFF that is neither a stuffed zero (FF 00), a restart marker (FF D0..D7) nor a fill
/// byte before another 0xFF (or the end of the data when there is none).
///
/// The walk passes over every byte of the entropy-coded data, where a 0xFF comes about
/// every hundred bytes (stuffed): a search that stops at each (`memchr`) spent 0.9 ms on
/// a 12 MP photo. On x86-64 this one compares 32 bytes and their successors at a time
/// (SSE2, which every x86-64 has) and stops only at a marker: 0.26 ms (`cargo bench
/// --bench pipeline -- "container walk"`).
fn skip_entropy_coded(bytes: &[u8], at: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE2 is part of x86-64 itself: every x86-64 CPU has it.
    let at = unsafe { skip_blocks(bytes, at.min(bytes.len())) };
    #[cfg(not(target_arch = "x86_64"))]
    let at = skip_by_memchr(bytes, at.min(bytes.len()));
    first_marker_from(bytes, at)
}

/// The rest, byte by byte: the first marker from `at`, or the end of the data.
fn first_marker_from(bytes: &[u8], at: usize) -> usize {
    (at..bytes.len())
        .find(|&i| is_marker(bytes[i], bytes.get(i + 1).copied()))
        .unwrap_or(bytes.len())
}

/// From `at`, the first marker that whole blocks of 32 bytes (each with the byte after
/// it) show, or where fewer than 33 bytes are left: the caller goes on from there.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn skip_blocks(bytes: &[u8], mut at: usize) -> usize {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set_epi64x, _mm_set1_epi8, _mm_setzero_si128,
    };
    // 16 bytes as a vector, without a raw pointer (the compiler makes it one load).
    let load = |b: &[u8; 33], at: usize| -> __m128i {
        let half = |i: usize| {
            let mut word = [0u8; 8];
            word.copy_from_slice(&b[i..i + 8]);
            i64::from_le_bytes(word)
        };
        _mm_set_epi64x(half(at + 8), half(at))
    };
    let ones = _mm_set1_epi8(-1);
    let rst_mask = _mm_set1_epi8(0xF8u8 as i8);
    let rst = _mm_set1_epi8(0xD0u8 as i8);
    // The markers among 16 bytes, as the bits of a mask, given the 16 bytes after each.
    let markers = |here, next| {
        let not_marker = _mm_or_si128(
            _mm_or_si128(
                _mm_cmpeq_epi8(next, _mm_setzero_si128()),
                _mm_cmpeq_epi8(next, ones),
            ),
            _mm_cmpeq_epi8(_mm_and_si128(next, rst_mask), rst),
        );
        _mm_movemask_epi8(_mm_andnot_si128(not_marker, _mm_cmpeq_epi8(here, ones))) as u32
    };
    // 32 bytes a step, without a branch but the one that finds a marker: a 0xFF comes
    // every hundred bytes or so, and a branch on each would be mispredicted often.
    while let Some(block) = bytes
        .get(at..at + 33)
        .and_then(|b| <&[u8; 33]>::try_from(b).ok())
    {
        let found = markers(load(block, 0), load(block, 1))
            | (markers(load(block, 16), load(block, 17)) << 16);
        if found != 0 {
            return at + found.trailing_zeros() as usize;
        }
        at += 32;
    }
    at
}

/// Elsewhere: memchr's search for the next 0xFF, then a look at the byte after it; from
/// `at`, the first marker before the last byte, or the last byte (the caller looks at it).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn skip_by_memchr(bytes: &[u8], mut at: usize) -> usize {
    while at + 1 < bytes.len() {
        match memchr::memchr(0xFF, &bytes[at..bytes.len() - 1]) {
            None => return bytes.len() - 1,
            Some(i) if is_marker(0xFF, Some(bytes[at + i + 1])) => return at + i,
            Some(i) => at += i + 1,
        }
    }
    at
}

/// Whether a byte starts a marker, given the byte after it (none at the end of the data).
#[inline(always)]
fn is_marker(byte: u8, next: Option<u8>) -> bool {
    byte == 0xFF
        && match next {
            None => true,
            Some(next) => next != 0x00 && next != 0xFF && next & 0xF8 != 0xD0,
        }
}

/// What the WebP walk found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WebP {
    /// The canvas, when the file has a VP8X header (otherwise the decoder reads it from
    /// the bitstream, whose size fields are 14 bits and cannot exceed 16384).
    pub canvas: Option<(u32, u32)>,
    pub frames: u32,
}

/// Walks a WebP's RIFF chunks: the canvas, every frame's rectangle, the metadata sizes.
pub fn webp(bytes: &[u8], name: &str, limits: &Limits) -> Result<WebP, Rejection> {
    const FORMAT: &str = "WebP";
    let mut at = 12;
    let mut canvas = None;
    let mut frames = 0u32;
    let mut area = 0u64;
    while at + 8 <= bytes.len() {
        let kind = &bytes[at..at + 4];
        let Some(size) = le_u32(bytes, at + 4).map(|s| s as usize) else {
            break;
        };
        let data = at + 8;
        let end = data.saturating_add(size).min(bytes.len());
        let chunk = &bytes[data..end];
        match kind {
            b"VP8X" => {
                let (Some(w), Some(h)) = (le_u24(chunk, 4), le_u24(chunk, 7)) else {
                    return Err(corrupt(name, FORMAT, "a short VP8X header"));
                };
                let (w, h) = (w + 1, h + 1);
                limits.check_dimensions(name, w, h)?;
                canvas = Some((w, h));
            }
            b"ANMF" => {
                let (Some(x), Some(y), Some(w), Some(h)) = (
                    le_u24(chunk, 0),
                    le_u24(chunk, 3),
                    le_u24(chunk, 6),
                    le_u24(chunk, 9),
                ) else {
                    return Err(corrupt(name, FORMAT, "a short animation frame header"));
                };
                let (x, y, w, h) = (x * 2, y * 2, w + 1, h + 1);
                let Some((cw, ch)) = canvas else {
                    return Err(corrupt(name, FORMAT, "an animation frame without a canvas"));
                };
                if x + w > cw || y + h > ch {
                    return Err(Rejection::new(
                        Rule::FrameOutsideCanvas,
                        format!(
                            "{name}: frame {} ({w}x{h} at {x},{y}) lies outside the {cw}x{ch} canvas",
                            frames + 1
                        ),
                    ));
                }
                frames += 1;
                area = area.saturating_add(u64::from(cw) * u64::from(ch));
                limits.check_frames(name, frames, area)?;
            }
            b"EXIF" | b"XMP " | b"ICCP" if size > MAX_METADATA_BYTES => {
                let what = String::from_utf8_lossy(kind).trim().to_owned();
                return Err(metadata_too_large(name, &what, size));
            }
            _ => {}
        }
        // Chunks are padded to an even size.
        at = data.saturating_add(size).saturating_add(size & 1);
    }
    Ok(WebP {
        canvas,
        frames: frames.max(1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The marker search as the walk first had it, one 0xFF at a time: what the fast
    /// searches must agree with.
    fn next_marker_one_by_one(bytes: &[u8], mut at: usize) -> usize {
        while at < bytes.len() {
            match bytes[at..].iter().position(|&b| b == 0xFF) {
                None => return bytes.len(),
                Some(i) => at += i,
            }
            match bytes.get(at + 1) {
                Some(0x00 | 0xD0..=0xD7) => at += 2,
                Some(0xFF) => at += 1,
                _ => return at,
            }
        }
        bytes.len()
    }

    /// Entropy-coded data where what the search must tell apart is common: 0xFF before
    /// zeros, restart markers, more 0xFF, real markers, at every offset of a SIMD block.
    fn entropy_bytes() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        let byte = prop_oneof![
            4 => Just(0xFFu8),
            2 => Just(0x00u8),
            2 => 0xD0u8..=0xD7,
            1 => 0xD8u8..=0xFE,
            1 => 0xC0u8..=0xCF,
            3 => any::<u8>(),
        ];
        proptest::collection::vec(byte, 0..200)
    }

    proptest::proptest! {
        #[test]
        fn the_marker_search_finds_what_a_byte_by_byte_search_finds(
            bytes in entropy_bytes(),
            start in 0usize..210,
        ) {
            let want = next_marker_one_by_one(&bytes, start.min(bytes.len()));
            proptest::prop_assert_eq!(skip_entropy_coded(&bytes, start), want);
            let portable = first_marker_from(&bytes, skip_by_memchr(&bytes, start.min(bytes.len())));
            proptest::prop_assert_eq!(portable, want);
        }
    }

    #[test]
    fn the_marker_search_skips_long_runs_of_stuffed_bytes_and_restarts() {
        // A marker at every position of two SIMD blocks, after stuffing, fill and
        // restart markers, and none at all (the end of the data).
        for len in 0..100 {
            let plain: Vec<u8> = (0..len)
                .map(|i| [0xFF, 0x00, 0x12, 0xFF, 0xD3, 0xFF, 0xFF, 0x00][i % 8])
                .collect();
            assert_eq!(
                skip_entropy_coded(&plain, 0),
                next_marker_one_by_one(&plain, 0),
                "{len} bytes without a marker but perhaps the last 0xFF"
            );
            for at in 0..len {
                let mut bytes = plain.clone();
                if at + 1 < len {
                    bytes[at] = 0xFF;
                    bytes[at + 1] = 0xD9;
                    assert_eq!(
                        skip_entropy_coded(&bytes, 0),
                        next_marker_one_by_one(&bytes, 0),
                        "{len} bytes, an EOI at {at}"
                    );
                }
            }
        }
    }

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&[0; 4]);
        out
    }

    fn ihdr(w: u32, h: u32) -> Vec<u8> {
        let mut d = w.to_be_bytes().to_vec();
        d.extend_from_slice(&h.to_be_bytes());
        d.extend_from_slice(&[8, 2, 0, 0, 0]);
        chunk(b"IHDR", &d)
    }

    #[test]
    fn png_drops_ancillary_chunks_and_keeps_the_pixels() {
        let mut file = PNG_SIGNATURE.to_vec();
        file.extend(ihdr(1, 1));
        file.extend(chunk(b"iCCP", b"profile\0\0garbage"));
        file.extend(chunk(b"IDAT", b"data"));
        file.extend(chunk(b"tEXt", b"k\0v"));
        file.extend(chunk(b"IEND", b""));
        let out = png(&file, "x.png", &Limits::default()).unwrap();
        assert_eq!((out.width, out.height), (1, 1));
        let kept = out.bytes.into_owned();
        assert!(!kept.windows(4).any(|w| w == b"iCCP" || w == b"tEXt"));
        assert!(kept.windows(4).any(|w| w == b"IDAT"));
    }

    #[test]
    fn png_with_more_image_data_than_pixels_is_refused() {
        let mut file = PNG_SIGNATURE.to_vec();
        file.extend(ihdr(1, 1));
        file.extend(chunk(b"IDAT", &vec![0; 70_000]));
        file.extend(chunk(b"IEND", b""));
        let err = png(&file, "x.png", &Limits::default()).unwrap_err();
        assert_eq!(err.rule, Rule::ExcessImageData, "{err}");
    }

    /// A sequential (SOF0) three-component 16x16 frame, then `first` (the components of
    /// its first scan) and `extra` more single-component scans, each with a few bytes of
    /// entropy-coded data, then EOI.
    fn sequential(first: &[u8], extra: usize) -> Vec<u8> {
        let mut file = vec![0xFF, 0xD8];
        file.extend([0xFF, 0xC0, 0, 17, 8, 0, 16, 0, 16, 3]);
        file.extend([1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        let sos = |ids: &[u8]| {
            let n = u8::try_from(ids.len()).unwrap();
            let mut s = vec![0xFF, 0xDA, 0, 6 + 2 * n, n];
            for &id in ids {
                s.extend([id, 0]);
            }
            s.extend([0, 63, 0, 0x12, 0xFF, 0x00, 0x34]);
            s
        };
        file.extend(sos(first));
        for _ in 0..extra {
            file.extend(sos(&[1]));
        }
        file.extend([0xFF, 0xD9]);
        file
    }

    #[test]
    fn a_sequential_jpeg_whose_first_scan_holds_every_component_is_walked_to_that_scan() {
        let limits = Limits {
            max_scans: 2,
            ..Limits::default()
        };
        // The decoder refuses a second scan of such a frame, so the 100 after it are not
        // the walk's to count.
        let facts = jpeg(&sequential(&[1, 2, 3], 100), "x.jpg", &limits).unwrap();
        assert_eq!((facts.scans, facts.progressive), (1, false));
        // A first scan of one component (non-interleaved): later scans are decoded and
        // counted, and past the limit the file is refused as before.
        let err = jpeg(&sequential(&[1], 2), "x.jpg", &limits).unwrap_err();
        assert_eq!(err.rule, Rule::TooManyScans, "{err}");
        assert_eq!(
            jpeg(&sequential(&[1], 1), "x.jpg", &limits).unwrap().scans,
            2
        );
    }

    #[test]
    fn jpeg_scans_are_counted_across_stuffed_bytes_and_restarts() {
        let mut file = vec![0xFF, 0xD8];
        file.extend([0xFF, 0xC2, 0, 11, 8, 0, 16, 0, 16, 1, 1, 0x11, 0]);
        for _ in 0..3 {
            file.extend([0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0]);
            file.extend([0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]);
        }
        file.extend([0xFF, 0xD9]);
        // Scans after EOI are never decoded and do not count.
        file.extend([0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0]);
        let facts = jpeg(&file, "x.jpg", &Limits::default()).unwrap();
        assert_eq!(facts.scans, 3);
        // A 16x16 single-component frame is 4 blocks; three scans of 63 coefficients.
        let limits = Limits {
            max_scan_work: 4 * 63 * 2,
            ..Limits::default()
        };
        let err = jpeg(&file, "x.jpg", &limits).unwrap_err();
        assert_eq!(err.rule, Rule::TooManyScans, "{err}");
        assert!(facts.progressive);
        let limits = Limits {
            max_scans: 2,
            ..Limits::default()
        };
        assert_eq!(
            jpeg(&file, "x.jpg", &limits).unwrap_err().rule,
            Rule::TooManyScans
        );
    }
}
