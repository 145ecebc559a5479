//! The INI files of the AWS tools, as they read them: `[section]` headers (`[profile
//! x]` in the config file), `key = value` lines, comments.

use std::path::Path;

use crate::error::Error;

/// An INI file as the AWS CLI reads it: `[section]`, `key = value`, `#`/`;` comments;
/// indented lines below a key with no value are a nested block (an `s3 =` block), skipped.
pub(in crate::settings) struct Ini {
    sections: Vec<(String, Vec<(String, String)>)>,
}

impl Ini {
    pub(in crate::settings) fn section(&self, name: &str) -> Option<&Vec<(String, String)>> {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, entries)| entries)
    }
}

/// `None` if the file does not exist; a configuration error naming the file and line
/// if it is not what the AWS tools accept.
pub(in crate::settings) fn read_ini(path: &Path) -> Result<Option<Ini>, Error> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Error::config(format!(
                "cannot read AWS file '{}': {e}",
                path.display()
            )));
        }
    };
    let mut ini = Ini {
        sections: Vec::new(),
    };
    let mut nested = false;
    for (i, raw) in crate::values::without_bom(&text).lines().enumerate() {
        let bad = |rule: &str| {
            Error::config(format!(
                "AWS file '{}' line {}: {rule}",
                path.display(),
                i + 1
            ))
        };
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if raw.starts_with([' ', '\t']) {
            if nested {
                continue;
            }
            return Err(bad("an indented line outside a nested block"));
        }
        nested = false;
        if let Some(rest) = line.strip_prefix('[') {
            let name = rest
                .strip_suffix(']')
                .ok_or_else(|| bad("expected [section]"))?;
            ini.sections.push((name.trim().to_owned(), Vec::new()));
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .ok_or_else(|| bad("expected [section] or key = value"))?;
        let Some((_, entries)) = ini.sections.last_mut() else {
            return Err(bad("a key before the first [section]"));
        };
        let (key, value) = (key.trim(), value.trim());
        if value.is_empty() {
            nested = true;
        }
        entries.push((key.to_owned(), value.to_owned()));
    }
    Ok(Some(ini))
}
