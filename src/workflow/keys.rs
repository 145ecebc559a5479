//! Object names. The one place that decides them: content-addressed, so the same picture
//! always gets the same key (re-running an upload is a no-op) and a different picture
//! never overwrites another. Nothing from a user-supplied file name goes into a key.

use crate::picture::Picture;
use crate::users::{SizeEntry, User};

/// Where users' pictures live.
pub const USERS_PREFIX: &str = "users/";
/// Where default pictures live.
pub const DEFAULTS_PREFIX: &str = "defaults/";
/// Where generated default avatars live (under the defaults, so `verify` covers them).
pub const GENERATED_PREFIX: &str = "defaults/generated/";
/// pfp's own markers: the store's identity and the databases that claimed it. Outside
/// the picture prefixes, so `verify` never counts them as orphans.
pub const MARKERS_PREFIX: &str = ".pfp/";
/// `.pfp/store/<store id>`: an empty object whose name is the store's identity.
pub const STORE_MARKER_PREFIX: &str = ".pfp/store/";
/// `.pfp/databases/<database id>`: an empty object per database that records this store.
pub const DATABASE_MARKER_PREFIX: &str = ".pfp/databases/";

/// The folder of a user's pictures: `users/<user key>/`. The user key is the uuid (pfp's
/// own table) or the primary key (a mapped table), with anything outside
/// `[A-Za-z0-9_-]` percent-encoded so no id can add path segments.
pub fn user_folder(user: &User) -> String {
    format!(
        "{USERS_PREFIX}{}/",
        crate::values::encoding::folder_name(&user.key)
    )
}

/// Whether `key` is a name pfp writes: a rendition name ([`rendition_keys`]) in one of
/// its folders (`users/<user key>/`, `defaults/`, `defaults/generated/`). Anything else in
/// the bucket is the app's own or another tool's, under pfp's prefixes too: an app that
/// kept its pictures as `users/42/avatar.jpg` before pfp came has them read as its
/// pictures (never as pfp's with their ledger entry lost, which `verify --fix` would
/// delete).
pub fn is_pfps(key: &str) -> bool {
    let Some(slash) = key.rfind('/') else {
        return false;
    };
    let (folder, name) = key.split_at(slash + 1);
    let in_folder = folder == DEFAULTS_PREFIX
        || folder == GENERATED_PREFIX
        || folder
            .strip_prefix(USERS_PREFIX)
            .is_some_and(|user| user.len() > 1 && !user[..user.len() - 1].contains('/'));
    in_folder && is_rendition_name(name)
}

/// `<sha256 hex>.<ext>` or `<sha256 hex>_<size>.<ext>`, with an extension pfp encodes.
fn is_rendition_name(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    let (hash, size) = match stem.split_once('_') {
        Some((hash, size)) => (hash, Some(size)),
        None => (stem, None),
    };
    matches!(ext, "jpg" | "png" | "webp" | "gif")
        && hash.len() == 64
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && size.is_none_or(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
}

/// The main key of the ledger entry that records `key`, from its name alone: every
/// rendition of a picture shares its folder, hash and extension ([`rendition_keys`]), so
/// `<folder><hash>_<size>.<ext>` belongs to `<folder><hash>.<ext>`. `None` for a name pfp
/// does not make, whose entry only a search of every entry's sizes finds.
pub fn main_key_of(key: &str) -> Option<String> {
    if !is_pfps(key) {
        return None;
    }
    let (folder, name) = key.split_at(key.rfind('/')? + 1);
    let (stem, ext) = name.rsplit_once('.')?;
    let hash = stem.split_once('_').map_or(stem, |(hash, _)| hash);
    Some(format!("{folder}{hash}.{ext}"))
}

/// The folder a key lives in (`users/<user key>/`, `defaults/`, `defaults/generated/`):
/// the unit the owner lock serialises.
pub fn folder_of(key: &str) -> &str {
    key.rfind('/').map_or("", |i| &key[..=i])
}

/// The keys of every rendition of `picture` under `folder`: `<hash>.<ext>` for the main
/// one, `<hash>_<size>.<ext>` for derived sizes.
pub fn rendition_keys(folder: &str, picture: &Picture) -> Vec<SizeEntry> {
    let ext = picture.format.extension();
    let hash = picture.hash();
    picture
        .renditions
        .iter()
        .enumerate()
        .map(|(i, r)| SizeEntry {
            size: r.size,
            key: if i == picture.main {
                format!("{folder}{hash}.{ext}")
            } else {
                format!("{folder}{hash}_{}.{ext}", r.size)
            },
            width: r.width,
            height: r.height,
            bytes: r.bytes.len() as u64,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(key: &str) -> User {
        User {
            id: "1".into(),
            key: key.into(),
            picture_url: None,
            fields: Vec::new(),
        }
    }

    #[test]
    fn pfps_keys_are_its_rendition_names_in_its_folders() {
        let hash = "08262e6ad0050e17c8be920721371bee3047059c4e277a1fcc3e870020576802";
        for key in [
            format!("users/0afe63fa-185c-4302/{hash}.jpg"),
            format!("users/42/{hash}_128.webp"),
            format!("defaults/{hash}.png"),
            format!("defaults/generated/{hash}_64.png"),
        ] {
            assert!(is_pfps(&key), "{key}");
        }
        for key in [
            "users/42/avatar.jpg".to_owned(),
            "users/42.jpg".to_owned(),
            format!("users/{hash}.jpg"),
            format!("users/42/sub/{hash}.jpg"),
            format!("users//{hash}.jpg"),
            format!("users/42/{hash}.jpeg"),
            format!("users/42/{hash}_.jpg"),
            format!("users/42/{hash}_x.jpg"),
            format!("users/42/{}.jpg", hash.to_uppercase()),
            format!("users/42/{}.jpg", &hash[1..]),
            format!("defaults/app/{hash}.png"),
            "defaults/avatar.png".to_owned(),
            format!("{hash}.jpg"),
            format!(".pfp/store/{hash}.jpg"),
        ] {
            assert!(!is_pfps(&key), "{key}");
        }
    }

    #[test]
    fn a_renditions_main_key_comes_from_its_name() {
        let hash = "08262e6ad0050e17c8be920721371bee3047059c4e277a1fcc3e870020576802";
        let main = format!("users/42/{hash}.webp");
        assert_eq!(
            main_key_of(&format!("users/42/{hash}_128.webp")),
            Some(main.clone())
        );
        assert_eq!(main_key_of(&main), Some(main));
        assert_eq!(
            main_key_of(&format!("defaults/generated/{hash}_64.png")),
            Some(format!("defaults/generated/{hash}.png"))
        );
        assert_eq!(main_key_of("users/42/avatar_128.jpg"), None);
    }

    #[test]
    fn user_keys_cannot_escape_their_folder() {
        assert_eq!(user_folder(&user("6f1c2a1e-6bd4")), "users/6f1c2a1e-6bd4/");
        assert_eq!(
            user_folder(&user("../../etc")),
            "users/%2E%2E%2F%2E%2E%2Fetc/"
        );
        assert_eq!(user_folder(&user("a/b")), "users/a%2Fb/");
        assert_eq!(
            user_folder(&user("profile@picture#$")),
            "users/profile%40picture%23%24/"
        );
    }
}
