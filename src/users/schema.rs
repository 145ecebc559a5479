//! How SQL names the users table, the ledger and the settings of this database: pfp's own
//! schema, or an app's table mapped in the config (its column types read once).

use super::conn::Conn;
use super::mapping::{Ident, Mapping, TableName};
use crate::error::Error;

/// How SQL refers to the users table of this database.
#[derive(Clone, Debug)]
pub(super) struct Schema {
    pub(super) table: TableName,
    pub(super) id: Ident,
    /// SQL that turns the text parameter `$1` into the id column's type.
    pub(super) id_param: &'static str,
    /// The uuid column, if the table has one (pfp-owned).
    pub(super) uuid: Option<Ident>,
    /// SQL for the uuid parameter: `CAST($1 AS uuid)` in PostgreSQL, `$1` in SQLite.
    pub(super) uuid_param: &'static str,
    /// Columns a selector may match, and that `show` displays.
    pub(super) fields: Vec<Ident>,
    pub(super) picture: Ident,
    pub(super) ledger: TableName,
    pub(super) settings: TableName,
    /// App pictures pfp replaced or cleared (the column's value), kept for `pfp restore`.
    pub(super) replaced_values: TableName,
    /// The picture column's maximum length (VARCHAR(n)), if it has one.
    pub(super) picture_limit: Option<usize>,
    /// The picture column is NOT NULL (Django's and Laravel's string columns are by
    /// default): no picture is `''` there, written so by pfp (see [`Schema::no_picture`]).
    pub(super) picture_required: bool,
    pub(super) owned: bool,
    /// The table has a rule that may skip a write of the picture column without an
    /// error: a BEFORE UPDATE row trigger of its own (one that returns NULL; a foreign
    /// key's internal triggers do not count), a rewrite rule (`DO INSTEAD NOTHING`; a
    /// view has one, its `_RETURN`, and so counts: an INSTEAD OF trigger may skip), or
    /// row security that applies to this role (a policy that hides the row from
    /// UPDATE). There a change is counted before it is committed (one round trip more),
    /// never committed with its writes.
    pub(super) guarded: bool,
    /// Row security applies to this role on the table (`row_security_active`): a row its
    /// policies hide is missing to pfp, and "not found" says why it may be.
    pub(super) row_security: bool,
}

pub(super) const LEDGER: &str = "pfp_pictures";

/// The table of app pictures' column values pfp replaced, kept for `pfp restore`.
pub(super) const REPLACED_VALUES: &str = "pfp_replaced_values";

pub(super) const ENTRY_COLUMNS: &str = "id, kind, user_ref, object_key, content_hash, mime, bytes, width, height, sizes, url, created_at, is_current, source, retired_at";

pub(super) fn ident(name: &str) -> Ident {
    Ident::parse(name, "column").expect("pfp's own column names are valid")
}

pub(super) fn owned_schema(id_param: &'static str, uuid_param: &'static str) -> Schema {
    Schema {
        table: TableName::parse("users").expect("valid"),
        id: ident("id"),
        id_param,
        uuid: Some(ident("uuid")),
        uuid_param,
        fields: ["uuid", "email", "nickname", "display_name"]
            .map(ident)
            .to_vec(),
        picture: ident("profile_picture_url"),
        ledger: TableName::parse(LEDGER).expect("valid"),
        settings: TableName::parse("pfp_settings").expect("valid"),
        replaced_values: TableName::parse(REPLACED_VALUES).expect("valid"),
        picture_limit: Some(255),
        picture_required: false,
        owned: true,
        guarded: false,
        row_security: false,
    }
}

impl Schema {
    /// SQL for "no picture" in the picture column: NULL, or `''` where the column is NOT
    /// NULL (the app's own convention there, which pfp keeps).
    pub(super) fn no_picture(&self) -> &'static str {
        if self.picture_required { "''" } else { "NULL" }
    }

    /// The parameter that writes `url` to the picture column, or no picture.
    pub(super) fn picture_value(&self, url: Option<&str>) -> super::conn::Value {
        match url {
            Some(url) => url.into(),
            None if self.picture_required => "".into(),
            None => super::conn::Value::Null,
        }
    }
}

/// Reads the mapped table's column types, so ids are compared in their own type (and its
/// index is used) and the picture column's width is known.
pub(super) async fn mapped_schema(conn: &mut Conn, m: &Mapping) -> Result<Schema, Error> {
    let schema_name = m.table.schema.as_ref().map(|s| s.as_str().to_owned());
    let sql = "SELECT column_name::text, data_type::text, character_maximum_length::bigint, \
               is_nullable::text, \
               (SELECT CAST(c.relhasrules OR EXISTS (SELECT 1 FROM pg_trigger t \
                 WHERE t.tgrelid = c.oid AND NOT t.tgisinternal AND t.tgtype & 19 = 19) AS TEXT) \
                 || ',' || CAST(row_security_active(c.oid) AS TEXT) \
                FROM pg_class c \
                JOIN pg_namespace n ON n.oid = c.relnamespace \
                WHERE c.relname = $1 AND n.nspname = COALESCE($2, current_schema())) \
               FROM information_schema.columns \
               WHERE table_name = $1 AND table_schema = COALESCE($2, current_schema())";
    let rows = conn
        .query(sql, &[m.table.table.as_str().into(), schema_name.into()])
        .await?;
    if rows.is_empty() {
        return Err(Error::config(format!(
            "the mapped table {} does not exist (or is not visible to this database user)",
            m.table
        )));
    }
    let column = |name: &Ident| {
        rows.iter()
            .find(|r| r[0].text().as_deref() == Some(name.as_str()))
            .map(|r| {
                (
                    r[1].text().unwrap_or_default(),
                    r[2].text().and_then(|l| l.parse().ok()),
                    r[3].text().as_deref() == Some("NO"),
                )
            })
            .ok_or_else(|| {
                Error::config(format!(
                    "the mapped table {} has no column {}",
                    m.table, name
                ))
            })
    };
    let (id_type, _, _) = column(&m.id)?;
    let id_param = match id_type.as_str() {
        "uuid" => "CAST($1::text AS uuid)",
        "integer" | "bigint" | "smallint" => "CAST($1::text AS bigint)",
        _ => "$1",
    };
    for c in &m.lookup {
        column(c)?;
    }
    let (_, picture_limit, picture_required) = column(&m.picture_url)?;
    let rules = rows.first().and_then(|r| r.get(4)).and_then(|v| v.text());
    let (rules, row_security) = rules
        .as_deref()
        .and_then(|t| t.split_once(','))
        .map_or((false, false), |(r, s)| (r == "true", s == "true"));
    let guarded = rules || row_security;
    Ok(Schema {
        table: m.table.clone(),
        id: m.id.clone(),
        id_param,
        uuid: None,
        uuid_param: "$1",
        fields: m.lookup.clone(),
        picture: m.picture_url.clone(),
        ledger: m.table.sibling(LEDGER),
        settings: m.table.sibling("pfp_settings"),
        replaced_values: m.table.sibling(REPLACED_VALUES),
        picture_limit,
        picture_required,
        owned: false,
        guarded,
        row_security,
    })
}
