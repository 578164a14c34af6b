//! The rounds of the report's thread, under its header: every round as a link (this one marked
//! current) and a "Compare with…" picker that opens the diff of this round and any other one
//! (`view=diff&src=<the later>&compare=<the earlier>`, by round order). Nothing when the
//! report has no other known round.

use super::history::ReportThread;
use super::nav::src_href;
use super::report_ctx::ReportCtx;
use super::util::display_date;
use crate::index::{diff_href, Source, Thread};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

/// `Round 2`: the header's number, else the position in the thread.
pub fn round_name(s: &Source, position: usize) -> String {
    let n = s
        .entry
        .round
        .as_ref()
        .map_or(position as u32 + 1, |r| r.number);
    format!("Round {n}")
}

/// `Round 1 · 2026-07-14 · Rework` (date and verdict when known).
pub fn round_option_label(s: &Source, position: usize) -> String {
    let mut parts = vec![round_name(s, position)];
    let date = display_date(s.entry.date.get(..10).unwrap_or(&s.entry.date));
    if !date.is_empty() {
        parts.push(date);
    }
    if let Some(v) = s.entry.verdict.as_ref().filter(|v| !v.label.is_empty()) {
        parts.push(v.label.clone());
    }
    parts.join(" · ")
}

/// The diff of the rounds at positions `a` and `b` of `thread`: the later one is `src`.
pub fn compare_href(thread: &Thread, a: usize, b: usize) -> Option<String> {
    let (earlier, later) = (a.min(b), a.max(b));
    if earlier == later {
        return None;
    }
    let e = thread.rounds.get(earlier)?;
    let l = thread.rounds.get(later)?;
    Some(diff_href(&l.src, &e.src))
}

#[component]
pub fn ThreadRounds() -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let thread = expect_context::<ReportThread>().0;
    let src = ctx.src.clone();
    move || {
        let t = thread.get()?;
        let here = t.position(&src)?;
        Some(view! { <RoundsCard thread=t here /> })
    }
}

#[component]
fn RoundsCard(thread: Thread, here: usize) -> impl IntoView {
    let links = thread
        .rounds
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let label = round_option_label(s, i);
            if i == here {
                view! {
                    <li class="thread-round current" data-src=s.src.clone()>
                        <span aria-current="page">{label}</span>
                    </li>
                }
                .into_any()
            } else {
                view! {
                    <li class="thread-round" data-src=s.src.clone()>
                        <a href=src_href(&s.src) data-role="round-link">{label}</a>
                    </li>
                }
                .into_any()
            }
        })
        .collect_view();
    let warnings = thread.warnings.clone();
    view! {
        <nav class="card thread-rounds" aria-label="Rounds of this thread" data-role="thread-rounds">
            <span class="facet-name">{thread.label.clone()}</span>
            <ol class="thread-round-list">{links}</ol>
            <ComparePicker thread=thread.clone() here />
            <ThreadWarnings warnings />
        </nav>
    }
}

/// A thread's warnings (its rounds' numbers and dates disagree …).
#[component]
pub fn ThreadWarnings(warnings: Vec<String>) -> impl IntoView {
    (!warnings.is_empty()).then(|| {
        view! {
            <ul class="thread-warnings" data-role="thread-warnings" aria-label="About the order of these rounds">
                {warnings
                    .into_iter()
                    .map(|w| view! { <li class="thread-warning">{w}</li> })
                    .collect_view()}
            </ul>
        }
    })
}

/// "Compare with…": every other round of the thread; choosing one opens the diff.
#[component]
pub fn ComparePicker(thread: Thread, here: usize) -> impl IntoView {
    let navigate = use_navigate();
    let location = use_location();
    let options = thread
        .rounds
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != here)
        .map(|(i, s)| {
            let label = round_option_label(s, i);
            view! { <option value=i.to_string()>{label}</option> }
        })
        .collect_view();
    let id = format!("compare-with-{here}");
    view! {
        <span class="compare-with">
            <label for=id.clone()>"Compare with…"</label>
            <select
                id=id
                data-role="compare-with"
                prop:value=""
                on:change=move |e| {
                    let Ok(other) = event_target_value(&e).parse::<usize>() else {
                        return;
                    };
                    if let Some(href) = compare_href(&thread, here, other) {
                        let path = location.pathname.get_untracked();
                        navigate(&format!("{path}{href}"), Default::default());
                    }
                }
            >
                <option value="">"Choose a round"</option>
                {options}
            </select>
        </span>
    }
}
