//! `pfp validate`, and the picture summary `upload` and `set-default` share.

#[allow(unused_imports)]
use super::prelude::*;

/// The JSON description of a normalised picture, shared by `validate`, `upload` and
/// `import` so the field names are the same everywhere.
#[derive(Serialize)]
pub struct PictureSummary {
    pub format: &'static str,
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
    pub bytes: usize,
    pub sha256: String,
    pub sizes: Vec<RenditionSummary>,
}

#[derive(Serialize)]
pub struct RenditionSummary {
    pub size: u32,
    pub width: u32,
    pub height: u32,
    pub bytes: usize,
    pub sha256: String,
}

impl PictureSummary {
    pub fn of(picture: &Picture) -> Self {
        let main = picture.main();
        PictureSummary {
            format: picture.format.extension(),
            mime: picture.mime(),
            width: main.width,
            height: main.height,
            bytes: main.bytes.len(),
            sha256: main.sha256.clone(),
            sizes: picture
                .renditions
                .iter()
                .map(|r| RenditionSummary {
                    size: r.size,
                    width: r.width,
                    height: r.height,
                    bytes: r.bytes.len(),
                    sha256: r.sha256.clone(),
                })
                .collect(),
        }
    }
}

/// `pfp validate`: the verdict on one file.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Verdict<'a> {
    Accepted(Accepted<'a>),
    Rejected(Refused<'a>),
}

#[derive(Serialize)]
pub struct Accepted<'a> {
    pub file: &'a FileName,
    pub ok: bool,
    pub input: InputSummary,
    pub output: PictureSummary,
    pub actions: &'a [String],
    pub warnings: &'a [String],
    /// The human line's format names ("JPEG -> WebP").
    #[serde(skip)]
    names: (&'static str, &'static str),
}

#[derive(Serialize)]
pub struct InputSummary {
    pub format: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub frames: u32,
    pub orientation: u8,
}

#[derive(Serialize)]
pub struct Refused<'a> {
    pub file: &'a FileName,
    pub ok: bool,
    pub rule: &'static str,
    pub detected: Option<&'static str>,
    pub message: &'a str,
}

impl<'a> Verdict<'a> {
    pub fn accepted(file: &'a FileName, processed: &'a Processed) -> Self {
        let input = &processed.input;
        Verdict::Accepted(Accepted {
            file,
            ok: true,
            input: InputSummary {
                format: input.format.name().to_ascii_lowercase(),
                width: input.width,
                height: input.height,
                bytes: input.bytes,
                frames: input.frames,
                orientation: input.orientation,
            },
            output: PictureSummary::of(&processed.picture),
            actions: &processed.actions,
            warnings: &processed.warnings,
            names: (input.format.name(), processed.picture.format.name()),
        })
    }

    pub fn rejected(
        file: &'a FileName,
        detected: Option<Detected>,
        rejection: &'a Rejection,
    ) -> Self {
        Verdict::Rejected(Refused {
            file,
            ok: false,
            rule: rejection.rule.key(),
            detected: detected.map(Detected::key),
            message: &rejection.message,
        })
    }

    /// The file could not be read at all (missing, a directory, a device): `rule` is
    /// [`InputError::rule`](crate::input::InputError::rule).
    pub fn unread(file: &'a FileName, rule: &'static str, message: &'a str) -> Self {
        Verdict::Rejected(Refused {
            file,
            ok: false,
            rule,
            detected: None,
            message,
        })
    }
}

impl Message for Verdict<'_> {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "verdict"
    }

    fn human(&self, _: Term) -> String {
        match self {
            Verdict::Accepted(a) => {
                let (input, output) = (&a.input, &a.output);
                let frames = if input.frames > 1 {
                    format!(", {} frames", input.frames)
                } else {
                    String::new()
                };
                format!(
                    "ok        {}: {} {}x{}{frames}, {} -> {} {}x{}, {} ({})",
                    a.file,
                    a.names.0,
                    input.width,
                    input.height,
                    format_size(input.bytes),
                    a.names.1,
                    output.width,
                    output.height,
                    format_size(output.bytes as u64),
                    a.actions.join("; ")
                )
            }
            Verdict::Rejected(r) => format!("rejected  {}", r.message),
        }
    }
}

/// `validate` of several files, some of which failed.
pub struct ValidateTotals {
    pub failed: usize,
    pub total: usize,
}

impl fmt::Display for ValidateTotals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} of {} file{} rejected or missing",
            self.failed,
            self.total,
            if self.total == 1 { "" } else { "s" }
        )
    }
}
