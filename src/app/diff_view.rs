//! The round diff (`view=diff`): `src=` is the newer round, `compare=` the older one — when
//! `compare=` is missing, the previous round of the same thread (bundled index, or files opened
//! together). When both rounds are in a known thread, the core follows findings through the
//! rounds in between ([`crate::rounds::thread_diff`]); when those cannot be loaded, the two are
//! compared directly, and the header says so.
//!
//! Every finding of both rounds is one row ([`crate::compare::rows`]), grouped by outcome in
//! [`Outcome::ALL`] order (Fixed, Declined / acknowledged, Persisting, Demoted, Dropped, Not
//! raised again, New); a pair is one row in its earlier finding's group. Each row has
//! `data-diff` (the outcome) and `data-finding-id` (the newer id for pairs and new findings,
//! the older one otherwise), links to its card in its round, and shows the evidence for its
//! outcome, what changed, how the pair was matched, and a new finding's relations to earlier
//! ones.
//!
//! The report view's filters apply (severity, status, agent, kind, text, hide-resolved; all in
//! the URL): each row is filtered as its main finding, with the status its outcome gives
//! (fixed → resolved, declined, dropped, demoted), and the text search also finds a pair by its
//! older title.
//!
//! Keys ([`crate::keymap::DIFF`]): `j`/`k` step through the shown rows in screen order (group by
//! group), marking the current one and setting `finding=` (the row's filter id, as below); `o`
//! or Enter shows its details, `x` all details, `/` searches.

use super::diff_data::{DiffData, Pair};
use super::diff_links::{DiffLinks, ResetLinks};
use super::diff_row::{outcome_str, row_dom_id, DiffRow};
use super::filters::FilterPanel;
use super::library::Library;
use super::loader;
use super::nav::{src_href, use_view_state};
use super::report_ctx::ReportCtx;
use super::report_keys::use_finding_keys;
use super::rounds_nav::ComparePicker;
use super::sources::use_sources;
use super::util::plural;
use super::widgets::EmptyState;
use crate::compare::{self, Overrides};
use crate::index::{previous_round, thread_of, Source};
use crate::model::Review;
use crate::query::View;
use crate::rounds::{Outcome, RoundDiff};
use leptos::prelude::*;
use std::sync::Arc;

/// What the diff compares, from the URL and the known threads.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    /// Cannot diff: why, and what to do.
    Missing(String),
    /// Waiting for the bundled index to find the previous round or the rounds between.
    Waiting,
    Pair {
        newer: String,
        older: String,
        /// The rounds between, when both are rounds of one known thread (older first).
        between: Option<Vec<String>>,
    },
}

/// The rounds strictly between `older` and `newer` in their thread, oldest first (empty when
/// adjacent); `None` unless both are rounds of one known thread, `older` the earlier.
fn rounds_between(all: &[Source], newer: &str, older: &str) -> Option<Vec<String>> {
    let t = thread_of(all, None, newer)?;
    let (n, o) = (t.position(newer)?, t.position(older)?);
    (o < n).then(|| t.rounds[o + 1..n].iter().map(|s| s.src.clone()).collect())
}

super::lazy::lazy_screen!(
    diff,
    /// The round diff, in its own wasm chunk under `scripts/build` (see `lazy`).
    pub fn diff_screen() {
        view! { <DiffView /> }.into_any()
    }
);

#[component]
pub fn DiffView() -> impl IntoView {
    let lib = expect_context::<Library>();
    let state = use_view_state();
    let (all, ready) = use_sources();
    let target = Memo::new(move |_| {
        let (newer, compare) = state.with(|s| (s.src.first().cloned(), s.compare.clone()));
        let Some(newer) = newer else {
            return Target::Missing(
                "The diff needs the newer round in src= (and the older one in compare=); \
                 pick “Compare with…” on a report, or “Diff latest two rounds” on the report \
                 list."
                    .into(),
            );
        };
        let older = compare.or_else(|| all.with(|a| previous_round(a, &newer)));
        match older {
            Some(older) => {
                let between = all.with(|a| rounds_between(a, &newer, &older));
                let bundled = !newer.starts_with(loader::LOCAL_PREFIX);
                if between.is_none() && bundled && !ready.get() {
                    return Target::Waiting;
                }
                Target::Pair {
                    newer,
                    older,
                    between,
                }
            }
            None if !ready.get() => Target::Waiting,
            None => Target::Missing(format!(
                "No earlier round of {newer} is known: add compare=<older report> to the \
                 address, or open both rounds' files together."
            )),
        }
    });
    let loaded = LocalResource::new(move || {
        let t = target.get();
        async move {
            let Target::Pair {
                newer,
                older,
                between,
            } = t
            else {
                return None;
            };
            let result = async {
                let n = loader::load_review(lib, &newer).await?;
                let o = loader::load_review(lib, &older).await?;
                // The rounds between: all of them, or the two rounds are compared directly.
                let mut direct_note = None;
                let between = match between {
                    Some(srcs) => {
                        let mut mid = Vec::with_capacity(srcs.len());
                        for s in &srcs {
                            match loader::load_review(lib, s).await {
                                Ok(r) => mid.push(r),
                                Err(e) => {
                                    direct_note = Some(format!(
                                        "A round between could not be loaded ({e}): the two \
                                         rounds are compared directly."
                                    ));
                                    break;
                                }
                            }
                        }
                        (mid.len() == srcs.len()).then_some(mid)
                    }
                    None => None,
                };
                Ok::<_, String>(Arc::new(Pair {
                    newer_src: newer,
                    older_src: older,
                    newer: n,
                    older: o,
                    between,
                    direct_note,
                }))
            }
            .await;
            Some(result)
        }
    });
    let loading = || {
        view! {
            <super::widgets::Loading>"Loading both rounds…"</super::widgets::Loading>
        }
        .into_any()
    };
    view! {
        <div class="diff-view">
            {move || match target.get() {
                Target::Missing(msg) => view! { <div class="alert" role="alert">{msg}</div> }.into_any(),
                Target::Waiting => loading(),
                Target::Pair { newer, older, .. } => match loaded.get().flatten() {
                    Some(Ok(p)) if p.newer_src == newer && p.older_src == older => {
                        view! { <DiffScreen pair=p /> }.into_any()
                    }
                    Some(Err(e)) => view! { <div class="alert" role="alert">{e}</div> }.into_any(),
                    _ => loading(),
                },
            }}
        </div>
    }
}

/// Two loaded rounds: their diff is made in a task of its own (a zero timeout after the
/// loading line is shown), and the rows are built in the next (100 findings × 1,000 locations
/// a round is ~100 ms of diff and ~120 ms of rows: one ~240 ms frame when both ran together,
/// issue 11).
#[component]
fn DiffScreen(pair: Arc<Pair>) -> impl IntoView {
    let plain = {
        let pair = pair.clone();
        LocalResource::new(move || {
            let pair = pair.clone();
            async move {
                gloo_timers::future::TimeoutFuture::new(0).await;
                let diff = pair.diff(&Overrides::default());
                // The resource's value builds the rows as soon as it is set: set it in the
                // next task, not in this one.
                gloo_timers::future::TimeoutFuture::new(0).await;
                Arc::new(diff)
            }
        })
    };
    move || match plain.get() {
        Some(diff) => view! { <DiffReady pair=pair.clone() plain=(*diff).clone() /> }.into_any(),
        None => view! {
            <super::widgets::Loading>"Comparing the two rounds…"</super::widgets::Loading>
        }
        .into_any(),
    }
}

/// Two loaded rounds and their diff: the user's overrides (context), and the diff with them
/// applied.
#[component]
fn DiffReady(pair: Arc<Pair>, plain: RoundDiff) -> impl IntoView {
    // The diff without overrides gives the automatic pairs, and is the screen's diff while
    // nothing is linked by hand: made once, not twice in the same task (100 findings × 1,000
    // locations a round took ~350 ms a diff in the page, issue 11).
    let auto = compare::auto_pairs(&plain);
    let plain = StoredValue::new(Some(plain));
    let links = DiffLinks::provide(
        &pair.older.slug,
        &pair.newer.slug,
        auto,
        (pair.older_src.clone(), pair.newer_src.clone()),
    );
    move || {
        let data = links.effective.with(|l| {
            let none = *l == Overrides::default();
            match plain
                .try_update_value(|p| p.take().filter(|_| none))
                .flatten()
            {
                Some(diff) => DiffData::of_diff(&pair, diff),
                None => DiffData::new(&pair, l),
            }
        });
        let note = pair.direct_note.clone();
        let via: Vec<String> = pair
            .between
            .iter()
            .flatten()
            .map(|r| match &r.meta.round {
                Some(n) => format!("Round {}", n.number),
                None => r.slug.clone(),
            })
            .collect();
        view! { <DiffBody data=Arc::new(data) via note /> }
    }
}

/// What a group holds, under its heading.
fn group_hint(o: Outcome) -> &'static str {
    match o {
        Outcome::Fixed => "Not raised again, with evidence of the fix in the reports.",
        Outcome::Declined => "Declined, acknowledged or deferred (Skipped, Won’t fix, Commented…).",
        Outcome::Persisting => "Raised again (re-rated or not).",
        Outcome::Demoted => "Raised again as a design observation or lower, the report saying so.",
        Outcome::Dropped => "Withdrawn or dropped as a false positive.",
        Outcome::NotRaised => {
            "Absent from the newer round and nothing says why: not counted as fixed."
        }
        Outcome::New => "Only in the newer round.",
    }
}

#[component]
fn DiffBody(data: Arc<DiffData>, via: Vec<String>, note: Option<String>) -> impl IntoView {
    let view_state = use_view_state();
    let findings = data.filter_findings();
    let ids: Vec<String> = findings.iter().map(|f| f.id.clone()).collect();
    // The context's cards are the diff's rows (as findings), over the later round's report.
    let ctx = ReportCtx::new(
        data.pair.newer.clone(),
        Some(findings),
        data.pair.newer_src.clone(),
        view_state,
        super::marks::marks_signal(),
    );
    // Rows start collapsed (the report view opens critical and important cards by default).
    ctx.start_closed(ids);
    provide_context(ctx.clone());
    provide_context(data.clone());
    {
        let data = data.clone();
        use_finding_keys(ctx.clone(), View::Diff, move |ctx| {
            shown_in_order(ctx, &data)
        });
    }
    // A row named by `finding=` (`j`/`k`, or a link) comes into view once rendered.
    ctx.follow_current(row_dom_id, web_sys::ScrollLogicalPosition::Nearest);

    let summary = data.diff.summary.clone();
    let (older_label, newer_label) = (round_label(&data, false), round_label(&data, true));
    let (all, _) = use_sources();
    let thread_label = {
        let newer_src = data.pair.newer_src.clone();
        move || {
            all.with(|a| thread_of(a, None, &newer_src))
                .map(|t| t.label)
                .unwrap_or_default()
        }
    };
    let picker = {
        let newer_src = data.pair.newer_src.clone();
        move || {
            let t = all.with(|a| thread_of(a, None, &newer_src))?;
            let here = t.position(&newer_src)?;
            (t.rounds.len() > 2).then(|| view! { <ComparePicker thread=t here /> })
        }
    };
    let title = pr_heading(&data.pair.newer).unwrap_or_else(|| data.pair.newer.slug.clone());
    let empty = {
        let ctx = ctx.clone();
        move || ctx.visible.with(Vec::is_empty) && !ctx.findings.is_empty()
    };
    let followed = (!via.is_empty()).then(|| {
        view! {
            <p class="muted diff-followed" data-role="followed">
                {format!("Findings are followed through {}.", via.join(", "))}
            </p>
        }
    });
    let direct = note.map(|n| view! { <p class="alert diff-direct" role="note">{n}</p> });
    let earlier_n = summary.earlier;
    let later_n = summary.later;
    let counts = summary.clone();
    let chip = move |o: Outcome| {
        let n = counts.count(o);
        let name = outcome_str(o);
        let inner = view! {
            <span class="diff-count-n" data-role="count">{n}</span>
            " "
            {o.label()}
        };
        view! {
            <li class=format!("diff-count diff-{name}") class:diff-count-zero=n == 0 data-diff-count=name>
                {if n > 0 {
                    view! { <a href=format!("#diff-{name}")>{inner}</a> }.into_any()
                } else {
                    inner.into_any()
                }}
            </li>
        }
    };
    let earlier_chips = Outcome::ALL[..6].iter().map(|&o| chip(o)).collect_view();
    let new_chip = chip(Outcome::New);
    let paired = summary.paired;
    let severity_changed = summary.severity_changed;
    view! {
        <section class="card diff-head" aria-labelledby="diff-title">
            <p class="muted diff-thread">{thread_label}</p>
            <h1 class="page-title" id="diff-title">{title}</h1>
            <p class="diff-rounds">
                <a href=src_href(&data.pair.older_src) data-role="older">{older_label.clone()}</a>
                <span aria-hidden="true">" → "</span>
                <span class="visually-hidden">" compared with "</span>
                <a href=src_href(&data.pair.newer_src) data-role="newer">{newer_label.clone()}</a>
                {picker}
            </p>
            {followed}
            {direct}
            <p class="diff-sentence" data-role="diff-summary">{summary.sentence.clone()}</p>
            <ResetLinks />
            <div class="diff-tally">
                <p class="diff-tally-head">
                    {format!("{} — {}:", older_label, plural(earlier_n, "finding", "findings"))}
                </p>
                <ul class="diff-counts" data-role="earlier-counts">
                    {earlier_chips}
                    {(severity_changed > 0)
                        .then(|| {
                            view! {
                                <li class="diff-count diff-sevchange">
                                    {format!("of the persisting, {severity_changed} re-rated")}
                                </li>
                            }
                        })}
                </ul>
                <p class="diff-tally-head">
                    {format!(
                        "{} — {}: {paired} raised again,",
                        newer_label,
                        plural(later_n, "finding", "findings"),
                    )}
                </p>
                <ul class="diff-counts" data-role="later-counts">{new_chip}</ul>
            </div>
        </section>
        <FilterPanel />
        <Show when=empty>
            <EmptyState />
        </Show>
        {Outcome::ALL.map(|o| view! { <DiffGroup outcome=o /> }).into_iter().collect_view()}
    }
}

/// The filter ids of the shown rows in screen order: group by group, each group in the shared
/// display order (what `j`/`k` follow).
fn shown_in_order(ctx: &ReportCtx, data: &DiffData) -> Vec<String> {
    ctx.visible.with_untracked(|visible| {
        Outcome::ALL
            .iter()
            .flat_map(|&o| {
                visible
                    .iter()
                    .filter(move |&&i| data.rows.get(i).is_some_and(|r| r.outcome == o))
            })
            .filter_map(|&i| ctx.findings.get(i).map(|f| f.id.clone()))
            .collect()
    })
}

/// `Round 2` (header or inferred number), with the date.
fn round_label(d: &DiffData, newer: bool) -> String {
    let (info, review) = if newer {
        (&d.diff.later, &d.pair.newer)
    } else {
        (&d.diff.earlier, &d.pair.older)
    };
    let date = super::util::display_date(&review.meta.date);
    let name = format!("Round {}", info.effective_round);
    if date.is_empty() {
        name
    } else {
        format!("{name} ({date})")
    }
}

fn pr_heading(r: &Review) -> Option<String> {
    let pr = r.meta.pr.as_ref()?;
    Some(match pr.title.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(t) => format!("PR #{} — {t}", pr.number),
        None => format!("PR #{}", pr.number),
    })
}

/// One outcome group; nothing when the diff has no row in it.
#[component]
fn DiffGroup(outcome: Outcome) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let data = expect_context::<Arc<DiffData>>();
    let total = data.rows.iter().filter(|r| r.outcome == outcome).count();
    let items = {
        let data = data.clone();
        Memo::new(move |_| {
            ctx.visible.with(|v| {
                v.iter()
                    .copied()
                    .filter(|&i| data.rows.get(i).is_some_and(|r| r.outcome == outcome))
                    .collect::<Vec<_>>()
            })
        })
    };
    let name = outcome_str(outcome);
    (total > 0).then(|| {
        view! {
            <section
                class=format!("card diff-group diff-{name}")
                id=format!("diff-{name}")
                data-group=name
                aria-labelledby=format!("diff-{name}-heading")
            >
                <h2 class="section-heading" id=format!("diff-{name}-heading")>
                    {outcome.label()}
                    <span class="heading-count" data-role="count">
                        {move || {
                            let shown = items.with(Vec::len);
                            if shown == total { total.to_string() } else { format!("{shown} of {total}") }
                        }}
                    </span>
                </h2>
                <p class="muted diff-hint">{group_hint(outcome)}</p>
                <ul class="diff-rows">
                    <For each=move || items.get() key=|i| *i let(idx)>
                        <DiffRow idx />
                    </For>
                </ul>
            </section>
        }
    })
}
