//! Decoding many pictures at once within the budget: one decode per core, and side by
//! side only while their memory fits together (two 40-megapixel PNGs at once would not).
//! Shared by `import` and `adopt`.

use std::sync::Arc;

use crate::error::{Error, Kind};
use crate::picture::{self, Options, Processed};

/// The memory all decodes in flight may use together: the README's budget of 512 MB
/// per process, less what the rest of a run holds (files read, HTTP, the database).
const DECODE_MEMORY_MIB: u32 = 440;

/// Why a decode gave no picture.
pub enum Refused {
    /// The picture breaks a rule (exit 4), in words naming the file.
    Rejected(String),
    /// Something else went wrong.
    Failed(Error),
}

pub struct DecodePool {
    options: Arc<Options>,
    cpu: tokio::sync::Semaphore,
    /// MiB of decoding memory, shared by the decodes in flight.
    memory: tokio::sync::Semaphore,
}

fn internal(e: impl std::fmt::Display) -> Refused {
    Refused::Failed(Error::new(Kind::Internal, e.to_string()))
}

impl DecodePool {
    pub fn new(options: Options) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        DecodePool {
            options: Arc::new(options),
            cpu: tokio::sync::Semaphore::new(cores),
            memory: tokio::sync::Semaphore::new(DECODE_MEMORY_MIB as usize),
        }
    }

    pub fn options(&self) -> &Arc<Options> {
        &self.options
    }

    /// Decodes and normalises `bytes` on the blocking pool. The container walk runs once:
    /// it refuses the file here, or tells the memory its decode needs, and is handed on
    /// to the decode.
    pub async fn decode(&self, bytes: Vec<u8>, name: &str) -> Result<Processed, Refused> {
        let inspected = picture::inspect(&bytes, name, &self.options)
            .map_err(|r| Refused::Rejected(r.message))?;
        let estimate = inspected.memory_estimate(bytes.len(), &self.options);
        let wanted = u32::try_from(estimate.div_ceil(1 << 20))
            .unwrap_or(u32::MAX)
            .clamp(1, DECODE_MEMORY_MIB);
        let _memory = self.memory.acquire_many(wanted).await.map_err(internal)?;
        let _permit = self.cpu.acquire().await.map_err(internal)?;
        let options = Arc::clone(&self.options);
        let name = name.to_owned();
        tokio::task::spawn_blocking(move || {
            let started = std::time::Instant::now();
            let processed = picture::process_inspected(&bytes, &name, &options, inspected);
            tracing::info!(target: "pfp::picture", "decoded and normalised '{name}' in {:.1?}", started.elapsed());
            processed
        })
        .await
        .map_err(internal)?
        .map_err(|r| Refused::Rejected(r.message))
    }
}
