//! Configuration: an optional TOML file, then `KIEZWERK_*` environment variables on top, then
//! defaults that run Kiezwerk embedded (SQLite and photos under `./data`).

use anyhow::{bail, Context};
use serde::Deserialize;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A value that must never appear in logs (database URLs carry passwords).
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

impl FromStr for LogFormat {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> anyhow::Result<Self> {
        match s {
            "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            other => bail!("unknown log format {other:?} (expected \"text\" or \"json\")"),
        }
    }
}

/// Every setting, resolved.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where the embedded database and photos live by default.
    pub data_dir: PathBuf,
    pub bind: SocketAddr,
    /// `sqlite:<path>` or `postgres://…`.
    pub database_url: Secret,
    /// The address citizens use, e.g. `https://kiezwerk.berlin.de`; decides secure cookies,
    /// HSTS and the allowed origin of form posts.
    pub public_url: String,
    /// Photos on the local file system (the default) …
    pub photo_dir: PathBuf,
    /// … or in an S3-compatible object store (`KIEZWERK_PHOTO_STORE=s3://bucket/prefix`), for
    /// several servers.
    pub photo_store: Option<ObjectStoreSettings>,
    /// Where cargo-leptos put the compiled CSS, JS and WebAssembly, and the public assets.
    pub site_root: PathBuf,
    /// Raster tile template for the map (basemap.de, OpenStreetMap, own tiles); none shows only
    /// our own district outlines.
    pub map_tile_url: Option<String>,
    pub map_attribution: String,
    pub log_format: LogFormat,
    /// Load the Berlin/Potsdam demo configuration and the `demo-key` API key on first start.
    pub demo: bool,
    pub max_photo_mb: u64,
    /// Reports, photo uploads and API posts per client IP and minute.
    pub intake_per_minute: u32,
    /// Open311 posts (requests, updates) per API key and minute, from any address.
    pub api_key_per_minute: u32,
    /// Reverse proxies whose `X-Forwarded-For` names the real client (for rate limits).
    pub trusted_proxies: Vec<IpAddr>,
    /// Passkey ceremonies (sign-in, sign-up, recovery) per client IP and minute.
    pub auth_per_minute: u32,
    /// A session ends after this long without a request …
    pub session_idle_minutes: u32,
    /// … and in any case this long after sign-in.
    pub session_lifetime_hours: u32,
    /// `smtp://user:password@host:587` (STARTTLS) or `smtps://…:465`; without it mail stays in
    /// the outbox table.
    pub smtp_url: Option<Secret>,
    /// Sender of Kiezwerk's mail.
    pub mail_from: String,
    /// Show the outbox at `/entwicklung/postausgang` (development and tests only; never with
    /// real users: it shows recovery links).
    pub dev_outbox: bool,
}

/// An S3-compatible object store for photos.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectStoreSettings {
    pub bucket: String,
    /// Objects' names start with it (several deployments may share a bucket).
    pub prefix: Option<String>,
    /// `http(s)://host:port` of a store other than AWS (Garage, MinIO, Ceph, …).
    pub endpoint: Option<String>,
    pub region: String,
    /// Without these two, the AWS credential chain (instance or container role) applies.
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<Secret>,
}

impl ObjectStoreSettings {
    /// `s3://bucket/prefix`.
    pub fn url(&self) -> String {
        match &self.prefix {
            Some(prefix) => format!("s3://{}/{prefix}", self.bucket),
            None => format!("s3://{}", self.bucket),
        }
    }

    /// Reads `s3://bucket` or `s3://bucket/prefix`.
    fn parse(url: &str) -> anyhow::Result<(String, Option<String>)> {
        let rest = url
            .strip_prefix("s3://")
            .context("KIEZWERK_PHOTO_STORE must be s3://bucket or s3://bucket/prefix")?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let prefix = prefix.trim_matches('/');
        // S3's bucket naming rules: 3–63 lower-case letters, digits, dots and hyphens.
        if !(3..=63).contains(&bucket.len())
            || !bucket
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        {
            bail!("KIEZWERK_PHOTO_STORE: {bucket:?} is not a bucket name (3–63 lower-case letters, digits, dots, hyphens)");
        }
        Ok((
            bucket.to_owned(),
            (!prefix.is_empty()).then(|| prefix.to_owned()),
        ))
    }
}

/// The file's shape: everything optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    data_dir: Option<PathBuf>,
    bind: Option<SocketAddr>,
    database_url: Option<Secret>,
    public_url: Option<String>,
    photo_dir: Option<PathBuf>,
    photo_store: Option<String>,
    s3_endpoint: Option<String>,
    s3_region: Option<String>,
    s3_access_key_id: Option<String>,
    s3_secret_access_key: Option<Secret>,
    site_root: Option<PathBuf>,
    map_tile_url: Option<String>,
    map_attribution: Option<String>,
    log_format: Option<LogFormat>,
    demo: Option<bool>,
    max_photo_mb: Option<u64>,
    intake_per_minute: Option<u32>,
    api_key_per_minute: Option<u32>,
    trusted_proxies: Option<Vec<IpAddr>>,
    auth_per_minute: Option<u32>,
    session_idle_minutes: Option<u32>,
    session_lifetime_hours: Option<u32>,
    smtp_url: Option<Secret>,
    mail_from: Option<String>,
    dev_outbox: Option<bool>,
}

/// A comma-separated list of IP addresses.
struct AddressList(Vec<IpAddr>);

impl FromStr for AddressList {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        s.split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| a.parse().map_err(|_| format!("{a:?} is not an IP address")))
            .collect::<Result<_, _>>()
            .map(AddressList)
    }
}

/// Reads `KIEZWERK_<NAME>`; an empty value counts as unset.
fn env<T: FromStr>(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &str,
) -> anyhow::Result<Option<T>>
where
    T::Err: fmt::Display,
{
    let key = format!("KIEZWERK_{name}");
    match lookup(&key).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(raw) => raw
            .parse()
            .map(Some)
            .map_err(|e| anyhow::anyhow!("{key}: invalid value {raw:?}: {e}")),
    }
}

fn parse_bool(raw: &str) -> Result<bool, String> {
    match raw.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err("expected true or false".into()),
    }
}

struct Flag(bool);

impl FromStr for Flag {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        parse_bool(s).map(Flag)
    }
}

impl Settings {
    /// Loads the file named by `path` (or `KIEZWERK_CONFIG`, or `./kiezwerk.toml` if present)
    /// and applies the process environment.
    pub fn load(path: Option<&Path>) -> anyhow::Result<Settings> {
        Self::load_with(path, &|key| std::env::var(key).ok())
    }

    /// As [`Settings::load`], with an explicit environment (for tests).
    pub fn load_with(
        path: Option<&Path>,
        lookup: &impl Fn(&str) -> Option<String>,
    ) -> anyhow::Result<Settings> {
        let explicit = path.map(Path::to_path_buf).or_else(|| {
            lookup("KIEZWERK_CONFIG")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        });
        let file = match explicit {
            Some(path) => read_file(&path)?,
            None if Path::new("kiezwerk.toml").exists() => read_file(Path::new("kiezwerk.toml"))?,
            None => FileSettings::default(),
        };

        let data_dir = env(lookup, "DATA_DIR")?
            .or(file.data_dir)
            .unwrap_or_else(|| "data".into());
        let bind: SocketAddr = env(lookup, "BIND")?
            .or(file.bind)
            .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 3000)));
        let database_url = env::<String>(lookup, "DATABASE_URL")?
            .map(Secret)
            .or(file.database_url)
            .unwrap_or_else(|| {
                Secret(format!("sqlite:{}", data_dir.join("kiezwerk.db").display()))
            });
        if !(database_url.0.starts_with("sqlite:")
            || database_url.0.starts_with("postgres:")
            || database_url.0.starts_with("postgresql:"))
        {
            bail!("KIEZWERK_DATABASE_URL must start with sqlite: or postgres:");
        }
        let public_url = env::<String>(lookup, "PUBLIC_URL")?
            .or(file.public_url)
            // Passkeys need a host name as relying party: a loopback address becomes localhost.
            .unwrap_or_else(|| {
                if bind.ip().is_loopback() {
                    format!("http://localhost:{}", bind.port())
                } else {
                    format!("http://{bind}")
                }
            })
            .trim_end_matches('/')
            .to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            bail!("KIEZWERK_PUBLIC_URL must start with http:// or https://");
        }
        let photo_dir = env(lookup, "PHOTO_DIR")?
            .or(file.photo_dir)
            .unwrap_or_else(|| data_dir.join("photos"));
        let photo_store = match env::<String>(lookup, "PHOTO_STORE")?.or(file.photo_store) {
            None => None,
            Some(url) => {
                let (bucket, prefix) = ObjectStoreSettings::parse(&url)?;
                let endpoint = env::<String>(lookup, "S3_ENDPOINT")?.or(file.s3_endpoint);
                if let Some(endpoint) = &endpoint {
                    if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
                        bail!("KIEZWERK_S3_ENDPOINT must start with http:// or https://");
                    }
                }
                let access_key_id = env(lookup, "S3_ACCESS_KEY_ID")?.or(file.s3_access_key_id);
                let secret_access_key = env::<String>(lookup, "S3_SECRET_ACCESS_KEY")?
                    .map(Secret)
                    .or(file.s3_secret_access_key);
                if access_key_id.is_some() != secret_access_key.is_some() {
                    bail!(
                        "KIEZWERK_S3_ACCESS_KEY_ID and KIEZWERK_S3_SECRET_ACCESS_KEY go together"
                    );
                }
                Some(ObjectStoreSettings {
                    bucket,
                    prefix,
                    endpoint,
                    region: env(lookup, "S3_REGION")?
                        .or(file.s3_region)
                        .unwrap_or_else(|| "us-east-1".to_owned()),
                    access_key_id,
                    secret_access_key,
                })
            }
        };
        let site_root = env(lookup, "SITE_ROOT")?
            .or(file.site_root)
            .or_else(|| lookup("LEPTOS_SITE_ROOT").map(PathBuf::from))
            .unwrap_or_else(|| "target/site".into());
        let map_tile_url = env(lookup, "MAP_TILE_URL")?.or(file.map_tile_url);
        let map_attribution = env(lookup, "MAP_ATTRIBUTION")?
            .or(file.map_attribution)
            .unwrap_or_else(|| {
                if map_tile_url.is_some() {
                    "© OpenStreetMap-Mitwirkende".to_owned()
                } else {
                    String::new()
                }
            });
        let log_format = env(lookup, "LOG_FORMAT")?
            .or(file.log_format)
            .unwrap_or_default();
        let demo = env::<Flag>(lookup, "DEMO")?
            .map(|f| f.0)
            .or(file.demo)
            .unwrap_or(false);
        let max_photo_mb = env(lookup, "MAX_PHOTO_MB")?
            .or(file.max_photo_mb)
            .unwrap_or(15);
        if !(1..=100).contains(&max_photo_mb) {
            bail!("KIEZWERK_MAX_PHOTO_MB must be between 1 and 100");
        }
        let intake_per_minute = env(lookup, "INTAKE_PER_MINUTE")?
            .or(file.intake_per_minute)
            .unwrap_or(30);
        let api_key_per_minute = env(lookup, "API_KEY_PER_MINUTE")?
            .or(file.api_key_per_minute)
            .unwrap_or(120);
        let trusted_proxies = env::<AddressList>(lookup, "TRUSTED_PROXIES")?
            .map(|list| list.0)
            .or(file.trusted_proxies)
            .unwrap_or_default();
        let auth_per_minute = env(lookup, "AUTH_PER_MINUTE")?
            .or(file.auth_per_minute)
            .unwrap_or(20);
        let session_idle_minutes = env(lookup, "SESSION_IDLE_MINUTES")?
            .or(file.session_idle_minutes)
            .unwrap_or(60);
        let session_lifetime_hours = env(lookup, "SESSION_LIFETIME_HOURS")?
            .or(file.session_lifetime_hours)
            .unwrap_or(12);
        if session_idle_minutes == 0 || session_lifetime_hours == 0 {
            bail!("session timeouts must be at least 1");
        }
        let smtp_url = env::<String>(lookup, "SMTP_URL")?
            .map(Secret)
            .or(file.smtp_url);
        if let Some(url) = &smtp_url {
            if !(url.0.starts_with("smtp://") || url.0.starts_with("smtps://")) {
                bail!("KIEZWERK_SMTP_URL must start with smtp:// or smtps://");
            }
        }
        let mail_from = env(lookup, "MAIL_FROM")?
            .or(file.mail_from)
            .unwrap_or_else(|| "Kiezwerk <kiezwerk@localhost>".to_owned());
        let dev_outbox = env::<Flag>(lookup, "DEV_OUTBOX")?
            .map(|f| f.0)
            .or(file.dev_outbox)
            .unwrap_or(false);
        Ok(Settings {
            auth_per_minute,
            session_idle_minutes,
            session_lifetime_hours,
            smtp_url,
            mail_from,
            dev_outbox,
            trusted_proxies,
            data_dir,
            bind,
            database_url,
            public_url,
            photo_dir,
            photo_store,
            site_root,
            map_tile_url,
            map_attribution,
            log_format,
            demo,
            max_photo_mb,
            intake_per_minute,
            api_key_per_minute,
        })
    }

    /// Served over https: secure cookies and HSTS.
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

fn read_file(path: &Path) -> anyhow::Result<FileSettings> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading configuration file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("parsing configuration file {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(vars: &[(&str, &str)], file: Option<&str>) -> anyhow::Result<Settings> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let dir = tempfile::tempdir()?;
        let path = file
            .map(|text| {
                let path = dir.path().join("kiezwerk.toml");
                std::fs::write(&path, text).map(|_| path)
            })
            .transpose()?;
        Settings::load_with(path.as_deref(), &|k| vars.get(k).cloned())
    }

    #[test]
    fn defaults_run_embedded_on_localhost() -> anyhow::Result<()> {
        let s = load(&[], None)?;
        assert_eq!(s.bind.to_string(), "127.0.0.1:3000");
        assert_eq!(s.database_url.expose(), "sqlite:data/kiezwerk.db");
        assert_eq!(s.photo_dir, PathBuf::from("data/photos"));
        assert_eq!(s.public_url, "http://localhost:3000");
        assert!(!s.is_https());
        Ok(())
    }

    #[test]
    fn environment_overrides_the_file() -> anyhow::Result<()> {
        let s = load(
            &[("KIEZWERK_BIND", "0.0.0.0:8080"), ("KIEZWERK_DEMO", "yes")],
            Some("bind = \"127.0.0.1:4000\"\nmax_photo_mb = 20\npublic_url = \"https://kiez.example/\"\n"),
        )?;
        assert_eq!(s.bind.to_string(), "0.0.0.0:8080");
        assert_eq!(s.max_photo_mb, 20);
        assert!(s.demo);
        assert_eq!(s.public_url, "https://kiez.example");
        assert!(s.is_https());
        Ok(())
    }

    #[test]
    fn bad_values_name_the_variable() {
        let err = load(&[("KIEZWERK_MAX_PHOTO_MB", "lots")], None)
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("KIEZWERK_MAX_PHOTO_MB")));
        let err = load(&[("KIEZWERK_DATABASE_URL", "mysql://x")], None)
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("sqlite: or postgres:")));
    }

    #[test]
    fn trusted_proxies_are_a_list_of_addresses() -> anyhow::Result<()> {
        let s = load(&[("KIEZWERK_TRUSTED_PROXIES", "10.0.0.1, ::1")], None)?;
        assert_eq!(s.trusted_proxies.len(), 2);
        assert!(load(&[("KIEZWERK_TRUSTED_PROXIES", "10.0.0.1,proxy")], None).is_err());
        Ok(())
    }

    #[test]
    fn unknown_keys_in_the_file_are_refused() {
        assert!(load(&[], Some("databse_url = \"sqlite:x\"")).is_err());
    }

    #[test]
    fn an_object_store_is_named_by_url_with_its_endpoint_and_credentials() -> anyhow::Result<()> {
        let s = load(
            &[
                ("KIEZWERK_PHOTO_STORE", "s3://kiezwerk-photos/berlin/"),
                ("KIEZWERK_S3_ENDPOINT", "http://127.0.0.1:3900"),
                ("KIEZWERK_S3_ACCESS_KEY_ID", "GK1"),
                ("KIEZWERK_S3_SECRET_ACCESS_KEY", "s3cr3t"),
            ],
            None,
        )?;
        let store = s.photo_store.clone().context("an object store")?;
        assert_eq!(store.bucket, "kiezwerk-photos");
        assert_eq!(store.prefix.as_deref(), Some("berlin"));
        assert_eq!(store.region, "us-east-1");
        assert_eq!(store.url(), "s3://kiezwerk-photos/berlin");
        assert!(!format!("{s:?}").contains("s3cr3t"));
        assert!(load(&[], None)?.photo_store.is_none());
        for bad in [
            vec![("KIEZWERK_PHOTO_STORE", "/var/photos")],
            vec![("KIEZWERK_PHOTO_STORE", "s3://Photos")],
            vec![
                ("KIEZWERK_PHOTO_STORE", "s3://photos"),
                ("KIEZWERK_S3_ACCESS_KEY_ID", "GK1"),
            ],
            vec![
                ("KIEZWERK_PHOTO_STORE", "s3://photos"),
                ("KIEZWERK_S3_ENDPOINT", "127.0.0.1:3900"),
            ],
        ] {
            assert!(load(&bad, None).is_err(), "{bad:?} is refused");
        }
        Ok(())
    }

    #[test]
    fn database_urls_are_redacted_in_debug_output() -> anyhow::Result<()> {
        let s = load(
            &[("KIEZWERK_DATABASE_URL", "postgres://u:hunter2@db/k")],
            None,
        )?;
        assert!(!format!("{s:?}").contains("hunter2"));
        Ok(())
    }
}
