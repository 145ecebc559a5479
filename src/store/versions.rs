//! Versioned buckets (`mc version enable`, S3 versioning): there a DELETE only adds a
//! delete marker, and the deleted picture's bytes stay as a noncurrent version, readable
//! by anyone with the keys. What pfp deletes to erase a picture (`remove --purge`, `user
//! delete`: a request to erase it) goes with every version; what it deletes otherwise
//! (replaced pictures after 7 days, `verify --fix`'s orphans) leaves the versions to the
//! bucket's own rules, the safety net the operator chose.

use std::collections::{BTreeMap, HashSet};
use std::ops::ControlFlow;

use futures_util::StreamExt as _;
use minio::s3::types::{ListEntry, S3Api as _, ToStream as _};

use super::errors::s3_code;
use super::{BucketName, Store};
use crate::error::Error;

/// Whether a bucket keeps versions of what is deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Versioning {
    /// Never enabled, or a server without versioning.
    Off,
    Enabled,
    /// Suspended: no new versions, but those made while it was enabled stay.
    Suspended,
}

impl Versioning {
    pub fn keeps_versions(self) -> bool {
        self != Versioning::Off
    }
}

impl Store {
    /// The bucket's versioning. A server that has none (answering `NotImplemented`, as
    /// s3s-fs does) keeps no versions.
    pub async fn versioning(&self, bucket: &BucketName) -> Result<Versioning, Error> {
        let what = format!("asking whether bucket '{bucket}' keeps versions");
        self.policy
            .run(&what, || async {
                let sent = self
                    .client
                    .get_bucket_versioning(bucket.as_str())
                    .map_err(|e| self.classify(e.into(), &what))?
                    .build()
                    .send()
                    .await;
                let response = match sent {
                    Ok(response) => response,
                    Err(e) if s3_code(&e).as_deref() == Some("notimplemented") => {
                        return Ok(Versioning::Off);
                    }
                    Err(e) => return Err(self.classify(e, &what)),
                };
                use minio::s3::builders::VersioningStatus;
                Ok(
                    match response
                        .status()
                        .map_err(|e| self.classify(e.into(), &what))?
                    {
                        None => Versioning::Off,
                        Some(VersioningStatus::Enabled) => Versioning::Enabled,
                        Some(VersioningStatus::Suspended) => Versioning::Suspended,
                    },
                )
            })
            .await
    }

    /// The bucket's default object-lock retention ("GOVERNANCE, 1 day"), under which no
    /// object pfp writes can be deleted until that time has passed since its upload;
    /// None without one (no object lock, object lock without a default rule, or a
    /// server without object lock).
    pub async fn default_retention(&self, bucket: &BucketName) -> Result<Option<String>, Error> {
        let what = format!("asking for the object lock of bucket '{bucket}'");
        self.policy
            .run(&what, || async {
                let sent = self
                    .client
                    .get_object_lock_config(bucket.as_str())
                    .map_err(|e| self.classify(e.into(), &what))?
                    .build()
                    .send()
                    .await;
                let config = match sent {
                    Ok(response) => response
                        .config()
                        .map_err(|e| self.classify(e.into(), &what))?,
                    Err(e)
                        if matches!(
                            s3_code(&e).as_deref(),
                            Some("objectlockconfigurationnotfounderror" | "notimplemented")
                        ) =>
                    {
                        return Ok(None);
                    }
                    Err(e) => return Err(self.classify(e, &what)),
                };
                let Some(mode) = config.retention_mode else {
                    return Ok(None);
                };
                let mode = match mode {
                    minio::s3::types::RetentionMode::GOVERNANCE => "GOVERNANCE",
                    minio::s3::types::RetentionMode::COMPLIANCE => "COMPLIANCE",
                };
                let period = match (
                    config.retention_duration_days,
                    config.retention_duration_years,
                ) {
                    (Some(1), _) => "1 day".to_owned(),
                    (Some(days), _) => format!("{days} days"),
                    (None, Some(1)) => "1 year".to_owned(),
                    (None, Some(years)) => format!("{years} years"),
                    (None, None) => "a period".to_owned(),
                };
                Ok(Some(format!("{mode}, {period}")))
            })
            .await
    }

    /// Every version and delete marker under `prefix`, a page (up to 1,000) at a time in
    /// key order, each key's newest first, handed to `page` until it breaks.
    async fn each_version_page(
        &self,
        bucket: &BucketName,
        prefix: &str,
        what: &str,
        mut page: impl FnMut(Vec<ListEntry>) -> ControlFlow<()>,
    ) -> Result<(), Error> {
        let mut pages = self
            .client
            .list_objects(bucket.as_str())
            .map_err(|e| self.classify(e.into(), what))?
            .prefix(Some(prefix.to_owned()))
            .recursive(true)
            .include_versions(true)
            .build()
            .to_stream()
            .await;
        while let Some(listed) = pages.next().await {
            let listed = listed.map_err(|e| self.classify(e, what))?;
            if page(listed.contents).is_break() {
                break;
            }
        }
        Ok(())
    }

    /// Every version and delete marker of exactly `key` (not of the keys it is a prefix
    /// of), newest first: (version id, is a delete marker).
    async fn versions_of(
        &self,
        bucket: &BucketName,
        key: &str,
    ) -> Result<Vec<(Option<String>, bool)>, Error> {
        let what = format!("listing the versions of '{key}' in bucket '{bucket}'");
        let mut versions = Vec::new();
        self.each_version_page(bucket, key, &what, |entries| {
            versions.extend(
                entries
                    .into_iter()
                    .filter(|entry| entry.name == key && !entry.is_prefix)
                    .map(|entry| {
                        (
                            entry.last_modified,
                            entry.version_id,
                            entry.is_delete_marker,
                        )
                    }),
            );
            ControlFlow::Continue(())
        })
        .await?;
        // S3 lists a key's versions newest first; ordered by time here too (stably, so
        // versions of the same second keep the server's order).
        versions.sort_by_key(|v| std::cmp::Reverse(v.0));
        Ok(versions
            .into_iter()
            .map(|(_, version, marker)| (version.filter(|v| !v.is_empty()), marker))
            .collect())
    }

    /// Which of `keys` (missing objects) have a version with bytes that deleting
    /// [`Store::hiding_markers`] would bring back. Where many went missing at once (`mc rm
    /// --recursive` of `users/`), one listing of every version under their folder
    /// (`users/`, `defaults/`) answers for all of them, a page of 1,000 versions a
    /// request, where a listing per key would take a request per key. The listing stops
    /// after as many pages as there are keys under its folder (a bucket that kept many
    /// old versions), and the keys it has not reached yet are asked about one at a
    /// time: never more than twice the requests of asking for each key.
    pub async fn with_versions(
        &self,
        bucket: &BucketName,
        keys: &[&str],
    ) -> Result<HashSet<String>, Error> {
        let mut found = HashSet::new();
        let mut folders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for key in keys {
            let folder = key.find('/').map_or(*key, |i| &key[..=i]);
            folders.entry(folder).or_default().push(key);
        }
        for (folder, mut keys) in folders {
            keys.sort_unstable();
            keys.dedup();
            let wanted: HashSet<&str> = keys.iter().copied().collect();
            let what = format!("listing the versions under '{folder}' in bucket '{bucket}'");
            let mut pages = 0;
            // Every key before `reached` has been listed in full.
            let mut reached: Option<String> = None;
            let mut complete = true;
            self.each_version_page(bucket, folder, &what, |entries| {
                for entry in &entries {
                    if !entry.is_delete_marker
                        && !entry.is_prefix
                        && wanted.contains(entry.name.as_str())
                    {
                        found.insert(entry.name.clone());
                    }
                }
                if let Some(last) = entries.last() {
                    reached = Some(last.name.clone());
                }
                pages += 1;
                if pages >= keys.len() {
                    complete = false;
                    return ControlFlow::Break(());
                }
                ControlFlow::Continue(())
            })
            .await?;
            if complete {
                continue;
            }
            // The last key listed may have more versions on the next page: asked again.
            let rest: Vec<&str> = keys
                .iter()
                .copied()
                .filter(|k| reached.as_deref().is_none_or(|r| *k >= r))
                .filter(|k| !found.contains(*k))
                .collect();
            for key in rest {
                if self.hiding_markers(bucket, key).await?.is_some() {
                    found.insert(key.to_owned());
                }
            }
        }
        Ok(found)
    }

    /// Deletes every version and delete marker of exactly `key`; returns how many
    /// versions held bytes.
    pub async fn delete_every_version(
        &self,
        bucket: &BucketName,
        key: &str,
    ) -> Result<usize, Error> {
        let mut with_bytes = 0;
        for (version, marker) in self.versions_of(bucket, key).await? {
            // A version written while versioning was off is listed as `null` (or with no
            // id): asked for by that id, as a plain DELETE would only add a marker.
            self.delete_at(bucket, key, Some(version.as_deref().unwrap_or("null")))
                .await?;
            with_bytes += usize::from(!marker);
        }
        Ok(with_bytes)
    }

    /// Deletes `key`, with every version where `every_version` (a probe of pfp's own
    /// that should leave nothing behind); a version an object lock keeps stays, hidden
    /// by a plain DELETE's marker.
    pub async fn delete_probe(
        &self,
        bucket: &BucketName,
        key: &str,
        every_version: bool,
    ) -> Result<(), Error> {
        if every_version {
            match self.delete_every_version(bucket, key).await {
                Ok(_) => return Ok(()),
                Err(e) if e.kind() == crate::error::Kind::Denied => {}
                Err(e) => return Err(e),
            }
        }
        self.delete(bucket, key).await
    }

    /// The delete markers that hide the newest version of `key` that holds bytes (a
    /// DELETE made behind pfp's back in a bucket that keeps versions), if there is such
    /// a version: deleting them brings the object back as it was.
    pub async fn hiding_markers(
        &self,
        bucket: &BucketName,
        key: &str,
    ) -> Result<Option<Vec<String>>, Error> {
        let versions = self.versions_of(bucket, key).await?;
        let Some(newest_bytes) = versions.iter().position(|(_, marker)| !marker) else {
            return Ok(None);
        };
        Ok(Some(
            versions[..newest_bytes]
                .iter()
                .map(|(version, _)| version.clone().unwrap_or_else(|| "null".to_owned()))
                .collect(),
        ))
    }

    /// Deletes the delete markers [`Store::hiding_markers`] found for `key`.
    pub async fn remove_markers(
        &self,
        bucket: &BucketName,
        key: &str,
        markers: &[String],
    ) -> Result<(), Error> {
        for marker in markers {
            self.delete_at(bucket, key, Some(marker)).await?;
        }
        Ok(())
    }
}
