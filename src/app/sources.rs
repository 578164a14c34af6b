//! The reports the page knows about without loading them, as a context hook over
//! `crate::index`: the bundled index (loaded once per page) and the files opened so far.

use super::library::{Library, LocalEntry};
use crate::index::{sources, Source};
use crate::model::{Index, IndexEntry};
use leptos::prelude::*;

/// The bundled index, loaded once per page (context).
#[derive(Clone, Copy)]
pub struct BundledIndex(pub LocalResource<Result<Index, String>>);

/// [`sources`] from the page's contexts, and whether the bundled index has finished loading.
pub fn use_sources() -> (Memo<Vec<Source>>, Memo<bool>) {
    let index = expect_context::<BundledIndex>().0;
    let lib = expect_context::<Library>();
    let all = Memo::new(move |_| {
        let idx = index.get();
        let bundled = idx.as_ref().and_then(|r| r.as_ref().ok());
        lib.local.with(|l| sources(bundled, opened(l)))
    });
    let ready = Memo::new(move |_| index.with(|i| i.is_some()));
    (all, ready)
}

/// The opened reports that parsed, as `(src, index entry)`.
fn opened(local: &[LocalEntry]) -> Vec<(String, IndexEntry)> {
    local
        .iter()
        .filter_map(|e| Some((e.src(), IndexEntry::of(e.review()?, &e.name))))
        .collect()
}
