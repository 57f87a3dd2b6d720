//! Photo intake throughput: full reports with a 3-megapixel JPEG each through the real
//! Open311 endpoint (multipart parsing, decoding, orientation, scaling, re-encoding, durable
//! writes, database transaction), beside the decode+resize+encode work alone, which bounds it.
//! Both run with as many parallel requests as the machine has cores.
//!
//! The photos are synthetic (gradients and noise, encoded at quality 90): real photos compress
//! similarly and decode at the same speed per pixel.
//!
//! `cargo bench -p kiezwerk-server --bench intake`

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use image::codecs::jpeg::JpegEncoder;
use kiezwerk::core::config::Settings;
use kiezwerk::photos::{process, PhotoLimits};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;
use tower::ServiceExt;

const PHOTOS: usize = 24;

fn synthetic_photo(seed: u32) -> Vec<u8> {
    let (w, h) = (2048u32, 1536u32);
    let mut state = seed.wrapping_mul(2654435761).max(1);
    let image = image::RgbImage::from_fn(w, h, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = (state % 24) as i32 - 12;
        let r = ((x * 255 / w) as i32 + noise).clamp(0, 255) as u8;
        let g = ((y * 255 / h) as i32 + noise).clamp(0, 255) as u8;
        let b = (((x + y + seed) % 256) as i32 + noise).clamp(0, 255) as u8;
        image::Rgb([r, g, b])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&image)
        .expect("encode");
    out
}

fn multipart(photo: &[u8]) -> (String, Vec<u8>) {
    let boundary = "kiezwerk-bench-boundary";
    let mut body = Vec::new();
    for (name, value) in [
        ("api_key", "demo-key"),
        ("jurisdiction_id", "berlin"),
        ("service_code", "pothole"),
        ("lat", "52.5413"),
        ("long", "13.4124"),
        ("description", "Schlagloch"),
    ] {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"media\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(photo);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    println!("generating {PHOTOS} synthetic 3-megapixel JPEGs …");
    let photos: Arc<Vec<Vec<u8>>> = Arc::new((0..PHOTOS as u32).map(synthetic_photo).collect());
    let mean_mb = photos.iter().map(Vec::len).sum::<usize>() as f64 / PHOTOS as f64 / 1e6;

    // The work alone.
    let limits = PhotoLimits::with_max_mb(15);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..workers {
        let photos = photos.clone();
        tasks.push(tokio::task::spawn_blocking(move || {
            for photo in photos.iter().skip(w).step_by(workers) {
                process(photo, &limits).expect("processed");
            }
        }));
    }
    for task in tasks {
        task.await?;
    }
    let pipeline = PHOTOS as f64 / started.elapsed().as_secs_f64();

    // Full intake through the router, on SQLite with durable writes.
    let dir = tempfile::tempdir()?;
    let vars: HashMap<String, String> = HashMap::from([
        ("KIEZWERK_DATA_DIR".into(), dir.path().display().to_string()),
        ("KIEZWERK_INTAKE_PER_MINUTE".into(), "100000".into()),
    ]);
    let settings = Settings::load_with(None, &|k| vars.get(k).cloned())?;
    let db = kiezwerk::core::db::Db::connect(settings.database_url.expose()).await?;
    kiezwerk::demo::install_if_empty(&db, kiezwerk::core::clock::Clock::system().now_ms()).await?;
    let router = kiezwerk::server::router(
        kiezwerk::server::AppState::new(settings, db, kiezwerk::core::clock::Clock::system())
            .await?,
    );
    let started = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..workers {
        let (photos, router) = (photos.clone(), router.clone());
        tasks.push(tokio::spawn(async move {
            for photo in photos.iter().skip(w).step_by(workers) {
                let (content_type, body) = multipart(photo);
                let request = Request::post("/open311/v2/requests.json")
                    .header(header::CONTENT_TYPE, content_type)
                    .body(Body::from(body))
                    .expect("request");
                let response = router.clone().oneshot(request).await.expect("response");
                assert_eq!(response.status(), StatusCode::CREATED);
            }
        }));
    }
    for task in tasks {
        task.await?;
    }
    let intake = PHOTOS as f64 / started.elapsed().as_secs_f64();

    println!(
        "photos: {PHOTOS} × 2048×1536 JPEG, {mean_mb:.2} MB on average, {workers} in parallel"
    );
    println!("decode+resize+encode only: {pipeline:.2} photos/s");
    println!("full intake (HTTP, processing, fsync, transaction): {intake:.2} reports/s");
    println!("intake / pipeline = {:.2}", intake / pipeline);
    Ok(())
}
