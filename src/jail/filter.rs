//! The seccomp-bpf allow-lists of the decoder jail, built with seccompiler (the filter
//! compiler Firecracker ships) rather than hand-assembled BPF. Anything not listed kills
//! the whole process with SIGSYS, which the parent reports as `decoder_crashed`. The
//! zygote gets a list with what it needs to fork and feed one child per file; each
//! child adds its own stricter list on top (the kernel applies both).
//!
//! What a decode (the child) needs: write its answer (stdout and stderr); memory (never
//! executable: a mapping or protection change that asks for `PROT_EXEC` is refused);
//! futex, clocks, random numbers (hash maps), its own CPU use; and exit. No file can be
//! opened, no socket made, no process started or traced, no limit changed, no signal
//! sent.
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

/// The child's filter. Compiled once by the zygote and installed by each child: no
/// signal can be sent at all, so abort() (a SIGABRT the process raises at itself) ends
/// in SIGSYS instead, which the parent reads with what the child printed.
pub fn program() -> Result<BpfProgram, String> {
    let no_exec = || condition(2, SeccompCmpOp::MaskedEq(libc::PROT_EXEC as u64), 0);
    let mut rules = plain(ANYTHING);
    // Nothing to read: the file is already in its memory (inherited from the zygote).
    rules.insert(
        libc::SYS_write,
        vec![
            rule(vec![condition(0, SeccompCmpOp::Eq, 1)?])?,
            rule(vec![condition(0, SeccompCmpOp::Eq, 2)?])?,
        ],
    );
    rules.insert(libc::SYS_mmap, vec![rule(vec![no_exec()?])?]);
    rules.insert(libc::SYS_mprotect, vec![rule(vec![no_exec()?])?]);
    compile(rules, SeccompAction::KillProcess, SeccompAction::Allow)
}

/// What both the zygote and the children may do without conditions.
const ANYTHING: &[i64] = &[
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

/// What the zygote needs on top: its socket and pipes (read and write on any of its few
/// descriptors, receive a file's descriptor, make and close one pipe per child), a fork (a `clone` without
/// `CLONE_THREAD` or `CLONE_VM`: a process, never a thread), waiting for it, and what the
/// child does to itself before its own filter goes on (descriptors, prctl, limits, the
/// filter). The zygote never parses a picture; a child is held to [`program`] as well.
pub fn zygote_program() -> Result<BpfProgram, String> {
    let mut rules = plain(ANYTHING);
    let more: &[i64] = &[
        libc::SYS_read,
        libc::SYS_write,
        // A file's descriptor, with its job (handoff.rs).
        libc::SYS_recvmsg,
        libc::SYS_pipe2,
        libc::SYS_close,
        libc::SYS_dup3,
        #[cfg(target_arch = "x86_64")]
        libc::SYS_dup2,
        libc::SYS_wait4,
        libc::SYS_prctl,
        libc::SYS_prlimit64,
        #[cfg(target_arch = "x86_64")]
        libc::SYS_setrlimit,
        libc::SYS_seccomp,
        libc::SYS_tgkill,
        libc::SYS_kill,
        // glibc's fork sets the new process's robust-futex list.
        libc::SYS_set_robust_list,
    ];
    rules.extend(more.iter().map(|&n| (n, Vec::new())));
    let no_exec = || condition(2, SeccompCmpOp::MaskedEq(libc::PROT_EXEC as u64), 0);
    rules.insert(libc::SYS_mmap, vec![rule(vec![no_exec()?])?]);
    rules.insert(libc::SYS_mprotect, vec![rule(vec![no_exec()?])?]);
    // The standard library checks a descriptor is open before it closes it (debug
    // builds): F_GETFD only.
    rules.insert(
        libc::SYS_fcntl,
        vec![rule(vec![condition(
            1,
            SeccompCmpOp::Eq,
            libc::F_GETFD as u64,
        )?])?],
    );
    let process = (libc::CLONE_THREAD | libc::CLONE_VM) as u64;
    rules.insert(
        libc::SYS_clone,
        vec![rule(vec![condition(
            0,
            SeccompCmpOp::MaskedEq(process),
            0,
        )?])?],
    );
    compile(rules, SeccompAction::KillProcess, SeccompAction::Allow)
}

fn plain(calls: &[i64]) -> BTreeMap<i64, Vec<SeccompRule>> {
    calls.iter().map(|&n| (n, Vec::new())).collect()
}

fn compile(
    rules: BTreeMap<i64, Vec<SeccompRule>>,
    mismatch: SeccompAction,
    matched: SeccompAction,
) -> Result<BpfProgram, String> {
    let arch = std::env::consts::ARCH
        .try_into()
        .map_err(|e: seccompiler::BackendError| e.to_string())?;
    let filter = SeccompFilter::new(rules, mismatch, matched, arch).map_err(|e| e.to_string())?;
    filter
        .try_into()
        .map_err(|e: seccompiler::BackendError| e.to_string())
}

/// The second filter: `EPERM` for the probes listed above, everything else left to the
/// first.
fn refusals() -> Result<BpfProgram, String> {
    compile(
        plain(&[libc::SYS_openat, libc::SYS_sched_getaffinity]),
        SeccompAction::Allow,
        SeccompAction::Errno(libc::EPERM as u32),
    )
}

/// The zygote's filters: the refusals first, so that no moment exists with `openat`
/// allowed and unrefused, then the zygote's allow-list. Sets `PR_SET_NO_NEW_PRIVS`.
pub fn install_zygote() -> Result<(), String> {
    let refusals = refusals()?;
    let program = zygote_program()?;
    seccompiler::apply_filter(&refusals).map_err(|e| e.to_string())?;
    seccompiler::apply_filter(&program).map_err(|e| e.to_string())
}

/// A child's own filter (compiled by the zygote, [`program`]), on top of the zygote's:
/// the kernel applies both.
pub fn install_child(program: &BpfProgram) -> Result<(), String> {
    seccompiler::apply_filter(program).map_err(|e| e.to_string())
}
