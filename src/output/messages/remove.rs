//! `pfp remove`.

#[allow(unused_imports)]
use super::prelude::*;

/// `pfp remove`: the picture is cleared and its objects deleted (none if it had none);
/// a picture the app stored, or an external one, is cleared from the column only.
#[derive(Serialize)]
pub struct Removed<'a> {
    #[serde(skip)]
    pub selector: &'a str,
    pub user: &'a str,
    /// Where the removed picture came from, in `user list`'s words: `user` (pfp stored
    /// it), `app`, `external`; None when the user had none.
    pub source: Option<&'static str>,
    /// The column's value that was cleared, for a picture pfp did not store.
    #[serde(skip)]
    pub column: Option<&'a str>,
    pub deleted: &'a [String],
}

impl Message for Removed<'_> {
    const STREAM: Stream = Stream::Status;

    fn type_tag(&self) -> &'static str {
        "removed"
    }

    fn human(&self, _: Term) -> String {
        match (self.source, self.column) {
            (None, _) => format!(
                "User '{}' has no picture; nothing to remove.",
                self.selector
            ),
            (Some(source), Some(column)) => format!(
                "Cleared the picture of user '{}' ({}: {column}; its object, if any, left where it is); the default picture applies now.",
                self.selector,
                if source == "app" {
                    "the app's"
                } else {
                    "external"
                }
            ),
            (Some(_), None) => {
                let n = self.deleted.len();
                format!(
                    "Removed the picture of user '{}' ({n} object{} deleted); the default picture applies now.",
                    self.selector,
                    if n == 1 { "" } else { "s" }
                )
            }
        }
    }
}
