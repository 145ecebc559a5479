//! pfp's jailed decoder on its own: the program each of pfp's decoder zygotes runs, when
//! it is installed beside `pfp`. It holds the decoders and the jail and none of the rest
//! (the S3 client, the databases, the command line), so a zygote starts and forks as a
//! smaller process: 7,900 relocations to apply instead of 35,500, and an import of small
//! avatars 6% faster (README, "The decoder jail"). Without it, pfp runs itself in the
//! same hidden mode. It is started by pfp, never by hand.

fn main() {
    pfp::jail::run_decoder()
}
