//! The Leptos app (wasm only). (Being written.)

pub fn mount() {}
