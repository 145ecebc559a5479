//! One file per subcommand. Each has `pub async fn run(options, ctx) -> Result<()>` that
//! reads like the steps of its workflow; the steps themselves live in `workflow`, `store`,
//! `picture` and `users`. `context` is what every command gets (cargo's `util/context`),
//! `stored` what `upload` and `set-default` share. Dispatch from the command line is
//! the `dispatch` module's, at the edge.

pub mod adopt;
pub mod bucket;
pub mod config;
pub mod decode_pool;
pub mod doctor;
pub mod export_urls;
pub mod get_url;
pub mod import;
pub mod remove;
pub mod restore;
pub mod set_default;
pub mod stop;
pub mod upload;
pub mod user;
pub mod user_import;
pub mod validate;
pub mod verify;

mod context;
mod stored;

pub use context::Context;
pub use stored::{default_for, load_picture, report_stored};
