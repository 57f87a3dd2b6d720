//! Publishing a configuration in the browser, at the size of a city that has cut itself into
//! many areas: Berlin's demo configuration with its districts replaced by a grid of 100-odd
//! areas (squares clipped to the boundary, so they cover it without gaps or overlaps) and 50
//! routing rules, with 300,000 reports of which the last 90 days' 259,200 are previewed.
//! Prints, on SQLite and on PostgreSQL (when one answers at `KIEZWERK_TEST_POSTGRES_URL`):
//! - checking the file (every validation, the areas' overlaps and gaps included);
//! - the draft page's data (its changes, and where the last 90 days' reports would go);
//! - publishing (check, write and record in one transaction);
//! - the delay until a second server, polling as `kiezwerk serve` does, routes with it (each
//!   publication at a random moment of its polling interval), and what reading the whole
//!   configuration again costs.
//!
//! `cargo bench -p kiezwerk-server --bench publishing`

#[path = "support/million.rs"]
mod million;

use geo::{BooleanOps, BoundingRect, MultiPolygon, Rect};
use kiezwerk::core::clock::Clock;
use kiezwerk::core::config::Settings;
use kiezwerk::core::db::Db;
use kiezwerk::routing::setup::SetupPort;
use kiezwerk::server::{AppState, Live, RELOAD_EVERY};
use kiezwerk::tenants::boundaries::Authority;
use kiezwerk::tenants::config::{AreaConfig, MunicipalityConfig, RuleConfig};
use kiezwerk::tenants::publishing;
use kiezwerk_app::admin::port::Setup as _;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{AccountId, Flash, Grant, Role, Viewer};
use std::collections::HashMap;
use std::time::{Duration, Instant};

const REPORTS: i64 = 300_000;
const RULES: usize = 50;
const ROUNDS: usize = 10;

/// Berlin cut into the squares of an n × n grid over its box, clipped to the boundary; the
/// smallest n that gives at least 100 areas.
fn grid_config() -> anyhow::Result<MunicipalityConfig> {
    let mut config = MunicipalityConfig::from_json(include_str!("../demo/berlin.json"))?;
    let boundary: MultiPolygon<f64> = kiezwerk::core::geo::polygon::parse_area(&config.boundary)
        .map_err(|e| anyhow::anyhow!(e))?;
    let bounds = boundary.bounding_rect().expect("a box");
    let mut areas = Vec::new();
    for n in 10.. {
        areas.clear();
        let (w, h) = (bounds.width() / n as f64, bounds.height() / n as f64);
        for row in 0..n {
            for column in 0..n {
                let min = geo::coord! { x: bounds.min().x + column as f64 * w, y: bounds.min().y + row as f64 * h };
                let cell = Rect::new(min, geo::coord! { x: min.x + w, y: min.y + h }).to_polygon();
                let piece = boundary.intersection(&MultiPolygon::new(vec![cell]));
                if !piece.0.is_empty() {
                    areas.push(piece);
                }
            }
        }
        if areas.len() >= 100 {
            break;
        }
    }
    config.areas = areas
        .into_iter()
        .enumerate()
        .map(|(i, shape)| AreaConfig {
            code: format!("feld-{i}"),
            name: format!("Feld {i}"),
            kind: "planquadrat".into(),
            geometry: geojson::Geometry::new(geojson::GeometryValue::from(&shape)),
        })
        .collect();
    let categories: Vec<String> = config
        .groups
        .iter()
        .flat_map(|g| g.categories.iter().map(|c| c.code.clone()))
        .collect();
    let departments: Vec<String> = config.departments.iter().map(|d| d.code.clone()).collect();
    config.rules = (0..RULES - 1)
        .map(|i| RuleConfig {
            category: Some(categories[i % categories.len()].clone()),
            group: None,
            area: Some(config.areas[(i * 7) % config.areas.len()].code.clone()),
            department: departments[i % departments.len()].clone(),
            priority: 0,
        })
        .chain(std::iter::once(RuleConfig {
            category: None,
            group: None,
            area: None,
            department: "buergerservice".into(),
            priority: 0,
        }))
        .collect();
    Ok(config)
}

fn median_ms(samples: &mut [Duration]) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1000.0
}

fn max_ms(samples: &[Duration]) -> f64 {
    samples
        .iter()
        .max()
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

async fn run(name: &str, url: String, dir: &std::path::Path) -> anyhow::Result<()> {
    let vars: HashMap<String, String> = HashMap::from([
        ("KIEZWERK_DATA_DIR".into(), dir.display().to_string()),
        ("KIEZWERK_DATABASE_URL".into(), url.clone()),
    ]);
    let settings = Settings::load_with(None, &|k| vars.get(k).cloned())?;
    let db = Db::connect(&url).await?;
    kiezwerk::demo::install_if_empty(&db, Clock::system().now_ms()).await?;
    million::load(&db, REPORTS, 10).await?;
    let state = AppState::new(settings.clone(), db.clone(), Clock::system()).await?;
    let berlin = state.tenants.registry.by_slug("berlin").expect("berlin");
    let berlin_id = berlin.id;

    // A second server, polling for new versions as `kiezwerk serve` does.
    let other =
        Live::new(AppState::new(settings, Db::connect(&url).await?, Clock::system()).await?);
    let poller = {
        let other = other.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(RELOAD_EVERY);
            loop {
                tick.tick().await;
                let _ = other.reload_if_changed().await;
            }
        })
    };

    let grid = grid_config()?;
    let mut variants = [grid.clone(), grid.clone()];
    variants[1].rules[0].priority = 1;
    println!(
        "{name}: {} areas, {} rules, {REPORTS} reports",
        grid.areas.len(),
        grid.rules.len()
    );
    let viewer = Viewer {
        account_id: AccountId(1),
        name: "Bench".into(),
        grants: vec![Grant {
            role: Role::PlatformAdmin,
            municipality_id: None,
            municipality_slug: None,
            municipality_name: None,
            department_id: None,
            department_name: None,
        }],
    };
    sqlx::query("insert into accounts (id, user_handle, display_name, created_at, updated_at) values (1, 'bench', 'Bench', 0, 0)")
        .execute(&db.pool)
        .await?;

    // The draft page of the first server, whose configuration stays the demo's districts.
    let port = SetupPort(state.setup());
    let (mut check, mut draft, mut publish, mut delay) = (vec![], vec![], vec![], vec![]);
    let mut previewed = 0;
    for round in 0..ROUNDS {
        let config = &variants[round % 2];
        let started = Instant::now();
        config
            .check(Lang::De)
            .map_err(|p| anyhow::anyhow!(p.join("; ")))?;
        check.push(started.elapsed());

        let what = publishing::change("Benchmark".into(), "Benchmark".into());
        let edit = publishing::Edit {
            account_id: 1,
            now: Clock::system().now_ms(),
            what: &what,
        };
        publishing::save_draft(&db, berlin_id, edit, config, None).await?;
        let started = Instant::now();
        let view = port
            .draft(&viewer, "berlin", Flash::default(), Lang::De)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .and_then(|v| v.draft)
            .expect("a draft");
        draft.push(started.elapsed());
        previewed = view.reroute.reports;

        // Publications land at any moment of the second server's polling interval.
        tokio::time::sleep(Duration::from_millis(rand::random::<u64>() % 2000)).await;
        let version = other.state().tenants.registry.version;
        let started = Instant::now();
        publishing::publish_draft(
            &db,
            state.tenants.registry.clone(),
            berlin_id,
            1,
            Authority::Municipality,
            Clock::system().now_ms(),
            Lang::De,
        )
        .await?
        .map_err(|r| anyhow::anyhow!("{r:?}"))?;
        publish.push(started.elapsed());
        let published = Instant::now();
        while other.state().tenants.registry.version == version {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        delay.push(published.elapsed());
    }
    poller.abort();
    let mut reload = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        kiezwerk::tenants::Tenants::load(&db).await?;
        reload.push(started.elapsed());
    }
    println!(
        "{name}: check the file {:.0} ms · draft page with {previewed} reports previewed {:.0} ms · \
         publish {:.0} ms (median of {ROUNDS}; slowest {:.0} ms)",
        median_ms(&mut check),
        median_ms(&mut draft),
        median_ms(&mut publish.clone()),
        max_ms(&publish),
    );
    println!(
        "{name}: a second server routes with it after {:.0} ms (median), {:.0} ms at most \
         (polling every {} s, then reading the whole configuration again: {:.0} ms)",
        median_ms(&mut delay.clone()),
        max_ms(&delay),
        RELOAD_EVERY.as_secs(),
        median_ms(&mut reload),
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    million::on_both_databases("publishing", |name, url, dir| async move {
        run(name, url, &dir).await
    })
    .await
}
