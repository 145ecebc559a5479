//! Property: no input makes the pipeline panic; every input gives a picture or a rejection.

use crate::common::fixtures;

use std::sync::OnceLock;

use image::DynamicImage;
use pfp::picture::{self, Options};
use proptest::prelude::*;

/// One small valid file of each decodable format, to mutate.
fn seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let photo = fixtures::photo_like(48, 32, 1);
        vec![
            fixtures::jpeg(&photo, 80),
            fixtures::progressive_jpeg(&photo),
            fixtures::png(&DynamicImage::ImageRgb8(photo.clone())),
            fixtures::animated_gif(16, 16, 3, 20),
            fixtures::webp(&DynamicImage::ImageRgb8(photo)),
        ]
    })
}

fn small_options() -> Options {
    Options {
        size: 32,
        sizes: vec![16],
        ..Options::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let result = picture::process_unguarded(&bytes, "fuzz.bin", &small_options());
        if let Err(r) = result {
            prop_assert!(!r.message.is_empty());
        }
    }

    #[test]
    fn mutated_images_never_panic(
        seed in 0usize..5,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = seeds()[seed].clone();
        for (at, value) in edits {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if truncate {
            let len = cut.index(bytes.len());
            bytes.truncate(len);
        }
        match picture::process_unguarded(&bytes, "mutant", &small_options()) {
            Ok(p) => {
                prop_assert!(!p.picture.main().bytes.is_empty());
                prop_assert!(p.picture.main().width <= 32 && p.picture.main().height <= 32);
            }
            Err(r) => prop_assert!(!r.message.is_empty()),
        }
    }
}
