use std::process::ExitCode;

use std::io::IsTerminal as _;

use pfp::cli::Cli;
use pfp::commands::Context;
use pfp::error::{is_silent, kind_of};
use pfp::output::Printer;
use pfp::settings::{ProcessEnv, Settings};

fn main() -> ExitCode {
    pfp::return_large_buffers_to_the_system();
    // A jailed decoder (pfp started by pfp) confines itself and never gets further.
    pfp::jail::run_child_if_asked();
    end_cleanly_where_no_thread_can_start();
    pfp::raise_open_files_limit();
    // The decoder's zygote starts before the command line is parsed (clap builds every
    // command's definition first, about a millisecond), judged from the raw arguments.
    if pfp::cli::may_decode_a_file(std::env::args_os().skip(1)) {
        pfp::jail::start_early();
    }
    let cli = match pfp::cli::command()
        .try_get_matches()
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(err) => {
            pfp::jail::end_early();
            return usage_error(err);
        }
    };
    if cli.global.no_sandbox || !cli.command.decodes_a_file() {
        // The raw arguments named a decoding command where none is (`pfp user show
        // upload`): no process is left waiting for a file that never comes.
        pfp::jail::end_early();
    }
    let options = cli.global.output_options();
    init_tracing(
        options.verbose,
        options.colour_for(std::io::stderr().is_terminal()),
    );
    let printer = Printer::new(options);

    let settings = match Settings::resolve(&cli.global, &ProcessEnv, &mut std::io::stdin().lock()) {
        Ok(settings) => settings,
        Err(err) => {
            printer.error(err.kind(), &err.to_string());
            pfp::jail::end_early();
            return ExitCode::from(err.kind().exit_code());
        }
    };
    for warning in &settings.warnings {
        printer.warn(warning);
    }

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            printer.error(
                pfp::Kind::Internal,
                &format!("cannot start the async runtime: {err}"),
            );
            pfp::jail::end_early();
            return ExitCode::from(pfp::Kind::Internal.exit_code());
        }
    };
    if cli.command.decodes_a_file() {
        // A blocking thread started now, while the command gets ready, is idle by the
        // time the file's decode asks for one: the file goes to the decoder without
        // waiting for a thread to start.
        drop(runtime.spawn_blocking(|| ()));
    }
    let mut ctx = Context::new(settings, printer).creating_database(cli.command.creates_database());
    let outcome = runtime.block_on(pfp::dispatch::run(&cli.command, &ctx));
    runtime.block_on(ctx.close());
    // Everything pfp started is finished or closed: the runtime's threads need not be
    // woken and joined one by one (about 1 ms of a single upload), the exit ends them.
    runtime.shutdown_background();
    pfp::jail::end_early();
    let code = match outcome {
        Ok(()) => 0,
        Err(err) => {
            let kind = kind_of(&err);
            if !is_silent(&err) {
                let subject = pfp::error::subject_of(&err);
                ctx.printer.error_about(kind, &format!("{err:#}"), subject);
            }
            kind.exit_code()
        }
    };
    // Results that did not all reach stdout (a full disk): the work is done, but what
    // it printed is not whole. Said on stderr, `--json` or not: stdout is what failed.
    if let Some(failure) = pfp::output::stdout_failure() {
        // One write, as every line of pfp's.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!(
                "error: writing the results to stdout: {failure}; what was printed is incomplete\n"
            )
            .as_bytes(),
        );
        if code == 0 {
            return ExitCode::from(pfp::Kind::Unavailable.exit_code());
        }
    }
    ExitCode::from(code)
}

/// A command line clap refused: clap's own message and exit 2, or with `--json` anywhere
/// on it the same `{"type":"error",…}` object every other error is. `--help` and
/// `--version` are not errors.
fn usage_error(err: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let json = std::env::args_os().skip(1).any(|a| a == "--json");
    if !json
        || matches!(
            err.kind(),
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
        )
        || err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    {
        // clap's own output (help and version to stdout, errors to stderr), but a help
        // that could not be written (a full disk) is not exit 0, as `ls --help >
        // /dev/full` is not; a reader gone away is.
        let code = err.exit_code();
        if let Err(e) = err.print()
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                format!("error: writing the results to stdout: {e}\n").as_bytes(),
            );
            return ExitCode::from(pfp::Kind::Unavailable.exit_code());
        }
        return ExitCode::from(u8::try_from(code).unwrap_or(2));
    }
    let text = err.render().to_string();
    let message = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("For more information"))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("; ");
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    let printer = Printer::new(pfp::output::OutputOptions {
        json: true,
        quiet: false,
        verbose: 0,
        no_progress: true,
        color: Some(false),
    });
    printer.error(pfp::Kind::Usage, message);
    ExitCode::from(pfp::Kind::Usage.exit_code())
}

/// A system that refuses pfp a thread (a process limit: `ulimit -u`, a container's
/// `pids.max`; or memory: `ulimit -v`) made tokio panic while it built its runtime: exit
/// 101 with a backtrace, or, where one worker thread had started and the next could not,
/// a runtime half built whose teardown waited for that worker forever (pfp hung, as a
/// Kubernetes Job at its PID limit would). That is the machine's limit, not a bug of
/// pfp's: said as every other error, exit 5 with what to raise, and the process ends
/// before the unwinding that hung. Every other panic goes to the hook that was there.
fn end_cleanly_where_no_thread_can_start() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        let Some(cause) = thread_start_failure(message) else {
            return previous(info);
        };
        let json = std::env::args_os().skip(1).any(|a| a == "--json");
        let printer = Printer::new(pfp::output::OutputOptions {
            json,
            quiet: false,
            verbose: 0,
            no_progress: true,
            color: Some(false),
        });
        let err = pfp::Error::new(
            pfp::Kind::Unavailable,
            format!("cannot start a thread: {cause}"),
        )
        .hint(pfp::error::STARVED_HINT);
        printer.error(err.kind(), &err.to_string());
        std::process::exit(i32::from(pfp::Kind::Unavailable.exit_code()));
    }));
}

/// The system's refusal in a panic that a thread could not be started: tokio's
/// (`OS can't spawn worker thread: Resource temporarily unavailable (os error 11)`) as it
/// is, std's (`failed to spawn thread: Os { code: 11, .. }`) as the OS error it carries.
fn thread_start_failure(message: &str) -> Option<String> {
    if let Some(cause) = message.strip_prefix("OS can't spawn worker thread: ") {
        return Some(cause.to_owned());
    }
    let debug = message.strip_prefix("failed to spawn thread: ")?;
    let code = debug
        .split_once("code: ")
        .and_then(|(_, rest)| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|digits| digits.parse().ok());
    Some(code.map_or_else(
        || debug.to_owned(),
        |code| std::io::Error::from_raw_os_error(code).to_string(),
    ))
}

/// `-v` shows pfp's own steps, `-vv` adds pfp's debug detail and the HTTP client's
/// requests, `-vvv` everything. Logs go to stderr and never carry secrets;
/// colour only where `ansi` says (a terminal, or `--color always`).
fn init_tracing(verbose: u8, ansi: bool) {
    use tracing_subscriber::Layer as _;
    use tracing_subscriber::filter::{LevelFilter, filter_fn};
    use tracing_subscriber::layer::SubscriberExt as _;
    use tracing_subscriber::util::SubscriberInitExt as _;

    let level = match verbose {
        0 => return,
        1 => LevelFilter::INFO,
        2 => LevelFilter::DEBUG,
        _ => LevelFilter::TRACE,
    };
    // -v: pfp's own steps (each request with its outcome and time, each database
    // statement's kind and time, each decode); -vv: also the HTTP client's requests;
    // -vvv: every library, at TRACE.
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(|| pfp::output::StderrAboveBars)
        .with_ansi(ansi)
        .with_filter(level)
        .with_filter(filter_fn(move |meta| {
            let target = meta.target();
            verbose >= 3
                || target.starts_with("pfp")
                || (verbose == 2
                    && ["reqwest", "hyper_util", "minio"]
                        .iter()
                        .any(|t| target.starts_with(t)))
        }));
    let _ = tracing_subscriber::registry().with(layer).try_init();
}
