//! A bounded in-memory cache of byte strings, least recently used out first, for answers that
//! are costly to make and named by a key that changes whenever their content would (an entity
//! tag with the versions of what they are made of). Never a source of truth: a server that
//! starts empty, or a neighbour that holds other entries, answers the same, only slower. So
//! servers stay stateless and a stale entry is never served: a changed version is a new key,
//! and the old entry falls out when room is needed.

use bytes::Bytes;
use std::collections::HashMap;
use std::sync::Mutex;

/// What an entry costs beyond its bytes (its key, the map's slot), counted against the budget.
const OVERHEAD: usize = 96;

/// A cache of at most `budget` bytes (keys, values and a fixed overhead per entry).
pub struct ByteCache {
    budget: usize,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<String, Entry>,
    /// The bytes held, as counted against the budget.
    held: usize,
    /// A counter of uses: an entry's `used` is the count of its last use.
    clock: u64,
    hits: u64,
    misses: u64,
}

struct Entry {
    bytes: Bytes,
    used: u64,
}

/// How often the cache answered, and what it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheStats {
    pub hits: u64,
    pub misses: u64,
    pub entries: usize,
    pub held: usize,
}

fn cost(key: &str, bytes: &Bytes) -> usize {
    key.len() + bytes.len() + OVERHEAD
}

impl ByteCache {
    pub fn new(budget: usize) -> ByteCache {
        ByteCache {
            budget,
            inner: Mutex::new(Inner::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // The map stays consistent between statements: a panic elsewhere cannot break it.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The bytes kept under `key`, now the most recently used.
    pub fn get(&self, key: &str) -> Option<Bytes> {
        let mut inner = self.lock();
        inner.clock += 1;
        let now = inner.clock;
        match inner.entries.get_mut(key) {
            Some(entry) => {
                entry.used = now;
                let bytes = entry.bytes.clone();
                inner.hits += 1;
                Some(bytes)
            }
            None => {
                inner.misses += 1;
                None
            }
        }
    }

    /// Keeps `bytes` under `key`, making room by dropping the least recently used entries
    /// (down to three quarters of the budget, so that not every insert sorts the entries).
    /// Bytes larger than an eighth of the budget are not kept.
    pub fn insert(&self, key: &str, bytes: Bytes) {
        let size = cost(key, &bytes);
        if size > self.budget / 8 {
            return;
        }
        let mut inner = self.lock();
        inner.clock += 1;
        let used = inner.clock;
        if let Some(old) = inner.entries.insert(key.to_owned(), Entry { bytes, used }) {
            inner.held -= cost(key, &old.bytes);
        }
        inner.held += size;
        if inner.held > self.budget {
            let mut by_use: Vec<(u64, String)> = inner
                .entries
                .iter()
                .map(|(k, e)| (e.used, k.clone()))
                .collect();
            by_use.sort_unstable();
            let target = self.budget / 4 * 3;
            for (_, key) in by_use {
                if inner.held <= target {
                    break;
                }
                if let Some(old) = inner.entries.remove(&key) {
                    inner.held -= cost(&key, &old.bytes);
                }
            }
        }
    }

    pub fn stats(&self) -> CacheStats {
        let inner = self.lock();
        CacheStats {
            hits: inner.hits,
            misses: inner.misses,
            entries: inner.entries.len(),
            held: inner.held,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(n: usize) -> Bytes {
        Bytes::from(vec![7u8; n])
    }

    #[test]
    fn a_kept_entry_is_answered_and_a_missing_one_is_counted_as_a_miss() {
        let cache = ByteCache::new(100_000);
        assert_eq!(cache.get("a"), None);
        cache.insert("a", bytes(10));
        assert_eq!(cache.get("a"), Some(bytes(10)));
        let stats = cache.stats();
        assert_eq!((stats.hits, stats.misses, stats.entries), (1, 1, 1));
        assert_eq!(stats.held, 1 + 10 + OVERHEAD);
    }

    #[test]
    fn the_cache_never_holds_more_than_its_budget_and_drops_the_least_recently_used_first() {
        let cache = ByteCache::new(10_000);
        for n in 0..10 {
            cache.insert(&format!("k{n}"), bytes(1_000));
            // k0 is used after every insert: it stays.
            let _ = cache.get("k0");
            assert!(cache.stats().held <= 10_000);
        }
        assert!(cache.get("k0").is_some());
        assert!(cache.get("k9").is_some());
        assert!(
            cache.get("k1").is_none(),
            "the least recently used went first"
        );
    }

    #[test]
    fn replacing_an_entry_counts_its_bytes_once_and_oversized_bytes_are_not_kept() {
        let cache = ByteCache::new(80_000);
        cache.insert("a", bytes(1_000));
        cache.insert("a", bytes(2_000));
        assert_eq!(cache.stats().held, 1 + 2_000 + OVERHEAD);
        cache.insert("big", bytes(20_000));
        assert_eq!(cache.get("big"), None);
        assert_eq!(cache.stats().entries, 1);
    }
}
