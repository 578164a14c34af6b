//! Keyboard: the shortcuts dialog (`?`), and the test for "the user is typing" that every
//! shortcut handler uses. Report shortcuts (`/`, `j`, `k`, `o`, Enter, `x`) live in
//! `report_keys.rs`.

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

const SHORTCUTS: [(&[&str], &str); 7] = [
    (&["/"], "Search findings"),
    (&["j"], "Next finding"),
    (&["k"], "Previous finding"),
    (&["o", "Enter"], "Open or close the current finding"),
    (&["x"], "Expand or collapse all findings"),
    (&["?"], "Show this help"),
    (&["Esc"], "Close this help / leave the search box"),
];

/// The shortcuts dialog, opened by `?` or the toolbar button; Escape or the button closes it.
#[component]
pub fn HelpDialog() -> impl IntoView {
    let open = expect_context::<HelpOpen>().0;
    let close_btn = NodeRef::<leptos::html::Button>::new();
    let keys = window_event_listener(ev::keydown, move |e| {
        if e.key() == "Escape" && open.get_untracked() {
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
                    <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
                    <table class="shortcuts">
                        <tbody>
                            {SHORTCUTS
                                .iter()
                                .map(|(keys, what)| {
                                    view! {
                                        <tr>
                                            <td>
                                                {keys
                                                    .iter()
                                                    .enumerate()
                                                    .map(|(i, k)| {
                                                        view! {
                                                            {(i > 0).then_some(" or ")}
                                                            <kbd>{*k}</kbd>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </td>
                                            <td>{*what}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    <p class="muted">"Ctrl/⌘-click a filter to add it to the selection."</p>
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
