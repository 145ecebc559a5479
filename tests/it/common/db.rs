//! Database fixtures: a SQLite file in a temp dir, or a PostgreSQL schema of its own on
//! the server at 127.0.0.1:5432 (trust auth, database `test`), dropped afterwards.

#![allow(dead_code)]

use std::path::Path;

/// Where PostgreSQL is; override with PFP_TEST_POSTGRES.
pub fn postgres_base() -> String {
    std::env::var("PFP_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://root@127.0.0.1:5432/test".into())
}

/// A name for a schema or database no other test of any test process uses:
/// `{stem}_{pid}_{n}`.
/// (A bucket's unique name with `_` for `-`, which SQL names would have to quote.)
pub fn unique_pg_name(stem: &str) -> String {
    super::unique_bucket(stem).replace('-', "_")
}

pub enum TestDb {
    Sqlite { url: String },
    Postgres { url: String, schema: String },
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// Runs SQL statements against the test database (outside pfp).
pub fn pg_exec(url: &str, sql: &str) {
    runtime().block_on(async {
        let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL at {url} is needed for these tests: {e}"));
        let task = tokio::spawn(conn);
        client
            .batch_execute(sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        drop(client);
        let _ = task.await;
    });
}

/// Runs a query and returns the first column of each row as text.
pub fn pg_query(url: &str, sql: &str) -> Vec<Option<String>> {
    runtime().block_on(async {
        let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .unwrap();
        let task = tokio::spawn(conn);
        let rows = client
            .query(sql, &[])
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        let out = rows.iter().map(|r| r.get::<_, Option<String>>(0)).collect();
        drop(client);
        let _ = task.await;
        out
    })
}

impl TestDb {
    pub fn sqlite(dir: &Path) -> TestDb {
        TestDb::Sqlite {
            url: format!("sqlite:{}", dir.join("users.db").display()),
        }
    }

    /// A second, empty database of the same backend as `db` (SQLite in `dir`).
    pub fn fresh_like(db: &TestDb, dir: &Path) -> TestDb {
        match db {
            TestDb::Sqlite { .. } => TestDb::Sqlite {
                url: format!("sqlite:{}", dir.join("another.db").display()),
            },
            TestDb::Postgres { .. } => TestDb::postgres(),
        }
    }

    pub fn postgres() -> TestDb {
        let schema = unique_pg_name("pfp_test");
        let base = postgres_base();
        pg_exec(
            &base,
            &format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"),
        );
        let sep = if base.contains('?') { '&' } else { '?' };
        TestDb::Postgres {
            url: format!("{base}{sep}options=-csearch_path%3D{schema}"),
            schema,
        }
    }

    /// [`TestDb::postgres`], its sessions started with a setting as the URL's options
    /// give it (`name=value`, as `-c name=value`: a DBA's database or role default).
    pub fn postgres_with(setting: &str) -> TestDb {
        let mut db = TestDb::postgres();
        if let TestDb::Postgres { url, .. } = &mut db {
            url.push_str(&format!("%20-c{}", setting.replace('=', "%3D")));
        }
        db
    }

    pub fn url(&self) -> &str {
        match self {
            TestDb::Sqlite { url } | TestDb::Postgres { url, .. } => url,
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, TestDb::Postgres { .. })
    }

    /// Runs SQL in this database (its own schema for PostgreSQL).
    pub fn exec(&self, sql: &str) {
        match self {
            TestDb::Sqlite { url } => {
                let conn = rusqlite::Connection::open(url.trim_start_matches("sqlite:")).unwrap();
                conn.execute_batch(sql)
                    .unwrap_or_else(|e| panic!("{sql}: {e}"));
            }
            TestDb::Postgres { url, .. } => pg_exec(url, sql),
        }
    }

    /// The first column of each row, as text.
    pub fn query(&self, sql: &str) -> Vec<Option<String>> {
        match self {
            TestDb::Sqlite { url } => {
                let conn = rusqlite::Connection::open(url.trim_start_matches("sqlite:")).unwrap();
                let mut stmt = conn.prepare(sql).unwrap();
                stmt.query_map([], |r| r.get::<_, Option<String>>(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect()
            }
            TestDb::Postgres { url, .. } => pg_query(url, sql),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres { schema, .. } = self {
            pg_exec(
                &postgres_base(),
                &format!("DROP SCHEMA IF EXISTS {schema} CASCADE"),
            );
        }
    }
}

/// Defines each test twice: `NAME::sqlite` and `NAME::postgres`, with `db: &TestDb`.
#[macro_export]
macro_rules! both_backends {
    ($(fn $name:ident($db:ident, $dir:ident) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;
                fn body($db: &$crate::common::db::TestDb, $dir: &std::path::Path) $body

                #[test]
                fn sqlite() {
                    let dir = tempfile::tempdir().unwrap();
                    let db = $crate::common::db::TestDb::sqlite(dir.path());
                    body(&db, dir.path());
                }

                #[test]
                fn postgres() {
                    let dir = tempfile::tempdir().unwrap();
                    let db = $crate::common::db::TestDb::postgres();
                    body(&db, dir.path());
                }
            }
        )*
    };
}

/// Writes a config file at `path` that maps the app's own `users` table in `schema`
/// (existing-schema mode), with `url` as the database.
pub fn write_mapping_config(path: &Path, url: &str, schema: &str) {
    std::fs::write(
        path,
        format!(
            "[database]\nurl = \"{url}\"\n[database.mapping]\ntable = \"{schema}.users\"\nid = \"id\"\nlookup = [\"email\", \"nickname\"]\npicture_url = \"profile_picture_url\"\n"
        ),
    )
    .expect("the config file is written");
}
