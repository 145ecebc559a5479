//! JPEG decoding and encoding with libjpeg-turbo's TurboJPEG 3 API (turbojpeg-sys builds
//! the bundled 3.1 source with cmake and nasm and links it statically). All of pfp's
//! `unsafe` around libjpeg-turbo is here, kept to one handle type, one decode function
//! and one encode function.
//!
//! The C decoder only ever sees files the container walk has accepted (dimensions, scan
//! count and scan work under the limits), and it runs under its own limits as well:
//! warnings are fatal (a truncated or damaged file is refused, never grey-filled), the
//! scan count, the pixel count and libjpeg's memory manager are capped.

use std::ffi::CStr;

use turbojpeg_sys as tj;

use super::limits::Limits;

/// A decoded picture: 8-bit samples, RGB or (for CMYK/YCCK JPEGs) CMYK as libjpeg stores
/// it (Adobe's inverted convention: 255 = no ink).
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub cmyk: bool,
    pub data: Vec<u8>,
}

/// One TurboJPEG compressor or decompressor. Not shared between threads: the error text
/// lives in it.
struct Handle(tj::tjhandle);

impl Handle {
    fn new(kind: tj::TJINIT) -> Result<Handle, String> {
        // SAFETY: tj3Init has no preconditions; a null return is handled.
        let raw = unsafe { tj::tj3Init(kind as libc::c_int) };
        if raw.is_null() {
            return Err("libjpeg-turbo could not start".into());
        }
        Ok(Handle(raw))
    }

    fn set(&self, param: tj::TJPARAM, value: i64) -> Result<(), String> {
        let value = libc::c_int::try_from(value).unwrap_or(libc::c_int::MAX);
        // SAFETY: the handle is valid for the lifetime of self.
        if unsafe { tj::tj3Set(self.0, param as libc::c_int, value) } != 0 {
            return Err(self.error());
        }
        Ok(())
    }

    fn get(&self, param: tj::TJPARAM) -> i32 {
        // SAFETY: the handle is valid for the lifetime of self.
        unsafe { tj::tj3Get(self.0, param as libc::c_int) }
    }

    /// The last error's text, in the decoder's words.
    fn error(&self) -> String {
        // SAFETY: tj3GetErrorStr returns a NUL-terminated string owned by the handle,
        // valid until the next call on it; it is copied at once.
        let text = unsafe { CStr::from_ptr(tj::tj3GetErrorStr(self.0)) };
        plain_words(&text.to_string_lossy())
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        // SAFETY: the handle came from tj3Init and is destroyed once.
        unsafe { tj::tj3Destroy(self.0) }
    }
}

/// libjpeg's messages, in the words the rest of pfp uses where they differ.
fn plain_words(message: &str) -> String {
    let message = message.trim();
    // "tj3Decompress8(): Premature end ..." -> "Premature end ..."
    let message = match message.split_once("(): ") {
        Some((function, rest)) if function.starts_with("tj") => rest,
        _ => message,
    };
    if message.starts_with("Premature end of JPEG file") {
        return "the data ends early (truncated file)".into();
    }
    message.to_owned()
}

/// The smallest scale n/8 whose output keeps the short side at least `need` pixels.
fn eighths(short: u32, need: Option<u32>) -> i32 {
    let Some(need) = need else { return 8 };
    (1..=8)
        .find(|&n: &i32| u64::from(short) * n as u64 >= u64::from(need) * 8)
        .unwrap_or(8)
}

/// The left edge, in scaled pixels, of the columns a centred square needs out of a
/// `width` x `height` landscape decoded at n/8 = `eighths`, for a picture whose short side
/// is brought to `need` pixels; `None` when the whole width is needed or the columns
/// cannot be cut there. The cut keeps a margin on each side wider than what the resizer's
/// Lanczos3 filter (three source pixels per output pixel of scale, each side) and the
/// chroma upsampling look at, so the square's pixels come out as from a whole decode;
/// and it is symmetric, so the square's centre stays the picture's. The edge must fall on
/// a scaled iMCU column (`subsamp`'s MCU width x n/8).
fn centre_columns(width: u32, height: u32, need: u32, eighths: i32, subsamp: i32) -> Option<u32> {
    if width <= height || need == 0 {
        return None;
    }
    let mcu = match subsamp as tj::TJSAMP {
        tj::TJSAMP_TJSAMP_444 | tj::TJSAMP_TJSAMP_GRAY | tj::TJSAMP_TJSAMP_440 => 8,
        tj::TJSAMP_TJSAMP_422 | tj::TJSAMP_TJSAMP_420 => 16,
        tj::TJSAMP_TJSAMP_411 => 32,
        _ => return None,
    } * eighths as u32;
    if !mcu.is_multiple_of(8) {
        return None;
    }
    let mcu = mcu / 8;
    let filter = (3 * u64::from(height)).div_ceil(u64::from(need)) as u32;
    let margin = filter + 8;
    let left = ((width - height) / 2).checked_sub(margin)?;
    Some(left / mcu * mcu).filter(|&x| x > 0)
}

/// Decodes `bytes` to 8-bit samples, scaled in the DCT domain by the smallest n/8 that
/// keeps the short side at least `min_side`. With `centre_square` (a landscape picture
/// of which only the centred square is kept) the columns outside it, and a margin, are
/// not transformed: every block is still entropy-decoded (so a damaged one anywhere is
/// still refused), but the inverse DCT and colour conversion of a 4:3 photo's outer
/// quarter, and its part of the output buffer, are spared. The picture returned is then
/// narrower, centred on the same centre. Errors are the decoder's reason, in words.
pub fn decode(
    bytes: &[u8],
    limits: &Limits,
    min_side: Option<u32>,
    centre_square: bool,
) -> Result<Pixels, String> {
    let len = tj::size_t::try_from(bytes.len()).map_err(|_| "the file is too large")?;
    let h = Handle::new(tj::TJINIT_TJINIT_DECOMPRESS)?;
    h.set(tj::TJPARAM_TJPARAM_STOPONWARNING, 1)?;
    h.set(tj::TJPARAM_TJPARAM_SCANLIMIT, i64::from(limits.max_scans))?;
    h.set(
        tj::TJPARAM_TJPARAM_MAXPIXELS,
        i64::try_from(limits.max_pixels).unwrap_or(i64::MAX),
    )?;
    h.set(
        tj::TJPARAM_TJPARAM_MAXMEMORY,
        i64::try_from(limits.max_alloc().div_ceil(1 << 20)).unwrap_or(i64::MAX),
    )?;
    // SAFETY: the pointer and length describe `bytes`, which outlives the call.
    if unsafe { tj::tj3DecompressHeader(h.0, bytes.as_ptr(), len) } != 0 {
        return Err(h.error());
    }
    let width = u32::try_from(h.get(tj::TJPARAM_TJPARAM_JPEGWIDTH)).unwrap_or(0);
    let height = u32::try_from(h.get(tj::TJPARAM_TJPARAM_JPEGHEIGHT)).unwrap_or(0);
    if width == 0 || height == 0 {
        return Err("no frame header".into());
    }
    let precision = h.get(tj::TJPARAM_TJPARAM_PRECISION);
    let lossless = h.get(tj::TJPARAM_TJPARAM_LOSSLESS) != 0;
    let colorspace = h.get(tj::TJPARAM_TJPARAM_COLORSPACE);
    let cmyk = matches!(
        u32::try_from(colorspace),
        Ok(tj::TJCS_TJCS_CMYK | tj::TJCS_TJCS_YCCK)
    );
    // Lossless JPEGs have no DCT to scale in.
    let num = if lossless {
        8
    } else {
        eighths(width.min(height), min_side)
    };
    // TurboJPEG's table holds the factors in lowest terms (1/4, not 2/8).
    let common = [8, 4, 2, 1].into_iter().find(|d| num % d == 0).unwrap_or(1);
    let factor = tj::tjscalingfactor {
        num: num / common,
        denom: 8 / common,
    };
    // SAFETY: the handle is valid; the factor is one of the 1/8 steps TurboJPEG supports.
    if unsafe { tj::tj3SetScalingFactor(h.0, factor) } != 0 {
        return Err(h.error());
    }
    let scaled = |side: u32| (u64::from(side) * num as u64).div_ceil(8) as u32;
    let (mut w, hgt) = (scaled(width), scaled(height));
    let cut = match min_side {
        Some(need) if centre_square && !lossless => {
            let subsamp = h.get(tj::TJPARAM_TJPARAM_SUBSAMP);
            centre_columns(w, hgt, need, num, subsamp)
        }
        _ => None,
    };
    if let Some(x) = cut {
        let region = tj::tjregion {
            x: x as libc::c_int,
            y: 0,
            w: (w - 2 * x) as libc::c_int,
            h: 0,
        };
        // SAFETY: the handle is valid; the region lies within the scaled picture and its
        // left edge on a scaled iMCU column (`centre_columns`).
        if unsafe { tj::tj3SetCroppingRegion(h.0, region) } != 0 {
            return Err(h.error());
        }
        w -= 2 * x;
    }
    let channels: usize = if cmyk { 4 } else { 3 };
    let format = if cmyk {
        tj::TJPF_TJPF_CMYK
    } else {
        tj::TJPF_TJPF_RGB
    };
    let samples = w as usize * hgt as usize * channels;
    // The container walk has checked the dimensions against the limits: this is at most
    // max_pixels x 4 bytes.
    let data = match precision {
        ..=8 => {
            // Not zeroed first: TurboJPEG writes every sample or fails.
            let mut out: Vec<u8> = Vec::with_capacity(samples);
            // SAFETY: `out` has room for exactly w x h x channels samples, the size
            // TurboJPEG writes for this scaling factor and pixel format with pitch 0
            // (= packed rows).
            let rc = unsafe {
                tj::tj3Decompress8(h.0, bytes.as_ptr(), len, out.as_mut_ptr(), 0, format)
            };
            if rc != 0 {
                return Err(h.error());
            }
            // SAFETY: on success every one of the `samples` bytes has been written.
            unsafe { out.set_len(samples) };
            out
        }
        9..=12 => {
            let mut out = vec![0i16; samples];
            // SAFETY: as above, with 16-bit samples.
            let rc = unsafe {
                tj::tj3Decompress12(h.0, bytes.as_ptr(), len, out.as_mut_ptr(), 0, format)
            };
            if rc != 0 {
                return Err(h.error());
            }
            let shift = (precision - 8) as u32;
            out.iter()
                .map(|&s| (s.max(0) as u16 >> shift).min(255) as u8)
                .collect()
        }
        _ => {
            let mut out = vec![0u16; samples];
            // SAFETY: as above, with 16-bit samples.
            let rc = unsafe {
                tj::tj3Decompress16(h.0, bytes.as_ptr(), len, out.as_mut_ptr(), 0, format)
            };
            if rc != 0 {
                return Err(h.error());
            }
            let shift = (precision.clamp(9, 16) - 8) as u32;
            out.iter().map(|&s| (s >> shift).min(255) as u8).collect()
        }
    };
    Ok(Pixels {
        width: w,
        height: hgt,
        cmyk,
        data,
    })
}

/// Encodes packed 8-bit RGB samples as a baseline JPEG: 4:2:0, `quality` on libjpeg's
/// scale, the accurate DCT and the standard Huffman tables, a JFIF header and nothing
/// else (no EXIF, XMP or comment). libjpeg-turbo writes straight into a buffer of the
/// largest size such a JPEG can have (only the pages it fills are ever touched).
///
/// Measured (`cargo bench --bench pipeline -- encode`): a 512x512 rendition in 0.43 ms
/// against 2.07 ms with the pure-Rust jpeg-encoder used before, at the same settings.
pub fn encode_rgb(rgb: &[u8], width: u32, height: u32, quality: u8) -> Result<Vec<u8>, String> {
    let too_large = || "too large for JPEG".to_owned();
    let w = libc::c_int::try_from(width).map_err(|_| too_large())?;
    let hgt = libc::c_int::try_from(height).map_err(|_| too_large())?;
    if width == 0 || height == 0 || width > 65_535 || height > 65_535 {
        return Err(format!("{width}x{height} cannot be a JPEG"));
    }
    if rgb.len() as u64 != u64::from(width) * u64::from(height) * 3 {
        return Err("the samples are not width x height x 3 bytes".into());
    }
    let h = Handle::new(tj::TJINIT_TJINIT_COMPRESS)?;
    h.set(tj::TJPARAM_TJPARAM_QUALITY, i64::from(quality))?;
    h.set(
        tj::TJPARAM_TJPARAM_SUBSAMP,
        i64::from(tj::TJSAMP_TJSAMP_420),
    )?;
    h.set(tj::TJPARAM_TJPARAM_NOREALLOC, 1)?;
    // SAFETY: arithmetic on its arguments; 0 (with an error) when they are invalid.
    let bound = unsafe { tj::tj3JPEGBufSize(w, hgt, tj::TJSAMP_TJSAMP_420 as libc::c_int) };
    let bound = usize::try_from(bound)
        .ok()
        .filter(|&b| b > 0)
        .ok_or_else(too_large)?;
    let mut out: Vec<u8> = Vec::with_capacity(bound);
    let mut at = out.as_mut_ptr();
    let mut len = bound as tj::size_t;
    // SAFETY: `rgb` holds width x height packed RGB samples (checked above; pitch 0 =
    // packed rows); with NOREALLOC, TurboJPEG writes at most `len` (the buffer's
    // capacity, the bound it computed for these dimensions) bytes at `at`, never
    // reallocating it, and sets `len` to what it wrote.
    let rc = unsafe {
        tj::tj3Compress8(
            h.0,
            rgb.as_ptr(),
            w,
            0,
            hgt,
            tj::TJPF_TJPF_RGB as libc::c_int,
            &mut at,
            &mut len,
        )
    };
    if rc != 0 {
        return Err(h.error());
    }
    let len = usize::try_from(len).map_err(|_| too_large())?;
    if at != out.as_mut_ptr() || len > bound {
        return Err("libjpeg-turbo wrote outside its buffer".into());
    }
    // SAFETY: TurboJPEG wrote `len` bytes, within the capacity, at the buffer's start.
    unsafe { out.set_len(len) };
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smallest_eighth_that_keeps_the_short_side() {
        assert_eq!(eighths(3024, Some(512)), 2); // 756 px, as djpeg -scale 1/4
        assert_eq!(eighths(3024, Some(378)), 1);
        assert_eq!(eighths(3024, Some(379)), 2);
        assert_eq!(eighths(400, Some(512)), 8);
        assert_eq!(eighths(3024, None), 8);
    }

    #[test]
    fn truncation_in_plain_words() {
        assert_eq!(
            plain_words("tj3Decompress8(): Premature end of JPEG file"),
            "the data ends early (truncated file)"
        );
        assert_eq!(
            plain_words("tj3DecompressHeader(): Not a JPEG file: starts with 0x89 0x50"),
            "Not a JPEG file: starts with 0x89 0x50"
        );
    }
}
