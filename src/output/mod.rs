//! Everything pfp prints goes through one [`Printer`], and every message is a type that
//! knows its human line and its JSON object (the mc model). The documented lines, such as
//! `Bucket 'demo' already exists.`, live here and only here.
//!
//! Streams: status lines go to stderr (hidden by `--quiet`); results go to stdout; with
//! `--json`, each result and each error is one JSON object on its own line on stdout and
//! no human lines are printed at all.
//!
//! Every line is written whole, with one `write` (see `line`): several pfp processes
//! sharing a stream (`xargs -P`, GNU parallel, a CI job's log) never tear each other's
//! lines apart, as they did while `eprintln!` wrote each piece of a line on its own.

mod messages;

pub use messages::*;

use std::fmt::Display;
use std::io::{IsTerminal, Write};

use serde::Serialize;

use crate::error::Kind;

/// How output is shaped: decided once from the global flags.
#[derive(Clone, Copy, Debug, Default)]
pub struct OutputOptions {
    pub json: bool,
    pub quiet: bool,
    pub verbose: u8,
    pub no_progress: bool,
    /// `--color`: None is auto (a terminal, not `TERM=dumb`, and no `NO_COLOR`).
    pub color: Option<bool>,
}

impl OutputOptions {
    /// Whether colour (ANSI escapes) may go to a stream, terminal or not: `--color
    /// always|never` decides, else a terminal (not `TERM=dumb`) without `NO_COLOR` set.
    pub fn colour_for(&self, is_terminal: bool) -> bool {
        self.color.unwrap_or_else(|| {
            is_terminal
                && !dumb_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        })
    }
}

/// `TERM=dumb`: a terminal that moves no cursor and shows no colour (Emacs' shell and
/// compilation buffers, some CI log viewers), which gets neither, as from cargo and
/// ripgrep: a progress bar's redraws would pile up as lines of escape codes.
fn dumb_terminal() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

/// Where a message's human form belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// A status line: stderr, hidden by `--quiet`.
    Status,
    /// A result: stdout, always shown.
    Result,
}

/// What the terminal allows, decided once by the [`Printer`] and handed to messages.
#[derive(Clone, Copy, Debug, Default)]
pub struct Term {
    /// stdout is a terminal: decorate results for a person, keep them bare for a pipeline.
    pub stdout_is_terminal: bool,
    /// Colour is allowed on stdout (`--color`, else a terminal and no `NO_COLOR`).
    pub colour: bool,
    /// stderr is a terminal: a person reads the status lines, not a log file.
    pub stderr_is_terminal: bool,
}

/// A result with a human face and a JSON face (the mc model). The JSON face is the
/// type's `Serialize` output with a `"type"` field added, so the schema is the type.
pub trait Message: Serialize {
    /// The JSON object's `type`.
    fn type_tag(&self) -> &'static str;
    /// Where the human line goes.
    const STREAM: Stream;
    /// The human line(s), without a trailing newline.
    fn human(&self, term: Term) -> String;
    /// Whether the human line is worth printing at this verbosity (JSON is always printed).
    fn wanted(&self, _verbose: u8) -> bool {
        true
    }
    /// The human line carries pfp's own colour codes, and the message escapes its values
    /// itself ([`crate::values::terminal_safe`]); every other human line is escaped
    /// whole by the printer.
    const STYLED: bool = false;
}

/// A message's JSON object: its fields after its `type`.
#[derive(Serialize)]
struct Tagged<'a, M> {
    #[serde(rename = "type")]
    type_tag: &'static str,
    #[serde(flatten)]
    body: &'a M,
}

/// The JSON object a message prints with `--json` (for tests and the library).
pub fn to_json<M: Message>(message: &M) -> serde_json::Value {
    serde_json::to_value(Tagged {
        type_tag: message.type_tag(),
        body: message,
    })
    .unwrap_or(serde_json::Value::Null)
}

/// Decides which stream is enabled and how; commands never test for a terminal themselves.
#[derive(Clone, Debug)]
pub struct Printer {
    json: bool,
    quiet: bool,
    verbose: u8,
    progress: bool,
    term: Term,
}

/// The progress display on stderr now, if any (a process has one terminal). A line
/// printed while it is drawn goes through its `suspend` (the bars cleared, the line
/// written, the bars drawn again below it): the terminal's cursor sits at the end of
/// the last bar, and a line written there began in the middle of the bar's text (a
/// status line from another task, such as the wait for another run's lock, or a `-v`
/// log line).
static DRAWN: std::sync::Mutex<Option<Bars>> = std::sync::Mutex::new(None);

#[derive(Clone, Debug)]
enum Bars {
    Many(indicatif::MultiProgress),
    One(indicatif::ProgressBar),
}

thread_local! {
    /// Set while this thread runs a closure inside a display's `suspend`: a line printed
    /// there is written as it is (suspending again from inside would wait for itself).
    static SUSPENDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with the flag above set, and the flag as it was after, even if `f` panics.
fn marked_suspended<R>(f: impl FnOnce() -> R) -> R {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            SUSPENDED.set(self.0);
        }
    }
    let _reset = Reset(SUSPENDED.replace(true));
    f()
}

fn set_drawn(bars: Option<Bars>) {
    if let Ok(mut drawn) = DRAWN.lock() {
        *drawn = bars;
    }
}

/// Runs `f` (which writes to the terminal) with the progress display, if one is drawn,
/// out of its way: every line the printer writes, and the `-v` log's.
pub fn above_bars<R>(f: impl FnOnce() -> R) -> R {
    if SUSPENDED.get() {
        return f();
    }
    let bars = DRAWN.lock().ok().and_then(|drawn| drawn.clone());
    match bars {
        Some(Bars::Many(multi)) => multi.suspend(|| marked_suspended(f)),
        Some(Bars::One(bar)) => bar.suspend(|| marked_suspended(f)),
        None => f(),
    }
}

/// Stderr for the `-v` log: each write (a whole log line) above the progress display.
pub struct StderrAboveBars;

impl Write for StderrAboveBars {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        above_bars(|| std::io::stderr().write(buf))
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        above_bars(|| std::io::stderr().lock().write_all(buf))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

impl Printer {
    pub fn new(options: OutputOptions) -> Self {
        let stderr_is_terminal = std::io::stderr().is_terminal();
        let stdout_is_terminal = std::io::stdout().is_terminal();
        Printer {
            json: options.json,
            quiet: options.quiet,
            verbose: options.verbose,
            progress: stderr_is_terminal
                && !dumb_terminal()
                && !options.no_progress
                && !options.quiet
                && !options.json,
            term: Term {
                stdout_is_terminal,
                colour: options.colour_for(stdout_is_terminal),
                stderr_is_terminal,
            },
        }
    }

    pub fn is_json(&self) -> bool {
        self.json
    }

    /// What the terminal allows (for status lines that differ on one).
    pub fn term(&self) -> Term {
        self.term
    }

    /// Whether prompts may be shown: a terminal on both stdin and stderr, and no `--json`.
    pub fn can_prompt(&self) -> bool {
        !self.json && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    /// Whether progress bars may be drawn (a terminal on stderr, no --quiet/--json/--no-progress).
    pub fn progress_enabled(&self) -> bool {
        self.progress
    }

    /// A byte progress bar on stderr when progress is enabled, else a hidden one.
    pub fn bytes_bar(&self, total: u64, message: &str) -> BytesBar {
        if !self.progress {
            return BytesBar {
                bar: indicatif::ProgressBar::hidden(),
                drawn: false,
            };
        }
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message(message.to_owned());
        set_drawn(Some(Bars::One(bar.clone())));
        BytesBar { bar, drawn: true }
    }

    /// The progress display of an import: an overall bar and one line per file in flight.
    pub fn import_progress(&self) -> ImportProgress {
        if !self.progress {
            return ImportProgress {
                multi: None,
                overall: indicatif::ProgressBar::hidden(),
            };
        }
        let multi = indicatif::MultiProgress::new();
        let overall = multi.add(indicatif::ProgressBar::new(0));
        overall.set_style(
            indicatif::ProgressStyle::with_template(
                "[{bar:30}] {pos}/{len} files  {rate}  ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.1} files/s", state.per_sec());
                },
            )
            .progress_chars("=> "),
        );
        set_drawn(Some(Bars::Many(multi.clone())));
        ImportProgress {
            multi: Some(multi),
            overall,
        }
    }

    /// Prints a message: its JSON object with `--json`, else its human line on its stream.
    pub fn print<M: Message>(&self, message: &M) {
        if self.json {
            print_json_line(&Tagged {
                type_tag: message.type_tag(),
                body: message,
            });
            return;
        }
        if !message.wanted(self.verbose) {
            return;
        }
        let human = || {
            let text = message.human(self.term);
            if M::STYLED {
                text
            } else {
                crate::values::terminal_safe(&text).into_owned()
            }
        };
        match M::STREAM {
            Stream::Status if self.quiet => {}
            Stream::Status => above_bars(|| drop(line(&mut std::io::stderr().lock(), human()))),
            // A closed pipe (pfp ... | head) is not an error worth reporting; a full
            // disk is (see `stdout_failure`).
            Stream::Result => above_bars(|| noted(line(&mut std::io::stdout().lock(), human()))),
        }
    }

    /// A page of `user list` in human form (with `--json`, each user is printed as a
    /// message of its own instead).
    pub fn print_table(&self, table: &UserTable<'_>) {
        let mut out = std::io::stdout().lock();
        let text = table.human(self.term);
        noted(writeln!(out, "{}", crate::values::terminal_safe(&text)).and_then(|()| out.flush()));
    }

    /// A generated file (completions, the man page) on stdout, byte for byte.
    pub fn raw(&self, bytes: &[u8]) {
        let mut out = std::io::stdout().lock();
        noted(out.write_all(bytes).and_then(|()| out.flush()));
    }

    /// A status line with no JSON counterpart (its facts are part of a result's JSON
    /// object): one of the status types in this module, shown on stderr unless
    /// `--quiet` or `--json`.
    pub fn status(&self, line: &dyn Display) {
        if !self.json && !self.quiet {
            above_bars(|| {
                drop(self::line(
                    &mut std::io::stderr().lock(),
                    crate::values::terminal_safe(&line.to_string()),
                ))
            });
        }
    }

    /// A warning on stderr, shown even with `--json` (stdout stays parseable), hidden by `--quiet`.
    pub fn warn(&self, text: &str) {
        if !self.quiet {
            above_bars(|| {
                drop(line(
                    &mut std::io::stderr().lock(),
                    format_args!("warning: {}", crate::values::terminal_safe(text)),
                ))
            });
        }
    }

    /// An error: `error: ...` on stderr, or one JSON object on stdout with `--json`.
    pub fn error(&self, kind: Kind, message: &str) {
        self.error_about(kind, message, None);
    }

    /// As [`Printer::error`], for an error that refuses a file: with `--json` the object
    /// also has the file and the rule it broke.
    pub fn error_about(&self, kind: Kind, message: &str, subject: Option<&crate::error::Subject>) {
        if self.json {
            self.print(&ErrorReport {
                kind: kind.name(),
                exit_code: kind.exit_code(),
                rule: subject.map(|s| s.rule),
                file: subject.map(|s| s.file.as_str()),
                message,
            });
        } else {
            above_bars(|| {
                drop(line(
                    &mut std::io::stderr().lock(),
                    format_args!("error: {}", crate::values::terminal_safe(message)),
                ))
            });
        }
    }

    /// Where a bulk export's rows go (stdout, buffered): rows are data, not messages, so
    /// they have no `type` and are the same with or without `--json`.
    pub fn rows(&self, format: RowFormat) -> RowWriter<'static> {
        let stdout = std::io::stdout().lock();
        match format {
            // 64 KiB at a time, as the NDJSON rows: csv's own 8 KiB buffer made 13,000
            // writes of an export of 100,000 URLs.
            RowFormat::Csv => RowWriter::Csv(Box::new(
                csv::WriterBuilder::new()
                    .buffer_capacity(1 << 16)
                    .from_writer(stdout),
            )),
            RowFormat::Ndjson => {
                RowWriter::Ndjson(std::io::BufWriter::with_capacity(1 << 16, stdout))
            }
        }
    }
}

/// The shape of an export's rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowFormat {
    Csv,
    Ndjson,
}

/// See [`Printer::rows`].
pub enum RowWriter<'a> {
    Csv(Box<csv::Writer<std::io::StdoutLock<'a>>>),
    Ndjson(std::io::BufWriter<std::io::StdoutLock<'a>>),
}

impl RowWriter<'_> {
    /// Writes one row (a CSV record with a header before the first, or one JSON line).
    /// An error keeps its I/O kind, so that a reader gone away (`BrokenPipe`: `pfp
    /// export-urls | head`) can be told from a write that failed.
    pub fn write<R: Serialize>(&mut self, row: &R) -> std::io::Result<()> {
        match self {
            RowWriter::Csv(w) => w.serialize(row).map_err(|e| match e.kind() {
                csv::ErrorKind::Io(io) => std::io::Error::new(io.kind(), e.to_string()),
                _ => std::io::Error::other(e),
            }),
            RowWriter::Ndjson(w) => serde_json::to_writer(&mut *w, row)
                .map_err(std::io::Error::from)
                .and_then(|()| w.write_all(b"\n")),
        }
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        match self {
            RowWriter::Csv(w) => w.flush(),
            RowWriter::Ndjson(w) => w.flush(),
        }
    }
}

/// See [`Printer::import_progress`].
pub struct ImportProgress {
    multi: Option<indicatif::MultiProgress>,
    overall: indicatif::ProgressBar,
}

/// See [`Printer::bytes_bar`]: a byte bar that is out of the printer's way once finished.
pub struct BytesBar {
    bar: indicatif::ProgressBar,
    /// Whether it is the display drawn (not a hidden bar).
    drawn: bool,
}

impl BytesBar {
    pub fn inc(&self, bytes: u64) {
        self.bar.inc(bytes);
    }

    pub fn finish_and_clear(&self) {
        self.bar.finish_and_clear();
        if self.drawn {
            set_drawn(None);
        }
    }
}

impl Drop for BytesBar {
    fn drop(&mut self) {
        self.finish_and_clear();
    }
}

impl ImportProgress {
    /// A spinner line for a file now in flight.
    pub fn start(&self, path: &std::path::Path) -> indicatif::ProgressBar {
        let Some(multi) = &self.multi else {
            return indicatif::ProgressBar::hidden();
        };
        let line = multi.add(indicatif::ProgressBar::new_spinner());
        // The time each file has been in flight: a slow file shows it is still working.
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {elapsed:>4} {msg}") {
            line.set_style(style);
        }
        line.set_message(crate::input::display_name(path));
        line.enable_steady_tick(std::time::Duration::from_millis(120));
        line
    }

    /// The file's line goes away and the overall bar moves on.
    pub fn finish(&self, line: indicatif::ProgressBar) {
        line.finish_and_clear();
        self.overall.inc(1);
    }

    /// The number of files read so far: the total grows as a manifest or folder is read
    /// (a few hundred rows ahead of the work), and is exact once it is read to its end.
    pub fn set_total(&self, total: u64) {
        self.overall.set_length(total);
    }

    /// Every bar off the screen (the per-file lines too), for the summary.
    pub fn clear(&self) {
        if self.multi.is_some() {
            set_drawn(None);
        }
        self.overall.finish_and_clear();
        if let Some(multi) = &self.multi {
            let _ = multi.clear();
        }
    }

    /// After Ctrl-C: the bar says what it is waiting for, instead of freezing.
    pub fn interrupted(&self, in_flight: usize) {
        if self.multi.is_some() {
            self.overall.set_style(
                indicatif::ProgressStyle::with_template(
                    "[{bar:30}] {pos}/{len} files  interrupted: {msg}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            self.overall.set_message(format!(
                "finishing {} in flight (Ctrl-C again to stop at once)",
                messages::plural(in_flight as u64, "file", "files")
            ));
        }
    }

    /// Runs `f` (which prints) with the bars hidden, so lines are not torn.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        above_bars(f)
    }
}

impl Drop for ImportProgress {
    fn drop(&mut self) {
        if self.multi.is_some() {
            set_drawn(None);
        }
    }
}

fn print_json_line(value: &impl Serialize) {
    let Ok(text) = serde_json::to_string(value) else {
        return;
    };
    let mut text = terminal_safe_json(text);
    text.push('\n');
    noted(write_whole(&mut std::io::stdout().lock(), text.as_bytes()));
}

/// The first failed write of a result to stdout, other than a reader gone away.
static STDOUT_FAILURE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Keeps a failed write to stdout for [`stdout_failure`]. A reader gone away (`pfp
/// user list | head`) is not a failure: the results it wanted, it has.
fn noted(result: std::io::Result<()>) {
    if let Err(e) = result
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        let _ = STDOUT_FAILURE.set(e.to_string());
    }
}

/// Why results written to stdout did not all arrive (a full disk, an I/O error), if so:
/// the command's work is done, but what it printed is not whole, so pfp must not exit
/// 0 (`pfp user list > users.tsv` on a full disk said nothing and exited 0, leaving a
/// truncated file), as `ls > /dev/full` does not.
pub fn stdout_failure() -> Option<&'static str> {
    STDOUT_FAILURE.get().map(String::as_str)
}

/// `text` (JSON) with every character a terminal would act on written as a `\uXXXX`
/// escape: serde_json escapes C0 controls only, and DEL, the C1 controls (U+009B is a
/// CSI on some terminals) and the bidirectional overrides would otherwise reach a
/// terminal raw from a file name. Such characters can only be inside strings, where the
/// escape means the same character, so a JSON reader gets the exact value back.
fn terminal_safe_json(text: String) -> String {
    if !text.chars().any(crate::values::hostile) {
        return text;
    }
    let mut safe = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if crate::values::hostile(c) {
            // All of them are in the Basic Multilingual Plane: one escape each.
            safe.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            safe.push(c);
        }
    }
    safe
}

/// Writes `text` and a newline with one `write` where the stream takes it whole (a pipe
/// takes up to 4 KiB atomically): formatted first, then written, where `eprintln!` on the
/// unbuffered stderr wrote each piece of the format, and stdout's line buffer of 1 KiB
/// split longer lines. The error is stdout's callers' to note ([`noted`]); on stderr
/// there is nowhere left to say it.
fn line(stream: &mut impl Write, text: impl Display) -> std::io::Result<()> {
    let mut whole = text.to_string();
    whole.push('\n');
    write_whole(stream, whole.as_bytes())
}

fn write_whole(stream: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    // Stdout's line buffer passes a write that ends in a newline straight through once
    // it is empty (flushed first); stderr has no buffer.
    stream.flush()?;
    stream.write_all(bytes)?;
    stream.flush()
}
