//! Per-key signals: a change wakes only the readers of the keys whose value changed.
//!
//! A report screen has a card per finding (thousands in a big report). A card that read one
//! shared `Memo` (the filtered set, `finding=`) or one shared map (the cards opened by hand) would
//! be woken, or marked for re-checking, by every change of it, however few cards the change
//! concerns: with 500 cards that cost more than the filtering itself (README "Benchmarks").
//! These helpers keep a signal per key and hand out read access only; the writes are here.
//! Leptos's own [`Selector`](leptos::prelude::Selector) works the same way for "is this the
//! selected key" (the report screen uses it for `finding=`).

use leptos::prelude::*;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, RwLock};

/// One read-only signal per index, following `source`, which works out every index's value in
/// one pass (as many as its first answer has): a single effect runs it on each change and sets
/// only the signals whose value changed (the per-card visibility: `source` is the filter's
/// mask).
pub fn per_index<T>(source: impl Fn() -> Vec<T> + 'static) -> Arc<[ReadSignal<T>]>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let first = untrack(&source);
    let signals: Arc<[RwSignal<T>]> = first.into_iter().map(RwSignal::new).collect();
    let writers = signals.clone();
    Effect::new(move |_| {
        for (s, now) in writers.iter().zip(source()) {
            if s.with_untracked(|v| *v != now) {
                s.set(now);
            }
        }
    });
    signals.iter().map(|s| s.read_only()).collect()
}

/// Values chosen per key (the cards the reader opened or closed, by finding id): each key is a
/// signal of its own, so opening one card wakes that card, and "expand all" the cards it
/// changes. A key never chosen reads `None`. Cloning shares the choices.
pub struct Choices<K, V> {
    map: Arc<RwLock<HashMap<K, ArcRwSignal<Option<V>>>>>,
}

impl<K, V> Clone for Choices<K, V> {
    fn clone(&self) -> Self {
        Choices {
            map: self.map.clone(),
        }
    }
}

impl<K, V> Default for Choices<K, V> {
    fn default() -> Self {
        Choices {
            map: Arc::default(),
        }
    }
}

impl<K, V> Choices<K, V>
where
    K: Eq + Hash + Clone + Send + Sync + 'static,
    V: Clone + PartialEq + Send + Sync + 'static,
{
    /// The signal of `key`, made on first use.
    fn signal(&self, key: &K) -> ArcRwSignal<Option<V>> {
        if let Some(s) = self.map.read().ok().and_then(|m| m.get(key).cloned()) {
            return s;
        }
        let mut map = self.map.write().unwrap_or_else(|e| e.into_inner());
        map.entry(key.clone())
            .or_insert_with(|| ArcRwSignal::new(None))
            .clone()
    }

    /// The choice for `key` (tracked: the reader wakes when this key's choice changes).
    pub fn get(&self, key: &K) -> Option<V> {
        self.signal(key).get()
    }

    /// Choose `value` for `key`; wakes its readers only when that changes the choice.
    pub fn set(&self, key: K, value: V) {
        let s = self.signal(&key);
        if s.with_untracked(|v| v.as_ref() != Some(&value)) {
            s.set(Some(value));
        }
    }

    /// Choose `value` for every key of `keys`.
    pub fn set_all(&self, keys: impl IntoIterator<Item = K>, value: V) {
        for k in keys {
            self.set(k, value.clone());
        }
    }
}
