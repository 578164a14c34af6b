//! The web app's entry point (wasm). Natively this binary only explains how to serve the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    deep_review::app::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "deep-review-viewer is the web app: serve it with `scripts/serve` (Trunk), \
         or use the `deep-review` CLI natively."
    );
    std::process::exit(2);
}
