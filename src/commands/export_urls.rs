//! `pfp export-urls`: presigned URLs for many users at once, as CSV or NDJSON on stdout,
//! for cache warming and for handing URLs to other systems. Signing is local and the
//! signing key is derived once, so the database is the limit, not the signatures.

use crate::commands::Context;
use crate::error::{Error, Kind, Result};
use crate::output::{ExportDone, RowWriter, UrlRow, plural};
use crate::settings::ExportUrlsOptions;
use crate::store::presign::Presigner;
use crate::users::{LedgerEntry, PictureKind, Selector, User};
use crate::values::{ColumnPicture, in_shard};

/// Users fetched from the database per query.
const PAGE: u64 = 10_000;

struct Writer<'a> {
    sink: RowWriter<'a>,
    /// Set when the rows' reader went away (`pfp export-urls | head`): see [`run`].
    closed: &'a std::sync::atomic::AtomicBool,
    presigner: Presigner,
    expires: std::time::Duration,
    size: Option<u32>,
    default: Option<LedgerEntry>,
    /// Users without any picture (no default either).
    missing: usize,
    /// Users served another size than `--size` asked for.
    substituted: usize,
    /// Lines of `--users` that name nobody, or no valid selector.
    not_found: usize,
    invalid: usize,
    /// Users whose column holds a URL outside the bucket, exported as it is.
    external: usize,
    /// Users whose column holds the app's picture in the bucket, written over pfp's.
    over: usize,
}

/// The rendition to serve of a picture whose main key is `key`: with `--size`, that
/// size if stored, else the main one, and the size served (the `size` column); without
/// it, the main one and no size (the lean query reads no sizes).
fn rendition<'k>(
    key: &'k str,
    sizes: &'k [crate::users::SizeEntry],
    wanted: Option<u32>,
) -> (&'k str, Option<u32>) {
    let Some(wanted) = wanted else {
        return (key, None);
    };
    match sizes.iter().find(|e| e.size == wanted) {
        Some(found) => (found.key.as_str(), Some(found.size)),
        None => (key, sizes.iter().find(|e| e.key == key).map(|e| e.size)),
    }
}

impl Writer<'_> {
    /// One row from the lean query: the app's picture that is the user's (`app`: see
    /// [`Context::app_picture_of`]), else the user's current key (and sizes JSON), if
    /// any, else the default.
    fn write_key(
        &mut self,
        id: &str,
        key: Option<&str>,
        sizes: Option<&str>,
        app: Option<&ColumnPicture>,
    ) -> Result<(), Error> {
        if let Some(app) = app {
            self.over += usize::from(key.is_some());
            return self.write_app(id, app);
        }
        let Some(key) = key else {
            let default = self.default.take();
            let result = self.write_row(
                id,
                default
                    .as_ref()
                    .map(|d| ("default", d.key.as_str(), &d.sizes[..])),
            );
            self.default = default;
            return result;
        };
        let sizes: Vec<crate::users::SizeEntry> = match (self.size, sizes) {
            (Some(_), Some(json)) => serde_json::from_str(json).unwrap_or_default(),
            _ => Vec::new(),
        };
        self.write_row(id, Some(("user", key, &sizes[..])))
    }

    fn write_row(
        &mut self,
        id: &str,
        picture: Option<(&str, &str, &[crate::users::SizeEntry])>,
    ) -> Result<(), Error> {
        let (source, key, size, presigned) = match picture {
            Some((source, key, sizes)) => {
                let (key, size) = rendition(key, sizes, self.size);
                if self.size.is_some() && size != self.size {
                    self.substituted += 1;
                }
                (
                    source,
                    key,
                    size,
                    Some(self.presigner.presign_get(key, self.expires)),
                )
            }
            None => {
                self.missing += 1;
                ("none", "", None, None)
            }
        };
        self.emit(&UrlRow {
            user: id,
            source,
            size,
            key,
            url: presigned.as_ref().map_or("", |p| p.url.as_str()),
            expires_at: presigned.as_ref().map_or("", |p| p.expires_at.as_str()),
        })
    }

    /// A user whose picture the app stored itself: its key presigned (`app`), or a URL
    /// outside the bucket as it is (`external`).
    fn write_app(&mut self, id: &str, app: &ColumnPicture) -> Result<(), Error> {
        match app {
            ColumnPicture::InBucket { key } => {
                if self.size.is_some() {
                    self.substituted += 1;
                }
                let presigned = self.presigner.presign_get(key, self.expires);
                self.emit(&UrlRow {
                    user: id,
                    source: "app",
                    size: None,
                    key,
                    url: &presigned.url,
                    expires_at: &presigned.expires_at,
                })
            }
            ColumnPicture::Elsewhere { url } | ColumnPicture::External { url } => {
                self.external += 1;
                self.emit(&UrlRow {
                    user: id,
                    source: "external",
                    size: None,
                    key: "",
                    url,
                    expires_at: "",
                })
            }
        }
    }

    /// A line of `--users` that names no user: its own row, and the export goes on.
    fn write_unknown(&mut self, line: &str, error: &Error) -> Result<(), Error> {
        let source = if error.kind() == Kind::NotFound {
            self.not_found += 1;
            "not_found"
        } else {
            self.invalid += 1;
            "invalid"
        };
        self.emit(&UrlRow {
            user: line,
            source,
            size: None,
            key: "",
            url: "",
            expires_at: "",
        })
    }

    fn emit(&mut self, row: &UrlRow<'_>) -> Result<(), Error> {
        self.sink.write(row).map_err(|e| self.write_error(&e))
    }

    fn write_error(&self, e: &std::io::Error) -> Error {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            self.closed
                .store(true, std::sync::atomic::Ordering::Relaxed);
            return Error::silent(Kind::Internal);
        }
        // The machine's trouble (a full disk), not a bug of pfp's: as a full disk under
        // the database, exit 5.
        Error::new(Kind::Unavailable, format!("writing the export: {e}"))
    }

    /// `generated` is the user's generated avatar when a style is set and they have no picture.
    fn write(
        &mut self,
        user: &User,
        entry: Option<&LedgerEntry>,
        generated: Option<&LedgerEntry>,
        app: Option<&ColumnPicture>,
    ) -> Result<(), Error> {
        if let Some(app) = app {
            self.over += usize::from(entry.is_some());
            return self.write_app(&user.id, app);
        }
        let default = self.default.take();
        let chosen = match (entry, generated, default.as_ref()) {
            (Some(e), _, _) => Some(("user", e)),
            (None, Some(g), _) => Some(("generated", g)),
            (None, None, Some(d)) => Some(("default", d)),
            (None, None, None) => None,
        };
        let result = self.write_row(
            &user.id,
            chosen.map(|(s, e)| (s, e.key.as_str(), &e.sizes[..])),
        );
        self.default = default;
        result
    }
}

/// Exports the rows. When their reader goes away (`pfp export-urls | head`, a consumer
/// that stops), pfp stops too, quietly and with exit 0, as ripgrep does: no
/// `Broken pipe` error, and no failed step in a `set -o pipefail` script for a reader
/// that had read what it wanted. Any other write error (a full disk) is exit 1.
pub async fn run(args: &ExportUrlsOptions, ctx: &Context) -> Result<()> {
    let closed = std::sync::atomic::AtomicBool::new(false);
    match export(args, ctx, &closed).await {
        Err(_) if closed.load(std::sync::atomic::Ordering::Relaxed) => Ok(()),
        outcome => outcome,
    }
}

async fn export(
    args: &ExportUrlsOptions,
    ctx: &Context,
    closed: &std::sync::atomic::AtomicBool,
) -> Result<()> {
    let db = ctx.db().await?;
    // Before the first URL: a wrong secret key must not produce a file of dead links.
    ctx.prove_credentials(args.offline).await?;
    if !args.offline {
        let store = ctx.store().await?;
        let (bucket, endpoint) = (&ctx.settings.bucket.value, &ctx.settings.endpoint.value);
        if let Some(warning) =
            crate::workflow::identity::check_read_only(store, db, bucket, endpoint).await?
        {
            ctx.printer.warn(&warning);
        }
    }
    let mut out = Writer {
        sink: ctx.printer.rows(args.format),
        closed,
        presigner: ctx.presigner(args.expires.duration())?,
        expires: args.expires.duration(),
        size: args.size,
        default: db.current(PictureKind::Default, "").await?,
        missing: 0,
        substituted: 0,
        over: 0,
        not_found: 0,
        invalid: 0,
        external: 0,
    };
    let generate = db.setting(crate::workflow::DEFAULT_STYLE).await?.is_some();
    let mut count = 0usize;
    match &args.users {
        Some(path) => {
            use std::io::BufRead;
            let shown = crate::input::display_name(path);
            let source: Box<dyn std::io::Read> = if path.as_os_str() == "-" {
                if let Some(line) = crate::input::typed_at_terminal("the users (one a line)") {
                    ctx.printer.status(&line);
                }
                Box::new(std::io::stdin())
            } else {
                Box::new(
                    std::fs::File::open(path)
                        .map_err(|e| Error::invalid(format!("cannot read '{shown}': {e}")))?,
                )
            };
            // Streamed line by line, each line bounded: a list of a million users, or an
            // endless stream without newlines, never sits in memory.
            let lines = std::io::BufReader::new(crate::input::LineLimit::new(
                crate::input::text(source),
                &shown,
            ))
            .lines();
            for (number, line) in lines.enumerate() {
                let line =
                    line.map_err(|e| Error::invalid(format!("cannot read '{shown}': {e}")))?;
                let line = if number == 0 {
                    crate::values::without_bom(&line)
                } else {
                    &line
                };
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                let found = match Selector::parse(line, None) {
                    Ok(selector) => db.lookup_user(&selector).await,
                    Err(e) => Err(e),
                };
                let user = match found {
                    Ok(user) => user,
                    Err(e) if matches!(e.kind(), Kind::NotFound | Kind::Invalid) => {
                        ctx.printer.warn(&format!("{shown}:{}: {e}", number + 1));
                        out.write_unknown(line, &e)?;
                        count += 1;
                        continue;
                    }
                    Err(e) => return Err(e.into()),
                };
                if !in_shard(args.shard.as_ref(), &user.id) {
                    continue;
                }
                let entry = db.current(PictureKind::User, &user.id).await?;
                let app = app_of(ctx, &user, entry.as_ref());
                let generated =
                    generated_for(ctx, generate, &user, entry.is_none() && app.is_none()).await?;
                out.write(&user, entry.as_ref(), generated.as_ref(), app.as_ref())?;
                count += 1;
            }
        }
        None if !generate => {
            // The fast path: ids and keys only, no user rows built.
            let mut after: Option<String> = None;
            loop {
                let page = db
                    .picture_keys(after.as_deref(), PAGE, args.size.is_some())
                    .await?;
                for row in &page {
                    if in_shard(args.shard.as_ref(), &row.id) {
                        // The query reads the column only where it is not pfp's.
                        let app = ctx.app_picture_over(row.column.as_deref(), row.key.is_some());
                        out.write_key(
                            &row.id,
                            row.key.as_deref(),
                            row.sizes.as_deref(),
                            app.as_ref(),
                        )?;
                        count += 1;
                    }
                }
                match page.last() {
                    Some(row) if page.len() as u64 == PAGE => after = Some(row.id.clone()),
                    _ => break,
                }
            }
        }
        None => {
            let mut after: Option<String> = None;
            loop {
                let page = db.users_with_pictures(after.as_deref(), PAGE).await?;
                for (user, entry) in &page {
                    if !in_shard(args.shard.as_ref(), &user.id) {
                        continue;
                    }
                    let app = app_of(ctx, user, entry.as_ref());
                    let generated =
                        generated_for(ctx, generate, user, entry.is_none() && app.is_none())
                            .await?;
                    out.write(user, entry.as_ref(), generated.as_ref(), app.as_ref())?;
                    count += 1;
                }
                match page.last() {
                    Some((user, _)) if page.len() as u64 == PAGE => after = Some(user.id.clone()),
                    _ => break,
                }
            }
        }
    }
    if let Err(e) = out.sink.flush() {
        return Err(out.write_error(&e).into());
    }
    ctx.printer.status(&ExportDone { users: count });
    if let Some(size) = args.size
        && out.substituted > 0
    {
        ctx.printer.warn(&format!(
            "{} without a {size} px rendition: their rows serve the size in the 'size' column",
            plural(out.substituted as u64, "user", "users")
        ));
    }
    if out.external > 0 {
        ctx.printer.warn(&format!(
            "{} a picture URL outside bucket '{}' (rows with source 'external'): exported as the app stored it, not presigned",
            plural(out.external as u64, "user has", "users have"),
            ctx.settings.bucket.value
        ));
    }
    if out.over > 0 {
        ctx.printer.warn(&format!(
            "{} the app's picture written over pfp's (rows with source 'app'): exported as the users are shown it; 'pfp adopt' takes them over",
            plural(out.over as u64, "user is shown", "users are shown")
        ));
    }
    if out.missing > 0 {
        ctx.printer.warn(&format!(
            "{} no picture and no default picture is set (rows with source 'none'); set one with 'pfp set-default FILE'",
            plural(out.missing as u64, "user has", "users have")
        ));
    }
    // The worst problem decides the exit code: a line that is no selector (4), then a
    // user or picture that is not there (3).
    if out.invalid > 0 {
        return Err(Error::silent(Kind::Invalid).into());
    }
    if out.missing > 0 || out.not_found > 0 {
        return Err(Error::silent(Kind::NotFound).into());
    }
    Ok(())
}

/// The app's picture that is the user's (see [`Context::app_picture_of`]).
fn app_of(ctx: &Context, user: &User, entry: Option<&LedgerEntry>) -> Option<ColumnPicture> {
    ctx.app_picture_of(user.picture_url.as_deref(), entry)
}

/// The user's generated avatar, when a style is set and the user has no picture.
async fn generated_for(
    ctx: &Context,
    generate: bool,
    user: &User,
    no_picture: bool,
) -> Result<Option<LedgerEntry>, Error> {
    if !(generate && no_picture) {
        return Ok(None);
    }
    crate::commands::default_for(ctx, user)
        .await
        .map(|d| d.map(|(entry, _)| entry))
        .map_err(|e| Error::new(crate::error::kind_of(&e), format!("{e:#}")))
}
