//! The integration tests: one binary (it links the dependency tree once), one module per
//! area, all run through the real binary against the in-process S3 server and both
//! databases. `common` holds the server, database and picture fixtures.

#[macro_use]
mod common;

mod avatars;
mod avif;
mod bucket_init;
mod cli;
mod connect;
mod doctor;
mod faults;
mod heic;
mod import;
mod jail;
mod json_schema;
mod layers;
mod onboarding;
mod pg_tls;
mod pgbouncer;
mod picture;
mod picture_props;
mod safety;
mod security;
mod shard;
mod upload;
mod users;
mod validate;
mod verify;
