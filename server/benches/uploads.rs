//! What checking an uploaded configuration costs, at the limits the upload allows: the largest
//! file (300 areas of 1,600 points each, every check including the areas' overlaps and gaps),
//! a file beyond the counts (refused before any polygon is compared), and the boundary checks
//! against the neighbours (the demo's Berlin and Potsdam, and a rectangle over all of Berlin
//! as Potsdam's boundary). Each is the median of five runs; they run off the server's
//! executor.
//!
//! `cargo bench -p kiezwerk-server --bench uploads`

use kiezwerk::tenants::boundaries::{self, Authority};
use kiezwerk::tenants::config::{AreaConfig, DepartmentConfig, MunicipalityConfig, LIMITS};
use kiezwerk::tenants::{Municipality, Registry};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::MunicipalityId;
use serde_json::json;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn median(mut run: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn demo(slug: &str) -> MunicipalityConfig {
    MunicipalityConfig::from_json(match slug {
        "berlin" => include_str!("../demo/berlin.json"),
        _ => include_str!("../demo/potsdam.json"),
    })
    .expect("demo configuration")
}

fn polygon(ring: Vec<[f64; 2]>) -> geojson::Geometry {
    serde_json::from_value(json!({ "type": "Polygon", "coordinates": [ring] })).expect("geometry")
}

/// A municipality of 20 × 15 squares of 0.02 degrees, each an area whose sides carry
/// `points_per_side` points: the most areas and nearly the most points the limits allow.
fn largest_file(points_per_side: usize) -> String {
    let mut config = demo("potsdam");
    let (west, south, side, columns, rows) = (13.1, 52.35, 0.02, 20, 15);
    let (east, north) = (west + columns as f64 * side, south + rows as f64 * side);
    config.boundary = polygon(vec![
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
    ]);
    let n = points_per_side as f64;
    for column in 0..columns {
        for row in 0..rows {
            let (x, y) = (west + column as f64 * side, south + row as f64 * side);
            let mut ring = Vec::with_capacity(4 * points_per_side + 1);
            for k in 0..points_per_side {
                let t = side * k as f64 / n;
                ring.push([x + t, y]);
            }
            for k in 0..points_per_side {
                let t = side * k as f64 / n;
                ring.push([x + side, y + t]);
            }
            for k in 0..points_per_side {
                let t = side * k as f64 / n;
                ring.push([x + side - t, y + side]);
            }
            for k in 0..points_per_side {
                let t = side * k as f64 / n;
                ring.push([x, y + side - t]);
            }
            ring.push([x, y]);
            config.areas.push(AreaConfig {
                code: format!("gebiet-{column}-{row}"),
                name: format!("Gebiet {column}/{row}"),
                kind: "raster".into(),
                geometry: polygon(ring),
            });
        }
    }
    serde_json::to_string(&config).expect("json")
}

fn main() {
    let largest = largest_file(400);
    let config = MunicipalityConfig::parse(&largest, Lang::De).expect("the largest file is valid");
    let points = 300 * 1_601 + 5;
    assert!(points <= LIMITS.points);
    let time = median(|| {
        MunicipalityConfig::parse(&largest, Lang::De).expect("valid");
    });
    println!(
        "largest file allowed ({} areas, {points} points, {:.1} MB): read and checked in {time:.2?}",
        config.areas.len(),
        largest.len() as f64 / 1e6
    );

    let mut many = demo("berlin");
    let template = many.departments[0].clone();
    many.departments = (0..LIMITS.departments + 100)
        .map(|i| DepartmentConfig {
            code: format!("abteilung-{i}"),
            ..template.clone()
        })
        .collect();
    let many = serde_json::to_string(&many).expect("json");
    let time = median(|| {
        MunicipalityConfig::parse(&many, Lang::De).expect_err("too many");
    });
    println!(
        "a file beyond the counts ({} departments): refused in {time:.2?}",
        LIMITS.departments + 100
    );

    let berlin = Municipality::from_config(MunicipalityId(1), &demo("berlin")).expect("berlin");
    let potsdam = Municipality::from_config(MunicipalityId(2), &demo("potsdam")).expect("potsdam");
    let registry = Registry::new(vec![berlin, potsdam], 1);
    let time = median(|| {
        let found = boundaries::problems(
            &registry,
            &demo("potsdam"),
            None,
            Authority::Platform,
            Lang::De,
        );
        assert!(found.is_empty());
    });
    println!("Potsdam's boundary against Berlin's (the demo's, sharing their border): passes in {time:.2?}");
    let mut over = demo("potsdam");
    over.boundary = polygon(vec![
        [12.85, 52.33],
        [13.77, 52.33],
        [13.77, 52.68],
        [12.85, 52.68],
        [12.85, 52.33],
    ]);
    let mut message = String::new();
    let time = median(|| {
        let found = boundaries::problems(&registry, &over, None, Authority::Platform, Lang::En);
        message = found.into_iter().next().expect("refused");
    });
    println!("a rectangle over Berlin as Potsdam's boundary: refused in {time:.2?}: {message}");
}
