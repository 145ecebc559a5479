//! A local S3 server for people without Docker: the same s3s-fs server the tests use,
//! built without the test suite's crates:
//!
//!     cargo run --features dev-server --bin pfp-dev-server     # 127.0.0.1:9000, minioadmin/minioadmin, ./.dev-data
//!     cargo run --features dev-server --bin pfp-dev-server -- --port 9100 --data /tmp/s3
//!
//! It runs until Ctrl-C. Objects are plain files under the data folder. The test suite
//! builds the same program as `examples/dev-server.rs`.

#[path = "../../tests/it/common/s3server.rs"]
mod s3server;

use std::path::PathBuf;

use clap::Parser;

#[derive(Parser)]
#[command(about = "A local S3 server (s3s-fs) for trying pfp without Docker")]
struct Args {
    /// Port to listen on (127.0.0.1)
    #[arg(long, default_value_t = 9000)]
    port: u16,
    /// Folder for the buckets and objects
    #[arg(long, default_value = ".dev-data")]
    data: PathBuf,
    /// Access key [env: MINIO_ROOT_USER]
    #[arg(long, env = "MINIO_ROOT_USER", default_value = "minioadmin")]
    access_key: String,
    /// Secret key [env: MINIO_ROOT_PASSWORD]
    #[arg(
        long,
        env = "MINIO_ROOT_PASSWORD",
        default_value = "minioadmin",
        hide_env_values = true
    )]
    secret_key: String,
}

pub fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut server = s3server::S3Server::start(s3server::ServerOptions::plain(
        args.port,
        args.data.clone(),
        &args.access_key,
        &args.secret_key,
    ))?;
    eprintln!(
        "S3 server listening on {} (data in {}); Ctrl-C to stop",
        server.endpoint(),
        args.data.display()
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // Ctrl-C or a plain `kill` (scripts stop it that way) both end it cleanly.
    runtime.block_on(async {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            r = tokio::signal::ctrl_c() => r,
            _ = term.recv() => Ok(()),
        }
    })?;
    let lists = server.list_requests();
    server.stop();
    eprintln!("stopped after serving {lists} listing requests");
    Ok(())
}
