//! The seccomp-bpf allow-lists of the decoder jail, built with seccompiler (the filter
//! compiler Firecracker ships) rather than hand-assembled BPF. Anything not listed kills
//! the whole process with SIGSYS, which the parent reports as `decoder_crashed`. The
//! zygote gets a list with what it needs to fork and feed one child per file; each
//! child adds its own stricter list on top (the kernel applies both).
//!
//! What a decode (the child) needs: write its answer (stdout and stderr); memory (never
//! executable: a mapping or protection change that asks for `PROT_EXEC` is refused);
//! futex, clocks, random numbers (hash maps), its own CPU use; closing its pipe, and
//! exit. No file can be
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
    // Its last act before exit: closing its pipe, so that the zygote has the answer's
    // end without waiting for the exit (wire::Outcome::finished). Closing can only take
    // from a process what it has.
    rules.insert(libc::SYS_close, Vec::new());
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

#[cfg(test)]
mod tests {
    use super::*;
    use seccompiler::sock_filter;

    /// The kernel's `struct seccomp_data`, as a filter reads it.
    struct Data {
        nr: u32,
        arch: u32,
        args: [u64; 6],
    }

    impl Data {
        fn word(&self, offset: u32) -> u32 {
            match offset {
                0 => self.nr,
                4 => self.arch,
                16..=63 if offset.is_multiple_of(4) => {
                    let arg = self.args[(offset as usize - 16) / 8];
                    if offset.is_multiple_of(8) {
                        arg as u32
                    } else {
                        (arg >> 32) as u32
                    }
                }
                _ => panic!("a load at offset {offset}"),
            }
        }
    }

    /// Runs a classic BPF program as the kernel does, for the instructions seccompiler
    /// emits; any other instruction fails the test rather than be guessed at.
    fn run(program: &[sock_filter], data: &Data) -> u32 {
        const LD_W_ABS: u16 = 0x20;
        const ALU_AND_K: u16 = 0x54;
        const JA: u16 = 0x05;
        const JEQ_K: u16 = 0x15;
        const JGT_K: u16 = 0x25;
        const JGE_K: u16 = 0x35;
        const JSET_K: u16 = 0x45;
        const RET_K: u16 = 0x06;
        let (mut a, mut pc) = (0u32, 0usize);
        loop {
            let i = &program[pc];
            pc += 1;
            let taken = |yes: bool| usize::from(if yes { i.jt } else { i.jf });
            match i.code {
                LD_W_ABS => a = data.word(i.k),
                ALU_AND_K => a &= i.k,
                JA => pc += i.k as usize,
                JEQ_K => pc += taken(a == i.k),
                JGT_K => pc += taken(a > i.k),
                JGE_K => pc += taken(a >= i.k),
                JSET_K => pc += taken(a & i.k != 0),
                RET_K => return i.k,
                code => panic!("instruction {code:#x} at {}", pc - 1),
            }
        }
    }

    /// The verdict of a stack of filters: the kernel runs them all and takes the
    /// action of highest precedence (the lowest as a signed number: kill the process,
    /// kill the thread, trap, errno, ..., allow), with its data.
    fn verdict(stack: &[&BpfProgram], data: &Data) -> u32 {
        stack
            .iter()
            .map(|program| run(program, data))
            .min_by_key(|&ret| (ret & 0xffff_0000) as i32)
            .expect("at least one filter")
    }

    /// The `AUDIT_ARCH_*` value of this machine's system calls.
    fn native_arch() -> u32 {
        match std::env::consts::ARCH {
            "x86_64" => 62 | 0x8000_0000 | 0x4000_0000,
            "aarch64" => 183 | 0x8000_0000 | 0x4000_0000,
            other => panic!("no audit arch for {other}"),
        }
    }

    #[test]
    fn the_filters_together_refuse_what_the_child_must_not_do() {
        // The filters as compiled, run as the kernel runs a stack of them: the child's
        // verdicts, arguments' high words included (a descriptor of 1 + 2^32 is not 1).
        let (refusals, zygote, child) = (
            refusals().unwrap(),
            zygote_program().unwrap(),
            program().unwrap(),
        );
        let native = native_arch();
        let stack = [&refusals, &zygote, &child];
        let call = |nr: i64, args: [u64; 6]| {
            verdict(
                &stack,
                &Data {
                    nr: nr as u32,
                    arch: native,
                    args,
                },
            )
        };
        let kill = 0x8000_0000;
        let allow = 0x7fff_0000;
        let eperm = 0x0005_0000 | libc::EPERM as u32;
        assert_eq!(call(libc::SYS_write, [1, 0, 0, 0, 0, 0]), allow);
        assert_eq!(call(libc::SYS_write, [2, 0, 0, 0, 0, 0]), allow);
        assert_eq!(call(libc::SYS_write, [3, 0, 0, 0, 0, 0]), kill);
        assert_eq!(call(libc::SYS_write, [1 | (1 << 32), 0, 0, 0, 0, 0]), kill);
        assert_eq!(call(libc::SYS_read, [0; 6]), kill);
        assert_eq!(
            call(libc::SYS_clone, [libc::SIGCHLD as u64, 0, 0, 0, 0, 0]),
            kill
        );
        assert_eq!(call(libc::SYS_execve, [0; 6]), kill);
        assert_eq!(call(libc::SYS_socket, [2, 1, 0, 0, 0, 0]), kill);
        assert_eq!(call(libc::SYS_openat, [0; 6]), eperm);
        let rw = (libc::PROT_READ | libc::PROT_WRITE) as u64;
        assert_eq!(call(libc::SYS_mmap, [0, 4096, rw, 0x22, 0, 0]), allow);
        let rx = (libc::PROT_READ | libc::PROT_EXEC) as u64;
        assert_eq!(call(libc::SYS_mmap, [0, 4096, rx, 0x22, 0, 0]), kill);
        assert_eq!(call(libc::SYS_exit_group, [0; 6]), allow);
        // It may close its pipe before it exits, but not copy a descriptor.
        assert_eq!(call(libc::SYS_close, [1, 0, 0, 0, 0, 0]), allow);
        assert_eq!(call(libc::SYS_dup3, [1, 5, 0, 0, 0, 0]), kill);
        // The zygote itself may fork, but not make a thread.
        let zygote_only = |nr: i64, args: [u64; 6]| {
            verdict(
                &[&refusals, &zygote],
                &Data {
                    nr: nr as u32,
                    arch: native,
                    args,
                },
            )
        };
        assert_eq!(
            zygote_only(libc::SYS_clone, [libc::SIGCHLD as u64, 0, 0, 0, 0, 0]),
            allow
        );
        let thread = (libc::CLONE_VM | libc::CLONE_THREAD) as u64;
        assert_eq!(zygote_only(libc::SYS_clone, [thread, 0, 0, 0, 0, 0]), kill);
    }
}
