//! The page frame: top bar, loading/progress and alerts, and which screen is shown (the report
//! list or one report). A failed load keeps the previous screen and says why in an alert.

use super::diff_view::diff_screen;
use super::document_view::DocumentView;
use super::drop::{DropOverlay, OpenFilesButton};
use super::index_view::IndexView;
use super::keyboard::{HelpDialog, HelpOpen};
use super::lazy::Lazy;
use super::library::Library;
use super::loader::{self, Content};
use super::nav::use_view_state;
use super::report::ReportScreen;
use super::scoreboard_view::scoreboard_screen;
use super::sources::BundledIndex;
use super::theme::ThemeToggle;
use super::widgets::Loading;
use crate::document::Document;
use crate::model::Review;
use crate::query::View;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The result of loading one `src`.
#[derive(Debug, Clone)]
struct Loaded {
    src: String,
    result: Result<Content, String>,
}

/// What the main area shows.
#[derive(Debug, Clone)]
enum Screen {
    /// The first report of the visit is still loading: nothing under the progress bar (not the
    /// report list, which would be built only to be replaced).
    Waiting,
    Index,
    Report {
        src: String,
        review: Arc<Review>,
    },
    /// A document that is not a Deep Review, shown as plain Markdown.
    Document(Arc<Document>),
}

impl PartialEq for Screen {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Screen::Index, Screen::Index) | (Screen::Waiting, Screen::Waiting) => true,
            (Screen::Report { review: a, .. }, Screen::Report { review: b, .. }) => {
                Arc::ptr_eq(a, b)
            }
            (Screen::Document(a), Screen::Document(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// The contexts every screen relies on: opened files, the shortcuts dialog, the bundled index.
/// (Also used by tests that mount one screen on its own.)
pub fn provide_app_contexts() -> (Library, HelpOpen) {
    let lib = Library::new();
    provide_context(lib);
    let help = HelpOpen(RwSignal::new(false));
    provide_context(help);
    provide_context(BundledIndex(LocalResource::new(loader::load_index)));
    super::nav::provide_view_state();
    (lib, help)
}

#[component]
pub fn Shell() -> impl IntoView {
    let (lib, help) = provide_app_contexts();
    // A `#z=` link carries its report: keep it in the library before anything loads.
    super::share_ui::open_link_in_url(lib);
    let location = use_location();
    let view = use_view_state();
    // The report to show: the first `src=` (unless `view=index`).
    let src = Memo::new(move |_| {
        view.with(|v| {
            if matches!(v.view, View::Index | View::Diff | View::Agents) {
                None
            } else {
                v.src.first().filter(|s| !s.trim().is_empty()).cloned()
            }
        })
    });

    // `view=diff` shows two rounds compared (the diff view loads them itself).
    let diff = Memo::new(move |_| view.with(|v| v.view == View::Diff));
    // `view=agents` shows the agent scoreboard (it loads every bundled report itself).
    let agents = Memo::new(move |_| view.with(|v| v.view == View::Agents));

    // Compile the parser while the first report (or the index) is on its way.
    leptos::task::spawn_local(async {
        gloo_timers::future::TimeoutFuture::new(0).await;
        super::fetch::warm_up_parser();
    });
    let report = LocalResource::new(move || {
        let src = src.get();
        async move {
            let src = src?;
            let result = loader::load(lib, &src).await;
            Some(Loaded { src, result })
        }
    });
    // The loaded result for the *current* src (None while it is still loading).
    let current = Memo::new(move |_| {
        let want = src.get()?;
        report
            .get()
            .flatten()
            .filter(|l| l.src == want)
            .map(|l| l.result)
    });
    let loading = move || src.with(Option::is_some) && current.with(Option::is_none);
    let error = move || current.get().and_then(Result::err);
    // Keep what was on screen while loading or after a failure.
    let screen = Memo::new(move |prev: Option<&Screen>| match src.get() {
        None => Screen::Index,
        Some(s) => match current.get() {
            Some(Ok(Content::Review(review))) => Screen::Report { src: s, review },
            Some(Ok(Content::Document(doc))) => Screen::Document(doc),
            None => prev.cloned().unwrap_or(Screen::Waiting),
            Some(Err(_)) => match prev {
                Some(Screen::Waiting) | None => Screen::Index,
                Some(p) => p.clone(),
            },
        },
    });

    let title = move || match screen.get() {
        _ if agents.get() => "Agent scoreboard · Deep Review Viewer".to_string(),
        Screen::Index | Screen::Waiting => "Deep Review Viewer".to_string(),
        Screen::Report { review, .. } => format!("{} · Deep Review Viewer", review_name(&review)),
        Screen::Document(doc) => format!("{} · Deep Review Viewer", doc.title),
    };

    // The skip link: past the list's filters to the reports on the list, else to the content.
    let skip_target = move || {
        if !diff.get() && !agents.get() && screen.with(|s| matches!(s, Screen::Index)) {
            (super::index_view::REPORTS_ID, "Skip to the reports")
        } else {
            ("main", "Skip to content")
        }
    };

    let notices = move || {
        lib.notices
            .get()
            .into_iter()
            .enumerate()
            .collect::<Vec<_>>()
    };

    view! {
        <Title text=title />
        <a
            class="skip-link"
            href=move || format!("#{}", skip_target().0)
            on:click=move |e| {
                // Focus the target without touching the address (a `#…` in it is a share
                // link's, or a section's of the report).
                let id = skip_target().0;
                if let Some(el) = document()
                    .get_element_by_id(id)
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    e.prevent_default();
                    let _ = el.focus();
                    el.scroll_into_view();
                }
            }
        >
            {move || skip_target().1}
        </a>
        <header class="topbar">
            <a class="brand" href=move || location.pathname.get() title="All reports">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                " Deep Review"
            </a>
            <span class="topbar-spacer"></span>
            <OpenFilesButton />
            <button
                type="button"
                class="icon-button"
                aria-label="Keyboard shortcuts"
                title="Keyboard shortcuts (?)"
                on:click=move |_| help.0.set(true)
            >
                "?"
            </button>
            <ThemeToggle />
        </header>
        <div class="status-area">
            <Show when=loading>
                <Loading>
                    {move || format!("Loading {}…", src.get().unwrap_or_default())}
                    {move || super::fetch::fetch_note().get().map(|note| view! { <span class="progress-note">" "{note}</span> })}
                    <button type="button" class="progress-cancel" on:click=move |_| super::fetch::cancel_fetch()>
                        "Cancel"
                    </button>
                </Loading>
            </Show>
            {move || {
                lib.busy
                    .get()
                    .map(|msg| {
                        view! { <Loading>{msg}</Loading> }
                    })
            }}
            {move || {
                error()
                    .map(|msg| {
                        view! {
                            <div class="alert" role="alert">
                                <span>{msg}</span>
                            </div>
                        }
                    })
            }}
            <For
                each=notices
                key=|(i, msg)| (*i, msg.clone())
                children=move |(i, msg)| {
                    view! {
                        <div class="alert" role="alert">
                            <span>{msg}</span>
                            <button
                                type="button"
                                class="alert-close"
                                aria-label="Dismiss"
                                on:click=move |_| {
                                    lib.notices
                                        .update(|n| {
                                            if i < n.len() {
                                                n.remove(i);
                                            }
                                        })
                                }
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            />
        </div>
        <main id="main" class="main" tabindex="-1">
            {move || match screen.get() {
                _ if diff.get() => view! { <Lazy load=diff_screen() what="the round diff" /> }.into_any(),
                _ if agents.get() => view! { <Lazy load=scoreboard_screen() what="the agent scoreboard" /> }.into_any(),
                Screen::Waiting => ().into_any(),
                Screen::Index => view! { <IndexView /> }.into_any(),
                Screen::Report { src, review } => view! { <ReportScreen review src /> }.into_any(),
                Screen::Document(doc) => view! { <DocumentView doc /> }.into_any(),
            }}
        </main>
        <DropOverlay />
        <HelpDialog />
    }
}

/// `PR #4637 round 3` or the slug, for the window title.
fn review_name(r: &Review) -> String {
    match (&r.meta.pr, &r.meta.round) {
        (Some(pr), Some(round)) => format!("PR #{} round {}", pr.number, round.number),
        (Some(pr), None) => format!("PR #{}", pr.number),
        _ if !r.slug.is_empty() => r.slug.clone(),
        _ => r.title.clone(),
    }
}
