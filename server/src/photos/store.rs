//! Photo files on the local file system (or a shared mount when several servers run).
//! A write returns only once the file and its directory entry are on disk, so a report that
//! refers to a photo never outlives it.

use std::io;
use std::path::{Path, PathBuf};

/// Which rendition of a photo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rendition {
    Full,
    Thumbnail,
}

#[derive(Clone, Debug)]
pub struct PhotoStore {
    root: PathBuf,
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

impl PhotoStore {
    pub fn new(root: impl Into<PathBuf>) -> PhotoStore {
        PhotoStore { root: root.into() }
    }

    /// `ab/abcdef….jpg`: a two-level fan-out keeps directories small.
    fn path(&self, key: &str, rendition: Rendition) -> Option<PathBuf> {
        if !valid_key(key) {
            return None;
        }
        let name = match rendition {
            Rendition::Full => format!("{key}.jpg"),
            Rendition::Thumbnail => format!("{key}.thumb.jpg"),
        };
        Some(self.root.join(&key[..2]).join(name))
    }

    /// Writes both renditions durably (temporary file, fsync, rename, fsync of the directory).
    pub async fn put(&self, key: &str, full: Vec<u8>, thumbnail: Vec<u8>) -> io::Result<()> {
        let full_path = self.path(key, Rendition::Full).ok_or_else(bad_key)?;
        let thumb_path = self.path(key, Rendition::Thumbnail).ok_or_else(bad_key)?;
        tokio::task::spawn_blocking(move || {
            write_durably(&thumb_path, &thumbnail)?;
            write_durably(&full_path, &full)
        })
        .await
        .map_err(io::Error::other)?
    }

    pub async fn get(&self, key: &str, rendition: Rendition) -> io::Result<Option<Vec<u8>>> {
        let Some(path) = self.path(key, rendition) else {
            return Ok(None);
        };
        match tokio::fs::read(path).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Removes both renditions; missing files are fine.
    pub async fn delete(&self, key: &str) -> io::Result<()> {
        for rendition in [Rendition::Full, Rendition::Thumbnail] {
            if let Some(path) = self.path(key, rendition) {
                match tokio::fs::remove_file(path).await {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(())
    }

    /// Checks that the directory is writable, for `/healthz`. Each probe writes its own file,
    /// so probes running at the same time do not remove each other's.
    pub async fn check(&self) -> io::Result<()> {
        tokio::fs::create_dir_all(&self.root).await?;
        let probe = self.root.join(format!(".healthz-{}", new_key()));
        tokio::fs::write(&probe, b"ok").await?;
        tokio::fs::remove_file(probe).await
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
    async fn keys_cannot_escape_the_directory() -> io::Result<()> {
        let store = PhotoStore::new("/tmp/kiezwerk-photos");
        assert_eq!(store.get("../../etc/passwd", Rendition::Full).await?, None);
        assert!(store.put("../x", vec![], vec![]).await.is_err());
        Ok(())
    }
}
