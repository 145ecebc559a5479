//! Endpoints and keys borrowed from the tools operators already use, so nobody retypes
//! them: an `mc` alias (`MC_HOST_<alias>`, else mc's `config.json`) and the AWS
//! conventions (the `AWS_*` variables, `AWS_PROFILE` with `~/.aws/credentials` and
//! `~/.aws/config`).
//!
//! A layer's keys are one unit: the access key, secret key and session token all come
//! from the same layer, never half from one tool and half from another. Endpoint and
//! region are picked setting by setting, like every other setting.

mod aws;
mod ini;
mod mc;

use std::path::PathBuf;

use super::Env;
use crate::values::{Secret, Source, Sourced};

pub(super) use aws::{aws_env, aws_profile, aws_profile_name};
pub(super) use mc::mc_alias;

/// Keys from one source, used together.
#[derive(Clone, Debug)]
pub(super) struct Keys {
    pub(super) access_key: String,
    pub(super) secret_key: Secret,
    pub(super) session_token: Option<Secret>,
    pub(super) source: Source,
}

/// What one borrowed layer supplies.
#[derive(Clone, Debug, Default)]
pub(super) struct Layer {
    pub(super) endpoint: Option<Sourced<String>>,
    pub(super) region: Option<Sourced<String>>,
    pub(super) keys: Option<Keys>,
    /// A CA bundle (PEM) that TLS to the endpoint trusts too: the AWS CLI's
    /// `AWS_CA_BUNDLE` and profile `ca_bundle`.
    pub(super) ca_bundle: Option<Sourced<String>>,
}

impl Layer {
    fn is_empty(&self) -> bool {
        self.endpoint.is_none()
            && self.region.is_none()
            && self.keys.is_none()
            && self.ca_bundle.is_none()
    }
}

pub(super) fn home(env: &dyn Env) -> Option<PathBuf> {
    crate::settings::home_dir(env)
}

// ---------------------------------------------------------------------------------
// mc

// ---------------------------------------------------------------------------------
// AWS

#[cfg(test)]
mod tests {
    use super::aws::lookup;
    use super::ini::read_ini;
    use super::mc::mc_host;
    use super::*;
    use std::collections::HashMap;

    fn env_of(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name: &str| map.get(name).cloned()
    }

    #[test]
    fn mc_host_carries_keys_and_a_session_token() {
        let layer = mc_host(
            "MC_HOST_prod",
            "https://AK:s%3Acret:TOKEN@minio.example.com:9000",
        )
        .unwrap();
        let keys = layer.keys.unwrap();
        assert_eq!(keys.access_key, "AK");
        assert_eq!(keys.secret_key.expose(), "s:cret");
        assert_eq!(keys.session_token.unwrap().expose(), "TOKEN");
        assert_eq!(
            layer.endpoint.unwrap().value,
            "https://minio.example.com:9000"
        );
        for bad in [
            "minio:9000",
            "https://AK@host",
            "https://AK:SK@host/path",
            "ftp://AK:SK@h",
        ] {
            let err = mc_host("MC_HOST_x", bad).unwrap_err().to_string();
            assert!(!err.contains("SK"), "the value is never quoted: {err}");
        }
    }

    #[test]
    fn ini_sections_nested_blocks_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(
            &path,
            "# c\n[default]\nregion = eu-west-1\ns3 =\n  addressing_style = path\n[profile x]\nendpoint_url = http://h:1\n",
        )
        .unwrap();
        let ini = read_ini(&path).unwrap().unwrap();
        assert_eq!(
            lookup(ini.section("default").unwrap(), "region").as_deref(),
            Some("eu-west-1")
        );
        assert!(ini.section("profile x").is_some());
        std::fs::write(&path, "[default]\nregion eu\n").unwrap();
        let err = read_ini(&path).err().unwrap().to_string();
        assert!(err.contains("line 2"), "{err}");
        assert!(read_ini(&dir.path().join("absent")).unwrap().is_none());
    }

    #[test]
    fn aws_keys_come_in_pairs() {
        let env = env_of(&[("AWS_ACCESS_KEY_ID", "a")]);
        assert!(aws_env(&env).is_err());
        let env = env_of(&[
            ("AWS_ACCESS_KEY_ID", "a"),
            ("AWS_SECRET_ACCESS_KEY", "s"),
            ("AWS_SESSION_TOKEN", "t"),
            ("AWS_ENDPOINT_URL", "http://generic:1"),
            ("AWS_ENDPOINT_URL_S3", "http://s3:1"),
            ("AWS_DEFAULT_REGION", "eu-central-1"),
        ]);
        let layer = aws_env(&env).unwrap();
        assert_eq!(layer.endpoint.unwrap().value, "http://s3:1");
        assert_eq!(layer.region.unwrap().value, "eu-central-1");
        assert_eq!(layer.keys.unwrap().session_token.unwrap().expose(), "t");
    }
}
