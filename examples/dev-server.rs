//! The dev server (src/bin/pfp-dev-server.rs) as the test suite builds it: examples are
//! built by `cargo test`, so the scripts the tests run (quickstart.sh, tour.sh) find it
//! without a nested cargo. People run the binary: see its documentation.

#[path = "../src/bin/pfp-dev-server.rs"]
mod dev_server;

fn main() -> std::io::Result<()> {
    dev_server::main()
}
