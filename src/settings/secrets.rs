//! Secrets: the secret key from a file, stdin, the environment or the config file (never
//! from a plain flag, which `ps` and shell history would show), and the one check of a
//! file that holds secrets for permissions that let other users read it.

use std::io::BufRead;
use std::path::Path;

use super::file::ConfigFile;
use super::{Env, spec};
use crate::cli::GlobalArgs;
use crate::error::Error;
use crate::values::{Secret, Source, Sourced, without_bom};

/// Whether a file is readable (or writable) by its group or others: the mode libpq and
/// ssh refuse for their secret files, and that mc, the AWS CLI and pfp warn about.
#[cfg(unix)]
pub(super) fn open_to_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

#[cfg(not(unix))]
pub(super) fn open_to_others(_path: &Path) -> bool {
    false
}

/// The warning for such a file: `what` names it ("mc config file"), `holding` says what
/// secret it holds, `consequence` what pfp does about it ("" to use it anyway).
pub(super) fn exposed(what: &str, path: &Path, holding: &str, consequence: &str) -> String {
    format!(
        "{what} '{}' {holding}and is readable by group or others{consequence}; run: chmod 600 '{}'",
        path.display(),
        path.display()
    )
}

/// The secret key from pfp's own flags and variables, in order `--secret-key-stdin`,
/// `--secret-key-file`, `MINIO_SECRET_KEY`, `MINIO_ROOT_PASSWORD`. Never from a plain flag.
pub(super) fn secret_from_flags_or_env(
    args: &GlobalArgs,
    env: &dyn Env,
    stdin: &mut dyn BufRead,
) -> Result<Option<Sourced<Secret>>, Error> {
    if args.secret_key_stdin {
        let mut line = String::new();
        stdin
            .read_line(&mut line)
            .map_err(|e| Error::config(format!("cannot read the secret key from stdin: {e}")))?;
        let secret = without_bom(&line).trim_end_matches(['\r', '\n']);
        if secret.is_empty() {
            return Err(Error::config(
                "--secret-key-stdin: standard input held no secret key (expected one line)",
            ));
        }
        return Ok(Some(Sourced::new(
            Secret::new(secret),
            Source::Flag("--secret-key-stdin"),
        )));
    }
    if let Some(path) = &args.secret_key_file {
        return read_secret_file(&super::home_path(path, env))
            .map(|s| Some(Sourced::new(s, Source::Flag("--secret-key-file"))));
    }
    for (name, file_name) in spec::SECRET_KEY.env.iter().zip(SECRET_KEY_FILE_ENV) {
        match (env.var(name), env.var(file_name)) {
            (Some(_), Some(_)) => {
                return Err(Error::config(format!(
                    "both {name} and {file_name} are set: keep one"
                )));
            }
            (Some(v), None) => return Ok(Some(Sourced::new(Secret::new(v), Source::Env(name)))),
            (None, Some(path)) => {
                return read_secret_file(&super::home_path(Path::new(&path), env))
                    .map(|s| Some(Sourced::new(s, Source::Env(file_name))));
            }
            (None, None) => {}
        }
    }
    Ok(None)
}

/// The files that hold the secret key, by the Docker secrets convention (`NAME_FILE`,
/// as MinIO's own `MINIO_ROOT_PASSWORD_FILE` and the postgres image's
/// `POSTGRES_PASSWORD_FILE`), each beside its variable in [`spec::SECRET_KEY`].
pub const SECRET_KEY_FILE_ENV: [&str; 2] = ["MINIO_SECRET_KEY_FILE", "MINIO_ROOT_PASSWORD_FILE"];

/// The secret key from pfp's config file (`secret_key_file` or `secret_key`).
pub(super) fn secret_from_file(
    file: &ConfigFile,
    config_path: Option<&Path>,
    env: &dyn Env,
) -> Result<Option<Sourced<Secret>>, Error> {
    let file_source = || Source::File(config_path.map(Path::to_path_buf).unwrap_or_default());
    match (&file.minio.secret_key, &file.minio.secret_key_file) {
        (Some(_), Some(_)) => Err(Error::config(
            "config file sets both secret_key and secret_key_file: keep one",
        )),
        (Some(s), None) => Ok(Some(Sourced::new(Secret::new(s.clone()), file_source()))),
        (None, Some(path)) => read_secret_file(&super::home_path(path, env))
            .map(|s| Some(Sourced::new(s, file_source()))),
        (None, None) => Ok(None),
    }
}

fn read_secret_file(path: &Path) -> Result<Secret, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::config(format!(
            "cannot read secret key file '{}': {e}",
            path.display()
        ))
    })?;
    // The first line, as --secret-key-stdin reads it and the help says.
    let secret = without_bom(&text)
        .lines()
        .next()
        .unwrap_or("")
        .trim_end_matches('\r');
    if secret.is_empty() {
        return Err(Error::config(format!(
            "secret key file '{}' is empty",
            path.display()
        )));
    }
    Ok(Secret::new(secret))
}

/// Refuses a key that holds a control character, naming its source and never its
/// value. No S3 key holds one, and an access key or session token that does cannot even
/// be sent (a header cannot carry it); the usual cause is an environment loaded from a
/// file saved with Windows line endings, whose `\r` stays at the end of every value.
pub(super) fn check_key(what: &str, value: &str, source: &Source) -> Result<(), Error> {
    let Some((at, c)) = value.char_indices().find(|&(_, c)| c.is_control()) else {
        return Ok(());
    };
    let (where_, cause) = match (c, at + c.len_utf8() == value.len()) {
        ('\r', true) => (
            "ends with a carriage return (\\r)".to_owned(),
            ": was it loaded from a file saved with Windows line endings?",
        ),
        ('\n', true) => ("ends with a newline".to_owned(), ""),
        (c, _) => (
            format!(
                "holds a control character ({}) at character {}",
                c.escape_unicode(),
                value[..at].chars().count() + 1
            ),
            "",
        ),
    };
    Err(Error::config(format!(
        "the {what} ({source}) {where_}, which no key holds{cause}"
    ))
    .hint(format!("set the {what} again without it")))
}
