//! Any bytes through the whole picture pipeline: it must return a picture or a rejection,
//! never panic, hang or allocate without bound.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pfp::picture::{self, Options};

fuzz_target!(|data: &[u8]| {
    let options = Options {
        size: 64,
        sizes: vec![32],
        ..Options::default()
    };
    if let Ok(p) = picture::process_unguarded(data, "fuzz", &options) {
        assert!(p.picture.main().width <= 64 && p.picture.main().height <= 64);
    }
});
