//! Sharing: "Copy link" puts the URL of exactly what is on screen on the clipboard — for a
//! report opened from a file or pasted (`src=local:…`), a self-contained link that carries the
//! report compressed in its `#z=` fragment (never sent to a server) — and opening such links at
//! start. Also the clipboard and download helpers of the export buttons.

use super::library::{Library, LocalEntry};
use crate::meeting::format_size;
use crate::query::ViewState;
use crate::share::{encode_fragment, link_size_warning, LinkInflater};
use crate::share::{link_error, link_target, share_url, LOCAL_PREFIX};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// At start: when the address has a `#z=` fragment, decode and parse the report it carries,
/// keep it in the library under `src=local:<name>`, and point `src=` at it (the link's filters,
/// `finding=` and `view=` are kept, and so is the fragment, so a reload shows the same). A
/// broken link becomes an entry whose error the shell shows in its alert.
///
/// The report is inflated in steps of [`INFLATE_STEP`] with a yield between them (a 245 KB link
/// can inflate to 48 MB; the limit is the same 50 MB as any report) and parsed like a file: in
/// the parse worker when it is big. The library waits for it before it answers for `local:`.
pub fn open_link_in_url(lib: Library) {
    let location = window().location();
    let (Ok(search), Ok(hash), Ok(path)) =
        (location.search(), location.hash(), location.pathname())
    else {
        return;
    };
    let Some(target) = link_target(&search, &hash) else {
        return;
    };
    // The address changes from an effect of this component once the report is stored (a
    // navigation started inside the spawned task left the shell's resource unaware of it).
    let navigate = use_navigate();
    let go_to = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(url) = go_to.get() {
            navigate(
                &url,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    });
    lib.busy
        .set(Some("Opening the report carried by the link…".into()));
    let done = wasm_bindgen_futures::future_to_promise(async move {
        // In a task after the start-up's: mounting the app and opening the link never share
        // one (together a 2 KB link made a 190 ms task).
        gloo_timers::future::TimeoutFuture::new(0).await;
        let result = match inflate_in_steps(&target.fragment).await {
            Err(msg) => Err(msg),
            Ok(text) => super::fetch::parse_named(
                "the report inside this self-contained link",
                text.as_bytes(),
            )
            .await
            .map(|review| (text, review)),
        };
        let link = target.report(result);
        lib.busy.set(None);
        match link.result {
            Ok((text, review)) => {
                lib.keep_text(&link.name, text.into());
                lib.store(LocalEntry {
                    name: link.name,
                    result: Ok(super::loader::Content::Review(Arc::new(review))),
                });
                if link.search != search {
                    go_to.set(Some(format!("{path}{}{hash}", link.search)));
                }
            }
            // A damaged link: one alert, and the report list without the broken link (no
            // "Opened files" entry for a report that never opened, no second copy of the
            // error from loading `src=local:…`).
            Err(msg) => {
                lib.notify(msg);
                go_to.set(Some(path.clone()));
            }
        }
        Ok(wasm_bindgen::JsValue::UNDEFINED)
    });
    lib.wait_for(done);
}

/// How much of a link's report is inflated between two yields to the page (a few ms of work).
const INFLATE_STEP: usize = 1 << 20;

async fn inflate_in_steps(fragment: &str) -> Result<String, String> {
    let mut inflater =
        LinkInflater::new(fragment, crate::parse::MAX_INPUT_BYTES).map_err(|e| link_error(&e))?;
    while !inflater.step(INFLATE_STEP).map_err(|e| link_error(&e))? {
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    inflater.finish().map_err(|e| link_error(&e))
}

/// "Copy link": copies the link to `state` (what is on screen) for the report `src`, then says
/// how long the link is, with a warning when chat tools may cut it. When the clipboard is not
/// available, the link is shown in a field to copy by hand.
#[component]
pub fn CopyLink(#[prop(into)] state: Signal<ViewState>, src: String) -> impl IntoView {
    let lib = expect_context::<Library>();
    let status = RwSignal::new(None::<String>);
    let warning = RwSignal::new(None::<String>);
    let manual = RwSignal::new(None::<String>);
    // The report's fragment, computed once (compressing a large report takes a moment).
    let fragment = StoredValue::new(None::<Arc<str>>);
    let local = src.starts_with(LOCAL_PREFIX);
    let on_click = move |_| {
        let z = if local {
            if fragment.with_value(Option::is_none) {
                let encoded = lib
                    .source_of(&src)
                    .map(|text| encode_fragment(&text).into());
                fragment.set_value(encoded);
            }
            match fragment.get_value() {
                Some(f) => Some(f),
                None => {
                    status.set(Some(
                        "This report's text is no longer in memory, so no link can be made: open \
                         the file again."
                            .to_string(),
                    ));
                    return;
                }
            }
        } else {
            None
        };
        let location = window().location();
        let page = format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
        let url = share_url(&page, &state.get_untracked(), z.as_deref());
        let size = format_size(url.len());
        warning.set(link_size_warning(url.len()));
        leptos::task::spawn_local(async move {
            let kind = if local {
                "Self-contained link (the report travels inside it)"
            } else {
                "Link"
            };
            if copy_text(&url).await {
                manual.set(None);
                status.set(Some(format!("{kind} copied: {size}.")));
            } else {
                status.set(Some(format!(
                    "{kind} ({size}): the browser did not allow copying; copy it from the field."
                )));
                manual.set(Some(url));
            }
        });
    };
    view! {
        <span class="copy-link">
            <button
                type="button"
                class="button"
                data-role="copy-link"
                title=if local {
                    "Copy a link that contains this report and what is on screen (nothing is uploaded)"
                } else {
                    "Copy a link to what is on screen"
                }
                on:click=on_click
            >
                "Copy link"
            </button>
            <span class="muted share-status" role="status" data-role="link-status">
                {move || status.get()}
            </span>
            {move || {
                warning
                    .get()
                    .map(|w| view! { <span class="share-warning" data-role="link-warning">{w}</span> })
            }}
            {move || {
                manual
                    .get()
                    .map(|url| {
                        view! {
                            <input
                                class="share-manual"
                                type="text"
                                readonly
                                aria-label="Link to copy"
                                prop:value=url
                                on:focus=|e| {
                                    if let Some(i) = e
                                        .target()
                                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                                    {
                                        i.select();
                                    }
                                }
                            />
                        }
                    })
            }}
        </span>
    }
}

/// Puts `text` on the clipboard; false when the browser refuses.
pub async fn copy_text(text: &str) -> bool {
    let promise = window().navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Offers `text` as a file download named `name` (a Blob behind an `<a download>`).
pub fn download_text(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let failed = |_| format!("The browser did not allow downloading {name}; use Copy instead.");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&format!("{mime};charset=utf-8"));
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let anchor = document()
        .create_element("a")
        .map_err(failed)?
        .unchecked_into::<web_sys::HtmlAnchorElement>();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // Let the download start before the URL is released.
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(10_000).await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(())
}
