//! `pfp completions SHELL` and `pfp man`: generated from the clap tree, printed as they
//! are (they are files for the shell and for man, not messages).

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::commands::Context;
use crate::error::Result;

pub fn run(args: &CompletionsArgs, ctx: &Context) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "pfp", &mut out);
    ctx.printer.raw(&out);
    Ok(())
}

/// `pfp man`: the man page, rendered from the same clap tree.
pub fn man(ctx: &Context) -> Result<()> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    ctx.printer.raw(&out);
    Ok(())
}
