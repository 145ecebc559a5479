//! Reading the images a command is given: files or standard input. Only regular files are
//! read (no devices, pipes or FIFOs), and never more than the size limit plus one byte, so an
//! oversized or endless input costs nothing.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Kind};
use crate::picture::{Limits, Rejection};
pub use crate::values::Image;

/// An input that could not be read, or was refused before decoding.
#[derive(Debug)]
pub enum InputError {
    /// Not there (exit 3).
    Missing(Error),
    /// Not something pfp reads (a directory, device, FIFO), or unreadable (exit 4).
    Unreadable(Error),
    /// Larger than the limit, or nothing piped in: a rejection like any other.
    Rejected(Rejection),
}

impl InputError {
    /// The rule the input broke, as `validate` names it: `missing`, `unreadable`, or the
    /// size limit's.
    pub fn rule(&self) -> &'static str {
        match self {
            InputError::Missing(_) => "missing",
            InputError::Unreadable(_) => "unreadable",
            InputError::Rejected(r) => r.rule.key(),
        }
    }

    /// The error alone, for a person.
    pub fn message(&self) -> String {
        match self {
            InputError::Missing(e) | InputError::Unreadable(e) => e.to_string(),
            InputError::Rejected(r) => r.message.clone(),
        }
    }

    /// The error, about `file` (the name as given) and the rule it broke.
    pub fn into_error(self, file: &str) -> Error {
        let rule = self.rule();
        match self {
            InputError::Missing(e) | InputError::Unreadable(e) => e,
            InputError::Rejected(r) => Error::invalid(r.message),
        }
        .about_file(file, rule)
    }
}

/// A file that could not be opened or read: its fault (exit 4), or the machine's when
/// pfp ran out of descriptors or memory (`ulimit -n`; exit 5, and not counted as a
/// rejected picture).
fn unreadable(name: &str, e: &std::io::Error) -> InputError {
    InputError::Unreadable(if crate::error::out_of_resources(e) {
        Error::new(Kind::Unavailable, format!("{name}: {e}")).hint(crate::error::STARVED_HINT)
    } else {
        Error::invalid(format!("{name}: {e}"))
    })
}

/// The refusal of a path that is not a regular file, saying what it is and how to give
/// what the operator likely meant: a pipe (`<(curl …)`, a FIFO) as standard input, a
/// folder to `import`. A pipe is not read from its path: a FIFO nobody writes to would
/// block, and a path swapped for one after a check cannot be told from it.
fn not_regular(name: &str, kind: &std::fs::FileType) -> Error {
    use std::os::unix::fs::FileTypeExt as _;
    let what = if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a pipe"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a device"
    };
    let error = Error::invalid(format!(
        "{name}: {what}, not a regular file (directories, devices and pipes are not read)"
    ));
    if kind.is_dir() {
        error.hint("`pfp import DIR` takes each picture in a directory, named by its user")
    } else if kind.is_fifo() {
        error.hint("to read a pipe, pipe it in and give `-`: `curl -s URL | pfp upload --user U -`")
    } else {
        error
    }
}

/// The name to show for a path argument (`-` is standard input), safe for a terminal.
pub fn display_name(path: &Path) -> String {
    crate::values::FileName::of_path(path).shown().to_owned()
}

/// Reads `path` (or stdin for `-`) under the size limit of `limits`.
pub fn read_image(path: &Path, limits: &Limits) -> Result<Image, InputError> {
    read(path, limits, false)
}

/// As [`read_image`], for a command that reads this one file: a file of 128 KiB or more
/// is mapped from the page cache, not copied ([`Image::map_file`]), and the caller asks
/// [`Image::unchanged`] once it has the file's decode and fingerprint.
pub fn read_one_image(path: &Path, limits: &Limits) -> Result<Image, InputError> {
    read(path, limits, true)
}

fn read(path: &Path, limits: &Limits, map: bool) -> Result<Image, InputError> {
    open_image(path, limits)?.read(map)
}

/// An input opened and checked against the size limit, not read yet: [`read_image`] in
/// two steps, for a caller that budgets the memory of the files it holds by their size
/// (`import`, many files in flight).
pub struct Opened {
    name: String,
    source: Source,
    limits: Limits,
}

enum Source {
    Stdin,
    /// A regular file and its size by its metadata.
    File(std::fs::File, u64),
}

/// For a list read from `-`: where standard input is a terminal, the line that says so,
/// and how to end it (pfp would otherwise wait without a word, as if hung, for rows to
/// be typed; `cat` waits so too, but an operator who meant to pipe a file in is told).
pub fn typed_at_terminal(what: &str) -> Option<String> {
    use std::io::IsTerminal as _;
    std::io::stdin().is_terminal().then(|| {
        format!(
            "Reading {what} from the terminal: type it, then Ctrl-D (or pipe a file in: < FILE)."
        )
    })
}

/// Whether a path as given is a URL (`https://…`, `s3://…`): what a user pastes from an
/// app's column or a browser where pfp wants a file.
pub fn is_url(text: &str) -> bool {
    text.split_once("://").is_some_and(|(scheme, rest)| {
        !rest.is_empty()
            && matches!(
                scheme.to_ascii_lowercase().as_str(),
                "http" | "https" | "s3" | "ftp" | "gs"
            )
    })
}

/// Opens `path` (or stdin for `-`) and checks it as [`read_image`] does before reading.
pub fn open_image(path: &Path, limits: &Limits) -> Result<Opened, InputError> {
    let name = display_name(path);
    if path == Path::new("-") {
        return Ok(Opened {
            name,
            source: Source::Stdin,
            limits: *limits,
        });
    }
    // Opened without blocking, then checked: a path swapped for a FIFO between a stat and
    // an open would otherwise block the open forever. What was opened is what is checked.
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
    }
    .map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound && is_url(&path.to_string_lossy()) {
            InputError::Missing(
                Error::new(
                    Kind::NotFound,
                    format!("{name}: no such file; it is a URL, and pfp reads files"),
                )
                .hint("fetch it and pipe it in: curl -fsSL URL | pfp upload --user U - (-f: an error page is not saved as the picture)"),
            )
        } else if e.kind() == std::io::ErrorKind::NotFound {
            InputError::Missing(Error::new(Kind::NotFound, format!("{name}: no such file")))
        } else {
            unreadable(&name, &e)
        }
    })?;
    let meta = file.metadata().map_err(|e| unreadable(&name, &e))?;
    if !meta.is_file() {
        return Err(InputError::Unreadable(not_regular(
            &name,
            &meta.file_type(),
        )));
    }
    if meta.len() > limits.max_bytes {
        return Err(too_large(&name, limits, Some(meta.len())));
    }
    Ok(Opened {
        name,
        source: Source::File(file, meta.len()),
        limits: *limits,
    })
}

impl Opened {
    /// The most bytes reading it can hold: its size by its metadata (the file could
    /// still grow, up to the limit, before it is read), or the limit for stdin.
    pub fn size(&self) -> u64 {
        match &self.source {
            Source::File(_, size) => *size,
            Source::Stdin => self.limits.max_bytes,
        }
    }

    /// Reads it, never more than the limit plus one byte. `map`: see [`read_one_image`].
    pub fn read(self, map: bool) -> Result<Image, InputError> {
        let Opened {
            name,
            source,
            limits,
        } = self;
        let cap = limits.max_bytes.saturating_add(1);
        let unreadable = |e: std::io::Error| unreadable(&name, &e);
        let bytes = match source {
            Source::Stdin => {
                let bytes = Image::read(std::io::stdin().lock(), cap, 0).map_err(unreadable)?;
                if bytes.is_empty() {
                    // `curl -s URL | pfp upload --user U -` where curl failed: the pipe
                    // closed without a byte, and the failure was the command before it.
                    return Err(InputError::Rejected(crate::picture::Rejection::new(
                        crate::picture::Rule::Empty,
                        format!(
                            "{name}: nothing was piped in (standard input ended at once): did the command before '|' fail? (curl -fsS says why; set -o pipefail makes the shell stop)"
                        ),
                    )));
                }
                bytes
            }
            Source::File(file, size) if map => {
                Image::map_file(file, cap, size).map_err(unreadable)?
            }
            Source::File(file, size) => Image::read_file(file, cap, size).map_err(unreadable)?,
        };
        if bytes.len() as u64 > limits.max_bytes {
            return Err(too_large(&name, &limits, None));
        }
        Ok(bytes)
    }
}

/// The refusal of an input over the size limit; `measured` is its size where known (a
/// file's by its metadata), None where the reading stopped one byte past the limit
/// (stdin, or a file that grew after it was opened): its size is then unknown, and the
/// message says so rather than name the byte where pfp stopped.
fn too_large(name: &str, limits: &Limits, measured: Option<u64>) -> InputError {
    InputError::Rejected(match measured {
        Some(bytes) => limits
            .check_bytes(name, bytes)
            .expect_err("the size is over the limit"),
        None => limits.larger_than_read(name),
    })
}

/// The longest line pfp reads from a list (a manifest row, a user selector): far more
/// than any real row, small enough that a file without newlines costs nothing.
pub const MAX_LINE_BYTES: usize = 64 << 10;

/// A reader that fails once a line runs past [`MAX_LINE_BYTES`], so a parser reading from
/// it (the CSV reader buffers a whole record) never buffers more than that. It also
/// remembers where the lines it has passed on end, to tell a byte offset's line.
pub struct LineLimit<R> {
    inner: R,
    since_newline: usize,
    name: String,
    /// Bytes read so far.
    offset: u64,
    /// Offsets of the newlines read but not yet asked about (the parser's read-ahead).
    newlines: std::collections::VecDeque<u64>,
    /// Newlines before the first of `newlines`.
    passed: u64,
}

impl<R: Read> LineLimit<R> {
    pub fn new(inner: R, name: &str) -> Self {
        LineLimit {
            inner,
            since_newline: 0,
            name: name.to_owned(),
            offset: 0,
            newlines: std::collections::VecDeque::new(),
            passed: 0,
        }
    }

    /// The line (from 1) that byte `at` is on. Offsets asked about never go back.
    fn line_of(&mut self, at: u64) -> u64 {
        while self.newlines.front().is_some_and(|&n| n < at) {
            self.newlines.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' {
                self.since_newline = 0;
                self.newlines.push_back(self.offset + i as u64);
            } else {
                self.since_newline += 1;
                if self.since_newline > MAX_LINE_BYTES {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!(
                            "{}: a line is longer than {MAX_LINE_BYTES} bytes",
                            self.name
                        ),
                    ));
                }
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// The records of a CSV stream (no header handling, any number of fields, fields
/// trimmed), each with the line it starts on, under [`LineLimit`]. The csv crate's own
/// positions count the blank lines before a record as part of it; here a record's line
/// is where its first field is, as an editor shows it.
///
/// The separator is the first line's: a comma if it has one, else a tab, else a
/// semicolon, which Excel writes in every locale whose decimal mark is a comma (a
/// `;`-separated file was one field a row: `unknown column 'email;nickname'`).
pub struct CsvRows<R: Read> {
    /// The stream and its name, until the first record is asked for (the first line is
    /// read then, not when the rows are set up: stdin may be slow).
    pending: Option<(R, String)>,
    reader: Option<csv::Reader<Sniffed<R>>>,
}

/// The stream as the CSV reader reads it: the first line read ahead to find the
/// separator, then the rest, as UTF-8, under [`LineLimit`].
type Sniffed<R> = LineLimit<std::io::Chain<std::io::Cursor<Vec<u8>>, Decoded<R>>>;

/// A list's bytes as UTF-8. UTF-16 with a byte-order mark (Excel's 'Unicode Text',
/// PowerShell 5's `>` and `Out-File`) is decoded; a NUL byte, which no text list holds,
/// is UTF-16 without the mark (or no text at all): an error that ends the list, naming
/// the conversion, where each row was rejected before as a user of NULs not found. An
/// error is returned again by every read after it, so the list ends there.
struct Decoded<R> {
    how: How<R>,
    failed: Option<&'static str>,
}

enum How<R> {
    Plain(std::io::Chain<std::io::Cursor<Vec<u8>>, R>),
    Utf16 {
        inner: R,
        little_endian: bool,
        /// Read but not yet decoded: an odd byte, or a high surrogate's two.
        raw: Vec<u8>,
        /// Decoded but not yet handed out.
        out: std::collections::VecDeque<u8>,
    },
}

impl<R: Read> Decoded<R> {
    /// Reads the first two bytes to tell the encoding by its byte-order mark.
    fn new(mut inner: R) -> Self {
        let mut start = Vec::with_capacity(2);
        while start.len() < 2 {
            let mut byte = [0u8; 1];
            match inner.read(&mut byte) {
                Ok(1) => start.push(byte[0]),
                _ => break,
            }
        }
        let how = match start[..] {
            [0xFF, 0xFE] | [0xFE, 0xFF] => How::Utf16 {
                inner,
                little_endian: start[0] == 0xFF,
                raw: Vec::new(),
                out: std::collections::VecDeque::new(),
            },
            _ => How::Plain(Read::chain(std::io::Cursor::new(start), inner)),
        };
        Decoded { how, failed: None }
    }
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if let Some(why) = self.failed {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, why));
        }
        let read = self.how.read(buf);
        if let Err(e) = &read
            && e.kind() == std::io::ErrorKind::InvalidData
            && let Some(why) = e.get_ref().and_then(|e| e.downcast_ref::<Invalid>())
        {
            self.failed = Some(why.0);
        }
        read
    }
}

/// Why the bytes are no text a list can be read from.
#[derive(Debug)]
struct Invalid(&'static str);

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Invalid {}

/// A list's bytes as UTF-8 text (`Decoded`): UTF-16 with a byte-order mark decoded, a
/// NUL byte an error.
pub fn text<R: Read>(inner: R) -> impl Read {
    Decoded::new(inner)
}

fn invalid(why: &'static str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, Invalid(why))
}

impl<R: Read> Read for How<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            How::Plain(inner) => {
                let n = inner.read(buf)?;
                if buf[..n].contains(&0) {
                    return Err(invalid(
                        "the file holds NUL bytes: UTF-16 text without a byte-order mark (or no text at all); convert it with iconv -f UTF-16LE -t UTF-8, or save it as 'CSV UTF-8'",
                    ));
                }
                Ok(n)
            }
            How::Utf16 {
                inner,
                little_endian,
                raw,
                out,
            } => {
                let mut chunk = [0u8; 8192];
                while out.is_empty() {
                    let n = inner.read(&mut chunk)?;
                    if n == 0 {
                        if raw.is_empty() {
                            return Ok(0);
                        }
                        return Err(invalid("the UTF-16 text ends in the middle of a character"));
                    }
                    raw.extend_from_slice(&chunk[..n]);
                    let whole = raw.len() / 2 * 2;
                    let units = raw[..whole].chunks_exact(2).map(|pair| {
                        let pair = [pair[0], pair[1]];
                        if *little_endian {
                            u16::from_le_bytes(pair)
                        } else {
                            u16::from_be_bytes(pair)
                        }
                    });
                    let mut used = 0;
                    let mut units = char::decode_utf16(units).peekable();
                    while let Some(decoded) = units.next() {
                        match decoded {
                            Ok(c) => {
                                used += 2 * c.len_utf16();
                                let mut utf8 = [0u8; 4];
                                out.extend(c.encode_utf8(&mut utf8).as_bytes());
                            }
                            // A high surrogate at the end of what was read: its pair
                            // comes with the next read.
                            Err(_) if units.peek().is_none() && used + 2 == whole => break,
                            Err(_) => {
                                return Err(invalid(
                                    "the file is not valid UTF-16 text (an unpaired surrogate)",
                                ));
                            }
                        }
                    }
                    raw.drain(..used);
                }
                let n = buf.len().min(out.len());
                for (slot, byte) in buf.iter_mut().zip(out.drain(..n)) {
                    *slot = byte;
                }
                Ok(n)
            }
        }
    }
}

impl<R: Read> CsvRows<R> {
    pub fn new(inner: R, name: &str) -> Self {
        CsvRows {
            pending: Some((inner, name.to_owned())),
            reader: None,
        }
    }

    fn reader(&mut self) -> &mut csv::Reader<Sniffed<R>> {
        if let Some((inner, name)) = self.pending.take() {
            let mut inner = Decoded::new(inner);
            let head = first_line(&mut inner);
            let delimiter = separator(&head);
            self.reader = Some(
                csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(delimiter)
                    .from_reader(LineLimit::new(
                        Read::chain(std::io::Cursor::new(head), inner),
                        &name,
                    )),
            );
        }
        self.reader.as_mut().expect("made above")
    }
}

/// The bytes read until the end of the first line that is not blank (and what came with
/// it), at most a line over [`MAX_LINE_BYTES`]. A failed read ends it early: the same
/// read fails again when the rows are read on, and is reported there.
fn first_line(inner: &mut impl Read) -> Vec<u8> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 4096];
    while first_filled(&head).is_none() && head.len() <= MAX_LINE_BYTES {
        match inner.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&chunk[..n]),
        }
    }
    head
}

/// The first whole line of `head` that is not blank.
fn first_filled(head: &[u8]) -> Option<&[u8]> {
    let whole = &head[..head.iter().rposition(|&b| b == b'\n')?];
    whole
        .split(|&b| b == b'\n')
        .find(|line| line.iter().any(|b| !b.is_ascii_whitespace()))
}

/// A comma if the first line that is not blank has one, else a tab, else a semicolon,
/// else a comma (a stream of one line without its newline is that line).
fn separator(head: &[u8]) -> u8 {
    let line = first_filled(head).unwrap_or(head);
    [b',', b'\t', b';']
        .into_iter()
        .find(|d| line.contains(d))
        .unwrap_or(b',')
}

impl<R: Read> Iterator for CsvRows<R> {
    /// The line, and the record or why it could not be read (an I/O error ends the
    /// stream: the caller stops there).
    type Item = (u64, Result<csv::StringRecord, csv::Error>);

    fn next(&mut self) -> Option<Self::Item> {
        let mut record = csv::StringRecord::new();
        let reader = self.reader();
        match reader.read_record(&mut record) {
            Ok(false) => None,
            Ok(true) => {
                // The record's last byte (its terminator, or the stream's end) is on its
                // last line; a quoted field may span lines before it.
                let end = reader.position().byte().saturating_sub(1);
                let last = reader.get_mut().line_of(end);
                let inside: u64 = record
                    .iter()
                    .map(|f| f.bytes().filter(|&b| b == b'\n').count() as u64)
                    .sum();
                record.trim();
                Some((last.saturating_sub(inside).max(1), Ok(record)))
            }
            Err(e) => {
                let at = e
                    .position()
                    .map_or_else(|| reader.position().byte(), csv::Position::byte);
                // The record's position is where the previous one ended: on a CRLF
                // file, the '\n' of the line before (the '\r' ended that record), so
                // the error was put a line too early. The byte after it is on the
                // record's own line either way.
                let line = reader.get_mut().line_of(at + 1);
                Some((line, Err(e)))
            }
        }
    }
}

/// Why a CSV record could not be read, for the line it is reported on: the csv crate's
/// own words carry a position of its own (`record 1 (line 1, field: 0, byte: 15)`), and
/// the usual cause of its one error here, a file saved in a legacy encoding, was not
/// named.
pub fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!(
            "field {} is not UTF-8 text: the file is probably in Windows-1252 or Latin-1, as Excel's 'CSV (Comma delimited)' saves it; save it as 'CSV UTF-8', or convert it with iconv -f WINDOWS-1252 -t UTF-8",
            err.field() + 1
        ),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::CsvRows;
    use std::io::Read;

    /// Hands out its bytes `step` at a time, as a pipe may.
    struct Trickle(Vec<u8>, usize);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0.drain(..n);
            Ok(n)
        }
    }

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        let mut bytes = if little_endian {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in text.encode_utf16() {
            bytes.extend(if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        bytes
    }

    fn read_text(bytes: Vec<u8>, step: usize) -> std::io::Result<String> {
        let mut text = String::new();
        super::text(Trickle(bytes, step)).read_to_string(&mut text)?;
        Ok(text)
    }

    #[test]
    fn utf16_with_its_mark_is_read_as_text_and_nul_bytes_are_refused() {
        let text = "email\tnickname\r\njosé@x.org\tJosé 🙂\r\n";
        for little_endian in [true, false] {
            for step in [1, 3, 4096] {
                assert_eq!(read_text(utf16(text, little_endian), step).unwrap(), text);
            }
        }
        // UTF-8, with or without its own mark, passes as it is.
        assert_eq!(read_text(text.as_bytes().to_vec(), 1).unwrap(), text);
        assert_eq!(read_text(b"a".to_vec(), 1).unwrap(), "a");
        assert_eq!(read_text(Vec::new(), 1).unwrap(), "");
        // UTF-16 without the mark: NUL bytes, an error on every read from there on.
        let unmarked = utf16(text, true)[2..].to_vec();
        let mut reader = super::text(Trickle(unmarked, 4096));
        let mut buf = [0u8; 64];
        for _ in 0..2 {
            let e = reader.read(&mut buf).unwrap_err();
            assert!(e.to_string().contains("iconv -f UTF-16LE -t UTF-8"), "{e}");
        }
        // Cut in a character, or an unpaired surrogate.
        let mut cut = utf16("a🙂", true);
        cut.pop();
        assert!(
            read_text(cut, 1)
                .unwrap_err()
                .to_string()
                .contains("middle of a character")
        );
        let mut lone = utf16("a", true);
        lone.extend(0xD83Du16.to_le_bytes());
        lone.extend(u16::from(b'b').to_le_bytes());
        assert!(
            read_text(lone, 4096)
                .unwrap_err()
                .to_string()
                .contains("unpaired surrogate")
        );
    }

    #[test]
    fn excels_unicode_text_is_read_as_its_rows() {
        let bytes = utf16("email\tnickname\r\na@x.org\tann\r\n", true);
        let rows: Vec<(u64, Vec<String>)> = CsvRows::new(&bytes[..], "u.txt")
            .map(|(line, r)| (line, r.unwrap().iter().map(str::to_owned).collect()))
            .collect();
        assert_eq!(
            rows,
            [
                (1, vec!["email".to_owned(), "nickname".to_owned()]),
                (2, vec!["a@x.org".to_owned(), "ann".to_owned()])
            ]
        );
    }

    fn lines(data: &str) -> Vec<(u64, String)> {
        CsvRows::new(data.as_bytes(), "t.csv")
            .map(|(line, record)| (line, record.unwrap().get(0).unwrap().to_owned()))
            .collect()
    }

    #[test]
    fn a_record_is_on_the_line_of_its_first_field() {
        let want = |pairs: &[(u64, &str)]| -> Vec<(u64, String)> {
            pairs.iter().map(|(l, s)| (*l, (*s).to_owned())).collect()
        };
        let expected = want(&[
            (1, "a"),
            (2, "1"),
            (4, "3"),
            (7, "5"),
            (8, "x\ny"),
            (10, "8"),
        ]);
        // Blank lines, a quoted field over two lines, with and without a final newline.
        assert_eq!(
            lines("a,b\n1,2\n\n3,4\n\n\n5,6\n\"x\ny\",7\n8,9\n"),
            expected
        );
        assert_eq!(lines("a,b\n1,2\n\n3,4\n\n\n5,6\n\"x\ny\",7\n8,9"), expected);
        assert_eq!(
            lines("a,b\r\n1,2\r\n\r\n3,4\r\n\"x\r\ny\",7\r\n8,9\r\n\r\n"),
            want(&[(1, "a"), (2, "1"), (4, "3"), (5, "x\r\ny"), (7, "8")])
        );
        assert_eq!(lines("\n\n  a ,b\n"), want(&[(3, "a")]));
    }

    #[test]
    fn the_first_line_that_is_not_blank_says_how_fields_are_separated() {
        let rows = |data: &str| -> Vec<Vec<String>> {
            CsvRows::new(data.as_bytes(), "t.csv")
                .map(|(_, record)| record.unwrap().iter().map(str::to_owned).collect())
                .collect()
        };
        let want = |rows: &[&[&str]]| -> Vec<Vec<String>> {
            rows.iter()
                .map(|r| r.iter().map(|f| (*f).to_owned()).collect())
                .collect()
        };
        // Excel's in a locale whose decimal mark is a comma, with CRLF and a BOM.
        assert_eq!(
            rows("\u{feff}email;nickname\r\na@x.org;a\r\n\"b;c@x.org\";\"b, c\"\r\n"),
            want(&[
                &["email", "nickname"],
                &["a@x.org", "a"],
                &["b;c@x.org", "b, c"]
            ])
        );
        assert_eq!(
            rows("\n\nuser\tpath\n1\ta.jpg\n"),
            want(&[&["user", "path"], &["1", "a.jpg"]])
        );
        // A comma wins over the others; a line without any is read with commas.
        assert_eq!(
            rows("user,path\n1;x,a;b.jpg\n"),
            want(&[&["user", "path"], &["1;x", "a;b.jpg"]])
        );
        assert_eq!(rows("alice"), want(&[&["alice"]]));
        assert_eq!(rows("a;b"), want(&[&["a", "b"]]));
    }
}
