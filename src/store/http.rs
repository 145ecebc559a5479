//! What is not an S3 call (`doctor`): a plain HTTP client with the store's trust
//! settings, built on first use, for the server's clock and for reading an object back
//! through a presigned URL as a browser would.

use super::errors::{classify_reqwest, not_http, unanswered_request};
use super::{BucketName, Store};
use crate::error::{Error, Kind};

impl Store {
    /// The plain HTTP client, built on first use with the store's trust settings.
    async fn http(&self) -> Result<&reqwest::Client, Error> {
        self.http
            .get_or_try_init(|| async {
                let mut http = reqwest::Client::builder()
                    .timeout(self.timeout)
                    // As the S3 client: a redirect is an answer (vendor/README.md, 6).
                    .redirect(reqwest::redirect::Policy::none())
                    .danger_accept_invalid_certs(self.insecure);
                if super::proxy::direct(&self.endpoint) {
                    http = http.no_proxy();
                }
                if let Some(ca) = &self.ca_cert {
                    let pem = std::fs::read(ca).map_err(|e| {
                        Error::config(format!(
                            "cannot read CA certificate '{}': {e}",
                            ca.display()
                        ))
                    })?;
                    for cert in reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                        Error::config(format!("cannot use CA certificate '{}': {e}", ca.display()))
                    })? {
                        http = http.add_root_certificate(cert);
                    }
                }
                http.build()
                    .map_err(|e| Error::config(format!("cannot set up the HTTP client: {e}")))
            })
            .await
    }

    /// The server's clock, from the `Date` header of a plain request to the endpoint.
    pub async fn server_date(&self) -> Result<Option<std::time::SystemTime>, Error> {
        let what = format!("contacting {}", self.endpoint);
        let response = match self.http().await?.head(self.endpoint.as_str()).send().await {
            Ok(response) => response,
            // `doctor` asks this first: where no HTTP server answers, the server that is
            // there is named, as for the first S3 request of other commands.
            Err(e) if unanswered_request(&e) => {
                return Err(not_http(&what, &self.endpoint)
                    .await
                    .unwrap_or_else(|| classify_reqwest(&e, &what, &self.endpoint)));
            }
            Err(e) => return Err(classify_reqwest(&e, &what, &self.endpoint)),
        };
        // A redirect's Date is the server's clock as any answer's is (AWS S3 answers
        // `/` with a 307 to its web site): the S3 requests after this one name a
        // redirect that matters.
        self.note_date(response.headers());
        Ok(response
            .headers()
            .get("date")
            .and_then(|d| d.to_str().ok())
            .and_then(|d| chrono::DateTime::parse_from_rfc2822(d).ok())
            .map(std::time::SystemTime::from))
    }

    /// GETs a (presigned) URL and returns the body, failing on any non-2xx answer.
    pub async fn fetch(&self, url: &str) -> Result<Vec<u8>, Error> {
        let what = "reading the probe object back through a presigned URL";
        let response = self
            .http()
            .await?
            .get(url)
            .send()
            .await
            .map_err(|e| classify_reqwest(&e, what, &self.endpoint))?;
        let status = response.status();
        if !status.is_success() {
            let kind = if status.as_u16() == 403 {
                Kind::Denied
            } else {
                Kind::Internal
            };
            return Err(
                Error::new(kind, format!("{what}: the server answered HTTP {status}")).hint(
                    format!(
                        "presigned URLs are refused: check the clock, the region and {}",
                        crate::error::Setting::PublicEndpoint.name()
                    ),
                ),
            );
        }
        let bytes = response
            .bytes()
            .await
            .map_err(|e| classify_reqwest(&e, what, &self.endpoint))?;
        Ok(bytes.to_vec())
    }

    /// What a request without a signature may do in `bucket` (`doctor`): read `probe`
    /// (an object the caller wrote, holding `body`), list the bucket, and write an object
    /// of its own beside the probe, deleted again with the keys where that worked (every
    /// version of it, where the bucket keeps versions). An
    /// answer other than 2xx is a refusal: a server that grants nothing may say so with
    /// 401, 403 or 400.
    pub async fn anonymous_access(
        &self,
        bucket: &BucketName,
        probe: &str,
        body: &[u8],
        keeps_versions: bool,
    ) -> Result<Anonymous, Error> {
        use crate::values::encoding::uri_encode;
        let http = self.http().await?;
        let object_url = |key: &str| {
            let mut url = format!("{}/", self.endpoint);
            uri_encode(bucket.as_str(), false, &mut url);
            url.push('/');
            uri_encode(key, true, &mut url);
            url
        };
        let what = "trying the bucket without a signature";
        let failed = |e: reqwest::Error| classify_reqwest(&e, what, &self.endpoint);

        let response = http.get(object_url(probe)).send().await.map_err(failed)?;
        let read = response.status().is_success()
            && response.bytes().await.map_err(failed)?.as_ref() == body;

        let mut listing = format!("{}/", self.endpoint);
        uri_encode(bucket.as_str(), false, &mut listing);
        listing.push_str("/?list-type=2&max-keys=1&prefix=pfp-doctor%2F");
        let list = http
            .get(listing)
            .send()
            .await
            .map_err(failed)?
            .status()
            .is_success();

        let key = format!("pfp-doctor/anonymous-{}", uuid::Uuid::new_v4());
        let write = http
            .put(object_url(&key))
            .header("content-type", "text/plain")
            .body(body.to_vec())
            .send()
            .await
            .map_err(failed)?
            .status()
            .is_success();
        if write {
            self.delete_probe(bucket, &key, keeps_versions).await?;
        }
        Ok(Anonymous { read, list, write })
    }
}

/// What a request without a signature may do in a bucket ([`Store::anonymous_access`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anonymous {
    pub read: bool,
    pub list: bool,
    pub write: bool,
}
