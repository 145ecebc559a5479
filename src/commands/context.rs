//! What every command gets: the validated settings, the printer, and the connections
//! (made on first use).

use crate::error::{Error, Result};
use crate::output::Printer;
use crate::settings::Settings;
use crate::store::Store;
use crate::store::presign::Presigner;
use crate::users::{Create, Db};

/// What every command gets: the validated settings and the printer. Connections are made
/// on first use, so light commands (`config show`, `completions`) touch no network.
pub struct Context {
    pub settings: Settings,
    pub printer: Printer,
    db: tokio::sync::OnceCell<Db>,
    /// Whether a SQLite database may be created where none is (see
    /// `Command::creates_database`).
    creates_database: bool,
    /// Built once per run: building the HTTP client loads the system's trust store.
    store: tokio::sync::OnceCell<Store>,
    /// Whether a wrong clock has been warned of (once a run, not once a URL).
    clock_warned: std::sync::atomic::AtomicBool,
}

/// A clock this far from the server's is warned of when URLs are signed (below it, they
/// are dated by the server's clock without a word).
const CLOCK_WARNING: std::time::Duration = std::time::Duration::from_secs(60);

/// The shortest life of temporary keys (AWS STS and MinIO's STS: 15 minutes): a URL
/// signed with a session token for longer may stop working before its expiry.
const SHORTEST_TEMPORARY_KEYS: std::time::Duration = std::time::Duration::from_secs(15 * 60);

impl Context {
    pub fn new(settings: Settings, printer: Printer) -> Self {
        Context {
            settings,
            printer,
            db: tokio::sync::OnceCell::new(),
            creates_database: false,
            store: tokio::sync::OnceCell::new(),
            clock_warned: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Lets this run create the SQLite database where none is yet (`user add`, ...).
    pub fn creating_database(mut self, creates: bool) -> Self {
        self.creates_database = creates;
        self
    }

    /// Signs URLs for the public endpoint if one is configured, else the endpoint itself,
    /// for `expires`. Temporary keys (a session token) are named in a warning when the
    /// URLs are to live longer than the shortest such keys do: a URL stops working when
    /// the keys that signed it expire, whatever its own expiry says (S3 and MinIO check
    /// the token as the URL is used), and pfp cannot know when they do.
    pub fn presigner(&self, expires: std::time::Duration) -> Result<Presigner, Error> {
        let s = &self.settings;
        if let Some(token) = &s.session_token
            && expires > SHORTEST_TEMPORARY_KEYS
        {
            self.printer.warn(&format!(
                "the URLs are signed with temporary keys ({}, with a session token): they stop working when those keys expire, which may be before their {}; sign with long-lived keys for URLs meant to last",
                token.source,
                crate::values::units::format_duration(expires)
            ));
        }
        let (access_key, secret) = s.credentials()?;
        let endpoint = s.public_endpoint.as_ref().unwrap_or(&s.endpoint);
        Ok(Presigner::new(
            &endpoint.value,
            s.bucket.value.as_str(),
            access_key,
            secret,
            &s.region.value,
        )
        .with_session_token(s.session_token.as_ref().map(|t| &t.value))
        .with_server_clock(self.server_clock()))
    }

    /// "bucket 'demo' at http://…:9000, database sqlite:…" (the password masked): where a
    /// bulk change lands, for its confirmation question, the last chance to see a wrong
    /// environment.
    pub fn place(&self) -> String {
        let s = &self.settings;
        format!(
            "bucket '{}' at {}, database {}",
            s.bucket.value,
            s.endpoint.value,
            s.database.value.masked()
        )
    }

    /// The server's clock against this machine's, where a request has told it (never
    /// with `--offline`), warned of once a run where it is far off.
    fn server_clock(&self) -> Option<crate::store::clock::Offset> {
        let clock = self.store.get()?.clock()?;
        if clock.magnitude() >= CLOCK_WARNING
            && !self
                .clock_warned
                .swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            self.printer.warn(&format!(
                "this machine's clock is {} (by its Date header): URLs are dated by the server's clock, so they last as long as asked; synchronise this clock (NTP)",
                clock.describe()
            ));
        }
        Some(clock)
    }

    /// The app's picture of a user pfp has none for (see [`crate::workflow::adopt`]),
    /// judged against the endpoint, the public endpoint and the bucket.
    pub fn app_picture(&self, column: Option<&str>) -> Option<crate::values::ColumnPicture> {
        self.app_picture_over(column, false)
    }

    /// The app's picture that is the user's picture, with `current` pfp's current picture
    /// of the user: none of pfp's, or one the app wrote its own over and `pfp adopt` takes
    /// ([`crate::workflow::adopt::app_picture_over`]).
    pub fn app_picture_of(
        &self,
        column: Option<&str>,
        current: Option<&crate::users::LedgerEntry>,
    ) -> Option<crate::values::ColumnPicture> {
        let column = column.filter(|c| current.is_none_or(|e| e.url != *c));
        self.app_picture_over(column, current.is_some())
    }

    /// [`Context::app_picture_of`] for a column already known not to be the URL of pfp's
    /// current picture (`over_pfps`: pfp has one).
    pub fn app_picture_over(
        &self,
        column: Option<&str>,
        over_pfps: bool,
    ) -> Option<crate::values::ColumnPicture> {
        // Most rows of an export have no column value to read: no list of endpoints.
        let column = column?;
        let s = &self.settings;
        let mut endpoints = vec![&s.endpoint.value];
        if let Some(public) = &s.public_endpoint {
            endpoints.push(&public.value);
        }
        if let Some(app) = &s.app_endpoints {
            endpoints.extend(&app.value);
        }
        crate::workflow::adopt::app_picture_over(
            Some(column),
            over_pfps,
            &endpoints,
            &s.bucket.value,
        )
    }

    /// Asks a yes/no question on the terminal. Without a terminal it refuses, naming
    /// `--yes`, so scripts never hang on a prompt or act without consent.
    pub fn confirm(&self, question: &str, yes: bool) -> Result<(), Error> {
        if yes {
            return Ok(());
        }
        if !self.printer.can_prompt() {
            return Err(Error::new(
                crate::error::Kind::Usage,
                format!("{question} Refusing without confirmation: pass --yes to go ahead"),
            ));
        }
        let go = dialoguer::Confirm::new()
            // The question may name a user by the values the app's users chose.
            .with_prompt(crate::values::terminal_safe(question))
            .default(false)
            .interact()
            .map_err(|e| Error::new(crate::error::Kind::Usage, format!("no confirmation: {e}")))?;
        if go {
            Ok(())
        } else {
            // The user's own choice, not an error to report: one plain line, exit 2.
            self.printer.status(&crate::output::Cancelled);
            Err(Error::silent(crate::error::Kind::Usage))
        }
    }

    /// A database password, typed on the terminal without echo.
    fn ask_password(&self, user: &str) -> Result<crate::values::Secret, Error> {
        dialoguer::Password::new()
            .with_prompt(format!(
                "Password for user {}",
                crate::values::terminal_safe(user)
            ))
            .allow_empty_password(true)
            .interact()
            .map(crate::values::Secret::new)
            .map_err(|e| Error::new(crate::error::Kind::Usage, format!("no password: {e}")))
    }

    /// The user database, opened (and migrated) on first use.
    pub async fn db(&self) -> Result<&Db, Error> {
        self.db
            .get_or_try_init(|| async {
                let s = &self.settings;
                let target = s.db_target()?;
                let create = if self.creates_database {
                    Create::Allowed
                } else {
                    Create::Refused
                };
                let db = match Db::open(target, s.mapping.as_ref(), s.timeout.value, create).await {
                    // The server asks for a password that no setting gave: on a terminal,
                    // asked for without echo, as psql asks (and never taken from the
                    // command line, where ps and the shell's history would show it).
                    Err(e)
                        if e.code() == Some(crate::users::PASSWORD_MISSING)
                            && self.printer.can_prompt() =>
                    {
                        let crate::users::Target::Postgres(params) = target else {
                            return Err(e);
                        };
                        let mut params = params.clone();
                        params.password = Some(self.ask_password(&params.user)?);
                        let target = crate::users::Target::Postgres(&params);
                        Db::open(target, s.mapping.as_ref(), s.timeout.value, create).await?
                    }
                    opened => opened?,
                };
                let printer = self.printer.clone();
                db.on_lock_wait(Box::new(move |line| {
                    printer.status(&crate::output::LockWait(line))
                }));
                db.set_lock_timeout(s.lock_timeout.value);
                if let Some(what) = db.created() {
                    self.printer.status(&crate::output::DatabaseCreated(what));
                }
                if let Some(warning) = db.plain_warning() {
                    self.printer.warn(&warning);
                }
                Ok(db)
            })
            .await
    }

    /// Closes the user database's connections, if it was opened, as a client should (the
    /// server is told, rather than left to find its connections reset).
    pub async fn close(&mut self) {
        if let Some(db) = self.db.take() {
            for notice in db.take_notices() {
                self.printer.warn(&notice);
            }
            db.close().await;
        }
    }

    /// The object store, checked to be this database's own (see
    /// [`crate::workflow::identity::ensure`]): for a step that deletes or writes there,
    /// so that a wrong bucket or server is refused before anything is asked or changed.
    pub async fn own_store(&self) -> Result<&Store, Error> {
        Ok(self.own_store_shared().await?.0)
    }

    /// [`Context::own_store`], and whether other databases claimed the store too (whose
    /// pictures objects no ledger entry here records may be).
    pub async fn own_store_shared(&self) -> Result<(&Store, bool), Error> {
        let store = self.store().await?;
        let db = self.db().await?;
        let paired = crate::workflow::identity::ensure(
            store,
            db,
            &self.settings.bucket.value,
            &self.settings.endpoint.value,
        )
        .await?;
        Ok((store, !paired.others.is_empty()))
    }

    /// The object store client, built on first use (no request is made by creating it).
    /// It is built on the blocking pool: for an HTTPS endpoint building it reads the
    /// system's CA certificates (about 9 ms of CPU here), file I/O and parsing that does
    /// not belong on a runtime thread. (It bought no measurable time on `upload`:
    /// docs/performance-log.md, "Tried for the single upload, bought nothing".)
    pub async fn store(&self) -> Result<&Store, Error> {
        self.store
            .get_or_try_init(|| async {
                let config = self.settings.store_config()?;
                tokio::task::spawn_blocking(move || Store::connect(&config))
                    .await
                    .map_err(|e| {
                        Error::new(
                            crate::error::Kind::Internal,
                            format!("setting up the S3 client: {e}"),
                        )
                    })?
            })
            .await
    }

    /// Proves the credentials with one signed request (HEAD of the bucket) before a
    /// command prints URLs. URLs are signed locally, so without this a wrong or stale
    /// secret key would hand out links that all answer 403, with exit 0. `offline`
    /// (the commands' `--offline`) skips it, for signing without a server in reach.
    pub async fn prove_credentials(&self, offline: bool) -> Result<(), Error> {
        if offline {
            return Ok(());
        }
        self.store()
            .await?
            .require_bucket(&self.settings.bucket.value)
            .await
    }
}
