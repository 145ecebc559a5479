//! The picture pipeline on the fixtures corpus: what gets in, what gets stored.

use crate::common::fixtures;

use fixtures::*;
use image::{DynamicImage, GenericImageView, ImageFormat};
use pfp::picture::{self, Crop, InputFormat, Options, OutputChoice, OutputFormat, Rule};

fn accept(bytes: &[u8], name: &str) -> picture::Processed {
    picture::process(bytes, name, &Options::default())
        .unwrap_or_else(|r| panic!("{name} was rejected: {r}"))
}

fn reject(bytes: &[u8], name: &str) -> picture::Rejection {
    match picture::process(bytes, name, &Options::default()) {
        Ok(p) => panic!("{name} was accepted: {:?}", p.input),
        Err(r) => r,
    }
}

fn decode(bytes: &[u8]) -> DynamicImage {
    image::load_from_memory(bytes)
        .or_else(|_| {
            // The test build of `image` has no JPEG decoder; use jpeg-decoder directly.
            let mut d = jpeg_decoder::Decoder::new(bytes);
            let pixels = d
                .decode()
                .map_err(|e| image::ImageError::IoError(std::io::Error::other(e)))?;
            let info = d.info().unwrap();
            Ok::<_, image::ImageError>(DynamicImage::ImageRgb8(
                image::RgbImage::from_raw(u32::from(info.width), u32::from(info.height), pixels)
                    .unwrap(),
            ))
        })
        .expect("the output decodes")
}

#[test]
fn every_allowed_format_is_accepted() {
    let photo = photo_like(300, 200, 1);
    let cases: Vec<(&str, Vec<u8>, InputFormat)> = vec![
        ("a.jpg", jpeg(&photo, 90), InputFormat::Jpeg),
        (
            "a.png",
            png(&DynamicImage::ImageRgb8(photo.clone())),
            InputFormat::Png,
        ),
        ("a.gif", animated_gif(40, 30, 1, 0), InputFormat::Gif),
        (
            "a.webp",
            webp(&DynamicImage::ImageRgb8(photo.clone())),
            InputFormat::WebP,
        ),
        (
            "progressive.jpg",
            progressive_jpeg(&photo),
            InputFormat::Jpeg,
        ),
        ("interlaced.png", interlaced_png(&photo), InputFormat::Png),
    ];
    for (name, bytes, format) in cases {
        let p = accept(&bytes, name);
        assert_eq!(p.input.format, format, "{name}");
        assert!(p.warnings.is_empty(), "{name}: {:?}", p.warnings);
        let main = p.picture.main();
        // A square centre crop, never upscaled: 200x200 from a 300x200 source.
        let expected = if format == InputFormat::Gif { 30 } else { 200 };
        assert_eq!((main.width, main.height), (expected, expected), "{name}");
        let out = decode(&main.bytes);
        assert_eq!(out.dimensions(), (expected, expected), "{name}");
    }
}

#[test]
fn progressive_and_interlaced_keep_their_pixels() {
    let photo = photo_like(64, 64, 2);
    let plain = accept(&png(&DynamicImage::ImageRgb8(photo.clone())), "plain.png");
    let interlaced = accept(&interlaced_png(&photo), "interlaced.png");
    assert_eq!(
        plain.picture.main().bytes,
        interlaced.picture.main().bytes,
        "the same pixels give the same stored bytes"
    );
    assert_eq!(plain.picture.hash(), interlaced.picture.hash());
}

#[test]
fn large_photo_is_cropped_resized_and_stored_as_jpeg() {
    let photo = photo_like(1600, 1200, 3);
    let bytes = jpeg(&photo, 90);
    let p = accept(&bytes, "phone.jpg");
    assert_eq!((p.input.width, p.input.height), (1600, 1200));
    assert_eq!(p.picture.format, OutputFormat::Jpeg);
    assert_eq!(p.picture.mime(), "image/jpeg");
    let main = p.picture.main();
    assert_eq!((main.width, main.height), (512, 512));
    assert!(
        p.actions.iter().any(|a| a == "crop to 1200x1200 (centre)"),
        "{:?}",
        p.actions
    );
    assert!(
        p.actions.iter().any(|a| a == "encode JPEG q85"),
        "{:?}",
        p.actions
    );
    assert_eq!(main.sha256.len(), 64);
    assert!(!jpeg_has_metadata(&main.bytes));
}

#[test]
fn a_picture_no_larger_than_the_size_is_kept_and_the_actions_say_so() {
    // 96x96: nothing to crop and, below 512, nothing to resize (never enlarged).
    let small = accept(&jpeg(&photo_like(96, 96, 5), 90), "avatar.jpg");
    let main = small.picture.main();
    assert_eq!((main.width, main.height), (96, 96));
    assert!(
        small
            .actions
            .iter()
            .any(|a| a == "keep 96x96: smaller than 512, never enlarged"),
        "{:?}",
        small.actions
    );
    assert!(
        !small.actions.iter().any(|a| a.starts_with("resize")),
        "{:?}",
        small.actions
    );
    // 512x512 exactly: kept, and nothing said of enlarging.
    let exact = accept(&jpeg(&photo_like(512, 512, 6), 90), "exact.jpg");
    assert!(
        exact.actions.iter().any(|a| a == "keep 512x512"),
        "{:?}",
        exact.actions
    );
    // With more sizes: the main one kept, the smaller ones made from it.
    let options = Options {
        sizes: vec![128],
        ..Options::default()
    };
    let both = picture::process(&jpeg(&photo_like(300, 300, 7), 90), "x.jpg", &options).unwrap();
    let at = |action: &str| both.actions.iter().position(|a| a == action);
    assert!(
        matches!(
            (at("keep 300x300: smaller than 512, never enlarged"), at("make 128x128")),
            (Some(keep), Some(make)) if make == keep + 1
        ),
        "{:?}",
        both.actions
    );
    // A landscape photo: cropped, then resized.
    let large = accept(&jpeg(&photo_like(1600, 1200, 3), 90), "phone.jpg");
    assert!(
        large.actions.iter().any(|a| a == "resize to 512x512"),
        "{:?}",
        large.actions
    );
}

#[test]
fn derived_sizes_come_from_the_same_decode() {
    let bytes = jpeg(&photo_like(1024, 768, 4), 90);
    let options = Options {
        sizes: vec![512, 256, 128, 64],
        ..Options::default()
    };
    let p = picture::process(&bytes, "x.jpg", &options).unwrap();
    let sizes: Vec<_> = p
        .picture
        .renditions
        .iter()
        .map(|r| (r.size, r.width, r.height))
        .collect();
    assert_eq!(
        sizes,
        vec![
            (512, 512, 512),
            (256, 256, 256),
            (128, 128, 128),
            (64, 64, 64)
        ]
    );
    assert_eq!(p.picture.main().size, 512);
    assert_eq!(p.picture.derived().count(), 3);
    for r in &p.picture.renditions {
        assert_eq!(decode(&r.bytes).dimensions(), (r.width, r.height));
    }
}

#[test]
fn crop_none_keeps_the_aspect_ratio() {
    let bytes = jpeg(&photo_like(1000, 500, 5), 90);
    let options = Options {
        crop: Crop::None,
        ..Options::default()
    };
    let p = picture::process(&bytes, "wide.jpg", &options).unwrap();
    assert_eq!(
        (p.picture.main().width, p.picture.main().height),
        (512, 256)
    );
}

#[test]
fn png_with_transparency_stays_png_and_opaque_png_becomes_jpeg() {
    let p = accept(&png_with_alpha(100), "logo.png");
    assert_eq!(p.picture.format, OutputFormat::Png);
    let out = decode(&p.picture.main().bytes);
    assert_eq!(out.get_pixel(0, 0).0[3], 0, "the corner stays transparent");
    assert_eq!(out.get_pixel(50, 50).0, [220, 30, 30, 255]);

    let opaque = accept(
        &png(&DynamicImage::ImageRgb8(photo_like(80, 80, 6))),
        "opaque.png",
    );
    assert_eq!(opaque.picture.format, OutputFormat::Jpeg);
}

#[test]
fn sixteen_bit_png_becomes_8_bit() {
    let p = accept(&png16(40, 40), "deep.png");
    let out = decode(&p.picture.main().bytes);
    assert!(
        matches!(out, DynamicImage::ImageRgb8(_)),
        "{:?}",
        out.color()
    );
}

#[test]
fn cmyk_jpeg_becomes_rgb_with_the_right_colour() {
    // Pure magenta + yellow ink = red.
    let bytes = cmyk_jpeg(32, 32, [0, 255, 255, 0]);
    let p = accept(&bytes, "print.jpg");
    let out = decode(&p.picture.main().bytes).to_rgb8();
    let [r, g, b] = out.get_pixel(16, 16).0;
    assert!(r > 200 && g < 60 && b < 60, "expected red, got {r},{g},{b}");
}

#[test]
fn exif_orientation_1_to_8_turns_the_picture_upright() {
    use image::metadata::Orientation;
    let upright = DynamicImage::ImageRgb8(marked_corner());
    for o in 1..=8u8 {
        // Store the pixels the way a camera would for orientation `o`.
        let inverse = match o {
            6 => 8,
            8 => 6,
            other => other,
        };
        let mut stored = upright.clone();
        stored.apply_orientation(Orientation::from_exif(inverse).unwrap());
        let bytes = jpeg_with_exif(&stored.to_rgb8(), o, false);
        let options = Options {
            crop: Crop::None,
            ..Options::default()
        };
        let p = picture::process(&bytes, "camera.jpg", &options).unwrap();
        assert_eq!(p.input.orientation, o);
        let out = decode(&p.picture.main().bytes).to_rgb8();
        assert_eq!(out.dimensions(), (64, 48), "orientation {o}");
        let red = |x, y| {
            let [r, _, b] = out.get_pixel(x, y).0;
            r > 150 && b < 100
        };
        assert!(red(4, 4), "orientation {o}: top left should be red");
        assert!(
            !red(59, 4) && !red(4, 43) && !red(59, 43),
            "orientation {o}: only one red corner"
        );
        if o != 1 {
            assert!(
                p.actions
                    .iter()
                    .any(|a| a.contains(&format!("EXIF orientation {o}"))),
                "{:?}",
                p.actions
            );
        }
    }
}

#[test]
fn gps_exif_is_dropped_entirely() {
    let bytes = jpeg_with_exif(&photo_like(100, 100, 7), 1, true);
    assert!(jpeg_has_metadata(&bytes), "the fixture has EXIF");
    let p = accept(&bytes, "gps.jpg");
    let out = &p.picture.main().bytes;
    assert!(!jpeg_has_metadata(out), "no APP1 or COM in the output");
    assert!(!out.windows(4).any(|w| w == b"Exif"), "no EXIF anywhere");
}

#[test]
fn animated_gif_keeps_its_frames_and_timing_unless_static() {
    let bytes = animated_gif(120, 80, 5, 70);
    let p = accept(&bytes, "wave.gif");
    assert_eq!(p.input.frames, 5);
    assert_eq!(p.picture.format, OutputFormat::Gif);
    let out = &p.picture.main().bytes;
    use image::AnimationDecoder;
    let frames = image::codecs::gif::GifDecoder::new(std::io::Cursor::new(out))
        .unwrap()
        .into_frames()
        .collect_frames()
        .unwrap();
    assert_eq!(frames.len(), 5);
    for f in &frames {
        assert_eq!(f.buffer().dimensions(), (80, 80));
        assert_eq!(f.delay().numer_denom_ms(), (70, 1));
    }

    let options = Options {
        still: true,
        ..Options::default()
    };
    let still = picture::process(&bytes, "wave.gif", &options).unwrap();
    assert_eq!(still.picture.format, OutputFormat::Jpeg);
    assert!(
        still
            .actions
            .iter()
            .any(|a| a == "keep the first frame only")
    );
}

#[test]
fn output_format_can_be_forced() {
    let bytes = jpeg(&photo_like(100, 100, 8), 90);
    for (choice, format, detected) in [
        (OutputChoice::Png, OutputFormat::Png, ImageFormat::Png),
        (OutputChoice::WebP, OutputFormat::WebP, ImageFormat::WebP),
    ] {
        let options = Options {
            output: choice,
            ..Options::default()
        };
        let p = picture::process(&bytes, "x.jpg", &options).unwrap();
        assert_eq!(p.picture.format, format);
        assert_eq!(
            image::guess_format(&p.picture.main().bytes).unwrap(),
            detected
        );
    }
}

#[test]
fn webp_is_lossy_by_default_smaller_than_jpeg_and_lossless_on_request() {
    let (mut lossy_total, mut jpeg_total, mut lossless_total) = (0, 0, 0);
    for seed in 1..=4 {
        // The bench's photo-like pictures, at a size a debug build decodes quickly.
        let bytes = jpeg(&photo_like(1024, 768, seed), 92);
        let encode = |output| {
            let options = Options {
                output,
                ..Options::default()
            };
            picture::process(&bytes, "photo.jpg", &options).unwrap()
        };
        let (lossy, jpeg, lossless) = (
            encode(OutputChoice::WebP),
            encode(OutputChoice::Jpeg),
            encode(OutputChoice::WebPLossless),
        );
        assert_eq!(lossy.picture.format, OutputFormat::WebP);
        assert_eq!(lossless.picture.format, OutputFormat::WebPLossless);
        assert_eq!(lossless.picture.format.mime(), "image/webp");
        let decoded = |p: &picture::Processed| {
            image::load_from_memory_with_format(&p.picture.main().bytes, ImageFormat::WebP)
                .unwrap()
                .to_rgb8()
        };
        // Lossless is exactly the normalised pixels; lossy is close to them.
        let (exact, near) = (decoded(&lossless), decoded(&lossy));
        let error: f64 = exact
            .as_raw()
            .iter()
            .zip(near.as_raw())
            .map(|(a, b)| f64::from(a.abs_diff(*b)))
            .sum::<f64>()
            / exact.as_raw().len() as f64;
        assert!(error > 0.0 && error < 6.0, "mean error {error}");
        lossy_total += lossy.picture.main().bytes.len();
        jpeg_total += jpeg.picture.main().bytes.len();
        lossless_total += lossless.picture.main().bytes.len();
    }
    assert!(
        lossy_total < jpeg_total,
        "lossy WebP {lossy_total} B against JPEG q85 {jpeg_total} B"
    );
    assert!(
        lossless_total > 3 * lossy_total,
        "lossless {lossless_total} B against lossy {lossy_total} B"
    );
}

#[test]
fn lossy_webp_keeps_transparency() {
    let options = Options {
        output: OutputChoice::WebP,
        ..Options::default()
    };
    let p = picture::process(&png_with_alpha(64), "a.png", &options).unwrap();
    let decoded = image::load_from_memory_with_format(&p.picture.main().bytes, ImageFormat::WebP)
        .unwrap()
        .to_rgba8();
    assert!(decoded.pixels().any(|px| px.0[3] == 0));
    assert!(decoded.pixels().any(|px| px.0[3] == 255));
}

#[test]
fn wrong_extension_is_accepted_by_content_with_a_warning() {
    let bytes = png(&DynamicImage::ImageRgb8(photo_like(50, 50, 9)));
    let p = accept(&bytes, "photo.jpg");
    assert_eq!(p.input.format, InputFormat::Png);
    assert_eq!(p.warnings.len(), 1);
    assert!(
        p.warnings[0].contains("extension says .jpg but the content is PNG"),
        "{}",
        p.warnings[0]
    );
}

#[test]
fn the_same_content_gives_the_same_hash() {
    let bytes = jpeg(&photo_like(300, 300, 10), 90);
    let a = accept(&bytes, "a.jpg");
    let b = accept(&bytes, "b.jpg");
    assert_eq!(a.picture.hash(), b.picture.hash());
    let other = accept(&jpeg(&photo_like(300, 300, 11), 90), "c.jpg");
    assert_ne!(a.picture.hash(), other.picture.hash());
}

#[test]
fn everything_else_is_refused_with_its_type_named() {
    let cases: Vec<(&str, Vec<u8>, Rule, &str)> = vec![
        ("empty.jpg", Vec::new(), Rule::Empty, "the file is empty"),
        (
            "notes.jpg",
            TEXT.to_vec(),
            Rule::UnsupportedFormat,
            "the content is plain text,",
        ),
        (
            "page.jpg",
            HTML.to_vec(),
            Rule::UnsupportedFormat,
            "HTML document",
        ),
        (
            "logo.svg",
            SVG.to_vec(),
            Rule::UnsupportedFormat,
            "the content is an SVG image,",
        ),
        (
            "doc.pdf",
            PDF.to_vec(),
            Rule::UnsupportedFormat,
            "PDF document",
        ),
        (
            "scan.tif",
            b"II*\0\x08\0\0\0\0\0".to_vec(),
            Rule::UnsupportedFormat,
            "TIFF image",
        ),
        (
            "old.bmp",
            b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0".to_vec(),
            Rule::UnsupportedFormat,
            "BMP image",
        ),
        // AVIF is accepted: one cut off after its brand is corrupt, said in its own name.
        (
            "new.avif",
            b"\0\0\0\x1cftypavif\0\0\0\0".to_vec(),
            Rule::Corrupt,
            "the AVIF data is corrupt",
        ),
        (
            "favicon.ico",
            vec![0, 0, 1, 0, 1, 0, 16, 16],
            Rule::UnsupportedFormat,
            "ICO icon",
        ),
    ];
    for (name, bytes, rule, words) in cases {
        let r = reject(&bytes, name);
        assert_eq!(r.rule, rule, "{name}: {r}");
        assert!(r.message.contains(words), "{name}: {r}");
        assert!(r.message.starts_with(name), "{name}: {r}");
    }
}

/// What a failed download saves in a picture's place (`curl -o photo.jpg` of an expired
/// presigned URL, a login page, an API's error) is named with what it says.
#[test]
fn a_failed_download_saved_as_a_picture_says_what_it_holds() {
    for (name, bytes, words) in [
        (
            "expired.jpg",
            &b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message><Key>a.jpg</Key></Error>"[..],
            "the content is plain text, an S3 error answer 'AccessDenied: Request has expired' (what a failed download saves in a picture's place), which is not accepted",
        ),
        (
            "login.jpg",
            b"<!DOCTYPE html>\n<html><head><title>Sign in \x1b[2J</title></head><body></body></html>",
            "the content is an HTML document, a web page titled 'Sign in \\u{1b}[2J' (what a failed download",
        ),
        (
            "api.png",
            b"{\"error\": \"not found\"}\n",
            "plain text, a JSON error answer '{\"error\": \"not found\"}' (what a failed download",
        ),
    ] {
        let r = reject(bytes, name);
        assert_eq!(r.rule, Rule::UnsupportedFormat, "{name}: {r}");
        assert!(r.message.contains(words), "{name}: {r}");
    }
    // Text that is no answer of a server says only what it is.
    assert!(
        !reject(TEXT, "notes.jpg").message.contains("download"),
        "plain notes"
    );
    assert!(
        !reject(HTML, "page.jpg").message.contains("download"),
        "no title"
    );
}

#[test]
fn truncated_files_are_refused_as_corrupt() {
    let photo = photo_like(200, 150, 12);
    for (name, bytes) in [
        ("cut.jpg", truncated(&jpeg(&photo, 90))),
        (
            "cut.png",
            truncated(&png(&DynamicImage::ImageRgb8(photo.clone()))),
        ),
    ] {
        let r = reject(&bytes, name);
        assert_eq!(r.rule, Rule::Corrupt, "{name}: {r}");
        assert!(r.message.contains("corrupt or truncated"), "{name}: {r}");
    }
}

#[test]
fn decompression_bombs_are_refused_from_the_header() {
    let bomb = png_bomb();
    assert!(bomb.len() < 8192, "a few KB");
    let r = reject(&bomb, "bomb.png");
    assert_eq!(r.rule, Rule::Width, "{r}");
    assert!(
        r.message
            .contains("width 50000 px exceeds the limit of 10000 px"),
        "{r}"
    );

    let r = reject(&gif_bomb(), "bomb.gif");
    assert_eq!(r.rule, Rule::Width, "{r}");

    // Within width and height, but over the pixel limit.
    let options = Options::default();
    let r = picture::process(
        &raw_png(9000, 9000, 8, 2, 0, &zlib_stored(&[0; 64])),
        "big.png",
        &options,
    )
    .unwrap_err();
    assert_eq!(r.rule, Rule::Pixels, "{r}");
    assert!(
        r.message
            .contains("81.0 megapixels, over the limit of 40.0 megapixels"),
        "{r}"
    );
}

#[test]
fn too_many_gif_frames_are_refused() {
    let r = reject(&many_frame_gif(301), "long.gif");
    assert_eq!(r.rule, Rule::Frames, "{r}");
    assert!(r.message.contains("exceed the limit of 300 frames"), "{r}");
}

#[test]
fn file_size_limit_names_measured_value_and_limit() {
    let bytes = jpeg(&photo_like(400, 400, 13), 95);
    let options = Options {
        limits: picture::Limits {
            max_bytes: 10_000,
            ..Default::default()
        },
        ..Options::default()
    };
    let r = picture::process(&bytes, "big.jpg", &options).unwrap_err();
    assert_eq!(r.rule, Rule::FileSize);
    assert!(
        r.message.contains(&format!("({} bytes)", bytes.len())),
        "{r}"
    );
    assert!(r.message.contains("limit of 9.8 KiB"), "{r}");
}

#[test]
fn formats_can_be_narrowed() {
    let options = Options {
        formats: vec![InputFormat::Jpeg],
        ..Options::default()
    };
    let bytes = png(&DynamicImage::ImageRgb8(photo_like(20, 20, 14)));
    let r = picture::process(&bytes, "x.png", &options).unwrap_err();
    assert_eq!(r.rule, Rule::FormatNotAllowed);
    assert!(
        r.message
            .contains("PNG images are not allowed here (allowed: JPEG"),
        "{r}"
    );
}

fn psnr(a: &[u8], b: &[u8]) -> f64 {
    let mse = a
        .iter()
        .zip(b)
        .map(|(&x, &y)| (f64::from(x) - f64::from(y)).powi(2))
        .sum::<f64>()
        / a.len() as f64;
    10.0 * (255.0 * 255.0 / mse).log10()
}

fn decoded_rgb(jpeg: &[u8]) -> Vec<u8> {
    let mut decoder = jpeg_decoder::Decoder::new(jpeg);
    let pixels = decoder.decode().expect("a JPEG pfp wrote decodes");
    let info = decoder.info().expect("decoded");
    assert_eq!(info.pixel_format, jpeg_decoder::PixelFormat::RGB24);
    pixels
}

#[test]
fn stored_jpegs_are_as_close_and_as_small_as_jpeg_encoders_at_the_same_quality() {
    // libjpeg-turbo replaced the pure-Rust jpeg-encoder for stored JPEGs (4x faster);
    // what users see must not get worse: same quality scale, same 4:2:0.
    let image = photo_like(512, 512, 7);
    let ours =
        picture::encode::encode_still(&DynamicImage::ImageRgb8(image.clone()), OutputFormat::Jpeg)
            .expect("encodes");
    let theirs = jpeg(&image, picture::encode::JPEG_QUALITY);
    let (ours_db, theirs_db) = (
        psnr(image.as_raw(), &decoded_rgb(&ours)),
        psnr(image.as_raw(), &decoded_rgb(&theirs)),
    );
    assert!(
        ours_db >= theirs_db - 0.25,
        "PSNR {ours_db:.2} dB against jpeg-encoder's {theirs_db:.2} dB"
    );
    assert!(
        ours.len() as f64 <= theirs.len() as f64 * 1.05,
        "{} bytes against jpeg-encoder's {}",
        ours.len(),
        theirs.len()
    );
    // The segments before the scan: a JFIF header, tables and the frame; no EXIF, XMP
    // or comment.
    let mut markers = Vec::new();
    let mut at = 2;
    while ours[at] == 0xFF && ours[at + 1] != 0xDA {
        markers.push(ours[at + 1]);
        at += 2 + usize::from(u16::from_be_bytes([ours[at + 2], ours[at + 3]]));
    }
    assert_eq!(markers[0], 0xE0, "{markers:02X?}");
    assert!(
        markers[1..].iter().all(|m| matches!(m, 0xDB | 0xC4 | 0xC0)),
        "{markers:02X?}"
    );
}

#[test]
fn a_centre_square_decoded_from_its_columns_only_resizes_to_the_same_pixels() {
    use picture::{decode, normalize};
    let limits = picture::Limits::default();
    for (width, height, subsampled) in [(1600, 1200, true), (1203, 901, true), (1600, 900, false)] {
        // jpeg-encoder writes 4:2:0 below quality 90; 4:4:4 when told.
        let jpeg = jpeg_with(&photo_like(width, height, 3), 85, |e| {
            if !subsampled {
                e.set_sampling_factor(jpeg_encoder::SamplingFactor::F_1_1);
            }
        });
        for size in [64, 200, 256, 512, 900] {
            let still = |crop| {
                decode::decode_still_for(&jpeg, InputFormat::Jpeg, "t", &limits, Some(size), crop)
                    .expect("decodes")
                    .image
            };
            let (whole, cut) = (still(Crop::None), still(Crop::Center));
            assert_eq!(whole.height(), cut.height());
            let square = |image: &DynamicImage| {
                let g = normalize::geometry(image.width(), image.height(), size, Crop::Center);
                normalize::resize(image, &g).expect("resizes")
            };
            let (a, b) = (square(&whole), square(&cut));
            assert_eq!(a.dimensions(), b.dimensions());
            let differ = a
                .as_bytes()
                .iter()
                .zip(b.as_bytes())
                .filter(|(x, y)| x != y)
                .count();
            assert_eq!(
                differ,
                0,
                "{width}x{height} (4:2:0 {subsampled}) to {size}: samples differ; decoded {:?} and {:?}",
                whole.dimensions(),
                cut.dimensions()
            );
            if size <= 256 {
                assert!(
                    cut.width() < whole.width(),
                    "{width}x{height} to {size}: not cut"
                );
            }
        }
    }
}
