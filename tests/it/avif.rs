//! AVIF through the binary: files written by libavif's encoder in the ways AVIF pictures
//! come (bit depths, chroma layouts, monochrome, alpha, a grid, odd sizes, `irot`/`imir`,
//! an ICC profile), decoded by rav1d in the jail and compared with libavif's decode by
//! the C dav1d (`scripts/avif-samples` made both); and AV1 streams that disagree with
//! their container, refused.

use crate::common;
use crate::heic::{mean_difference, mean_difference_rgba, stored};

use common::*;
use image::DynamicImage;

fn fixtures() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/avif")
}

const SAMPLES: [&str; 9] = [
    "rgb8-420.avif",
    "rgb10-444.avif",
    "rgb12-422.avif",
    "mono8.avif",
    "rgba8.avif",
    "grid2x2.avif",
    "odd-301x199.avif",
    "turned-mirrored.avif",
    "p3-icc.avif",
];

#[test]
fn avif_pictures_are_accepted_and_match_libavifs_decode() {
    let world = World::new();
    let db = common::db::TestDb::sqlite(world.dir.path());
    let s = Stack::with_world(&db, world);
    for sample in SAMPLES {
        let bytes = std::fs::read(fixtures().join(sample)).unwrap();
        let stem = sample.rsplit_once('.').unwrap().0;
        let reference = image::open(fixtures().join(format!("{stem}.ref.png"))).unwrap();
        let picture = stored(&s, sample, &bytes, 256);
        assert_eq!(
            (picture.width(), picture.height()),
            (reference.width(), reference.height()),
            "{sample}: stored the wrong way round or at the wrong size"
        );
        let difference = match &reference {
            DynamicImage::ImageRgba8(r) => {
                let DynamicImage::ImageRgba8(p) = &picture else {
                    panic!("{sample}: stored without its alpha: {:?}", picture.color());
                };
                mean_difference_rgba(p, r)
            }
            r => mean_difference(&picture.to_rgb8(), &r.to_rgb8()),
        };
        eprintln!("{sample}: mean difference {difference:.2} from libavif's decode");
        // AV1 decoding is exact by specification: what differs is the chroma upsampling
        // and rounding of the conversion to RGB (0.07-0.45 measured). Left in Display P3,
        // the saturated p3-icc sample would differ by 1.5.
        assert!(
            difference < 1.0,
            "{sample}: mean difference {difference:.2}"
        );
    }
    let out = run(s
        .pfp()
        .args(["validate"])
        .arg(fixtures().join("turned-mirrored.avif")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("AVIF 640x480"),
        "turned by its irot: {}",
        out.stdout
    );
}

/// Replaces the first `ispe` of an AVIF (the primary picture's) with `width` x `height`.
fn with_ispe(avif: &[u8], width: u32, height: u32) -> Vec<u8> {
    let at = avif
        .windows(4)
        .position(|w| w == b"ispe")
        .expect("an ispe box");
    let mut out = avif.to_vec();
    out[at + 8..at + 12].copy_from_slice(&width.to_be_bytes());
    out[at + 12..at + 16].copy_from_slice(&height.to_be_bytes());
    out
}

#[test]
fn an_av1_stream_that_codes_another_size_than_its_container_says_is_refused() {
    let world = World::new();
    let db = common::db::TestDb::sqlite(world.dir.path());
    let s = Stack::with_world(&db, world);
    let bytes = std::fs::read(fixtures().join("rgb8-420.avif")).unwrap();
    // Smaller than coded: the walk passes it, and the decoder's frame-size limit (the
    // container's size) stops the stream before it allocates the larger picture.
    // Larger than coded: the decoded picture is refused for not matching.
    for (w, h) in [(240, 320), (480, 641)] {
        let path = s.dir().join(format!("lying-{w}x{h}.avif"));
        std::fs::write(&path, with_ispe(&bytes, w, h)).unwrap();
        let out = run(s.pfp().args(["upload", "--user", "1"]).arg(&path));
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(
            out.stderr.contains(&format!("lying-{w}x{h}.avif"))
                && out.stderr.contains("the AVIF data is corrupt"),
            "{}",
            out.stderr
        );
        assert!(s.objects().is_empty(), "nothing stored");
        assert_eq!(s.picture_url(1), None);
    }
}
