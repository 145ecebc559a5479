//! `pfp completions SHELL`: shell completions generated from the clap tree.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;

pub fn run(args: &CompletionsArgs) -> Result<()> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "pfp", &mut std::io::stdout());
    Ok(())
}

/// `pfp man`: the man page, rendered from the same clap tree.
pub fn man() -> Result<()> {
    let page = clap_mangen::Man::new(Cli::command());
    let mut out = Vec::new();
    page.render(&mut out)?;
    std::io::Write::write_all(&mut std::io::stdout().lock(), &out)?;
    Ok(())
}
