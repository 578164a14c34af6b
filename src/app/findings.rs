//! Finding cards, grouped by severity in report order. Each card is an
//! `<article data-finding-id data-severity data-status data-agents>` with a real
//! `<button aria-expanded>`; the body is rendered only while open.

use super::agents::AgentPills;
use super::badges::{SeverityIcon, StatusBadge};
use super::nav::finding_href;
use super::report::ReportCtx;
use super::text::Md;
use super::util::location_href;
use crate::model::{Finding, Severity, Status};
use leptos::prelude::*;

#[component]
pub fn FindingList() -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let groups = Severity::ALL
        .into_iter()
        .map(|sev| view! { <SeverityGroup severity=sev /> })
        .collect_view();
    let empty = {
        let ctx = ctx.clone();
        move || ctx.visible.with(Vec::is_empty)
    };
    let has_findings = !ctx.review.findings.is_empty();
    view! {
        <section class="findings" id="findings" aria-label="Findings">
            {groups}
            <Show when=move || empty() && has_findings>
                <super::filters::EmptyState />
            </Show>
            {(!has_findings).then(|| view! { <p class="card empty">"This report has no findings."</p> })}
        </section>
    }
}

/// The DOM id of a severity group (table of contents target).
pub fn group_anchor(sev: Severity) -> String {
    format!("sev-{}", sev.as_str())
}

#[component]
fn SeverityGroup(severity: Severity) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let review = ctx.review.clone();
    let items = Memo::new(move |_| {
        ctx.visible.with(|v| {
            v.iter()
                .copied()
                .filter(|&i| {
                    review
                        .findings
                        .get(i)
                        .is_some_and(|f| f.severity == severity)
                })
                .collect::<Vec<_>>()
        })
    });
    let id = group_anchor(severity);
    let href = format!("#{id}");
    view! {
        <Show when=move || items.with(|v| !v.is_empty())>
            <section class=format!("sev-group sev-{}", severity.as_str()) id=id.clone()>
                <h2 class="section-heading">
                    <SeverityIcon severity />
                    " "
                    {severity.label()}
                    <span class="heading-count">{move || items.with(Vec::len)}</span>
                    <a class="anchor" href=href.clone() aria-label=format!("Link to {}", severity.label())>
                        "#"
                    </a>
                </h2>
                <For each=move || items.get() key=|i| *i let(idx)>
                    <FindingCard idx />
                </For>
            </section>
        </Show>
    }
}

#[component]
pub fn FindingCard(idx: usize) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let f = ctx.review.findings.get(idx).cloned()?;
    let open = {
        let ctx = ctx.clone();
        Memo::new(move |_| ctx.is_open(idx))
    };
    let is_current = {
        let ctx = ctx.clone();
        let id = f.id.clone();
        move || ctx.current.with(|c| c.as_deref() == Some(id.as_str()))
    };
    let toggle = {
        let ctx = ctx.clone();
        let id = f.id.clone();
        move || ctx.set_open(&id, !open.get_untracked())
    };
    let body_id = format!("finding-body-{}", f.id);
    let title_id = format!("finding-title-{}", f.id);
    let class = format!(
        "card finding sev-{} status-{}",
        f.severity.as_str(),
        f.status.as_str()
    );
    let Finding {
        id,
        severity,
        title,
        kinds,
        agents,
        status,
        status_note,
        refs,
        locations,
        body_md,
        ..
    } = f;
    let agents_attr = agents.join("|");
    let view = ctx.view;
    let permalink_id = id.clone();
    let md_id = id.clone();
    let links: Vec<(String, Option<String>)> = locations
        .iter()
        .map(|l| {
            (
                if l.text.is_empty() {
                    l.path.clone()
                } else {
                    l.text.clone()
                },
                location_href(ctx.repo_url.as_deref(), ctx.code_ref.as_deref(), l),
            )
        })
        .collect();
    let toggle_head = toggle.clone();
    Some(view! {
        <article
            class=class
            class:current=is_current
            class:open=move || open.get()
            id=format!("finding-{id}")
            data-finding-id=id.clone()
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
                    {(status != Status::Open).then(|| view! { <StatusBadge status /> })}
                    <AgentPills names=agents />
                    <a
                        class="permalink"
                        href=move || finding_href(&view.get(), &permalink_id)
                        aria-label=format!("Link to finding {id}")
                        title="Link to this finding"
                    >
                        "¶"
                    </a>
                </span>
            </header>
            {status_note.map(|n| view! { <p class="status-note">{n}</p> })}
            <div class="finding-body" id=body_id hidden=move || !open.get()>
                {(!links.is_empty()).then(|| view! {
                    <ul class="locations" aria-label="Locations">
                        {links.into_iter().map(|(text, href)| view! {
                            <li>
                                {match href {
                                    Some(h) => view! { <a href=h><code>{text}</code></a> }.into_any(),
                                    None => view! { <code>{text}</code> }.into_any(),
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                {move || open.get().then(|| view! { <Md md=body_md.clone() id_prefix=format!("f-{md_id}-") /> })}
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
