//! What the tests see in a bucket, read through the S3 API with the minio crate directly
//! (not through pfp's store), so that the same assertion holds on every server the suite
//! runs against: the in-process s3s-fs or a Ceph RGW.

#![allow(dead_code)]

use futures_util::StreamExt as _;
use minio::s3::MinioClient;
use minio::s3::client::MinioClientBuilder;
use minio::s3::creds::StaticProvider;
use minio::s3::http::BaseUrl;
use minio::s3::types::{S3Api, ToStream as _};

/// A plain S3 client for one endpoint and one account.
pub struct Bucket {
    client: MinioClient,
    pub name: String,
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(future)
}

fn is_code(e: &minio::s3::error::Error, codes: &[&str]) -> bool {
    let text = format!("{e:?}").to_ascii_lowercase();
    codes.iter().any(|c| text.contains(&c.to_ascii_lowercase()))
}

impl Bucket {
    pub fn new(endpoint: &str, access_key: &str, secret_key: &str, name: &str) -> Bucket {
        let base_url: BaseUrl = endpoint.parse().expect("an endpoint");
        let client = MinioClientBuilder::new(base_url)
            .provider(Some(StaticProvider::new(access_key, secret_key, None)))
            .build()
            .expect("an S3 client");
        Bucket {
            client,
            name: name.to_owned(),
        }
    }

    /// Every object, markers included, with its bytes, in key order.
    pub fn all_objects(&self) -> Vec<(String, Vec<u8>)> {
        self.keys()
            .into_iter()
            .map(|key| {
                let bytes = self
                    .get(&key)
                    .unwrap_or_else(|| panic!("'{key}' was listed but is gone"));
                (key, bytes)
            })
            .collect()
    }

    /// Every key (recursive, every page), in key order; empty when the bucket is missing.
    pub fn keys(&self) -> Vec<String> {
        block_on(async {
            let mut keys = Vec::new();
            let mut stream = self
                .client
                .list_objects(&self.name)
                .expect("a listing")
                .recursive(true)
                .build()
                .to_stream()
                .await;
            while let Some(page) = stream.next().await {
                match page {
                    Ok(page) => keys.extend(
                        page.contents
                            .into_iter()
                            .filter(|e| !e.is_prefix)
                            .map(|e| e.name),
                    ),
                    Err(e) if is_code(&e, &["NoSuchBucket"]) => break,
                    Err(e) => panic!("listing bucket '{}': {e}", self.name),
                }
            }
            keys.sort();
            keys
        })
    }

    /// An object's bytes, or None when it is not there.
    pub fn get(&self, key: &str) -> Option<Vec<u8>> {
        block_on(async {
            let sent = self
                .client
                .get_object(&self.name, key)
                .expect("a request")
                .build()
                .send()
                .await;
            match sent {
                Ok(response) => {
                    let bytes = response
                        .content()
                        .expect("a body")
                        .to_segmented_bytes()
                        .await
                        .expect("the body")
                        .to_bytes();
                    Some(bytes.to_vec())
                }
                Err(e) if is_code(&e, &["NoSuchKey"]) => None,
                Err(e) => panic!("reading '{key}' from '{}': {e}", self.name),
            }
        })
    }

    /// Stores an object as another program (an app, a person with mc) would.
    pub fn put(&self, key: &str, bytes: &[u8], content_type: &str) {
        block_on(async {
            self.client
                .put_object_content(&self.name, key, bytes.to_vec())
                .expect("a request")
                .content_type(content_type.to_owned())
                .build()
                .send()
                .await
                .unwrap_or_else(|e| panic!("storing '{key}' in '{}': {e}", self.name));
        })
    }

    /// Removes an object behind pfp's back.
    pub fn delete(&self, key: &str) {
        block_on(async {
            self.client
                .delete_object(&self.name, key)
                .expect("a request")
                .build()
                .send()
                .await
                .unwrap_or_else(|e| panic!("deleting '{key}' from '{}': {e}", self.name));
        })
    }

    /// Whether the bucket exists for this account.
    pub fn exists(&self) -> bool {
        block_on(async {
            self.client
                .bucket_exists(&self.name)
                .expect("a request")
                .build()
                .send()
                .await
                .unwrap_or_else(|e| panic!("checking bucket '{}': {e}", self.name))
                .exists()
        })
    }

    /// Creates the bucket for this account (already owning it is fine).
    pub fn create(&self) {
        block_on(async {
            match self
                .client
                .create_bucket(&self.name)
                .expect("a request")
                .build()
                .send()
                .await
            {
                Ok(_) => {}
                Err(e) if is_code(&e, &["BucketAlreadyOwnedByYou"]) => {}
                Err(e) => panic!("creating bucket '{}': {e}", self.name),
            }
        })
    }

    /// Sets what requests without a signature may do, with the bucket policy
    /// `mc anonymous set LEVEL` writes: "download" (read and list) or "public" (read,
    /// list, write and delete, less the multipart-part listing the minio crate cannot
    /// name); "none" removes the policy.
    pub fn set_anonymous(&self, level: &str) {
        let bucket = &self.name;
        let (bucket_actions, object_actions) = match level {
            "none" => {
                return block_on(async {
                    self.client
                        .delete_bucket_policy(bucket)
                        .expect("a request")
                        .build()
                        .send()
                        .await
                        .unwrap_or_else(|e| panic!("removing the policy of '{bucket}': {e}"));
                });
            }
            "download" => (
                r#"["s3:GetBucketLocation","s3:ListBucket"]"#,
                r#"["s3:GetObject"]"#,
            ),
            "public" => (
                r#"["s3:GetBucketLocation","s3:ListBucket","s3:ListBucketMultipartUploads"]"#,
                r#"["s3:AbortMultipartUpload","s3:DeleteObject","s3:GetObject","s3:PutObject"]"#,
            ),
            other => panic!("anonymous access level '{other}': none, download or public"),
        };
        let policy = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":["*"]}},"Action":{bucket_actions},"Resource":["arn:aws:s3:::{bucket}"]}},{{"Effect":"Allow","Principal":{{"AWS":["*"]}},"Action":{object_actions},"Resource":["arn:aws:s3:::{bucket}/*"]}}]}}"#
        );
        block_on(async {
            self.client
                .put_bucket_policy(bucket)
                .expect("a request")
                .config(policy.as_str())
                .build()
                .send()
                .await
                .unwrap_or_else(|e| panic!("setting the policy of '{bucket}': {e}"));
        })
    }

    /// Turns versioning on (`mc version enable`): a DELETE then only adds a delete marker.
    /// Ceph RGW has it; s3s-fs does not (NotImplemented).
    pub fn enable_versioning(&self) {
        block_on(async {
            self.client
                .put_bucket_versioning(&self.name, minio::s3::builders::VersioningStatus::Enabled)
                .expect("a request")
                .build()
                .send()
                .await
                .unwrap_or_else(|e| panic!("enabling versioning of '{}': {e}", self.name));
        })
    }

    /// Every version and delete marker (`mc ls --versions`), as (key, is a delete
    /// marker), in the server's order.
    pub fn versions(&self) -> Vec<(String, bool)> {
        block_on(async {
            let mut versions = Vec::new();
            let mut stream = self
                .client
                .list_objects(&self.name)
                .expect("a listing")
                .recursive(true)
                .include_versions(true)
                .build()
                .to_stream()
                .await;
            while let Some(page) = stream.next().await {
                let page =
                    page.unwrap_or_else(|e| panic!("listing the versions in '{}': {e}", self.name));
                versions.extend(
                    page.contents
                        .into_iter()
                        .filter(|e| !e.is_prefix)
                        .map(|e| (e.name, e.is_delete_marker)),
                );
            }
            versions
        })
    }

    /// Sets the bucket's lifecycle rules, as `mc ilm rule add --expire-days DAYS --prefix
    /// PREFIX` writes each: (id, prefix, days).
    pub fn set_expiry_rules(&self, rules: &[(&str, &str, u32)]) {
        use minio::s3::lifecycle_config::{LifecycleConfig, LifecycleRule};
        let config = LifecycleConfig {
            rules: rules
                .iter()
                .map(|(id, prefix, days)| LifecycleRule {
                    id: (*id).to_owned(),
                    status: true,
                    filter: minio::s3::types::Filter {
                        prefix: Some((*prefix).to_owned()),
                        ..Default::default()
                    },
                    expiration_days: Some(*days),
                    ..Default::default()
                })
                .collect(),
        };
        block_on(async {
            self.client
                .put_bucket_lifecycle(&self.name)
                .expect("a request")
                .life_cycle_config(config)
                .build()
                .send()
                .await
                .unwrap_or_else(|e| panic!("setting the lifecycle of '{}': {e}", self.name));
        })
    }

    /// Creates the bucket with object lock and a default retention of `days` in
    /// GOVERNANCE mode (`mc mb --with-lock`, `mc retention set --default governance
    /// 1d`): no object written there can be deleted before that. Ceph RGW has it;
    /// s3s-fs does not.
    pub fn create_locked(&self, days: i32) {
        use minio::s3::types::{ObjectLockConfig, RetentionMode};
        block_on(async {
            self.client
                .create_bucket(&self.name)
                .expect("a request")
                .object_lock(true)
                .build()
                .send()
                .await
                .unwrap_or_else(|e| panic!("creating locked bucket '{}': {e}", self.name));
            self.client
                .put_object_lock_config(&self.name)
                .expect("a request")
                .config(ObjectLockConfig::new(RetentionMode::GOVERNANCE, Some(days), None).unwrap())
                .build()
                .send()
                .await
                .unwrap_or_else(|e| panic!("setting the retention of '{}': {e}", self.name));
        })
    }
}
