//! `--user` selectors: an id, a UUID, an email or a nickname, told apart by their form
//! (or forced with `--user-by`).

use crate::error::Error;

/// What a `--user` selector matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectorKind {
    Id,
    Uuid,
    Email,
    Nickname,
}

impl SelectorKind {
    pub(super) fn column_name(self) -> &'static str {
        match self {
            SelectorKind::Id => "id",
            SelectorKind::Uuid => "uuid",
            SelectorKind::Email => "email",
            SelectorKind::Nickname => "nickname",
        }
    }
}

/// A `--user` value and what it was taken for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector {
    pub text: String,
    pub kind: SelectorKind,
    /// Forced with `--user-by` (no guessing, no fallback).
    pub forced: bool,
}

impl Selector {
    /// An integer is an id, a UUID a uuid, anything with `@` an email, the rest a nickname.
    pub fn parse(text: &str, forced: Option<SelectorKind>) -> Result<Selector, Error> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::invalid("the user selector is empty"));
        }
        let kind = match forced {
            Some(kind) => kind,
            None if text.bytes().all(|b| b.is_ascii_digit()) => SelectorKind::Id,
            None if uuid::Uuid::try_parse(text).is_ok() => SelectorKind::Uuid,
            None if text.contains('@') => SelectorKind::Email,
            None => SelectorKind::Nickname,
        };
        // "007" would find user 7: a file named 007.jpg is more likely a nickname.
        if forced.is_none() && kind == SelectorKind::Id && text.len() > 1 && text.starts_with('0') {
            return Err(Error::invalid(format!(
                "'{text}' has leading zeros: as an id it would be user {}; use {by} id or {by} nickname to say which",
                text.trim_start_matches('0')
                    .parse::<u64>()
                    .map_or_else(|_| "0".to_owned(), |n| n.to_string()),
                by = crate::error::Setting::UserBy.name()
            )));
        }
        if kind == SelectorKind::Id && !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid(format!(
                "user id '{text}' is not an integer"
            )));
        }
        if kind == SelectorKind::Uuid && uuid::Uuid::try_parse(text).is_err() {
            return Err(Error::invalid(format!("user uuid '{text}' is not a UUID")));
        }
        let text = if kind == SelectorKind::Uuid {
            text.to_ascii_lowercase()
        } else {
            text.to_owned()
        };
        Ok(Selector {
            text,
            kind,
            forced: forced.is_some(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_are_detected() {
        let kind = |t: &str| Selector::parse(t, None).unwrap().kind;
        assert_eq!(kind("42"), SelectorKind::Id);
        assert_eq!(
            kind("6f1c2a1e-6bd4-4b43-9a0e-2f4a4b3c2d1e"),
            SelectorKind::Uuid
        );
        assert_eq!(kind("alice@example.com"), SelectorKind::Email);
        assert_eq!(kind("alice"), SelectorKind::Nickname);
        assert_eq!(
            Selector::parse("42", Some(SelectorKind::Nickname))
                .unwrap()
                .kind,
            SelectorKind::Nickname
        );
        assert!(Selector::parse("abc", Some(SelectorKind::Id)).is_err());
        assert!(Selector::parse("  ", None).is_err());
    }
}
