//! Routing decisions with the real Berlin and Potsdam polygons: the spatial index against a
//! naive scan that tests every polygon edge by edge.
//!
//! `cargo bench -p kiezwerk-server --bench routing`

#[path = "support/points.rs"]
mod points;

use criterion::{criterion_group, criterion_main, Criterion};
use kiezwerk::core::geo::Coordinates;
use kiezwerk::routing::{route, route_naive};
use kiezwerk::tenants::Registry;
use std::hint::black_box;
use std::time::Instant;

fn registry() -> Registry {
    tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(kiezwerk::tenants::demo::registry_in_temporary_database())
        .expect("demo registry")
}

fn per_decision(registry: &Registry, points: &[Coordinates], naive: bool) -> f64 {
    let started = Instant::now();
    for point in points {
        let decision = if naive {
            route_naive(registry, "illegal-dumping", *point)
        } else {
            route(registry, "illegal-dumping", *point)
        };
        black_box(decision.ok());
    }
    started.elapsed().as_secs_f64() / points.len() as f64
}

fn bench(c: &mut Criterion) {
    let registry = registry();
    // Berlin, Potsdam and the land between: about 95% inside a municipality.
    let points = points::in_box(10_000, 52.36, 52.68, 13.02, 13.74);
    let mut group = c.benchmark_group("routing");
    for (name, naive) in [("indexed", false), ("naive", true)] {
        group.bench_function(name, |b| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % points.len();
                let decision = if naive {
                    route_naive(&registry, "illegal-dumping", points[i])
                } else {
                    route(&registry, "illegal-dumping", points[i])
                };
                black_box(decision.ok())
            })
        });
    }
    group.finish();

    let indexed = per_decision(&registry, &points, false);
    let naive = per_decision(&registry, &points, true);
    println!(
        "\nrouting over {} points: indexed {:.2} µs/decision, naive scan {:.2} µs/decision, {:.0}× faster",
        points.len(),
        indexed * 1e6,
        naive * 1e6,
        naive / indexed
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
