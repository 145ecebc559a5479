//! `pfp doctor`: the one command an operator runs when something is off. Each check is a
//! line with a tick or a cross and, on failure, what to do; the exit code is that of the
//! first failure's kind.

use std::time::{Duration, SystemTime};

use crate::commands::Context;
use crate::error::{Error, Kind, Result};
use crate::output::{CheckReport, DoctorReport};

mod bucket;

struct Check {
    name: &'static str,
    result: Outcome,
}

/// A check passed (with what it found), failed, or could not run (and why not).
enum Outcome {
    Passed(String),
    Failed(Error),
    Skipped(String),
}

impl From<std::result::Result<String, Error>> for Outcome {
    fn from(result: std::result::Result<String, Error>) -> Self {
        match result {
            Ok(detail) => Outcome::Passed(detail),
            Err(e) => Outcome::Failed(e),
        }
    }
}

/// How far the clock may be from the server's before SigV4 signatures are refused.
const MAX_SKEW: Duration = Duration::from_secs(15 * 60);

pub async fn run(ctx: &Context) -> Result<()> {
    let mut checks = Vec::new();
    let s = &ctx.settings;
    // A missing key is a configuration problem: the configuration check says so, and
    // the checks that need the key say they were skipped, and why.
    let credentials = s.credentials().map(|_| ());
    let mut described = format!(
        "endpoint {} ({}), bucket {} ({}), database {} ({})",
        s.endpoint.value,
        s.endpoint.source,
        s.bucket.value,
        s.bucket.source,
        s.database.value.masked(),
        s.database.source
    );
    // Where the keys and each borrowed part of the database connection came from.
    match (&s.access_key, &s.secret_key) {
        (Some(access), Some(secret)) if access.source == secret.source => {
            described.push_str(&format!(", keys ({})", access.source));
        }
        (Some(access), Some(secret)) => described.push_str(&format!(
            ", access key ({}), secret key ({})",
            access.source, secret.source
        )),
        (Some(access), None) => {
            described.push_str(&format!(", access key ({}), no secret key", access.source));
        }
        (None, _) => {}
    }
    for part in &s.database_parts {
        if part.source != s.database.source && part.source != crate::values::Source::Default {
            described.push_str(&format!(
                ", {} ({})",
                part.name.trim_start_matches("database."),
                part.source
            ));
        }
    }
    checks.push(Check {
        name: "configuration",
        result: match &credentials {
            Ok(()) => Outcome::Passed(described),
            Err(e) => Outcome::Failed(clone_error(e)),
        },
    });
    let no_key = || Outcome::Skipped("needs the keys (see configuration)".to_owned());

    let reachable = endpoint_answers(ctx, credentials.is_ok()).await;
    let reached = reachable.is_ok();
    let server_date = reachable.as_ref().ok().and_then(|(_, date)| *date);
    checks.push(Check {
        name: "endpoint answers",
        result: reachable.map(|(m, _)| m).into(),
    });
    checks.push(Check {
        name: "clock",
        result: match (server_date, credentials.is_ok(), reached) {
            (Some(date), _, _) => clock_check(date).into(),
            (None, false, true) => no_key(),
            _ => Outcome::Skipped("the endpoint does not answer".to_owned()),
        },
    });

    checks.extend(bucket::server_checks(ctx, reached, credentials.is_ok()).await);
    checks.push(Check {
        name: "database",
        result: database_check(ctx).await.into(),
    });
    let passed = |name: &str| {
        checks
            .iter()
            .any(|c| c.name == name && matches!(c.result, Outcome::Passed(_)))
    };
    let store = if !passed("bucket") {
        Outcome::Skipped("needs the bucket (see bucket)".to_owned())
    } else if !passed("database") {
        Outcome::Skipped("needs the database (see database)".to_owned())
    } else {
        store_check(ctx).await.into()
    };
    checks.push(Check {
        name: "store",
        result: store,
    });
    checks.push(Check {
        name: "decoder jail",
        result: jail_check().await.into(),
    });
    checks.push(Check {
        name: "codecs",
        result: Ok::<_, Error>(crate::picture::codecs()).into(),
    });

    report(ctx, checks)
}

/// Starts one jailed decoder and reports the protections it set itself: the check an
/// operator runs to verify the jail on a running system (README, "The decoder jail").
async fn jail_check() -> std::result::Result<String, Error> {
    let hello = tokio::task::spawn_blocking(crate::jail::Jail::probe)
        .await
        .map_err(|e| Error::new(Kind::Internal, e.to_string()))?
        .map_err(|e| {
            Error::new(
                Kind::Internal,
                format!("cannot start a jailed decoder: {e}"),
            )
        })?;
    let mut active = Vec::new();
    let mut missing = Vec::new();
    let mut note = |on: bool, what: String| {
        if on {
            active.push(what);
        } else {
            missing.push(what);
        }
    };
    note(hello.seccomp, "seccomp allow-list".into());
    note(hello.no_new_privs, "no new privileges".into());
    note(true, "empty environment".into());
    note(
        hello.descriptors_closed,
        "only its 3 standard descriptors".into(),
    );
    // An operator's stricter ulimit (-v, -t) stays in force in the child: said so.
    let lowered = |value: u64, budget: u64| {
        if value < budget {
            " (lowered by the ulimit pfp was started with)"
        } else {
            ""
        }
    };
    note(
        hello.memory_limit > 0,
        format!(
            "memory {} MiB{}",
            hello.memory_limit >> 20,
            lowered(hello.memory_limit, crate::jail::MEMORY_BUDGET)
        ),
    );
    note(
        hello.cpu_limit > 0,
        format!(
            "CPU {} s{}",
            hello.cpu_limit,
            lowered(hello.cpu_limit, crate::jail::CPU_SECONDS)
        ),
    );
    note(hello.no_file_writes, "no file writes".into());
    note(hello.dies_with_parent, "dies with pfp".into());
    let mut detail = format!(
        "one child per file, forked from {}: {}",
        hello.program,
        active.join(", ")
    );
    if !missing.is_empty() {
        detail.push_str(&format!(
            "; NOT active on this system: {} (decodes still run in the child)",
            missing.join(", ")
        ));
    }
    Ok(detail)
}

/// Prints every check (a line each, or one JSON object); the exit code is that of the
/// first failure's kind.
fn report(ctx: &Context, checks: Vec<Check>) -> Result<()> {
    let first_failure = checks.iter().find_map(|c| match &c.result {
        Outcome::Failed(e) => Some(e.kind()),
        _ => None,
    });
    let checks = checks
        .into_iter()
        .map(|check| match check.result {
            Outcome::Passed(detail) => CheckReport {
                check: check.name,
                ok: Some(true),
                detail,
                kind: None,
                exit_code: None,
            },
            Outcome::Failed(e) => CheckReport {
                check: check.name,
                ok: Some(false),
                detail: e.to_string(),
                kind: Some(e.kind().name()),
                exit_code: Some(e.kind().exit_code()),
            },
            Outcome::Skipped(reason) => CheckReport {
                check: check.name,
                ok: None,
                detail: reason,
                kind: None,
                exit_code: None,
            },
        })
        .collect();
    ctx.printer.print(&DoctorReport {
        ok: first_failure.is_none(),
        checks,
    });
    match first_failure {
        None => Ok(()),
        Some(kind) => Err(Error::silent(kind).into()),
    }
}

fn clone_error(e: &Error) -> Error {
    Error::new(e.kind(), e.to_string())
}

/// DNS, TCP and (for https) TLS, with one plain request whose `Date` header gives the
/// server's clock; without keys, DNS and TCP only.
async fn endpoint_answers(
    ctx: &Context,
    with_keys: bool,
) -> std::result::Result<(String, Option<SystemTime>), Error> {
    let endpoint = &ctx.settings.endpoint.value;
    let policy = crate::store::retry::RetryPolicy::new(
        ctx.settings.retries.value,
        ctx.settings.timeout.value,
    );
    let proxy = crate::store::proxy::Proxy::for_endpoint(endpoint);
    let addr = match &proxy {
        Some(proxy) => {
            let addr = crate::store::probe::reach_proxy(proxy, &policy).await?;
            format!("through {proxy} at {addr}")
        }
        None => crate::store::probe::reach(endpoint, &policy)
            .await?
            .to_string(),
    };
    let date = if with_keys {
        ctx.store().await?.server_date().await?
    } else {
        None
    };
    Ok((
        format!(
            "{endpoint} ({addr}{})",
            if endpoint.is_https() && !with_keys {
                ", TLS not checked (needs the keys)"
            } else if endpoint.is_https() && ctx.settings.insecure {
                ", TLS NOT verified (--insecure)"
            } else if endpoint.is_https() {
                ", TLS verified"
            } else {
                ", plain HTTP"
            }
        ),
        date,
    ))
}

fn clock_check(server: SystemTime) -> std::result::Result<String, Error> {
    // The header is truncated to the second: its instant is the middle of that second.
    let server = server + Duration::from_millis(500);
    let offset = crate::store::clock::Offset::between(server, SystemTime::now());
    if offset.magnitude() > MAX_SKEW {
        return Err(Error::config(format!(
            "this machine's clock is {}; SigV4 refuses requests beyond 15 minutes",
            offset.describe()
        ))
        .hint("synchronise the clock (NTP)"));
    }
    if offset.magnitude() >= Duration::from_secs(60) {
        // pfp's own requests pass, and its URLs are dated by the server's clock; a URL
        // another tool signs here is not (a slow clock's expire early).
        return Ok(format!(
            "{}: pfp dates its URLs by the server's clock, but other tools here do not; synchronise this clock (NTP)",
            offset.describe()
        ));
    }
    Ok(format!(
        "within {} s of the server's",
        offset.magnitude().as_secs().max(1)
    ))
}

/// Whether the bucket is the store this database records, or would become it: what a
/// run's first change checks (`workflow::identity`), without changing anything.
async fn store_check(ctx: &Context) -> std::result::Result<String, Error> {
    let store = ctx.store().await?;
    let db = ctx.db().await?;
    crate::workflow::identity::diagnose(
        store,
        db,
        &ctx.settings.bucket.value,
        &ctx.settings.endpoint.value,
    )
    .await
}

async fn database_check(ctx: &Context) -> std::result::Result<String, Error> {
    let db = ctx.db().await?;
    let sample = format!(
        "{}/{}/users/00000000-0000-0000-0000-000000000000/{}_512.jpg",
        ctx.settings.endpoint.value,
        ctx.settings.bucket.value,
        "0".repeat(64)
    );
    db.check_url(&sample).map_err(|e| {
        Error::config(format!(
            "{e}: the picture column is too narrow for pfp's URLs"
        ))
    })?;
    if !db.takes_writes().await? {
        return Err(Error::config(
            "the server takes no writes (transaction_read_only is on: a standby, or default_transaction_read_only): every upload and repair would be refused",
        )
        .hint(format!(
            "point {} at the primary, or add target_session_attrs=read-write",
            crate::error::Setting::Database.var()
        )));
    }
    let transport = db
        .transport()
        .map(|t| format!(", over {t}"))
        .unwrap_or_default();
    Ok(format!(
        "{} opened{transport}; schema current",
        db.describe()
    ))
}
