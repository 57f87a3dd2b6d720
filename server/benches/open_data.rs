//! The open-data export at scale: 1,000,000 reports of Berlin streamed as GeoJSON and as CSV
//! through the same function the download uses. Prints, per database and format, the time, the
//! bytes written and the process's peak resident memory during the export (the kernel's
//! high-water mark, reset before each export), next to the resident memory before it: the
//! export must not grow with the number of reports.
//!
//! `cargo bench -p kiezwerk-server --bench open_data` (loading takes a minute or two per
//! database; synthetic reports, see `support/million.rs`)

#[path = "support/million.rs"]
mod million;

use futures_util::StreamExt;
use kiezwerk::core::clock::Clock;
use kiezwerk::core::db::Db;
use kiezwerk::open311::open_data::export::{self, Kind};
use kiezwerk::tenants::Registry;
use std::sync::Arc;
use std::time::Instant;

const REPORTS: i64 = 1_000_000;

/// A field of `/proc/self/status` in MiB (`VmRSS`, `VmHWM`).
fn memory_mib(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Resets the peak-memory mark to the current resident size (Linux 4.0 and later).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

async fn run(name: &str, url: String) -> anyhow::Result<()> {
    let db = Db::connect(&url).await?;
    kiezwerk::demo::install_if_empty(&db, Clock::system().now_ms()).await?;
    let started = Instant::now();
    million::load(&db, REPORTS, 10).await?;
    println!(
        "{name}: {REPORTS} synthetic reports loaded in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    let registry = Arc::new(Registry::load(&db).await?);
    let berlin = registry.by_slug("berlin").expect("berlin").id;
    for kind in Kind::ALL {
        let before = memory_mib("VmRSS");
        reset_peak();
        let started = Instant::now();
        let mut body =
            export::reports(db.clone(), registry.clone(), berlin, kind).into_data_stream();
        let (mut bytes, mut chunks) = (0usize, 0usize);
        while let Some(chunk) = body.next().await {
            bytes += chunk?.len();
            chunks += 1;
        }
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{name}, {}: {REPORTS} reports in {seconds:.1} s ({:.0} reports/s), {:.0} MiB in {chunks} chunks | resident before {before:.0} MiB, peak during export {:.0} MiB",
            kind.file(),
            REPORTS as f64 / seconds,
            bytes as f64 / 1024.0 / 1024.0,
            memory_mib("VmHWM"),
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    million::on_both_databases("open_data", |name, url, _dir| async move {
        run(name, url).await
    })
    .await
}
