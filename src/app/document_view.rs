//! A document that is not a Deep Review but lives on the same branch (a Supply Chain Scan, a CI
//! failure report: `crate::document`), shown as plain Markdown through the app's safe renderer
//! (raw HTML stays text, only http/https/mailto/relative links).

use super::text::Md;
use super::util::display_date;
use crate::document::Document;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn DocumentView(doc: Arc<Document>) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    // Opened from the list: the heading takes the focus, as a report's does.
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    view! {
        <article class="card document-view" data-role="document" data-kind=doc.kind.clone()>
            <p class="muted document-kind">
                <span class="kind">{doc.kind.clone()}</span>
                {(!doc.date.is_empty()).then(|| format!(" · {}", display_date(&doc.date)))}
                " · not a Deep Review: shown as plain Markdown"
            </p>
            <h1 class="report-title" tabindex="-1" node_ref=heading>{doc.title.clone()}</h1>
            <div class="document-body">
                <Md md=doc.body_md.clone() />
            </div>
        </article>
    }
}
