//! The one retry loop: exponential backoff with full jitter, per-attempt timeouts, and an
//! optional deadline (for `--wait`). Only errors of kind `Unavailable` are retried: a 4xx
//! answer (access denied, bad signature, no such bucket) will not change by asking again.

use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant};

use crate::error::{Error, Kind};

/// How often and how long to try.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    /// Retries after the first attempt (`--retries`).
    pub retries: u32,
    /// Time allowed for each attempt (`--timeout`).
    pub timeout: Duration,
    /// Keep retrying until this instant, whatever `retries` says (`bucket init --wait`).
    pub deadline: Option<Instant>,
    /// The first backoff; it doubles per attempt up to `max_backoff`.
    pub base_backoff: Duration,
    pub max_backoff: Duration,
}

impl RetryPolicy {
    pub fn new(retries: u32, timeout: Duration) -> Self {
        RetryPolicy {
            retries,
            timeout,
            deadline: None,
            base_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
        }
    }

    /// The same policy, but retrying until `wait` has passed.
    pub fn until(mut self, wait: Duration) -> Self {
        self.deadline = Some(Instant::now() + wait);
        self.max_backoff = self.max_backoff.min(Duration::from_secs(1));
        self
    }

    /// The pause before retry number `attempt` (1-based): full jitter over an exponential cap.
    fn backoff(&self, attempt: u32) -> Duration {
        let cap = self
            .base_backoff
            .saturating_mul(1 << attempt.min(16))
            .min(self.max_backoff);
        // A fresh RandomState is seeded randomly per process and call: jitter without a crate.
        let random = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        let fraction = (random % 1_000) as f64 / 1_000.0;
        cap.mul_f64(0.5 + fraction / 2.0)
    }

    /// The last error, saying how often and how long pfp tried when it tried more than once:
    /// what the operator waited for is part of the verdict (four silent 30 s attempts are two
    /// minutes, not the `--timeout` the message names).
    fn gave_up(&self, err: Error, attempts: u32, elapsed: Duration) -> Error {
        if attempts < 2 {
            return err;
        }
        let setting = match self.deadline {
            Some(_) => "--wait".to_string(),
            None => format!("--retries {}", self.retries),
        };
        err.append(&format!(
            ", tried {attempts} times in {} ({setting})",
            crate::values::units::format_elapsed(elapsed)
        ))
    }

    /// Runs `op` until it succeeds, fails with a non-retryable error, or the budget is spent.
    /// `what` names the operation for the timeout message.
    pub async fn run<T, F, Fut>(&self, what: &str, mut op: F) -> Result<T, Error>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        let mut attempt = 0;
        let first = Instant::now();
        loop {
            let started = Instant::now();
            let result = match tokio::time::timeout(self.timeout, op()).await {
                Ok(result) => result,
                Err(_) => Err(Error::new(
                    Kind::Unavailable,
                    format!(
                        "{what}: no answer within {} ({})",
                        crate::values::units::format_duration(self.timeout),
                        crate::error::Setting::Timeout.name()
                    ),
                )),
            };
            // `-v`: every request pfp makes, with how it ended and how long it took.
            let elapsed = started.elapsed();
            match &result {
                Ok(_) => tracing::info!(target: "pfp::s3", "{what}: ok in {elapsed:.1?}"),
                Err(e) => tracing::info!(target: "pfp::s3", "{what}: {e} after {elapsed:.1?}"),
            }
            let err = match result {
                Ok(value) => return Ok(value),
                Err(err) if err.kind() != Kind::Unavailable => return Err(err),
                Err(err) => err,
            };
            attempt += 1;
            let pause = self.backoff(attempt);
            let more = match self.deadline {
                Some(deadline) => Instant::now() + pause < deadline,
                None => attempt <= self.retries,
            };
            if !more {
                return Err(self.gave_up(err, attempt, first.elapsed()));
            }
            tracing::info!(attempt, ?pause, "retrying after: {err}");
            tokio::time::sleep(pause).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn fast(retries: u32) -> RetryPolicy {
        RetryPolicy {
            base_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(2),
            ..RetryPolicy::new(retries, Duration::from_secs(5))
        }
    }

    #[tokio::test]
    async fn retries_unavailable_then_gives_up() {
        let calls = AtomicU32::new(0);
        let err = fast(3)
            .run("probe", || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err::<(), _>(Error::new(Kind::Unavailable, "down"))
            })
            .await
            .unwrap_err();
        assert_eq!(
            calls.load(Ordering::SeqCst),
            4,
            "one attempt and three retries"
        );
        assert!(
            err.to_string().starts_with("down, tried 4 times in 0."),
            "{err}"
        );
        assert_eq!(err.kind(), Kind::Unavailable);
    }

    #[tokio::test]
    async fn does_not_retry_access_denied() {
        let calls = AtomicU32::new(0);
        let err = fast(3)
            .run("probe", || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err::<(), _>(Error::new(Kind::Denied, "no"))
            })
            .await
            .unwrap_err();
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert_eq!(err.kind(), Kind::Denied);
    }

    #[tokio::test]
    async fn succeeds_after_transient_failures() {
        let calls = AtomicU32::new(0);
        let value = fast(3)
            .run("probe", || async {
                if calls.fetch_add(1, Ordering::SeqCst) < 2 {
                    Err(Error::new(Kind::Unavailable, "down"))
                } else {
                    Ok(7)
                }
            })
            .await
            .unwrap();
        assert_eq!(value, 7);
    }

    #[tokio::test]
    async fn a_slow_attempt_times_out_as_unavailable() {
        let policy = RetryPolicy::new(0, Duration::from_millis(20));
        let err = policy
            .run("slow call", || async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                Ok::<_, Error>(())
            })
            .await
            .unwrap_err();
        assert_eq!(err.kind(), Kind::Unavailable);
        assert!(
            err.to_string().contains("slow call: no answer within 20ms"),
            "{err}"
        );
    }
}
