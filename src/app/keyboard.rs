//! Keyboard: the shortcuts dialog (`?`), listing the keys of the screen shown from the one
//! table the handlers use ([`crate::keymap`]), and the test for "the user is typing" that every
//! shortcut handler uses. The handlers: `report_keys.rs` (report and diff), `meeting.rs`.

use super::nav::use_view_state;
use crate::keymap::{self, bindings, key_label, screen_of, Binding};
use crate::query::View;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether the shortcuts dialog is open (context).
#[derive(Clone, Copy)]
pub struct HelpOpen(pub RwSignal<bool>);

/// True when the event comes from a text field, select or editable element.
pub fn is_typing_target(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "textarea" | "select") || el.is_content_editable()
}

/// True when a key event should be treated as a shortcut: no modifier except Shift, not
/// repeated from typing.
pub fn is_shortcut(e: &web_sys::KeyboardEvent) -> bool {
    !(e.ctrl_key()
        || e.meta_key()
        || e.alt_key()
        || e.default_prevented()
        || is_typing_target(e.target()))
}

/// True when the page runs inside another page's frame (where the host does not send the
/// framing headers, README "Security"). Meeting-mode keys, which mark findings, are then
/// ignored: a framing page could overlay the viewer and steer a user's key presses.
pub fn is_framed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.top() {
        Ok(Some(top)) => !js_sys::Object::is(&top, &window),
        Ok(None) => false,
        // A top that cannot be read is another page's.
        Err(_) => true,
    }
}

/// `j, ↓ or →`: a binding's keys, each in `<kbd>`.
#[component]
pub fn KeyList(binding: Binding) -> impl IntoView {
    let n = binding.keys.len();
    binding
        .keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let sep = match i {
                0 => "",
                _ if i + 1 == n => " or ",
                _ => ", ",
            };
            view! {
                {sep}
                <kbd>{key_label(k)}</kbd>
            }
        })
        .collect_view()
}

/// The shortcuts dialog, opened by `?` or the toolbar button; Escape or the button closes it.
/// It lists the keys of the screen shown (report, meeting, diff or report list).
#[component]
pub fn HelpDialog() -> impl IntoView {
    let open = expect_context::<HelpOpen>().0;
    let state = use_view_state();
    let screen = Memo::new(move |_| state.with(screen_of));
    let close_btn = NodeRef::<leptos::html::Button>::new();
    let keys = window_event_listener(ev::keydown, move |e| {
        if e.key() == "Escape" && open.get_untracked() {
            // Handled: screen keys (Escape leaves the meeting) skip a prevented event.
            e.prevent_default();
            open.set(false);
        } else if e.key() == "?" && is_shortcut(&e) {
            e.prevent_default();
            open.update(|o| *o = !*o);
        }
    });
    on_cleanup(move || keys.remove());
    Effect::new(move |_| {
        if open.get() {
            if let Some(b) = close_btn.get() {
                let _ = b.focus();
            }
        }
    });
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop" on:click=move |_| open.set(false)>
                <div
                    class="modal"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="shortcuts-title"
                    on:click=|e| e.stop_propagation()
                >
                    <h2 id="shortcuts-title">
                        {move || format!("Keyboard shortcuts: {}", keymap::screen_name(screen.get()))}
                    </h2>
                    <table class="shortcuts" data-screen=move || screen.get().as_str()>
                        <tbody>
                            {move || {
                                bindings(screen.get())
                                    .iter()
                                    .map(|&b| {
                                        view! {
                                            <tr data-action=b.action.name()>
                                                <td>
                                                    <KeyList binding=b />
                                                </td>
                                                <td>{b.what}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                    <Show when=move || matches!(screen.get(), View::Report | View::Diff)>
                        <p class="muted">"Ctrl/⌘-click a filter to add it to the selection."</p>
                    </Show>
                    <button
                        type="button"
                        class="button"
                        node_ref=close_btn
                        on:click=move |_| open.set(false)
                    >
                        "Close"
                    </button>
                </div>
            </div>
        </Show>
    }
}
