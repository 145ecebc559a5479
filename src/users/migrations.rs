//! Versioned schemas, one scheme on both backends: numbered steps, each applied once and
//! in order, never edited once released, under a lock so concurrent first runs do not
//! race. SQLite records the count in `user_version` (as rusqlite_migration, which earlier
//! versions used, did: their databases carry on) and applies what is missing in one
//! `BEGIN IMMEDIATE` transaction; PostgreSQL keeps `pfp_schema_migrations(track,
//! version)` and applies each step in a transaction under an advisory lock.
//!
//! Two tracks: `users` (the users table, only when pfp owns the schema) and `ledger`
//! (`pfp_pictures`, always: it is how pfp knows which objects it owns).

/// SQLite: users (v1, v2, v6), the ledger (v3, v4, v7, v8) and settings (v5). Never edit a
/// released step; add one.
pub const SQLITE: &[&str] = &[
    // v1: users as the web app first had them.
    "CREATE TABLE users (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        email TEXT NOT NULL UNIQUE,
        nickname TEXT NOT NULL UNIQUE,
        profile_picture_url VARCHAR(255),
        created_at TEXT NOT NULL
    );",
    // v2: display names and change times.
    "ALTER TABLE users ADD COLUMN display_name TEXT;
     ALTER TABLE users ADD COLUMN updated_at TEXT;
     UPDATE users SET updated_at = created_at;",
    // v3: the ledger of pictures pfp stored.
    "CREATE TABLE pfp_pictures (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('user', 'default')),
        user_ref TEXT NOT NULL DEFAULT '',
        object_key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        mime TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        sizes TEXT NOT NULL,
        url TEXT NOT NULL,
        created_at TEXT NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX pfp_pictures_one_current ON pfp_pictures (kind, user_ref) WHERE is_current = 1;
    CREATE INDEX pfp_pictures_user ON pfp_pictures (kind, user_ref);
    CREATE INDEX pfp_pictures_key ON pfp_pictures (object_key);",
    // v4: a fingerprint of the source file and options, so a re-run import skips work.
    "ALTER TABLE pfp_pictures ADD COLUMN source TEXT NOT NULL DEFAULT '';",
    // v5: pfp's own settings (e.g. the generated default avatar style).
    "CREATE TABLE pfp_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    // v6: emails are case-insensitive: unique and looked up by lower(email), an
    // expression index serving both.
    "CREATE UNIQUE INDEX users_email_lower ON users (lower(email));",
    // v7: when a picture stopped being current: a replaced picture is kept for a while
    // (`pfp restore`), then deleted.
    "ALTER TABLE pfp_pictures ADD COLUMN retired_at TEXT;",
    // v8: the app's pictures (column values pfp did not write) that an upload, import or
    // remove replaced, kept for `pfp restore` as pfp's own replaced pictures are.
    "CREATE TABLE pfp_replaced_values (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_ref TEXT NOT NULL,
        value TEXT NOT NULL,
        replaced_at TEXT NOT NULL
    );
    CREATE INDEX pfp_replaced_values_user ON pfp_replaced_values (user_ref);",
];

/// PostgreSQL, users track (pfp-owned schema only).
pub const POSTGRES_USERS: &[&str] = &[
    "CREATE TABLE users (
        id BIGSERIAL PRIMARY KEY,
        uuid UUID NOT NULL UNIQUE,
        email TEXT NOT NULL UNIQUE,
        nickname TEXT NOT NULL UNIQUE,
        profile_picture_url VARCHAR(255),
        created_at TEXT NOT NULL
    )",
    "ALTER TABLE users ADD COLUMN display_name TEXT;
     ALTER TABLE users ADD COLUMN updated_at TEXT;
     UPDATE users SET updated_at = created_at",
    // Emails are case-insensitive: unique and looked up by lower(email).
    "CREATE UNIQUE INDEX users_email_lower ON users (lower(email))",
];

/// PostgreSQL, ledger track. `{ledger}` is replaced by the (quoted, validated) table name,
/// `{settings}` and `{replaced_values}` by its siblings'.
pub const POSTGRES_LEDGER: &[&str] = &[
    "CREATE TABLE {ledger} (
        id BIGSERIAL PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('user', 'default')),
        user_ref TEXT NOT NULL DEFAULT '',
        object_key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        mime TEXT NOT NULL,
        bytes BIGINT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        sizes TEXT NOT NULL,
        url TEXT NOT NULL,
        created_at TEXT NOT NULL,
        is_current BOOLEAN NOT NULL DEFAULT false
    );
    CREATE UNIQUE INDEX pfp_pictures_one_current ON {ledger} (kind, user_ref) WHERE is_current;
    CREATE INDEX pfp_pictures_user ON {ledger} (kind, user_ref);
    CREATE INDEX pfp_pictures_key ON {ledger} (object_key)",
    "ALTER TABLE {ledger} ADD COLUMN source TEXT NOT NULL DEFAULT ''",
    "CREATE TABLE {settings} (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "ALTER TABLE {ledger} ADD COLUMN retired_at TEXT",
    "CREATE TABLE {replaced_values} (
        id BIGSERIAL PRIMARY KEY,
        user_ref TEXT NOT NULL,
        value TEXT NOT NULL,
        replaced_at TEXT NOT NULL
    );
    CREATE INDEX pfp_replaced_values_user ON {replaced_values} (user_ref)",
];

/// The schema version a fully migrated SQLite database reports.
pub fn sqlite_latest() -> usize {
    SQLITE.len()
}
