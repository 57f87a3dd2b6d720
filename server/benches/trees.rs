//! The tree register at a city's size. On SQLite and on PostgreSQL (when one answers at
//! `KIEZWERK_TEST_POSTGRES_URL`), into Berlin of the demo configuration:
//! - importing the demo's 5,000 real trees (checking the file, then writing it);
//! - importing a synthetic register of 100,000 trees (the sample's trees copied and moved by
//!   up to ~150 m, see `kiezwerk::trees::synthetic`), and the same file again (nothing changes);
//! - a synthetic register of 1,000,000 trees, then the nearest-trees query (the 30 nearest of
//!   200 places spread over the city, first page and fifth page) and the whole nearby list's
//!   data as the page gets it (the trees with their need, the pumps), and the search by street;
//! - the map's tiles, zoom 10 to 16: every tile that holds a tree of the real sample, and the
//!   tiles of the 200 places among the million; the largest tile's bytes (raw and gzip, as
//!   served) and the time to make a tile;
//! - the overlay of adopted and watered trees per zoom-15 tile, made anew and revalidated, and
//!   a watering's way to the overlay that shows it.
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
use kiezwerk::core::geo::tiles::TileId;
use kiezwerk::core::geo::Coordinates;
use kiezwerk::server::AppState;
use kiezwerk::trees::register::{self, Imported};
use kiezwerk::trees::{demo::BERLIN_TREES, live, synthetic, tiles, views};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::trees::model::NearbyQuery;
use std::collections::{BTreeSet, HashMap};
use std::io::Write;
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

fn gzipped(bytes: &[u8]) -> anyhow::Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

/// Makes the tiles of zoom 10 to 16 that hold `places` and prints, per zoom, their number,
/// the largest tile's bytes (raw and gzip) and the time to make one.
async fn tile_figures(
    name: &str,
    label: &str,
    db: &Db,
    municipality_id: i64,
    places: &[Coordinates],
) -> anyhow::Result<()> {
    let now = jiff::Timestamp::now().as_millisecond();
    let versions = live::versions(db, municipality_id, now)
        .await?
        .expect("a register");
    for z in 10..=16u8 {
        let wanted: BTreeSet<(u32, u32)> = places
            .iter()
            .map(|p| TileId::containing(p.lat(), p.lon(), z).expect("a tile"))
            .map(|t| (t.x, t.y))
            .collect();
        let (mut largest, mut largest_gz, mut total_gz, mut times) = (0, 0, 0, Vec::new());
        for &(x, y) in &wanted {
            let tile = TileId::new(z, x, y).expect("tile");
            let started = Instant::now();
            let bytes = tiles::tile(db, municipality_id, versions, tile, now).await?;
            times.push(started.elapsed());
            let gz = gzipped(&bytes)?;
            largest = largest.max(bytes.len());
            largest_gz = largest_gz.max(gz);
            total_gz += gz;
        }
        let (median, p95) = spread(times);
        println!(
            "{name}: tiles of {label}, z{z}: {} tiles, largest {largest} B ({largest_gz} B gzip),              {:.0} B gzip on average; made in {median:.2} ms median, {p95:.2} ms 95th percentile",
            wanted.len(),
            total_gz as f64 / wanted.len() as f64
        );
    }
    Ok(())
}

/// The positions of the real sample's trees.
fn sample_positions() -> anyhow::Result<Vec<Coordinates>> {
    let mut reader = csv::Reader::from_reader(BERLIN_TREES.as_bytes());
    let headers = reader.headers()?.clone();
    let (lat, lng) = (
        headers.iter().position(|h| h == "lat").expect("lat"),
        headers.iter().position(|h| h == "lng").expect("lng"),
    );
    Ok(reader
        .records()
        .filter_map(|r| {
            let r = r.ok()?;
            Coordinates::new(r[lat].parse().ok()?, r[lng].parse().ok()?)
        })
        .collect())
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
    let sample = sample_positions()?;
    tile_figures(name, "the real sample", &db, berlin_id, &sample).await?;

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
    let places: Vec<Coordinates> = sample
        .iter()
        .step_by(25)
        .take(PLACES)
        .filter_map(|p| Coordinates::new(p.lat() + 0.0004, p.lon()))
        .collect();
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
    tile_figures(
        name,
        "200 places among 1,000,000 (synthetic)",
        &db,
        berlin_id,
        &places,
    )
    .await?;
    overlay_figures(name, &state, berlin_id, &places).await?;
    Ok(())
}

/// Every 50th tree adopted and every 200th watered this week (20,000 and 5,000 of the
/// million, more than "Gieß den Kiez" counts in all of Berlin), then the overlay of the zoom-15
/// tile of each place: made anew (after a change) and revalidated (nothing changed, the 304's
/// one read), and a watering's way through the care code to the overlay that shows it.
async fn overlay_figures(
    name: &str,
    state: &AppState,
    municipality_id: i64,
    places: &[Coordinates],
) -> anyhow::Result<()> {
    let db = &state.core.db;
    let now = state.core.clock.now_ms();
    let account: i64 = sqlx::query_scalar(
        "insert into accounts (user_handle, display_name, created_at, updated_at) \
         values ('bench-trees', 'Bench', $1, $1) returning id",
    )
    .bind(now)
    .fetch_one(&db.pool)
    .await?;
    sqlx::query(
        "insert into tree_adoptions (tree_id, account_id, adopted_at) \
         select id, $1, $2 from trees where municipality_id = $3 and id % 50 = 0",
    )
    .bind(account)
    .bind(now)
    .bind(municipality_id)
    .execute(&db.pool)
    .await?;
    sqlx::query(
        "insert into tree_waterings (tree_id, account_id, litres, watered_at, recorded_at) \
         select id, $1, 40, $2, $2 from trees where municipality_id = $3 and id % 200 = 0",
    )
    .bind(account)
    .bind(now - 3_600_000)
    .bind(municipality_id)
    .execute(&db.pool)
    .await?;
    analyze(db).await?;
    let tiles: BTreeSet<(u32, u32)> = places
        .iter()
        .map(|p| TileId::containing(p.lat(), p.lon(), live::ZOOM).expect("a tile"))
        .map(|t| (t.x, t.y))
        .collect();
    let (mut made, mut revalidated, mut cared, mut largest) = (Vec::new(), Vec::new(), 0, 0);
    for &(x, y) in &tiles {
        let tile = TileId::new(live::ZOOM, x, y).expect("tile");
        let started = Instant::now();
        let versions = live::versions(db, municipality_id, now)
            .await?
            .expect("a register");
        let overlay = live::overlay(db, municipality_id, versions, tile, now).await?;
        made.push(started.elapsed());
        cared += overlay.trees.len();
        largest = largest.max(serde_json::to_vec(&overlay)?.len());
        let started = Instant::now();
        live::versions(db, municipality_id, now).await?;
        revalidated.push(started.elapsed());
    }
    let (median, p95) = spread(made);
    println!(
        "{name}: overlays of {} zoom-15 tiles among 1,000,000 (synthetic, every 50th tree \
         adopted, every 200th watered): made in {median:.2} ms median, {p95:.2} ms 95th \
         percentile, {:.0} trees and at most {largest} B of JSON each",
        tiles.len(),
        cared as f64 / tiles.len() as f64
    );
    let (median, p95) = spread(revalidated);
    println!(
        "{name}: an overlay revalidated unchanged (the 304's read of the versions): \
         {median:.3} ms median, {p95:.3} ms 95th percentile"
    );
    // A watering through the care code, until the overlay of its tile shows it (the map's
    // poll adds at most its two seconds).
    let trees = state.trees();
    let mut delays = Vec::new();
    for place in places.iter().take(50) {
        let (ids, _) = views::nearest(db, municipality_id, *place, 0, 1).await?;
        let Some(&(tree, _)) = ids.first() else {
            continue;
        };
        let (lat, lon): (f64, f64) = sqlx::query_as("select lat, lon from trees where id = $1")
            .bind(tree)
            .fetch_one(&db.pool)
            .await?;
        let tile = TileId::containing(lat, lon, live::ZOOM).expect("tile");
        let started = Instant::now();
        kiezwerk::trees::care::water(
            &trees.core.db,
            now,
            municipality_id,
            tree,
            kiezwerk_app::model::AccountId(account),
            ("30", ""),
            Lang::De,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let versions = live::versions(db, municipality_id, now)
            .await?
            .expect("a register");
        let overlay = live::overlay(db, municipality_id, versions, tile, now).await?;
        delays.push(started.elapsed());
        assert!(overlay.trees.iter().any(|c| c.id == tree && c.watered));
    }
    let waterings = delays.len();
    let (median, p95) = spread(delays);
    println!(
        "{name}: a watering logged and its tile's overlay made anew, showing it: {median:.2} ms \
         median, {p95:.2} ms 95th percentile ({waterings} waterings; on the map within the next poll, \
         every 2 s)"
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    million::on_both_databases("trees", |name, url, dir| async move {
        run(name, url, &dir).await
    })
    .await
}
