//! One database handle for SQLite (embedded default) and PostgreSQL (shared deployments).
//!
//! Queries are written once in the SQL both understand (`$1` parameters, `returning`, upserts)
//! and run through sqlx's `Any` driver. Where the dialects differ, the code branches on
//! [`Backend`] visibly. Timestamps are stored as milliseconds since the Unix epoch (UTC) in
//! 64-bit integers, booleans as integers: the common ground of both databases.
//!
//! **Optional floats.** A statement that binds an `Option<f64>` (a place without coordinates, a
//! photo without GPS position) runs with `.persistent(false)`, i.e. it is not prepared once per
//! connection. sqlx 0.8's `Any` driver sends a missing `f64` to PostgreSQL as a `real`; a
//! statement prepared with that keeps `real` as the parameter's type, and the next execution with
//! a value on the same connection fails ("incorrect binary data format in bind parameter").

use anyhow::Context;
use sqlx::any::{AnyArguments, AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::query::QueryAs;
use sqlx::{Any, AnyPool, ConnectOptions, Executor};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The connection pool and which database is behind it.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

impl Db {
    /// A transaction for a change that reads and then writes: on SQLite it takes the write lock
    /// first (`BEGIN IMMEDIATE`), so a concurrent writer makes it wait instead of failing the
    /// upgrade from reading to writing; PostgreSQL's rows lock as they are written.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// Connects (creating the SQLite file and its directory if needed) and applies migrations.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let pool = match backend {
            Backend::Sqlite => {
                let path = url.trim_start_matches("sqlite:").trim_start_matches("//");
                let path = path.split('?').next().unwrap_or(path);
                if let Some(dir) = Path::new(path)
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                {
                    std::fs::create_dir_all(dir).with_context(|| {
                        format!("creating database directory {}", dir.display())
                    })?;
                }
                let options = AnyConnectOptions::from_str(&format!("sqlite:{path}?mode=rwc"))?
                    .disable_statement_logging();
                AnyPoolOptions::new()
                    // One writer at a time is SQLite's nature; readers run alongside in WAL mode.
                    .max_connections(8)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            // WAL for concurrent readers; synchronous=FULL so an acknowledged
                            // commit survives power loss, not just a crash of the process.
                            conn.execute(
                                "pragma journal_mode = wal; pragma synchronous = full; \
                                 pragma foreign_keys = on; pragma busy_timeout = 10000;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await
                    .with_context(|| format!("opening SQLite database {path}"))?
            }
            Backend::Postgres => {
                use sqlx::migrate::MigrateDatabase;
                // A fresh deployment (or test run) may point at a database that does not exist yet.
                if !sqlx::Any::database_exists(url)
                    .await
                    .context("connecting to PostgreSQL")?
                {
                    sqlx::Any::create_database(url)
                        .await
                        .context("creating the PostgreSQL database")?;
                }
                let options = AnyConnectOptions::from_str(url)?.disable_statement_logging();
                AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await
                    .context("connecting to PostgreSQL")?
            }
        };
        let db = Db { pool, backend };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&self.pool)
            .await
            .context("applying database migrations")?;
        Ok(())
    }

    /// A cheap round trip, for `/healthz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("select 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }
}

/// A value of a query assembled at run time.
#[derive(Clone, Debug, PartialEq)]
pub enum Param {
    Int(i64),
    Text(String),
}

/// A `where` clause assembled from conditions at run time (filters that may or may not be
/// given). Each `?` in a condition becomes the next `$n`; both databases understand `$n`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Conditions {
    pub sql: String,
    pub params: Vec<Param>,
}

impl Conditions {
    /// Adds a condition (joined with `and`) and the values of its `?` marks, in order.
    pub fn and(&mut self, condition: &str, values: impl IntoIterator<Item = Param>) {
        let mut condition = condition.to_owned();
        for value in values {
            self.params.push(value);
            condition = condition.replacen('?', &format!("${}", self.params.len()), 1);
        }
        if !self.sql.is_empty() {
            self.sql.push_str(" and ");
        }
        self.sql.push_str(&condition);
    }

    /// `column in (?, ?, …)` for the values; an empty list matches nothing.
    pub fn and_in(&mut self, column: &str, values: Vec<Param>) {
        if values.is_empty() {
            self.and("1 = 0", []);
        } else {
            let marks = vec!["?"; values.len()].join(", ");
            self.and(&format!("{column} in ({marks})"), values);
        }
    }
}

/// Binds the values of [`Conditions`] to a query, in order.
pub fn bind_params<'q, O>(
    mut query: QueryAs<'q, Any, O, AnyArguments<'q>>,
    params: &'q [Param],
) -> QueryAs<'q, Any, O, AnyArguments<'q>> {
    for p in params {
        query = match p {
            Param::Int(v) => query.bind(*v),
            Param::Text(v) => query.bind(v.as_str()),
        };
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_number_their_values_in_order() {
        let mut c = Conditions::default();
        c.and("r.municipality_id = ?", [Param::Int(1)]);
        c.and_in(
            "r.status",
            vec![Param::Text("new".into()), Param::Text("accepted".into())],
        );
        c.and("r.photo_count > 0", []);
        assert_eq!(
            c.sql,
            "r.municipality_id = $1 and r.status in ($2, $3) and r.photo_count > 0"
        );
        assert_eq!(c.params.len(), 3);
        let mut empty = Conditions::default();
        empty.and_in("r.id", vec![]);
        assert_eq!(empty.sql, "1 = 0");
    }
}
