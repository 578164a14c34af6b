//! Reports opened from files or paste (kept in memory under `src=local:<name>`), and the
//! notices those actions produce. Shared through context.
//!
//! Their texts are also kept in this tab's `sessionStorage` ([`session`]), and re-opened when
//! the app starts, so a reload shows the same report (the ones the URL names first, the rest
//! after). Reports carried by a `#z=` link are not kept: the link re-opens them.
//!
//! A file or pasted text that is a document of another kind (a Supply Chain Scan …:
//! `crate::document`) opens too, as plain Markdown ([`fetch::parse_content`]).

use super::fetch::{self, Content};
use crate::document::Document;
use crate::model::Review;
use crate::query::ViewState;
use crate::share::LOCAL_PREFIX;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen_futures::JsFuture;

/// One opened file: its report (or a document of another kind), or why it could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalEntry {
    pub name: String,
    pub result: Result<Content, String>,
}

impl LocalEntry {
    /// The `src=` value that opens it.
    pub fn src(&self) -> String {
        format!("{LOCAL_PREFIX}{}", self.name)
    }

    /// The report, when it is one.
    pub fn review(&self) -> Option<&Arc<Review>> {
        match &self.result {
            Ok(Content::Review(r)) => Some(r),
            _ => None,
        }
    }

    /// The document of another kind, when it is one.
    pub fn document(&self) -> Option<&Arc<Document>> {
        match &self.result {
            Ok(Content::Document(d)) => Some(d),
            _ => None,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Library {
    /// Opened files, newest last; one entry per name.
    pub local: RwSignal<Vec<LocalEntry>>,
    /// Errors from opening files or pasting (dismissable).
    pub notices: RwSignal<Vec<String>>,
    /// "Reading 3 files…" while files are read and parsed.
    pub busy: RwSignal<Option<String>>,
    /// The text each local report was read from, by name (for self-contained share links).
    sources: StoredValue<HashMap<String, Arc<str>>>,
    /// Settles once the reports the URL names are re-opened from the session (none: nothing
    /// to wait for).
    restoring: StoredValue<Option<js_sys::Promise>, LocalStorage>,
}

impl Library {
    /// An empty library that starts re-opening this tab's kept reports.
    pub fn new() -> Self {
        let lib = Library {
            local: RwSignal::new(Vec::new()),
            notices: RwSignal::new(Vec::new()),
            busy: RwSignal::new(None),
            sources: StoredValue::new(HashMap::new()),
            restoring: StoredValue::new_local(None),
        };
        lib.restore_session();
        lib
    }

    /// Re-opens the reports kept in this tab's session: those the URL names (`src=`,
    /// `compare=`) first — [`Library::local_report`] waits for them — then the others, one task
    /// each.
    fn restore_session(&self) {
        let kept = session::names();
        if kept.is_empty() {
            return;
        }
        let search = window().location().search().unwrap_or_default();
        let state = ViewState::from_query(&search);
        let named: Vec<&str> = state
            .src
            .iter()
            .chain(&state.compare)
            .filter_map(|s| s.strip_prefix(LOCAL_PREFIX))
            .collect();
        let (first, rest): (Vec<String>, Vec<String>) =
            kept.into_iter().partition(|n| named.contains(&n.as_str()));
        let lib = *self;
        // Shared by both passes: the text re-opened at this start-up, in total.
        let budget = std::rc::Rc::new(std::cell::Cell::new(session::MAX_RESTORED_TOTAL));
        let budget_rest = budget.clone();
        let first_done = wasm_bindgen_futures::future_to_promise(async move {
            for name in first {
                lib.restore(&name, &budget).await;
            }
            Ok(wasm_bindgen::JsValue::UNDEFINED)
        });
        self.restoring.set_value(Some(first_done.clone()));
        leptos::task::spawn_local(async move {
            let _ = JsFuture::from(first_done).await;
            for name in rest {
                gloo_timers::future::TimeoutFuture::new(0).await;
                lib.restore(&name, &budget_rest).await;
            }
        });
    }

    /// Re-opens the kept report `name`, unless a report of that name is open already (opened
    /// again meanwhile: that one wins). A kept text that no longer opens is forgotten.
    async fn restore(&self, name: &str, budget: &std::cell::Cell<usize>) {
        let in_memory = |lib: &Library| lib.get_local(&format!("{LOCAL_PREFIX}{name}")).is_some();
        if in_memory(self) {
            return;
        }
        let Some(text) = session::text(name, budget) else {
            session::forget(name);
            return;
        };
        let parsed = fetch::parse_content(name, text.as_bytes()).await;
        if in_memory(self) {
            return;
        }
        match parsed {
            Ok(content) => {
                self.keep_text(name, text.into());
                self.store(LocalEntry {
                    name: name.to_string(),
                    result: Ok(content),
                });
            }
            Err(e) => {
                session::note(&format!("{e}; the copy kept for a reload is dropped"));
                session::forget(name);
            }
        }
    }

    /// Makes [`Library::local_report`] also wait for `p` (a `#z=` link being opened).
    pub fn wait_for(&self, p: js_sys::Promise) {
        let all = match self.restoring.get_value() {
            Some(before) => js_sys::Promise::all(&js_sys::Array::of2(&before, &p)),
            None => p,
        };
        self.restoring.set_value(Some(all));
    }

    /// The report for a `local:<name>` key (see [`Library::local_content`]); a document of
    /// another kind is an error here (it has no findings to compare or triage).
    pub async fn local_report(&self, src: &str) -> Result<Arc<Review>, String> {
        match self.local_content(src).await? {
            Content::Review(r) => Ok(r),
            Content::Document(d) => Err(format!(
                "{} is a {}, not a Deep Review: it has no findings to compare or triage.",
                d.title, d.kind
            )),
        }
    }

    /// What a `local:<name>` key holds: in memory, or re-opened from this tab's session after
    /// a reload; otherwise why not, and what to do.
    pub async fn local_content(&self, src: &str) -> Result<Content, String> {
        if let Some(r) = self.get_local(src) {
            return r;
        }
        if let Some(p) = self.restoring.get_value() {
            let _ = JsFuture::from(p).await;
        }
        if self.get_local(src).is_none() {
            if let Some(name) = src.strip_prefix(LOCAL_PREFIX) {
                // Asked for by name: one report's limit, not what start-up left.
                let budget = std::cell::Cell::new(crate::parse::MAX_INPUT_BYTES);
                self.restore(name, &budget).await;
            }
        }
        self.get_local(src).unwrap_or_else(|| {
            Err(format!(
                "{src} was opened from a file on this device and is not kept in this tab (files \
                 opened in another tab, or too large for the tab's storage, are not): open the \
                 file again."
            ))
        })
    }

    /// Keeps the local report `name` in this tab's session, so a reload re-opens it.
    async fn keep_for_reload(&self, name: &str) {
        if let Some(text) = self.sources.with_value(|s| s.get(name).cloned()) {
            session::keep(name, &text).await;
        }
    }

    /// What the `local:<name>` key holds, in memory.
    pub fn get_local(&self, src: &str) -> Option<Result<Content, String>> {
        let name = src.strip_prefix(LOCAL_PREFIX)?;
        self.local
            .with_untracked(|l| l.iter().find(|e| e.name == name).map(|e| e.result.clone()))
    }

    /// Keeps the text a local report was read from (undecodable bytes are not kept).
    pub fn keep_source(&self, name: &str, bytes: &[u8]) {
        if let Ok(text) = crate::parse::decode_text(bytes) {
            self.keep_text(name, text.into());
        }
    }

    pub fn keep_text(&self, name: &str, text: Arc<str>) {
        self.sources.update_value(|s| {
            s.insert(name.to_string(), text);
        });
    }

    /// The text the local report `src` (`local:<name>`) was read from.
    pub fn source_of(&self, src: &str) -> Option<Arc<str>> {
        let name = src.strip_prefix(LOCAL_PREFIX)?;
        self.sources.with_value(|s| s.get(name).cloned())
    }

    pub fn store(&self, entry: LocalEntry) {
        self.local.update(|l| {
            l.retain(|e| e.name != entry.name);
            l.push(entry);
        });
    }

    pub fn notify(&self, msg: String) {
        self.notices.update(|n| n.push(msg));
    }
}

impl Default for Library {
    fn default() -> Self {
        Self::new()
    }
}

/// Where to go after opening reports: one good report → show it; several → the list.
fn go_after_open(opened: &[LocalEntry]) -> Option<String> {
    match opened {
        [one] => one.result.as_ref().ok().map(|_| one.src()),
        [] => None,
        _ => Some(String::new()),
    }
}

/// An action that reads and opens files (picker or drop). Call from a component.
pub fn use_open_files() -> impl Fn(Vec<web_sys::File>) + Clone + 'static {
    let lib = expect_context::<Library>();
    let navigate = use_navigate();
    move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        let navigate = navigate.clone();
        lib.busy.set(Some(if files.len() == 1 {
            format!("Reading {}…", files[0].name())
        } else {
            format!("Reading {} files…", files.len())
        }));
        leptos::task::spawn_local(async move {
            let mut opened = Vec::new();
            for file in files {
                let name = file.name();
                let result = match fetch::read_file(&file).await {
                    Ok(bytes) => {
                        lib.keep_source(&name, &bytes);
                        fetch::parse_content(&name, &bytes).await
                    }
                    Err(e) => Err(e),
                };
                if let Err(e) = &result {
                    lib.notify(e.clone());
                }
                let entry = LocalEntry { name, result };
                lib.store(entry.clone());
                opened.push(entry);
            }
            lib.busy.set(None);
            if let Some(src) = go_after_open(&opened) {
                navigate(&src_url(&src), nav_push());
            }
            for entry in opened.iter().filter(|e| e.result.is_ok()) {
                lib.keep_for_reload(&entry.name).await;
            }
        });
    }
}

/// An action that opens pasted report text. Call from a component.
pub fn use_open_text() -> impl Fn(String) + Clone + 'static {
    let lib = expect_context::<Library>();
    let navigate = use_navigate();
    move |text: String| {
        let navigate = navigate.clone();
        lib.busy.set(Some("Reading the pasted text…".into()));
        leptos::task::spawn_local(async move {
            let parsed = fetch::parse_content("the pasted text", text.as_bytes()).await;
            lib.busy.set(None);
            match parsed {
                Ok(content) => {
                    let entry = LocalEntry {
                        name: format!("pasted-{}", pasted_name(&content)),
                        result: Ok(content),
                    };
                    let (src, name) = (entry.src(), entry.name.clone());
                    lib.keep_source(&name, text.as_bytes());
                    lib.store(entry);
                    navigate(&src_url(&src), nav_push());
                    lib.keep_for_reload(&name).await;
                }
                Err(e) => lib.notify(e),
            }
        });
    }
}

/// The name a pasted text is kept under (after `pasted-`): the report's slug, or the
/// document's name.
fn pasted_name(content: &Content) -> String {
    match content {
        Content::Review(r) if !r.slug.is_empty() => r.slug.clone(),
        Content::Review(_) => "report".to_string(),
        Content::Document(d) => d.name(),
    }
}

/// The app URL (current path) with only `src=` set; an empty `src` is the report list.
pub fn src_url(src: &str) -> String {
    let path = window()
        .location()
        .pathname()
        .unwrap_or_else(|_| "/".into());
    if src.is_empty() {
        path
    } else {
        format!("{path}{}", super::nav::src_href(src))
    }
}

/// A history entry that does not scroll to the top.
pub fn nav_push() -> NavigateOptions {
    NavigateOptions {
        scroll: false,
        ..Default::default()
    }
}

/// This tab's opened reports in `sessionStorage` (per tab, kept across reloads): the names,
/// newest last, under [`NAMES_KEY`]; each text under [`TEXT_KEY`]`<name>`, compressed as in
/// `#z=` links (zlib, base64url) in pieces of [`PIECE`] bytes joined by `.`, one task per piece
/// (a 5 MB report does not block the page while it is compressed). Storage that is full or
/// disabled costs only the reload memory: a note in the console, never an error on the page.
mod session {
    use crate::parse::MAX_INPUT_BYTES;
    use crate::share::{decode_pieces, encode_fragment};
    use std::cell::Cell;

    const NAMES_KEY: &str = "deep-review/local/names";
    /// At most this many reports are kept (the newest); older names are forgotten.
    const MAX_KEPT: usize = 16;
    /// At most this much text (decompressed) is re-opened at start-up, over all kept reports;
    /// each one is also at most [`MAX_INPUT_BYTES`], like any report.
    pub const MAX_RESTORED_TOTAL: usize = 2 * MAX_INPUT_BYTES;
    const TEXT_KEY: &str = "deep-review/local/text/";
    const PIECE: usize = 256 * 1024;

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok().flatten()
    }

    fn text_key(name: &str) -> String {
        format!("{TEXT_KEY}{name}")
    }

    /// A quiet note in the console.
    pub fn note(msg: &str) {
        web_sys::console::info_1(&format!("Deep Review Viewer: {msg}").into());
    }

    /// The kept reports' names, oldest first (the newest [`MAX_KEPT`]; anything unreadable is
    /// an empty list).
    pub fn names() -> Vec<String> {
        let mut names: Vec<String> = storage()
            .and_then(|s| s.get_item(NAMES_KEY).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        if names.len() > MAX_KEPT {
            names.drain(..names.len() - MAX_KEPT);
        }
        names
    }

    fn set_names(s: &web_sys::Storage, names: &[String]) {
        let json = serde_json::to_string(names).unwrap_or_default();
        if s.set_item(NAMES_KEY, &json).is_err() {
            note("the list of reports kept for a reload could not be saved (storage full)");
        }
    }

    /// Keeps `text` as the report `name` (replacing an older one of that name). When the tab's
    /// storage is full, the oldest other reports are dropped to make room.
    pub async fn keep(name: &str, text: &str) {
        let mut pieces = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            gloo_timers::future::TimeoutFuture::new(0).await;
            let mut cut = rest.len().min(PIECE);
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let (piece, tail) = rest.split_at(cut);
            pieces.push(encode_fragment(piece));
            rest = tail;
        }
        let data = pieces.join(".");
        let Some(s) = storage() else {
            note(&format!(
                "{name} is not kept for a reload: this browser gives no session storage"
            ));
            return;
        };
        let mut names = names();
        names.retain(|n| n != name);
        while names.len() >= MAX_KEPT {
            let oldest = names.remove(0);
            let _ = s.remove_item(&text_key(&oldest));
            note(&format!(
                "{oldest} is no longer kept for a reload: at most {MAX_KEPT} reports are kept"
            ));
        }
        loop {
            if s.set_item(&text_key(name), &data).is_ok() {
                names.push(name.to_string());
                break;
            }
            if names.is_empty() {
                let _ = s.remove_item(&text_key(name));
                note(&format!(
                    "{name} is not kept for a reload: it does not fit in this tab's storage \
                     ({} KB compressed)",
                    data.len().div_ceil(1024)
                ));
                break;
            }
            let oldest = names.remove(0);
            let _ = s.remove_item(&text_key(&oldest));
            note(&format!(
                "{oldest} is no longer kept for a reload, to make room for {name}"
            ));
        }
        set_names(&s, &names);
    }

    /// The kept text of `name`, taken from what is left of `budget` (bytes of text still
    /// allowed at this start-up); one that cannot be read back, or does not fit, is forgotten
    /// with a note.
    pub fn text(name: &str, budget: &Cell<usize>) -> Option<String> {
        let data = storage()?.get_item(&text_key(name)).ok().flatten()?;
        let limit = budget.get().min(MAX_INPUT_BYTES);
        match decode_pieces(&data, limit) {
            Ok(text) => {
                budget.set(budget.get() - text.len());
                Some(text)
            }
            Err(e) => {
                note(&format!(
                    "the copy of {name} kept for a reload is unreadable ({e}); dropped"
                ));
                forget(name);
                None
            }
        }
    }

    pub fn forget(name: &str) {
        let Some(s) = storage() else {
            return;
        };
        let _ = s.remove_item(&text_key(name));
        let mut names = names();
        names.retain(|n| n != name);
        set_names(&s, &names);
    }
}
