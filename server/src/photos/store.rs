//! Where photos are kept: files on the local disk (the embedded default), or objects in an
//! S3-compatible object store (AWS S3, Garage, MinIO, Ceph, …) when several servers run.
//! A write returns only once the photo is durable — the file and its directory entry are on
//! disk, or the store has acknowledged the object — so a report that refers to a photo never
//! outlives it.

use crate::core::config::ObjectStoreSettings;
use anyhow::Context;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
use object_store::{ClientOptions, ObjectStore, ObjectStoreExt, PutPayload, RetryConfig};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Which rendition of a photo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rendition {
    Full,
    Thumbnail,
}

#[derive(Clone, Debug)]
pub struct PhotoStore {
    place: Place,
}

#[derive(Clone)]
enum Place {
    Disk(PathBuf),
    Objects {
        store: Arc<dyn ObjectStore>,
        /// `s3://bucket/prefix`, for messages.
        url: String,
        /// Prepended to every object's name.
        prefix: String,
    },
}

impl fmt::Debug for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Disk(root) => write!(f, "Disk({})", root.display()),
            Place::Objects { url, .. } => write!(f, "Objects({url})"),
        }
    }
}

/// A new random storage key (128 bits, hex).
pub fn new_key() -> String {
    let bytes: [u8; 16] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn valid_key(key: &str) -> bool {
    key.len() == 32
        && key
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// `ab/abcdef….jpg`: a two-level fan-out keeps directories small (and object listings
/// browsable).
fn relative_name(key: &str, rendition: Rendition) -> Option<String> {
    if !valid_key(key) {
        return None;
    }
    Some(match rendition {
        Rendition::Full => format!("{}/{key}.jpg", &key[..2]),
        Rendition::Thumbnail => format!("{}/{key}.thumb.jpg", &key[..2]),
    })
}

impl PhotoStore {
    /// Files under `root` on the local disk.
    pub fn new(root: impl Into<PathBuf>) -> PhotoStore {
        PhotoStore {
            place: Place::Disk(root.into()),
        }
    }

    /// Objects in the S3-compatible store `settings` name. Nothing is contacted yet; `check`
    /// does that.
    pub fn objects(settings: &ObjectStoreSettings) -> anyhow::Result<PhotoStore> {
        // A citizen waits for the answer: a store that does not respond fails the request
        // within seconds (and the citizen is told to try again), rather than after the
        // library's default of three minutes of retries.
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region)
            .with_client_options(
                ClientOptions::new()
                    .with_connect_timeout(Duration::from_secs(3))
                    .with_timeout(Duration::from_secs(20)),
            )
            .with_retry(RetryConfig {
                max_retries: 3,
                retry_timeout: Duration::from_secs(10),
                ..RetryConfig::default()
            });
        if let Some(endpoint) = &settings.endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        if let (Some(id), Some(secret)) = (&settings.access_key_id, &settings.secret_access_key) {
            builder = builder
                .with_access_key_id(id)
                .with_secret_access_key(secret.expose());
        }
        let store = builder
            .build()
            .with_context(|| format!("setting up the photo store {}", settings.url()))?;
        Ok(PhotoStore {
            place: Place::Objects {
                store: Arc::new(store),
                url: settings.url(),
                prefix: settings
                    .prefix
                    .as_deref()
                    .map(|p| format!("{}/", p.trim_matches('/')))
                    .unwrap_or_default(),
            },
        })
    }

    /// The photo directory on the local disk, if that is where photos are kept.
    pub fn directory(&self) -> Option<&Path> {
        match &self.place {
            Place::Disk(root) => Some(root),
            Place::Objects { .. } => None,
        }
    }

    /// Where the photos are, for messages: a directory or `s3://bucket/prefix`.
    pub fn describe(&self) -> String {
        match &self.place {
            Place::Disk(root) => root.display().to_string(),
            Place::Objects { url, .. } => url.clone(),
        }
    }

    /// Writes both renditions durably: on disk through a temporary file, fsync, rename and
    /// fsync of the directory; in object storage as two objects, each acknowledged by the
    /// store (an S3 PUT is atomic: an object is whole or absent).
    pub async fn put(&self, key: &str, full: Vec<u8>, thumbnail: Vec<u8>) -> io::Result<()> {
        let full_name = relative_name(key, Rendition::Full).ok_or_else(bad_key)?;
        let thumb_name = relative_name(key, Rendition::Thumbnail).ok_or_else(bad_key)?;
        match &self.place {
            Place::Disk(root) => {
                let (full_path, thumb_path) = (root.join(full_name), root.join(thumb_name));
                tokio::task::spawn_blocking(move || {
                    write_durably(&thumb_path, &thumbnail)?;
                    write_durably(&full_path, &full)
                })
                .await
                .map_err(io::Error::other)?
            }
            Place::Objects { store, prefix, .. } => {
                for (name, bytes) in [(thumb_name, thumbnail), (full_name, full)] {
                    store
                        .put(&object_path(prefix, &name), PutPayload::from(bytes))
                        .await
                        .map_err(object_error)?;
                }
                Ok(())
            }
        }
    }

    pub async fn get(&self, key: &str, rendition: Rendition) -> io::Result<Option<Vec<u8>>> {
        let Some(name) = relative_name(key, rendition) else {
            return Ok(None);
        };
        match &self.place {
            Place::Disk(root) => match tokio::fs::read(root.join(name)).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            },
            Place::Objects { store, prefix, .. } => {
                match store.get(&object_path(prefix, &name)).await {
                    Ok(object) => Ok(Some(object.bytes().await.map_err(object_error)?.to_vec())),
                    Err(object_store::Error::NotFound { .. }) => Ok(None),
                    Err(e) => Err(object_error(e)),
                }
            }
        }
    }

    /// Removes both renditions, and on disk the temporary file of a write that a crash cut
    /// short; missing ones are fine.
    pub async fn delete(&self, key: &str) -> io::Result<()> {
        for rendition in [Rendition::Full, Rendition::Thumbnail] {
            let Some(name) = relative_name(key, rendition) else {
                continue;
            };
            let removed = match &self.place {
                Place::Disk(root) => {
                    let path = root.join(name);
                    ignore_missing(tokio::fs::remove_file(path.with_extension("tmp")).await)?;
                    tokio::fs::remove_file(path).await
                }
                Place::Objects { store, prefix, .. } => store
                    .delete(&object_path(prefix, &name))
                    .await
                    .map_err(object_error),
            };
            ignore_missing(removed)?;
        }
        Ok(())
    }

    /// Checks that photos can be written, for `/healthz` and at start. Each probe writes its
    /// own file or object, so probes running at the same time do not remove each other's.
    pub async fn check(&self) -> io::Result<()> {
        let probe = format!(".healthz-{}", new_key());
        match &self.place {
            Place::Disk(root) => {
                tokio::fs::create_dir_all(root).await?;
                let probe = root.join(probe);
                tokio::fs::write(&probe, b"ok").await?;
                tokio::fs::remove_file(probe).await
            }
            Place::Objects { store, prefix, .. } => {
                let probe = object_path(prefix, &probe);
                store
                    .put(&probe, PutPayload::from_static(b"ok"))
                    .await
                    .map_err(object_error)?;
                store.delete(&probe).await.map_err(object_error)
            }
        }
    }
}

fn ignore_missing(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

fn object_path(prefix: &str, name: &str) -> ObjectPath {
    ObjectPath::from(format!("{prefix}{name}"))
}

/// An object store's error as an I/O error of the same kind (absent objects stay `NotFound`).
fn object_error(error: object_store::Error) -> io::Error {
    match error {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, error),
        other => io::Error::other(other),
    }
}

fn bad_key() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "invalid photo key")
}

fn write_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let dir = path.parent().ok_or_else(bad_key)?;
    if !dir.is_dir() {
        std::fs::create_dir_all(dir)?;
        // A new fan-out directory is itself an entry of the root: sync that too, or a power
        // loss could take the directory (and the photo in it) with it.
        if let Some(root) = dir.parent() {
            std::fs::File::open(root)?.sync_all()?;
        }
    }
    let tmp = path.with_extension("tmp");
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, path)?;
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn photos_round_trip_and_delete() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = PhotoStore::new(dir.path());
        let key = new_key();
        store.put(&key, b"full".to_vec(), b"thumb".to_vec()).await?;
        assert_eq!(
            store.get(&key, Rendition::Full).await?,
            Some(b"full".to_vec())
        );
        assert_eq!(
            store.get(&key, Rendition::Thumbnail).await?,
            Some(b"thumb".to_vec())
        );
        store.delete(&key).await?;
        assert_eq!(store.get(&key, Rendition::Full).await?, None);
        Ok(())
    }

    #[tokio::test]
    async fn deleting_removes_what_a_crash_mid_write_left() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = PhotoStore::new(dir.path());
        let key = new_key();
        let fan = dir.path().join(&key[..2]);
        std::fs::create_dir_all(&fan)?;
        // `write_durably` writes `{key}.tmp` and `{key}.thumb.tmp` before renaming them.
        std::fs::write(fan.join(format!("{key}.tmp")), b"half")?;
        std::fs::write(fan.join(format!("{key}.thumb.tmp")), b"half")?;
        store.delete(&key).await?;
        assert_eq!(std::fs::read_dir(&fan)?.count(), 0);
        Ok(())
    }

    #[tokio::test]
    async fn keys_cannot_escape_the_directory() -> io::Result<()> {
        let store = PhotoStore::new("/tmp/kiezwerk-photos");
        assert_eq!(store.get("../../etc/passwd", Rendition::Full).await?, None);
        assert!(store.put("../x", vec![], vec![]).await.is_err());
        Ok(())
    }
}
