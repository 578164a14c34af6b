//! The filter panel: the severity/status summary bar and the agent/kind facets, a text box,
//! hide-resolved, clear-all and expand/collapse-all. Every control is
//! `data-filter` + `data-value` + `aria-pressed` with its live count in `data-role="count"`;
//! all state lives in the URL (plain click selects one value, Ctrl/Cmd-click adds, the `¬`
//! button excludes).

use super::nav::{use_set_view, History};
use super::report_ctx::ReportCtx;
use super::util::plural;
use super::widgets::{ClearAll, FacetChip, FiltersToggle};
use crate::model::{Counts, Severity, Status};
use crate::query::FacetKind;
use leptos::prelude::*;

/// The id of the search box (for the `/` shortcut).
/// Not in the `finding-` namespace of the cards (a finding id `search` would collide).
pub const SEARCH_ID: &str = "search-findings";

#[component]
pub fn FilterPanel() -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let present = Counts::of(&ctx.findings);
    let has_findings = !ctx.findings.is_empty();
    let sev_values: Vec<(String, String, Option<Severity>)> = Severity::ALL
        .into_iter()
        .filter(|s| present.severity(*s) > 0)
        .map(|s| (s.as_str().to_string(), s.label().to_string(), Some(s)))
        .collect();
    let status_values: Vec<(String, String, Option<Severity>)> = Status::ALL
        .into_iter()
        .filter(|s| present.by_status.get(s.as_str()).copied().unwrap_or(0) > 0)
        .map(|s| (s.as_str().to_string(), s.as_str().to_string(), None))
        .collect();
    // Narrow screens: the facet rows fold behind "Filters (n)" (style/main.css); the search
    // row stays. `n` counts the active selections.
    let folded = RwSignal::new(true);
    let view_state = ctx.view;
    let active = Memo::new(move |_| {
        view_state.with(|v| {
            v.sev.include.len()
                + v.sev.exclude.len()
                + v.status.include.len()
                + v.status.exclude.len()
                + v.agent.include.len()
                + v.agent.exclude.len()
                + v.kind.include.len()
                + v.kind.exclude.len()
                + v.mark.include.len()
                + v.mark.exclude.len()
                + usize::from(v.hide_resolved)
        })
    });
    has_findings.then(|| {
        view! {
            <section class="card filterbar" class:folded=move || folded.get() aria-label="Filter findings">
                <FiltersToggle folded active />
                <div class="filter-row summary-bar">
                    <span class="facet-name" id="facet-severity">"Severity"</span>
                    {sev_values
                        .into_iter()
                        .map(|(v, label, sev)| view! { <FacetChip facet=FacetKind::Severity value=v label severity=sev /> })
                        .collect_view()}
                </div>
                <div class="filter-row">
                    <span class="facet-name">"Status"</span>
                    {status_values
                        .into_iter()
                        .map(|(v, label, _)| view! { <FacetChip facet=FacetKind::Status value=v label /> })
                        .collect_view()}
                    <HideResolved />
                </div>
                <DynamicFacet facet=FacetKind::Agent name="Agent" families=true />
                <DynamicFacet facet=FacetKind::Agent name="Model" families=false />
                <DynamicFacet facet=FacetKind::Kind name="Kind" families=false />
                <super::marks::MarkFilterRow />
                <div class="filter-row search-row">
                    <SearchBox />
                    <div class="filter-actions">
                        <ResultLine />
                        <ClearAll />
                        <ExpandAll />
                    </div>
                </div>
            </section>
        }
    })
}

/// Agent families, full agent names, or kinds: values come from the report (via the counts).
#[component]
fn DynamicFacet(facet: FacetKind, name: &'static str, families: bool) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    // The values are fixed for a report (counts list every value present); read them once.
    let values: Vec<(String, String)> = ctx.counts.with_untracked(|c| {
        let list = match (facet, families) {
            (FacetKind::Agent, true) => &c.agent_family,
            (FacetKind::Agent, false) => &c.agent,
            _ => &c.kind,
        };
        list.iter()
            .map(|v| (v.value.clone(), v.label.clone()))
            .collect()
    });
    let is_agent = facet == FacetKind::Agent;
    // Models repeat the families when each family has one model: no row for them then.
    let one_model_per_family = facet == FacetKind::Agent && !families && {
        let mut fams: Vec<String> = values
            .iter()
            .map(|(v, _)| crate::model::family_of(v))
            .collect();
        fams.sort();
        fams.dedup();
        fams.len() == values.len()
    };
    (!values.is_empty() && !one_model_per_family).then(|| {
        view! {
            <div class="filter-row">
                <span class="facet-name">{name}</span>
                {values
                    .into_iter()
                    .map(|(value, label)| view! { <FacetChip facet value label agent=is_agent /> })
                    .collect_view()}
            </div>
        }
    })
}

/// One-click "hide resolved" (resolved and dropped findings), `resolved=hide` in the URL.
#[component]
fn HideResolved() -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let set_view = use_set_view();
    let view = ctx.view;
    let on = move || view.with(|v| v.hide_resolved);
    view! {
        <button
            type="button"
            class="chip hide-resolved"
            aria-pressed=move || on().to_string()
            title="Hide resolved and dropped findings"
            on:click=move |_| {
                let mut s = view.get_untracked();
                s.hide_resolved = !s.hide_resolved;
                ctx.set_view_soon(s, set_view.clone());
            }
        >
            "Hide resolved"
        </button>
    }
}

/// Free-text search (`q=`). The first keystroke adds a history entry; the rest replace it.
#[component]
fn SearchBox() -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let set_view = use_set_view();
    let view = ctx.view;
    view! {
        <label class="visually-hidden" for=SEARCH_ID>"Search findings"</label>
        <input
            id=SEARCH_ID
            class="search"
            type="search"
            placeholder="Search findings  ( / )"
            autocomplete="off"
            prop:value=move || view.with(|v| v.q.clone())
            on:input=move |e| {
                let text = event_target_value(&e);
                let mut s = view.get_untracked();
                let history = if s.q.is_empty() { History::Push } else { History::Replace };
                s.q = text;
                set_view(s, history);
            }
            on:keydown=move |e| {
                if e.key() == "Escape" {
                    if let Some(t) = e.target() {
                        use wasm_bindgen::JsCast;
                        if let Ok(el) = t.dyn_into::<web_sys::HtmlElement>() {
                            let _ = el.blur();
                        }
                    }
                }
            }
        />
    }
}

/// `Showing 5 of 23 findings`.
#[component]
fn ResultLine() -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let counts = ctx.counts;
    view! {
        <span class="muted" role="status">
            {move || {
                counts.with(|c| {
                    if c.shown == c.total {
                        plural(c.total, "finding", "findings")
                    } else {
                        format!("Showing {} of {}", c.shown, plural(c.total, "finding", "findings"))
                    }
                })
            }}
        </span>
    }
}

/// Expand or collapse every visible card (`x`).
#[component]
fn ExpandAll() -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let all_open = {
        let ctx = ctx.clone();
        Memo::new(move |_| ctx.all_open())
    };
    view! {
        <button
            type="button"
            class="button expand-all"
            title="Expand or collapse all findings (x)"
            on:click=move |_| ctx.set_all(!all_open.get_untracked())
        >
            {move || if all_open.get() { "Collapse all" } else { "Expand all" }}
        </button>
    }
}
