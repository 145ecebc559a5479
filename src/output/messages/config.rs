//! `pfp config show`.

#[allow(unused_imports)]
use super::prelude::*;

/// `pfp config show`: one setting, its shown value and where it came from.
#[derive(Serialize)]
pub struct ConfigEntry {
    #[serde(skip)]
    pub name: &'static str,
    pub value: Option<String>,
    pub source: Option<String>,
}

/// `pfp config show`: the effective settings, in the documented order.
pub struct ConfigReport {
    pub entries: Vec<ConfigEntry>,
}

impl Serialize for ConfigReport {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Settings<'a>(&'a [ConfigEntry]);
        impl Serialize for Settings<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|e| (e.name, e)))
            }
        }
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ConfigReport", 1)?;
        st.serialize_field("settings", &Settings(&self.entries))?;
        st.end()
    }
}

impl Message for ConfigReport {
    const STREAM: Stream = Stream::Result;

    fn type_tag(&self) -> &'static str {
        "config"
    }

    fn human(&self, _: Term) -> String {
        let width = self.entries.iter().map(|e| e.name.len()).max().unwrap_or(0);
        let value_width = self
            .entries
            .iter()
            .map(|e| e.value.as_deref().unwrap_or("(not set)").len())
            .max()
            .unwrap_or(0);
        self.entries
            .iter()
            .map(|e| {
                let value = e.value.as_deref().unwrap_or("(not set)");
                match &e.source {
                    Some(source) => format!("{:width$}  {value:value_width$}  ({source})", e.name),
                    None => format!("{:width$}  {value}", e.name),
                }
                .trim_end()
                .to_owned()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}
