//! The tree register at a city's size. On SQLite and on PostgreSQL (when one answers at
//! `KIEZWERK_TEST_POSTGRES_URL`), into Berlin of the demo configuration:
//! - importing the demo's 5,000 real trees (checking the file, then writing it);
//! - importing a synthetic register of 100,000 trees (the sample's trees copied and moved by
//!   up to ~150 m, see `kiezwerk::trees::synthetic`), and the same file again (nothing changes);
//! - a synthetic register of 1,000,000 trees, then the nearest-trees query (the 30 nearest of
//!   200 places spread over the city, first page and fifth page) and the whole nearby list's
//!   data as the page gets it (the trees with their need, the pumps), and the search by street.
//!
//! Every figure on the synthetic registers is of synthetic data.
//!
//! `cargo bench -p kiezwerk-server --bench trees`

// Only its `on_both_databases`: this bench loads trees, not reports.
#[path = "support/million.rs"]
#[allow(dead_code)]
mod million;

use kiezwerk::core::clock::Clock;
use kiezwerk::core::config::Settings;
use kiezwerk::core::db::{Backend, Db};
use kiezwerk::core::geo::Coordinates;
use kiezwerk::server::AppState;
use kiezwerk::trees::register::{self, Imported};
use kiezwerk::trees::{demo::BERLIN_TREES, synthetic, views};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::trees::model::NearbyQuery;
use std::collections::HashMap;
use std::time::{Duration, Instant};

const PLACES: usize = 200;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// (median, 95th percentile) in milliseconds.
fn spread(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let at = |q: f64| ms(samples[((samples.len() - 1) as f64 * q).round() as usize]);
    (at(0.5), at(0.95))
}

/// Checks and imports `text` into Berlin; the times of both and what the import did.
async fn import(state: &AppState, text: &[u8]) -> anyhow::Result<(Duration, Duration, Imported)> {
    let berlin = state.tenants.registry.by_slug("berlin").expect("berlin");
    let started = Instant::now();
    let file =
        register::parse(text, berlin, 2026, Lang::En).map_err(|e| anyhow::anyhow!(e.join("; ")))?;
    let checked = started.elapsed();
    let started = Instant::now();
    let done = register::import(
        &state.core.db,
        Clock::system().now_ms(),
        berlin.id.0,
        &file,
        "bench",
        &mut |_, _| {},
    )
    .await?;
    Ok((checked, started.elapsed(), done))
}

fn synthetic(count: usize) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    synthetic::write(count, 7, &mut out)?;
    Ok(out)
}

/// What a database does on its own a while after a large import (PostgreSQL's autovacuum
/// also marks the pages all-visible, which lets the nearest-trees lookup read the index alone).
async fn analyze(db: &Db) -> anyhow::Result<()> {
    let statement = match db.backend {
        Backend::Postgres => "vacuum analyze trees",
        Backend::Sqlite => "analyze",
    };
    sqlx::query(statement).execute(&db.pool).await?;
    Ok(())
}

async fn run(name: &str, url: String, dir: &std::path::Path) -> anyhow::Result<()> {
    let vars: HashMap<String, String> = HashMap::from([
        ("KIEZWERK_DATA_DIR".into(), dir.display().to_string()),
        ("KIEZWERK_DATABASE_URL".into(), url.clone()),
    ]);
    let settings = Settings::load_with(None, &|k| vars.get(k).cloned())?;
    let db = Db::connect(&url).await?;
    kiezwerk::demo::install_if_empty(&db, Clock::system().now_ms()).await?;
    let state = AppState::new(settings, db.clone(), Clock::system()).await?;
    let berlin_id = state
        .tenants
        .registry
        .by_slug("berlin")
        .expect("berlin")
        .id
        .0;

    let (checked, written, done) = import(&state, BERLIN_TREES.as_bytes()).await?;
    println!(
        "{name}: the real sample, {} trees: checked in {:.0} ms, imported in {:.0} ms",
        done.added,
        ms(checked),
        ms(written)
    );

    let file = synthetic(100_000)?;
    let (checked, written, done) = import(&state, &file).await?;
    println!(
        "{name}: synthetic 100,000 trees ({:.1} MB): checked in {:.2} s, imported in {:.2} s \
         ({} added, {} of the sample retired)",
        file.len() as f64 / 1e6,
        checked.as_secs_f64(),
        written.as_secs_f64(),
        done.added,
        done.retired
    );
    let (checked, written, done) = import(&state, &file).await?;
    println!(
        "{name}: the same file again: checked in {:.2} s, compared in {:.2} s ({} unchanged, \
         changed: {})",
        checked.as_secs_f64(),
        written.as_secs_f64(),
        done.unchanged,
        done.changed()
    );

    let file = synthetic(1_000_000)?;
    let (checked, written, done) = import(&state, &file).await?;
    println!(
        "{name}: synthetic 1,000,000 trees ({:.0} MB): checked in {:.1} s, imported in {:.1} s \
         ({} added)",
        file.len() as f64 / 1e6,
        checked.as_secs_f64(),
        written.as_secs_f64(),
        done.added
    );
    analyze(&db).await?;

    // Places spread over the city: the sample's trees, every 25th, moved by ~40 m.
    let places: Vec<Coordinates> = {
        let mut reader = csv::Reader::from_reader(BERLIN_TREES.as_bytes());
        let headers = reader.headers()?.clone();
        let (lat, lng) = (
            headers.iter().position(|h| h == "lat").expect("lat"),
            headers.iter().position(|h| h == "lng").expect("lng"),
        );
        reader
            .records()
            .step_by(25)
            .take(PLACES)
            .filter_map(|r| {
                let r = r.ok()?;
                Coordinates::new(r[lat].parse::<f64>().ok()? + 0.0004, r[lng].parse().ok()?)
            })
            .collect()
    };
    for (label, skip) in [("first page", 0), ("fifth page", 120)] {
        let mut times = Vec::new();
        let mut found = 0;
        for place in &places {
            let started = Instant::now();
            let (ids, _) = views::nearest(&db, berlin_id, *place, skip, views::LIST_LIMIT).await?;
            times.push(started.elapsed());
            found += ids.len();
        }
        let (median, p95) = spread(times);
        println!(
            "{name}: nearest 30 trees ({label}) among 1,000,000: {median:.2} ms median, \
             {p95:.2} ms 95th percentile ({} places, {:.1} trees found on average)",
            places.len(),
            found as f64 / places.len() as f64
        );
    }
    let trees = state.trees();
    let berlin = trees.municipality("berlin").expect("berlin");
    let mut times = Vec::new();
    for place in &places {
        let query = NearbyQuery {
            lat: place.lat().to_string(),
            lon: place.lon().to_string(),
            ..NearbyQuery::default()
        };
        let started = Instant::now();
        views::nearby(&trees, None, berlin, query, Lang::De).await?;
        times.push(started.elapsed());
    }
    let (median, p95) = spread(times);
    println!(
        "{name}: the nearby list's data (30 trees with their need, the pumps) among 1,000,000: \
         {median:.2} ms median, {p95:.2} ms 95th percentile"
    );
    // By street: the beginning of a name, in all districts and in one.
    for (district, street) in [
        ("", "Schönholzer"),
        ("", "Kastanien"),
        ("Pankow", "Berliner"),
    ] {
        let query = NearbyQuery {
            district: district.to_owned(),
            street: street.to_owned(),
            ..NearbyQuery::default()
        };
        let mut times = Vec::new();
        for _ in 0..20 {
            let started = Instant::now();
            views::nearby(&trees, None, berlin, query.clone(), Lang::De).await?;
            times.push(started.elapsed());
        }
        let (median, p95) = spread(times);
        println!(
            "{name}: by street \"{street}\"{} among 1,000,000: {median:.1} ms median, \
             {p95:.1} ms 95th percentile",
            if district.is_empty() {
                String::new()
            } else {
                format!(" in {district}")
            }
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    million::on_both_databases("trees", |name, url, dir| async move {
        run(name, url, &dir).await
    })
    .await
}
