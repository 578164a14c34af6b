//! Bytes in: `?src=` downloads (streamed, size-limited, with a stall note and Cancel), picked
//! and dropped files, and parsing off the main thread for big reports. [`super::loader`] builds
//! "get me this report" on top. Every failure is one sentence that names the address or file and
//! says what to do.

use super::util::js_error_text;
use crate::document::Document;
use crate::model::Review;
use crate::parse::{self, MAX_INPUT_BYTES};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Refuse addresses the viewer never fetches (`javascript:`, `file:`, `data:` …).
pub fn check_src(src: &str) -> Result<(), String> {
    let s = src.trim();
    if s.is_empty() {
        return Err("the address in `src=` is empty: give a report path or an http(s) URL".into());
    }
    match crate::markdown_view::url_scheme(s) {
        None => Ok(()),
        Some(scheme)
            if ["http", "https"]
                .iter()
                .any(|h| h.eq_ignore_ascii_case(scheme)) =>
        {
            Ok(())
        }
        Some(_) => Err(format!(
            "cannot open “{s}”: only relative paths and http/https addresses can be loaded"
        )),
    }
}

/// No bytes for this long while loading `?src=`: the page says so (and offers Cancel).
const STALL_MS: f64 = 20_000.0;

/// `localStorage` key that shortens (or lengthens) [`STALL_MS`], in milliseconds: the e2e
/// tests set it to wait 2 s instead of 20.
const STALL_KEY: &str = "deep-review:stall-ms";

fn stall_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(STALL_KEY).ok().flatten())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|ms| ms.is_finite() && *ms >= 100.0)
        .unwrap_or(STALL_MS)
}

thread_local! {
    /// The downloads in progress (a diff loads two reports at once), for [`cancel_fetch`].
    static CURRENT: std::cell::RefCell<Vec<web_sys::AbortController>> =
        const { std::cell::RefCell::new(Vec::new()) };
    /// The downloads the reader cancelled (the page also aborts a download itself, at the size
    /// limit, and then says so instead).
    static CANCELLED: std::cell::RefCell<Vec<web_sys::AbortController>> =
        const { std::cell::RefCell::new(Vec::new()) };
    /// Reference-counted, not owned by whichever component first asked for it (an arena
    /// signal would be disposed with that component).
    static NOTE: leptos::prelude::ArcRwSignal<Option<String>> =
        leptos::prelude::ArcRwSignal::new(None);
}

/// A note about the download in progress ("no data for 20 s …"), `None` when all is well.
pub fn fetch_note() -> leptos::prelude::ArcRwSignal<Option<String>> {
    NOTE.with(Clone::clone)
}

/// Stops the downloads in progress; each ends with a "cancelled" error.
pub fn cancel_fetch() {
    for c in CURRENT.with(|c| std::mem::take(&mut *c.borrow_mut())) {
        CANCELLED.with(|x| x.borrow_mut().push(c.clone()));
        c.abort();
    }
}

/// Whether the reader cancelled this download (forgetting it).
fn was_cancelled(controller: &web_sys::AbortController) -> bool {
    CANCELLED.with(|x| {
        let mut x = x.borrow_mut();
        let before = x.len();
        x.retain(|c| c != controller);
        x.len() != before
    })
}

/// Fetch bytes from a relative path or an http(s) URL (redirects followed). The body is read as
/// a stream and counted: the download stops at the 50 MB limit (a 400 MB body or a 2 MB gzip
/// inflating to 2 GB no longer fills memory first). While no byte arrives for 20 s,
/// [`fetch_note`] says so; [`cancel_fetch`] stops it.
pub async fn fetch_bytes(src: &str) -> Result<Vec<u8>, String> {
    use leptos::prelude::{Set, Update};
    check_src(src)?;
    let controller = web_sys::AbortController::new()
        .map_err(|e| format!("Could not load {src}: {}", js_error_text(&e)))?;
    CURRENT.with(|c| c.borrow_mut().push(controller.clone()));
    // Stall watch: the time of the last progress, checked every second until `done`.
    let last = std::rc::Rc::new(std::cell::Cell::new(js_sys::Date::now()));
    let done = std::rc::Rc::new(std::cell::Cell::new(false));
    {
        let (last, done, src) = (last.clone(), done.clone(), src.to_string());
        let stall = stall_ms();
        let tick = (stall / 4.0).clamp(100.0, 1_000.0) as u32;
        leptos::task::spawn_local(async move {
            while !done.get() {
                gloo_timers::future::TimeoutFuture::new(tick).await;
                let quiet = js_sys::Date::now() - last.get();
                let note = (!done.get() && quiet >= stall).then(|| {
                    format!(
                        "No data from {src} for {} s; the server may be slow or stuck. Keep \
                         waiting, or Cancel.",
                        (quiet / 1000.0) as u64
                    )
                });
                fetch_note().update(|n| {
                    if *n != note {
                        *n = note;
                    }
                });
            }
        });
    }
    let result = fetch_body(src, &controller, &last).await;
    done.set(true);
    fetch_note().set(None);
    CURRENT.with(|c| c.borrow_mut().retain(|c| c != &controller));
    let cancelled = was_cancelled(&controller);
    match result {
        Err(_) if cancelled => Err(format!(
            "Loading {src} was cancelled. Reload the page to try again."
        )),
        r => r,
    }
}

async fn fetch_body(
    src: &str,
    controller: &web_sys::AbortController,
    last: &std::cell::Cell<f64>,
) -> Result<Vec<u8>, String> {
    use js_sys::{Function, Promise, Reflect, Uint8Array};
    let resp = gloo_net::http::Request::get(src)
        .redirect(web_sys::RequestRedirect::Follow)
        .abort_signal(Some(&controller.signal()))
        .send()
        .await
        .map_err(|e| {
            format!(
            "Could not load {src}: the request failed before any response ({e}). The server is \
             unreachable, or it refuses cross-origin requests (CORS); download the file and open \
             it with “Open files” instead."
        )
        })?;
    last.set(js_sys::Date::now());
    // After a redirect, messages name the address the bytes came from too.
    let from = if resp.redirected() {
        format!("{src} (redirected to {})", resp.url())
    } else {
        src.to_string()
    };
    if !resp.ok() {
        let status = resp.status();
        let text = resp.status_text();
        let hint = if status == 404 {
            ": there is no file at that address"
        } else {
            ""
        };
        return Err(format!(
            "Could not load {from}: the server answered HTTP {status} {text}{hint}."
        ));
    }
    let announced = resp
        .headers()
        .get("content-length")
        .and_then(|n| n.parse::<usize>().ok());
    if let Some(n) = announced.filter(|&n| n > MAX_INPUT_BYTES) {
        controller.abort();
        return Err(parse::too_large(&from, n));
    }
    // A big report will be parsed in the worker: start it while the body downloads.
    if announced.is_some_and(|n| n >= WORKER_MIN_BYTES) {
        super::worker::warm_up();
    }
    let read_error = |e: wasm_bindgen::JsValue| {
        format!(
            "Could not read the response from {from}: {}",
            js_error_text(&e)
        )
    };
    let Some(body) = resp.body() else {
        return Ok(Vec::new());
    };
    let reader = Reflect::get(&body, &"getReader".into())
        .and_then(|f| f.dyn_into::<Function>())
        .and_then(|f| f.call0(&body))
        .map_err(read_error)?;
    let read = Reflect::get(&reader, &"read".into())
        .and_then(|f| f.dyn_into::<Function>())
        .map_err(read_error)?;
    let mut bytes = Vec::with_capacity(announced.unwrap_or(0));
    loop {
        let next: Promise = read
            .call0(&reader)
            .and_then(|p| p.dyn_into::<Promise>())
            .map_err(read_error)?;
        let chunk = JsFuture::from(next).await.map_err(read_error)?;
        last.set(js_sys::Date::now());
        if Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true)
        {
            break;
        }
        let Ok(value) =
            Reflect::get(&chunk, &"value".into()).and_then(|v| v.dyn_into::<Uint8Array>())
        else {
            continue;
        };
        let len = value.length() as usize;
        if bytes.len() + len > MAX_INPUT_BYTES {
            controller.abort();
            return Err(format!(
                "{from} is over the {} MB limit: the download was stopped there. Open a smaller \
                 report.",
                MAX_INPUT_BYTES / 1_048_576
            ));
        }
        let at = bytes.len();
        bytes.resize(at + len, 0);
        value.copy_to(&mut bytes[at..]);
    }
    Ok(bytes)
}

/// Reports at least this big are parsed in the worker ([`super::worker`]); smaller ones parse
/// faster on the main thread than a worker starts (an 80 KB report takes a few milliseconds).
/// At 512 KB, a 300 KB report of 100 findings × 125 locations took 80 ms to parse on the page
/// and, built in the same task, made a 315 ms frame; at 192 KB, 180 KB of them 100–115 ms.
/// The largest real reports (150–210 KB) go to the worker; a 100 KB one does not.
pub const WORKER_MIN_BYTES: usize = 128 * 1024;

/// A report parsed on the main thread from this size on is built in a task after the parse's,
/// so that parsing and building the screen never add up in one frame.
const YIELD_AFTER_PARSE: usize = 64 * 1024;

/// Parse report bytes without blocking the page: big ones in the parse worker, falling back to
/// the main thread when the worker is unavailable. Errors say where the bytes came from.
pub async fn parse_named(name: &str, bytes: &[u8]) -> Result<Review, String> {
    if bytes.len() >= WORKER_MIN_BYTES {
        match super::worker::parse(name, bytes).await {
            Ok(reply) => {
                // Let the page paint before the report is built, in a task of its own.
                gloo_timers::future::TimeoutFuture::new(0).await;
                return reply;
            }
            Err(why) => web_sys::console::warn_1(
                &format!("Deep Review Viewer: parsing {name} on the main thread ({why})").into(),
            ),
        }
    }
    let parsed = super::util::timed("report: parse", || parse::parse_named(name, bytes));
    if bytes.len() >= YIELD_AFTER_PARSE {
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    parsed
}

/// Run the parser and the Markdown renderer once on a tiny built-in report, so that the browser
/// has compiled their code (it compiles WebAssembly functions on first call, ~40 ms for the
/// parser) before a real report's bytes arrive. Called at start, while the network is busy.
pub fn warm_up_parser() {
    if let Ok(review) = parse::parse_text(include_str!("warm_sample.md")) {
        for f in &review.findings {
            let _ = crate::markdown_view::render(&f.body_md, &Default::default());
        }
    }
}

/// Read a picked or dropped file, refusing it before reading when it is too large.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let name = file.name();
    let size = file.size();
    if size > MAX_INPUT_BYTES as f64 {
        return Err(parse::too_large(&name, size as usize));
    }
    let buf = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("Could not read {name}: {}", js_error_text(&e)))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// The files of a `FileList` (picker or drop).
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// What a `src` holds: a Deep Review, or a document of another kind (`crate::document`);
/// compared by identity (a deep comparison of a large report on every memo update would be
/// wasted work).
#[derive(Debug, Clone)]
pub enum Content {
    Review(Arc<Review>),
    Document(Arc<Document>),
}

impl PartialEq for Content {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Content::Review(a), Content::Review(b)) => Arc::ptr_eq(a, b),
            (Content::Document(a), Content::Document(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// Bytes from anywhere (`?src=`, a file, paste) → what they hold. The one place where the
/// parser's refusal of a document that is not a Deep Review ([`parse::ParseError::NotADeepReview`]
/// with a known kind) becomes a [`Content::Document`] instead of an error; anything else the
/// parser refuses (empty, binary, an unknown first line) stays its error.
pub async fn parse_content(name: &str, bytes: &[u8]) -> Result<Content, String> {
    match parse_named(name, bytes).await {
        Ok(r) => Ok(Content::Review(Arc::new(r))),
        Err(e) => crate::document::of_bytes(bytes)
            .map(|d| Content::Document(Arc::new(d)))
            .ok_or(e),
    }
}
