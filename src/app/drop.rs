//! Opening reports from this device: a file picker, drag-and-drop of one or many files anywhere
//! on the page, and paste (Ctrl+V of report text outside inputs).

use super::fetch::files_of;
use super::file_button::FileButton;
use super::keyboard::is_typing_target;
use super::library::{use_open_files, use_open_text};
use leptos::ev;
use leptos::prelude::*;

/// "Open files…": a real button that opens a (hidden) multi-file input.
#[component]
pub fn OpenFilesButton() -> impl IntoView {
    view! {
        <FileButton
            label="Open files…"
            title="Open .md or .json reports from this device (or drop them on the page, or paste)"
            input_label="Open report files"
            multiple=true
            accept=".md,.markdown,.json,.txt,text/markdown,application/json,text/plain"
            on_files=use_open_files()
        />
    }
}

/// Page-wide drop target and paste handler, with an overlay while files are dragged over.
#[component]
pub fn DropOverlay() -> impl IntoView {
    let open = use_open_files();
    let open_text = use_open_text();
    let dragging = RwSignal::new(false);
    let has_files = |e: &web_sys::DragEvent| {
        e.data_transfer()
            .map(|d| {
                d.types()
                    .iter()
                    .any(|t| t.as_string().as_deref() == Some("Files"))
            })
            .unwrap_or(false)
    };
    let over = window_event_listener(ev::dragover, move |e| {
        if has_files(&e) {
            e.prevent_default();
            dragging.set(true);
        }
    });
    let leave = window_event_listener(ev::dragleave, move |e| {
        // Leaving the window (not just moving between elements).
        if e.related_target().is_none() {
            dragging.set(false);
        }
    });
    let drop = window_event_listener(ev::drop, move |e| {
        dragging.set(false);
        if !has_files(&e) {
            return;
        }
        e.prevent_default();
        open(files_of(e.data_transfer().and_then(|d| d.files())));
    });
    let paste = window_event_listener(ev::paste, move |e| {
        if is_typing_target(e.target()) {
            return;
        }
        let text = e
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
            .unwrap_or_default();
        if text.trim().is_empty() {
            return;
        }
        e.prevent_default();
        open_text(text);
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
        paste.remove();
    });
    view! {
        <Show when=move || dragging.get()>
            <div class="drop-overlay" aria-hidden="true">
                <div class="drop-card">"Drop Deep Review reports (.md or .json) to open them"</div>
            </div>
        </Show>
    }
}
