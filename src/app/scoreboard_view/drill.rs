//! The findings (or retro cells) behind the number whose drill-down the URL names
//! (`drill`, `who`, `slice`): each finding links to its card in its report, and to the report.

use super::Loaded;
use crate::app::history::card_href;
use crate::app::nav::src_href;
use crate::app::util::plural;
use crate::scoreboard::{Drill, ScreenState};
use leptos::prelude::*;

#[component]
pub fn DrillPanel(
    drill: Memo<Option<Drill>>,
    data: Memo<Option<Loaded>>,
    screen: Memo<ScreenState>,
    push: Callback<ScreenState>,
) -> impl IntoView {
    let src_of =
        move |slug: &str| data.with(|d| d.as_ref().map(|l| l.src_of(slug)).unwrap_or_default());
    let slice = Memo::new(move |_| screen.with(|s| s.drill.as_ref().and_then(|d| d.slice.clone())));
    // A number opened (clicked, or named by the link): bring its list into view (below the
    // table, off screen on a phone).
    let panel = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if drill.with(Option::is_some) {
            if let Some(el) = panel.get() {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        }
    });
    let close = move |_| {
        let mut s = screen.get_untracked();
        s.drill = None;
        push.run(s);
    };
    move || {
        drill.get().map(|d| {
            let heading = format!(
                "{}{} · {}: {}",
                d.agent,
                slice.get().map(|s| format!(" in {s}")).unwrap_or_default(),
                d.metric.replace('_', " "),
                if d.cells.is_empty() {
                    plural(d.findings.len(), "finding", "findings")
                } else {
                    plural(d.cells.len(), "retro cell", "retro cells")
                }
            );
            let findings = d
                .findings
                .iter()
                .map(|f| {
                    let src = src_of(&f.slug);
                    view! {
                        <li data-role="drill-finding">
                            <a href=card_href(&src, &f.id)>{format!("{} {}", f.id, f.title)}</a>
                            <span class="muted">
                                " · "{f.severity.as_str()}" · "{f.fate.as_str().replace('_', " ")}" · in "
                            </span>
                            <a class="sb-report-link" href=src_href(&src)>{f.slug.clone()}</a>
                        </li>
                    }
                })
                .collect_view();
            let cells = d
                .cells
                .iter()
                .map(|c| {
                    let href = src_href(&src_of(&c.slug));
                    view! {
                        <li data-role="drill-cell">
                            <a href=href>{c.slug.clone()}</a>
                            {format!(" · {} · {}: {}", c.agent, c.row, c.text)}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section node_ref=panel id="sb-drill-panel" class="card sb-drill-panel" data-role="drill" aria-labelledby="sb-drill-heading">
                    <div class="sb-drill-head">
                        <h2 class="section-heading" id="sb-drill-heading">{heading}</h2>
                        <button type="button" class="button" on:click=close>"Close"</button>
                    </div>
                    <ul class="sb-drill-list">{findings}{cells}</ul>
                </section>
            }
        })
    }
}
