//! Work that waits for the next painted frame: what a user sees first (a report's header and
//! first cards, a filter's result) is painted before what can follow (the sections below the
//! findings, the focus move, the URL write).

use leptos::prelude::*;
use std::time::Duration;

/// Run `f` once the next frame has been painted: a timeout queued from a frame callback runs
/// after that frame's paint. Frame callbacks wait while the page is hidden, so a plain timeout
/// of two frames runs it then; whichever comes first runs it, once.
pub fn after_paint(f: impl FnOnce() + 'static) {
    let f = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let fire = move || {
        if let Some(f) = f.take() {
            f();
        }
    };
    let fallback = fire.clone();
    request_animation_frame(move || set_timeout(fire, Duration::ZERO));
    set_timeout(fallback, Duration::from_millis(32));
}

/// A signal that turns `true` after the first frame painted from now ([`after_paint`]): parts
/// of a screen below the fold mount then, so the first paint does not wait for them.
pub fn painted() -> ReadSignal<bool> {
    let (get, set) = signal(false);
    after_paint(move || {
        // The screen may be gone by then.
        let _ = set.try_set(true);
    });
    get
}
