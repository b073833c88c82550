//! Drawings kept for the rest of the process, by content hash: a batch of a thousand
//! reports that share a diagram draws it once per worker. Failures are kept too, so a
//! broken diagram repeated in every report is not parsed again each time.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

/// Drawings kept at most; past it the cache starts again empty. A drawing is tens of
/// kilobytes, so this bounds the cache to a few tens of megabytes.
const MAX_ENTRIES: usize = 512;

/// What drawing a source gave: the SVG, or why there is none.
type Drawn = Result<Arc<[u8]>, String>;

static DRAWN: Mutex<Option<HashMap<u64, Drawn>>> = Mutex::new(None);

/// A stable hash of a diagram's source: the cache key, and the name of its picture. The
/// SipHash keys of `DefaultHasher::new` are fixed, so the name is the same on every run.
pub fn key(source: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    source.hash(&mut hasher);
    hasher.finish()
}

/// The drawing of `source`, made by `draw` the first time this process asks for it.
pub fn get_or_draw(source: &str, draw: impl FnOnce(&str) -> Drawn) -> Drawn {
    get_or_draw_in(&DRAWN, source, draw)
}

fn get_or_draw_in(
    cache: &Mutex<Option<HashMap<u64, Drawn>>>,
    source: &str,
    draw: impl FnOnce(&str) -> Drawn,
) -> Drawn {
    let key = key(source);
    // A poisoned lock only means another thread panicked while holding it; the map is
    // still whole (inserts are single calls), so it is used as it is.
    let lookup = |cache: &Mutex<Option<HashMap<u64, Drawn>>>| {
        let guard = cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        guard.as_ref().and_then(|map| map.get(&key).cloned())
    };
    if let Some(drawn) = lookup(cache) {
        return drawn;
    }
    // Drawn outside the lock, so one slow diagram does not hold up the others; two
    // threads meeting the same new diagram may both draw it, once.
    let drawn = draw(source);
    let mut guard = cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let map = guard.get_or_insert_with(HashMap::new);
    if map.len() >= MAX_ENTRIES {
        map.clear();
    }
    map.insert(key, drawn.clone());
    drawn
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_thousand_reports_with_the_same_diagram_draw_it_once() {
        let cache = Mutex::new(None);
        let draws = AtomicUsize::new(0);
        let draw = |_: &str| -> Drawn {
            draws.fetch_add(1, Ordering::Relaxed);
            Ok(Arc::from(&b"<svg/>"[..]))
        };
        for _ in 0..1000 {
            let drawn = get_or_draw_in(&cache, "pie\n \"a\" : 1", draw);
            assert_eq!(drawn.as_deref(), Ok(&b"<svg/>"[..]));
        }
        assert_eq!(draws.load(Ordering::Relaxed), 1);
        get_or_draw_in(&cache, "pie\n \"b\" : 1", draw).unwrap();
        assert_eq!(draws.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn failures_are_kept_and_the_cache_stays_bounded() {
        let cache = Mutex::new(None);
        let failed = get_or_draw_in(&cache, "nonsense", |_| Err("no".into()));
        let again = get_or_draw_in(&cache, "nonsense", |_| panic!("drawn twice"));
        assert_eq!((failed, again), (Err("no".to_string()), Err("no".to_string())));
        for n in 0..MAX_ENTRIES * 2 {
            let _ = get_or_draw_in(&cache, &n.to_string(), |_| Err(String::new()));
        }
        let len = cache.lock().unwrap().as_ref().map_or(0, HashMap::len);
        assert!(len <= MAX_ENTRIES, "{len}");
    }

    #[test]
    fn the_key_depends_on_the_source_alone() {
        assert_eq!(key("pie\n \"a\" : 1"), key("pie\n \"a\" : 1"));
        assert_ne!(key("pie\n \"a\" : 1"), key("pie\n \"a\" : 2"));
    }
}
