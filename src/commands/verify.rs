//! `pfp verify [--fix]`: reconcile the database and the bucket.
//!
//! Findings: *dangling* (a ledger entry whose object is missing), *orphan* (an object of
//! pfp's naming that no ledger entry references; one of another name is the app's,
//! counted as foreign and left alone), *mismatch* (a user's picture column that disagrees
//! with the ledger's current entry). `--fix` deletes orphans older than the grace period
//! and rewrites mismatched columns from the ledger; it never deletes a row.
//!
//! It streams: one recursive, paged listing per prefix (1,000 keys a request, as
//! `mc ls --recursive` lists) is merged with the ledger read in the same key order, a
//! folder at a time, and the users are read a page at a time. Memory holds one page of
//! each, one folder, and the findings, however many objects and users there are.

use std::cmp::Ordering;
use std::collections::{HashSet, VecDeque};
use std::time::{Duration, SystemTime};

use futures_util::StreamExt as _;

use crate::commands::Context;
use crate::error::{Error, Kind, Result};
use crate::output::{Finding, RepairPlan, VerifySummary, plural};
use crate::settings::VerifyOptions;
use crate::store::Store;
use crate::users::{Db, LedgerEntry, PictureKind};
use crate::values::{BucketName, ColumnPicture, Shard, in_shard};
use crate::workflow::identity;
use crate::workflow::keys::{self, DEFAULTS_PREFIX, USERS_PREFIX};
use crate::workflow::repair::{Repair, repair};

/// Ledger entries and users read per query.
const PAGE: u64 = 1000;

/// A finding with what its repair needs to find again.
struct Found {
    finding: Finding,
    repair: Repair,
}

/// What was compared, for the summary.
#[derive(Default)]
struct Counts {
    entries: u64,
    objects: u64,
    users: u64,
    /// Objects under pfp's prefixes that no entry records and whose names are not of
    /// pfp's making ([`keys::is_pfps`]): the app's or another tool's, never orphans.
    foreign: u64,
    /// The first of them, for the summary.
    first_foreign: Option<String>,
    /// Pictures kept after a replacement (for `pfp restore`), and of them those
    /// replaced before `cutoff` (more than [`crate::workflow::RETAIN`] ago): `--fix`
    /// deletes those.
    kept: u64,
    expired: u64,
    cutoff: String,
    /// The newest ledger entry (by id: entries are numbered as they are recorded) whose
    /// objects are all in the bucket ...
    newest_present: Option<i64>,
    /// ... and the oldest one with an object missing, with when it was recorded: when
    /// every missing picture is newer than every present one, the bucket looks like a
    /// copy of the store that lags behind.
    oldest_missing: Option<(i64, String)>,
    /// When the newest ledger entry was recorded (by this machine's clock), and how old
    /// the oldest orphan is (by the server's, which dated it): when two or more orphans
    /// are all newer than every entry, the database looks like a backup of itself that
    /// lags behind the bucket.
    newest_recorded: Option<chrono::DateTime<chrono::Utc>>,
    oldest_orphan_age: Option<Duration>,
}

impl Counts {
    fn saw_entry(&mut self, entry: &LedgerEntry, complete: bool) {
        if let Ok(at) = chrono::DateTime::parse_from_rfc3339(&entry.created_at) {
            let at = at.with_timezone(&chrono::Utc);
            self.newest_recorded = self.newest_recorded.max(Some(at));
        }
        if !entry.current {
            self.kept += 1;
            if entry
                .retired_at
                .as_deref()
                .is_some_and(|at| *at < *self.cutoff)
            {
                self.expired += 1;
            }
        }
        if complete {
            self.newest_present = self.newest_present.max(Some(entry.id));
        } else if self
            .oldest_missing
            .as_ref()
            .is_none_or(|(id, _)| entry.id < *id)
        {
            self.oldest_missing = Some((entry.id, entry.created_at.clone()));
        }
    }
}

/// The unit the merge compares: a user's folder (`users/<key>/`), all of `defaults/`
/// (generated avatars included), or a stray key on its own. Each is one contiguous run
/// of keys in byte order, and labels sort as their runs do.
fn group_of(key: &str) -> &str {
    if let Some(rest) = key.strip_prefix(USERS_PREFIX) {
        return rest
            .find('/')
            .map_or(key, |i| &key[..USERS_PREFIX.len() + i + 1]);
    }
    if key.starts_with(DEFAULTS_PREFIX) {
        return DEFAULTS_PREFIX;
    }
    key
}

/// A run of items of one group.
struct Group<T> {
    label: String,
    items: Vec<T>,
}

/// A source read a page at a time, in key order.
trait Cursor {
    type Item;
    /// The key that decides the item's group.
    fn key(item: &Self::Item) -> &str;
    async fn next(&mut self) -> std::result::Result<Option<Self::Item>, Error>;
}

/// A cursor read a group at a time, with one item of look-ahead.
struct Groups<C: Cursor> {
    cursor: C,
    ahead: Option<C::Item>,
}

impl<C: Cursor> Groups<C> {
    fn new(cursor: C) -> Self {
        Groups {
            cursor,
            ahead: None,
        }
    }

    async fn next(&mut self) -> std::result::Result<Option<Group<C::Item>>, Error> {
        let first = match self.ahead.take() {
            Some(item) => item,
            None => match self.cursor.next().await? {
                Some(item) => item,
                None => return Ok(None),
            },
        };
        let label = group_of(C::key(&first)).to_owned();
        let mut items = vec![first];
        while let Some(item) = self.cursor.next().await? {
            if group_of(C::key(&item)) != label {
                self.ahead = Some(item);
                break;
            }
            items.push(item);
        }
        Ok(Some(Group { label, items }))
    }
}

/// A page of a listing as [`list_pages`] hands it on.
type ListedPage = std::result::Result<Vec<(String, Option<SystemTime>)>, Error>;

/// Pages of the listing [`list_pages`] reads ahead (each at most 1,000 keys): enough to
/// keep one request in flight while the ledger is read and compared, and memory flat.
const PAGES_AHEAD: usize = 2;

/// The bucket under pfp's prefixes, in key order, a page at a time, as [`list_pages`]
/// reads it (concurrently with the comparison: see [`compare_bucket`]).
struct Objects {
    pages: tokio::sync::mpsc::Receiver<ListedPage>,
    page: VecDeque<(String, Option<SystemTime>)>,
}

/// Lists `defaults/`, then `users/` (key order), one page per request, handing each page
/// on as it arrives; stops at the first error (handed on too) or when nobody listens.
async fn list_pages(
    store: &Store,
    bucket: &BucketName,
    pages: tokio::sync::mpsc::Sender<ListedPage>,
) {
    for prefix in [DEFAULTS_PREFIX, USERS_PREFIX] {
        let mut token: Option<String> = None;
        loop {
            let page = match store.list_page(bucket, prefix, token.as_deref()).await {
                Ok(page) => page,
                Err(e) => {
                    let _ = pages.send(Err(e)).await;
                    return;
                }
            };
            if pages.send(Ok(page.objects)).await.is_err() {
                return;
            }
            match page.next {
                Some(next) => token = Some(next),
                None => break,
            }
        }
    }
}

impl Cursor for Objects {
    type Item = (String, Option<SystemTime>);

    fn key(item: &Self::Item) -> &str {
        &item.0
    }

    async fn next(&mut self) -> std::result::Result<Option<Self::Item>, Error> {
        loop {
            if let Some(item) = self.page.pop_front() {
                return Ok(Some(item));
            }
            match self.pages.recv().await {
                None => return Ok(None),
                Some(page) => self.page = page?.into(),
            }
        }
    }
}

/// The ledger in the same key order, a page at a time.
struct Entries<'a> {
    db: &'a Db,
    page: VecDeque<LedgerEntry>,
    after: Option<(String, i64)>,
    done: bool,
}

impl<'a> Entries<'a> {
    fn new(db: &'a Db) -> Self {
        Entries {
            db,
            page: VecDeque::new(),
            after: None,
            done: false,
        }
    }
}

impl Cursor for Entries<'_> {
    type Item = LedgerEntry;

    fn key(entry: &LedgerEntry) -> &str {
        &entry.key
    }

    async fn next(&mut self) -> std::result::Result<Option<LedgerEntry>, Error> {
        if self.page.is_empty() && !self.done {
            let after = self.after.as_ref().map(|(k, id)| (k.as_str(), *id));
            let page = self.db.entries_page(after, PAGE).await?;
            self.done = (page.len() as u64) < PAGE;
            self.after = page.last().map(|e| (e.key.clone(), e.id));
            self.page = page.into();
        }
        Ok(self.page.pop_front())
    }
}

pub async fn run(args: &VerifyOptions, ctx: &Context) -> Result<()> {
    let db = ctx.db().await?;
    let store = ctx.store().await?;
    let bucket = &ctx.settings.bucket.value;
    let endpoint = &ctx.settings.endpoint.value;
    store.require_bucket(bucket).await?;
    // A repair only in this database's own store (exit 7 otherwise); a look anywhere,
    // with a warning when the bucket is not it.
    let repairing = args.fix && !args.dry_run;
    let mut foreign_store = false;
    let others = if repairing {
        identity::ensure(store, db, bucket, endpoint).await?.others
    } else {
        if let Some(warning) = identity::check_read_only(store, db, bucket, endpoint).await? {
            ctx.printer.warn(&warning);
            foreign_store = true;
        }
        Vec::new()
    };

    let mut found = Vec::new();
    let mut counts = Counts {
        cutoff: crate::users::ago(crate::workflow::RETAIN),
        ..Counts::default()
    };
    let shard = args.shard.as_ref();
    compare_bucket(db, store, bucket, shard, &mut found, &mut counts).await?;
    let app = |column: Option<&str>| ctx.app_picture(column);
    compare_columns(db, store, bucket, &app, shard, &mut found, &mut counts).await?;
    // Not in another database's store (a wrong bucket, where every entry is missing):
    // a listing of versions for each would only take long to say what the warning says.
    if !foreign_store && let Some(warning) = mark_recoverable(store, bucket, &mut found).await? {
        ctx.printer.warn(&warning);
    }
    let young = Young::of(&found, args.grace);
    if !args.fix {
        let plan = Plan::of(&found, args.grace, !others.is_empty());
        if let Some(lagging) = plan.lagging(&counts) {
            ctx.printer.warn(&format!(
                "{lagging}: check the endpoint and bucket before repairing (--fix would refuse)"
            ));
        }
        if let Some(behind) = plan.behind_the_bucket(&counts) {
            ctx.printer.warn(&format!(
                "{behind}: check the database before repairing (--fix would refuse)"
            ));
        }
    }
    let mut refused = None;
    let mut pruned = 0;
    if args.fix {
        let mut plan = Plan::of(&found, args.grace, !others.is_empty());
        plan.expired = counts.expired;
        if !others.is_empty() && plan.shared_orphans > 0 {
            ctx.printer.warn(&format!(
                "{} left alone: this store is shared with {}, whose pictures these may be",
                plural(plan.shared_orphans, "orphan", "orphans"),
                plural(others.len() as u64, "other database", "other databases")
            ));
        }
        refused = plan.refusal(args.max_changes, &counts);
        if args.dry_run {
            ctx.printer.status(&plan.line(true));
            if let Some(refusal) = refused.take() {
                ctx.printer.warn(&format!(
                    "the same run without --dry-run would refuse: {refusal}"
                ));
            }
        } else if refused.is_some() {
            ctx.printer.status(&plan.line(false));
        } else {
            fix(ctx, args, &plan, &mut found, store, db, bucket).await?;
            if plan.expired > 0 {
                pruned =
                    prune_expired(ctx, store, db, bucket, shard, &counts.cutoff, args.jobs).await?;
            }
            // The app's pictures (column values) replaced as long ago: nothing in the
            // bucket to delete, so one statement (whole runs only: a shard leaves them to
            // the owner's next change).
            if shard.is_none()
                && let Err(e) = db.prune_kept_values(None, &counts.cutoff).await
            {
                ctx.printer.warn(&format!(
                    "could not forget the app's pictures replaced more than 7 days ago: {e}"
                ));
            }
        }
    }
    for f in &found {
        ctx.printer.print(&f.finding);
    }
    let count =
        |pred: fn(&Finding) -> bool| found.iter().filter(|f| pred(&f.finding)).count() as u64;
    let summary = VerifySummary {
        entries: counts.entries,
        objects: counts.objects,
        users: counts.users,
        dangling: count(|f| matches!(f, Finding::Dangling { .. })),
        orphans: count(|f| matches!(f, Finding::Orphan { .. })),
        mismatches: count(|f| matches!(f, Finding::Mismatch { .. })),
        app_missing: count(|f| matches!(f, Finding::AppMissing { .. })),
        foreign: counts.foreign,
        first_foreign: counts.first_foreign,
        kept: counts.kept,
        expired: counts.expired,
        pruned,
        fixed: count(Finding::fixed),
        young_orphans: young.count,
        eligible_in_seconds: young.eligible_in.map(|d| d.as_secs()),
        clean: found.iter().all(|f| f.finding.fixed()),
        fix: args.fix,
        grace: args.grace,
    };
    ctx.printer.print(&summary);
    if let Some(refusal) = refused {
        return Err(refusal.into());
    }
    if summary.clean {
        Ok(())
    } else {
        Err(Error::silent(Kind::Findings).into())
    }
}

/// Orphans younger than `--grace`: left alone by `--fix` (an upload may be running).
struct Young {
    count: u64,
    /// How long until the last of them is old enough.
    eligible_in: Option<Duration>,
}

impl Young {
    fn of(found: &[Found], grace: Duration) -> Young {
        let mut young = Young {
            count: 0,
            eligible_in: None,
        };
        for f in found {
            if let Repair::Orphan { age, .. } = &f.repair
                && age.is_none_or(|a| a < grace)
            {
                young.count += 1;
                let left = grace.saturating_sub(age.unwrap_or_default());
                young.eligible_in = Some(young.eligible_in.map_or(left, |e| e.max(left)));
            }
        }
        young
    }
}

/// What one `--fix` run would change, and the blast radius it is held to.
struct Plan {
    orphans: u64,
    /// Orphans not deleted because other databases share the store.
    shared_orphans: u64,
    mismatches: u64,
    dangling: u64,
    /// Ledger entries with a missing object (an entry may miss several sizes).
    dangling_entries: u64,
    /// Missing objects a version in the bucket brings back: no loss, so not counted
    /// against the blast radius.
    recover: u64,
    /// Pictures replaced more than [`crate::workflow::RETAIN`] ago, deleted as well
    /// (not repairs: not counted against the blast radius).
    expired: u64,
    grace: Duration,
    shared: bool,
}

/// The changes one repair run makes without `--max-changes`: 10% of what it checked,
/// but at least this many (a small deployment repairs a few findings without ceremony;
/// the wipe of a small one is caught by the every-picture-missing rule) ...
const MAX_CHANGES_FLOOR: u64 = 10;
/// ... and at most this many (a wrong bucket of a large one is caught long before it
/// could do harm).
const MAX_CHANGES_CAP: u64 = 100;

impl Plan {
    fn of(found: &[Found], grace: Duration, shared: bool) -> Plan {
        let mut plan = Plan {
            orphans: 0,
            shared_orphans: 0,
            mismatches: 0,
            dangling: 0,
            dangling_entries: 0,
            recover: 0,
            expired: 0,
            grace,
            shared,
        };
        let mut entries = HashSet::new();
        for f in found {
            match &f.repair {
                Repair::Orphan { age, .. } if age.is_some_and(|a| a >= grace) => {
                    if shared {
                        plan.shared_orphans += 1;
                    } else {
                        plan.orphans += 1;
                    }
                }
                Repair::Orphan { .. } | Repair::Never => {}
                Repair::Mismatch { .. } => plan.mismatches += 1,
                Repair::Dangling { recover: true, .. } => plan.recover += 1,
                Repair::Dangling { id, .. } => {
                    plan.dangling += 1;
                    if entries.insert(*id) {
                        plan.dangling_entries += 1;
                    }
                }
            }
        }
        plan
    }

    fn fixable(&self, repair: &Repair) -> bool {
        match repair {
            Repair::Orphan { age, .. } => !self.shared && age.is_some_and(|a| a >= self.grace),
            Repair::Mismatch { .. } | Repair::Dangling { .. } => true,
            Repair::Never => false,
        }
    }

    fn changes(&self) -> u64 {
        self.orphans + self.mismatches + self.dangling
    }

    fn line(&self, dry_run: bool) -> RepairPlan {
        RepairPlan {
            orphans: self.orphans,
            mismatches: self.mismatches,
            recover: self.recover,
            dangling: self.dangling,
            expired: self.expired,
            dry_run,
        }
    }

    /// Two or more recorded pictures missing, all of them recorded after every picture
    /// that is there: the signature of a mirror or replica that has not caught up, where
    /// a repair would drop pictures the store itself still has (and a later repair there
    /// would then delete them as orphans). Says so, if it is.
    fn lagging(&self, counts: &Counts) -> Option<String> {
        let (present, (missing, since)) = (counts.newest_present?, counts.oldest_missing.as_ref()?);
        (self.dangling_entries >= 2 && *missing > present).then(|| {
            format!(
                "the {} missing from the bucket are the most recent ones (recorded since {since}) and every older one is there, as in a copy of the store that lags behind (a mirror, a replica)",
                plural(self.dangling_entries, "recorded picture", "recorded pictures")
            )
        })
    }

    /// Two or more orphans to delete, all of them uploaded after the newest picture the
    /// ledger records: the signature of a database restored from a backup (or a replica
    /// that has not caught up) against the live bucket, where the orphans are the
    /// pictures uploaded since and a repair would lose them for good. Says so, if it is.
    fn behind_the_bucket(&self, counts: &Counts) -> Option<String> {
        let recorded = counts.newest_recorded?;
        let oldest_orphan = counts.oldest_orphan_age?;
        let since_recorded = (chrono::Utc::now() - recorded).to_std().unwrap_or_default();
        // Entries are dated to the second, by this machine's clock (pfp tolerates 2 s
        // off the server's): the orphans are after the entry beyond both.
        let after = oldest_orphan + Duration::from_secs(3) < since_recorded;
        (self.orphans >= 2 && after).then(|| {
            format!(
                "the {} were all uploaded after the newest picture this database records ({}), as against a database restored from a backup or a replica that lags behind the bucket: they may be the pictures uploaded since",
                plural(self.orphans, "orphaned object", "orphaned objects"),
                recorded.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            )
        })
    }

    /// Why this run must not repair, if it must not: more changes than the operator
    /// could have meant. Without `--max-changes`: more than 10% of what was checked (at
    /// least 10, at most 100), every recorded picture missing, or objects in the bucket
    /// while the ledger records none (the wrong bucket, server or database). With it:
    /// more than the number named.
    fn refusal(&self, max_changes: Option<u64>, counts: &Counts) -> Option<Error> {
        let changes = self.changes();
        if changes == 0 {
            return None;
        }
        let checked = counts.entries + counts.objects + counts.users;
        let why = match max_changes {
            Some(limit) if changes > limit => format!("more than --max-changes {limit}"),
            Some(_) => return None,
            None if counts.entries > 0 && self.dangling_entries == counts.entries => format!(
                "every one of the {} is missing from the bucket",
                plural(counts.entries, "recorded picture", "recorded pictures")
            ),
            None if counts.entries == 0 && self.orphans > 0 => {
                "the bucket holds pictures but this database records none".to_owned()
            }
            None if let Some(lagging) = self.lagging(counts) => lagging,
            None if let Some(behind) = self.behind_the_bucket(counts) => behind,
            None => {
                let limit = (checked / 10).clamp(MAX_CHANGES_FLOOR, MAX_CHANGES_CAP);
                if changes <= limit {
                    return None;
                }
                format!(
                    "more than the limit of {limit} (10% of the {checked} items checked, at least {MAX_CHANGES_FLOOR}, at most {MAX_CHANGES_CAP})"
                )
            }
        };
        Some(
            Error::config(format!(
                "refusing to repair: this run would make {} ({}), {why}; nothing was changed",
                plural(changes, "change", "changes"),
                self.line(false).counts()
            ))
            .hint(format!(
                "check that the bucket, endpoint and database belong together (pfp verify lists the findings); if these repairs are what you want, run again with --max-changes {changes}"
            )),
        )
    }
}

/// Merges the listing with the ledger, a group at a time: objects no entry records are
/// orphans, entries whose objects are missing are dangling. With a shard, only the
/// groups (bucket folders) of that shard are compared.
async fn compare_bucket(
    db: &Db,
    store: &Store,
    bucket: &BucketName,
    shard: Option<&Shard>,
    found: &mut Vec<Found>,
    counts: &mut Counts,
) -> std::result::Result<(), Error> {
    // The listing runs ahead of the comparison (its requests are sequential, each page's
    // token naming the next), so its round trips overlap the ledger's reads instead of
    // adding to them.
    let (sender, pages) = tokio::sync::mpsc::channel(PAGES_AHEAD);
    let lister = list_pages(store, bucket, sender);
    // Objects' ages (--grace) by the server's clock, which dated them.
    let now = store.now();
    let merge = merge_bucket(db, pages, shard, now, found, counts);
    let ((), merged) = tokio::join!(lister, merge);
    merged
}

/// The merge of [`compare_bucket`]: objects and ledger entries, group by group.
async fn merge_bucket(
    db: &Db,
    pages: tokio::sync::mpsc::Receiver<ListedPage>,
    shard: Option<&Shard>,
    now: SystemTime,
    found: &mut Vec<Found>,
    counts: &mut Counts,
) -> std::result::Result<(), Error> {
    let mut objects = Groups::new(Objects {
        pages,
        page: VecDeque::new(),
    });
    let mut entries = Groups::new(Entries::new(db));
    let mut o = objects.next().await?;
    let mut e = entries.next().await?;
    let mut compare =
        |objects: &[(String, Option<SystemTime>)], entries: &[LedgerEntry], label: &str| {
            if in_shard(shard, label) {
                counts.entries += entries.len() as u64;
                compare_group(objects, entries, now, found, counts);
            }
        };
    loop {
        let order = match (&o, &e) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(og), Some(eg)) => og.label.as_str().cmp(eg.label.as_str()),
        };
        match order {
            Ordering::Less => {
                let og = o.take().expect("compared");
                compare(&og.items, &[], &og.label);
                o = objects.next().await?;
            }
            Ordering::Greater => {
                let eg = e.take().expect("compared");
                compare(&[], &eg.items, &eg.label);
                e = entries.next().await?;
            }
            Ordering::Equal => {
                let (og, eg) = (o.take().expect("compared"), e.take().expect("compared"));
                compare(&og.items, &eg.items, &og.label);
                o = objects.next().await?;
                e = entries.next().await?;
            }
        }
    }
    Ok(())
}

/// One group's findings: its entries' missing objects, then its unrecorded objects.
fn compare_group(
    objects: &[(String, Option<SystemTime>)],
    entries: &[LedgerEntry],
    now: SystemTime,
    found: &mut Vec<Found>,
    counts: &mut Counts,
) {
    let present: HashSet<&str> = objects.iter().map(|(k, _)| k.as_str()).collect();
    let mut referenced = HashSet::new();
    for entry in entries {
        let keys = entry.keys();
        counts.saw_entry(entry, keys.iter().all(|k| present.contains(k.as_str())));
        for key in keys {
            if !present.contains(key.as_str()) {
                let owner = match entry.kind {
                    PictureKind::User => format!("user {}", entry.user_ref),
                    PictureKind::Default => "the default picture".to_owned(),
                };
                found.push(Found {
                    finding: Finding::Dangling {
                        key: key.clone(),
                        owner,
                        current: entry.current,
                        recoverable: false,
                        fixed: false,
                    },
                    repair: Repair::Dangling {
                        id: entry.id,
                        key: entry.key.clone(),
                        recover: false,
                    },
                });
            }
            referenced.insert(key);
        }
    }
    for (key, modified) in objects {
        if !referenced.contains(key) && !keys::is_pfps(key) {
            counts.foreign += 1;
            counts.first_foreign.get_or_insert_with(|| key.clone());
            continue;
        }
        counts.objects += 1;
        if !referenced.contains(key) {
            let age = modified.and_then(|m| now.duration_since(m).ok());
            counts.oldest_orphan_age = counts.oldest_orphan_age.max(age);
            found.push(Found {
                finding: Finding::Orphan {
                    key: key.clone(),
                    age_seconds: age.map(|a| a.as_secs()),
                    fixed: false,
                },
                repair: Repair::Orphan {
                    key: key.clone(),
                    age,
                },
            });
        }
    }
}

/// In a bucket that keeps versions, the missing objects a version brings back (deleted
/// behind pfp's back: `mc rm`, a script, a lifecycle rule): `--fix` brings them back
/// rather than dropping their entries. Asked for all of them at once
/// ([`Store::with_versions`]: after a mass deletion, a listing of the folder's versions
/// rather than a request per object). A key that may not ask about versions finds none,
/// and the warning returned says so: `--fix` forgets those pictures, which a version
/// may still keep.
async fn mark_recoverable(
    store: &Store,
    bucket: &BucketName,
    found: &mut [Found],
) -> std::result::Result<Option<String>, Error> {
    let missing: Vec<&str> = found
        .iter()
        .filter_map(|f| match &f.finding {
            Finding::Dangling { key, .. } => Some(key.as_str()),
            _ => None,
        })
        .collect();
    if missing.is_empty() {
        return Ok(None);
    }
    match store.versioning(bucket).await {
        Ok(v) if v.keeps_versions() => {}
        Ok(_) => return Ok(None),
        Err(e) if e.kind() == Kind::Denied => {
            return Ok(Some(format!(
                "{} missing from the bucket: whether bucket '{bucket}' keeps versions that could bring {} back, the keys may not ask (access denied); --fix forgets what is missing: with keys allowed s3:GetBucketVersioning and s3:ListBucketVersions, verify names what a version keeps and --fix brings it back",
                plural(missing.len() as u64, "object", "objects"),
                if missing.len() == 1 { "it" } else { "them" }
            )));
        }
        Err(e) => return Err(e),
    }
    let with_versions = store.with_versions(bucket, &missing).await?;
    for f in found.iter_mut() {
        if let (
            Finding::Dangling {
                key, recoverable, ..
            },
            Repair::Dangling { recover, .. },
        ) = (&mut f.finding, &mut f.repair)
            && with_versions.contains(key.as_str())
        {
            *recoverable = true;
            *recover = true;
        }
    }
    Ok(None)
}

/// Each user's picture column against the ledger's current entry, a page of users at a
/// time. A column the app wrote itself (`app`: see [`crate::workflow::adopt`]) is never
/// a mismatch and never repaired: an object it names in the bucket is looked for (one
/// HEAD), and a missing one is a finding of its own; a URL elsewhere is not pfp's
/// business.
async fn compare_columns(
    db: &Db,
    store: &Store,
    bucket: &BucketName,
    app: &dyn Fn(Option<&str>) -> Option<ColumnPicture>,
    shard: Option<&Shard>,
    found: &mut Vec<Found>,
    counts: &mut Counts,
) -> std::result::Result<(), Error> {
    let mut after: Option<String> = None;
    loop {
        let page = db.users_with_pictures(after.as_deref(), PAGE).await?;
        for (user, entry) in page.iter().filter(|(u, _)| in_shard(shard, &u.id)) {
            counts.users += 1;
            let ledger = entry.as_ref().map(|e| e.url.as_str());
            // A blank column is no picture, as everywhere else: `''` is how a NOT NULL
            // column (Django's, Laravel's) says it, and what pfp writes there. The value
            // as read is what a repair compares and sets.
            let read = user.picture_url.as_deref();
            let column = read.filter(|c| !c.trim().is_empty());
            if ledger.is_none()
                && let Some(picture) = app(column)
            {
                if let ColumnPicture::InBucket { key } = picture
                    && !store.exists(bucket, &key).await?
                {
                    found.push(Found {
                        finding: Finding::AppMissing {
                            user: user.id.clone(),
                            key,
                            fixed: false,
                        },
                        repair: Repair::Never,
                    });
                }
                continue;
            }
            if column != ledger {
                // The app wrote a picture of its own after pfp's (it still uploads the old
                // way): the newer one, which `pfp adopt` takes, never reverted to pfp's.
                let apps_newer = match app(column) {
                    Some(ColumnPicture::InBucket { key }) => store.exists(bucket, &key).await?,
                    _ => false,
                };
                found.push(Found {
                    finding: Finding::Mismatch {
                        user: user.id.clone(),
                        column: column.map(str::to_owned),
                        ledger: ledger.map(str::to_owned),
                        fixed: false,
                        apps_newer,
                    },
                    repair: if apps_newer {
                        Repair::Never
                    } else {
                        Repair::Mismatch {
                            user: user.id.clone(),
                            folder: keys::user_folder(user),
                            column: read.map(str::to_owned),
                        }
                    },
                });
            }
        }
        match page.last() {
            Some((user, _)) if page.len() as u64 == PAGE => after = Some(user.id.clone()),
            _ => return Ok(()),
        }
    }
}

/// `--fix`: after one confirmation, repairs every fixable finding under its owner lock.
async fn fix(
    ctx: &Context,
    args: &VerifyOptions,
    plan: &Plan,
    found: &mut [Found],
    store: &Store,
    db: &Db,
    bucket: &BucketName,
) -> Result<()> {
    if plan.changes() == 0 && plan.expired == 0 && plan.recover == 0 {
        return Ok(());
    }
    // Where, too: the question is the last chance to see a wrong bucket, server or
    // database that the blast radius let through.
    ctx.confirm(
        &format!("{} ({})?", plan.line(false).question(), ctx.place()),
        args.yes,
    )?;
    // The bucket's findings first, then the columns': a column's repair drops its entry
    // if an object is missing, so what the versions bring back must be back before.
    for columns in [false, true] {
        let work = found
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                plan.fixable(&f.repair) && matches!(f.repair, Repair::Mismatch { .. }) == columns
            })
            .map(|(i, f)| async move { (i, repair(&f.repair, store, db, bucket).await) });
        // Each under its folder's owner lock: repairs of one folder still go one at a time.
        let mut outcomes = futures_util::stream::iter(work).buffer_unordered(args.jobs);
        let mut fixed = Vec::new();
        while let Some((i, outcome)) = outcomes.next().await {
            match outcome {
                Ok(true) => fixed.push(i),
                Ok(false) => ctx.printer.warn(&format!(
                    "left alone, changed by another writer meanwhile: {}",
                    found[i].finding.line()
                )),
                Err(e) => ctx.printer.warn(&format!("could not fix: {e}")),
            }
        }
        drop(outcomes);
        for i in fixed {
            found[i].finding.set_fixed();
        }
    }
    Ok(())
}

/// `--fix`, after the repairs: deletes the pictures replaced before `cutoff` (kept for
/// `pfp restore` until then), a page of entries at a time, `--jobs` at once, each under its
/// folder's owner lock and read again under it: one restored or replaced again meanwhile
/// is left alone.
/// Returns how many were deleted.
async fn prune_expired(
    ctx: &Context,
    store: &Store,
    db: &Db,
    bucket: &BucketName,
    shard: Option<&Shard>,
    cutoff: &str,
    jobs: usize,
) -> Result<u64> {
    let mut pruned = 0;
    let mut after = 0;
    loop {
        let page = db.expired_page(cutoff, after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let done = (page.len() as u64) < PAGE;
        let work = page
            .into_iter()
            .filter(|entry| in_shard(shard, group_of(&entry.key)))
            .map(|entry| async move {
                let folder = group_of(&entry.key).to_owned();
                let retired = db
                    .with_owner_lock(&folder, async {
                        let still = db.entry(entry.id).await?.filter(|e| {
                            !e.current && e.retired_at.as_deref().is_some_and(|at| at < cutoff)
                        });
                        match still {
                            Some(e) => crate::workflow::retire(store, db, bucket, &[e], &[]).await,
                            None => Ok(crate::workflow::Retired::default()),
                        }
                    })
                    .await;
                (entry.key.clone(), retired)
            });
        // `--jobs` at once, as the repairs: one folder's still one at a time.
        let mut outcomes = futures_util::stream::iter(work).buffer_unordered(jobs);
        while let Some((key, retired)) = outcomes.next().await {
            match retired {
                Ok(r) => {
                    if !r.deleted.is_empty() && r.warnings.is_empty() {
                        pruned += 1;
                    }
                    for warning in &r.warnings {
                        ctx.printer.warn(warning);
                    }
                }
                Err(e) => ctx.printer.warn(&format!("could not delete '{key}': {e}")),
            }
        }
        if done {
            break;
        }
    }
    Ok(pruned)
}
