//! What a picture column holds when pfp did not write it: an app that stored pictures
//! itself before pfp came (the FastAPI app this project grows out of writes
//! `localhost:9000/demo/6f1c….jpeg`, without a scheme), a full or virtual-host style
//! URL, a presigned URL long expired, or a URL of something that is not S3 at all.

use super::{BucketName, Endpoint};

/// Where an app's picture column points, as far as pfp can tell from the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnPicture {
    /// An object in the configured bucket on the configured endpoint (or its public one):
    /// pfp can read, presign and adopt it with its own credentials.
    InBucket { key: String },
    /// An S3-style URL of another bucket on this endpoint, or of a bucket of the same name
    /// on another host: perhaps the same data, but not what pfp is configured for.
    Elsewhere { url: String },
    /// Anything else (another web server, a CDN, text that is not a URL).
    External { url: String },
}

impl ColumnPicture {
    /// `app` for an object in the bucket, `external` for the rest (the `source` pfp
    /// reports for such a user).
    pub fn source(&self) -> &'static str {
        match self {
            ColumnPicture::InBucket { .. } => "app",
            ColumnPicture::Elsewhere { .. } | ColumnPicture::External { .. } => "external",
        }
    }
}

/// host and port, with the scheme's default port filled in and loopback names made one.
fn authority(url: &url::Url) -> Option<(String, u16)> {
    let host = url.host_str()?.to_ascii_lowercase();
    let host = match host.as_str() {
        "localhost" | "127.0.0.1" | "[::1]" => "localhost".to_owned(),
        _ => host,
    };
    Some((host, url.port_or_known_default()?))
}

/// The longest run of `key`'s characters that no URL encodes (`A-Z a-z 0-9 - . _ ~`;
/// not `/`, which a URL may carry as `%2F`): it appears as it is in every spelling of a
/// URL naming `key` (percent-encoded or not, with a query string or not), so a search
/// for it misses none. Empty when `key` has no such character.
pub fn verbatim_fragment(key: &str) -> &str {
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~');
    let mut best = "";
    let mut start = None;
    // A space after the key ends its last run.
    for (i, c) in key.char_indices().chain([(key.len(), ' ')]) {
        match (plain(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s > best.len() {
                    best = &key[s..i];
                }
                start = None;
            }
            _ => {}
        }
    }
    best
}

/// A path's segments, each percent-decoded.
fn decoded_segments(path: &str) -> Vec<String> {
    path.split('/')
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect()
}

/// The extensions of the pictures an app may have stored (what browsers sent as
/// `image/*`), for telling a bare object key from other text.
const PICTURE_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "jpe", "png", "gif", "webp", "heic", "heif", "avif", "svg", "bmp", "tif",
    "tiff", "ico",
];

/// A value that is an object key rather than a URL: an app that presigns at display time
/// stores the key alone (`avatars/42.jpeg`, `42.jpeg`, `/avatars/42.jpeg`, or a URL's
/// path `/demo/42.jpeg`, whose bucket is dropped). Told from a scheme-less URL
/// (`localhost:9000/demo/42.jpeg`, `cdn.example.org/a/42.png`, `minio/demo/42.jpeg`
/// where `minio` is one of `hosts`) by its first segment, which names no host; and it
/// must end in a picture's extension (`default` or `none` are more often an app's
/// sentinels than keys).
fn bare_key(value: &str, hosts: &[String], bucket: &BucketName) -> Option<String> {
    // `//host/bucket/key`: a protocol-relative URL (a web page's way of keeping its own
    // scheme), never a key.
    if value.starts_with("//") {
        return None;
    }
    let path = value.split(['?', '#']).next().unwrap_or_default();
    let rooted = path.starts_with('/');
    let path = path.trim_start_matches('/');
    let first = path
        .split('/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let single = !path.contains('/');
    let host = first.split(':').next().unwrap_or_default();
    let hostlike = first.contains(':')
        || host == "localhost"
        || hosts.iter().any(|h| h == host)
        || (first.contains('.') && !single);
    if hostlike && !rooted {
        return None;
    }
    let (_, ext) = path.rsplit('/').next()?.rsplit_once('.')?;
    if !PICTURE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) {
        return None;
    }
    let segments = decoded_segments(path);
    let skip = usize::from(rooted && segments.len() > 1 && segments[0] == bucket.as_str());
    let key = segments[skip..].join("/");
    (!key.is_empty()).then_some(key)
}

/// Classifies a picture column's value against the endpoints pfp uses (the endpoint and
/// the public one) and its bucket. Path style (`host/bucket/key`) and virtual-host style
/// (`bucket.host/key`), an `s3://bucket/key` URI, with or without a scheme (or with
/// none but `//`, protocol-relative) (a value without one is read as
/// `http://` and also matched against an https endpoint of the same host and port),
/// percent-encoding decoded, a query string (an expired signature) dropped; or a bare
/// object key (`bare_key`).
///
/// A key with a `.` or `..` segment (`avatars/../users/…`, or `%2F..%2F` in a URL) is no
/// object pfp can reach: every HTTP client (pfp's, a browser following a presigned URL)
/// resolves those segments before the request leaves, so a HEAD, GET or DELETE of it
/// would name another key, or be refused as a bad signature (which pfp would report as
/// wrong credentials). Such a value is external: shown as the app stored it, never read,
/// adopted or deleted.
pub fn classify(value: &str, endpoints: &[&Endpoint], bucket: &BucketName) -> ColumnPicture {
    match locate(value, endpoints, bucket) {
        ColumnPicture::InBucket { key } if key.split('/').any(|s| s == "." || s == "..") => {
            ColumnPicture::External {
                url: value.trim().to_owned(),
            }
        }
        picture => picture,
    }
}

/// [`classify`] before its check of the key's segments.
fn locate(value: &str, endpoints: &[&Endpoint], bucket: &BucketName) -> ColumnPicture {
    let value = value.trim();
    let external = || ColumnPicture::External {
        url: value.to_owned(),
    };
    // `s3://bucket/key`, as the AWS CLI and boto-based code write an object: no host,
    // so the bucket alone decides; the key as written (such URIs are not encoded).
    if let Some(rest) = value
        .get(..5)
        .filter(|s| s.eq_ignore_ascii_case("s3://"))
        .map(|_| &value[5..])
    {
        return match rest.split_once('/') {
            Some((b, key)) if b == bucket.as_str() && !key.is_empty() => ColumnPicture::InBucket {
                key: key.to_owned(),
            },
            Some((_, key)) if !key.is_empty() => ColumnPicture::Elsewhere {
                url: value.to_owned(),
            },
            _ => external(),
        };
    }
    let schemeless = !value.contains("://");
    let ours: Vec<(String, u16)> = endpoints
        .iter()
        .filter_map(|e| url::Url::parse(e.as_str()).ok())
        .filter_map(|u| authority(&u))
        .collect();
    if schemeless {
        let hosts: Vec<String> = ours.iter().map(|(h, _)| h.clone()).collect();
        if let Some(key) = bare_key(value, &hosts, bucket) {
            return ColumnPicture::InBucket { key };
        }
    }
    let text = if schemeless {
        format!("http://{}", value.trim_start_matches('/'))
    } else {
        value.to_owned()
    };
    let Ok(url) = url::Url::parse(&text) else {
        return external();
    };
    if !matches!(url.scheme(), "http" | "https") {
        return external();
    }
    let Some((host, port)) = authority(&url) else {
        return external();
    };
    let same_host = |h: &str| {
        ours.iter()
            .any(|(oh, op)| oh == h && (*op == port || (schemeless && *op == 443 && port == 80)))
    };
    let segments = decoded_segments(url.path().trim_start_matches('/'));
    let key_from = |skip: usize| segments[skip..].join("/");
    // Virtual-host style: bucket.host/key.
    if let Some(rest) = host.strip_prefix(&format!("{bucket}."))
        && same_host(rest)
    {
        let key = key_from(0);
        return if key.is_empty() {
            external()
        } else {
            ColumnPicture::InBucket { key }
        };
    }
    let first = segments.first().map(String::as_str).unwrap_or_default();
    let key = if segments.len() > 1 {
        key_from(1)
    } else {
        String::new()
    };
    match (
        same_host(&host),
        first == bucket.as_str() && !key.is_empty(),
    ) {
        (true, true) => ColumnPicture::InBucket { key },
        (true, false) if first != bucket.as_str() && !key.is_empty() => ColumnPicture::Elsewhere {
            url: value.to_owned(),
        },
        (false, true) => ColumnPicture::Elsewhere {
            url: value.to_owned(),
        },
        _ => external(),
    }
}

/// The origin (`http://minio:9000`) of a path-style URL that names `bucket` on a host
/// that is none of pfp's endpoints (an [`ColumnPicture::Elsewhere`] value): the name an
/// app on a docker-compose network, or behind another DNS name, gives this server, or
/// another server altogether; only the operator can tell which (`--app-endpoints`).
pub fn other_host_of(value: &str, bucket: &BucketName) -> Option<String> {
    let value = value.trim();
    let text = if value.contains("://") {
        value.to_owned()
    } else {
        format!("http://{}", value.trim_start_matches('/'))
    };
    let url = url::Url::parse(&text).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let segments = decoded_segments(url.path().trim_start_matches('/'));
    (segments.len() > 1 && segments[0] == bucket.as_str() && !segments[1..].join("/").is_empty())
        .then(|| url.origin().ascii_serialization())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verbatim_fragment_is_in_every_spelling_of_the_key() {
        assert_eq!(verbatim_fragment("6f1c2a1e.jpeg"), "6f1c2a1e.jpeg");
        assert_eq!(verbatim_fragment("users/42/avatar.jpg"), "avatar.jpg");
        assert_eq!(verbatim_fragment("my photo (1).jpg"), "photo");
        assert_eq!(verbatim_fragment("头像.png"), ".png");
        assert_eq!(verbatim_fragment("头像"), "");
        let endpoint = Endpoint::parse("http://127.0.0.1:9000", None).unwrap();
        let bucket = BucketName::parse("demo").unwrap();
        for (key, value) in [
            (
                "my photo (1).jpg",
                "127.0.0.1:9000/demo/my%20photo%20%281%29.jpg",
            ),
            ("a/b.jpg", "http://127.0.0.1:9000/demo/a%2Fb.jpg"),
            (
                "6f1c.jpeg",
                "http://127.0.0.1:9000/demo/6f1c.jpeg?X-Amz-Signature=dead",
            ),
        ] {
            assert_eq!(
                classify(value, &[&endpoint], &bucket),
                ColumnPicture::InBucket { key: key.into() },
                "{value}"
            );
            assert!(value.contains(verbatim_fragment(key)), "{value}");
        }
    }

    fn classified(value: &str) -> ColumnPicture {
        let endpoint = Endpoint::parse("http://127.0.0.1:9000", None).unwrap();
        let public = Endpoint::parse("https://cdn.example.com", None).unwrap();
        let bucket = BucketName::parse("demo").unwrap();
        classify(value, &[&endpoint, &public], &bucket)
    }

    fn key(k: &str) -> ColumnPicture {
        ColumnPicture::InBucket { key: k.into() }
    }

    #[test]
    fn the_apps_own_forms_are_objects_in_the_bucket() {
        assert_eq!(
            classified("localhost:9000/demo/6f1c.jpeg"),
            key("6f1c.jpeg")
        );
        assert_eq!(classified("127.0.0.1:9000/demo/a.JPG"), key("a.JPG"));
        assert_eq!(
            classified("http://localhost:9000/demo/a%20b.png"),
            key("a b.png")
        );
        assert_eq!(
            classified("http://127.0.0.1:9000/demo/x/y.gif?X-Amz-Signature=dead&X-Amz-Expires=60"),
            key("x/y.gif")
        );
        assert_eq!(
            classified("https://demo.cdn.example.com/a.png"),
            key("a.png")
        );
        assert_eq!(classified("cdn.example.com/demo/a.png"), key("a.png"));
        // The AWS CLI's and boto's form: the key as written, not decoded.
        assert_eq!(
            classified("s3://demo/avatars/42.jpeg"),
            key("avatars/42.jpeg")
        );
        assert_eq!(classified("S3://demo/a%20b.png"), key("a%20b.png"));
        assert!(matches!(
            classified("s3://other/a.png"),
            ColumnPicture::Elsewhere { .. }
        ));
        assert_external(&["s3://demo", "s3://demo/", "s3://"]);
        // A protocol-relative URL, as web pages write one to keep the page's scheme.
        assert_eq!(classified("//localhost:9000/demo/a.png"), key("a.png"));
        assert_eq!(classified("//cdn.example.com/demo/a.png"), key("a.png"));
        assert!(matches!(
            classified("//other.example.org/demo/a.png"),
            ColumnPicture::Elsewhere { .. }
        ));
    }

    #[test]
    fn bare_keys_are_objects_in_the_bucket() {
        assert_eq!(classified("avatars/42.jpeg"), key("avatars/42.jpeg"));
        assert_eq!(classified("42.JPG"), key("42.JPG"));
        assert_eq!(classified("/avatars/42.png"), key("avatars/42.png"));
        assert_eq!(classified("/demo/42.png"), key("42.png"), "a URL's path");
        assert_eq!(classified("my%20photo.jpeg?v=2"), key("my photo.jpeg"));
        assert_eq!(classified("users/6f1c/a.webp"), key("users/6f1c/a.webp"));
        // Scheme-less URLs stay URLs: a port, a dotted first segment, a known host.
        for url in ["localhost/demo/a.png", "minio:9000/demo/a.png"] {
            assert!(
                matches!(classified(url), ColumnPicture::Elsewhere { .. }),
                "{url}"
            );
        }
        assert_external(&[
            "cdn.example.org/a/42.png",
            "default",
            "none",
            "avatars/42",
            "cdn.example.org",
        ]);
    }

    fn assert_external(values: &[&str]) {
        for value in values {
            assert!(
                matches!(classified(value), ColumnPicture::External { .. }),
                "{value}"
            );
        }
    }

    #[test]
    fn other_buckets_hosts_and_urls_are_not() {
        assert!(matches!(
            classified("http://127.0.0.1:9000/other/a.png"),
            ColumnPicture::Elsewhere { .. }
        ));
        assert!(matches!(
            classified("http://minio.internal:9000/demo/a.png"),
            ColumnPicture::Elsewhere { .. }
        ));
        assert_external(&[
            "https://gravatar.example.org/avatar/abc",
            "http://127.0.0.1:9000/demo/",
            "ftp://127.0.0.1:9000/demo/a.png",
            "not a url at all",
            "",
        ]);
    }

    #[test]
    fn the_host_an_app_names_the_bucket_on_is_told() {
        let bucket = BucketName::parse("demo").unwrap();
        for (value, origin) in [
            ("minio:9000/demo/a.png", Some("http://minio:9000")),
            (
                "https://s3.internal/demo/x/a.png?v=1",
                Some("https://s3.internal"),
            ),
            ("http://MinIO:9000/demo/a.png", Some("http://minio:9000")),
            ("http://minio:9000/other/a.png", None),
            ("http://minio:9000/demo/", None),
            ("s3://demo/a.png", None),
        ] {
            assert_eq!(other_host_of(value, &bucket).as_deref(), origin, "{value}");
        }
    }

    #[test]
    fn keys_that_no_request_can_name_are_external() {
        assert_external(&[
            "avatars/../users/1/a.jpg",
            "./a.jpg",
            "/demo/avatars/./a.jpg",
            "http://127.0.0.1:9000/demo/avatars%2F..%2Fa.jpg",
            "127.0.0.1:9000/demo/a/%2E%2E%2Fb.png",
        ]);
        // A dot inside a segment is an ordinary character.
        assert_eq!(classified("avatars/..a.jpg"), key("avatars/..a.jpg"));
        assert_eq!(
            classified("http://127.0.0.1:9000/demo/a/../b.jpg"),
            key("b.jpg"),
            "a URL's own dot segments are resolved as a browser resolves them"
        );
    }
}
