//! Shell completions and man pages, generated from the clap tree: files for the shell and
//! for man, printed as they are (not messages).

use crate::error::Error;

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut super::command(), "pfp", &mut out);
    out
}

/// Every page: pfp's own, then one per command (`pfp-upload`, `pfp-bucket-init`, ...),
/// each with its options and the global ones, rendered from the same clap tree.
fn pages() -> Vec<(String, clap::Command)> {
    let mut root = super::command().mut_args(described);
    // Propagates the global options into every command, so each page lists them.
    root.build();
    let mut pages = Vec::new();
    // (page name, command line, command): pfp-bucket-init is `pfp bucket init`.
    let mut stack = vec![("pfp".to_owned(), "pfp".to_owned(), root)];
    while let Some((name, line, command)) = stack.pop() {
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            let sub_name = format!("{name}-{}", sub.get_name());
            let sub_line = format!("{line} {}", sub.get_name());
            let page = sub
                .clone()
                .display_name(sub_name.clone())
                .bin_name(sub_line.clone())
                .mut_args(described);
            stack.push((sub_name, sub_line, page));
        }
        pages.push((name, command));
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    pages
}

/// The global options are left out of `-h` (`--help` shows them); a man page shows every
/// option's description, and clap_mangen shows none for an option hidden from short help
/// unless it has a long one.
fn described(arg: clap::Arg) -> clap::Arg {
    arg.hide_short_help(false)
}

fn render(command: clap::Command) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut out)
        .map_err(|e| {
            Error::new(
                crate::error::Kind::Internal,
                format!("rendering a man page: {e}"),
            )
        })?;
    Ok(out)
}

/// Every page written into `dir` as `NAME.1`.
pub fn write_man_pages(dir: &std::path::Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::invalid(format!("cannot create '{}': {e}", dir.display())))?;
    for (name, command) in pages() {
        let path = dir.join(format!("{name}.1"));
        std::fs::write(&path, render(command)?)
            .map_err(|e| Error::invalid(format!("cannot write '{}': {e}", path.display())))?;
    }
    Ok(())
}

/// The page of `pfp COMMAND...` (`pfp` itself for none).
pub fn man_page(command: &[String]) -> Result<Vec<u8>, Error> {
    let wanted = std::iter::once("pfp")
        .chain(command.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("-");
    let Some((_, page)) = pages().into_iter().find(|(name, _)| *name == wanted) else {
        return Err(Error::not_found(format!(
            "no command '{}' (see pfp --help)",
            command.join(" ")
        )));
    };
    render(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every option and argument of every command, the global ones included, says what
    /// it does: man pages and completions show these descriptions.
    #[test]
    fn no_option_of_any_command_lacks_a_description() {
        let mut missing = Vec::new();
        for (name, command) in pages() {
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                // What a man page shows (clap_mangen's rule): the long help unless
                // hidden from it, else the short help unless hidden from that.
                let shown = (!arg.is_hide_long_help_set())
                    .then(|| arg.get_long_help())
                    .flatten()
                    .or_else(|| {
                        (!arg.is_hide_short_help_set())
                            .then(|| arg.get_help())
                            .flatten()
                    });
                let described = shown.is_some_and(|h| !h.to_string().trim().is_empty());
                if !described {
                    missing.push(format!("{name} {id}"));
                }
            }
        }
        assert!(missing.is_empty(), "without a description: {missing:?}");
    }

    #[test]
    fn there_is_a_page_per_command() {
        let names: Vec<String> = pages().into_iter().map(|(n, _)| n).collect();
        for name in [
            "pfp",
            "pfp-upload",
            "pfp-bucket-init",
            "pfp-user-add",
            "pfp-adopt",
        ] {
            assert!(names.iter().any(|n| n == name), "{name}: {names:?}");
        }
    }
}
