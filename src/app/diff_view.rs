//! The round diff (`view=diff`): `src=` is the newer round, `compare=` the older one — when
//! `compare=` is missing, the previous round of the same thread (bundled index, or files opened
//! together). Findings fall in three groups, Resolved / Persisting / New, each row
//! `data-diff="resolved|persisting|new"` with `data-finding-id` (the newer id; the older one for
//! resolved rows), linking to its card in its round, with what changed and how the pair was
//! matched.
//!
//! The report view's filters apply (severity, status, agent, kind, text, hide-resolved; all in
//! the URL): each row is filtered as one finding — the newer one for persisting and new rows,
//! the older one for resolved rows, whose status counts as `resolved` — and the text search
//! also finds a persisting row by its older title.
//!
//! Keys ([`crate::keymap::DIFF`]): `j`/`k` step through the shown rows in screen order (group by
//! group), marking the current one and setting `finding=` (the row's filter id, as below); `o`
//! or Enter shows its details, `x` all details, `/` searches.

use super::badges::{SeverityIcon, StatusBadge};
use super::diff_links::{DiffLinks, LinkPicker, ResetLinks, UnlinkButton};
use super::filters::{EmptyState, FilterPanel};
use super::history::{card_href, load_src};
use super::index_view::{previous_round, thread_of, use_sources};
use super::library::Library;
use super::nav::{src_href, use_view_state};
use super::report::ReportCtx;
use super::report_keys::use_finding_keys;
use super::rounds_nav::ComparePicker;
use super::text::Md;
use super::util::plural;
use crate::compare::{diff_with_links, Links};
use crate::model::{Finding, Review, Severity, Status};
use crate::query::View;
use crate::rounds::{
    diff_reviews, Change, MatchExplanation, MatchVia, MatchedPair, Outcome, RoundDiff, THRESHOLD,
};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The groups, in screen order.
const GROUPS: [Outcome; 3] = [Outcome::Resolved, Outcome::Persisting, Outcome::New];

/// A relation of a new finding to an earlier one ("regression from its fix" …).
#[derive(Debug, Clone, PartialEq)]
pub struct RowRelation {
    /// The earlier finding's id.
    pub id: String,
    /// `regression from its fix`.
    pub label: String,
    /// What the later round wrote.
    pub text: String,
}

/// One row of the diff: a finding of one round, or a pair (one row for both).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The group.
    pub outcome: Outcome,
    /// Index into the older round's findings.
    pub earlier: Option<usize>,
    /// Index into the newer round's findings.
    pub later: Option<usize>,
    /// Why the row is in its group, as the reports say it.
    pub evidence: Vec<String>,
    /// How the pair was matched.
    pub explanation: Option<MatchExplanation>,
    pub severity_changed: Option<Change<Severity>>,
    /// A new finding's relations to earlier ones.
    pub relations: Vec<RowRelation>,
    /// The pair was linked by hand (`link=`).
    pub manual: bool,
}

impl Row {
    /// Whether the row stands for its later finding (persisting and new rows), else for its
    /// earlier one.
    fn stands_for_later(&self) -> bool {
        self.later.is_some()
            && (matches!(self.outcome, Outcome::Persisting | Outcome::New)
                || self.earlier.is_none())
    }

    /// The finding the row stands for.
    fn main<'a>(&self, d: &'a DiffData) -> Option<&'a Finding> {
        if self.stands_for_later() {
            self.later.and_then(|i| d.newer.findings.get(i))
        } else {
            self.earlier.and_then(|i| d.older.findings.get(i))
        }
    }

    /// The other round's finding of a pair.
    fn other<'a>(&self, d: &'a DiffData) -> Option<&'a Finding> {
        if self.stands_for_later() {
            self.earlier.and_then(|i| d.older.findings.get(i))
        } else {
            self.later.and_then(|i| d.newer.findings.get(i))
        }
    }
}

fn pair_row(outcome: Outcome, p: &MatchedPair, links: &Links, evidence: Vec<String>) -> Row {
    Row {
        outcome,
        earlier: Some(p.earlier.index),
        later: Some(p.later.index),
        evidence,
        explanation: Some(p.explanation),
        severity_changed: p.severity_changed,
        relations: Vec::new(),
        manual: links.is_linked(&p.earlier.id, &p.later.id),
    }
}

/// The rows of a diff, grouped: resolved, persisting, new (each in report order); `links`
/// tells which pairs were made by hand.
pub fn rows(diff: &RoundDiff, links: &Links) -> Vec<Row> {
    let later_n = diff.later.effective_round;
    let pair_of = |i: usize| diff.pairs.iter().find(|p| p.earlier.index == i);
    let resolved = diff
        .resolved
        .iter()
        .map(|r| match pair_of(r.finding.index) {
            Some(p) => pair_row(
                Outcome::Resolved,
                p,
                links,
                vec![format!("marked fixed in Round {later_n}")],
            ),
            None => Row {
                outcome: Outcome::Resolved,
                earlier: Some(r.finding.index),
                later: None,
                evidence: vec![format!("not raised in Round {later_n}")],
                explanation: None,
                severity_changed: None,
                relations: Vec::new(),
                manual: false,
            },
        });
    let persisting = diff
        .pairs
        .iter()
        .filter(|p| p.outcome == Outcome::Persisting)
        .map(|p| pair_row(Outcome::Persisting, p, links, Vec::new()));
    let new = diff.new.iter().map(|f| Row {
        outcome: Outcome::New,
        earlier: None,
        later: Some(f.index),
        evidence: Vec::new(),
        explanation: None,
        severity_changed: None,
        relations: Vec::new(),
        manual: false,
    });
    resolved.chain(persisting).chain(new).collect()
}

/// The two rounds of a diff, loaded.
#[derive(Debug, Clone)]
pub struct Pair {
    pub newer_src: String,
    pub older_src: String,
    pub newer: Arc<Review>,
    pub older: Arc<Review>,
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
    pub fn new(pair: &Pair, links: &Links) -> Self {
        let diff = diff_with_links(&pair.older, &pair.newer, links);
        let rows = rows(&diff, links);
        DiffData {
            newer_src: pair.newer_src.clone(),
            older_src: pair.older_src.clone(),
            newer: pair.newer.clone(),
            older: pair.older.clone(),
            diff,
            rows,
        }
    }

    /// One finding per row, for the shared filters: the row's main finding, `resolved` for a
    /// resolved row, the older title added to the searchable body of a matched row, and an id
    /// unique among the rows (resolved rows: `C1@r1`).
    fn filter_findings(&self) -> Vec<Finding> {
        self.rows
            .iter()
            .filter_map(|row| {
                let mut f = row.main(self)?.clone();
                if !row.stands_for_later() {
                    f.status = earlier_status(row.outcome, f.status);
                    f.id = format!("{}@r{}", f.id, self.diff.earlier.effective_round);
                }
                if let Some(o) = row.other(self) {
                    f.body_md = format!("{}\n\n{} {}", f.body_md, o.id, o.title);
                }
                Some(f)
            })
            .collect()
    }
}

/// The status an earlier-only row is filtered by: what its outcome says happened to it.
fn earlier_status(outcome: Outcome, own: Status) -> Status {
    match outcome {
        Outcome::Resolved => Status::Resolved,
        _ => own,
    }
}

/// What the diff compares, from the URL and the known threads.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    /// Cannot diff: why, and what to do.
    Missing(String),
    /// Waiting for the bundled index to find the previous round.
    Waiting,
    Pair {
        newer: String,
        older: String,
    },
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
        if let Some(older) = compare {
            return Target::Pair { newer, older };
        }
        if let Some(older) = all.with(|a| previous_round(a, &newer)) {
            return Target::Pair { newer, older };
        }
        if !ready.get() {
            return Target::Waiting;
        }
        Target::Missing(format!(
            "No earlier round of {newer} is known: add compare=<older report> to the address, \
             or open both rounds' files together."
        ))
    });
    let loaded = LocalResource::new(move || {
        let t = target.get();
        async move {
            let Target::Pair { newer, older } = t else {
                return None;
            };
            let result = async {
                let n = load_src(lib, newer.clone()).await?;
                let o = load_src(lib, older.clone()).await?;
                Ok::<_, String>(Arc::new(Pair {
                    newer_src: newer,
                    older_src: older,
                    newer: n,
                    older: o,
                }))
            }
            .await;
            Some(result)
        }
    });
    let loading = || {
        view! {
            <div class="progress" role="status" data-role="loading">
                <span class="spinner" aria-hidden="true"></span>
                "Loading both rounds…"
            </div>
        }
        .into_any()
    };
    view! {
        <div class="diff-view">
            {move || match target.get() {
                Target::Missing(msg) => view! { <div class="alert" role="alert">{msg}</div> }.into_any(),
                Target::Waiting => loading(),
                Target::Pair { newer, older } => match loaded.get().flatten() {
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
#[component]
fn DiffScreen(pair: Arc<Pair>) -> impl IntoView {
    let auto = diff_reviews(&pair.older, &pair.newer)
        .pairs
        .into_iter()
        .map(|p| (p.earlier.id, p.later.id))
        .collect();
    let links = DiffLinks::provide(
        &pair.older.slug,
        &pair.newer.slug,
        auto,
        (pair.older_src.clone(), pair.newer_src.clone()),
    );
    move || {
        let data = links.effective.with(|l| DiffData::new(&pair, l));
        view! { <DiffBody data=Arc::new(data) /> }
    }
}

#[component]
fn DiffBody(data: Arc<DiffData>) -> impl IntoView {
    let view_state = use_view_state();
    let findings = data.filter_findings();
    let closed: HashMap<String, bool> = findings.iter().map(|f| (f.id.clone(), false)).collect();
    let synthetic = Review {
        findings,
        ..(*data.newer).clone()
    };
    let ctx = ReportCtx::new(Arc::new(synthetic), data.newer_src.clone(), view_state);
    // Rows start collapsed (the report view opens critical and important cards by default).
    ctx.toggled.set(closed);
    provide_context(ctx.clone());
    provide_context(data.clone());
    {
        let data = data.clone();
        use_finding_keys(ctx.clone(), View::Diff, move |ctx| {
            shown_in_order(ctx, &data)
        });
    }
    scroll_to_current_row(ctx.clone());

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
        move || ctx.visible.with(Vec::is_empty) && !ctx.review.findings.is_empty()
    };
    let counts = GROUPS.map(|o| {
        let n = match o {
            Outcome::Resolved => summary.resolved,
            Outcome::Persisting => summary.persisting,
            Outcome::New => summary.new,
        };
        (o, n)
    });
    view! {
        <section class="card diff-head" aria-labelledby="diff-title">
            <p class="muted diff-thread">{thread_label}</p>
            <h1 class="page-title" id="diff-title">{title}</h1>
            <p class="diff-rounds">
                <a href=src_href(&data.older_src) data-role="older">{older_label}</a>
                <span aria-hidden="true">" → "</span>
                <span class="visually-hidden">" compared with "</span>
                <a href=src_href(&data.newer_src) data-role="newer">{newer_label}</a>
                {picker}
            </p>
            <p class="diff-sentence" data-role="diff-summary">{summary.sentence.clone()}</p>
            <ResetLinks />
            <ul class="diff-counts">
                {counts
                    .into_iter()
                    .map(|(o, n)| {
                        view! {
                            <li class=format!("diff-count diff-{}", outcome_str(o)) data-diff-count=outcome_str(o)>
                                <a href=format!("#diff-{}", outcome_str(o))>
                                    <span class="diff-count-n" data-role="count">{n}</span>
                                    " "
                                    {group_name(o)}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
                {(summary.severity_changed > 0)
                    .then(|| {
                        view! {
                            <li class="diff-count diff-sevchange">
                                {plural(summary.severity_changed, "severity change", "severity changes")}
                            </li>
                        }
                    })}
            </ul>
        </section>
        <FilterPanel />
        <Show when=empty>
            <EmptyState />
        </Show>
        {GROUPS.map(|o| view! { <DiffGroup outcome=o /> }).into_iter().collect_view()}
    }
}

/// The filter ids of the shown rows in screen order: group by group, each group in the shared
/// display order (what `j`/`k` follow).
fn shown_in_order(ctx: &ReportCtx, data: &DiffData) -> Vec<String> {
    ctx.visible.with_untracked(|visible| {
        GROUPS
            .iter()
            .flat_map(|&o| {
                visible
                    .iter()
                    .filter(move |&&i| data.rows.get(i).is_some_and(|r| r.outcome == o))
            })
            .filter_map(|&i| ctx.review.findings.get(i).map(|f| f.id.clone()))
            .collect()
    })
}

/// The DOM id of the row whose filter id is `id`.
fn row_dom_id(id: &str) -> String {
    format!("diff-row-{}", crate::markdown_view::dom_token(id))
}

/// When `finding=` names a row (`j`/`k`, or a link), bring it into view once rendered.
fn scroll_to_current_row(ctx: ReportCtx) {
    Effect::new(move |_| {
        let Some(id) = ctx.current.get() else {
            return;
        };
        leptos::task::spawn_local(async move {
            for _ in 0..20 {
                if let Some(el) = document().get_element_by_id(&row_dom_id(&id)) {
                    let opts = web_sys::ScrollIntoViewOptions::new();
                    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    el.scroll_into_view_with_scroll_into_view_options(&opts);
                    return;
                }
                gloo_timers::future::TimeoutFuture::new(16).await;
            }
        });
    });
}

fn outcome_str(o: Outcome) -> &'static str {
    match o {
        Outcome::Resolved => "resolved",
        Outcome::Persisting => "persisting",
        Outcome::New => "new",
    }
}

fn group_name(o: Outcome) -> &'static str {
    match o {
        Outcome::Resolved => "Resolved",
        Outcome::Persisting => "Persisting",
        Outcome::New => "New",
    }
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
    let hint = match outcome {
        Outcome::Resolved => "In the older round only, or marked fixed in the newer one.",
        Outcome::Persisting => "Raised in both rounds.",
        Outcome::New => "Only in the newer round.",
    };
    view! {
        <section class=format!("card diff-group diff-{name}") id=format!("diff-{name}") data-group=name>
            <h2 class="section-heading">
                {group_name(outcome)}
                <span class="heading-count" data-role="count">
                    {move || {
                        let shown = items.with(Vec::len);
                        if shown == total { total.to_string() } else { format!("{shown} of {total}") }
                    }}
                </span>
            </h2>
            <p class="muted diff-hint">{hint}</p>
            {(total == 0).then(|| view! { <p class="empty">"None."</p> })}
            <ul class="diff-rows">
                <For each=move || items.get() key=|i| *i let(idx)>
                    <DiffRow idx />
                </For>
            </ul>
        </section>
    }
}

/// `matched by cross-reference` / `similarity 0.82`, and the detail for the tooltip.
fn match_note(e: &MatchExplanation, earlier: &str, later: &str) -> (String, String) {
    let paths = if e.paths_compared {
        format!("{:.2}", e.paths)
    } else {
        "not compared (a finding names no location)".to_string()
    };
    let detail = format!(
        "title similarity {:.2} · shared paths {paths} · body similarity {:.2} · score {:.2} \
         (threshold {THRESHOLD:.2})",
        e.title, e.body, e.score
    );
    match e.via {
        MatchVia::Xref => (
            "matched by cross-reference".to_string(),
            format!(
                "Matched by cross-reference: the newer {later} names the older {earlier}. {detail}"
            ),
        ),
        MatchVia::Similarity => (
            format!("similarity {:.2}", e.score),
            format!("Matched by similarity: {detail}"),
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
    let main = row.main(&data)?.clone();
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
    let synthetic_id = ctx.review.findings.get(idx).map(|f| f.id.clone())?;
    let open = {
        let ctx = ctx.clone();
        Memo::new(move |_| ctx.is_open(idx))
    };
    let toggle = {
        let (ctx, id) = (ctx.clone(), synthetic_id.clone());
        move |_| ctx.set_open(&id, !open.get_untracked())
    };
    let body_id = format!(
        "diff-body-{kind}-{}",
        crate::markdown_view::dom_token(&main.id)
    );
    let is_current = {
        let (current, id) = (ctx.current, synthetic_id.clone());
        move || current.with(|c| c.as_deref() == Some(id.as_str()))
    };

    // The main link: the card in the row's own round; the other round's card when matched.
    let later_side = row.stands_for_later();
    let (main_src, main_round) = if later_side {
        (&data.newer_src, newer_n)
    } else {
        (&data.older_src, older_n)
    };
    let main_href = card_href(main_src, &main.id);
    let other = if later_side {
        older.as_ref().map(|f| (&data.older_src, older_n, f))
    } else {
        newer.as_ref().map(|f| (&data.newer_src, newer_n, f))
    };
    let other_link = other.map(|(src, n, f)| {
        let href = card_href(src, &f.id);
        let differs = f.id != main.id || f.title != main.title;
        let text = format!("Round {n} {}", f.id);
        view! {
            <span class="diff-other">
                <span aria-hidden="true">{if later_side { " ← " } else { " → " }}</span>
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
            let (short, long) = if row.manual {
                (
                    "linked by hand".to_string(),
                    format!("You linked {} and {} (link= in the address).", o.id, n.id),
                )
            } else {
                match row.explanation.as_ref() {
                    Some(e) => match_note(e, &o.id, &n.id),
                    None => ("paired".to_string(), String::new()),
                }
            };
            Some(view! { <span class="match-note" title=long data-role="match">{short}</span> })
        }
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
            <ul class="diff-evidence" data-role="evidence">
                {row.evidence.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}
            </ul>
        }
    });
    let relations = (!row.relations.is_empty()).then(|| {
        let items = row
            .relations
            .iter()
            .map(|r| {
                let href = data
                    .older
                    .findings
                    .iter()
                    .find(|f| f.id == r.id)
                    .map(|f| card_href(&data.older_src, &f.id));
                let what = format!("Round {older_n} {}", r.id);
                view! {
                    <span class="diff-relation" data-role="relation" data-relation-id=r.id.clone() title=r.text.clone()>
                        "related to "
                        {match href {
                            Some(h) => view! { <a href=h>{what}</a> }.into_any(),
                            None => view! { <span>{what}</span> }.into_any(),
                        }}
                        {format!(" ({})", r.label)}
                    </span>
                }
            })
            .collect_view();
        view! { <span class="diff-relations">"new, " {items}</span> }
    });
    let status_note = if later_side {
        main.status_note.clone()
    } else {
        newer.as_ref().and_then(|f| f.status_note.clone())
    };
    let body = main.body_md.clone();
    let md_prefix = format!("d-{kind}-{}-", crate::markdown_view::dom_token(&main.id));
    let data_earlier = older.as_ref().map(|f| f.id.clone());
    let data_later = newer.as_ref().map(|f| f.id.clone());
    Some(view! {
        <li
            class=format!("diff-row diff-{kind} sev-{}", main.severity.as_str())
            class:current=is_current.clone()
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
                    aria-label=format!("Details of {}", main.id)
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
            <div class="diff-row-meta">
                {other_link}
                {changes}
                {(main.status != Status::Open && later_side && status_changed.is_none())
                    .then(|| view! { <StatusBadge status=main.status /> })}
                {relations}
                {note}
                {unlink}
                {link_to}
            </div>
            {evidence}
            <div class="diff-row-body" id=body_id hidden=move || !open.get()>
                {status_note.map(|n| view! { <p class="status-note">{n}</p> })}
                {move || open.get().then(|| view! { <Md md=body.clone() id_prefix=md_prefix.clone() /> })}
            </div>
        </li>
    })
}
