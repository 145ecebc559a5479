//! `pfp remove`.

#[allow(unused_imports)]
use super::prelude::*;

/// `pfp remove`: the picture is cleared and its objects deleted (none if it had none).
#[derive(Serialize)]
pub struct Removed<'a> {
    #[serde(skip)]
    pub selector: &'a str,
    /// Whether the user had a picture at all.
    #[serde(skip)]
    pub had_picture: bool,
    pub user: &'a str,
    pub deleted: &'a [String],
}

impl Message for Removed<'_> {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "removed"
    }

    fn human(&self, _: Term) -> String {
        if !self.had_picture {
            return format!(
                "User '{}' has no picture; nothing to remove.",
                self.selector
            );
        }
        let n = self.deleted.len();
        format!(
            "Removed the picture of user '{}' ({n} object{} deleted); the default picture applies now.",
            self.selector,
            if n == 1 { "" } else { "s" }
        )
    }
}
