//! Router glue: the view state lives in the URL query (DESIGN §4). The shell parses it once
//! ([`provide_view_state`]); components read that one memo through [`use_view_state`] and change
//! it with [`use_set_view`], which pushes a history entry so back/forward step through filter
//! changes. (The report screen's parts read `ReportCtx::view`, which also holds a filter click
//! on its way to the URL.)

use crate::query::ViewState;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// The view state of the address bar, parsed once for every component (context).
#[derive(Clone, Copy)]
struct UrlView(Memo<ViewState>);

/// Parse the address bar's view state once and provide it to everything below (the shell does;
/// so does a test that mounts one screen).
pub fn provide_view_state() -> Memo<ViewState> {
    let location = use_location();
    let view = Memo::new(move |_| location.search.with(|s| ViewState::from_query(s)));
    provide_context(UrlView(view));
    view
}

/// The view state of the address bar: the shell's memo, or (no shell above) one of its own.
pub fn use_view_state() -> Memo<ViewState> {
    match use_context::<UrlView>() {
        Some(UrlView(view)) => view,
        None => {
            let location = use_location();
            Memo::new(move |_| location.search.with(|s| ViewState::from_query(s)))
        }
    }
}

/// How a view change enters the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    Push,
    Replace,
}

/// A setter for the view state: writes it into the URL (same path, no scroll to top).
pub fn use_set_view() -> impl Fn(ViewState, History) + Clone + 'static {
    let navigate = use_navigate();
    let location = use_location();
    move |state: ViewState, history: History| {
        let path = location.pathname.get_untracked();
        // A `#z=` link's report stays in the address, so a reload shows the same screen.
        let hash = location.hash.get_untracked();
        let hash = crate::share::kept_fragment(&hash, &state);
        let url = format!("{path}{}{hash}", state.to_search());
        navigate(
            &url,
            NavigateOptions {
                scroll: false,
                replace: history == History::Replace,
                ..Default::default()
            },
        );
    }
}

/// `?src=<value>`: a link that opens one report.
pub fn src_href(src: &str) -> String {
    ViewState {
        src: vec![src.to_string()],
        ..ViewState::default()
    }
    .to_search()
}

/// A link to the current view with `finding=` set (a card's permalink).
pub fn finding_href(state: &ViewState, id: &str) -> String {
    let mut s = state.clone();
    s.finding = Some(id.to_string());
    s.to_search()
}
