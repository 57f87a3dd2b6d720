//! Moving a city from "Gieß den Kiez": its watering export read and matched to the register's
//! trees. On SQLite and on PostgreSQL (when one answers at `KIEZWERK_TEST_POSTGRES_URL`): the
//! demo's 5,000 real Berlin trees, and a GdK-format file of 100,000 waterings made from those
//! with a species — about 26 per tree, as GdK lists every watering of a tree with the tree's id
//! and place: each tree with its own id at its place moved by up to 1 m each way, the
//! register's German species and genus, both of GdK's time forms, and every 40th row of a
//! species no tree has (unmatched). Prints the rows per second of reading and matching, the
//! share matched, the unmatched and ambiguous rows (trees of one species about as near), and a
//! second import of the same file (nothing added).
//!
//! The file is synthetic (made from real trees); every figure says so.
//!
//! `cargo bench -p kiezwerk-server --bench gdk`

#[path = "support/million.rs"]
#[allow(dead_code)]
mod million;

use kiezwerk::core::clock::Clock;
use kiezwerk::core::db::Db;
use kiezwerk::trees::gdk;
use kiezwerk_app::i18n::Lang;
use std::fmt::Write;
use std::time::Instant;

const ROWS: usize = 100_000;
const UNMATCHED_EVERY: usize = 40;

/// A tree as the file is made from it: place, German species, German genus, district, street,
/// planting year.
type Tree = (f64, f64, String, String, String, String, Option<i64>);

/// A GdK export of [`ROWS`] waterings of `trees`.
fn export(trees: &[Tree]) -> String {
    let mut out = String::from(
        "id;lng;lat;bezirk;baumart;gattung;strname;pflanzjahr;zeitpunkt_der_bewaesserung;bewaesserungsmenge_in_liter\n",
    );
    let mut seed: u64 = 7;
    let mut random = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    // GdK's tree: its own id, the register's place moved by up to 1 m in each direction.
    let places: Vec<(f64, f64)> = trees
        .iter()
        .map(|(lat, lon, ..)| {
            let lat = lat + (random() - 0.5) * 2.0 / 111_320.0;
            (
                lat,
                lon + (random() - 0.5) * 2.0 / (111_320.0 * lat.to_radians().cos()),
            )
        })
        .collect();
    let start = jiff::Timestamp::from_second(1_620_000_000).expect("time");
    for i in 0..ROWS {
        let tree = i % trees.len();
        let (_, _, species, genus, district, street, planted) = &trees[tree];
        let (lat, lon) = places[tree];
        let (species, genus) = if i % UNMATCHED_EVERY == 0 {
            ("Mammutbaum", "SEQUOIADENDRON")
        } else {
            (species.as_str(), genus.as_str())
        };
        let at = start + jiff::SignedDuration::from_secs(i as i64 * 600);
        let time = if i % 2 == 0 {
            format!("{}.437255+00", at.strftime("%Y-%m-%d %H:%M:%S"))
        } else {
            format!("{}.000Z", at.strftime("%Y-%m-%dT%H:%M:%S"))
        };
        let planted = planted.map_or("undefined".to_owned(), |y| y.to_string());
        let _ = writeln!(
            out,
            "_gdk{tree};{lon};{lat};{district};{species};{};{street};{planted};{time};{}",
            genus.to_uppercase(),
            10 + (i % 10) * 10
        );
    }
    out
}

async fn run(name: &str, url: String) -> anyhow::Result<()> {
    let db = Db::connect(&url).await?;
    let now = Clock::system().now_ms();
    kiezwerk::demo::install_if_empty(&db, now).await?;
    kiezwerk::demo::install_trees_if_empty(&db, now).await?;
    let berlin: i64 = sqlx::query_scalar("select id from municipalities where slug = 'berlin'")
        .fetch_one(&db.pool)
        .await?;
    let trees: Vec<Tree> = sqlx::query_as(
        "select lat, lon, species_de, genus_de, district, street, planting_year from trees \
         where municipality_id = $1 and species_de <> '' order by id",
    )
    .bind(berlin)
    .fetch_all(&db.pool)
    .await?;
    let file = export(&trees);
    let started = Instant::now();
    let rows = gdk::parse(file.as_bytes(), Lang::En).map_err(|e| anyhow::anyhow!(e.join("; ")))?;
    let read = started.elapsed();
    let started = Instant::now();
    let done = gdk::import(&db, now, berlin, &rows, &mut |_, _| {}).await?;
    let matched = started.elapsed();
    let total = read + matched;
    println!(
        "{name}: synthetic GdK export of {} waterings ({:.1} MB) from the {} real trees: read in \
         {:.2} s, matched and written in {:.2} s — {:.0} rows/s; {} added ({:.1} %), {} unmatched \
         (of {} rows of a species no tree has), {} ambiguous",
        rows.len(),
        file.len() as f64 / 1e6,
        trees.len(),
        read.as_secs_f64(),
        matched.as_secs_f64(),
        rows.len() as f64 / total.as_secs_f64(),
        done.added,
        done.added as f64 / rows.len() as f64 * 100.0,
        done.unmatched.len(),
        ROWS.div_ceil(UNMATCHED_EVERY),
        done.ambiguous.len(),
    );
    let started = Instant::now();
    let again = gdk::import(&db, now, berlin, &rows, &mut |_, _| {}).await?;
    println!(
        "{name}: the same file again: {:.2} s, {} added, {} known",
        started.elapsed().as_secs_f64(),
        again.added,
        again.known
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    million::on_both_databases("gdk", |name, url, _dir| async move { run(name, url).await }).await
}
