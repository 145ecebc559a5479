//! The seccomp-bpf allow-list of a jailed decoder, built with seccompiler (the filter
//! compiler Firecracker ships) rather than hand-assembled BPF. Anything not listed kills
//! the whole process with SIGSYS, which the parent reports as `decoder_crashed`.
//!
//! What a decode needs: read its stdin and write its stdout and stderr; memory (never
//! executable: a mapping or protection change that asks for `PROT_EXEC` is refused);
//! futex, clocks, random numbers (hash maps), its own CPU use; and abort/exit. No file
//! can be opened, no socket made, no process started or traced, no limit changed, and no
//! signal sent but to itself.
//!
//! Two calls fail with `EPERM` instead of killing: `openat` and `sched_getaffinity`,
//! which the standard library's `available_parallelism` makes (the HEIC decoder asks it
//! how many threads it may use, and decodes on one when the answer is an error). A
//! second filter returns the error; the kernel applies the stricter verdict of the two,
//! so everything else stays fatal. Nothing can be opened either way.

use std::collections::BTreeMap;

use seccompiler::{
    BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter,
    SeccompRule,
};

fn condition(arg: u8, op: SeccompCmpOp, value: u64) -> Result<SeccompCondition, String> {
    SeccompCondition::new(arg, SeccompCmpArgLen::Qword, op, value).map_err(|e| e.to_string())
}

fn rule(conditions: Vec<SeccompCondition>) -> Result<SeccompRule, String> {
    SeccompRule::new(conditions).map_err(|e| e.to_string())
}

/// The filter for this process (its pid is written into the rules that send signals).
pub fn program() -> Result<BpfProgram, String> {
    let pid = u64::from(std::process::id());
    let no_exec = || condition(2, SeccompCmpOp::MaskedEq(libc::PROT_EXEC as u64), 0);
    let anything: &[i64] = &[
        libc::SYS_munmap,
        libc::SYS_mremap,
        libc::SYS_brk,
        libc::SYS_madvise,
        libc::SYS_futex,
        libc::SYS_clock_gettime,
        libc::SYS_clock_getres,
        libc::SYS_gettimeofday,
        libc::SYS_getrandom,
        libc::SYS_getrusage,
        libc::SYS_getpid,
        libc::SYS_gettid,
        libc::SYS_getppid,
        libc::SYS_sched_yield,
        libc::SYS_rt_sigreturn,
        libc::SYS_rt_sigprocmask,
        libc::SYS_rt_sigaction,
        libc::SYS_sigaltstack,
        libc::SYS_exit,
        libc::SYS_exit_group,
        // Refused by the second filter (EPERM).
        libc::SYS_openat,
        libc::SYS_sched_getaffinity,
    ];
    let mut rules: BTreeMap<i64, Vec<SeccompRule>> =
        anything.iter().map(|&n| (n, Vec::new())).collect();
    rules.insert(
        libc::SYS_read,
        vec![rule(vec![condition(0, SeccompCmpOp::Eq, 0)?])?],
    );
    rules.insert(
        libc::SYS_write,
        vec![
            rule(vec![condition(0, SeccompCmpOp::Eq, 1)?])?,
            rule(vec![condition(0, SeccompCmpOp::Eq, 2)?])?,
        ],
    );
    rules.insert(libc::SYS_mmap, vec![rule(vec![no_exec()?])?]);
    rules.insert(libc::SYS_mprotect, vec![rule(vec![no_exec()?])?]);
    // abort() raises SIGABRT at itself.
    for call in [libc::SYS_tgkill, libc::SYS_kill] {
        rules.insert(
            call,
            vec![rule(vec![condition(0, SeccompCmpOp::Eq, pid)?])?],
        );
    }
    let arch = std::env::consts::ARCH
        .try_into()
        .map_err(|e: seccompiler::BackendError| e.to_string())?;
    let filter = SeccompFilter::new(
        rules,
        SeccompAction::KillProcess,
        SeccompAction::Allow,
        arch,
    )
    .map_err(|e| e.to_string())?;
    filter
        .try_into()
        .map_err(|e: seccompiler::BackendError| e.to_string())
}

/// The second filter: `EPERM` for the probes listed above, everything else left to the
/// first.
fn refusals() -> Result<BpfProgram, String> {
    let rules: BTreeMap<i64, Vec<SeccompRule>> = [libc::SYS_openat, libc::SYS_sched_getaffinity]
        .into_iter()
        .map(|n| (n, Vec::new()))
        .collect();
    let arch = std::env::consts::ARCH
        .try_into()
        .map_err(|e: seccompiler::BackendError| e.to_string())?;
    let filter = SeccompFilter::new(
        rules,
        SeccompAction::Allow,
        SeccompAction::Errno(libc::EPERM as u32),
        arch,
    )
    .map_err(|e| e.to_string())?;
    filter
        .try_into()
        .map_err(|e: seccompiler::BackendError| e.to_string())
}

/// Sets `PR_SET_NO_NEW_PRIVS` and installs both filters for the calling (only) thread;
/// the refusals first, so that no moment exists with `openat` allowed and unrefused.
pub fn install() -> Result<(), String> {
    let refusals = refusals()?;
    let program = program()?;
    seccompiler::apply_filter(&refusals).map_err(|e| e.to_string())?;
    seccompiler::apply_filter(&program).map_err(|e| e.to_string())
}
