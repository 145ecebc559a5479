//! Which CPU each zygote of a bulk pool runs on.
//!
//! A fork write-protects the zygote's writable pages and then flushes the zygote's
//! address space from the TLB of every CPU that may still hold it; a CPU that ran the
//! zygote a moment ago and has gone idle still does, so each fork interrupts it
//! (an IPI, and in a virtual machine an exit to the host and a wait for a vCPU that
//! may not be running). The child's writes to its pipe wake the zygote, and the
//! zygote's wake the parent, on whatever CPU each last ran. A zygote that stays on one
//! CPU, with its children there too (they inherit the affinity), flushes only that
//! CPU and wakes its zygote locally. `perf record` of `validate` of 200 avatars put 5%
//! of all samples in the fork's wait for those interrupts; pinned, they were gone.
//!
//! Only a pool that covers every CPU pfp may run on is pinned, one zygote after another
//! round the CPUs (two a CPU for a bulk run): then no CPU is left out and none gets more
//! than its share, and a zygote whose CPU is busy with something else simply takes fewer
//! files from the queue. A smaller pool (one file, or a machine with more CPUs than pfp
//! uses) is left to the scheduler, so that parallel runs of pfp never crowd one CPU.

use std::sync::Mutex;

/// The CPUs a pool's zygotes are pinned to, and how many run on each.
pub struct Placement {
    cpus: Vec<usize>,
    zygotes: Mutex<Vec<usize>>,
}

impl Placement {
    /// The placement of a pool of `zygotes`, or `None` when it would not cover every
    /// CPU this process may run on (or the platform has no affinity).
    pub fn plan(zygotes: usize) -> Option<Placement> {
        let cpus = allowed_cpus()?;
        (!cpus.is_empty() && zygotes >= cpus.len()).then(|| Placement {
            zygotes: Mutex::new(vec![0; cpus.len()]),
            cpus,
        })
    }

    /// Pins the zygote `pid` to the CPU with the fewest of the pool's zygotes (the
    /// lowest first) and returns that CPU, for [`Placement::leave`] when the zygote
    /// ends. A CPU the kernel refuses (taken away meanwhile) leaves the zygote to the
    /// scheduler.
    pub fn pin(&self, pid: u32) -> Option<usize> {
        let mut zygotes = self.zygotes.lock().unwrap_or_else(|e| e.into_inner());
        let (slot, _) = zygotes.iter().enumerate().min_by_key(|&(i, n)| (*n, i))?;
        let cpu = self.cpus[slot];
        if let Err(e) = set_affinity(pid, cpu) {
            tracing::debug!(target: "pfp::jail", "cannot pin a decoder to CPU {cpu}: {e}");
            return None;
        }
        zygotes[slot] += 1;
        Some(cpu)
    }

    /// A zygote pinned to `cpu` has ended.
    pub fn leave(&self, cpu: usize) {
        let mut zygotes = self.zygotes.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(slot) = self.cpus.iter().position(|&c| c == cpu) {
            zygotes[slot] = zygotes[slot].saturating_sub(1);
        }
    }

    /// How many of the pool's zygotes run on each CPU, in the order of the CPUs.
    #[cfg(test)]
    fn counts(&self) -> Vec<(usize, usize)> {
        let zygotes = self.zygotes.lock().unwrap_or_else(|e| e.into_inner());
        self.cpus
            .iter()
            .copied()
            .zip(zygotes.iter().copied())
            .collect()
    }
}

/// The CPUs this process may run on (its affinity mask).
#[cfg(target_os = "linux")]
pub fn allowed_cpus() -> Option<Vec<usize>> {
    // SAFETY: an all-zero cpu_set_t is an empty set; sched_getaffinity fills it.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    // SAFETY: the size given is the set's own.
    if unsafe { libc::sched_getaffinity(0, size_of::<libc::cpu_set_t>(), &mut set) } != 0 {
        return None;
    }
    Some(
        (0..libc::CPU_SETSIZE as usize)
            // SAFETY: CPU_ISSET reads the set within CPU_SETSIZE.
            .filter(|&cpu| unsafe { libc::CPU_ISSET(cpu, &set) })
            .collect(),
    )
}

#[cfg(not(target_os = "linux"))]
pub fn allowed_cpus() -> Option<Vec<usize>> {
    None
}

#[cfg(target_os = "linux")]
fn set_affinity(pid: u32, cpu: usize) -> std::io::Result<()> {
    let pid = libc::pid_t::try_from(pid).map_err(std::io::Error::other)?;
    // SAFETY: an all-zero cpu_set_t is an empty set.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    // SAFETY: `cpu` came from the process's own mask, so it is below CPU_SETSIZE.
    unsafe { libc::CPU_SET(cpu, &mut set) };
    // SAFETY: the size given is the set's own; pid is a zygote this process started.
    if unsafe { libc::sched_setaffinity(pid, size_of::<libc::cpu_set_t>(), &set) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn set_affinity(_pid: u32, _cpu: usize) -> std::io::Result<()> {
    Err(std::io::Error::other("no CPU affinity on this platform"))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// The CPU a process may run on, as the kernel reports it.
    fn affinity_of(pid: u32) -> String {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("Cpus_allowed_list:"))
            .unwrap()
            .trim()
            .to_owned()
    }

    #[test]
    fn a_pool_that_covers_every_cpu_is_pinned_round_them_and_a_smaller_one_is_not() {
        let cpus = allowed_cpus().unwrap();
        assert!(Placement::plan(cpus.len() - 1).is_none());
        let placement = Placement::plan(2 * cpus.len()).expect("a pool of two a CPU");
        let mut sleepers: Vec<_> = (0..2 * cpus.len())
            .map(|_| {
                std::process::Command::new("sleep")
                    .arg("30")
                    .spawn()
                    .unwrap()
            })
            .collect();
        let pinned: Vec<usize> = sleepers
            .iter()
            .map(|s| placement.pin(s.id()).unwrap())
            .collect();
        for (sleeper, cpu) in sleepers.iter().zip(&pinned) {
            assert_eq!(affinity_of(sleeper.id()), cpu.to_string());
        }
        assert!(placement.counts().iter().all(|&(_, n)| n == 2));
        // One ends: its replacement goes where it was.
        placement.leave(pinned[1]);
        let mut replacement = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        assert_eq!(placement.pin(replacement.id()), Some(pinned[1]));
        for s in sleepers.iter_mut().chain([&mut replacement]) {
            let _ = s.kill();
            let _ = s.wait();
        }
    }
}
