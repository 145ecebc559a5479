//! Any bytes through the HEIF container walk (`picture::heif::walk`), the code that stands
//! between a stranger's HEIC file and the HEVC decoder: it must give facts within the
//! limits or a rejection, never panic, loop or allocate without bound. Seeds: the
//! real-world samples and heifer-made files (`fuzz/seed-heic`).
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run -s none -O heif_walk corpus/heif_walk -- -rss_limit_mb=512 -timeout=2`
#![no_main]

use libfuzzer_sys::fuzz_target;
use pfp::picture::{Limits, heif};

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    if let Ok(facts) = heif::walk(data, "fuzz", &limits) {
        assert!(facts.width <= limits.max_width && facts.height <= limits.max_height);
        assert!(u64::from(facts.width) * u64::from(facts.height) <= limits.max_pixels);
        assert!(facts.tiles as usize <= heif::MAX_TILES);
    }
});
