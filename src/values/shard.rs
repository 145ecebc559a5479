//! `--shard K/N`: one machine's part of a bulk run, so an existing scheduler (a
//! Kubernetes Indexed Job, GNU parallel, a CI matrix) can spread the work without pfp
//! keeping any state of its own.

use std::fmt;

use sha2::{Digest, Sha256};

use crate::error::Error;

/// Shard `index` of `count`, 1-based as jest and playwright number their shards. A key
/// (a user selector, a user id, a bucket folder) belongs to shard `1 + h mod N`, where
/// `h` is the first eight bytes of its SHA-256 read big-endian: the same on every run,
/// machine and version, so shards never overlap, together cover everything, and a
/// re-run of one shard does the same keys again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

impl Shard {
    pub fn parse(text: &str) -> Result<Self, Error> {
        let bad = || {
            Error::invalid(format!(
                "invalid {} '{text}': expected K/N with 1 <= K <= N, e.g. 2/4",
                crate::error::Setting::Shard.name()
            ))
        };
        let (k, n) = text.trim().split_once('/').ok_or_else(bad)?;
        let index: u64 = k.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// Whether `key` is this shard's.
    pub fn contains(&self, key: &str) -> bool {
        Self::of(key, self.count) == self.index
    }

    /// The shard (1-based) `key` belongs to among `count`.
    pub fn of(key: &str, count: u64) -> u64 {
        let digest = Sha256::digest(key.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        1 + u64::from_be_bytes(first) % count.max(1)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// `--shard` given or not: without one, everything is this run's.
pub fn in_shard(shard: Option<&Shard>, key: &str) -> bool {
    shard.is_none_or(|s| s.contains(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_keys_and_are_stable() {
        let shards: Vec<Shard> = (1..=4)
            .map(|k| Shard::parse(&format!("{k}/4")).unwrap())
            .collect();
        let mut sizes = [0; 4];
        for i in 0..4000 {
            let key = i.to_string();
            let owners: Vec<usize> = (0..4).filter(|&s| shards[s].contains(&key)).collect();
            assert_eq!(owners.len(), 1, "{key} is in exactly one shard");
            sizes[owners[0]] += 1;
        }
        assert!(sizes.iter().all(|&n| n > 800), "roughly even: {sizes:?}");
        // Pinned (computed independently: 1 + SHA-256(key)[..8] big-endian mod N): a
        // change here would move users between the shards of a running job.
        assert_eq!(Shard::of("42", 4), 2);
        assert_eq!(Shard::of("42", 7), 3);
        assert_eq!(Shard::of("alice@example.com", 4), 4);
        assert_eq!(Shard::of("users/abc/", 7), 2);
        assert_eq!(Shard::of("alice@example.com", 1), 1);
    }

    #[test]
    fn bad_shards_name_the_rule() {
        for bad in ["0/3", "4/3", "1/0", "2", "a/b", "-1/3"] {
            let e = Shard::parse(bad).unwrap_err().to_string();
            assert!(e.contains("K/N") && e.contains(bad), "{e}");
        }
        assert_eq!(Shard::parse(" 2/4 ").unwrap().to_string(), "2/4");
    }
}
