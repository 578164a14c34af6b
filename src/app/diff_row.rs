//! One row of the round diff (context of the diff screen): the finding on its side, the other
//! round's finding when paired, what changed between them, how they were matched (with a
//! "weak match" for a pair under the threshold), the evidence, relations, and the Unlink /
//! Link to… controls.

use super::badges::{SeverityIcon, StatusBadge};
use super::diff_data::DiffData;
use super::diff_links::{LinkPicker, UnlinkButton};
use super::history::card_href;
use super::report_ctx::ReportCtx;
use super::text::Md;
use crate::model::Severity;
use crate::rounds::{MatchExplanation, MatchVia, Outcome, Relation, THRESHOLD};
use leptos::prelude::*;
use std::sync::Arc;

/// `data-diff` of a group, and the `#diff-…` anchor of its section.
pub(super) fn outcome_str(o: Outcome) -> &'static str {
    o.as_str()
}

/// The DOM id of the row whose filter id is `id`.
pub(super) fn row_dom_id(id: &str) -> String {
    format!("diff-row-{}", crate::markdown_view::dom_token(id))
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
pub fn DiffRow(idx: usize) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let data = expect_context::<Arc<DiffData>>();
    let row = data.rows.get(idx).cloned()?;
    let main = data.main(&row)?.clone();
    let older = row
        .earlier
        .and_then(|i| data.pair.older.findings.get(i))
        .cloned();
    let newer = row
        .later
        .and_then(|i| data.pair.newer.findings.get(i))
        .cloned();
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
        (&data.pair.newer_src, newer_n)
    } else {
        (&data.pair.older_src, older_n)
    };
    let main_href = card_href(main_src, &main.id);
    let other = data
        .other(&row)
        .map(|f| (&data.pair.older_src, older_n, f.clone()));
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
                .filter_map(|r| r.later.and_then(|i| data.pair.newer.findings.get(i)))
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
                    .pair
                    .older
                    .findings
                    .get(r.earlier_index)
                    .map(|f| card_href(&data.pair.older_src, &f.id));
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
