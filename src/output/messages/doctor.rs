//! `pfp doctor`.

#[allow(unused_imports)]
use super::prelude::*;

/// `pfp doctor`: one check's outcome.
#[derive(Serialize)]
pub struct CheckReport {
    pub check: &'static str,
    /// `true` passed, `false` failed, `null` skipped.
    pub ok: Option<bool>,
    pub detail: String,
    /// A failure's kind and exit code (null otherwise).
    pub kind: Option<&'static str>,
    pub exit_code: Option<u8>,
}

/// `pfp doctor`: every check, a line each (tick, cross or dash), or one JSON object.
#[derive(Serialize)]
pub struct DoctorReport {
    pub ok: bool,
    pub checks: Vec<CheckReport>,
}

impl Message for DoctorReport {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "doctor"
    }

    const STYLED: bool = true;

    fn human(&self, term: Term) -> String {
        let mark = |ok: bool| match (ok, term.colour) {
            (true, true) => "\u{1b}[32m✓\u{1b}[0m",
            (false, true) => "\u{1b}[31m✗\u{1b}[0m",
            (true, false) => "✓",
            (false, false) => "✗",
        };
        self.checks
            .iter()
            .map(|c| match c.ok {
                // A detail may quote a server's or a database's own message.
                Some(ok) => format!(
                    "{} {}: {}",
                    mark(ok),
                    c.check,
                    crate::values::terminal_safe(&c.detail)
                ),
                None => format!(
                    "- {}: skipped, {}",
                    c.check,
                    crate::values::terminal_safe(&c.detail)
                ),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}
