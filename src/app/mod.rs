//! The Leptos app (wasm only), one concern per file. Screens, top down:
//! - `shell`: page frame, which screen is shown, loading and alerts
//! - `index_view`: the report list, grouped into PR threads (over `crate::index`); `sources`:
//!   the reports known without loading them (bundled index + opened files, a context hook);
//!   `index_table`: the list's compact table layout and the open / closed count chips
//! - `document_view`: a document that is not a Deep Review (Supply Chain Scan …) as Markdown
//! - `lazy`: screens loaded on first use (their own wasm chunks under `scripts/build`)
//! - `diff_view`: two rounds compared, `diff_row` one row of it; `diff_links`: the pairs a user
//!   linked or unlinked there
//!   (URL + storage)
//! - `scoreboard_view`: the agent scoreboard (`view=agents`) over `crate::scoreboard`
//! - the report screen: `report` (`ReportScreen`, `ReportView`, `ReportTools`), its parts
//!   `header`, `findings`, `filters`, `toc`, `sections`, `report_keys`, `rounds_nav` (a report's
//!   other rounds, "Compare with…"), `history` (a finding across its thread's rounds), `marks`
//!   (meeting marks: storage, badges, filter, export/import), `meeting` (meeting mode); all
//!   share `report_ctx::ReportCtx`; `widgets`: leaf widgets of the report screen (filter chip,
//!   clear-all, empty state)
//! - getting reports in: `loader::load` is the one way to the report a `src=` names (opened
//!   file, cache, or download); `fetch` (downloads, files, parsing off the main thread),
//!   `library` (opened and pasted files), `drop`; `worker`: big reports parsed in a Web Worker
//!   (imports neither `loader` nor `fetch`); `share_ui`: "Copy link" and opening `#z=` links
//! - `code_links`: where locations and `file:line` code spans link (bare names resolved)
//! - `agents`, `badges`, `text`, `markdown`, `theme`, `keyboard`, `nav`, `util`,
//!   `file_button`, `paint` (work after the next painted frame): shared pieces that import no
//!   screen
//!
//! Architecture invariant: no import circle among these files; a part of the report screen
//! imports `report_ctx` and `widgets`, never `report` (see ARCHITECTURE.md).

pub mod agents;
pub mod badges;
pub mod code_links;
pub mod diff_data;
pub mod diff_links;
pub mod diff_row;
pub mod diff_view;
pub mod document_view;
pub mod drop;
pub mod fetch;
pub mod file_button;
pub mod filters;
pub mod findings;
pub mod header;
pub mod history;
pub mod index_table;
pub mod index_view;
pub mod keyboard;
pub mod keyed;
pub mod lazy;
pub mod library;
pub mod loader;
pub mod markdown;
pub mod marks;
pub mod meeting;
pub mod nav;
pub mod paint;
pub mod report;
pub mod report_ctx;
pub mod report_keys;
pub mod rounds_nav;
pub mod scoreboard_view;
pub mod sections;
pub mod share_ui;
pub mod shell;
pub mod sources;
pub mod text;
pub mod theme;
pub mod toc;
pub mod util;
pub mod widgets;
pub mod worker;

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// Mount the app on `<body>`, replacing the static "Loading…" placeholder.
pub fn mount() {
    console_error_panic_hook::set_once();
    if let Some(p) = document().get_element_by_id("boot-placeholder") {
        p.remove();
    }
    mount_to_body(App);
}

/// The whole app: one route (any path serves the viewer; state lives in the query string).
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Routes fallback=|| view! { <shell::Shell /> }>
                <Route path=path!("/") view=shell::Shell />
            </Routes>
        </Router>
    }
}
