//! Report and diff shortcuts ([`keymap::REPORT`], [`keymap::DIFF`]): `/` search, `j`/`k`
//! next/previous shown finding (sets `finding=`), `o` or Enter toggles the current finding, `x`
//! expands/collapses all. Ignored while typing and while the shortcuts dialog is open.

use super::filters::SEARCH_ID;
use super::keyboard::{is_shortcut, HelpOpen};
use super::nav::{use_set_view, History};
use super::report_ctx::ReportCtx;
use crate::keymap::{self, Action};
use crate::query::{step, Step, View};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether Enter on this target already does something (a link, button, summary, field).
fn enter_is_native(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| {
            el.closest(
                "a, button, summary, input, textarea, select, [tabindex]:not([tabindex=\"-1\"])",
            )
            .ok()
            .flatten()
        })
        .is_some()
}

/// Install the report's keyboard shortcuts for as long as the report is shown.
pub fn use_report_keys(ctx: ReportCtx) {
    use_finding_keys(ctx, View::Report, ReportCtx::visible_ids);
}

/// Install the keys of `screen` (the report or the diff) over `ctx`'s findings; `order` gives
/// the ids of the shown findings in the order they are on screen (what `j`/`k` follow).
pub fn use_finding_keys(
    ctx: ReportCtx,
    screen: View,
    order: impl Fn(&ReportCtx) -> Vec<String> + 'static,
) {
    let set_view = use_set_view();
    let help = use_context::<HelpOpen>();
    let handle = window_event_listener(ev::keydown, move |e| {
        let help_open = help.is_some_and(|h| h.0.get_untracked());
        if help_open || !is_shortcut(&e) {
            return;
        }
        let key = e.key();
        match keymap::action(screen, &key) {
            Some(Action::Search) => {
                if let Some(el) = document()
                    .get_element_by_id(SEARCH_ID)
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    e.prevent_default();
                    let _ = el.focus();
                }
            }
            Some(dir @ (Action::Next | Action::Prev)) => {
                let dir = if dir == Action::Next {
                    Step::Next
                } else {
                    Step::Prev
                };
                let ids = order(&ctx);
                let current = ctx.current.get_untracked();
                if let Some(next) = step(&ids, current.as_deref(), dir) {
                    if current.as_deref() != Some(next) {
                        let mut s = ctx.view.get_untracked();
                        s.finding = Some(next.to_string());
                        set_view(s, History::Replace);
                    }
                }
                e.prevent_default();
            }
            Some(Action::Toggle) => {
                if key == "Enter" && enter_is_native(e.target()) {
                    return;
                }
                if let Some(id) = ctx.current.get_untracked() {
                    if let Some(i) = ctx.index_of(&id) {
                        let open = ctx.is_open(i);
                        ctx.set_open(&id, !open);
                        e.prevent_default();
                    }
                }
            }
            Some(Action::ToggleAll) => {
                let open = ctx.all_open();
                ctx.set_all(!open);
                e.prevent_default();
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}
