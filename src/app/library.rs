//! Reports opened from files or paste (kept in memory under `src=local:<name>`), and the
//! notices those actions produce. Shared through context.

use super::loader::{self, LOCAL_PREFIX};
use crate::model::Review;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::collections::HashMap;
use std::sync::Arc;

/// One opened file: its report, or why it could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalEntry {
    pub name: String,
    pub result: Result<Arc<Review>, String>,
}

impl LocalEntry {
    /// The `src=` value that opens it.
    pub fn src(&self) -> String {
        format!("{LOCAL_PREFIX}{}", self.name)
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
}

impl Library {
    pub fn new() -> Self {
        Library {
            local: RwSignal::new(Vec::new()),
            notices: RwSignal::new(Vec::new()),
            busy: RwSignal::new(None),
            sources: StoredValue::new(HashMap::new()),
        }
    }

    /// The in-memory report for a `local:<name>` key.
    pub fn get_local(&self, src: &str) -> Option<Result<Arc<Review>, String>> {
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
                let result = match loader::read_file(&file).await {
                    Ok(bytes) => {
                        lib.keep_source(&name, &bytes);
                        loader::parse_named(&name, &bytes).await.map(Arc::new)
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
            let parsed = loader::parse_named("the pasted text", text.as_bytes()).await;
            lib.busy.set(None);
            match parsed {
                Ok(review) => {
                    let base = if review.slug.is_empty() {
                        "report".to_string()
                    } else {
                        review.slug.clone()
                    };
                    let entry = LocalEntry {
                        name: format!("pasted-{base}"),
                        result: Ok(Arc::new(review)),
                    };
                    let src = entry.src();
                    lib.keep_source(&entry.name, text.as_bytes());
                    lib.store(entry);
                    navigate(&src_url(&src), nav_push());
                }
                Err(e) => lib.notify(e),
            }
        });
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
