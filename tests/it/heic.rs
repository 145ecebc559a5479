//! HEIC (iPhone photos) through the binary: real files made by an encoder (heifer's),
//! decoded in the jail and compared with their source pixels; and hostile containers,
//! refused by the walk before any codec runs.

use crate::common;
use crate::common::fixtures;

use common::*;
use fixtures::*;
use image::{DynamicImage, RgbImage, RgbaImage};

fn encode_options() -> heifer::EncodeOptions {
    heifer::EncodeOptions {
        quality: 95,
        max_threads: 1,
    }
}

fn heic_rgb(image: &RgbImage) -> Vec<u8> {
    heifer::encode_rgb8(
        image.width(),
        image.height(),
        image.as_raw(),
        &encode_options(),
    )
    .unwrap()
}

fn heic_rgba(image: &RgbaImage) -> Vec<u8> {
    heifer::encode_rgba8(
        image.width(),
        image.height(),
        image.as_raw(),
        &encode_options(),
    )
    .unwrap()
}

/// A 10-bit HEIC (HEVC Main 10) of `image`, its samples scaled to 10 bits.
fn heic_10bit(image: &RgbImage) -> Vec<u8> {
    let data = image
        .pixels()
        .flat_map(|p| {
            let s = |v: u8| u16::from(v) * 4 + u16::from(v >> 6);
            [s(p[0]), s(p[1]), s(p[2]), 1023]
        })
        .collect();
    let wide = heifer::Image {
        width: image.width(),
        height: image.height(),
        bit_depth: 10,
        has_alpha: false,
        data,
    };
    heifer::encode(&wide, &encode_options()).unwrap()
}

/// Mean absolute difference per channel between two RGB pictures of one size.
pub(crate) fn mean_difference(a: &RgbImage, b: &RgbImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let sum: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    sum as f64 / a.as_raw().len() as f64
}

/// Uploads `bytes` for user 1 at full size as PNG and returns the stored picture.
pub(crate) fn stored(s: &Stack<'_>, file: &str, bytes: &[u8], size: u32) -> DynamicImage {
    let path = s.dir().join(file);
    std::fs::write(&path, bytes).unwrap();
    let out = run(s
        .pfp()
        .args([
            "upload",
            "--user",
            "1",
            "--crop",
            "none",
            "--output-format",
            "png",
            "--size",
            &size.to_string(),
        ])
        .arg(&path));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let url = s.picture_url(1).expect("the row points at the picture");
    let (_, png) = s
        .objects()
        .into_iter()
        .find(|(key, _)| url.ends_with(key.as_str()))
        .expect("the object is in the bucket");
    image::load_from_memory(&png).unwrap()
}

#[test]
fn iphone_style_heic_photos_are_accepted_and_decoded_like_their_source() {
    let world = World::new();
    let db = common::db::TestDb::sqlite(world.dir.path());
    let s = Stack::with_world(&db, world);
    // 1200x900: more than one 512-pixel tile, so heifer writes a grid, as phones do.
    let source = photo_like(1200, 900, 11);
    let heic = heic_rgb(&source);
    assert_eq!(&heic[4..12], b"ftypheic");
    assert!(
        heic.windows(4).any(|w| w == b"grid"),
        "the encoder wrote a grid of tiles"
    );

    let path = s.dir().join("IMG_0001.HEIC");
    std::fs::write(&path, &heic).unwrap();
    let out = run(s.pfp().arg("validate").arg(&path));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("HEIC 1200x900"), "{}", out.stdout);
    assert!(out.stdout.contains("-> JPEG 512x512"), "{}", out.stdout);

    let picture = stored(&s, "IMG_0001.HEIC", &heic, 1200).to_rgb8();
    let difference = mean_difference(&picture, &source);
    eprintln!("8-bit HEIC: mean difference {difference:.2} from the source");
    assert!(
        difference < 4.0,
        "mean difference {difference:.2} from the source"
    );

    // 10 bits a sample: converted to 8, same picture.
    let picture = stored(&s, "ten-bit.heic", &heic_10bit(&source), 1200).to_rgb8();
    let difference = mean_difference(&picture, &source);
    eprintln!("10-bit HEIC: mean difference {difference:.2} from the source");
    assert!(difference < 4.0, "10-bit: mean difference {difference:.2}");
}

#[test]
fn a_heic_with_alpha_keeps_its_transparency() {
    let world = World::new();
    let db = common::db::TestDb::sqlite(world.dir.path());
    let s = Stack::with_world(&db, world);
    let rgb = photo_like(300, 200, 12);
    let rgba = RgbaImage::from_fn(300, 200, |x, y| {
        let p = rgb.get_pixel(x, y);
        image::Rgba([p[0], p[1], p[2], if x < 150 { 0 } else { 255 }])
    });
    let picture = stored(&s, "cutout.heic", &heic_rgba(&rgba), 300);
    let DynamicImage::ImageRgba8(out) = picture else {
        panic!("stored without alpha: {:?}", picture.color());
    };
    assert_eq!(out.dimensions(), (300, 200));
    assert!(
        out.get_pixel(20, 100)[3] < 8,
        "{:?}",
        out.get_pixel(20, 100)
    );
    assert!(
        out.get_pixel(280, 100)[3] > 247,
        "{:?}",
        out.get_pixel(280, 100)
    );
}

// Hostile containers, built box by box.

fn bx(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut out = u32::try_from(payload.len() + 8)
        .unwrap()
        .to_be_bytes()
        .to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(payload);
    out
}

fn full(kind: &[u8; 4], version: u8, payload: &[u8]) -> Vec<u8> {
    let mut body = vec![version, 0, 0, 0];
    body.extend_from_slice(payload);
    bx(kind, &body)
}

fn ispe(w: u32, h: u32) -> Vec<u8> {
    let mut p = w.to_be_bytes().to_vec();
    p.extend_from_slice(&h.to_be_bytes());
    full(b"ispe", 0, &p)
}

/// A HEIF file: items (id, type), properties (boxes) associated by (item, indexes),
/// references (kind, from, to), the primary item, and inline data per item (`idat`).
struct Heif {
    items: Vec<(u16, [u8; 4])>,
    properties: Vec<Vec<u8>>,
    associations: Vec<(u16, Vec<u8>)>,
    references: Vec<([u8; 4], u16, Vec<u16>)>,
    primary: u16,
    inline: Vec<(u16, Vec<u8>)>,
}

impl Heif {
    fn bytes(&self) -> Vec<u8> {
        let mut meta = full(b"hdlr", 0, &[&[0u8; 4][..], b"pict", &[0u8; 13]].concat());
        meta.extend(full(b"pitm", 0, &self.primary.to_be_bytes()));
        let mut iinf = u16::try_from(self.items.len())
            .unwrap_or(u16::MAX)
            .to_be_bytes()
            .to_vec();
        for (id, kind) in &self.items {
            iinf.extend(full(
                b"infe",
                2,
                &[&id.to_be_bytes()[..], &[0, 0], kind, b"\0"].concat(),
            ));
        }
        meta.extend(full(b"iinf", 0, &iinf));
        let mut iref = Vec::new();
        for (kind, from, to) in &self.references {
            for chunk in to.chunks(60_000) {
                let mut p = from.to_be_bytes().to_vec();
                p.extend_from_slice(&u16::try_from(chunk.len()).unwrap().to_be_bytes());
                for t in chunk {
                    p.extend_from_slice(&t.to_be_bytes());
                }
                iref.extend(bx(kind, &p));
            }
        }
        meta.extend(full(b"iref", 0, &iref));
        let mut ipma = u32::try_from(self.associations.len())
            .unwrap()
            .to_be_bytes()
            .to_vec();
        for (id, indexes) in &self.associations {
            ipma.extend_from_slice(&id.to_be_bytes());
            ipma.push(u8::try_from(indexes.len()).unwrap());
            ipma.extend_from_slice(indexes);
        }
        let iprp = [
            bx(b"ipco", &self.properties.concat()),
            full(b"ipma", 0, &ipma),
        ]
        .concat();
        meta.extend(bx(b"iprp", &iprp));
        let mut iloc = vec![0x44, 0x00];
        iloc.extend_from_slice(&u16::try_from(self.inline.len()).unwrap().to_be_bytes());
        let mut idat = Vec::new();
        for (id, data) in &self.inline {
            iloc.extend_from_slice(&id.to_be_bytes());
            iloc.extend_from_slice(&[0, 1, 0, 0, 0, 1]);
            iloc.extend_from_slice(&u32::try_from(idat.len()).unwrap().to_be_bytes());
            iloc.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
            idat.extend_from_slice(data);
        }
        meta.extend(full(b"iloc", 1, &iloc));
        meta.extend(bx(b"idat", &idat));
        [
            bx(b"ftyp", b"heic\0\0\0\0mif1heic"),
            full(b"meta", 0, &meta),
        ]
        .concat()
    }
}

/// A grid descriptor: rows x columns tiles on a width x height canvas.
fn grid(rows: u16, columns: u16, width: u16, height: u16) -> Vec<u8> {
    let mut d = vec![
        0,
        0,
        u8::try_from(rows - 1).unwrap(),
        u8::try_from(columns - 1).unwrap(),
    ];
    d.extend_from_slice(&width.to_be_bytes());
    d.extend_from_slice(&height.to_be_bytes());
    d
}

/// The hostile HEIF classes: file name, bytes, the rule and words of the rejection.
fn hostile_cases() -> Vec<(&'static str, Vec<u8>, &'static str, &'static str)> {
    let one = |kind: &[u8; 4], props: Vec<Vec<u8>>| Heif {
        items: vec![(1, *kind)],
        associations: vec![(1, (1..=props.len() as u8).collect())],
        properties: props,
        references: vec![],
        primary: 1,
        inline: vec![],
    };
    let huge = one(b"hvc1", vec![ispe(50_000, 50_000)]);
    // 100,000 tiles referenced from a 256x256 grid (the most a descriptor can say).
    let tiles = Heif {
        items: vec![(1, *b"grid"), (2, *b"hvc1")],
        properties: vec![ispe(512, 512)],
        associations: vec![(2, vec![1])],
        references: vec![(*b"dimg", 1, vec![2; 100_000])],
        primary: 1,
        inline: vec![(1, grid(256, 256, 6000, 6000))],
    };
    let looped = Heif {
        items: vec![(1, *b"iden"), (2, *b"iden")],
        properties: vec![],
        associations: vec![],
        references: vec![(*b"dimg", 1, vec![2]), (*b"dimg", 2, vec![1])],
        primary: 1,
        inline: vec![],
    };
    let uncovered = Heif {
        items: vec![(1, *b"grid"), (2, *b"hvc1")],
        properties: vec![ispe(512, 512)],
        associations: vec![(2, vec![1])],
        references: vec![(*b"dimg", 1, vec![2])],
        primary: 1,
        inline: vec![(1, grid(1, 1, 2000, 2000))],
    };
    let mixed = Heif {
        items: vec![(1, *b"grid"), (2, *b"hvc1"), (3, *b"av01")],
        properties: vec![ispe(256, 256)],
        associations: vec![(2, vec![1]), (3, vec![1])],
        references: vec![(*b"dimg", 1, vec![2, 3])],
        primary: 1,
        inline: vec![(1, grid(1, 2, 512, 256))],
    };
    let mut overflowing = one(b"hvc1", vec![ispe(64, 64)]).bytes();
    // A box inside 'meta' whose size runs far past the end of the file.
    overflowing.extend_from_slice(&[0xFF, 0xFF, 0xFF, 0xF0]);
    overflowing.extend_from_slice(b"free");
    let meta_at = 4 + 4 + 16;
    let meta_size = u32::from_be_bytes(overflowing[meta_at..meta_at + 4].try_into().unwrap());
    overflowing[meta_at..meta_at + 4].copy_from_slice(&(meta_size + 8).to_be_bytes());
    let sequence = [bx(b"ftyp", b"msf1\0\0\0\0msf1heic"), bx(b"moov", &[0; 32])].concat();
    // The same overflow from a box whose type is a terminal's clear-screen sequence:
    // the message names it escaped, never raw.
    let mut escaping = overflowing.clone();
    let at = escaping.len() - 4;
    escaping[at..].copy_from_slice(b"\x1b[2J");

    vec![
        ("huge.heic", huge.bytes(), "width", "width 50000 px exceeds"),
        (
            "tiles.heic",
            tiles.bytes(),
            "corrupt",
            "references between items",
        ),
        ("loop.heic", looped.bytes(), "corrupt", "reference loop"),
        (
            "uncovered.heic",
            uncovered.bytes(),
            "corrupt",
            "does not fit its 2000x2000 canvas",
        ),
        (
            "mixed.heic",
            mixed.bytes(),
            "unsupported_format",
            "mixes HEVC- and AV1-coded images",
        ),
        (
            "overflow.heic",
            overflowing,
            "corrupt",
            "claims 4294967280 bytes",
        ),
        (
            "sequence.heic",
            sequence,
            "unsupported_format",
            "image sequence",
        ),
        (
            "escape.heic",
            escaping,
            "corrupt",
            "box '\\u{1b}[2J' claims 4294967280 bytes",
        ),
    ]
}

#[test]
fn hostile_heif_containers_are_refused_before_any_codec_runs() {
    let dir = tempfile::tempdir().unwrap();
    let cases = hostile_cases();
    let mut files = Vec::new();
    for (file, bytes, _, _) in &cases {
        let path = dir.path().join(file);
        std::fs::write(&path, bytes).unwrap();
        files.push(path);
    }
    let out = run(pfp_isolated(dir.path())
        .args(["validate", "--json"])
        .args(&files));
    assert_eq!(out.code, 4, "{}", out.stderr);
    let verdicts = json_lines(&out.stdout);
    assert_eq!(verdicts.len(), cases.len(), "{}", out.stdout);
    for ((file, _, rule, words), v) in cases.iter().zip(&verdicts) {
        assert_eq!(v["ok"], false, "{file}: {v}");
        assert_eq!(v["rule"], *rule, "{file}: {v}");
        let message = v["message"].as_str().unwrap();
        assert!(message.contains(words), "{file}: {message}");
    }
    // At a terminal's width of text, too: a file's bytes never reach it raw.
    let out = run(pfp_isolated(dir.path())
        .arg("validate")
        .arg(dir.path().join("escape.heic")));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        !out.stdout.contains('\x1b') && !out.stderr.contains('\x1b'),
        "{:?} {:?}",
        out.stdout,
        out.stderr
    );
}

/// The boxes of `payload`: (type, start of the box, its size).
fn walk_boxes(payload: &[u8]) -> Vec<([u8; 4], usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 8 <= payload.len() {
        let size = u32::from_be_bytes(payload[at..at + 4].try_into().unwrap()) as usize;
        let kind: [u8; 4] = payload[at + 4..at + 8].try_into().unwrap();
        assert!(size >= 8, "the encoder writes plain 32-bit box sizes");
        out.push((kind, at, size));
        at += size;
    }
    out
}

/// `heic` with one more property (`irot`, `imir`) on its primary item, as a phone
/// writes it: the property appended to `ipco`, associated in `ipma`, and every file
/// offset in `iloc` moved by the bytes the `meta` box grew.
fn with_property(heic: &[u8], property: &[u8]) -> Vec<u8> {
    let meta = Meta::of(heic);
    let pitm = meta.child(b"pitm");
    let primary = if pitm[8] == 0 {
        u32::from(u16::from_be_bytes([pitm[12], pitm[13]]))
    } else {
        u32::from_be_bytes(pitm[12..16].try_into().unwrap())
    };
    let ipco = meta.property_box(b"ipco");
    let index = u8::try_from(walk_boxes(&ipco[8..]).len() + 1).unwrap();
    let ipco = bx(b"ipco", &[&ipco[8..], property].concat());
    // ipma: add the new index to the primary item's entry (8-bit indexes, 16-bit ids).
    let ipma = meta.property_box(b"ipma");
    let (version, flags) = (ipma[8], ipma[11]);
    assert_eq!(
        (version, flags & 1),
        (0, 0),
        "ipma with 16-bit ids and 8-bit indexes"
    );
    let entries = u32::from_be_bytes(ipma[12..16].try_into().unwrap());
    let mut body = ipma[12..16].to_vec();
    let mut at = 16;
    for _ in 0..entries {
        let id = u32::from(u16::from_be_bytes([ipma[at], ipma[at + 1]]));
        let n = ipma[at + 2] as usize;
        let mut indexes = ipma[at + 3..at + 3 + n].to_vec();
        if id == primary {
            indexes.push(index);
        }
        body.extend_from_slice(&ipma[at..at + 2]);
        body.push(u8::try_from(indexes.len()).unwrap());
        body.extend_from_slice(&indexes);
        at += 3 + n;
    }
    let ipma = full(b"ipma", 0, &body);
    let iprp = bx(b"iprp", &[ipco, ipma].concat());
    let grown = iprp.len() - meta.child(b"iprp").len();
    // iloc: every offset into the file moves by `grown`.
    let mut iloc = meta.child(b"iloc").to_vec();
    let version = iloc[8];
    let sizes = u16::from_be_bytes([iloc[12], iloc[13]]);
    let (offset_size, length_size, base_size, index_size) = (
        (sizes >> 12) as usize,
        ((sizes >> 8) & 0xF) as usize,
        ((sizes >> 4) & 0xF) as usize,
        if version >= 1 {
            (sizes & 0xF) as usize
        } else {
            0
        },
    );
    let id_size = if version < 2 { 2 } else { 4 };
    let mut at = 14;
    let count = if version < 2 {
        at += 2;
        u32::from(u16::from_be_bytes([iloc[14], iloc[15]]))
    } else {
        at += 4;
        u32::from_be_bytes(iloc[14..18].try_into().unwrap())
    };
    let shift = |bytes: &mut [u8]| {
        let mut value = 0u64;
        for b in bytes.iter() {
            value = value << 8 | u64::from(*b);
        }
        value += grown as u64;
        for (i, b) in bytes.iter_mut().rev().enumerate() {
            *b = (value >> (8 * i)) as u8;
        }
    };
    for _ in 0..count {
        at += id_size;
        let method = if version >= 1 {
            let m = iloc[at + 1] & 0xF;
            at += 2;
            m
        } else {
            0
        };
        at += 2;
        let base_at = at;
        at += base_size;
        let extents = u16::from_be_bytes([iloc[at], iloc[at + 1]]) as usize;
        at += 2;
        if method == 0 && base_size > 0 {
            shift(&mut iloc[base_at..base_at + base_size]);
        }
        for _ in 0..extents {
            at += index_size;
            if method == 0 && base_size == 0 {
                shift(&mut iloc[at..at + offset_size]);
            }
            at += offset_size + length_size;
        }
    }
    let mut new_meta = heic[meta.at + 8..meta.at + 12].to_vec();
    for &(kind, at, size) in &meta.children {
        match &kind {
            b"iprp" => new_meta.extend_from_slice(&iprp),
            b"iloc" => new_meta.extend_from_slice(&iloc),
            _ => new_meta.extend_from_slice(&meta.payload[at..at + size]),
        }
    }
    [
        &heic[..meta.at],
        &bx(b"meta", &new_meta)[..],
        &heic[meta.at + meta.size..],
    ]
    .concat()
}

/// The `meta` box of a heifer-made HEIC, for the helpers that edit or copy one: where it
/// is in the file, its payload (after its version and flags) and that payload's boxes.
struct Meta<'a> {
    at: usize,
    size: usize,
    payload: &'a [u8],
    children: Vec<([u8; 4], usize, usize)>,
}

impl<'a> Meta<'a> {
    fn of(heic: &'a [u8]) -> Meta<'a> {
        let top = walk_boxes(heic);
        let &(_, at, size) = top.iter().find(|(k, _, _)| k == b"meta").unwrap();
        let payload = &heic[at + 12..at + size];
        Meta {
            at,
            size,
            payload,
            children: walk_boxes(payload),
        }
    }

    /// A box inside `meta`, whole.
    fn child(&self, kind: &[u8; 4]) -> &'a [u8] {
        let &(_, at, size) = self.children.iter().find(|(k, _, _)| k == kind).unwrap();
        &self.payload[at..at + size]
    }

    /// A box inside `meta`'s `iprp` (`ipco`, `ipma`), whole.
    fn property_box(&self, kind: &[u8; 4]) -> &'a [u8] {
        let iprp = &self.child(b"iprp")[8..];
        let &(_, at, size) = walk_boxes(iprp).iter().find(|(k, _, _)| k == kind).unwrap();
        &iprp[at..at + size]
    }
}

#[test]
fn a_heic_turned_or_mirrored_by_its_container_is_stored_the_right_way_up() {
    let world = World::new();
    let db = common::db::TestDb::sqlite(world.dir.path());
    let s = Stack::with_world(&db, world);
    let source = photo_like(600, 400, 13);
    let heic = heic_rgb(&source);
    // irot 1: a quarter turn anticlockwise, as a phone held upright writes it.
    let turned = with_property(&heic, &bx(b"irot", &[1]));
    let picture = stored(&s, "upright.heic", &turned, 600).to_rgb8();
    let expected = image::imageops::rotate270(&source);
    assert_eq!(picture.dimensions(), (400, 600));
    let difference = mean_difference(&picture, &expected);
    assert!(difference < 4.0, "turned: mean difference {difference:.2}");
    // imir 1: left and right swap, as libheif (the reference decoder, whose reading
    // phones' files follow) and heifer read it; imir 0 swaps top and bottom.
    let mirrored = with_property(&heic, &bx(b"imir", &[1]));
    let picture = stored(&s, "mirrored.heic", &mirrored, 600).to_rgb8();
    let expected = image::imageops::flip_horizontal(&source);
    let difference = mean_difference(&picture, &expected);
    assert!(
        difference < 4.0,
        "mirrored: mean difference {difference:.2}"
    );
    // And the patching itself is sound: without a new property, the same picture.
    let same = stored(
        &s,
        "plain.heic",
        &with_property(&heic, &bx(b"free", &[])),
        600,
    )
    .to_rgb8();
    assert!(mean_difference(&same, &source) < 4.0);
}

/// Mean absolute difference per channel, RGBA, colours compared only where the pixel is
/// not fully transparent in the reference (a transparent pixel's colour is arbitrary).
pub(crate) fn mean_difference_rgba(a: &RgbaImage, reference: &RgbaImage) -> f64 {
    assert_eq!(a.dimensions(), reference.dimensions());
    let (mut sum, mut n) = (0u64, 0u64);
    for (p, r) in a.pixels().zip(reference.pixels()) {
        let channels = if r[3] == 0 { 3..4 } else { 0..4 };
        for c in channels {
            sum += u64::from(p[c].abs_diff(r[c]));
            n += 1;
        }
    }
    sum as f64 / n as f64
}

#[test]
fn real_world_heic_samples_match_libheifs_decode() {
    let world = World::new();
    let db = common::db::TestDb::sqlite(world.dir.path());
    let s = Stack::with_world(&db, world);
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heic");
    // scripts/heic-samples: where they come from and how the references were made.
    for sample in [
        "iphone-arrow.heic",
        "rgb8-chroma444.heif",
        "rgba10.heif",
        "rgb12.heif",
        "la8.heif",
    ] {
        let bytes = std::fs::read(fixtures.join(sample)).unwrap();
        let stem = sample.rsplit_once('.').unwrap().0;
        let reference = image::open(fixtures.join(format!("{stem}.ref.png"))).unwrap();
        let picture = stored(&s, sample, &bytes, 256);
        let difference = match &reference {
            DynamicImage::ImageRgba8(r) => {
                let DynamicImage::ImageRgba8(p) = &picture else {
                    panic!("{sample}: stored without its alpha: {:?}", picture.color());
                };
                mean_difference_rgba(p, r)
            }
            r => mean_difference(&picture.to_rgb8(), &r.to_rgb8()),
        };
        eprintln!("{sample}: mean difference {difference:.2} from libheif's decode");
        assert!(
            difference < 3.0,
            "{sample}: mean difference {difference:.2}"
        );
    }
    let out = run(s
        .pfp()
        .args(["validate"])
        .arg(fixtures.join("iphone-arrow.heic")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("HEIC 3024x4032"), "{}", out.stdout);
}

/// Seeds for the HEIF fuzz targets (`fuzz/`): heifer-made files (a grid, alpha, 10 bits),
/// the hostile classes and the real-world samples.
/// `PFP_HEIC_OUT=fuzz/corpus/heif_walk cargo test --test it write_heic_corpus -- --ignored`
#[test]
#[ignore = "writes the fuzz corpus; run by hand"]
fn write_heic_corpus() {
    let out = std::path::PathBuf::from(std::env::var("PFP_HEIC_OUT").expect("PFP_HEIC_OUT"));
    std::fs::create_dir_all(&out).unwrap();
    let photo = photo_like(600, 400, 21);
    let rgba = RgbaImage::from_fn(64, 64, |x, y| {
        image::Rgba([x as u8 * 4, y as u8 * 4, 90, (x * 4) as u8])
    });
    let mut files = vec![
        ("grid-600x400.heic".to_owned(), heic_rgb(&photo)),
        ("alpha-64.heic".to_owned(), heic_rgba(&rgba)),
        (
            "ten-bit-100x80.heic".to_owned(),
            heic_10bit(&photo_like(100, 80, 22)),
        ),
        (
            "turned.heic".to_owned(),
            with_property(&heic_rgb(&photo_like(96, 64, 23)), &bx(b"irot", &[3])),
        ),
    ];
    for (name, bytes, _, _) in hostile_cases() {
        files.push((format!("hostile-{name}"), bytes));
    }
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heic");
    for entry in std::fs::read_dir(&fixtures).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".heic") || name.ends_with(".heif") {
            files.push((name, std::fs::read(entry.path()).unwrap()));
        }
    }
    for (name, bytes) in files {
        std::fs::write(out.join(name), bytes).unwrap();
    }
}

/// The costliest HEIC the limits let through: 40 megapixels (the pixel limit) of fine
/// texture at a high quality, as many bytes as the file-size limit allows, through
/// `validate` in the jail. Its CPU (the children's included) and the peak memory of the
/// whole process tree are held to the same budget as the other formats'
/// (`validate.rs`: a test build gets 5x a release build's 2 s). Release figures are in
/// the README ("The decoder jail's cost").
///
/// The file is a grid of 512x512 HEVC tiles, as heifer and phones write a large picture,
/// but every tile is the same one, encoded once: a decoder decodes each tile of a grid
/// on its own, so 165 copies of a dense tile cost it what 165 different dense tiles do,
/// and a hostile file can be made just so. Encoding the whole 40 MP picture took a
/// minute of both cores in a test build; one tile takes a fraction of a second.
#[test]
fn the_largest_heic_the_limits_let_through_stays_within_the_budget() {
    let (w, h) = (7_300u16, 5_450u16);
    let mut rng = Rng::new(31);
    let tile = RgbImage::from_fn(512, 512, |x, y| {
        let n = rng.below(48) as u8;
        image::Rgb([
            (x / 29) as u8 ^ n,
            (y / 21) as u8 ^ n,
            ((x + y) / 37) as u8 ^ n,
        ])
    });
    // The highest quality whose grid stays within the file-size limit (5 MiB): a
    // binary search over the encoder's quality, a tile's size growing with it.
    let grid_at = |quality: u8| {
        let coded = heifer::encode_rgb8(
            512,
            512,
            tile.as_raw(),
            &heifer::EncodeOptions {
                quality,
                max_threads: 1,
            },
        )
        .unwrap();
        tiled(&coded, h.div_ceil(512), w.div_ceil(512), w, h)
    };
    let (mut fits, mut over) = (1u8, 100u8);
    while over - fits > 1 {
        let mid = fits + (over - fits) / 2;
        if grid_at(mid).len() <= 5 << 20 {
            fits = mid;
        } else {
            over = mid;
        }
    }
    let heic = grid_at(fits);
    eprintln!("quality {fits}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("largest.heic");
    std::fs::write(&path, &heic).unwrap();
    eprintln!("40 MP HEIC: {} bytes", heic.len());
    assert!(
        heic.len() > 4 << 20 && heic.len() <= 5 << 20,
        "near the file-size limit: {} bytes",
        heic.len()
    );
    validated_within_budget(dir.path(), &path, "HEIC 7300x5450");
}

/// A HEIC whose primary item is a `rows` x `columns` grid on a `width` x `height` canvas,
/// every tile a copy of `heic` (heifer's encoding of one picture of a single item): its
/// properties and their associations, and its coded bytes, each tile's own copy.
fn tiled(heic: &[u8], rows: u16, columns: u16, width: u16, height: u16) -> Vec<u8> {
    assert!(
        !heic.windows(4).any(|w| w == b"grid"),
        "the tile is a single item"
    );
    let meta = Meta::of(heic);
    let ipco = meta.property_box(b"ipco");
    let mut properties: Vec<Vec<u8>> = walk_boxes(&ipco[8..])
        .iter()
        .map(|&(_, at, size)| ipco[8 + at..8 + at + size].to_vec())
        .collect();
    // ipma (16-bit ids, 8-bit indexes): the one item's associations.
    let ipma = meta.property_box(b"ipma");
    assert_eq!(
        (ipma[8], ipma[11] & 1),
        (0, 0),
        "ipma version 0, 8-bit indexes"
    );
    assert_eq!(u32::from_be_bytes(ipma[12..16].try_into().unwrap()), 1);
    let count = usize::from(ipma[18]);
    let associated = ipma[19..19 + count].to_vec();
    // iloc: the one item's extents, in the file (construction method 0).
    let iloc = meta.child(b"iloc");
    let version = iloc[8];
    let (offset_size, length_size) = (usize::from(iloc[12] >> 4), usize::from(iloc[12] & 15));
    let base_size = usize::from(iloc[13] >> 4);
    let index_size = if version >= 1 {
        usize::from(iloc[13] & 15)
    } else {
        0
    };
    let mut at = 14;
    let mut read = |n: usize| {
        let value = iloc[at..at + n]
            .iter()
            .fold(0u64, |v, &b| (v << 8) | u64::from(b));
        at += n;
        usize::try_from(value).unwrap()
    };
    let ids = if version < 2 { 2 } else { 4 };
    assert_eq!(read(ids), 1, "one item");
    read(ids);
    if version >= 1 {
        assert_eq!(read(2) & 15, 0, "coded bytes in the file");
    }
    read(2);
    let base = read(base_size);
    let mut coded = Vec::new();
    for _ in 0..read(2) {
        read(index_size);
        let (offset, length) = (read(offset_size), read(length_size));
        coded.extend_from_slice(&heic[base + offset..base + offset + length]);
    }
    properties.push(ispe(u32::from(width), u32::from(height)));
    let canvas = u8::try_from(properties.len()).unwrap();
    let tiles: Vec<u16> = (2..2 + rows * columns).collect();
    let mut file = Heif {
        items: vec![(1, *b"grid")],
        properties,
        associations: vec![(1, vec![canvas])],
        references: vec![(*b"dimg", 1, tiles.clone())],
        primary: 1,
        inline: vec![(1, grid(rows, columns, width, height))],
    };
    for id in tiles {
        file.items.push((id, *b"hvc1"));
        file.associations.push((id, associated.clone()));
        file.inline.push((id, coded.clone()));
    }
    file.bytes()
}

/// `pfp validate FILE` in the jail accepts it as `expected` ("HEIC 7300x5450") within the
/// budget: the CPU of the whole process tree (a test build gets 5x a release build's
/// 2 s) and its peak memory (512 MiB).
pub(crate) fn validated_within_budget(
    home: &std::path::Path,
    path: &std::path::Path,
    expected: &str,
) {
    let m = run_measured(pfp_isolated_std(home).args(["validate"]).arg(path));
    assert_eq!(m.out.code, 0, "{}", m.out.stdout);
    assert!(m.out.stdout.contains(expected), "{}", m.out.stdout);
    let budget = std::time::Duration::from_secs(if cfg!(debug_assertions) { 10 } else { 2 });
    eprintln!(
        "{expected}: {:.2} s CPU, {} MiB peak",
        m.cpu.as_secs_f64(),
        m.peak_rss >> 20
    );
    assert!(m.cpu <= budget, "{:.2} s of CPU", m.cpu.as_secs_f64());
    assert!(
        m.peak_rss <= 512 << 20,
        "peak memory {} MiB",
        m.peak_rss >> 20
    );
}
