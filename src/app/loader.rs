//! Getting reports into the app: [`load`] is the one way to get the report a `src=` names (an
//! opened file, a report loaded before, or a download through [`super::fetch`]), and
//! [`load_index`] the bundled list.

pub use super::fetch::Content;
use super::fetch::{fetch_bytes, parse_content};
use super::library::Library;
use crate::model::{Index, Review};
use crate::parse;
use std::sync::Arc;

/// `src=local:<name>`: a report opened from a file, pasted or carried by a `#z=` link, kept in
/// memory only.
pub use crate::share::LOCAL_PREFIX;

/// The bundled index, relative to the page.
pub const INDEX_URL: &str = "reviews/index.json";

/// How many loaded reports are kept (most recently used last).
const CACHE_SIZE: usize = 12;

thread_local! {
    /// Reports fetched before, by `src=`: the diff view, a finding's history and the scoreboard
    /// reuse what another screen loaded.
    static CACHE: std::cell::RefCell<Vec<(String, Content)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Keep a report under its `src=` for the next screen that asks (not opened files: the library
/// has them).
pub fn remember(src: &str, content: Content) {
    if src.starts_with(LOCAL_PREFIX) {
        return;
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        c.retain(|(s, _)| s != src);
        c.push((src.to_string(), content));
        let over = c.len().saturating_sub(CACHE_SIZE);
        c.drain(..over);
    });
}

fn cached(src: &str) -> Option<Content> {
    CACHE.with(|c| {
        c.borrow()
            .iter()
            .find(|(s, _)| s == src)
            .map(|(_, r)| r.clone())
    })
}

/// The one way to get the report a `src=` names: an opened file from the library (`local:`),
/// else one loaded before ([`remember`]), else fetched and parsed — a Deep Review, or a document
/// of another kind on the same branch (a Supply Chain Scan …, `crate::document`), shown as plain
/// Markdown instead of refused. What is fetched is kept for the next screen.
pub async fn load(lib: Library, src: &str) -> Result<Content, String> {
    if src.starts_with(LOCAL_PREFIX) {
        return lib.local_content(src).await;
    }
    if let Some(c) = cached(src) {
        return Ok(c);
    }
    let content = fetch_content(src).await?;
    remember(src, content.clone());
    Ok(content)
}

/// [`load`] for a screen that needs a Deep Review (a diff, a history, the scoreboard): a
/// document of another kind is refused, as the parser words it.
pub async fn load_review(lib: Library, src: &str) -> Result<Arc<Review>, String> {
    if src.starts_with(LOCAL_PREFIX) {
        return lib.local_report(src).await;
    }
    match load(lib, src).await? {
        Content::Review(r) => Ok(r),
        Content::Document(d) => Err(format!(
            "{src}: {}",
            parse::ParseError::NotADeepReview {
                kind: Some(d.kind.clone()),
                first_line: format!("# {}", d.title),
            }
        )),
    }
}

/// Fetch and parse one `src`. Yields once before parsing so the progress indicator paints.
async fn fetch_content(src: &str) -> Result<Content, String> {
    let bytes = fetch_bytes(src).await?;
    gloo_timers::future::TimeoutFuture::new(0).await;
    parse_content(src, &bytes).await
}

/// Fetch and read the bundled index.
pub async fn load_index() -> Result<Index, String> {
    let bytes = fetch_bytes(INDEX_URL).await.map_err(|e| {
        format!("{e} The bundled report list is missing; open a report with “Open files”, drop one on the page, paste it, or use ?src=.")
    })?;
    serde_json::from_slice::<Index>(&bytes)
        .map_err(|e| format!("{INDEX_URL} is not a report index: {e}"))
}
