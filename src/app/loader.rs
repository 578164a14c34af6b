//! Getting report bytes into the app: `?src=` fetches, files (picker and drop) and paste.
//! Every failure is one sentence that names the address or file and says what to do.

use crate::model::{Index, Review};
use crate::parse::{self, MAX_INPUT_BYTES};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// `src=local:<name>`: a report opened from a file, pasted or carried by a `#z=` link, kept in
/// memory only.
pub use crate::meeting::LOCAL_PREFIX;

/// The bundled index, relative to the page.
pub const INDEX_URL: &str = "reviews/index.json";

/// Refuse addresses the viewer never fetches (`javascript:`, `file:`, `data:` …).
pub fn check_src(src: &str) -> Result<(), String> {
    let s = src.trim();
    if s.is_empty() {
        return Err("the address in `src=` is empty: give a report path or an http(s) URL".into());
    }
    match crate::app::util::safe_href(s) {
        Some(_) if !s.to_ascii_lowercase().starts_with("mailto:") => Ok(()),
        _ => Err(format!(
            "cannot open “{s}”: only relative paths and http/https addresses can be loaded"
        )),
    }
}

/// Fetch bytes from a relative path or an http(s) URL.
pub async fn fetch_bytes(src: &str) -> Result<Vec<u8>, String> {
    check_src(src)?;
    let resp = gloo_net::http::Request::get(src)
        .send()
        .await
        .map_err(|e| {
            format!(
            "Could not load {src}: the request failed before any response ({e}). The server is \
             unreachable, or it refuses cross-origin requests (CORS); download the file and open \
             it with “Open files” instead."
        )
        })?;
    if !resp.ok() {
        let status = resp.status();
        let text = resp.status_text();
        let hint = if status == 404 {
            ": there is no file at that address"
        } else {
            ""
        };
        return Err(format!(
            "Could not load {src}: the server answered HTTP {status} {text}{hint}."
        ));
    }
    // A big report will be parsed in the worker: start it while the body downloads.
    let announced = resp
        .headers()
        .get("content-length")
        .and_then(|n| n.parse::<usize>().ok());
    if announced.is_some_and(|n| n >= WORKER_MIN_BYTES) {
        super::worker::warm_up();
    }
    let bytes = resp
        .binary()
        .await
        .map_err(|e| format!("Could not read the response from {src}: {e}"))?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large(src, bytes.len()));
    }
    Ok(bytes)
}

/// Reports at least this big are parsed in the worker ([`super::worker`]); smaller ones parse
/// faster on the main thread than a worker starts (an 80 KB report takes a few milliseconds).
pub const WORKER_MIN_BYTES: usize = 512 * 1024;

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
    parse_named_now(name, bytes)
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

/// Parse report bytes on this thread, prefixing errors with where they came from.
pub fn parse_named_now(name: &str, bytes: &[u8]) -> Result<Review, String> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large(name, bytes.len()));
    }
    parse::parse_bytes(bytes).map_err(|e| format!("{name}: {e}"))
}

fn too_large(name: &str, bytes: usize) -> String {
    format!(
        "{name} is {:.1} MB, over the {} MB limit: open a smaller report",
        bytes as f64 / 1_048_576.0,
        MAX_INPUT_BYTES / 1_048_576
    )
}

/// Fetch and parse one report. Yields once before parsing so the progress indicator paints.
pub async fn load_review(src: &str) -> Result<Review, String> {
    let bytes = fetch_bytes(src).await?;
    gloo_timers::future::TimeoutFuture::new(0).await;
    parse_named(src, &bytes).await
}

/// Fetch and read the bundled index.
pub async fn load_index() -> Result<Index, String> {
    let bytes = fetch_bytes(INDEX_URL).await.map_err(|e| {
        format!("{e} The bundled report list is missing; open a report with “Open files”, drop one on the page, paste it, or use ?src=.")
    })?;
    serde_json::from_slice::<Index>(&bytes)
        .map_err(|e| format!("{INDEX_URL} is not a report index: {e}"))
}

/// Read a picked or dropped file, refusing it before reading when it is too large.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let name = file.name();
    let size = file.size();
    if size > MAX_INPUT_BYTES as f64 {
        return Err(too_large(&name, size as usize));
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

/// The message of a JS exception (an `Error`, or a thrown string).
pub fn js_error_text(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
