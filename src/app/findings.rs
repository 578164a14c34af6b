//! Finding cards, grouped by severity in report order. Each card is an
//! `<article data-finding-id data-severity data-status data-agents>` with a real
//! `<button aria-expanded>`; a body is rendered the first time it is opened. Filters hide cards
//! (without `data-finding-id`, `aria-hidden`) rather than destroying them, so a filter change
//! only flips attributes of the cards whose visibility changes.

use super::agents::AgentPills;
use super::badges::{SeverityIcon, StatusBadge};
use super::nav::finding_href;
use super::report_ctx::ReportCtx;
use super::text::Md;
use super::util::location_href;
use crate::model::{Finding, Location, Severity, Status};
use crate::mount::{batch_ends, card_cost, BATCH_UNITS, FIRST_UNITS, LOCATIONS_SHOWN};
use crate::query::ViewState;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn FindingList() -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let n = ctx.findings.len();
    // Display order: by severity, report order within one.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| ctx.findings.get(i).map(|f| f.severity));
    let mut pos = vec![0; n];
    for (p, &i) in order.iter().enumerate() {
        pos[i] = p;
    }
    let pos = std::sync::Arc::new(pos);
    // Cards mount in batches, one per task (`crate::mount`): a report with thousands of
    // findings, or findings naming many locations, never blocks the page for long.
    let costs: Vec<usize> = order
        .iter()
        .map(|&i| card_cost(ctx.findings.get(i).map_or(0, |f| f.locations.len())))
        .collect();
    let ends = batch_ends(&costs, FIRST_UNITS, BATCH_UNITS);
    // How many cards (in display order) exist; grows batch by batch after the first paint.
    let grown = RwSignal::new(ends.first().copied().unwrap_or(0));
    if ends.len() > 1 {
        leptos::task::spawn_local(async move {
            for &end in &ends[1..] {
                gloo_timers::future::TimeoutFuture::new(0).await;
                if grown.try_get_untracked().is_none() {
                    return; // the report was closed
                }
                grown.set(end);
            }
        });
    }
    // The current finding (finding=) is always rendered, wherever it is.
    let limit = {
        let (ctx, pos) = (ctx.clone(), pos.clone());
        Memo::new(move |_| {
            let need = ctx.current.with(|c| {
                c.as_deref()
                    .and_then(|id| ctx.index_of(id))
                    .and_then(|i| pos.get(i))
                    .map_or(0, |p| p + 1)
            });
            grown.get().max(need)
        })
    };
    let groups = Severity::ALL
        .into_iter()
        .map(|sev| {
            let pos = pos.clone();
            view! { <SeverityGroup severity=sev limit pos /> }
        })
        .collect_view();
    let empty = {
        let ctx = ctx.clone();
        move || ctx.visible.with(Vec::is_empty)
    };
    let has_findings = n > 0;
    view! {
        <section class="findings" id="findings" aria-label="Findings">
            {groups}
            <Show when=move || empty() && has_findings>
                <super::widgets::EmptyState />
            </Show>
            {(!has_findings).then(|| view! { <p class="card empty">"This report has no findings."</p> })}
        </section>
    }
}

/// The DOM id of a severity group (table of contents target).
pub fn group_anchor(sev: Severity) -> String {
    format!("sev-{}", sev.as_str())
}

/// One severity's cards. Cards stay mounted while filters change; a filtered-out card, or a
/// group with none left, is an empty box that keeps its rendering state (`.filtered` in
/// style/main.css; `hidden`, i.e. `display: none`, would drop and rebuild their style and
/// layout on every change).
#[component]
fn SeverityGroup(
    severity: Severity,
    limit: Memo<usize>,
    pos: std::sync::Arc<Vec<usize>>,
) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let members: Vec<usize> = ctx
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.severity == severity)
        .map(|(i, _)| i)
        .collect();
    if members.is_empty() {
        return None;
    }
    let count = {
        let (findings, visible) = (ctx.findings.clone(), ctx.visible);
        Memo::new(move |_| {
            visible.with(|v| {
                v.iter()
                    .filter(|&&i| findings.get(i).is_some_and(|f| f.severity == severity))
                    .count()
            })
        })
    };
    let rendered = move || {
        let l = limit.get();
        members
            .iter()
            .copied()
            .filter(|i| pos.get(*i).is_some_and(|p| *p < l))
            .collect::<Vec<_>>()
    };
    let id = group_anchor(severity);
    let href = format!("#{id}");
    Some(view! {
        <section
            class=format!("sev-group sev-{}", severity.as_str())
            id=id.clone()
            class:filtered=move || count.get() == 0
            aria-hidden=move || (count.get() == 0).then_some("true")
        >
            <h2 class="section-heading">
                <SeverityIcon severity />
                " "
                {severity.label()}
                <span class="heading-count">{move || count.get()}</span>
                <a class="anchor" href=href.clone() aria-label=format!("Link to {}", severity.label())>
                    "#"
                </a>
            </h2>
            <For each=rendered key=|i| *i let(idx)>
                <FindingCard idx />
            </For>
        </section>
    })
}

#[component]
pub fn FindingCard(idx: usize) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let f = ctx.findings.get(idx).cloned()?;
    let shown = ctx.shown.get(idx).copied();
    let open = {
        let ctx = ctx.clone();
        Memo::new(move |_| ctx.is_open(idx))
    };
    // Once rendered, a body is kept (hidden when closed), so reopening costs nothing.
    let ever_open =
        Memo::new(move |prev: Option<&bool>| prev.copied().unwrap_or(false) || open.get());
    let visible = move || shown.is_none_or(|s| s.get());
    let is_current = {
        let (ctx, id) = (ctx.clone(), f.id.clone());
        move || ctx.is_current(&id)
    };
    let toggle = {
        let (ctx, id) = (ctx.clone(), f.id.clone());
        move || ctx.set_open(&id, !open.get_untracked())
    };
    let token = crate::markdown_view::dom_token(&f.id);
    let body_id = format!("finding-body-{token}");
    let title_id = format!("finding-title-{token}");
    // The resolution marks the card's edge and title only (style/main.css), in the report's
    // own word: `Commented` is not `Fixed`.
    let resolution = f.resolution();
    let class = format!(
        "card finding sev-{} is-{}{}",
        f.severity.as_str(),
        f.status.as_str(),
        if resolution.as_ref().is_some_and(|r| r.fixed) {
            " is-fixed"
        } else {
            ""
        }
    );
    let word = resolution.map(|r| r.word);
    let Finding {
        id,
        severity,
        title,
        kinds,
        agents,
        later_passes,
        status,
        status_note,
        refs,
        locations,
        body_md,
        ..
    } = f;
    let agents_attr = agents.join("|");
    let permalink = finding_href(
        &ViewState {
            src: vec![ctx.src.clone()],
            ..ViewState::default()
        },
        &id,
    );
    let md_id = id.clone();
    let href: LocationHref = {
        let code_links = use_context::<super::code_links::CodeLinks>();
        let (repo, git_ref) = (ctx.repo_url.clone(), ctx.code_ref.clone());
        Arc::new(move |l: &Location| match &code_links {
            Some(c) => c.href(l),
            None => location_href(repo.as_deref(), git_ref.as_deref(), l),
        })
    };
    let toggle_head = toggle.clone();
    Some(view! {
        <article
            class=class
            class:current=is_current
            class:open=move || open.get()
            // Filtered out: no `data-finding-id` (style/main.css hides such a card).
            aria-hidden=move || (!visible()).then_some("true")
            id=format!("finding-{token}")
            // Hooks only on shown cards: `article[data-finding-id]` is what the filters show.
            data-finding-id={
                let id = id.clone();
                move || visible().then(|| id.clone())
            }
            data-severity=severity.as_str()
            data-status=status.as_str()
            data-agents=agents_attr
        >
            <header
                class="finding-head"
                on:click=move |e| {
                    // Clicks on links and buttons inside the header do their own thing.
                    let inner = e
                        .target()
                        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                        .and_then(|el| el.closest("a, button").ok().flatten());
                    if inner.is_none() {
                        toggle_head();
                    }
                }
            >
                <button
                    type="button"
                    class="finding-toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=body_id.clone()
                    aria-labelledby=title_id.clone()
                    on:click=move |_| toggle()
                >
                    <span class="chevron" aria-hidden="true"></span>
                </button>
                <SeverityIcon severity />
                <span class="finding-id">{id.clone()}</span>
                <h3 class="finding-title" id=title_id data-role="title">{title}</h3>
                <span class="finding-tags">
                    {kinds.into_iter().map(|k| view! { <span class="kind">{k}</span> }).collect_view()}
                    {(status != Status::Open).then(|| view! { <StatusBadge status word=word.clone().unwrap_or_default() /> })}
                    <super::marks::MarkBadge id=id.clone() />
                    <AgentPills names=agents passes=later_passes />
                    <a
                        class="permalink"
                        href=permalink
                        aria-label=format!("Link to finding {id}")
                        title="Link to this finding"
                    >
                        "¶"
                    </a>
                </span>
            </header>
            // A note that only repeats the badge's word ("Fixed") is not shown twice.
            {status_note
                .filter(|n| Some(n.trim()) != word.as_deref())
                .map(|n| view! { <p class="status-note">{n}</p> })}
            <div class="finding-body" id=body_id hidden=move || !open.get()>
                {(!locations.is_empty()).then(|| view! { <Locations locations href /> })}
                {move || ever_open.get().then(|| view! { <Md md=body_md.clone() id_prefix=format!("f-{}-", crate::markdown_view::dom_token(&md_id)) /> })}
                {move || open.get().then(|| view! { <super::history::FindingHistory idx /> })}
                {(!refs.is_empty()).then(|| view! {
                    <p class="refs muted">
                        "References: "
                        {refs.iter().map(|r| match r.round {
                            Some(n) => format!("round {n} {}", r.id),
                            None => r.id.clone(),
                        }).collect::<Vec<_>>().join(", ")}
                    </p>
                })}
            </div>
        </article>
    })
}

/// After "Show all", the rest is mounted this many per task.
const LOCATIONS_SLICE: usize = 500;

/// The link of a location, if any (the report's code links, else the repository's).
type LocationHref = Arc<dyn Fn(&Location) -> Option<String> + Send + Sync>;

/// A finding's locations: links to the code when the repository is known. Each link is made
/// when its item mounts: a finding naming 1,250 locations shows 20 of them, and making every
/// link up front was most of a 250 ms task when such a report opened (issue 11).
#[component]
fn Locations(locations: Vec<Location>, href: LocationHref) -> impl IntoView {
    let total = locations.len();
    let locations = StoredValue::new(locations);
    let shown = RwSignal::new(total.min(LOCATIONS_SHOWN));
    let show_all = move |_| {
        leptos::task::spawn_local(async move {
            loop {
                match shown.try_get_untracked() {
                    Some(n) if n < total => shown.set((n + LOCATIONS_SLICE).min(total)),
                    _ => return,
                }
                gloo_timers::future::TimeoutFuture::new(0).await;
            }
        });
    };
    let item = move |i: usize| {
        let link = locations.with_value(|l| {
            l.get(i).map(|l| {
                let text = if l.text.is_empty() {
                    l.path.clone()
                } else {
                    l.text.clone()
                };
                (text, href(l))
            })
        });
        link.map(|(text, href)| {
            view! {
                <li>
                    {match href {
                        Some(h) => view! { <a href=h><code>{text}</code></a> }.into_any(),
                        None => view! { <code>{text}</code> }.into_any(),
                    }}
                </li>
            }
        })
    };
    view! {
        <ul class="locations" aria-label="Locations">
            <For each=move || 0..shown.get() key=|i| *i children=item />
            <Show when=move || shown.get() < total>
                <li class="locations-more">
                    <button type="button" class="link-button" on:click=show_all>
                        {move || format!("Show all {total} locations ({} more)", total - shown.get())}
                    </button>
                </li>
            </Show>
        </ul>
    }
}
