//! A real button that opens a hidden file input ("Open files…", "Import marks…"): the input
//! stays in the page (automation and tests set files on `input[type="file"]`), out of sight and
//! out of the tab order, and is cleared after each pick so the same file can be picked again.

use super::fetch::files_of;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn FileButton<F>(
    /// The button's text.
    label: &'static str,
    /// The input's accessible name.
    input_label: &'static str,
    /// The input's `accept` list.
    accept: &'static str,
    /// Called with the picked files (never empty).
    on_files: F,
    /// Allow several files.
    #[prop(optional)]
    multiple: bool,
    #[prop(optional)] title: Option<&'static str>,
    /// `data-role` of the button.
    #[prop(optional)]
    role: Option<&'static str>,
    /// `data-role` of the input.
    #[prop(optional)]
    input_role: Option<&'static str>,
) -> impl IntoView
where
    F: Fn(Vec<web_sys::File>) + 'static,
{
    let input = NodeRef::<leptos::html::Input>::new();
    view! {
        <button
            type="button"
            class="button"
            title=title
            data-role=role
            on:click=move |_| {
                if let Some(i) = input.get() {
                    i.click();
                }
            }
        >
            {label}
        </button>
        <input
            node_ref=input
            type="file"
            class="visually-hidden"
            tabindex="-1"
            aria-label=input_label
            data-role=input_role
            multiple=multiple
            accept=accept
            on:change=move |e| {
                let Some(target) = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
                    return;
                };
                let files = files_of(target.files());
                target.set_value("");
                if !files.is_empty() {
                    on_files(files);
                }
            }
        />
    }
}
