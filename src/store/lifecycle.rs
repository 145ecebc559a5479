//! The bucket's lifecycle rules (`mc ilm rule add`, S3 lifecycle configuration): a rule
//! that expires current objects under pfp's prefixes makes the server delete pictures
//! the database points at, days later, with nothing in pfp's hands. `doctor` reads the
//! rules and names such a rule. Parsed here (as the listing is) rather than by minio-rs,
//! whose parser refuses a rule for the whole bucket (`<Prefix></Prefix>`, the commonest).

use minio::s3::multimap_ext::{Multimap, MultimapExt as _};
use quick_xml::events::Event;

use super::errors::s3_code;
use super::{BucketName, Store};
use crate::error::{Error, Kind};

/// The largest lifecycle configuration read (S3 allows 1,000 rules).
const MAX_BYTES: usize = 1 << 20;

/// One lifecycle rule, as far as it decides whether pfp's objects expire.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LifecycleRule {
    pub id: String,
    pub enabled: bool,
    /// The key prefix it applies to ("" for the whole bucket).
    pub prefix: String,
    /// It applies only to objects with given tags (pfp tags none).
    pub tagged: bool,
    /// When it expires current objects: "after N days" or "on DATE"; None if it does not.
    pub expires: Option<String>,
}

impl LifecycleRule {
    /// Whether it deletes current objects under any of `prefixes`.
    pub fn expires_under(&self, prefixes: &[&str]) -> bool {
        self.enabled
            && !self.tagged
            && self.expires.is_some()
            && prefixes
                .iter()
                .any(|p| p.starts_with(&self.prefix) || self.prefix.starts_with(p))
    }
}

impl Store {
    /// The bucket's lifecycle rules; none where it has no configuration, or where the
    /// server has no lifecycle (NotImplemented).
    pub async fn lifecycle_rules(&self, bucket: &BucketName) -> Result<Vec<LifecycleRule>, Error> {
        let what = format!("reading the lifecycle rules of bucket '{bucket}'");
        self.policy
            .run(&what, || async {
                let mut query = Multimap::new();
                query.add("lifecycle", "");
                let mut response = match self.get_bucket(bucket, query).await {
                    Ok(response) => response,
                    Err(e)
                        if matches!(
                            s3_code(&e).as_deref(),
                            Some("nosuchlifecycleconfiguration" | "notimplemented")
                        ) =>
                    {
                        return Ok(Vec::new());
                    }
                    Err(e) => return Err(self.classify(e, &what)),
                };
                let body = self
                    .read_bounded(
                        &mut response,
                        MAX_BYTES,
                        &what,
                        "more than 1,000 rules can be",
                    )
                    .await?;
                parse_rules(&body).map_err(|e| {
                    Error::new(
                        Kind::Internal,
                        format!("{what}: the server's answer cannot be read: {e}"),
                    )
                })
            })
            .await
    }
}

/// A `LifecycleConfiguration` document's rules. The prefix is the rule's `Filter`'s
/// (alone or in `And`), or the rule's own (the older form).
fn parse_rules(body: &[u8]) -> Result<Vec<LifecycleRule>, String> {
    let text = std::str::from_utf8(body).map_err(|e| format!("not UTF-8 ({e})"))?;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut path: Vec<String> = Vec::new();
    let mut value = String::new();
    let mut rules = Vec::new();
    let mut rule = LifecycleRule::default();
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(start) => {
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                if path.is_empty() && name != "LifecycleConfiguration" {
                    return Err(format!("it is a <{name}>, not a <LifecycleConfiguration>"));
                }
                path.push(name);
                value.clear();
                let inside: Vec<&str> = path.iter().map(String::as_str).collect();
                match inside.as_slice() {
                    [_, "Rule"] => rule = LifecycleRule::default(),
                    [_, "Rule", "Filter", "Tag"] | [_, "Rule", "Filter", "And", "Tag"] => {
                        rule.tagged = true;
                    }
                    _ => {}
                }
            }
            event @ (Event::Text(_) | Event::CData(_) | Event::GeneralRef(_)) => {
                super::list::push_text(&event, &mut value)?;
            }
            Event::End(_) => {
                let inside: Vec<&str> = path.iter().map(String::as_str).collect();
                let text = value.trim();
                match inside.as_slice() {
                    [_, "Rule", "ID"] => rule.id = text.to_owned(),
                    [_, "Rule", "Status"] => rule.enabled = text.eq_ignore_ascii_case("Enabled"),
                    [_, "Rule", "Prefix"]
                    | [_, "Rule", "Filter", "Prefix"]
                    | [_, "Rule", "Filter", "And", "Prefix"] => rule.prefix = value.clone(),
                    [_, "Rule", "Expiration", "Days"] => {
                        let unit = if text == "1" { "day" } else { "days" };
                        rule.expires = Some(format!("after {text} {unit}"));
                    }
                    [_, "Rule", "Expiration", "Date"] => rule.expires = Some(format!("on {text}")),
                    [_, "Rule"] => rules.push(std::mem::take(&mut rule)),
                    _ => {}
                }
                value.clear();
                path.pop();
            }
            Event::Empty(empty) => {
                let name = String::from_utf8_lossy(empty.local_name().as_ref()).into_owned();
                let inside: Vec<&str> = path.iter().map(String::as_str).collect();
                if matches!(
                    (inside.as_slice(), name.as_str()),
                    ([_, "Rule", "Filter"] | [_, "Rule", "Filter", "And"], "Tag")
                ) {
                    rule.tagged = true;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PFP: [&str; 3] = ["users/", "defaults/", ".pfp/"];

    fn rules(rules: &str) -> Vec<LifecycleRule> {
        parse_rules(
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">{rules}</LifecycleConfiguration>"#
            )
            .as_bytes(),
        )
        .unwrap()
    }

    #[test]
    fn a_rule_expiring_pfps_objects_is_told_from_the_rules_that_do_not() {
        let found = rules(concat!(
            // The whole bucket, as `mc ilm rule add --expire-days 30 ALIAS/demo` writes it.
            "<Rule><ID>all</ID><Status>Enabled</Status><Filter><Prefix></Prefix></Filter><Expiration><Days>30</Days></Expiration></Rule>",
            // The older form: the prefix on the rule.
            "<Rule><ID>old</ID><Prefix>users/</Prefix><Status>Enabled</Status><Expiration><Date>2027-01-01T00:00:00Z</Date></Expiration></Rule>",
            // Under one user's folder only: still pfp's pictures.
            "<Rule><ID>one</ID><Status>Enabled</Status><Filter><And><Prefix>users/42</Prefix></And></Filter><Expiration><Days>1</Days></Expiration></Rule>",
            // The app's uploads, tagged objects, noncurrent versions, a disabled rule.
            "<Rule><ID>tmp</ID><Status>Enabled</Status><Filter><Prefix>tmp/</Prefix></Filter><Expiration><Days>1</Days></Expiration></Rule>",
            "<Rule><ID>tags</ID><Status>Enabled</Status><Filter><And><Prefix></Prefix><Tag><Key>t</Key><Value>1</Value></Tag></And></Filter><Expiration><Days>1</Days></Expiration></Rule>",
            "<Rule><ID>old-versions</ID><Status>Enabled</Status><Filter/><NoncurrentVersionExpiration><NoncurrentDays>7</NoncurrentDays></NoncurrentVersionExpiration><Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration></Rule>",
            "<Rule><ID>off</ID><Status>Disabled</Status><Filter><Prefix>users/</Prefix></Filter><Expiration><Days>1</Days></Expiration></Rule>",
        ));
        let expiring: Vec<(&str, Option<&str>)> = found
            .iter()
            .filter(|r| r.expires_under(&PFP))
            .map(|r| (r.id.as_str(), r.expires.as_deref()))
            .collect();
        assert_eq!(
            expiring,
            [
                ("all", Some("after 30 days")),
                ("old", Some("on 2027-01-01T00:00:00Z")),
                ("one", Some("after 1 day")),
            ]
        );
        assert_eq!(found.len(), 7);
        assert_eq!(found[0].prefix, "");
        assert_eq!(found[2].prefix, "users/42");
    }

    #[test]
    fn an_answer_that_is_no_lifecycle_configuration_is_an_error() {
        assert!(parse_rules(b"<Error><Code>X</Code></Error>").is_err());
    }
}
