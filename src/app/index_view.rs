//! The first screen: reports opened from files (if any) and the bundled index, grouped by PR
//! thread with rounds in order.

use super::agents::AgentPill;
use super::badges::{SeverityCounts, VerdictBadge};
use super::library::Library;
use super::nav::src_href;
use super::util::{display_date, plural};
use crate::model::{Index, IndexEntry};
use crate::rounds::{group_threads, slug_name};
use leptos::prelude::*;

/// The bundled index, loaded once per page (context).
#[derive(Clone, Copy)]
pub struct BundledIndex(pub LocalResource<Result<Index, String>>);

/// One thread of the index: its label and entries in round order.
#[derive(Debug, Clone, PartialEq)]
pub struct Thread {
    pub label: String,
    pub entries: Vec<IndexEntry>,
}

/// Threads (grouped by `rounds::group_threads`), the most recently active first.
pub fn threads(entries: &[IndexEntry]) -> Vec<Thread> {
    let mut out: Vec<Thread> = group_threads(entries)
        .into_iter()
        .map(|g| Thread {
            label: g.label,
            entries: g
                .members
                .iter()
                .filter_map(|&i| entries.get(i).cloned())
                .collect(),
        })
        .collect();
    let latest = |t: &Thread| {
        t.entries
            .iter()
            .map(|e| e.date.clone())
            .max()
            .unwrap_or_default()
    };
    out.sort_by_key(|t| std::cmp::Reverse(latest(t)));
    out
}

#[component]
pub fn IndexView() -> impl IntoView {
    let index = expect_context::<BundledIndex>().0;
    view! {
        <div class="index-view">
            <LocalList />
            <h1 class="page-title">"Reports"</h1>
            <p class="muted intro">
                "Open a bundled report below, or your own: “Open files…”, drop files on the page, paste report text, or add "
                <code>"?src=<url>"</code>
                " to the address."
            </p>
            {move || match index.get() {
                None => {
                    view! {
                        <div class="progress" role="status" data-role="loading">
                            <span class="spinner" aria-hidden="true"></span>
                            "Loading the report list…"
                        </div>
                    }
                        .into_any()
                }
                Some(Err(e)) => view! { <div class="alert" role="alert">{e}</div> }.into_any(),
                Some(Ok(idx)) if idx.reports.is_empty() => {
                    view! {
                        <p class="empty">
                            "The bundled index lists no reports. Open one of your own instead."
                        </p>
                    }
                        .into_any()
                }
                Some(Ok(idx)) => {
                    let ts = threads(&idx.reports);
                    view! {
                        <div class="threads">
                            {ts
                                .into_iter()
                                .map(|t| view! { <ThreadCard thread=t /> })
                                .collect_view()}
                        </div>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

#[component]
fn ThreadCard(thread: Thread) -> impl IntoView {
    let first = thread.entries.first().cloned().unwrap_or_default();
    let last = thread.entries.last().cloned().unwrap_or_default();
    let repo = first.repo.as_ref().map(|r| r.name.clone());
    let heading = match (&last.pr, &last.branch) {
        (Some(pr), _) => {
            let t = pr.title.clone().unwrap_or_default();
            if t.is_empty() {
                format!("PR #{}", pr.number)
            } else {
                format!("PR #{} — {t}", pr.number)
            }
        }
        (None, Some(b)) => format!("Branch {b}"),
        _ if !thread.label.is_empty() => thread.label.clone(),
        _ => slug_name(&last.slug).to_string(),
    };
    let rounds = plural(thread.entries.len(), "report", "reports");
    view! {
        <section class="card thread">
            <header class="thread-head">
                <h2>{heading}</h2>
                <span class="muted">{repo.map(|r| format!("{r} · "))} {rounds}</span>
            </header>
            <ol class="rounds">
                {thread
                    .entries
                    .into_iter()
                    .map(|e| view! { <RoundRow entry=e /> })
                    .collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn RoundRow(entry: IndexEntry) -> impl IntoView {
    let href = src_href(&format!("reviews/{}", entry.path));
    let round = entry
        .round
        .as_ref()
        .map(|r| format!("Round {}", r.number))
        .unwrap_or_else(|| "Report".to_string());
    let total = entry.counts.critical
        + entry.counts.important
        + entry.counts.suggestion
        + entry.counts.design;
    let reviewers = entry.reviewers.clone();
    view! {
        <li class="round-row">
            <a class="round-link" href=href>
                <span class="round-name">{round}</span>
                <span class="round-date">{display_date(&entry.date)}</span>
            </a>
            <VerdictBadge verdict=entry.verdict.clone() />
            <span class="round-counts">
                <SeverityCounts counts=entry.counts.clone() />
                <span class="muted">{plural(total as usize, "finding", "findings")}</span>
            </span>
            <span class="pills round-reviewers">
                {reviewers
                    .into_iter()
                    .map(|r| view! { <AgentPill name=r.name effort=r.effort /> })
                    .collect_view()}
            </span>
        </li>
    }
}

/// Reports opened from files in this session.
#[component]
fn LocalList() -> impl IntoView {
    let lib = expect_context::<Library>();
    view! {
        <Show when=move || lib.local.with(|l| !l.is_empty())>
            <section class="card local-files">
                <h2>"Opened files"</h2>
                <ul class="local-list">
                    <For
                        each=move || lib.local.get()
                        key=|e| e.name.clone()
                        let(e)
                    >
                        <li>
                            {match &e.result {
                                Ok(r) => {
                                    let entry = IndexEntry::of(r, &e.name);
                                    let label = if r.title.is_empty() {
                                        e.name.clone()
                                    } else {
                                        r.title.clone()
                                    };
                                    view! {
                                        <a href=src_href(&e.src())>{label}</a>
                                        " "
                                        <span class="muted">{e.name.clone()}</span>
                                        " "
                                        <VerdictBadge verdict=entry.verdict.clone() />
                                        <SeverityCounts counts=entry.counts />
                                    }
                                        .into_any()
                                }
                                Err(err) => {
                                    view! {
                                        <span class="local-error">
                                            <strong>{e.name.clone()}</strong>
                                            ": "
                                            {err.clone()}
                                        </span>
                                    }
                                        .into_any()
                                }
                            }}
                        </li>
                    </For>
                </ul>
            </section>
        </Show>
    }
}
