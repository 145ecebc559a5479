//! Names this build of pfp for its jailed decoder: `pfp` hands each zygote the name, and
//! a `pfp-decoder` from another build (an upgrade while pfp runs, two builds' files mixed
//! in one folder) turns itself into pfp's own program instead of answering it
//! (`jail::run_child_if_asked`). The name is a hash of everything that decides what the
//! program does: the sources and assets, the manifest and lock file, the features and the
//! profile.

use std::hash::{Hash as _, Hasher as _};
use std::path::Path;

fn main() {
    for path in ["src", "assets", "Cargo.toml", "Cargo.lock", "build.rs"] {
        println!("cargo:rerun-if-changed={path}");
    }
    // SipHash with fixed keys: the same inputs name the same build on every machine.
    #[allow(deprecated)]
    let mut hash = std::hash::SipHasher::new();
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    collect(Path::new("assets"), &mut files);
    files.extend(["Cargo.toml", "Cargo.lock"].map(Into::into));
    files.sort();
    for file in &files {
        file.hash(&mut hash);
        std::fs::read(file).unwrap_or_default().hash(&mut hash);
    }
    let mut settings: Vec<(String, String)> = std::env::vars()
        .filter(|(k, _)| {
            k.starts_with("CARGO_FEATURE_")
                || ["PROFILE", "TARGET", "OPT_LEVEL", "DEBUG"].contains(&k.as_str())
        })
        .collect();
    settings.sort();
    settings.hash(&mut hash);
    println!("cargo:rustc-env=PFP_BUILD_ID={:016x}", hash.finish());
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
