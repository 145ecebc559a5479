//! Any bytes through what pfp's own process does with a stranger's file before the
//! decoder jail sees it: the sniff and the container walks of every accepted format
//! (`picture::inspect`, without its panic guard). It must give facts within the limits or
//! a rejection, never panic, loop or allocate without bound: this code runs outside the
//! jail, beside the secrets. Seeds: the hostile corpus and the HEIF one (README).
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run -s none -O inspect corpus/inspect -- -rss_limit_mb=512 -timeout=2 -max_len=2200000`
#![no_main]

use libfuzzer_sys::fuzz_target;
use pfp::picture::{self, Options};

fuzz_target!(|data: &[u8]| {
    let options = Options::default();
    let limits = &options.limits;
    if let Ok(input) = picture::inspect_unguarded(data, "fuzz", &options) {
        assert!(input.width <= limits.max_width && input.height <= limits.max_height);
        assert!(u64::from(input.width) * u64::from(input.height) <= limits.max_pixels);
        assert!(input.frames >= 1 && input.frames <= limits.max_frames);
        assert!((1..=8).contains(&input.orientation));
        assert_eq!(input.bytes, data.len() as u64);
    }
});
