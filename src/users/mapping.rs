//! Existing-schema mode: which table and columns of the app's own database hold users.
//! Names from the config are validated identifiers, always double-quoted in SQL; values
//! are always bound parameters.

use std::fmt;

use serde::Deserialize;

use crate::error::Error;

/// A validated SQL identifier: a letter or underscore, then letters, digits, underscores;
/// at most 63 bytes (PostgreSQL's limit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident(String);

impl Ident {
    pub fn parse(text: &str, what: &str) -> Result<Ident, Error> {
        let ok = !text.is_empty()
            && text.len() <= 63
            && text
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ok {
            return Err(Error::config(format!(
                "invalid {what} '{text}' in [database.mapping]: use a plain identifier (letters, digits, underscores; optionally schema.table for the table)"
            )));
        }
        Ok(Ident(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Ident {
    /// Double-quoted, safe to splice into SQL (the characters were validated).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.0)
    }
}

/// A table name, optionally schema-qualified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableName {
    pub schema: Option<Ident>,
    pub table: Ident,
}

impl TableName {
    pub fn parse(text: &str) -> Result<TableName, Error> {
        match text.split_once('.') {
            Some((schema, table)) => Ok(TableName {
                schema: Some(Ident::parse(schema, "schema")?),
                table: Ident::parse(table, "table")?,
            }),
            None => Ok(TableName {
                schema: None,
                table: Ident::parse(text, "table")?,
            }),
        }
    }

    /// The ledger table beside this table (same schema).
    pub fn sibling(&self, name: &str) -> TableName {
        TableName {
            schema: self.schema.clone(),
            table: Ident(name.to_owned()),
        }
    }
}

impl fmt::Display for TableName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.schema {
            Some(schema) => write!(f, "{schema}.{}", self.table),
            None => write!(f, "{}", self.table),
        }
    }
}

/// `[database.mapping]` as written in the config file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingSection {
    pub table: Option<String>,
    pub id: Option<String>,
    pub lookup: Option<Vec<String>>,
    pub picture_url: Option<String>,
}

/// The validated mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub table: TableName,
    pub id: Ident,
    pub lookup: Vec<Ident>,
    pub picture_url: Ident,
}

impl Mapping {
    pub fn from_section(section: &MappingSection) -> Result<Mapping, Error> {
        let required = |v: &Option<String>, key: &str| {
            v.clone()
                .ok_or_else(|| Error::config(format!("[database.mapping] needs '{key}'")))
        };
        let table = TableName::parse(&required(&section.table, "table")?)?;
        let id = Ident::parse(&required(&section.id, "id")?, "id column")?;
        let picture_url = Ident::parse(
            &required(&section.picture_url, "picture_url")?,
            "picture_url column",
        )?;
        let lookup = section
            .lookup
            .clone()
            .unwrap_or_default()
            .iter()
            .map(|c| Ident::parse(c, "lookup column"))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Mapping {
            table,
            id,
            lookup,
            picture_url,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_identifiers_are_refused() {
        for bad in [
            "users; DROP TABLE x",
            "users\"",
            "1users",
            "",
            "us ers",
            "a.b.c",
            "users--",
        ] {
            assert!(TableName::parse(bad).is_err(), "{bad}");
        }
        let err = TableName::parse("users; DROP TABLE x").unwrap_err();
        assert!(err.to_string().contains("users; DROP TABLE x"));
        assert_eq!(err.kind(), crate::error::Kind::Config);
    }

    #[test]
    fn qualified_names_are_quoted() {
        let t = TableName::parse("public.users").unwrap();
        assert_eq!(t.to_string(), "\"public\".\"users\"");
        assert_eq!(
            t.sibling("pfp_pictures").to_string(),
            "\"public\".\"pfp_pictures\""
        );
    }
}
