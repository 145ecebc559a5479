//! Local SigV4 presigning of GET URLs: no network, and the signing key (four HMACs) is
//! derived once per run and date, not per URL, so `export-urls` can sign hundreds of
//! thousands of URLs a second.

use std::time::{Duration, SystemTime};

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::values::encoding::{hex32, uri_encode};
use crate::values::{Endpoint, Expiry, Secret};

type HmacSha256 = Hmac<Sha256>;

/// Signs GET URLs for one endpoint, bucket and set of credentials.
pub struct Presigner {
    /// `scheme://host[:port]` the URL is signed for (the public endpoint, if configured).
    base: String,
    /// The Host header value the server will see.
    host: String,
    bucket: String,
    access_key: String,
    region: String,
    secret: Secret,
    /// A temporary credential's token: signed into the URL as X-Amz-Security-Token.
    session_token: Option<Secret>,
    /// (YYYYMMDD, HMAC keyed with the derived signing key) of the last date signed for.
    /// Cloning a keyed HMAC skips the key setup of every signature.
    key_cache: std::sync::Mutex<Option<(String, HmacSha256)>>,
    stamp_cache: std::sync::Mutex<Option<std::sync::Arc<Stamp>>>,
    /// The server's clock against this machine's, where it matters: URLs are dated by
    /// the server's clock, which is what judges them ([`super::clock`]).
    clock: Option<super::clock::Offset>,
}

/// The parts of a signature that depend only on the second and the expiry.
struct Stamp {
    secs: u64,
    expiry: u64,
    query: String,
    canonical_tail: String,
    expires_at: String,
    /// The day's keyed HMAC that has taken the string to sign up to the canonical
    /// request's hash (its first block is hashed once a second, not once a URL).
    signer: HmacSha256,
}

impl std::fmt::Debug for Presigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Presigner")
            .field("base", &self.base)
            .field("bucket", &self.bucket)
            .finish_non_exhaustive()
    }
}

/// A signed URL and when it stops working.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Presigned {
    pub url: String,
    pub expires_in: Duration,
    /// RFC 3339.
    pub expires_at: String,
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

impl Presigner {
    pub fn new(
        endpoint: &Endpoint,
        bucket: &str,
        access_key: &str,
        secret: &Secret,
        region: &str,
    ) -> Self {
        let base = endpoint.as_str().to_owned();
        let host = base
            .split_once("://")
            .map_or(base.as_str(), |(_, rest)| rest)
            .to_owned();
        Presigner {
            base,
            host,
            bucket: bucket.to_owned(),
            access_key: access_key.to_owned(),
            region: region.to_owned(),
            secret: secret.clone(),
            session_token: None,
            key_cache: std::sync::Mutex::new(None),
            stamp_cache: std::sync::Mutex::new(None),
            clock: None,
        }
    }

    /// The same signer, dating its URLs by the server's clock where it is off by more
    /// than [`super::clock::TOLERANCE`].
    #[must_use]
    pub fn with_server_clock(mut self, clock: Option<super::clock::Offset>) -> Self {
        self.clock = clock.filter(|c| c.matters());
        self
    }

    /// The same signer for a temporary credential: the URL carries its session token.
    #[must_use]
    pub fn with_session_token(mut self, token: Option<&Secret>) -> Self {
        self.session_token = token.cloned();
        self
    }

    /// An HMAC keyed with the day's signing key, derived once per date.
    fn signer(&self, date: &str) -> HmacSha256 {
        let mut cache = self.key_cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((cached_date, mac)) = cache.as_ref()
            && cached_date == date
        {
            return mac.clone();
        }
        let k_date = hmac(
            format!("AWS4{}", self.secret.expose()).as_bytes(),
            date.as_bytes(),
        );
        let k_region = hmac(&k_date, self.region.as_bytes());
        let k_service = hmac(&k_region, b"s3");
        let key = hmac(&k_service, b"aws4_request");
        let mac = HmacSha256::new_from_slice(&key).expect("HMAC takes keys of any length");
        *cache = Some((date.to_owned(), mac.clone()));
        mac
    }

    /// What every URL signed in the same second with the same expiry shares.
    fn stamp(&self, now: SystemTime, expiry: u64) -> std::sync::Arc<Stamp> {
        let secs = now
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut cache = self.stamp_cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(stamp) = cache.as_ref()
            && stamp.secs == secs
            && stamp.expiry == expiry
        {
            return std::sync::Arc::clone(stamp);
        }
        let time: chrono::DateTime<chrono::Utc> =
            (SystemTime::UNIX_EPOCH + Duration::from_secs(secs)).into();
        let amz_date = time.format("%Y%m%dT%H%M%SZ").to_string();
        let date = amz_date[..8].to_owned();
        let scope = format!("{date}/{}/s3/aws4_request", self.region);
        let mut credential = String::new();
        uri_encode(
            &format!("{}/{scope}", self.access_key),
            false,
            &mut credential,
        );
        let mut token = String::new();
        if let Some(t) = &self.session_token {
            token.push_str("&X-Amz-Security-Token=");
            uri_encode(t.expose(), false, &mut token);
        }
        // Already in sorted order of the parameter names.
        let query = format!(
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={credential}&X-Amz-Date={amz_date}&X-Amz-Expires={expiry}{token}&X-Amz-SignedHeaders=host"
        );
        let mut signer = self.signer(&date);
        signer.update(format!("AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n").as_bytes());
        let stamp = std::sync::Arc::new(Stamp {
            secs,
            expiry,
            canonical_tail: format!("\n{query}\nhost:{}\n\nhost\nUNSIGNED-PAYLOAD", self.host),
            query,
            expires_at: (time + chrono::Duration::seconds(i64::try_from(expiry).unwrap_or(0)))
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            signer,
        });
        *cache = Some(std::sync::Arc::clone(&stamp));
        stamp
    }

    /// A GET URL for `key`, valid for `expires` from `now`.
    pub fn presign_get_at(&self, key: &str, expires: Duration, now: SystemTime) -> Presigned {
        let expiry = expires.as_secs().clamp(1, Expiry::MAX.as_secs());
        let stamp = self.stamp(now, expiry);

        let mut path = String::with_capacity(self.bucket.len() + key.len() + 8);
        path.push('/');
        uri_encode(&self.bucket, false, &mut path);
        path.push('/');
        uri_encode(key, true, &mut path);

        let mut canonical = String::with_capacity(4 + path.len() + stamp.canonical_tail.len());
        canonical.push_str("GET\n");
        canonical.push_str(&path);
        canonical.push_str(&stamp.canonical_tail);
        let mut mac = stamp.signer.clone();
        mac.update(&hex32(&Sha256::digest(canonical.as_bytes()).into()));
        let signature = hex32(&mac.finalize().into_bytes().into());

        let mut url = String::with_capacity(self.base.len() + path.len() + stamp.query.len() + 90);
        url.push_str(&self.base);
        url.push_str(&path);
        url.push('?');
        url.push_str(&stamp.query);
        url.push_str("&X-Amz-Signature=");
        url.push_str(std::str::from_utf8(&signature).expect("hex digits are ASCII"));
        Presigned {
            url,
            expires_in: Duration::from_secs(expiry),
            expires_at: stamp.expires_at.clone(),
        }
    }

    /// A GET URL for `key`, valid for `expires` from now on the server's clock.
    pub fn presign_get(&self, key: &str, expires: Duration) -> Presigned {
        let now = SystemTime::now();
        let now = self.clock.map_or(now, |c| c.apply(now));
        self.presign_get_at(key, expires, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(url: &str) -> Endpoint {
        Endpoint::parse(url, None).unwrap()
    }

    /// The same request signed by minio-rs must carry the same signature, with and
    /// without a session token, and for each of several keys signed in the same second
    /// (which share the part of the signature computed once a second).
    #[tokio::test]
    async fn agrees_with_minio_rs() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_763_700_000);
        for token in [None, Some("FwoGZXIvYXdzE/token+with=odd&chars")] {
            let presigner = Presigner::new(
                &endpoint("http://127.0.0.1:9000"),
                "demo",
                "AKIAIOSFODNN7EXAMPLE",
                &Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                "us-east-1",
            )
            .with_session_token(token.map(Secret::new).as_ref());
            for key in ["users/42/ab cd.jpg", "users/7/é+x.png", "defaults/d.webp"] {
                agrees_for(&presigner, key, token, at).await;
            }
        }
    }

    async fn agrees_for(presigner: &Presigner, key: &str, token: Option<&str>, at: SystemTime) {
        let ours = presigner.presign_get_at(key, Duration::from_secs(900), at);
        let mut base: minio::s3::http::BaseUrl = "http://127.0.0.1:9000".parse().unwrap();
        base.region = minio::s3::types::Region::new("us-east-1").unwrap();
        let client = minio::s3::client::MinioClientBuilder::new(base)
            .provider(Some(minio::s3::creds::StaticProvider::new(
                "AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                token,
            )))
            .build()
            .unwrap();
        let theirs = client
            .get_presigned_object_url("demo", key, http::Method::GET)
            .unwrap()
            .expiry_seconds(900u32)
            .request_time(Some(at.into()))
            .build()
            .send()
            .await
            .unwrap();
        let signature = |url: &str| {
            let after = url.split_once("X-Amz-Signature=").unwrap().1;
            after.split('&').next().unwrap().to_owned()
        };
        assert_eq!(
            signature(&ours.url),
            signature(&theirs.url),
            "\nours:   {}\ntheirs: {}",
            ours.url,
            theirs.url
        );
        assert_eq!(
            ours.url.contains("X-Amz-Security-Token="),
            token.is_some(),
            "{}",
            ours.url
        );
    }

    #[test]
    fn urls_are_path_style_with_encoded_keys() {
        let p = Presigner::new(
            &endpoint("http://127.0.0.1:9000"),
            "demo",
            "minioadmin",
            &Secret::new("minioadmin"),
            "us-east-1",
        );
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let s = p.presign_get_at("users/a b/x.jpg", Duration::from_secs(3600), at);
        assert!(s.url.starts_with("http://127.0.0.1:9000/demo/users/a%20b/x.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=minioadmin%2F20231114%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20231114T221320Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature="), "{}", s.url);
        assert_eq!(s.expires_at, "2023-11-14T23:13:20Z");
        assert!(
            !s.url.contains("minioadmin&"),
            "the secret is not in the URL"
        );
    }
}
