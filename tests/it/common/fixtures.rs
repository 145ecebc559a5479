//! Test images, built in code so a reader sees what is special about each. Also used by
//! the benches (`#[path]`), hence no dependency on the rest of `common`.

#![allow(dead_code)] // examples/, benches/ and the dev server include parts of it too

use image::codecs::gif::{GifEncoder, Repeat};
use image::codecs::png::PngEncoder;
use image::{Delay, DynamicImage, Frame, ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

/// A small deterministic PRNG (xorshift), so fixtures are the same on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// A key of pfp's naming (`users/<folder>/<64 hex digits>.jpg`) for an object written
/// behind pfp's back: with no ledger entry it is what `verify` calls an orphan. (An
/// object of another name there is the app's or another tool's, `foreign`, never one.)
pub fn stray_key(folder: &str, n: u64) -> String {
    format!("users/{folder}/{n:064x}.jpg")
}

/// A photo-like picture: smooth gradients, soft blobs and fine grain. It compresses like
/// a photo (unlike noise, which compresses unrealistically badly).
pub fn photo_like(width: u32, height: u32, seed: u64) -> RgbImage {
    let mut rng = Rng::new(seed);
    let blobs: Vec<(f32, f32, f32, [f32; 3])> = (0..12)
        .map(|_| {
            (
                rng.below(u64::from(width)) as f32,
                rng.below(u64::from(height)) as f32,
                (width.min(height) as f32) * (0.05 + rng.below(100) as f32 / 400.0),
                [
                    rng.below(255) as f32,
                    rng.below(255) as f32,
                    rng.below(255) as f32,
                ],
            )
        })
        .collect();
    let mut grain = Rng::new(seed ^ 0xABCD);
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let mut c = [90.0 + 120.0 * fx, 80.0 + 100.0 * fy, 140.0 - 60.0 * fx * fy];
        for (bx, by, r, color) in &blobs {
            let d2 = ((x as f32 - bx).powi(2) + (y as f32 - by).powi(2)) / (r * r);
            let w = (-d2).exp();
            for i in 0..3 {
                c[i] = c[i] * (1.0 - w) + color[i] * w;
            }
        }
        // Texture: a fine pattern plus grain, like foliage or fabric in a photo.
        let texture = ((x as f32 * 0.9).sin() * (y as f32 * 1.1).cos()) * 14.0;
        let g = (grain.below(9) as f32) - 4.0;
        Rgb([
            (c[0] + texture + g).clamp(0.0, 255.0) as u8,
            (c[1] + texture * 0.8 + g).clamp(0.0, 255.0) as u8,
            (c[2] - texture * 0.5 + g).clamp(0.0, 255.0) as u8,
        ])
    })
}

/// A JPEG of `image` at `quality`.
pub fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    jpeg_with(image, quality, |_| {})
}

/// A JPEG with the encoder configured by `setup` (progressive, APP segments).
pub fn jpeg_with(
    image: &RgbImage,
    quality: u8,
    setup: impl FnOnce(&mut jpeg_encoder::Encoder<&mut Vec<u8>>),
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    setup(&mut encoder);
    encoder
        .encode(
            image.as_raw(),
            image.width() as u16,
            image.height() as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .expect("encode JPEG");
    out
}

pub fn progressive_jpeg(image: &RgbImage) -> Vec<u8> {
    jpeg_with(image, 90, |e| e.set_progressive(true))
}

/// A JPEG whose APP1 holds EXIF with `orientation` and, optionally, GPS data.
pub fn jpeg_with_exif(image: &RgbImage, orientation: u8, gps: bool) -> Vec<u8> {
    let exif = pfp::picture::exif::build(orientation, gps);
    jpeg_with(image, 92, |e| {
        e.add_app_segment(1, exif).expect("APP1");
    })
}

/// A CMYK JPEG of one flat colour (C, M, Y, K in ink amounts 0-255).
pub fn cmyk_jpeg(width: u16, height: u16, cmyk: [u8; 4]) -> Vec<u8> {
    let pixels: Vec<u8> = (0..usize::from(width) * usize::from(height))
        .flat_map(|_| cmyk)
        .collect();
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 95)
        .encode(&pixels, width, height, jpeg_encoder::ColorType::Cmyk)
        .expect("encode CMYK JPEG");
    out
}

pub fn png(image: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            image.as_bytes(),
            image.width(),
            image.height(),
            image.color().into(),
        )
        .expect("encode PNG");
    out
}

pub fn webp(image: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut out)
        .write_image(
            image.as_bytes(),
            image.width(),
            image.height(),
            image.color().into(),
        )
        .expect("encode WebP");
    out
}

/// A PNG with transparency: an opaque red disc on a clear background.
pub fn png_with_alpha(size: u32) -> Vec<u8> {
    let c = size as f32 / 2.0;
    let img = RgbaImage::from_fn(size, size, |x, y| {
        let d = ((x as f32 - c).powi(2) + (y as f32 - c).powi(2)).sqrt();
        if d < c * 0.8 {
            Rgba([220, 30, 30, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    png(&DynamicImage::ImageRgba8(img))
}

/// A 16-bit RGB PNG.
pub fn png16(width: u32, height: u32) -> Vec<u8> {
    let img = image::ImageBuffer::<Rgb<u16>, Vec<u16>>::from_fn(width, height, |x, y| {
        Rgb([(x * 600) as u16, (y * 600) as u16, 40_000])
    });
    png(&DynamicImage::ImageRgb16(img))
}

/// An animated GIF: `frames` frames of a square moving across, `delay_ms` each.
pub fn animated_gif(width: u32, height: u32, frames: u32, delay_ms: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = GifEncoder::new_with_speed(&mut out, 30);
        encoder.set_repeat(Repeat::Infinite).expect("repeat");
        for i in 0..frames {
            let img = RgbaImage::from_fn(width, height, |x, y| {
                let on = (x + i * 3) % width < width / 3 && y < height / 2;
                if on {
                    Rgba([255, 200, 0, 255])
                } else {
                    Rgba([20, 40, 160, 255])
                }
            });
            encoder
                .encode_frame(Frame::from_parts(
                    img,
                    0,
                    0,
                    Delay::from_numer_denom_ms(delay_ms, 1),
                ))
                .expect("encode frame");
        }
    }
    out
}

/// Writes a PNG by hand: IHDR with the given header fields, then `idat` (already zlib
/// data) and IEND. For interlaced images and for bombs whose header lies.
pub fn raw_png(
    width: u32,
    height: u32,
    bit_depth: u8,
    color_type: u8,
    interlace: u8,
    idat: &[u8],
) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[bit_depth, color_type, 0, 0, interlace]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", idat);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut crc_input = kind.to_vec();
    crc_input.extend_from_slice(data);
    out.extend_from_slice(&crc_input);
    out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// zlib with "stored" (uncompressed) deflate blocks: valid, and easy to write by hand.
pub fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = if data.is_empty() {
        vec![&[][..]]
    } else {
        data.chunks(65_535).collect()
    };
    for (i, block) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

/// An Adam7-interlaced 8-bit RGB PNG of `image`.
pub fn interlaced_png(image: &RgbImage) -> Vec<u8> {
    const PASSES: [(u32, u32, u32, u32); 7] = [
        (0, 0, 8, 8),
        (4, 0, 8, 8),
        (0, 4, 4, 8),
        (2, 0, 4, 4),
        (0, 2, 2, 4),
        (1, 0, 2, 2),
        (0, 1, 1, 2),
    ];
    let (w, h) = image.dimensions();
    let mut raw = Vec::new();
    for (x0, y0, dx, dy) in PASSES {
        if x0 >= w || y0 >= h {
            continue;
        }
        for y in (y0..h).step_by(dy as usize) {
            raw.push(0); // filter: none
            for x in (x0..w).step_by(dx as usize) {
                raw.extend_from_slice(&image.get_pixel(x, y).0);
            }
        }
    }
    raw_png(w, h, 8, 2, 1, &zlib_stored(&raw))
}

/// A PNG bomb: a header claiming 50000x50000 and a few KB of zeros behind it.
pub fn png_bomb() -> Vec<u8> {
    raw_png(50_000, 50_000, 8, 2, 0, &zlib_stored(&[0u8; 4096]))
}

/// A GIF bomb: a logical screen of 50000x50000 with one tiny frame.
pub fn gif_bomb() -> Vec<u8> {
    let mut out = b"GIF89a".to_vec();
    out.extend_from_slice(&50_000u16.to_le_bytes());
    out.extend_from_slice(&50_000u16.to_le_bytes());
    out.extend_from_slice(&[0x80, 0, 0]); // global colour table of 2 entries
    out.extend_from_slice(&[0, 0, 0, 255, 255, 255]);
    out.extend_from_slice(&[0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]); // 1x1 frame
    out.extend_from_slice(&[2, 2, 0x4C, 0x01, 0]); // LZW data
    out.push(0x3B);
    out
}

/// An animated GIF with `frames` frames of 1x1 pixel.
pub fn many_frame_gif(frames: u32) -> Vec<u8> {
    animated_gif(2, 2, frames, 10)
}

pub const SVG: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>\n";
pub const HTML: &[u8] =
    b"<!DOCTYPE html>\n<html><body><img src=x onerror=alert(1)></body></html>\n";
pub const TEXT: &[u8] = b"just some notes, not a picture\n";
pub const PDF: &[u8] =
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// The first half of `bytes`.
pub fn truncated(bytes: &[u8]) -> Vec<u8> {
    bytes[..bytes.len() / 2].to_vec()
}

/// An image whose top-left quadrant is red and the rest blue, 64x48: after the right
/// orientation, the red corner must be at the top left.
pub fn marked_corner() -> RgbImage {
    RgbImage::from_fn(64, 48, |x, y| {
        if x < 32 && y < 24 {
            Rgb([230, 20, 20])
        } else {
            Rgb([20, 20, 230])
        }
    })
}

/// Whether a JPEG contains an APP1 (EXIF/XMP) segment or a COM segment.
pub fn jpeg_has_metadata(bytes: &[u8]) -> bool {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return false;
        }
        let marker = bytes[i + 1];
        if marker == 0xDA {
            return false; // start of scan: no more headers
        }
        if marker == 0xE1 || marker == 0xFE {
            return true;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        i += 2 + len;
    }
    false
}

// ---- Hostile files: small on disk, expensive for a decoder that trusts them. ----

/// Writes bits least-significant first, as deflate does.
struct Bits {
    out: Vec<u8>,
    used: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        for i in 0..count {
            if self.used == 0 {
                self.out.push(0);
            }
            let last = self.out.len() - 1;
            self.out[last] |= (((value >> i) & 1) as u8) << self.used;
            self.used = (self.used + 1) % 8;
        }
    }

    /// A Huffman code: most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        for i in (0..len).rev() {
            self.put(code >> i, 1);
        }
    }

    fn zeros(&mut self, mut count: u64) {
        while count > 0 && self.used != 0 {
            self.put(0, 1);
            count -= 1;
        }
        self.out.resize(self.out.len() + (count / 8) as usize, 0);
        self.put(0, (count % 8) as u32);
    }
}

/// A zlib stream that inflates to `1 + 258 * matches` zero bytes from about `matches / 4`
/// bytes: one dynamic-Huffman deflate block in which "length 258, distance 1" costs two
/// bits, deflate's maximum ratio of 1032:1.
pub fn zlib_zero_bomb(matches: u64) -> Vec<u8> {
    let mut bits = Bits {
        out: vec![0x78, 0x01],
        used: 0,
    };
    bits.put(1, 1); // BFINAL
    bits.put(2, 2); // dynamic Huffman
    bits.put(29, 5); // 286 literal/length codes
    bits.put(1, 5); // 2 distance codes
    bits.put(14, 4); // 18 code-length codes
    // Code-length code lengths in deflate's order 16,17,18,0,8,7,9,6,10,5,11,4,12,3,13,2,14,1:
    // symbol 18 gets 1 bit, symbols 1 and 2 get 2 bits.
    for len in [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2] {
        bits.put(len, 3);
    }
    // Canonical code-length codes: 18 -> 0, 1 -> 10, 2 -> 11.
    let (cl18, cl1, cl2) = ((0, 1), (0b10, 2), (0b11, 2));
    bits.code(cl2.0, cl2.1); // literal 0: 2 bits
    bits.code(cl18.0, cl18.1);
    bits.put(127, 7); // 138 zeros
    bits.code(cl18.0, cl18.1);
    bits.put(106, 7); // 117 zeros: literals 1..=255 unused
    bits.code(cl2.0, cl2.1); // end of block (256): 2 bits
    bits.code(cl18.0, cl18.1);
    bits.put(17, 7); // 28 zeros: lengths 257..=284 unused
    bits.code(cl1.0, cl1.1); // length 258 (285): 1 bit
    bits.code(cl1.0, cl1.1); // distance 1: 1 bit
    bits.code(cl1.0, cl1.1); // distance 2: 1 bit (keeps the code complete)
    // Data: literal 0 (10), `matches` x (285 = 0, distance 1 = 0), end of block (11).
    bits.code(0b10, 2);
    bits.zeros(matches * 2);
    bits.code(0b11, 2);
    let total = 1 + 258 * matches;
    let adler = (((total % 65_521) as u32) << 16) | 1;
    let mut out = bits.out;
    out.extend_from_slice(&adler.to_be_bytes());
    out
}

/// A 1x1 PNG carrying an ancillary chunk (`iCCP`, `zTXt` or `iTXt`) whose compressed
/// payload inflates to about `inflated` bytes.
pub fn png_with_metadata_bomb(kind: &[u8; 4], inflated: u64) -> Vec<u8> {
    let bomb = zlib_zero_bomb(inflated / 258);
    let mut payload = match kind {
        b"iCCP" => b"ICC profile\0\0".to_vec(),
        b"zTXt" => b"Comment\0\0".to_vec(),
        b"iTXt" => b"Comment\0\x01\x00en\0\0".to_vec(),
        other => panic!("no bomb for {other:?}"),
    };
    payload.extend_from_slice(&bomb);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&1u32.to_be_bytes());
    ihdr.extend_from_slice(&1u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, kind, &payload);
    chunk(&mut out, b"IDAT", &zlib_stored(&[0, 200, 30, 30]));
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A 1x1 PNG whose image data goes on inflating long after the one pixel it needs.
pub fn png_with_endless_image_data(inflated: u64) -> Vec<u8> {
    raw_png(1, 1, 8, 2, 0, &zlib_zero_bomb(inflated / 258))
}

/// A progressive JPEG of `width`x`height` followed, before its end marker, by `extra`
/// empty AC scans (10 bytes each): each is one more pass over every block.
pub fn jpeg_with_empty_scans(width: u32, height: u32, extra: u32) -> Vec<u8> {
    let mut out = progressive_jpeg(&RgbImage::from_pixel(width, height, Rgb([90, 140, 200])));
    assert_eq!(out[out.len() - 2..], [0xFF, 0xD9]);
    out.truncate(out.len() - 2);
    let luma = first_component_id(&out);
    for _ in 0..extra {
        out.extend_from_slice(&[0xFF, 0xDA, 0, 8, 1, luma, 0x00, 1, 63, 0x00]);
    }
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

/// A baseline JPEG of `width`x`height` (one scan holding every component) followed by
/// `extra` single-component scans of a few bytes each: scans the decoder never takes, as
/// it refuses a second scan of such a frame.
pub fn baseline_jpeg_with_extra_scans(width: u32, height: u32, extra: u32) -> Vec<u8> {
    let mut out = jpeg(
        &RgbImage::from_pixel(width, height, Rgb([90, 140, 200])),
        90,
    );
    assert_eq!(out[out.len() - 2..], [0xFF, 0xD9]);
    out.truncate(out.len() - 2);
    let luma = first_component_id(&out);
    for _ in 0..extra {
        out.extend_from_slice(&[0xFF, 0xDA, 0, 8, 1, luma, 0x00, 0, 63, 0x00, 0x12, 0x34]);
    }
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

/// The id of the first component in a JPEG's frame header.
fn first_component_id(jpeg: &[u8]) -> u8 {
    let sof = jpeg
        .windows(2)
        .position(|w| w[0] == 0xFF && matches!(w[1], 0xC0..=0xC2))
        .expect("a frame header");
    jpeg[sof + 10]
}

/// A GIF whose logical screen is `screen` pixels square, with `frames` frames of
/// `frame`x`frame` pixels each (one colour, so the LZW data stays small).
pub fn gif_with_large_frames(screen: u16, frame: u16, frames: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder =
            gif::Encoder::new(&mut out, screen, screen, &[0, 0, 0, 255, 255, 255]).expect("gif");
        let pixels = vec![1u8; usize::from(frame) * usize::from(frame)];
        for _ in 0..frames {
            let f = gif::Frame {
                width: frame,
                height: frame,
                buffer: std::borrow::Cow::Borrowed(&pixels),
                ..Default::default()
            };
            encoder.write_frame(&f).expect("frame");
        }
    }
    out
}

/// An animated WebP with a `canvas`-square canvas and one `frame`-square frame at
/// (`at`, `at`): a lossless still of that size wrapped in VP8X/ANIM/ANMF chunks.
pub fn webp_with_frame(canvas: u32, frame: u32, at: u32) -> Vec<u8> {
    let still = webp(&DynamicImage::ImageRgba8(RgbaImage::from_pixel(
        frame,
        frame,
        Rgba([10, 20, 30, 255]),
    )));
    // The still is RIFF....WEBP + one VP8L chunk.
    let vp8l = &still[12..];
    let mut riff = Vec::new();
    let riff_chunk = |out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]| {
        out.extend_from_slice(kind);
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(data);
        if data.len() % 2 == 1 {
            out.push(0);
        }
    };
    let u24 = |v: u32| [v as u8, (v >> 8) as u8, (v >> 16) as u8];
    let mut vp8x = vec![0x02 | 0x10, 0, 0, 0]; // animation, alpha
    vp8x.extend_from_slice(&u24(canvas - 1));
    vp8x.extend_from_slice(&u24(canvas - 1));
    riff_chunk(&mut riff, b"VP8X", &vp8x);
    riff_chunk(&mut riff, b"ANIM", &[0, 0, 0, 0, 0, 0]);
    let mut anmf = Vec::new();
    anmf.extend_from_slice(&u24(at / 2));
    anmf.extend_from_slice(&u24(at / 2));
    anmf.extend_from_slice(&u24(frame - 1));
    anmf.extend_from_slice(&u24(frame - 1));
    anmf.extend_from_slice(&u24(100));
    anmf.push(0);
    anmf.extend_from_slice(vp8l);
    riff_chunk(&mut riff, b"ANMF", &anmf);
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&((riff.len() + 4) as u32).to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&riff);
    out
}

/// The costliest JPEG shape under the scan limits: the frame, tables and first (DC) scan
/// of a `width`x`height` progressive JPEG, then `empty` AC scans with no data at all, so
/// that every coefficient is decoded from padding (about 12 ns each, release build).
pub fn jpeg_dc_then_empty_scans(width: u32, height: u32, empty: u32) -> Vec<u8> {
    let full = jpeg_with_empty_scans(width, height, 0);
    let sos = full
        .windows(2)
        .position(|w| w == [0xFF, 0xDA])
        .expect("a scan");
    let mut at = sos + 2 + usize::from(u16::from_be_bytes([full[sos + 2], full[sos + 3]]));
    while full[at] != 0xFF || matches!(full[at + 1], 0x00 | 0xFF | 0xD0..=0xD7) {
        at += 1;
    }
    let luma = first_component_id(&full);
    let mut out = full[..at].to_vec();
    for _ in 0..empty {
        out.extend_from_slice(&[0xFF, 0xDA, 0, 8, 1, luma, 0x00, 1, 63, 0x00]);
    }
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}
