//! A finding's history across its thread's rounds (loaded on demand through [`loader::load`]) —
//! the "History" button on a finding card (first seen, each round's id / severity / status,
//! then what became of it with the evidence: fixed in Round 3 — Resolution: Fixed, declined,
//! not raised again with no evidence …), each round linking to that round's card.

use super::badges::{SeverityIcon, StatusBadge};
use super::library::Library;
use super::loader::{self, Content, LOCAL_PREFIX};
use super::report_ctx::ReportCtx;
use super::sources::use_sources;
use crate::compare;
use crate::index::{thread_of, Source, Thread};
use crate::model::{IndexEntry, Review};
use crate::query::ViewState;
use crate::rounds::{thread_report, Lifecycle, Outcome};
use leptos::prelude::*;

/// `?src=<src>&finding=<id>`: a finding's card in one round.
pub fn card_href(src: &str, id: &str) -> String {
    ViewState {
        src: vec![src.to_string()],
        finding: Some(id.to_string()),
        ..ViewState::default()
    }
    .to_search()
}

/// The thread of the report on screen (the report itself added when no list knows it).
fn current_thread(all: &[Source], ctx: &ReportCtx) -> Option<Thread> {
    let extra = (!all.iter().any(|s| s.src == ctx.src)).then(|| Source {
        src: ctx.src.clone(),
        entry: thread_facts(&ctx.review, &ctx.src),
        bundled: !ctx.src.starts_with(LOCAL_PREFIX),
    });
    thread_of(all, extra.as_ref(), &ctx.src)
}

/// The thread of the report on screen (when it has other known rounds), worked out once per
/// report view and shared by every card's History button through context.
#[derive(Clone, Copy)]
pub struct ReportThread(pub Memo<Option<Thread>>);

impl ReportThread {
    fn memo(ctx: &ReportCtx) -> Memo<Option<Thread>> {
        let (all, _) = use_sources();
        let ctx = ctx.clone();
        Memo::new(move |_| {
            all.with(|a| current_thread(a, &ctx))
                .filter(|t| t.rounds.len() >= 2)
        })
    }

    /// Provide the thread of `ctx`'s report; call once, where the report context is provided.
    pub fn provide(ctx: &ReportCtx) {
        provide_context(ReportThread(Self::memo(ctx)));
    }
}

/// The header facts that place a report in a thread (no counts: this runs for every card).
fn thread_facts(r: &Review, src: &str) -> IndexEntry {
    let m = &r.meta;
    IndexEntry {
        slug: r.slug.clone(),
        path: src.to_string(),
        title: String::new(),
        date: m.date.clone(),
        repo: m.repo.clone(),
        pr: m.pr.clone(),
        branch: m.branch.clone(),
        round: m.round.clone(),
        verdict: None,
        counts: Default::default(),
        reviewers: Vec::new(),
    }
}

/// A finding's history, ready to show.
#[derive(Debug, Clone, PartialEq)]
struct HistoryData {
    thread: Thread,
    /// Effective round number of each round of the thread.
    numbers: Vec<u32>,
    lifecycle: Lifecycle,
}

async fn load_history(
    lib: Library,
    thread: Thread,
    here: (usize, usize),
) -> Result<HistoryData, String> {
    let mut reviews = Vec::with_capacity(thread.rounds.len());
    for s in &thread.rounds {
        reviews.push(loader::load_review(lib, &s.src).await?);
    }
    let refs: Vec<&Review> = reviews.iter().map(|r| r.as_ref()).collect();
    let report = thread_report(thread.key.clone(), &refs);
    let lifecycle = report
        .lifecycle_of(here.0, here.1)
        .cloned()
        .ok_or_else(|| "This finding was not found in its thread's rounds.".to_string())?;
    Ok(HistoryData {
        numbers: report.rounds.iter().map(|r| r.effective_round).collect(),
        thread,
        lifecycle,
    })
}

/// The "History" button of a finding card and, when open, the finding's lifecycle across its
/// thread. Renders nothing when the report has no other known round.
#[component]
pub fn FindingHistory(idx: usize) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let lib = expect_context::<Library>();
    let thread = use_context::<ReportThread>()
        .map(|t| t.0)
        .unwrap_or_else(|| ReportThread::memo(&ctx));
    let open = RwSignal::new(false);
    let data: RwSignal<Option<Result<HistoryData, String>>> = RwSignal::new(None);
    let panel_id = format!(
        "history-{}",
        ctx.findings.get(idx).map_or("", |f| f.id.as_str())
    );
    let src = ctx.src.clone();
    let current = ctx.review.clone();
    let toggle = move |_| {
        let opening = !open.get_untracked();
        open.set(opening);
        let Some(t) = thread.get_untracked() else {
            return;
        };
        let stale = data.with_untracked(|d| match d {
            Some(Ok(h)) => h.thread != t,
            Some(Err(_)) | None => true,
        });
        if opening && stale {
            let Some(pos) = t.position(&src) else {
                return;
            };
            data.set(None);
            loader::remember(&src, Content::Review(current.clone()));
            leptos::task::spawn_local(async move {
                data.set(Some(load_history(lib, t, (pos, idx)).await));
            });
        }
    };
    move || {
        thread.get().map(|_| {
            let panel_id = panel_id.clone();
            let toggle = toggle.clone();
            view! {
                <div class="history">
                    <button
                        type="button"
                        class="button history-button"
                        data-role="history"
                        aria-expanded=move || open.get().to_string()
                        aria-controls=panel_id.clone()
                        on:click=toggle
                    >
                        "History"
                    </button>
                    <div class="history-panel" id=panel_id hidden=move || !open.get()>
                        {move || {
                            open.get()
                                .then(|| match data.get() {
                                    None => {
                                        view! {
                                            <p class="muted" role="status">
                                                "Loading the thread’s rounds…"
                                            </p>
                                        }
                                            .into_any()
                                    }
                                    Some(Err(e)) => {
                                        view! { <p class="alert" role="alert">{e}</p> }.into_any()
                                    }
                                    Some(Ok(h)) => view! { <Timeline data=h /> }.into_any(),
                                })
                        }}
                    </div>
                </div>
            }
        })
    }
}

/// One line of the history: an appearance, a round where it was not raised, or the round whose
/// words say what became of it.
#[derive(Debug, Clone)]
enum Step {
    Seen(crate::rounds::Appearance),
    Absent,
    /// The round after its last appearance, where it is not raised: what that round's text
    /// (or the earlier round's own resolution) says, or nothing (`not_raised`).
    Outcome(Option<Outcome>),
}

/// `✓ fixed`, `declined` … as the step's badge.
fn outcome_badge(o: Option<Outcome>) -> (&'static str, &'static str) {
    match o {
        Some(Outcome::Fixed) => ("✓ fixed", "status status-resolved"),
        Some(Outcome::Declined) => ("declined", "status status-declined"),
        Some(Outcome::Dropped) => ("dropped", "status status-dropped"),
        Some(Outcome::Demoted) => ("demoted", "status status-demoted"),
        Some(Outcome::Persisting) => ("still open", "status status-open"),
        Some(Outcome::NotRaised | Outcome::New) | None => ("not raised", "status status-open"),
    }
}

#[component]
fn Timeline(data: HistoryData) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let HistoryData {
        thread,
        numbers,
        lifecycle,
    } = data;
    let first = lifecycle.first_round;
    let last_seen = lifecycle.appearances.last().map_or(first, |a| a.round);
    let label = |k: usize| format!("Round {}", numbers.get(k).copied().unwrap_or(k as u32 + 1));
    let summary = compare::lifecycle_summary(&lifecycle, &numbers);
    // One step after the last appearance when a next round exists: what it says, or that it
    // says nothing.
    let after = (last_seen + 1 < thread.rounds.len() && lifecycle.outcome.is_some())
        .then_some(last_seen + 1);
    let steps: Vec<(usize, Step)> = (first..=after.unwrap_or(last_seen))
        .map(|k| {
            let seen = lifecycle.appearances.iter().find(|a| a.round == k).cloned();
            let step = match seen {
                Some(a) => Step::Seen(a),
                None if Some(k) == after => Step::Outcome(lifecycle.outcome),
                None => Step::Absent,
            };
            (k, step)
        })
        .collect();
    // The first line of evidence is in the summary; the others below it.
    let evidence = (lifecycle.evidence.len() > 1).then(|| {
        view! {
            <ul class="history-evidence" data-role="history-evidence" aria-label="More evidence">
                {lifecycle
                    .evidence
                    .iter()
                    .skip(1)
                    .map(|e| view! { <li>{e.clone()}</li> })
                    .collect_view()}
            </ul>
        }
    });
    let items = steps
        .into_iter()
        .filter_map(|(k, step)| {
            let source = thread.rounds.get(k)?;
            let round = label(k);
            let here = source.src == ctx.src;
            Some(match step {
                Step::Seen(a) => {
                    let href = card_href(&source.src, &a.id);
                    view! {
                        <li class="history-step" class:here=here data-round=k + 1 data-finding-id=a.id.clone()>
                            <a class="history-link" href=href>
                                {format!("{round} · {}", a.id)}
                            </a>
                            <SeverityIcon severity=a.severity />
                            <StatusBadge status=a.status />
                            <span class="history-title">{a.title}</span>
                        </li>
                    }
                    .into_any()
                }
                Step::Absent => view! {
                    <li class="history-step absent" data-round=k + 1>
                        <a class="history-link" href=super::nav::src_href(&source.src)>{round}</a>
                        <span class="muted">"not raised in this round"</span>
                    </li>
                }
                .into_any(),
                Step::Outcome(o) => {
                    let (text, class) = outcome_badge(o);
                    let said = if matches!(o, Some(Outcome::NotRaised) | None) {
                        "not raised, and nothing says why"
                    } else {
                        "not raised as a finding"
                    };
                    view! {
                        <li
                            class="history-step outcome"
                            data-round=k + 1
                            data-outcome=o.map(Outcome::as_str)
                        >
                            <a class="history-link" href=super::nav::src_href(&source.src)>{round}</a>
                            <span class=class>{text}</span>
                            <span class="muted">{said}</span>
                        </li>
                    }
                    .into_any()
                }
            })
        })
        .collect_view();
    view! {
        <p class="history-summary" data-role="history-summary">{summary}</p>
        {evidence}
        <ol class="history-list">{items}</ol>
    }
}
