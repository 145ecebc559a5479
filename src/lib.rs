//! pfp: manage users' profile pictures in MinIO or any S3-compatible store.
//!
//! The binary is a thin shell over this library: `cli` parses, `settings` validates once,
//! `commands` run the workflows, `store` talks to S3, `output` prints.

pub mod cli;
pub mod commands;
pub mod dispatch;
pub mod error;
pub mod input;
pub mod jail;
pub mod output;
pub mod picture;
pub mod settings;
pub mod store;
pub mod users;
pub mod values;
pub mod workflow;

pub use error::{Error, Kind};
