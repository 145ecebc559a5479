//! Pipeline stages on a 12 MP phone-like photo (4032x3024 JPEG of 2-5 MB): scaled decode,
//! resize, encode, and the whole `picture::process` (crop + resize to 512 + JPEG q85).
//!
//!     cargo bench --bench pipeline

#[path = "../tests/it/common/fixtures.rs"]
mod fixtures;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use pfp::picture::{self, Crop, Limits, Options, OutputFormat, decode, encode, normalize};

fn photo() -> Vec<u8> {
    let bytes = fixtures::jpeg(&fixtures::photo_like(4032, 3024, 42), 92);
    assert!(
        (2_000_000..=5_000_000).contains(&bytes.len()),
        "the bench photo should be 2-5 MB, is {} bytes",
        bytes.len()
    );
    bytes
}

fn stages(c: &mut Criterion) {
    let bytes = photo();
    let limits = Limits::default();
    let mut group = c.benchmark_group("12MP JPEG");
    group.sample_size(20);

    group.bench_function("process: crop + resize 512 + JPEG q85", |b| {
        let options = Options::default();
        b.iter(|| picture::process(black_box(&bytes), "bench.jpg", &options).unwrap())
    });
    group.bench_function("process with sizes 512,256,128,64", |b| {
        let options = Options {
            sizes: vec![512, 256, 128, 64],
            ..Options::default()
        };
        b.iter(|| picture::process(black_box(&bytes), "bench.jpg", &options).unwrap())
    });
    // A baseline photo's walk ends at its one scan (the decoder takes no second); a
    // progressive one's passes over all its entropy-coded data to count the scans.
    group.bench_function("container walk (limits before decoding)", |b| {
        b.iter(|| picture::container::jpeg(black_box(&bytes), "b", &limits).unwrap())
    });
    let progressive = fixtures::progressive_jpeg(&fixtures::photo_like(4032, 3024, 42));
    group.bench_function("container walk, progressive", |b| {
        b.iter(|| picture::container::jpeg(black_box(&progressive), "b", &limits).unwrap())
    });
    group.bench_function("decode at DCT scale for 512", |b| {
        b.iter(|| {
            decode::decode_still(
                black_box(&bytes),
                picture::InputFormat::Jpeg,
                "b",
                &limits,
                Some(512),
            )
            .unwrap()
        })
    });
    group.bench_function("decode at full size", |b| {
        b.iter(|| {
            decode::decode_still(
                black_box(&bytes),
                picture::InputFormat::Jpeg,
                "b",
                &limits,
                None,
            )
            .unwrap()
        })
    });

    let still =
        decode::decode_still(&bytes, picture::InputFormat::Jpeg, "b", &limits, Some(512)).unwrap();
    let g = normalize::geometry(still.image.width(), still.image.height(), 512, Crop::Center);
    group.bench_function("resize 1008x756 -> 512 (crop centre)", |b| {
        b.iter(|| normalize::resize(black_box(&still.image), &g).unwrap())
    });
    let small = normalize::resize(&still.image, &g).unwrap();
    group.bench_function("encode 512x512 JPEG q85", |b| {
        b.iter(|| encode::encode_still(black_box(&small), OutputFormat::Jpeg).unwrap())
    });
    group.finish();
}

fn presign(c: &mut Criterion) {
    use pfp::store::presign::Presigner;
    let settings = pfp::settings::Settings::resolve(
        &pfp::cli::GlobalArgs::default(),
        &|_: &str| None,
        &mut std::io::empty(),
    )
    .unwrap();
    let presigner = Presigner::new(
        &settings.endpoint.value,
        "demo",
        "minioadmin",
        &pfp::values::Secret::new("minioadmin"),
        "us-east-1",
    );
    let key = "users/6f1c2a1e-6bd4-4b43-9a0e-2f4a4b3c2d1e/d94bb5b9c72c2942b3a0ab1caa7e22e9902267c3c5693f54db5859c794a5237d.jpg";
    c.bench_function("presign one GET URL", |b| {
        b.iter(|| presigner.presign_get(black_box(key), std::time::Duration::from_secs(3600)))
    });
}

criterion_group!(benches, stages, presign);
criterion_main!(benches);
