//! AVIF: HEIF files whose pictures are AV1-coded. The container is the one HEIC uses, so
//! the same walk ([`super::heif::walk`]) bounds sizes, tiles, references and boxes
//! before this module runs; this runs only in the decoder jail.
//!
//! The AV1 decoder is rav1d (the Rust port of dav1d, the decoder of Firefox and Chrome),
//! called through the dav1d C API it exports: one thread (the jail lets a child start
//! none), no log output (the child's stderr is its answer pipe), and each frame limited
//! to the size its `ispe` declares, so a stream cannot code a larger picture than the walk
//! checked. The container's items (heifer's parser) give the picture: the primary item,
//! a `grid` of tiles or an `iden` of one, its alpha plane (an `auxl` item of type
//! alpha), then `clap`, `irot` and `imir` in the order they are associated. YCbCr to RGB
//! is heifer's conversion (the one HEIC pictures go through), and colour other than
//! sRGB (an ICC profile, or nclx primaries such as Display P3 or BT.2020) is converted to
//! sRGB by moxcms. HDR transfers (PQ, HLG) are refused: tone mapping them is not pfp's
//! job, and showing them unmapped would be wrong.

use std::mem::MaybeUninit;
use std::ptr::NonNull;

use heifer::Image;
use heifer::color::ColorParams;
use heifer::heifer_hevc_dec::recon::Frame;
use heifer::heifer_isobmff::boxes::{ColorInfo, Property};
use heifer::heifer_isobmff::{HeifFile, ItemId};
use image::metadata::Orientation;
use image::{DynamicImage, RgbaImage};
use rav1d::include::dav1d::data::Dav1dData;
use rav1d::include::dav1d::dav1d::{Dav1dContext, Dav1dSettings};
use rav1d::include::dav1d::headers::{
    DAV1D_PIXEL_LAYOUT_I400, DAV1D_PIXEL_LAYOUT_I420, DAV1D_PIXEL_LAYOUT_I422,
    DAV1D_PIXEL_LAYOUT_I444,
};
use rav1d::include::dav1d::picture::Dav1dPicture;
use rav1d::src::lib::{
    dav1d_close, dav1d_data_create, dav1d_data_unref, dav1d_default_settings, dav1d_get_picture,
    dav1d_open, dav1d_picture_unref, dav1d_send_data,
};

use super::decode::{Still, to_rgb_or_rgba};
use super::limits::Limits;
use super::sniff::InputFormat;
use super::{Rejection, Rule};

/// Derived images on top of each other (as the walk allows).
const MAX_DEPTH: u32 = super::heif::MAX_DERIVATION as u32 + 1;

fn corrupt(name: &str, reason: impl std::fmt::Display) -> Rejection {
    super::decode::corrupt(name, InputFormat::Avif, reason)
}

fn unsupported(name: &str, what: impl std::fmt::Display) -> Rejection {
    Rejection::new(
        Rule::UnsupportedFormat,
        format!("{name}: {what}, which is not accepted"),
    )
}

/// Decodes the primary picture of an AVIF file to 8-bit sRGB, its transformations
/// applied and its alpha kept.
pub fn decode(bytes: &[u8], name: &str, limits: &Limits) -> Result<Still, Rejection> {
    let file = HeifFile::parse(bytes).map_err(|e| corrupt(name, e))?;
    let primary = file.primary_id;
    let image = decode_item(&file, primary, 0, name, limits)?;
    let image = to_srgb(&file, primary, image, name)?;
    let rgba = RgbaImage::from_raw(image.width, image.height, image.data)
        .ok_or_else(|| corrupt(name, "pixel buffer size mismatch"))?;
    Ok(Still {
        image: to_rgb_or_rgba(DynamicImage::ImageRgba8(rgba)),
        orientation: Orientation::NoTransforms,
        exif_orientation: 1,
    })
}

/// One image item: coded (`av01`) or derived (`grid`, `iden`), then its transformations.
fn decode_item(
    file: &HeifFile<'_>,
    id: ItemId,
    depth: u32,
    name: &str,
    limits: &Limits,
) -> Result<Image<u8>, Rejection> {
    if depth > MAX_DEPTH {
        return Err(corrupt(name, "images derived too deeply"));
    }
    let item = file.item(id).map_err(|e| corrupt(name, e))?;
    let mut image = match &item.item_type.0 {
        b"av01" => decode_av01(file, id, name, limits)?,
        b"grid" => decode_grid(file, id, depth, name, limits)?,
        b"iden" => match file.referenced_items(id, b"dimg") {
            [source] => decode_item(file, *source, depth + 1, name, limits)?,
            _ => return Err(corrupt(name, "an identity item without exactly one source")),
        },
        other => {
            return Err(unsupported(
                name,
                format!(
                    "the AVIF image is coded as '{}'",
                    String::from_utf8_lossy(other).escape_debug()
                ),
            ));
        }
    };
    // A coded item attaches its own alpha plane; a derived one's is a whole image.
    if &item.item_type.0 != b"av01"
        && let Some(alpha) = alpha_item(file, id, name)?
    {
        let alpha = decode_item(file, alpha, depth + 1, name, limits)?;
        attach_alpha(&mut image, &alpha, name)?;
    }
    let properties = file.item_properties(id).map_err(|e| corrupt(name, e))?;
    for property in properties {
        image = match *property {
            Property::CleanAperture {
                width,
                height,
                horiz_offset,
                vert_offset,
            } => clean_aperture(&image, width, height, horiz_offset, vert_offset, name)?,
            Property::Rotation(q) if q % 4 != 0 => image.rotate_ccw(q),
            Property::Mirror(top_bottom) => image.mirror(top_bottom),
            _ => image,
        };
    }
    Ok(image)
}

/// The alpha plane of `id`: an auxiliary image of type alpha that refers to it.
fn alpha_item(file: &HeifFile<'_>, id: ItemId, name: &str) -> Result<Option<ItemId>, Rejection> {
    for aux in file.referencing_items(id, b"auxl") {
        let alpha = file
            .item_properties(aux)
            .map_err(|e| corrupt(name, e))?
            .any(|p| {
                matches!(p, Property::AuxiliaryType(t)
                if t == "urn:mpeg:mpegB:cicp:systems:auxiliary:alpha"
                    || t == "urn:mpeg:hevc:2015:auxid:1")
            });
        if alpha {
            return Ok(Some(aux));
        }
    }
    Ok(None)
}

/// Uses the first channel of a decoded alpha image as the alpha of `image`.
fn attach_alpha(image: &mut Image<u8>, alpha: &Image<u8>, name: &str) -> Result<(), Rejection> {
    if alpha.width < image.width || alpha.height < image.height {
        return Err(corrupt(
            name,
            format!(
                "an alpha plane of {}x{} on a {}x{} picture",
                alpha.width, alpha.height, image.width, image.height
            ),
        ));
    }
    let (w, aw) = (image.width as usize, alpha.width as usize);
    for (y, row) in image.data.chunks_exact_mut(w * 4).enumerate() {
        let source = &alpha.data[y * aw * 4..(y * aw + w) * 4];
        for (pixel, a) in row.chunks_exact_mut(4).zip(source.chunks_exact(4)) {
            pixel[3] = a[0];
        }
    }
    image.has_alpha = true;
    Ok(())
}

/// A coded item: its AV1 picture in RGBA at the size `ispe` gives, with its own alpha
/// plane when it has one.
fn decode_av01(
    file: &HeifFile<'_>,
    id: ItemId,
    name: &str,
    limits: &Limits,
) -> Result<Image<u8>, Rejection> {
    let (width, height) = file
        .image_size(id)
        .map_err(|e| corrupt(name, e))?
        .ok_or_else(|| corrupt(name, format!("item {id} has no size ('ispe')")))?;
    let decoded = decode_frame(file, id, width, height, name, limits)?;
    let params = color_params(file, id, &decoded, name)?;
    let mut image = decoded.rgba(params);
    drop(decoded);
    if let Some(aux) = alpha_item(file, id, name)? {
        let (aw, ah) = file
            .image_size(aux)
            .map_err(|e| corrupt(name, e))?
            .ok_or_else(|| corrupt(name, format!("item {aux} has no size ('ispe')")))?;
        if aw < width || ah < height {
            return Err(corrupt(
                name,
                format!("an alpha plane of {aw}x{ah} on a {width}x{height} picture"),
            ));
        }
        let alpha = decode_frame(file, aux, aw, ah, name, limits)?;
        let bits = u32::from(alpha.bits);
        let (offset, span) = if alpha.full_range {
            (0, (1u32 << bits) - 1)
        } else {
            (16 << (bits - 8), 219 << (bits - 8))
        };
        for (y, row) in image.data.chunks_exact_mut(width as usize * 4).enumerate() {
            let plane = alpha.samples(0, y..y + 1, width as usize);
            for (pixel, a) in row.chunks_exact_mut(4).zip(plane) {
                let a = u32::from(a).saturating_sub(offset);
                pixel[3] = ((a * 255 + span / 2) / span).min(255) as u8;
            }
        }
        image.has_alpha = true;
    }
    Ok(image)
}

/// The matrix and range of an item: its `colr` nclx property, otherwise the AV1
/// sequence header's.
fn color_params(
    file: &HeifFile<'_>,
    id: ItemId,
    decoded: &Decoded,
    name: &str,
) -> Result<ColorParams, Rejection> {
    let nclx = file
        .item_properties(id)
        .map_err(|e| corrupt(name, e))?
        .find_map(|p| match p {
            Property::Color(ColorInfo::Nclx {
                matrix, full_range, ..
            }) => Some(ColorParams {
                matrix: *matrix,
                full_range: *full_range,
            }),
            _ => None,
        });
    Ok(nclx.unwrap_or(ColorParams {
        matrix: u16::from(decoded.matrix),
        full_range: decoded.full_range,
    }))
}

/// A tiled image: every tile decoded in turn and copied into the canvas.
fn decode_grid(
    file: &HeifFile<'_>,
    id: ItemId,
    depth: u32,
    name: &str,
    limits: &Limits,
) -> Result<Image<u8>, Rejection> {
    let grid = file.grid(id).map_err(|e| corrupt(name, e))?;
    let tiles = file.referenced_items(id, b"dimg");
    let columns = usize::from(grid.columns);
    if tiles.len() != usize::from(grid.rows) * columns || tiles.is_empty() {
        return Err(corrupt(
            name,
            "a grid whose tiles do not match its rows and columns",
        ));
    }
    let (width, height) = (grid.output_width, grid.output_height);
    limits.check_dimensions(name, width, height)?;
    let mut canvas = Image::filled_samples(width, height, 8, [0u8; 4]);
    let mut size = None;
    for (i, &tile) in tiles.iter().enumerate() {
        let tile = decode_item(file, tile, depth + 1, name, limits)?;
        let (tw, th) = (tile.width as usize, tile.height as usize);
        if *size.get_or_insert((tw, th)) != (tw, th) {
            return Err(corrupt(name, "grid tiles of different sizes"));
        }
        let (x0, y0) = ((i % columns) * tw, (i / columns) * th);
        let w = tw.min((width as usize).saturating_sub(x0));
        let h = th.min((height as usize).saturating_sub(y0));
        let stride = width as usize * 4;
        for y in 0..h {
            let to = (y0 + y) * stride + x0 * 4;
            canvas.data[to..to + w * 4].copy_from_slice(&tile.data[y * tw * 4..(y * tw + w) * 4]);
        }
        canvas.has_alpha |= tile.has_alpha;
    }
    Ok(canvas)
}

/// Applies a `clap` crop, centred as ISO/IEC 14496-12 specifies.
fn clean_aperture(
    image: &Image<u8>,
    width: (u32, u32),
    height: (u32, u32),
    horiz: (i32, u32),
    vert: (i32, u32),
    name: &str,
) -> Result<Image<u8>, Rejection> {
    if width.1 == 0 || height.1 == 0 || horiz.1 == 0 || vert.1 == 0 {
        return Err(corrupt(name, "a clean aperture with a zero denominator"));
    }
    let ratio = |(n, d): (u32, u32)| f64::from(n) / f64::from(d);
    let (w, h) = (ratio(width), ratio(height));
    let centre_x = f64::from(horiz.0) / f64::from(horiz.1) + (f64::from(image.width) - 1.0) / 2.0;
    let centre_y = f64::from(vert.0) / f64::from(vert.1) + (f64::from(image.height) - 1.0) / 2.0;
    let left = (centre_x - (w - 1.0) / 2.0).round();
    let top = (centre_y - (h - 1.0) / 2.0).round();
    if w < 1.0 || h < 1.0 || left < 0.0 || top < 0.0 {
        return Err(corrupt(name, "a clean aperture outside the picture"));
    }
    Ok(image.crop(left as u32, top as u32, w.round() as u32, h.round() as u32))
}

/// Converts to sRGB: from the primary item's ICC profile when it has one, otherwise
/// from its nclx colour (or the AV1 stream's), unless that already is sRGB (or BT.709,
/// which shares sRGB's primaries and is shown as sRGB by browsers).
fn to_srgb(
    file: &HeifFile<'_>,
    id: ItemId,
    mut image: Image<u8>,
    name: &str,
) -> Result<Image<u8>, Rejection> {
    let icc = file.icc_profile(id).map_err(|e| corrupt(name, e))?;
    let source = match icc {
        Some(icc) => moxcms::ColorProfile::new_from_slice(icc)
            .map_err(|e| corrupt(name, format!("its ICC profile cannot be read: {e}")))?,
        None => {
            let nclx = file
                .item_properties(id)
                .map_err(|e| corrupt(name, e))?
                .find_map(|p| match p {
                    Property::Color(ColorInfo::Nclx {
                        primaries,
                        transfer,
                        ..
                    }) => Some((*primaries, *transfer)),
                    _ => None,
                });
            // Without nclx, the coded stream's (read when the tiles were decoded) would
            // apply; libavif writes nclx on every file, and a stream's own is nearly
            // always unspecified (2): treated as sRGB, as browsers do.
            let (primaries, transfer) = nclx.unwrap_or((2, 2));
            if matches!(transfer, 16 | 18) {
                return Err(unsupported(
                    name,
                    "the AVIF image is HDR (a PQ or HLG transfer)",
                ));
            }
            if matches!(primaries, 1 | 2) && matches!(transfer, 1 | 2 | 6 | 13 | 14 | 15) {
                return Ok(image);
            }
            let code = |v: u16| u8::try_from(v).unwrap_or(u8::MAX);
            let primaries = moxcms::CicpColorPrimaries::try_from(code(primaries))
                .map_err(|_| unsupported(name, format!("colour primaries {primaries}")))?;
            let transfer = moxcms::TransferCharacteristics::try_from(code(transfer))
                .map_err(|_| unsupported(name, format!("a transfer characteristic {transfer}")))?;
            moxcms::ColorProfile::new_from_cicp(moxcms::CicpProfile {
                color_primaries: primaries,
                transfer_characteristics: transfer,
                matrix_coefficients: moxcms::MatrixCoefficients::Identity,
                full_range: true,
            })
        }
    };
    let transform = source
        .create_transform_8bit(
            moxcms::Layout::Rgba,
            &moxcms::ColorProfile::new_srgb(),
            moxcms::Layout::Rgba,
            moxcms::TransformOptions::default(),
        )
        .map_err(|e| unsupported(name, format!("a colour profile pfp cannot convert ({e})")))?;
    let mut out = vec![0u8; image.data.len()];
    transform
        .transform(&image.data, &mut out)
        .map_err(|e| corrupt(name, format!("the colour conversion failed: {e}")))?;
    image.data = out;
    Ok(image)
}

/// A dav1d decoder, closed when dropped.
struct Decoder(Option<Dav1dContext>);

impl Drop for Decoder {
    fn drop(&mut self) {
        // SAFETY: the context came from dav1d_open and is closed only here.
        unsafe { dav1d_close(Some(NonNull::from(&mut self.0))) };
    }
}

/// A decoded picture, released when dropped.
struct Picture(Dav1dPicture);

impl Drop for Picture {
    fn drop(&mut self) {
        // SAFETY: the picture was written by dav1d_get_picture (or is the default, empty
        // one, which unref leaves alone).
        unsafe { dav1d_picture_unref(Some(NonNull::from(&mut self.0))) };
    }
}

/// Input data, released when dropped (a no-op once dav1d has taken all of it).
struct Data(Dav1dData);

impl Drop for Data {
    fn drop(&mut self) {
        // SAFETY: the data came from dav1d_data_create.
        unsafe { dav1d_data_unref(Some(NonNull::from(&mut self.0))) };
    }
}

const EAGAIN: i32 = -libc::EAGAIN;

/// A decoded AV1 picture and what its samples mean.
struct Decoded {
    picture: Picture,
    width: usize,
    height: usize,
    /// `chroma_format_idc` as heifer counts it: 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4.
    chroma_format: u8,
    /// Chroma subsampling, horizontal and vertical (1 or 2).
    sx: usize,
    sy: usize,
    bits: u8,
    /// The sequence header's matrix and range.
    matrix: u8,
    full_range: bool,
}

/// Luma rows converted at a time: the picture is turned into RGBA through strips of
/// this height, so that only the decoder's picture and the RGBA image are whole in
/// memory (a 40-megapixel 4:4:4 picture as 16-bit planes would be 240 MB more).
const STRIP: usize = 64;

impl Decoded {
    /// Samples of `plane` (0 luma, 1 Cb, 2 Cr) for rows `rows` and `columns` columns of
    /// that plane, the last real column and row repeated past the picture's edge.
    fn samples(&self, plane: usize, rows: std::ops::Range<usize>, columns: usize) -> Vec<u16> {
        let p = &self.picture.0;
        let Some(base) = p.data[plane] else {
            return Vec::new();
        };
        let (w, h) = if plane == 0 {
            (self.width, self.height)
        } else {
            (self.width.div_ceil(self.sx), self.height.div_ceil(self.sy))
        };
        let stride = p.stride[usize::from(plane > 0)];
        let mut out = Vec::with_capacity(rows.len() * columns);
        for y in rows {
            let y = y.min(h - 1);
            // SAFETY: dav1d's plane holds `h` rows of `stride` bytes with `w` samples
            // each (one byte at 8 bits, two above); `y < h` and `x < w`.
            unsafe {
                let row = base.as_ptr().cast::<u8>().offset(y as isize * stride);
                for x in 0..columns {
                    let x = x.min(w - 1);
                    out.push(if self.bits == 8 {
                        u16::from(*row.add(x))
                    } else {
                        row.cast::<u16>().add(x).read_unaligned()
                    });
                }
            }
        }
        out
    }

    /// The picture in RGBA, through heifer's YCbCr conversion (the one HEIC goes
    /// through), a strip of rows at a time. Each strip carries one chroma row of its
    /// neighbours above and below, converted into scratch rows, so the bilinear chroma
    /// upsampling sees what it would see on the whole picture.
    fn rgba(&self, params: ColorParams) -> Image<u8> {
        let (w, h) = (self.width, self.height);
        let (pw, ph) = (w.div_ceil(self.sx) * self.sx, h.div_ceil(self.sy) * self.sy);
        let (cw, mono) = (pw / self.sx, self.chroma_format == 0);
        let mut image = Image::filled_samples(w as u32, h as u32, 8, [0u8; 4]);
        let mut rows = image.data.chunks_exact_mut(w * 4);
        let step = STRIP.div_ceil(self.sy) * self.sy;
        let mut y0 = 0;
        while y0 < h {
            let y1 = (y0 + step).min(ph);
            let above = if y0 > 0 { self.sy } else { 0 };
            let below = if y1 < ph { self.sy } else { 0 };
            let (top, bottom) = (y0 - above, y1 + below);
            let luma_rows = bottom - top;
            let chroma = |plane| {
                if mono {
                    Vec::new()
                } else {
                    self.samples(plane, top / self.sy..bottom / self.sy, cw)
                }
            };
            let (cwidth, cheight) = if mono {
                (0, 0)
            } else {
                (cw as u32, (luma_rows / self.sy) as u32)
            };
            let frame = Frame {
                widths: [pw as u32, cwidth, cwidth],
                heights: [luma_rows as u32, cheight, cheight],
                planes: [self.samples(0, top..bottom, pw), chroma(1), chroma(2)],
                bit_depth: [self.bits, self.bits],
                chroma_format: self.chroma_format,
                full_range: self.full_range,
                matrix_coeffs: self.matrix,
            };
            // Rows outside this strip's share of the picture go to scratch.
            let mut scratch = vec![0u8; (above + below + (y1 - y0)) * w * 4];
            let mut scratch = scratch.chunks_exact_mut(w * 4);
            let mut out: Vec<&mut [u8]> = Vec::with_capacity(luma_rows);
            for y in top..bottom {
                let row = if (y0..y1.min(h)).contains(&y) {
                    rows.next()
                } else {
                    scratch.next()
                };
                out.extend(row);
            }
            heifer::color::frame_to_rgba_into(&frame, params, &mut out, w, luma_rows);
            y0 = y1;
        }
        image
    }
}

/// The AV1 picture of item `id`, which must be `width` x `height` as its `ispe` says.
fn decode_frame(
    file: &HeifFile<'_>,
    id: ItemId,
    width: u32,
    height: u32,
    name: &str,
    limits: &Limits,
) -> Result<Decoded, Rejection> {
    limits.check_dimensions(name, width, height)?;
    let obus = file.item_data(id).map_err(|e| corrupt(name, e))?;
    let av1 = |what: &str, code: i32| corrupt(name, format!("AV1 {what} failed ({code})"));
    let mut decoder = Decoder(None);
    let mut data = Data(Dav1dData::default());
    let mut picture = Picture(Dav1dPicture::default());
    // SAFETY: every pointer handed to dav1d is to a live local of the type it expects;
    // the context, data and picture are released by their guards.
    unsafe {
        let mut settings = MaybeUninit::<Dav1dSettings>::uninit();
        dav1d_default_settings(NonNull::new_unchecked(settings.as_mut_ptr()));
        let mut settings = settings.assume_init();
        settings.n_threads = 1;
        settings.max_frame_delay = 1;
        settings.all_layers = 0;
        settings.frame_size_limit = u32::try_from(u64::from(width) * u64::from(height))
            .unwrap_or(u32::MAX)
            .max(1);
        // No logger (its callback null): the child's stderr is its answer.
        std::ptr::write_bytes(&raw mut settings.logger, 0, 1);
        let opened = dav1d_open(
            Some(NonNull::from(&mut decoder.0)),
            Some(NonNull::from(&mut settings)),
        );
        if opened.0 != 0 {
            return Err(av1("decoder set-up", opened.0));
        }
        let context = decoder.0;
        let buffer = dav1d_data_create(Some(NonNull::from(&mut data.0)), obus.len());
        if buffer.is_null() {
            return Err(corrupt(name, "no AV1 data"));
        }
        std::ptr::copy_nonoverlapping(obus.as_ptr(), buffer, obus.len());
        drop(obus);
        // Each round either consumes input or yields the picture; the bound only guards
        // against a decoder that does neither.
        let mut rounds = 0usize;
        loop {
            rounds += 1;
            if rounds > 4096 {
                return Err(corrupt(name, "the AV1 decoder made no progress"));
            }
            if data.0.sz > 0 {
                let sent = dav1d_send_data(context, Some(NonNull::from(&mut data.0)));
                if sent.0 != 0 && sent.0 != EAGAIN {
                    return Err(av1("decoding", sent.0));
                }
            }
            let got = dav1d_get_picture(context, Some(NonNull::from(&mut picture.0)));
            match got.0 {
                0 => break,
                EAGAIN if data.0.sz > 0 => {}
                EAGAIN => return Err(corrupt(name, "the AV1 data holds no picture")),
                code => return Err(av1("decoding", code)),
            }
        }
    }
    drop(data);
    drop(decoder);
    let p = &picture.0;
    let (w, h) = (p.p.w, p.p.h);
    if i64::from(w) != i64::from(width) || i64::from(h) != i64::from(height) {
        return Err(corrupt(
            name,
            format!("an AV1 picture of {w}x{h} where the container says {width}x{height}"),
        ));
    }
    let (chroma_format, sx, sy) = match p.p.layout {
        DAV1D_PIXEL_LAYOUT_I400 => (0u8, 1usize, 1usize),
        DAV1D_PIXEL_LAYOUT_I420 => (1, 2, 2),
        DAV1D_PIXEL_LAYOUT_I422 => (2, 2, 1),
        DAV1D_PIXEL_LAYOUT_I444 => (3, 1, 1),
        other => return Err(corrupt(name, format!("AV1 pixel layout {other}"))),
    };
    let bits = u8::try_from(p.p.bpc).unwrap_or(0);
    if !matches!(bits, 8 | 10 | 12) {
        return Err(corrupt(name, format!("AV1 samples of {} bits", p.p.bpc)));
    }
    let (matrix, full_range) = match p.seq_hdr {
        // SAFETY: a picture dav1d returned points at its sequence header, which lives
        // as long as the picture.
        Some(header) => unsafe {
            let header = header.as_ref();
            (
                u8::try_from(header.mtrx).unwrap_or(2),
                header.color_range != 0,
            )
        },
        None => (2, false),
    };
    Ok(Decoded {
        picture,
        width: width as usize,
        height: height as usize,
        chroma_format,
        sx,
        sy,
        bits,
        matrix,
        full_range,
    })
}
