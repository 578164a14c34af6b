//! The web app's entry point (wasm). Natively this binary only explains how to serve the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    // The same binary runs in the parse worker (`parse-worker.js`), where there is no page.
    if web_sys::window().is_some() {
        deep_review::app::mount();
    }
}

/// The parse worker's entry: the report in `bytes` (named `name` in errors) in parts (`=` and
/// `parse::json::wire`'s frames), or `!` and why it was refused (see `app::worker`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn parse_report_json(name: &str, bytes: &[u8]) -> Vec<u8> {
    deep_review::app::worker::reply_json(name, bytes)
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "deep-review-viewer is the web app: serve it with `scripts/serve` (Trunk), \
         or use the `deep-review` CLI natively."
    );
    std::process::exit(2);
}
