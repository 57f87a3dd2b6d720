//! The `kiezwerk` command line: serve, and the administration commands.

use crate::auth::admin::{create_invitation, NewInvitation};
use crate::core::clock::Clock;
use crate::core::config::{LogFormat, Settings};
use crate::core::db::{Backend, Db};
use crate::open311::keys;
use crate::ops::backup;
use crate::server::AppState;
use crate::tenants::config::{import, MunicipalityConfig};
use crate::{demo, jobs};
use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use std::future::IntoFuture;
use std::net::SocketAddr;
use std::path::PathBuf;
use tokio::sync::watch;

#[derive(Debug, Parser)]
#[command(
    name = "kiezwerk",
    version,
    about = "Kiezwerk: citizens' reports, routed to the responsible department"
)]
pub struct Cli {
    /// Configuration file (TOML); every setting can also be given as a KIEZWERK_* variable.
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start the web server (and its background jobs).
    Serve {
        /// Load the Berlin/Potsdam demo configuration and the API key `demo-key` into an empty
        /// database (same as KIEZWERK_DEMO=true).
        #[arg(long)]
        demo: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Open311 API keys.
    Apikey {
        #[command(subcommand)]
        command: ApikeyCommand,
    },
    /// Municipalities and their configuration.
    Tenant {
        #[command(subcommand)]
        command: TenantCommand,
    },
    /// Street trees: the municipality's tree register.
    Trees {
        #[command(subcommand)]
        command: TreesCommand,
    },
    /// Administrators and staff.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Back up the database (SQLite, while serving) and the photos into DIR; again into the
    /// same DIR copies only new photos.
    Backup {
        dir: PathBuf,
        /// Only the photos (PostgreSQL: after `pg_dump`, see the README).
        #[arg(long)]
        photos_only: bool,
    },
    /// Restore a backup from DIR into the configured, empty database and photo directory.
    Restore {
        dir: PathBuf,
        /// Only the photos (PostgreSQL: after `pg_restore`, see the README).
        #[arg(long)]
        photos_only: bool,
    },
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Print a one-time invitation link (valid 7 days). Without options it invites a platform
    /// administrator: the first account of a new deployment.
    Invite {
        /// Invite into a role of this municipality (slug) instead.
        #[arg(long)]
        municipality: Option<String>,
        /// municipal_admin, dispatcher, department_staff, bauhof_staff or fleet_manager.
        #[arg(long, default_value = "municipal_admin")]
        role: String,
        /// The department's code (e.g. ordnungsamt-pankow) or id, for dispatchers and
        /// department staff.
        #[arg(long)]
        department: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum ApikeyCommand {
    /// Create a key for a municipality and print it (it is stored only as a hash).
    Create {
        /// The municipality's slug, e.g. `berlin`.
        #[arg(long)]
        municipality: String,
        /// Bind the key to one department (its code, e.g. `ordnungsamt-pankow`): the key is
        /// that department's back office and may post status updates of its reports.
        #[arg(long)]
        department: Option<String>,
        /// Who uses the key, e.g. "Ordnungsamt-App".
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
enum TenantCommand {
    /// Create or update a municipality from its JSON configuration file.
    Import { file: PathBuf },
    /// List the configured municipalities.
    List,
}

#[derive(Debug, Subcommand)]
enum TreesCommand {
    /// Import a tree register (CSV or GeoJSON in the Berlin register's columns): new trees are
    /// added, changed ones updated, vanished ones retired; adoptions and waterings survive.
    /// With any malformed row nothing is imported.
    Import {
        file: PathBuf,
        /// The municipality's slug, e.g. `berlin`.
        #[arg(long)]
        municipality: String,
    },
    /// Write a synthetic register of COUNT trees (CSV, Berlin columns) to standard output:
    /// the demo's real trees copied and moved by up to ~150 m, for scale tests.
    Generate {
        #[arg(long)]
        count: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Import the street pumps (OpenStreetMap GeoJSON points with `id`, `pump:status`,
    /// `check_date`): the municipality's pumps become those of the file.
    Pumps {
        file: PathBuf,
        #[arg(long)]
        municipality: String,
    },
    /// Import a DWD RADOLAN rain grid (GeoJSON polygons with `id` and `data`, rain sums in
    /// 0.1 mm): the water need counts the rain of the last seven days.
    Rain {
        file: PathBuf,
        #[arg(long)]
        municipality: String,
        /// The first day the sums cover (YYYY-MM-DD), if the file's `properties.start` does not
        /// say it.
        #[arg(long)]
        from: Option<String>,
        /// The last day the sums cover (YYYY-MM-DD), if the file's `properties.end` does not.
        #[arg(long)]
        until: Option<String>,
    },
    /// Import the watering history of "Gieß den Kiez" (its `;`-separated open-data export):
    /// each row goes to the tree of the same kind within 5 m; unmatched and ambiguous rows are
    /// listed by line; importing the same file again adds nothing.
    #[command(alias = "waterings")]
    WateringsImport {
        file: PathBuf,
        #[arg(long)]
        municipality: String,
    },
}

fn init_logging(format: LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("KIEZWERK_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

pub async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let mut settings = Settings::load(cli.config.as_deref())?;
    init_logging(settings.log_format);
    match cli.command {
        Command::Serve { demo } => {
            settings.demo |= demo;
            serve(settings).await
        }
        Command::Migrate => {
            Db::connect(settings.database_url.expose()).await?;
            println!("Database is up to date.");
            Ok(())
        }
        Command::Apikey {
            command:
                ApikeyCommand::Create {
                    municipality,
                    department,
                    name,
                },
        } => {
            let db = Db::connect(settings.database_url.expose()).await?;
            let key = keys::generate();
            let now = Clock::system().now_ms();
            keys::insert(&db, now, &municipality, department.as_deref(), &name, &key).await?;
            println!("{key}");
            eprintln!("API key for {municipality} created. It is shown only now; store it safely.");
            Ok(())
        }
        Command::Tenant {
            command: TenantCommand::Import { file },
        } => {
            let db = Db::connect(settings.database_url.expose()).await?;
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let config = MunicipalityConfig::from_json(&text)
                .with_context(|| format!("in {}", file.display()))?;
            let summary = import(&db, Clock::system().now_ms(), &config).await?;
            println!(
                "{} {}: {} departments, {} categories, {} areas, {} rules. Running servers apply it within seconds.",
                if summary.created { "Created" } else { "Updated" },
                config.slug,
                summary.departments,
                summary.categories,
                summary.areas,
                summary.rules
            );
            Ok(())
        }
        Command::Trees {
            command: TreesCommand::Import { file, municipality },
        } => import_trees(&settings, &file, &municipality).await,
        Command::Trees {
            command: TreesCommand::Generate { count, seed },
        } => crate::trees::synthetic::write(count, seed, std::io::stdout().lock()),
        Command::Trees {
            command: TreesCommand::Pumps { file, municipality },
        } => import_pumps(&settings, &file, &municipality).await,
        Command::Trees {
            command:
                TreesCommand::Rain {
                    file,
                    municipality,
                    from,
                    until,
                },
        } => import_rain(&settings, &file, &municipality, (from, until)).await,
        Command::Trees {
            command: TreesCommand::WateringsImport { file, municipality },
        } => import_gdk(&settings, &file, &municipality).await,
        Command::Admin {
            command:
                AdminCommand::Invite {
                    municipality,
                    role,
                    department,
                },
        } => {
            let db = Db::connect(settings.database_url.expose()).await?;
            let link = invite(&db, &settings.public_url, municipality, &role, department).await?;
            println!("{link}");
            eprintln!("One-time invitation link, valid for 7 days. Hand it over personally.");
            Ok(())
        }
        Command::Backup { dir, photos_only } => {
            let db = Db::connect(settings.database_url.expose()).await?;
            let photo_dir = photo_directory(&settings)?;
            let summary = backup::backup(&db, &photo_dir, &dir, photos_only).await?;
            report_copy("Backed up", &dir, &summary, photos_only);
            Ok(())
        }
        Command::Restore { dir, photos_only } => {
            let database = sqlite_file(settings.database_url.expose());
            let photo_dir = photo_directory(&settings)?;
            let summary =
                backup::restore(&dir, database.as_deref(), &photo_dir, photos_only).await?;
            report_copy("Restored", &dir, &summary, photos_only);
            Ok(())
        }
        Command::Tenant {
            command: TenantCommand::List,
        } => {
            let db = Db::connect(settings.database_url.expose()).await?;
            let rows: Vec<(String, String, String)> = sqlx::query_as(
                "select slug, name, reference_prefix from municipalities order by slug",
            )
            .fetch_all(&db.pool)
            .await?;
            for (slug, name, prefix) in rows {
                println!("{slug}\t{prefix}\t{name}");
            }
            Ok(())
        }
    }
}

/// `kiezwerk trees import`: checks the whole file, then applies it with progress on the
/// terminal.
async fn import_trees(
    settings: &Settings,
    file: &std::path::Path,
    slug: &str,
) -> anyhow::Result<()> {
    use crate::trees::{register, year_of};
    use std::io::Write;
    let (db, registry, bytes) = tree_import_input(settings, file).await?;
    let municipality = municipality(&registry, slug)?;
    let now = Clock::system().now_ms();
    eprintln!("Checking {} ({} bytes) …", file.display(), bytes.len());
    let checked = register::parse(
        &bytes,
        municipality,
        year_of(now),
        kiezwerk_app::i18n::Lang::En,
    );
    let checked = checked.map_err(|errors| refuse(file, &errors))?;
    let source = file
        .file_name()
        .map_or_else(|| "import".to_owned(), |n| n.to_string_lossy().into_owned());
    let started = std::time::Instant::now();
    let mut stderr = std::io::stderr();
    // A progress line only where somebody watches: a terminal, not a log file.
    let watched = std::io::IsTerminal::is_terminal(&stderr);
    let summary = register::import(
        &db,
        now,
        municipality.id.0,
        &checked,
        &source,
        &mut |done, total| {
            if watched {
                let percent = done * 100 / total.max(1);
                let _ = write!(stderr, "\rImporting: {done} of {total} trees ({percent} %)");
                let _ = stderr.flush();
            }
        },
    )
    .await?;
    if watched {
        eprintln!();
    }
    let seconds = started.elapsed().as_secs_f64();
    let date = checked.data_date.as_deref().unwrap_or("today");
    if summary.changed() {
        println!(
            "{slug}: {} added, {} changed, {} retired, {} unchanged in {seconds:.1} s. Data as of {date}.",
            summary.added, summary.updated, summary.retired, summary.unchanged,
        );
    } else {
        println!(
            "{slug}: nothing changed, the register already holds these {} trees ({seconds:.1} s). Data as of {date}.",
            summary.unchanged,
        );
    }
    Ok(())
}

/// The database, the municipalities and the bytes of `file`, for the tree imports.
async fn tree_import_input(
    settings: &Settings,
    file: &std::path::Path,
) -> anyhow::Result<(Db, crate::tenants::Registry, Vec<u8>)> {
    let db = Db::connect(settings.database_url.expose()).await?;
    let registry = crate::tenants::Registry::load(&db).await?;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    Ok((db, registry, bytes))
}

fn municipality<'r>(
    registry: &'r crate::tenants::Registry,
    slug: &str,
) -> anyhow::Result<&'r crate::tenants::Municipality> {
    registry
        .by_slug(slug)
        .with_context(|| format!("there is no municipality {slug:?} (see `kiezwerk tenant list`)"))
}

/// The problems of a file, then the refusal.
fn refuse(file: &std::path::Path, errors: &[String]) -> anyhow::Error {
    for error in errors {
        eprintln!("{error}");
    }
    anyhow::anyhow!("{} has errors; nothing was imported", file.display())
}

/// `kiezwerk trees pumps`.
async fn import_pumps(
    settings: &Settings,
    file: &std::path::Path,
    slug: &str,
) -> anyhow::Result<()> {
    use crate::trees::pumps;
    let (db, registry, bytes) = tree_import_input(settings, file).await?;
    let municipality = municipality(&registry, slug)?;
    let pumps = pumps::parse(&bytes, municipality, kiezwerk_app::i18n::Lang::En)
        .map_err(|errors| refuse(file, &errors))?;
    let done = pumps::import(&db, municipality.id.0, &pumps).await?;
    println!(
        "{slug}: {} pumps added, {} updated, {} unchanged, {} removed.",
        done.added, done.updated, done.unchanged, done.removed
    );
    Ok(())
}

/// `kiezwerk trees rain`.
async fn import_rain(
    settings: &Settings,
    file: &std::path::Path,
    slug: &str,
    (from, until): (Option<String>, Option<String>),
) -> anyhow::Result<()> {
    use crate::trees::rain;
    let (db, registry, bytes) = tree_import_input(settings, file).await?;
    let municipality = municipality(&registry, slug)?;
    let grid = rain::parse(&bytes, kiezwerk_app::i18n::Lang::En)
        .map_err(|errors| refuse(file, &errors))?;
    let day = |given: Option<String>, name: &str| -> anyhow::Result<Option<jiff::civil::Date>> {
        given
            .map(|d| {
                d.parse()
                    .with_context(|| format!("--{name} {d:?} is not a date (YYYY-MM-DD)"))
            })
            .transpose()
    };
    let start = day(from, "from")?.or(grid.period.map(|p| p.start));
    let end = day(until, "until")?.or(grid.period.map(|p| p.end));
    let (Some(start), Some(end)) = (start, end) else {
        bail!("the file does not say which days its sums cover: give --from and --until");
    };
    if end < start {
        bail!("the period ends ({end}) before it starts ({start})");
    }
    let source = file
        .file_name()
        .map_or_else(|| "import".to_owned(), |n| n.to_string_lossy().into_owned());
    let now = Clock::system().now_ms();
    rain::import(
        &db,
        now,
        municipality.id.0,
        &grid.cells,
        (start, end),
        &source,
    )
    .await?;
    println!(
        "{slug}: {} rain cells covering {start} to {end}.",
        grid.cells.len()
    );
    Ok(())
}

/// `kiezwerk trees waterings-import`.
async fn import_gdk(settings: &Settings, file: &std::path::Path, slug: &str) -> anyhow::Result<()> {
    use crate::trees::gdk;
    use std::io::Write;
    let (db, registry, bytes) = tree_import_input(settings, file).await?;
    let municipality = municipality(&registry, slug)?;
    let rows =
        gdk::parse(&bytes, kiezwerk_app::i18n::Lang::En).map_err(|errors| refuse(file, &errors))?;
    let mut stderr = std::io::stderr();
    let now = Clock::system().now_ms();
    let done = gdk::import(&db, now, municipality.id.0, &rows, &mut |n, total| {
        let _ = write!(stderr, "\rMatching: {n} of {total} waterings");
        let _ = stderr.flush();
    })
    .await?;
    eprintln!();
    for line in done.report(kiezwerk_app::i18n::Lang::En) {
        println!("{line}");
    }
    Ok(())
}

/// The file of an SQLite database URL; `None` for PostgreSQL.
fn sqlite_file(url: &str) -> Option<PathBuf> {
    let path = url.strip_prefix("sqlite:")?.trim_start_matches("//");
    Some(PathBuf::from(path.split('?').next().unwrap_or(path)))
}

fn report_copy(what: &str, dir: &std::path::Path, summary: &backup::Summary, photos_only: bool) {
    if photos_only {
        println!(
            "{what} photos ({}): {} files, {} copied now.",
            dir.display(),
            summary.photos_present,
            summary.photos_copied
        );
    } else {
        println!(
            "{what} ({}): {} reports, {} photo files, {} copied now.",
            dir.display(),
            summary.reports,
            summary.photos_present,
            summary.photos_copied
        );
    }
    if !summary.photos_missing.is_empty() {
        eprintln!(
            "Warning: {} photos the database refers to are not there (deleted meanwhile?): {}",
            summary.photos_missing.len(),
            summary.photos_missing.join(", ")
        );
    }
}

/// Creates an invitation from the command line's options.
async fn invite(
    db: &Db,
    public_url: &str,
    municipality: Option<String>,
    role: &str,
    department: Option<String>,
) -> anyhow::Result<String> {
    use kiezwerk_app::model::Role;
    let Some(slug) = municipality else {
        return Ok(create_invitation(
            db,
            Clock::system().now_ms(),
            public_url,
            NewInvitation {
                role: Role::PlatformAdmin,
                municipality_id: None,
                department_id: None,
                note: "CLI",
                created_by: None,
            },
        )
        .await?);
    };
    let role = Role::parse(role)
        .filter(|r| *r != Role::PlatformAdmin)
        .ok_or_else(|| anyhow::anyhow!("unknown role {role:?}"))?;
    let registry = crate::tenants::Registry::load(db).await?;
    let m = registry
        .by_slug(&slug)
        .ok_or_else(|| anyhow::anyhow!("no municipality {slug:?}"))?;
    let department = department.and_then(|d| {
        m.departments
            .iter()
            .find(|dep| dep.code == d || dep.id.to_string() == d)
            .map(|dep| dep.id)
    });
    let department = match (role.needs_department(), department) {
        (true, Some(d)) => Some(d),
        (true, _) => anyhow::bail!(
            "{} needs --department with one of: {}",
            role.code(),
            m.departments
                .iter()
                .map(|d| format!("{} ({})", d.code, d.name_de))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (false, _) => None,
    };
    Ok(create_invitation(
        db,
        Clock::system().now_ms(),
        public_url,
        NewInvitation {
            role,
            municipality_id: Some(m.id),
            department_id: department,
            note: "CLI",
            created_by: None,
        },
    )
    .await?)
}

/// The photo directory that `backup` and `restore` copy; photos in object storage are kept by
/// the store's own versioning or replication.
fn photo_directory(settings: &Settings) -> anyhow::Result<PathBuf> {
    match &settings.photo_store {
        None => Ok(settings.photo_dir.clone()),
        Some(objects) => bail!(
            "photos are kept in the object store {}: back them up with its versioning or \
             replication (see the README); `kiezwerk backup` copies a photo directory only",
            objects.url()
        ),
    }
}

/// How long open requests may take to finish after SIGINT or SIGTERM.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(25);

/// Runs the server until SIGINT or SIGTERM, then finishes open requests (for at most
/// [`SHUTDOWN_GRACE`]).
pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    let db = Db::connect(settings.database_url.expose()).await?;
    if settings.demo && demo::install_if_empty(&db, Clock::system().now_ms()).await? {
        tracing::info!(
            "demo configuration installed: Berlin and Potsdam, Open311 keys \"demo-key\" and \"demo-backoffice-key\" (Ordnungsamt Pankow)"
        );
    }
    if settings.demo {
        let trees = demo::install_trees_if_empty(&db, Clock::system().now_ms()).await?;
        if trees > 0 {
            tracing::info!(trees, "demo trees installed in Berlin's register");
        }
    }
    let listener = tokio::net::TcpListener::bind(settings.bind)
        .await
        .with_context(|| format!("binding {}", settings.bind))?;
    // Port 0 asks the system for a free port: the log says which, and the derived public
    // address gets it too (benchmarks and tests start servers so, without a race for ports).
    let bind = listener.local_addr()?;
    let mut settings = settings;
    if settings.bind.port() == 0 {
        if let Some(host) = settings.public_url.strip_suffix(":0") {
            settings.public_url = format!("{host}:{}", bind.port());
        }
        settings.bind = bind;
    }
    let state = AppState::new(settings, db, Clock::system()).await?;
    // A photo store that cannot be written would lose every report with a photo: refuse to
    // start instead (this also creates the photo directory on disk).
    let store = &state.photos.store;
    store
        .check()
        .await
        .with_context(|| format!("writing to the photo store {}", store.describe()))?;
    if state.tenants.registry.municipalities.is_empty() {
        tracing::warn!("no municipality is configured: import one with `kiezwerk tenant import`, or start with --demo");
    }
    let (stop, stopped) = watch::channel(false);
    let live = crate::server::Live::new(state.clone());
    let jobs = tokio::spawn(jobs::run(live.clone(), stopped.clone()));
    let app = live.router();
    tracing::info!(
        address = %bind,
        public_url = %state.core.settings.public_url,
        database = if state.core.db.backend == Backend::Sqlite { "sqlite" } else { "postgres" },
        "Kiezwerk is listening"
    );
    let (signalled, mut on_signal) = watch::channel(false);
    // Without TCP_NODELAY a response written in pieces (a static file through the
    // compression, a streamed export) waits for the client's delayed ACK: 40 ms each on a
    // kept-alive connection (the tree_city benchmark measured it).
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        if let Err(error) = tcp.set_nodelay(true) {
            tracing::warn!(%error, "could not set TCP_NODELAY");
        }
    });
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        let _ = signalled.send(true);
    });
    // Open requests get a grace period (what orchestrators wait before they kill), not forever.
    let deadline = async move {
        let _ = on_signal.wait_for(|s| *s).await;
        tokio::time::sleep(SHUTDOWN_GRACE).await;
    };
    tokio::select! {
        served = server.into_future() => served?,
        () = deadline => tracing::warn!(
            seconds = SHUTDOWN_GRACE.as_secs(),
            "requests still open after the grace period; stopping anyway"
        ),
    }
    let _ = stop.send(true);
    let _ = jobs.await;
    state.core.db.pool.close().await;
    tracing::info!("Kiezwerk stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing open requests");
}
