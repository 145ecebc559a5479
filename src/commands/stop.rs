//! The signals that ask a bulk run (`import`, `adopt`) to stop: Ctrl-C (SIGINT) and
//! SIGTERM, which `kill`, `timeout`, GNU parallel, systemd and Kubernetes send before
//! they kill (a Job's pod gets SIGTERM and a grace period). rclone treats the two alike;
//! so does pfp. The first one stops the taking of new work and lets the work in flight
//! finish or undo itself; the second one, of either kind, stops at once. The run then
//! exits 130 (SIGINT) or 143 (SIGTERM), 128 + the signal, as a shell reports a process
//! that the signal ended.
//!
//! The jailed decoders are in a process group of their own (`jail::worker`), so the
//! Ctrl-C a terminal sends to its whole foreground group reaches pfp alone: a decode in
//! flight finishes, and its file is not blamed for its decoder's death.

use crate::error::Kind;

/// The stop signals, caught from the moment this is made until it is dropped.
pub struct StopSignals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl StopSignals {
    /// Starts catching SIGINT and SIGTERM (their default action, death on the spot, is
    /// replaced for the rest of the process); None, and their default kept, where they
    /// cannot be caught.
    pub fn catch() -> Option<StopSignals> {
        Self::try_catch()
            .inspect_err(|e| tracing::debug!("Ctrl-C and SIGTERM are not caught: {e}"))
            .ok()
    }

    fn try_catch() -> std::io::Result<StopSignals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(StopSignals {
                interrupt: signal(SignalKind::interrupt())?,
                terminate: signal(SignalKind::terminate())?,
            })
        }
        #[cfg(not(unix))]
        Ok(StopSignals {})
    }

    /// The next stop signal, as the kind of the run's end: [`Kind::Interrupted`] for
    /// SIGINT, [`Kind::Terminated`] for SIGTERM.
    pub async fn next(&mut self) -> Kind {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.interrupt.recv() => Kind::Interrupted,
                _ = self.terminate.recv() => Kind::Terminated,
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
            Kind::Interrupted
        }
    }
}
