use std::process::ExitCode;

use clap::Parser;

use pfp::cli::Cli;
use pfp::commands::{self, Context};
use pfp::error::{is_silent, kind_of};
use pfp::output::Printer;
use pfp::settings::{ProcessEnv, Settings};

fn main() -> ExitCode {
    return_large_buffers_to_the_system();
    let cli = Cli::parse();
    let options = cli.global.output_options();
    init_tracing(options.verbose);
    let printer = Printer::new(options);

    let settings = match Settings::resolve(&cli.global, &ProcessEnv, &mut std::io::stdin().lock()) {
        Ok(settings) => settings,
        Err(err) => {
            printer.error(err.kind(), &err.to_string());
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
            return ExitCode::from(pfp::Kind::Internal.exit_code());
        }
    };
    let ctx = Context::new(settings, printer);
    match runtime.block_on(commands::run(&cli.command, &ctx)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let kind = kind_of(&err);
            if !is_silent(&err) {
                ctx.printer.error(kind, &format!("{err:#}"));
            }
            ExitCode::from(kind.exit_code())
        }
    }
}

/// Decoded images are hundreds of megabytes. glibc raises its mmap threshold each time
/// such a buffer is freed, after which the next ones come from per-thread heaps that
/// keep their memory: an import decoding on several threads then holds every thread's
/// largest image at once (563 MiB measured for two 36-megapixel PNGs decoded one after
/// the other). A fixed threshold keeps every buffer over 4 MiB mmapped and returned to
/// the system when freed.
fn return_large_buffers_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of the allocator; called before any thread.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20);
    }
}

/// `-v` shows pfp's own progress (retries, requests), `-vv` its debug detail, `-vvv`
/// everything including the HTTP client's. Logs go to stderr and never carry secrets.
fn init_tracing(verbose: u8) {
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
    let everything = verbose >= 3;
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(level)
        .with_filter(filter_fn(move |meta| {
            everything || meta.target().starts_with("pfp")
        }));
    let _ = tracing_subscriber::registry().with(layer).try_init();
}
