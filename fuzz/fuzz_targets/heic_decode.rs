//! Any bytes that sniff as HEIF through the whole pipeline (walk, heifer's HEVC decode,
//! normalise, encode): what runs inside the decoder jail. Coverage-guided over heifer's
//! code, which is instrumented here (unlike libjpeg-turbo's C). It must give a picture or
//! a rejection within the budget, never panic.
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run -s none -O heic_decode corpus/heic_decode -- -rss_limit_mb=512 -timeout=6`
#![no_main]

use libfuzzer_sys::fuzz_target;
use pfp::picture::{self, Detected, Options};

fuzz_target!(|data: &[u8]| {
    if picture::sniff::sniff(data) != Detected::Heic {
        return;
    }
    let options = Options {
        size: 64,
        ..Options::default()
    };
    if let Ok(p) = picture::process_unguarded(data, "fuzz", &options) {
        assert!(p.picture.main().width <= 64 && p.picture.main().height <= 64);
    }
});
