//! Writes reproducible photo-like JPEGs (4032x3024, 2-5 MB each) for benchmarks:
//!
//!     cargo run --release --example gen-photos -- DIR COUNT [WIDTH HEIGHT]
//!
//! The same seed gives the same bytes on every machine.

#[path = "../tests/it/common/fixtures.rs"]
mod fixtures;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "bench-data".into()));
    let count: u64 = args.next().and_then(|c| c.parse().ok()).unwrap_or(1);
    let width: u32 = args.next().and_then(|c| c.parse().ok()).unwrap_or(4032);
    let height: u32 = args.next().and_then(|c| c.parse().ok()).unwrap_or(3024);
    std::fs::create_dir_all(&dir)?;
    let threads = std::thread::available_parallelism().map_or(1, usize::from) as u64;
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let dir = &dir;
                scope.spawn(move || -> std::io::Result<()> {
                    for i in (t..count).step_by(threads as usize) {
                        let path = dir.join(format!("{}.jpg", i + 1));
                        if path.exists() {
                            continue;
                        }
                        let bytes =
                            fixtures::jpeg(&fixtures::photo_like(width, height, 1000 + i), 92);
                        // Write under a temporary name first, so an interrupted run leaves no half file.
                        let partial = path.with_extension("partial");
                        std::fs::write(&partial, &bytes)?;
                        std::fs::rename(&partial, &path)?;
                        eprintln!("{} ({} bytes)", path.display(), bytes.len());
                    }
                    Ok(())
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| {
            w.join()
                .unwrap_or_else(|_| Err(std::io::Error::other("a worker panicked")))
        })
    })
}
