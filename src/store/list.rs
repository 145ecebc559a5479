//! ListObjectsV2, one page per request. minio-rs signs and sends the request (so its
//! connection pool, its error parsing and [`classify`](super::errors::classify) apply as
//! for every other call), but the page is parsed here, by a streaming reader that keeps
//! only the two fields of each object pfp reads: minio-rs builds an element tree of the
//! whole answer (xmltree over xml-rs) and spent about two thirds of `verify`'s CPU doing
//! so, while the next page could not be asked for.

use std::time::SystemTime;

use minio::s3::multimap_ext::{Multimap, MultimapExt as _};
use minio::s3::types::S3Request;
use quick_xml::events::Event;

use super::{ListPage, Store};
use crate::error::{Error, Kind};
use crate::values::BucketName;

/// Keys per listing request: S3's maximum.
const LIST_PAGE: u16 = 1000;

/// The largest listing answer read: 1,000 keys of S3's maximum 1,024 bytes, each byte
/// percent-encoded, with their other fields, fit well within it; a server (or something
/// posing as one) that sends more is refused, not buffered.
const MAX_PAGE_BYTES: usize = 16 << 20;

impl Store {
    /// One page of a recursive listing under `prefix` (ListObjectsV2, at most 1,000 keys,
    /// in key order, as `mc ls --recursive` and `rclone lsf -R` list): the objects with
    /// their last-modified times, and the token of the next page (None after the last).
    /// `token` is the previous page's; None starts at the beginning. Each page is one
    /// request, retried on its own.
    pub async fn list_page(
        &self,
        bucket: &BucketName,
        prefix: &str,
        token: Option<&str>,
    ) -> Result<ListPage, Error> {
        let what = format!("listing '{prefix}' in bucket '{bucket}'");
        self.policy
            .run(&what, || async {
                // The parameters minio-rs's own recursive listing sends.
                let mut query = Multimap::new();
                query.add("list-type", "2");
                query.add("delimiter", "");
                query.add("max-keys", LIST_PAGE.to_string());
                query.add("prefix", prefix);
                query.add("encoding-type", "url");
                if let Some(token) = token {
                    query.add("continuation-token", token);
                }
                let mut response = self
                    .get_bucket(bucket, query)
                    .await
                    .map_err(|e| self.classify(e, &what))?;
                let body = self
                    .read_bounded(
                        &mut response,
                        MAX_PAGE_BYTES,
                        &what,
                        "more than a page of 1,000 keys can be",
                    )
                    .await?;
                parse_page(&body).map_err(|e| {
                    Error::new(
                        Kind::Internal,
                        format!("{what}: the server's listing cannot be read: {e}"),
                    )
                })
            })
            .await
    }
}

impl Store {
    /// A GET of the bucket with `query` (a listing, a subresource such as `?lifecycle`),
    /// signed and sent by minio-rs, whose answer's body is read here; its `Date` noted.
    pub(super) async fn get_bucket(
        &self,
        bucket: &BucketName,
        query: Multimap,
    ) -> Result<reqwest::Response, minio::s3::error::Error> {
        let name = minio::s3::types::BucketName::new(bucket.as_str())?;
        let response = S3Request::builder()
            .client(self.client.clone())
            .method(reqwest::Method::GET)
            .bucket(Some(name))
            .query_params(query)
            .build()
            .execute()
            .await?;
        self.note_date(response.headers());
        Ok(response)
    }

    /// An answer's body, refused (never buffered) beyond `limit` bytes: a server, or
    /// something posing as one, that sends more than the answer can be.
    pub(super) async fn read_bounded(
        &self,
        response: &mut reqwest::Response,
        limit: usize,
        what: &str,
        beyond: &str,
    ) -> Result<Vec<u8>, Error> {
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| super::errors::classify_reqwest(&e, what, &self.endpoint))?
        {
            if body.len() + chunk.len() > limit {
                return Err(Error::new(
                    Kind::Internal,
                    format!(
                        "{what}: the server's answer is over {} MiB, {beyond}",
                        limit >> 20
                    ),
                ));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// Adds an XML event's text (character data, CDATA, a character or predefined entity
/// reference) to `value`; false for an event that holds no text.
pub(super) fn push_text(event: &Event<'_>, value: &mut String) -> Result<bool, String> {
    match event {
        Event::Text(text) => value.push_str(&text.xml10_content().map_err(|e| e.to_string())?),
        Event::CData(data) => value.push_str(&data.decode().map_err(|e| e.to_string())?),
        Event::GeneralRef(reference) => {
            if let Some(c) = reference.resolve_char_ref().map_err(|e| e.to_string())? {
                value.push(c);
            } else {
                let name = reference.decode().map_err(|e| e.to_string())?;
                let resolved = quick_xml::escape::resolve_predefined_entity(&name)
                    .ok_or_else(|| format!("unknown entity '&{name};'"))?;
                value.push_str(resolved);
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// The element whose text is being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    None,
    IsTruncated,
    NextToken,
    EncodingType,
    Key,
    LastModified,
}

/// A ListObjectsV2 answer (`ListBucketResult`) as a [`ListPage`]. Keys are decoded when
/// the answer says they are URL-encoded (wherever in the answer it says so: AWS puts
/// `EncodingType` after the objects). Entity and character references are resolved;
/// anything else malformed is an error, never a silently shorter page.
fn parse_page(body: &[u8]) -> Result<ListPage, String> {
    let text = std::str::from_utf8(body).map_err(|e| format!("not UTF-8 ({e})"))?;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0usize;
    let mut root = false;
    let mut in_contents = false;
    let mut field = Field::None;
    let mut value = String::new();
    let mut key: Option<String> = None;
    let mut modified: Option<SystemTime> = None;
    let mut raw: Vec<(String, Option<SystemTime>)> = Vec::new();
    let mut truncated = false;
    let mut next: Option<String> = None;
    let mut url_encoded = false;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(start) => {
                depth += 1;
                let name = start.local_name();
                field = Field::None;
                match (depth, name.as_ref()) {
                    (1, b"ListBucketResult") => root = true,
                    (1, other) => {
                        return Err(format!(
                            "it is a <{}>, not a <ListBucketResult>",
                            String::from_utf8_lossy(other)
                        ));
                    }
                    (2, b"Contents") => {
                        in_contents = true;
                        key = None;
                        modified = None;
                    }
                    (2, b"IsTruncated") => field = Field::IsTruncated,
                    (2, b"NextContinuationToken") => field = Field::NextToken,
                    (2, b"EncodingType") => field = Field::EncodingType,
                    (3, b"Key") if in_contents => field = Field::Key,
                    (3, b"LastModified") if in_contents => field = Field::LastModified,
                    _ => {}
                }
                value.clear();
            }
            event @ (Event::Text(_) | Event::CData(_) | Event::GeneralRef(_))
                if field != Field::None =>
            {
                push_text(&event, &mut value)?;
            }
            Event::End(_) => {
                match field {
                    Field::IsTruncated => truncated = value.trim().eq_ignore_ascii_case("true"),
                    Field::NextToken => next = Some(std::mem::take(&mut value)),
                    Field::EncodingType => url_encoded = value.trim() == "url",
                    Field::Key => key = Some(std::mem::take(&mut value)),
                    Field::LastModified => {
                        let time = chrono::DateTime::parse_from_rfc3339(value.trim())
                            .map_err(|e| format!("LastModified '{value}': {e}"))?;
                        modified = Some(time.into());
                    }
                    Field::None => {}
                }
                field = Field::None;
                if depth == 2 && in_contents {
                    in_contents = false;
                    let key = key.take().ok_or("an object without a <Key>")?;
                    raw.push((key, modified.take()));
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root {
        return Err("no <ListBucketResult> in it".into());
    }
    let objects = if url_encoded {
        raw.into_iter()
            .map(|(key, modified)| Ok((url_decode(&key)?, modified)))
            .collect::<Result<_, String>>()?
    } else {
        raw
    };
    Ok(ListPage {
        objects,
        next: next.filter(|t| truncated && !t.is_empty()),
    })
}

/// A key as `encoding-type=url` sent it: `+` is a space (MinIO encodes as Go's
/// `QueryEscape`), `%XX` a byte, and the bytes must be UTF-8.
fn url_decode(key: &str) -> Result<String, String> {
    let spaced = key.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .map(std::borrow::Cow::into_owned)
        .map_err(|_| format!("the key '{key}' is not UTF-8 once decoded"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(contents: &str, tail: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>demo</Name><Prefix>users%2F</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><Delimiter></Delimiter>{contents}{tail}</ListBucketResult>"#
        )
    }

    #[test]
    fn reads_keys_times_and_the_next_token_wherever_the_encoding_is_named() {
        let body = page(
            "<IsTruncated>true</IsTruncated><Contents><Key>users%2Fa+b%2F%25C3.jpg</Key><LastModified>2026-12-01T10:00:00.000Z</LastModified><ETag>&quot;x&quot;</ETag><Size>3</Size><Owner><ID>o</ID><Key>not this</Key></Owner></Contents><Contents><Key>users/caf%C3%A9&amp;x&#x2F;</Key><LastModified>2026-12-01T10:00:01Z</LastModified></Contents>",
            "<NextContinuationToken>tok/en+=</NextContinuationToken><EncodingType>url</EncodingType>",
        );
        let listed = parse_page(body.as_bytes()).unwrap();
        let keys: Vec<&str> = listed.objects.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["users/a b/%C3.jpg", "users/café&x/"]);
        assert_eq!(
            listed.objects[0].1,
            Some(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_796_119_200))
        );
        assert_eq!(listed.next.as_deref(), Some("tok/en+="));
    }

    #[test]
    fn keys_are_taken_as_they_are_without_url_encoding_and_the_last_page_has_no_token() {
        let body = page(
            "<Contents><Key> a+b%41 </Key><LastModified>2026-12-01T10:00:00Z</LastModified></Contents><IsTruncated>false</IsTruncated><NextContinuationToken>stale</NextContinuationToken>",
            "",
        );
        let listed = parse_page(body.as_bytes()).unwrap();
        assert_eq!(listed.objects[0].0, " a+b%41 ");
        assert_eq!(listed.next, None);
    }

    #[test]
    fn malformed_answers_are_errors_not_short_pages() {
        for (body, says) in [
            ("<Error><Code>x</Code></Error>".to_owned(), "<Error>"),
            (String::new(), "no <ListBucketResult>"),
            (page("<Contents><Key>a</Key>", ""), ""),
            (
                page("<Contents><Key>a&bogus;</Key></Contents>", ""),
                "bogus",
            ),
            (
                page(
                    "<Contents><LastModified>2026-12-01T10:00:00Z</LastModified></Contents>",
                    "",
                ),
                "without a <Key>",
            ),
            (
                page(
                    "<Contents><Key>a</Key><LastModified>yesterday</LastModified></Contents>",
                    "",
                ),
                "yesterday",
            ),
            (
                page(
                    "<Contents><Key>%FF</Key></Contents><EncodingType>url</EncodingType>",
                    "",
                ),
                "not UTF-8",
            ),
        ] {
            let err = parse_page(body.as_bytes()).unwrap_err();
            assert!(err.contains(says), "{body}: {err}");
        }
    }
}
