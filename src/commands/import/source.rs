//! What an import reads, streamed: the rows of a manifest or the files of a directory,
//! read by a thread of their own a bounded number of rows ahead of the work. A million
//! rows never sit in memory, the first files are imported while the rest of the manifest
//! is still being read, and a slow producer (`generate | pfp import --manifest -`) never
//! stalls the uploads in flight.
//!
//! Two rows for one user would race if both were imported: which picture won would be
//! chance. The reader remembers a 64-bit fingerprint of each selector it passed on (8
//! bytes a row, not the row) and refuses a second row for the same selector: the first
//! row is the one imported, whatever the timing.

use std::collections::HashSet;
use std::hash::BuildHasher as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Kind};
use crate::settings::ImportSource;
use crate::values::{Shard, in_shard, printable};

/// One file to import and the user it is for.
#[derive(Clone, Debug)]
pub(super) struct Item {
    pub selector: String,
    pub path: PathBuf,
}

/// What the reader passes on.
pub(super) enum Row {
    Import(Item),
    /// Refused before anything is read: a malformed manifest row, or a second row for a
    /// user. Reported as rejected; the rest of the import goes on.
    Refused {
        file: String,
        user: String,
        message: String,
    },
}

/// How many rows the reader may be ahead of the work: enough to keep `--jobs` files busy,
/// few enough that their memory does not matter.
const READ_AHEAD: usize = 256;

/// The rows of an import, arriving from the reader thread.
pub(super) struct Rows {
    rx: tokio::sync::mpsc::Receiver<Result<Row, Error>>,
    read: Arc<AtomicU64>,
}

impl Rows {
    /// Opens `source` (failing now if it cannot be opened: exit 3 when it is not there)
    /// and starts reading it, passing on the rows of `shard` only.
    pub fn open(source: &ImportSource, shard: Option<Shard>) -> Result<Rows, Error> {
        let rows: Box<dyn Iterator<Item = Result<Row, Error>> + Send> = match source {
            ImportSource::Manifest(path) => Box::new(Manifest::open(path)?),
            ImportSource::Dir(dir) => Box::new(dir_rows(dir)?),
            ImportSource::Nothing => Box::new(std::iter::empty()),
        };
        let (tx, rx) = tokio::sync::mpsc::channel(READ_AHEAD);
        let read = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&read);
        std::thread::Builder::new()
            .name("pfp-import-reader".into())
            .spawn(move || {
                let mut seen = Seen::default();
                for row in rows {
                    let row = match row {
                        Ok(Row::Import(item)) if !in_shard(shard.as_ref(), &item.selector) => {
                            continue;
                        }
                        Ok(Row::Import(item)) => seen.check(item),
                        other => other,
                    };
                    let fatal = row.is_err();
                    counter.fetch_add(1, Ordering::Relaxed);
                    // The receiver is gone when the import stopped (Ctrl-C): so does the reader.
                    if tx.blocking_send(row).is_err() || fatal {
                        return;
                    }
                }
            })
            .map_err(|e| Error::new(Kind::Internal, format!("starting the reader: {e}")))?;
        Ok(Rows { rx, read })
    }

    /// The next row; `None` once the source is read to its end.
    pub async fn next(&mut self) -> Option<Result<Row, Error>> {
        self.rx.recv().await
    }

    /// How many rows (of this shard) have been read so far.
    pub fn read_so_far(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }
}

/// The selectors passed on so far, as 64-bit fingerprints (SipHash) under a key chosen
/// afresh by each process. Two different selectors sharing one is a chance of about
/// n²/2⁶⁵ (3 in 10¹⁰ for 100,000 rows, 3 in 10⁸ for a million); it would reject a row
/// as a duplicate, which the next run (new key) imports. The set costs about 9 bytes a
/// row, where 16-byte fingerprints measured 20% more peak memory at 100,000 rows.
#[derive(Default)]
struct Seen {
    key: std::hash::RandomState,
    fingerprints: HashSet<u64, BuildIdentity>,
}

/// The fingerprints are hashes already: the set uses them as they are.
#[derive(Default, Clone, Copy)]
struct BuildIdentity;

impl std::hash::BuildHasher for BuildIdentity {
    type Hasher = Identity;
    fn build_hasher(&self) -> Identity {
        Identity(0)
    }
}

struct Identity(u64);

impl std::hash::Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl Seen {
    fn check(&mut self, item: Item) -> Result<Row, Error> {
        let selector = item.selector.as_str();
        if self.fingerprints.insert(self.key.hash_one(selector)) {
            return Ok(Row::Import(item));
        }
        let file = crate::input::display_name(&item.path);
        Ok(Row::Refused {
            message: format!(
                "{file}: user '{}' is named by an earlier row or file too; that one is imported, \
                 this one refused (which picture wins would otherwise be chance): keep one",
                printable(selector)
            ),
            file,
            user: item.selector,
        })
    }
}

/// A source that cannot be read: "not found" (exit 3) if it is not there, else invalid.
fn unreadable(e: &std::io::Error, what: &str, path: &Path) -> Error {
    let kind = if e.kind() == std::io::ErrorKind::NotFound {
        Kind::NotFound
    } else {
        Kind::Invalid
    };
    Error::new(
        kind,
        format!("cannot read {what} '{}': {e}", path.display()),
    )
}

/// A directory's regular files, named for their users: `42.jpg`, `alice@example.com.png`.
/// Hidden files and subdirectories are skipped. Walked lazily, in the order the file
/// system lists them (sorting would mean holding every name).
fn dir_rows(dir: &Path) -> Result<impl Iterator<Item = Result<Row, Error>> + Send + use<>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| unreadable(&e, "directory", dir))?;
    let dir = dir.to_owned();
    Ok(entries.filter_map(move |entry| {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => return Some(Err(unreadable(&e, "directory", &dir))),
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || entry.file_type().is_ok_and(|t| t.is_dir()) {
            return None;
        }
        let selector = match name.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem.to_owned(),
            _ => name.clone(),
        };
        Some(Ok(Row::Import(Item {
            selector,
            path: entry.path(),
        })))
    }))
}

/// `user,path` rows (header optional, `-` for stdin). Relative paths are relative to the
/// manifest's folder (the current one for stdin). A row without exactly two fields is
/// refused on its own; a manifest that cannot be read on (an I/O error, a line longer
/// than [`crate::input::MAX_LINE_BYTES`]) ends the reading with an error.
struct Manifest {
    records: csv::StringRecordsIntoIter<crate::input::LineLimit<Box<dyn Read + Send>>>,
    name: String,
    base: PathBuf,
    line: usize,
    failed: bool,
}

impl Manifest {
    fn open(manifest: &Path) -> Result<Manifest, Error> {
        let (reader, base): (Box<dyn Read + Send>, PathBuf) = if manifest == Path::new("-") {
            (Box::new(std::io::stdin()), PathBuf::from("."))
        } else {
            let file =
                std::fs::File::open(manifest).map_err(|e| unreadable(&e, "manifest", manifest))?;
            let base = manifest
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            (Box::new(file), base)
        };
        let name = crate::input::display_name(manifest);
        let records = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(crate::input::LineLimit::new(reader, &name))
            .into_records();
        Ok(Manifest {
            records,
            name,
            base,
            line: 0,
            failed: false,
        })
    }
}

impl Iterator for Manifest {
    type Item = Result<Row, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.failed {
                return None;
            }
            let record = self.records.next()?;
            self.line += 1;
            // The line the record starts on (a quoted field may span lines).
            let position = match &record {
                Ok(record) => record.position(),
                Err(e) => e.position(),
            };
            let line = position.map_or(self.line, |p| p.line() as usize);
            let record = match record {
                Ok(record) => record,
                Err(e) if e.is_io_error() => {
                    self.failed = true;
                    return Some(Err(Error::invalid(format!(
                        "manifest '{}' line {line}: {e}",
                        self.name
                    ))));
                }
                Err(e) => {
                    return Some(Ok(self.refused(line, String::new(), e.to_string())));
                }
            };
            if record.iter().all(str::is_empty) {
                continue;
            }
            let (Some(user), Some(path), None) = (record.get(0), record.get(1), record.get(2))
            else {
                let user = record.get(0).unwrap_or_default().to_owned();
                return Some(Ok(self.refused(
                    line,
                    user,
                    "expected two fields, user,path".to_owned(),
                )));
            };
            if self.line == 1
                && user.eq_ignore_ascii_case("user")
                && path.eq_ignore_ascii_case("path")
            {
                continue;
            }
            return Some(Ok(Row::Import(Item {
                selector: user.to_owned(),
                path: self.base.join(path),
            })));
        }
    }
}

impl Manifest {
    fn refused(&self, line: usize, user: String, rule: String) -> Row {
        Row::Refused {
            file: format!("{}:{line}", self.name),
            message: format!("manifest '{}' line {line}: {rule}", self.name),
            user,
        }
    }
}
