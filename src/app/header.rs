//! The report's header card: verdict, PR and title, repo, branch, round, date, wall-clock,
//! commits, reviewers, Review SHA.

use super::agents::AgentPill;
use super::badges::VerdictBadge;
use super::text::{InlineMd, Md};
use super::util::{display_date, format_duration, repo_web_url, round_label, short_sha};
use crate::model::Review;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn HeaderCard(review: Arc<Review>) -> impl IntoView {
    let m = &review.meta;
    // Opening a report (from the list, a link, a file) puts the focus on its heading, so
    // keyboard and screen reader users start at the report, not at the top of the page;
    // unless the URL names a finding, which takes the focus instead.
    let heading = NodeRef::<leptos::html::H1>::new();
    let names_finding = super::nav::use_view_state().with_untracked(|v| v.finding.is_some());
    // After the first paint: focusing earlier would lay out the whole page in the middle of
    // building it, and again once it is built.
    Effect::new(move |_| {
        if heading.get().is_some() && !names_finding {
            super::paint::after_paint(move || {
                if let Some(h) = heading.try_get_untracked().flatten() {
                    let _ = h.focus();
                }
            });
        }
    });
    let repo_url = repo_web_url(m);
    // A Review SHA cell with a note is kept whole under `extra` by the parser.
    let sha_cell = m
        .extra
        .iter()
        .find(|(k, _)| is_review_sha_key(k))
        .map(|(_, v)| v.clone());
    let pr_line = m.pr.as_ref().map(|pr| {
        let label = format!("PR #{}", pr.number);
        let link = pr.url.as_deref().and_then(safe_href);
        let title = pr.title.clone();
        view! {
            <h1 class="report-title" tabindex="-1" node_ref=heading>
                {match link {
                    Some(href) => view! { <a href=href>{label}</a> }.into_any(),
                    None => view! { <span>{label}</span> }.into_any(),
                }}
                {title.map(|t| view! { <span class="pr-title">" "<InlineMd md=t /></span> })}
            </h1>
        }
    });
    let heading = if pr_line.is_some() {
        None
    } else {
        Some(
            view! { <h1 class="report-title" tabindex="-1" node_ref=heading>{review.title.clone()}</h1> },
        )
    };
    let repo = m.repo.as_ref().map(|r| {
        let name = r.name.clone();
        match repo_url.clone().and_then(|u| safe_href(&u)) {
            Some(href) => view! { <a href=href>{name}</a> }.into_any(),
            None => view! { <span>{name}</span> }.into_any(),
        }
    });
    let author = m.author.as_ref().map(|a| {
        let label = match (&a.name, &a.handle) {
            (Some(n), Some(h)) => format!("{n} (@{h})"),
            (None, Some(h)) => format!("@{h}"),
            (Some(n), None) => n.clone(),
            (None, None) => String::new(),
        };
        match a.url.as_deref().and_then(safe_href) {
            Some(href) => view! { <a href=href>{label}</a> }.into_any(),
            None => view! { <span>{label}</span> }.into_any(),
        }
    });
    let commits = m.commits.clone();
    let commit_links = repo_url.clone();
    let verdict_text = m
        .verdict
        .as_ref()
        .map(|v| v.text.clone())
        .filter(|t| !t.is_empty());

    view! {
        <section class="card header-card" id="overview" aria-label="Report overview">
            <div class="header-top">
                <VerdictBadge verdict=m.verdict.clone() />
                {round_label(m).map(|r| view! { <span class="round-label">{r}</span> })}
            </div>
            {pr_line}
            {heading}
            {verdict_text.map(|t| view! { <div class="verdict-text"><Md md=t /></div> })}
            <dl class="meta-grid">
                {repo.map(|r| view! { <dt>"Repository"</dt><dd>{r}</dd> })}
                {m.branch.clone().map(|b| view! { <dt>"Branch"</dt><dd><code>{b}</code></dd> })}
                {author.map(|a| view! { <dt>"Author"</dt><dd>{a}</dd> })}
                {(!m.date.is_empty()).then(|| view! { <dt>"Date"</dt><dd>{display_date(&m.date)}</dd> })}
                {m.updated.clone().map(|u| view! { <dt>"Updated"</dt><dd>{display_date(&u)}</dd> })}
                {m.mode.clone().map(|x| view! { <dt>"Mode"</dt><dd>{x}</dd> })}
                {m.wall_clock_seconds.map(|s| view! { <dt>"Wall-clock"</dt><dd>{format_duration(s)}</dd> })}
                {m.review_sha.clone().map(|sha| view! {
                    <dt>"Review SHA"</dt>
                    <dd>
                        {match sha_cell.clone() {
                            // The cell as written: the SHA with its note (`… (see Status)`).
                            Some(cell) => view! { <InlineMd md=cell /> }.into_any(),
                            None => view! { <code title=sha.clone()>{short_sha(&sha).to_string()}</code> }.into_any(),
                        }}
                    </dd>
                })}
                {m.extra
                    .iter()
                    .filter(|(k, _)| !(m.review_sha.is_some() && is_review_sha_key(k)))
                    .map(|(k, v)| view! { <dt>{k.clone()}</dt><dd><InlineMd md=v.clone() /></dd> })
                    .collect_view()}
            </dl>
            {(!m.reviewers.is_empty()).then(|| view! {
                <div class="reviewers">
                    <span class="label">"Reviewers"</span>
                    {m.reviewers.iter().map(|r| view! {
                        <AgentPill name=r.name.clone() effort=r.effort.clone() note=r.note.clone() />
                    }).collect_view()}
                </div>
            })}
            {(!commits.is_empty()).then(move || {
                let n = commits.len();
                view! {
                    <details class="commits">
                        <summary>{super::util::plural(n, "commit", "commits")}</summary>
                        <ol>
                            {commits.into_iter().map(|c| {
                                let sha = short_sha(&c.sha).to_string();
                                let href = commit_links.as_ref().map(|r| format!("{r}/commit/{}", c.sha));
                                view! {
                                    <li>
                                        {match href {
                                            Some(h) => view! { <a href=h><code>{sha}</code></a> }.into_any(),
                                            None => view! { <code>{sha}</code> }.into_any(),
                                        }}
                                        " "
                                        <InlineMd md=c.subject />
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    </details>
                }
            })}
        </section>
    }
}

/// The header key under which the parser keeps a Review SHA cell that carries a note.
fn is_review_sha_key(key: &str) -> bool {
    key.eq_ignore_ascii_case("review sha")
}

/// A link target from the report that passed [`crate::markdown_view::safe_href`], as written.
fn safe_href(url: &str) -> Option<String> {
    crate::markdown_view::safe_href(url).map(|h| h.url.to_string())
}
