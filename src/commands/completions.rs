//! `pfp completions SHELL`: shell completions generated from the clap tree.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;

pub fn run(args: &CompletionsArgs) -> Result<()> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "pfp", &mut std::io::stdout());
    Ok(())
}
