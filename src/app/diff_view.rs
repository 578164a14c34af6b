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

use super::badges::{SeverityIcon, StatusBadge};
use super::diff_links::{DiffLinks, LinkPicker, ResetLinks, UnlinkButton};
use super::filters::FilterPanel;
use super::history::card_href;
use super::library::Library;
use super::loader;
use super::nav::{src_href, use_view_state};
use super::report_ctx::ReportCtx;
use super::report_keys::use_finding_keys;
use super::rounds_nav::ComparePicker;
use super::sources::use_sources;
use super::text::Md;
use super::util::plural;
use super::widgets::EmptyState;
use crate::compare::{self, Overrides, Row};
use crate::index::{previous_round, thread_of, Source};
use crate::model::{Finding, Review, Severity};
use crate::query::View;
use crate::rounds::{
    diff_reviews_with, thread_diff, MatchExplanation, MatchVia, Outcome, Relation, RoundDiff,
    THRESHOLD,
};
use leptos::prelude::*;
use std::sync::Arc;

/// The two rounds of a diff, loaded, and the rounds in between when known.
#[derive(Debug, Clone)]
pub struct Pair {
    pub newer_src: String,
    pub older_src: String,
    pub newer: Arc<Review>,
    pub older: Arc<Review>,
    /// The rounds between them in their thread (empty when adjacent); `None` when the two are
    /// not known as rounds of one thread, or a round between could not be loaded.
    pub between: Option<Vec<Arc<Review>>>,
    /// Why the rounds between are not followed, when the thread has some.
    pub direct_note: Option<String>,
}

impl Pair {
    /// The core's diff with `overrides`: through the rounds between when they are loaded.
    pub fn diff(&self, overrides: &Overrides) -> RoundDiff {
        match &self.between {
            Some(mid) => {
                let mut chain: Vec<&Review> = Vec::with_capacity(mid.len() + 2);
                chain.push(&self.older);
                chain.extend(mid.iter().map(|r| r.as_ref()));
                chain.push(&self.newer);
                thread_diff(&chain, 0, chain.len() - 1, overrides)
            }
            None => diff_reviews_with(&self.older, &self.newer, overrides),
        }
    }
}

/// Everything the diff screen shows.
#[derive(Debug, Clone)]
pub struct DiffData {
    pub newer_src: String,
    pub older_src: String,
    pub newer: Arc<Review>,
    pub older: Arc<Review>,
    pub diff: RoundDiff,
    pub rows: Vec<Row>,
}

impl DiffData {
    pub fn new(pair: &Pair, overrides: &Overrides) -> Self {
        Self::of_diff(pair, pair.diff(overrides))
    }

    /// The screen's data for a diff of `pair` already made.
    fn of_diff(pair: &Pair, diff: RoundDiff) -> Self {
        let rows = compare::rows(&diff);
        DiffData {
            newer_src: pair.newer_src.clone(),
            older_src: pair.older_src.clone(),
            newer: pair.newer.clone(),
            older: pair.older.clone(),
            diff,
            rows,
        }
    }

    /// The finding a row stands for: its later one for pairs and new findings, else its
    /// earlier one.
    fn main(&self, row: &Row) -> Option<&Finding> {
        if row.stands_for_later() {
            row.later.and_then(|i| self.newer.findings.get(i))
        } else {
            row.earlier.and_then(|i| self.older.findings.get(i))
        }
    }

    /// The other round's finding of a pair.
    fn other(&self, row: &Row) -> Option<&Finding> {
        if row.stands_for_later() {
            row.earlier.and_then(|i| self.older.findings.get(i))
        } else {
            None
        }
    }

    /// One finding per row, for the shared filters: the row's main finding with the status
    /// its outcome gives, the older title added to the searchable body of a pair, and an id
    /// unique among the rows (rows of the older round only: `C1@r1`).
    fn filter_findings(&self) -> Vec<Finding> {
        self.rows
            .iter()
            .filter_map(|row| {
                let mut f = self.main(row)?.clone();
                f.status = row.filter_status(f.status);
                if !row.stands_for_later() {
                    f.id = format!("{}@r{}", f.id, self.diff.earlier.effective_round);
                }
                if let Some(o) = self.other(row) {
                    f.body_md = format!("{}\n\n{} {}", f.body_md, o.id, o.title);
                }
                Some(f)
            })
            .collect()
    }
}

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

/// Two loaded rounds: the user's overrides (context), and the diff with them applied.
/// Two loaded rounds: their diff is made in a task of its own, after the loading line has
/// been painted, and the rows are built in the next (100 findings × 1,000 locations a round
/// is ~100 ms of diff and ~120 ms of rows: one ~240 ms frame when both ran together, issue 11).
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

/// `data-diff` of a group, and the `#diff-…` anchor of its section.
fn outcome_str(o: Outcome) -> &'static str {
    o.as_str()
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
        data.newer.clone(),
        Some(findings),
        data.newer_src.clone(),
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
        let newer_src = data.newer_src.clone();
        move || {
            all.with(|a| thread_of(a, None, &newer_src))
                .map(|t| t.label)
                .unwrap_or_default()
        }
    };
    let picker = {
        let newer_src = data.newer_src.clone();
        move || {
            let t = all.with(|a| thread_of(a, None, &newer_src))?;
            let here = t.position(&newer_src)?;
            (t.rounds.len() > 2).then(|| view! { <ComparePicker thread=t here /> })
        }
    };
    let title = pr_heading(&data.newer).unwrap_or_else(|| data.newer.slug.clone());
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
                <a href=src_href(&data.older_src) data-role="older">{older_label.clone()}</a>
                <span aria-hidden="true">" → "</span>
                <span class="visually-hidden">" compared with "</span>
                <a href=src_href(&data.newer_src) data-role="newer">{newer_label.clone()}</a>
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

/// The DOM id of the row whose filter id is `id`.
fn row_dom_id(id: &str) -> String {
    format!("diff-row-{}", crate::markdown_view::dom_token(id))
}

/// `Round 2` (header or inferred number), with the date.
fn round_label(d: &DiffData, newer: bool) -> String {
    let (info, review) = if newer {
        (&d.diff.later, &d.newer)
    } else {
        (&d.diff.earlier, &d.older)
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

/// How a pair was matched, short (`matched by similarity 0.82`), and the detail for the
/// tooltip.
fn match_note(e: &MatchExplanation, earlier: &str, later: &str) -> (String, String) {
    let paths = if e.paths_compared {
        format!("{:.2}", e.paths)
    } else {
        "not compared (a finding names no location)".to_string()
    };
    let detail = format!(
        "title similarity {:.2} · shared paths {paths} · body similarity {:.2} · shared symbols \
         {:.2} · shared code {:.2} · score {:.2} (threshold {THRESHOLD:.2})",
        e.title, e.body, e.symbols, e.code, e.score
    );
    match e.via {
        MatchVia::Xref => (
            format!("matched by cross-reference (score {:.2})", e.score),
            format!(
                "Matched by cross-reference: the newer {later} names the older {earlier}. {detail}"
            ),
        ),
        MatchVia::Similarity if e.is_weak() => (
            format!("weak match {:.2}: check it", e.score),
            format!(
                "A weak match: {earlier} and {later} were paired although they score under the \
                 threshold, on the bonus two design observations share. Unlink them if they \
                 are different findings. {detail}"
            ),
        ),
        MatchVia::Similarity => (
            format!("matched by similarity {:.2}", e.score),
            format!("Matched by similarity: {detail}"),
        ),
        MatchVia::Thread => (
            format!("followed through the rounds between (score {:.2})", e.score),
            format!(
                "Paired in each diff of consecutive rounds from {earlier} to {later}. {detail}"
            ),
        ),
        MatchVia::Manual => (
            "linked by hand".to_string(),
            format!("You linked {earlier} and {later} (link= in the address). {detail}"),
        ),
    }
}

fn sev_change(from: Severity, to: Severity) -> (&'static str, &'static str) {
    if to < from {
        ("↑", "sev-up")
    } else {
        ("↓", "sev-down")
    }
}

#[component]
fn DiffRow(idx: usize) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let data = expect_context::<Arc<DiffData>>();
    let row = data.rows.get(idx).cloned()?;
    let main = data.main(&row)?.clone();
    let older = row
        .earlier
        .and_then(|i| data.older.findings.get(i))
        .cloned();
    let newer = row.later.and_then(|i| data.newer.findings.get(i)).cloned();
    let (older_n, newer_n) = (
        data.diff.earlier.effective_round,
        data.diff.later.effective_round,
    );
    let kind = outcome_str(row.outcome);
    let synthetic_id = ctx.findings.get(idx).map(|f| f.id.clone())?;
    let open = {
        let ctx = ctx.clone();
        Memo::new(move |_| ctx.is_open(idx))
    };
    let toggle = {
        let (ctx, id) = (ctx.clone(), synthetic_id.clone());
        move |_| ctx.set_open(&id, !open.get_untracked())
    };
    let later_side = row.stands_for_later();
    let body_id = format!(
        "diff-body-{kind}-{}-{}",
        if later_side { "l" } else { "e" },
        crate::markdown_view::dom_token(&main.id)
    );
    let is_current = {
        let (ctx, id) = (ctx.clone(), synthetic_id.clone());
        move || ctx.is_current(&id)
    };

    // The main link: the card in the row's own round; the other round's card when paired.
    let (main_src, main_round) = if later_side {
        (&data.newer_src, newer_n)
    } else {
        (&data.older_src, older_n)
    };
    let main_href = card_href(main_src, &main.id);
    let other = data
        .other(&row)
        .map(|f| (&data.older_src, older_n, f.clone()));
    let other_link = other.map(|(src, n, f)| {
        let href = card_href(src, &f.id);
        let differs = f.id != main.id || f.title != main.title;
        let text = format!("Round {n} {}", f.id);
        view! {
            <span class="diff-other">
                <span aria-hidden="true">" ← "</span>
                <span class="visually-hidden">"was "</span>
                <a href=href data-role="other-round">{text}</a>
                {differs.then(|| view! { <span class="diff-other-title">": " {f.title.clone()}</span> })}
            </span>
        }
    });

    // What changed between the two findings of a pair.
    let mut changes: Vec<AnyView> = Vec::new();
    if let Some(c) = row.severity_changed {
        let (arrow, class) = sev_change(c.from, c.to);
        changes.push(
            view! {
                <span class=format!("change {class}") data-change="severity">
                    {format!("{arrow} {} → {}", c.from.as_str(), c.to.as_str())}
                </span>
            }
            .into_any(),
        );
    }
    let status_changed = match (&older, &newer) {
        (Some(o), Some(n)) if o.status != n.status => Some((o.status, n.status)),
        _ => None,
    };
    if let Some((from, to)) = status_changed {
        changes.push(
            view! {
                <span class="change status-change" data-change="status">
                    <StatusBadge status=from />
                    " → "
                    <StatusBadge status=to />
                </span>
            }
            .into_any(),
        );
    }
    if let (Some(o), Some(n)) = (&older, &newer) {
        let known = |a: &String| {
            o.agents
                .iter()
                .any(|b| b.trim().eq_ignore_ascii_case(a.trim()))
        };
        let added: Vec<String> = n.agents.iter().filter(|a| !known(a)).cloned().collect();
        if !added.is_empty() {
            changes.push(
                view! {
                    <span class="change new-agents" data-change="agents">
                        "new agents: "
                        <super::agents::AgentPills names=added />
                    </span>
                }
                .into_any(),
            );
        }
    }
    let note = match (&older, &newer) {
        (Some(o), Some(n)) => {
            let (short, long) = match row.explanation.as_ref() {
                Some(e) => match_note(e, &o.id, &n.id),
                None => ("paired".to_string(), String::new()),
            };
            let weak = row.explanation.as_ref().is_some_and(|e| e.is_weak());
            Some(
                view! {
                    <span class="match-note" class:weak=weak title=long data-role="match" data-weak=weak.then_some("true")>
                        {short}
                    </span>
                }
                .into_any(),
            )
        }
        (Some(_), None) if row.manual => Some(view! {
            <span class="match-note" title="You unlinked its pair (unlink= in the address)." data-role="match">
                "unlinked by hand"
            </span>
        }
        .into_any()),
        _ => None,
    };
    let unlink = match (&older, &newer) {
        (Some(o), Some(n)) => Some(view! {
            <UnlinkButton
                earlier=o.id.clone()
                later=n.id.clone()
                label=format!("Round {older_n} {} from Round {newer_n} {}", o.id, n.id)
            />
        }),
        _ => None,
    };
    let link_to = match (&older, &newer) {
        (Some(o), None) => {
            let candidates = data
                .rows
                .iter()
                .filter(|r| r.earlier.is_none())
                .filter_map(|r| r.later.and_then(|i| data.newer.findings.get(i)))
                .map(|f| (f.id.clone(), f.title.clone()))
                .collect();
            Some(view! {
                <LinkPicker earlier=o.id.clone() label=format!("Round {older_n} {}", o.id) candidates />
            })
        }
        _ => None,
    };
    let evidence = (!row.evidence.is_empty()).then(|| {
        view! {
            <ul class="diff-evidence" data-role="evidence" aria-label="Evidence">
                {row.evidence.iter().map(|e| view! { <li title=e.clone()>{e.clone()}</li> }).collect_view()}
            </ul>
        }
    });
    let relations = (!row.relations.is_empty()).then(|| {
        let n = row.relations.len();
        let items = row
            .relations
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let href = data
                    .older
                    .findings
                    .get(r.earlier_index)
                    .map(|f| card_href(&data.older_src, &f.id));
                let what = format!("Round {older_n} {}", r.id);
                let sep = if k + 1 < n { ", " } else { "" };
                view! {
                    <span
                        class="diff-relation"
                        data-role="relation"
                        data-relation=r.relation.as_str()
                        data-relation-id=r.id.clone()
                        title=r.text.clone()
                    >
                        "related to "
                        {match href {
                            Some(h) => view! { <a href=h>{what}</a> }.into_any(),
                            None => view! { <span>{what}</span> }.into_any(),
                        }}
                        {Relation::qualifier(r.relation).map(|l| format!(" ({l})"))}
                        {sep}
                    </span>
                }
            })
            .collect_view();
        let lead = if row.outcome == Outcome::New {
            "new, "
        } else {
            "also "
        };
        view! { <span class="diff-relations">{lead} {items}</span> }
    });
    let status_note = if later_side {
        main.status_note.clone()
    } else {
        older.as_ref().and_then(|f| f.status_note.clone())
    };
    let body = main.body_md.clone();
    let md_prefix = format!("d-{kind}-{}-", crate::markdown_view::dom_token(&main.id));
    let data_earlier = older.as_ref().map(|f| f.id.clone());
    let data_later = newer.as_ref().map(|f| f.id.clone());
    Some(view! {
        <li
            class=format!("diff-row diff-{kind} sev-{}", main.severity.as_str())
            class:current=is_current.clone()
            class:open=move || open.get()
            aria-current=move || is_current().then_some("true")
            id=row_dom_id(&synthetic_id)
            data-diff=kind
            data-finding-id=main.id.clone()
            data-earlier-id=data_earlier
            data-later-id=data_later
            data-manual=row.manual.then_some("true")
            data-severity=main.severity.as_str()
        >
            <div class="diff-row-head">
                <button
                    type="button"
                    class="finding-toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=body_id.clone()
                    aria-label=format!("Details of Round {main_round} {}", main.id)
                    on:click=toggle
                >
                    <span class="chevron" aria-hidden="true"></span>
                </button>
                <SeverityIcon severity=main.severity />
                <a class="diff-id" href=main_href data-role="card-link">
                    {format!("Round {main_round} {}", main.id)}
                </a>
                <span class="diff-title" data-role="title">{main.title.clone()}</span>
            </div>
            {evidence}
            <div class="diff-row-meta">
                {other_link}
                {changes}
                {(main.status != crate::model::Status::Open && later_side && status_changed.is_none())
                    .then(|| view! { <StatusBadge status=main.status /> })}
                {relations}
                {note}
                {unlink}
                {link_to}
            </div>
            <div class="diff-row-body" id=body_id hidden=move || !open.get()>
                {status_note.map(|n| view! { <p class="status-note">{n}</p> })}
                {move || open.get().then(|| view! { <Md md=body.clone() id_prefix=md_prefix.clone() /> })}
            </div>
        </li>
    })
}
