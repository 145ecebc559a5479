//! Any bytes through the whole pipeline with the default limits and options, seeded with
//! the hostile classes of tests/it/validate.rs (metadata bombs, endless image data, scan
//! floods, frames outside the canvas). Run it under the budget the README states, so
//! that libFuzzer itself reports any input that costs more:
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run -s none -O hostile corpus/hostile -- -rss_limit_mb=512 -timeout=6 -max_len=2200000`
//! (6 s: the instrumented build with debug assertions is about 3x slower than release).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pfp::picture::{self, Options};

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = picture::process_unguarded(data, "fuzz", &Options::default()) {
        assert!(p.picture.main().width <= 512 && p.picture.main().height <= 512);
    }
});
