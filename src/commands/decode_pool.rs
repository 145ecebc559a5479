//! Decoding pictures within the budget, each in its own jailed child (`jail`): one
//! decode per core, and side by side only while their memory fits together (two
//! 40-megapixel PNGs at once would not). Shared by every command that decodes a file it
//! was given: `upload`, `set-default`, `validate`, `import`, `adopt`.

use std::sync::Arc;

use crate::error::{Error, Kind};
use crate::input::Image;
use crate::jail::{Jail, Refusal};
use crate::picture::{self, Options, Processed, Rejection};

/// The memory all decodes in flight may use together: the README's budget of 512 MB
/// per process, less what the rest of a run holds (files read, HTTP, the database).
const DECODE_MEMORY_MIB: u32 = 440;

/// Why a decode gave no picture.
pub enum Refused {
    /// The picture breaks a rule, or the decoder died on it (exit 4), in words naming
    /// the file.
    Rejected(Rejection),
    /// Something else went wrong.
    Failed(Error),
}

pub struct DecodePool {
    options: Arc<Options>,
    /// None with `--no-sandbox`: decoding on this process's blocking pool.
    jail: Option<Jail>,
    cpu: tokio::sync::Semaphore,
    /// MiB of decoding memory, shared by the decodes in flight.
    memory: tokio::sync::Semaphore,
}

fn internal(e: impl std::fmt::Display) -> Refused {
    Refused::Failed(Error::new(Kind::Internal, e.to_string()))
}

impl DecodePool {
    /// A pool for a bulk run: two decodes per core in flight. A jailed decode spends
    /// part of its time passing the file and the answer between processes, and the
    /// second keeps the core busy meanwhile (measured: the README's jail table, where
    /// `--no-sandbox` runs with the same number). The memory budget still bounds them
    /// together.
    pub fn new(options: Options, sandbox: bool) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self::with(options, sandbox, 2 * cores)
    }

    /// A pool for one file: its zygote starts now, while the file is read.
    pub fn single(options: Options, sandbox: bool) -> Self {
        let pool = Self::with(options, sandbox, 1);
        if let Some(jail) = &pool.jail {
            jail.warm();
        }
        pool
    }

    /// A pool for `files` given on the command line, `jobs` at once: [`single`] for one
    /// at a time, else a pool whose zygotes start now (pinned to the CPUs when they
    /// cover them all: `jail/placement.rs`).
    ///
    /// [`single`]: DecodePool::single
    pub fn for_files(options: Options, sandbox: bool, files: usize, jobs: usize) -> Self {
        let in_flight = jobs.min(files).max(1);
        if in_flight == 1 {
            return Self::single(options, sandbox);
        }
        let pool = Self::with(options, sandbox, in_flight);
        if let Some(jail) = &pool.jail {
            jail.warm();
        }
        pool
    }

    fn with(options: Options, sandbox: bool, in_flight: usize) -> Self {
        DecodePool {
            options: Arc::new(options),
            jail: sandbox.then(|| Jail::new(in_flight)),
            cpu: tokio::sync::Semaphore::new(in_flight),
            memory: tokio::sync::Semaphore::new(DECODE_MEMORY_MIB as usize),
        }
    }

    pub fn options(&self) -> &Arc<Options> {
        &self.options
    }

    /// Decodes and normalises `bytes` in a jailed child. The container walk runs here
    /// first: it refuses the file at once, or tells the memory its decode needs.
    pub async fn decode(
        &self,
        bytes: impl Into<Arc<Image>>,
        name: &str,
    ) -> Result<Processed, Refused> {
        let bytes = bytes.into();
        let inspected = picture::inspect(&bytes, name, &self.options).map_err(Refused::Rejected)?;
        let estimate = inspected.memory_estimate(bytes.len(), &self.options);
        let wanted = u32::try_from(estimate.div_ceil(1 << 20))
            .unwrap_or(u32::MAX)
            .clamp(1, DECODE_MEMORY_MIB);
        let _memory = self.memory.acquire_many(wanted).await.map_err(internal)?;
        let _permit = self.cpu.acquire().await.map_err(internal)?;
        let started = std::time::Instant::now();
        let processed = match &self.jail {
            Some(jail) => jail.process(bytes, name, &self.options, inspected).await,
            None => {
                let (options, name) = (Arc::clone(&self.options), name.to_owned());
                tokio::task::spawn_blocking(move || {
                    picture::process_inspected(&bytes, &name, &options, inspected)
                })
                .await
                .map_err(|e| Refusal::Unavailable(e.to_string()))
                .and_then(|processed| processed.map_err(Refusal::Rejected))
            }
        };
        tracing::info!(target: "pfp::picture", "decoded and normalised '{name}' in {:.1?}", started.elapsed());
        processed.map_err(|refusal| match refusal {
            Refusal::Rejected(rejection) => Refused::Rejected(rejection),
            Refusal::Unavailable(message) => Refused::Failed(Error::new(Kind::Internal, message)),
            Refusal::Starved(message) => Refused::Failed(
                Error::new(Kind::Unavailable, message).hint(crate::error::STARVED_HINT),
            ),
        })
    }
}
