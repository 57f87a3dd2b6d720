//! Deterministic random points in a box, the same on every run, for the routing benchmarks.

use kiezwerk::core::geo::Coordinates;

/// `n` points spread evenly over latitudes `south..north` and longitudes `west..east`.
pub fn in_box(n: usize, south: f64, north: f64, west: f64, east: f64) -> Vec<Coordinates> {
    let mut seed = 2026u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .filter_map(|_| {
            Coordinates::new(
                south + next() * (north - south),
                west + next() * (east - west),
            )
        })
        .collect()
}
