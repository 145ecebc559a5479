//! What an import reads, streamed: the rows of a manifest or the files of a directory,
//! read by a thread of their own a bounded number of rows ahead of the work. A million
//! rows never sit in memory, the first files are imported while the rest of the manifest
//! is still being read, and a slow producer (`generate | pfp import --manifest -`) never
//! stalls the uploads in flight.
//!
//! Two rows for one user would race if both were imported: which picture won would be
//! chance. The import resolves each row to its user in row order and remembers, per
//! user, a 64-bit fingerprint of the id and where its row was ([`Seen`]): a second row
//! for the same user, however it was spelled (`bob@example.com` and `3`), is refused
//! naming both rows, and the first one is imported, whatever the timing.

use std::collections::HashMap;
use std::hash::BuildHasher as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Kind};
use crate::settings::ImportSource;
use crate::values::{FileName, printable};

/// One file to import and the user it is for.
#[derive(Clone, Debug)]
pub(super) struct Item {
    pub selector: String,
    pub path: PathBuf,
    /// Where the row is: `MANIFEST:LINE`, or the file's name in a directory.
    pub row: String,
    /// Whether `row` is a manifest line (messages then start with it).
    pub from_manifest: bool,
    /// A manifest row's path as written and the folder it is read from, for
    /// [`Item::misread`] if its file turns out to be missing.
    pub written: Option<(Arc<Path>, String)>,
}

impl Item {
    /// How a manifest's relative path whose file is missing was likely meant: relative
    /// to the current folder (where the command that wrote the list ran), or with
    /// Windows' separators (a list made on Windows). Asked only once the file was found
    /// missing, so the rows that are there cost nothing.
    pub fn misread(&self) -> Option<String> {
        let (base, path) = self.written.as_ref()?;
        let written = Path::new(path);
        if written.is_absolute() {
            return None;
        }
        if path.contains('\\') {
            let slashed = path.replace('\\', "/");
            return Some(if path.as_bytes().get(1) == Some(&b':') {
                "a Windows path: list the files' paths on this machine".to_owned()
            } else if base.join(&slashed).exists() {
                format!(
                    "Windows separates folders with '\\': write '{}'",
                    printable(&slashed)
                )
            } else {
                "Windows separates folders with '\\', this system with '/'".to_owned()
            });
        }
        let folder = if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        };
        (folder != Path::new(".") && written.exists()).then(|| {
            format!(
                "a manifest's relative paths are read from its folder ('{}'), and the current folder has '{}': write them relative to the manifest's folder, or in full",
                folder.display(),
                printable(path)
            )
        })
    }
}

/// What the reader passes on.
pub(super) enum Row {
    Import(Item),
    /// Refused before anything is read: a malformed manifest row, or a second row for a
    /// user. Reported as rejected; the rest of the import goes on.
    Refused {
        /// `MANIFEST:LINE`.
        file: FileName,
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
    folders: Arc<AtomicU64>,
}

impl Rows {
    /// Opens `source` (failing now if it cannot be opened: exit 3 when it is not there)
    /// and starts reading it. Sharding is by user, so it is decided once a row's user is
    /// known (see [`Seen`]).
    pub fn open(source: &ImportSource) -> Result<Rows, Error> {
        let folders = Arc::new(AtomicU64::new(0));
        let rows: Box<dyn Iterator<Item = Result<Row, Error>> + Send> = match source {
            ImportSource::Manifest(path) => Box::new(Manifest::open(path)?),
            ImportSource::Dir(dir) => Box::new(dir_rows(dir, Arc::clone(&folders))?),
            ImportSource::Nothing => Box::new(std::iter::empty()),
        };
        let (tx, rx) = tokio::sync::mpsc::channel(READ_AHEAD);
        let read = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&read);
        std::thread::Builder::new()
            .name("pfp-import-reader".into())
            .spawn(move || {
                for row in rows {
                    let fatal = row.is_err();
                    counter.fetch_add(1, Ordering::Relaxed);
                    // The receiver is gone when the import stopped (Ctrl-C): so does the reader.
                    if tx.blocking_send(row).is_err() || fatal {
                        return;
                    }
                }
            })
            .map_err(|e| Error::new(Kind::Internal, format!("starting the reader: {e}")))?;
        Ok(Rows { rx, read, folders })
    }

    /// The subfolders a directory's walk skipped, counted as it goes (the count is
    /// whole once the rows have all been read).
    pub fn folders_skipped(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.folders)
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

/// The users imported so far by this run (of its shard), as 64-bit fingerprints
/// (SipHash of the user id under a key chosen afresh by each process) with where their
/// row was. Two users sharing one is a chance of about n²/2⁶⁵ (3 in 10¹⁰ for 100,000
/// rows); it would refuse a row as a duplicate, which the next run (new key) imports.
/// A manifest row costs 12 bytes in the table (fingerprint and line number, with no
/// padding: the table is the import's only memory that grows with the manifest, and
/// doubles as it grows); a directory's file costs its name besides.
#[derive(Default)]
pub(super) struct Seen {
    key: std::hash::RandomState,
    first: HashMap<Fingerprint, Origin, BuildIdentity>,
    /// The names of directory files, for [`Origin`]s that point here.
    names: Vec<Box<str>>,
}

/// A 64-bit fingerprint as two halves, so that a table entry (with its [`Origin`]) is
/// 12 bytes, not 16.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Fingerprint([u32; 2]);

impl std::hash::Hash for Fingerprint {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(u64::from(self.0[0]) << 32 | u64::from(self.0[1]));
    }
}

/// Where a user's first row was: a manifest line, or (top bit set) the index of a
/// directory file's name in [`Seen::names`]. Lines past 2³¹ are named as that line.
#[derive(Clone, Copy)]
struct Origin(u32);

const NAMED: u32 = 1 << 31;

impl Seen {
    /// Records `item` as the row of user `id`, or refuses it naming the earlier row.
    pub fn check(&mut self, id: &str, item: &Item, manifest: &str) -> Result<(), String> {
        let hash = self.key.hash_one(id);
        let fingerprint = Fingerprint([(hash >> 32) as u32, hash as u32]);
        match self.first.entry(fingerprint) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                let origin = match item.row.rsplit_once(':') {
                    Some((_, line)) if item.from_manifest => {
                        Origin(line.parse::<u32>().unwrap_or(NAMED - 1).min(NAMED - 1))
                    }
                    _ => {
                        self.names.push(item.row.as_str().into());
                        Origin(NAMED | u32::try_from(self.names.len() - 1).unwrap_or(0))
                    }
                };
                slot.insert(origin);
                Ok(())
            }
            std::collections::hash_map::Entry::Occupied(first) => {
                let Origin(origin) = *first.get();
                let earlier = if origin & NAMED == 0 {
                    format!("{manifest}:{origin}")
                } else {
                    self.names
                        .get((origin & !NAMED) as usize)
                        .map_or_else(String::new, ToString::to_string)
                };
                Err(format!(
                    "user {id} ('{}') has a picture in {earlier} already; that one is imported, \
                     this one refused (which picture wins would otherwise be chance): keep one",
                    printable(&item.selector)
                ))
            }
        }
    }
}

/// The fingerprints are hashes already: the map uses them as they are.
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

/// What an operating system writes into a folder of its own accord, hidden there as a
/// dotfile is here: Windows' thumbnail caches and folder settings, the custom icon of a
/// macOS folder. Never a user's picture (`Thumbs.db` was rejected as user 'Thumbs').
fn os_litter(name: &std::ffi::OsStr) -> bool {
    let name = name.as_encoded_bytes();
    [
        "thumbs.db",
        "ehthumbs.db",
        "ehthumbs_vista.db",
        "desktop.ini",
    ]
    .iter()
    .any(|litter| name.eq_ignore_ascii_case(litter.as_bytes()))
        || name == b"Icon\r"
}

/// A directory's regular files, named for their users: `42.jpg`, `alice@example.com.png`.
/// Hidden files, what an operating system leaves in a folder ([`os_litter`]) and
/// subdirectories are skipped. Walked lazily, in the order the file
/// system lists them (sorting would mean holding every name).
fn dir_rows(
    dir: &Path,
    folders: Arc<AtomicU64>,
) -> Result<impl Iterator<Item = Result<Row, Error>> + Send + use<>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        let error = unreadable(&e, "directory", dir);
        // `pfp import users.csv`, the `--manifest` forgotten.
        if dir.is_file() {
            error.hint(format!(
                "a file of user,path rows is read with --manifest '{}'",
                dir.display()
            ))
        } else {
            error
        }
    })?;
    let dir = dir.to_owned();
    Ok(entries.filter_map(move |entry| {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => return Some(Err(unreadable(&e, "directory", &dir))),
        };
        let raw = entry.file_name();
        if raw.as_encoded_bytes().starts_with(b".") || os_litter(&raw) {
            return None;
        }
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            folders.fetch_add(1, Ordering::Relaxed);
            return None;
        }
        // A name with bytes that are not UTF-8 names no user: its lossy spelling (each
        // stray byte U+FFFD) would match a user whose nickname is spelled so, and two such
        // files would name the same user.
        let Some(name) = raw.to_str().map(str::to_owned) else {
            let file = FileName::of_path(&entry.path());
            return Some(Ok(Row::Refused {
                message: format!(
                    "{file}: the file name is not UTF-8, so it names no user; rename the file"
                ),
                user: raw.to_string_lossy().into_owned(),
                file,
            }));
        };
        let selector = match name.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem.to_owned(),
            _ => name.clone(),
        };
        Some(Ok(Row::Import(Item {
            selector,
            path: entry.path(),
            row: name,
            from_manifest: false,
            written: None,
        })))
    }))
}

/// `user,path` rows (header optional, `-` for stdin). Relative paths are relative to the
/// manifest's folder (the current one for stdin). A row without exactly two fields is
/// refused on its own; a manifest that cannot be read on (an I/O error, a line longer
/// than [`crate::input::MAX_LINE_BYTES`]) ends the reading with an error.
struct Manifest {
    records: crate::input::CsvRows<Box<dyn Read + Send>>,
    name: FileName,
    base: Arc<Path>,
    /// Whether the first row (a header or not) has been read.
    past_header: bool,
    failed: bool,
}

/// Header names of a manifest's first column (any of them: the selector's kind is still
/// read from each value, or from `--user-by`).
const USER_COLUMNS: &[&str] = &[
    "user", "user_id", "userid", "id", "uuid", "email", "mail", "nickname", "username", "login",
    "selector",
];
/// Header names of its second column.
const PATH_COLUMNS: &[&str] = &[
    "path",
    "file",
    "filename",
    "file_name",
    "photo",
    "picture",
    "image",
    "avatar",
    "pfp",
];

enum Header {
    /// `user,path` or synonyms: skipped.
    Known,
    /// Two words that name no file: a header pfp does not know, refused.
    Unknown,
    /// A data row.
    None,
}

/// Whether a manifest's first row is a header. A path with no dot and no slash names no
/// picture file (`who,where`), so such a row is taken for a header, and refused unless
/// pfp knows its names.
fn header(user: &str, path: &str) -> Header {
    let known = |names: &[&str], value: &str| {
        let value = value.to_ascii_lowercase().replace([' ', '-'], "_");
        names.contains(&value.as_str())
    };
    if known(USER_COLUMNS, user) && known(PATH_COLUMNS, path) {
        Header::Known
    } else if !path.contains(['.', '/', '\\']) && !user.contains('@') {
        Header::Unknown
    } else {
        Header::None
    }
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
        let name = FileName::of_path(manifest);
        let records = crate::input::CsvRows::new(reader, name.shown());
        Ok(Manifest {
            records,
            name,
            base: base.into(),
            past_header: false,
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
            let (line, record) = self.records.next()?;
            let line = line as usize;
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
                    return Some(Ok(self.refused(
                        line,
                        String::new(),
                        crate::input::csv_problem(&e),
                    )));
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
            if !self.past_header {
                self.past_header = true;
                match header(user, path) {
                    Header::Known => continue,
                    Header::Unknown => {
                        return Some(Ok(self.refused(
                            line,
                            user.to_owned(),
                            format!(
                                "'{},{}' looks like a header but is not one pfp knows: expected \
                                 user,path (or a synonym: {} for the first column, {} for the second)",
                                printable(user),
                                printable(path),
                                USER_COLUMNS.join("|"),
                                PATH_COLUMNS.join("|")
                            ),
                        )));
                    }
                    Header::None => {}
                }
            }
            if path.starts_with("~/") && !self.base.join(path).exists() {
                return Some(Ok(self.refused(
                    line,
                    user.to_owned(),
                    format!(
                        "'{}': no such file; a manifest's paths are read as written, and '~' is the shell's: write the full path, or one relative to the manifest's folder",
                        printable(path)
                    ),
                )));
            }
            if crate::input::is_url(path) && !self.base.join(path).exists() {
                return Some(Ok(self.refused(
                    line,
                    user.to_owned(),
                    format!(
                        "'{}' is a URL, and pfp imports files: download the pictures first and list their paths; if they are the app's pictures in this bucket, 'pfp adopt' takes them as they are",
                        printable(path)
                    ),
                )));
            }
            return Some(Ok(Row::Import(Item {
                selector: user.to_owned(),
                path: self.base.join(path),
                row: format!("{}:{line}", self.name),
                from_manifest: true,
                written: Some((Arc::clone(&self.base), path.to_owned())),
            })));
        }
    }
}

impl Manifest {
    fn refused(&self, line: usize, user: String, rule: String) -> Row {
        Row::Refused {
            file: FileName::new(format!("{}:{line}", self.name.exact())),
            message: format!("manifest '{}' line {line}: {rule}", self.name),
            user,
        }
    }
}
