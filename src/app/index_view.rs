//! The first screen: reports grouped into threads (one PR or branch, `rounds::group_threads`),
//! one row per thread with its rounds as a timeline of verdict badges and per-round counts,
//! the most recently active thread first. Reports opened from files (one or many at once) are
//! grouped the same way above the bundled ones.
//!
//! Which reports and threads there are, and the index filters (URL parameters `repo`, `verdict`,
//! `from`, `to`, `q`), are `crate::index`; this file only draws them.

use super::badges::VerdictBadge;
use super::index_table::{
    extra_param, open_closed, LayoutSwitch, OpenCounts, TableLine, ThreadTable,
};
use super::library::Library;
use super::nav::{src_href, use_set_view, use_view_state, History};
use super::sources::{use_sources, BundledIndex};
use super::util::{display_date, plural};
use super::widgets::{FilterSelect, FilterText, FiltersToggle, Loading, TextKind};
use crate::index::{bundled_src, diff_href, shown, threads, IndexFilter, Source, Thread};
use crate::listing::{Layout, Row};
use crate::model::{DocumentEntry, IndexEntry, VerdictClass};
use crate::query::{View, ViewState};
use crate::rounds::{repo_of, slug_name};
use leptos::prelude::*;

/// The id of the report lists (opened files and bundled reports), where the page's skip link
/// leads on this screen.
pub const REPORTS_ID: &str = "reports";

#[component]
pub fn IndexView() -> impl IntoView {
    let index = expect_context::<BundledIndex>().0;
    let lib = expect_context::<Library>();
    let (all, _) = use_sources();
    let state = use_view_state();
    let filter = Memo::new(move |_| state.with(IndexFilter::of));
    let local_threads = Memo::new(move |_| {
        all.with(|a| {
            let opened: Vec<Source> = a.iter().filter(|s| !s.bundled).cloned().collect();
            threads(&opened)
        })
    });
    let bundled_threads = Memo::new(move |_| {
        all.with(|a| {
            let b: Vec<Source> = a.iter().filter(|s| s.bundled).cloned().collect();
            threads(&b)
        })
    });
    // Table beyond ten threads (both lists together), unless the URL says `layout=`.
    let layout = Memo::new(move |_| {
        let n = local_threads.with(Vec::len) + bundled_threads.with(Vec::len);
        state.with(|s| Layout::resolve(extra_param(s, "layout"), n))
    });
    let local_errors = Memo::new(move |_| {
        lib.local.with(|l| {
            l.iter()
                .filter_map(|e| {
                    let err = e.result.as_ref().err()?;
                    // The message names the file already ("x.md: not a Deep Review …").
                    let err = err.strip_prefix(&format!("{}: ", e.name)).unwrap_or(err);
                    Some((e.name.clone(), err.to_string()))
                })
                .collect::<Vec<_>>()
        })
    });
    // The scoreboard over the same repository and dates (`since`/`until` are its names).
    let agents_href = move || {
        filter.with(|f| {
            let mut s = ViewState {
                view: View::Agents,
                ..ViewState::default()
            };
            for (k, v) in [("repo", &f.repo), ("since", &f.from), ("until", &f.to)] {
                if !v.trim().is_empty() {
                    s.extra.push((k.to_string(), v.trim().to_string()));
                }
            }
            s.to_search()
        })
    };
    let bundled_view = move || match index.get() {
        None => view! { <Loading>"Loading the report list…"</Loading> }.into_any(),
        Some(Err(e)) => view! { <div class="alert" role="alert">{e}</div> }.into_any(),
        Some(Ok(idx)) if idx.reports.is_empty() => view! {
            <p class="empty">"The bundled index lists no reports. Open one of your own instead."</p>
        }
        .into_any(),
        Some(Ok(_)) => {
            view! { <ThreadList threads=bundled_threads filter layout label="Bundled reports" /> }
                .into_any()
        }
    };
    view! {
        <div class="index-view">
            <h1 class="page-title">"Reports"</h1>
            <p class="muted intro">
                "Open a bundled report below, or your own: “Open files…”, drop files (one or a whole folder’s reports) on the page, paste report text (“Paste report” at the end of the list, or Ctrl+V anywhere), or add "
                <code>"?src=<url>"</code>
                " to the address."
            </p>
            <p class="index-links">
                <a class="button" data-role="agents-link" href=agents_href>"Agent scoreboard"</a>
            </p>
            <IndexFilterBar all filter />
            <LayoutSwitch layout />
            // The skip link's target on this screen (`shell.rs`): Tab from here is the first
            // report link.
            <div id=REPORTS_ID class="report-sections" tabindex="-1">
            <Show when=move || !local_threads.with(Vec::is_empty) || !local_errors.with(Vec::is_empty)>
                <section class="thread-section local-files" aria-label="Opened files">
                    <h2 class="section-heading">"Opened files"</h2>
                    <ul class="local-errors">
                        <For each=move || local_errors.get() key=|e| e.clone() let((name, err))>
                            <li class="local-error" role="alert">
                                <strong>{name}</strong>
                                ": "
                                {err}
                            </li>
                        </For>
                    </ul>
                    <ThreadList threads=local_threads filter layout label="Opened files" />
                </section>
            </Show>
            <section class="thread-section" aria-label="Bundled reports">
                {bundled_view}
            </section>
            </div>
            <DocumentList filter />
            <PasteBox />
        </div>
    }
}

/// Threads that pass the filter, or a message when none does.
#[component]
fn ThreadList(
    threads: Memo<Vec<Thread>>,
    filter: Memo<IndexFilter>,
    layout: Memo<Layout>,
    label: &'static str,
) -> impl IntoView {
    let list = Memo::new(move |_| threads.with(|t| filter.with(|f| shown(t, f))));
    let lines = Memo::new(move |_| {
        list.with(|l| {
            l.iter()
                .filter_map(|s| table_line(&s.thread))
                .collect::<Vec<_>>()
        })
    });
    let total = move || threads.with(Vec::len);
    view! {
        <Show
            when=move || !list.with(Vec::is_empty)
            fallback=move || {
                (total() > 0)
                    .then(|| {
                        view! {
                            <p class="empty" data-role="no-threads">
                                {format!("No {} match the filters.", label.to_lowercase())}
                            </p>
                        }
                    })
            }
        >
            <Show
                when=move || layout.get() == Layout::Table
                fallback=move || {
                    view! {
                        <ol class="thread-list" aria-label=label>
                            <For
                                each=move || list.get()
                                key=|s| (s.thread.label.clone(), s.thread.rounds.len(), s.passes.clone())
                                let(s)
                            >
                                <ThreadRow thread=s.thread passes=s.passes />
                            </For>
                        </ol>
                    }
                }
            >
                <ThreadTable lines label />
            </Show>
        </Show>
    }
}

/// Heading of a thread: `PR #412 — title`, `Branch x`, or the slug name.
fn thread_heading(t: &Thread) -> String {
    let last = t.rounds.last().map(|s| &s.entry);
    match last.map(|e| (&e.pr, &e.branch)) {
        Some((Some(pr), _)) => match pr.title.as_deref().filter(|t| !t.trim().is_empty()) {
            Some(title) => format!("PR #{} — {title}", pr.number),
            None => format!("PR #{}", pr.number),
        },
        Some((None, Some(b))) => format!("Branch {b}"),
        _ if !t.label.is_empty() => t.label.clone(),
        _ => last
            .map(|e| slug_name(&e.slug).to_string())
            .unwrap_or_default(),
    }
}

/// The table line of a thread: its latest round summarised.
fn table_line(t: &Thread) -> Option<TableLine> {
    let entries: Vec<&IndexEntry> = t.rounds.iter().map(|s| &s.entry).collect();
    Some(TableLine {
        label: t.label.clone(),
        heading: thread_heading(t),
        repo: t.rounds.first().and_then(|s| repo_of(&s.entry)),
        latest_src: t.rounds.last()?.src.clone(),
        row: Row::of(&entries)?,
    })
}

#[component]
fn ThreadRow(thread: Thread, passes: Vec<bool>) -> impl IntoView {
    let heading = thread_heading(&thread);
    let repo = thread.rounds.first().and_then(|s| repo_of(&s.entry));
    let dates = match (thread.rounds.first(), thread.rounds.last()) {
        (Some(a), Some(b)) if thread.rounds.len() > 1 => format!(
            "{} → {}",
            display_date(a.entry.date.get(..10).unwrap_or(&a.entry.date)),
            display_date(b.entry.date.get(..10).unwrap_or(&b.entry.date))
        ),
        (Some(a), _) => display_date(&a.entry.date),
        _ => String::new(),
    };
    let n = thread.rounds.len();
    let diff = (n >= 2)
        .then(|| {
            let newer = thread.rounds.get(n - 1)?;
            let older = thread.rounds.get(n - 2)?;
            Some(diff_href(&newer.src, &older.src))
        })
        .flatten();
    let steps = thread
        .rounds
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, s)| {
            let pass = passes.get(i).copied().unwrap_or(true);
            view! { <RoundStep source=s position=i + 1 pass /> }
        })
        .collect_view();
    view! {
        <li class="card thread-row" data-thread=thread.label.clone() data-rounds=n>
            <header class="thread-row-head">
                <h2 class="thread-title">{heading}</h2>
                <span class="muted thread-meta">
                    {repo.map(|r| format!("{r} · "))}
                    {plural(n, "round", "rounds")}
                    " · "
                    {dates}
                </span>
            </header>
            <ol class="timeline" aria-label="Rounds">
                {steps}
            </ol>
            <super::rounds_nav::ThreadWarnings warnings=thread.warnings.clone() />
            {diff.map(|href| view! {
                <a class="button diff-latest" data-role="diff-latest" href=href>
                    "Diff latest two rounds"
                </a>
            })}
        </li>
    }
}

/// One round in a thread's timeline: its name and date (linking to the report), verdict and
/// counts of critical / important / suggestion findings.
#[component]
fn RoundStep(source: Source, position: usize, pass: bool) -> impl IntoView {
    let e = source.entry;
    let number = e.round.as_ref().map_or(position as u32, |r| r.number);
    let href = src_href(&source.src);
    let counts = open_closed(&e.counts);
    let verdict_class = e
        .verdict
        .as_ref()
        .map_or(VerdictClass::Other, |v| v.class())
        .as_str();
    view! {
        <li
            class=format!("round-step verdict-line-{verdict_class}")
            class:filtered-out=!pass
            data-round=number
            data-src=source.src.clone()
        >
            <a class="round-step-link" href=href title=e.title.clone()>
                <span class="round-step-name">{format!("Round {number}")}</span>
                <span class="round-step-date">{display_date(&e.date)}</span>
            </a>
            <VerdictBadge verdict=e.verdict.clone() />
            <OpenCounts counts />
        </li>
    }
}

/// Repository, verdict, date range and text filters (written into the URL).
#[component]
fn IndexFilterBar(all: Memo<Vec<Source>>, filter: Memo<IndexFilter>) -> impl IntoView {
    let state = use_view_state();
    let set_view = use_set_view();
    let repos = Memo::new(move |_| {
        let mut r: Vec<String> = all.with(|a| a.iter().filter_map(|s| repo_of(&s.entry)).collect());
        r.sort();
        r.dedup();
        r
    });
    let verdicts = Memo::new(move |_| {
        let mut v: Vec<VerdictClass> = all.with(|a| {
            a.iter()
                .filter_map(|s| s.entry.verdict.as_ref().map(|v| v.class()))
                .collect()
        });
        v.sort_by_key(|c| *c as u8);
        v.dedup();
        v
    });
    let update = move |change: &dyn Fn(&mut IndexFilter), history: History| {
        let mut f = filter.get_untracked();
        change(&mut f);
        set_view(f.apply_to(&state.get_untracked()), history);
    };
    let update_repo = update.clone();
    let update_verdict = update.clone();
    let update_from = update.clone();
    let update_to = update.clone();
    let update_q = update.clone();
    let clear = update.clone();
    // Repository, verdict and dates fold behind "Filters (n)" (style/main.css); open at first
    // when the address sets one of them.
    let active = Memo::new(move |_| {
        filter.with(|f| {
            [&f.repo, &f.verdict, &f.from, &f.to]
                .iter()
                .filter(|v| !v.trim().is_empty())
                .count()
        })
    });
    let folded = RwSignal::new(active.get_untracked() == 0);
    // Dates are typed as ISO `YYYY-MM-DD` (the form the app shows), not the browser's locale
    // form; a partial or malformed date is not applied.
    let iso = |v: &str| {
        let v = v.trim();
        v.is_empty()
            || (v.len() == 10
                && v.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                }))
    };
    view! {
        <form
            class="card index-filters"
            class:folded=move || folded.get()
            role="search"
            aria-label="Filter reports"
            on:submit=|e| e.prevent_default()
        >
            <FiltersToggle folded active />
            <FilterSelect
                name="Repository"
                key="repo"
                any="All"
                options=Signal::derive(move || {
                    repos.get().into_iter().map(|r| (r.clone(), r)).collect()
                })
                value=Signal::derive(move || filter.with(|f| f.repo.to_lowercase()))
                on_change=move |v| update_repo(&|f| f.repo = v.clone(), History::Push)
            />
            <FilterSelect
                name="Verdict"
                key="verdict"
                any="Any"
                options=Signal::derive(move || {
                    verdicts
                        .get()
                        .into_iter()
                        .map(|v| (v.as_str().to_string(), verdict_label(v).to_string()))
                        .collect()
                })
                value=Signal::derive(move || filter.with(|f| f.verdict.to_lowercase()))
                on_change=move |v| update_verdict(&|f| f.verdict = v.clone(), History::Push)
            />
            <FilterText
                name="From"
                key="from"
                placeholder="YYYY-MM-DD"
                size="10"
                kind=TextKind::IsoDate
                value=Signal::derive(move || filter.with(|f| f.from.clone()))
                on_change=move |v| {
                    if iso(&v) {
                        update_from(&|f| f.from = v.trim().to_string(), History::Push);
                    }
                }
            />
            <FilterText
                name="To"
                key="to"
                placeholder="YYYY-MM-DD"
                size="10"
                kind=TextKind::IsoDate
                value=Signal::derive(move || filter.with(|f| f.to.clone()))
                on_change=move |v| {
                    if iso(&v) {
                        update_to(&|f| f.to = v.trim().to_string(), History::Push);
                    }
                }
            />
            <label class="index-filter index-search">
                <span class="visually-hidden">"Search reports"</span>
                <input
                    type="search"
                    class="search"
                    data-filter="q"
                    placeholder="Search PR, branch, reviewer…"
                    autocomplete="off"
                    prop:value=move || filter.with(|f| f.q.clone())
                    on:input=move |e| {
                        let v = event_target_value(&e);
                        let history = if filter.with_untracked(|f| f.q.is_empty()) {
                            History::Push
                        } else {
                            History::Replace
                        };
                        update_q(&|f| f.q = v.clone(), history);
                    }
                />
            </label>
            <Show when=move || filter.with(IndexFilter::is_active)>
                {
                    let clear = clear.clone();
                    view! {
                        <button
                            type="button"
                            class="button clear-filters"
                            on:click=move |_| clear(&|f| *f = IndexFilter::default(), History::Push)
                        >
                            "Clear filters"
                        </button>
                    }
                }
            </Show>
        </form>
    }
}

/// A visible box to paste a report's text into (Markdown, JSON, or a published page's text),
/// for phones and for anyone who does not know Ctrl+V opens it too.
#[component]
fn PasteBox() -> impl IntoView {
    let open_text = super::library::use_open_text();
    let text = RwSignal::new(String::new());
    view! {
        <section class="card paste-box" id="paste-report" aria-labelledby="paste-heading">
            <h2 class="section-heading" id="paste-heading">"Paste report"</h2>
            <label class="visually-hidden" for="paste-text">"Report text"</label>
            <textarea
                id="paste-text"
                data-role="paste-text"
                rows="4"
                placeholder="Paste a Deep Review here: Markdown, JSON, or the text copied from a published report page"
                prop:value=move || text.get()
                on:input=move |e| text.set(event_target_value(&e))
            ></textarea>
            <button
                type="button"
                class="button"
                data-role="paste-open"
                disabled=move || text.with(|t| t.trim().is_empty())
                on:click=move |_| open_text(text.get_untracked())
            >
                "Open pasted report"
            </button>
        </section>
    }
}

/// The documents that are not Deep Reviews (Supply Chain Scan, CI Failures …), opened from
/// files or pasted and bundled, each opening as plain Markdown; the text and date filters apply, the repository and verdict ones
/// (which documents do not have) hide them.
#[component]
fn DocumentList(filter: Memo<IndexFilter>) -> impl IntoView {
    let index = expect_context::<BundledIndex>().0;
    let lib = expect_context::<Library>();
    // Opened documents first (newest first), then the bundled ones (newest first): `(src, entry)`.
    let docs = Memo::new(move |_| {
        let mut all: Vec<(String, DocumentEntry)> = lib.local.with(|l| {
            l.iter()
                .rev()
                .filter_map(|e| Some((e.src(), DocumentEntry::of(e.document()?, &e.name))))
                .collect()
        });
        index.with(|i| {
            if let Some(Ok(i)) = i.as_ref() {
                all.extend(
                    i.documents
                        .iter()
                        .rev()
                        .map(|d| (bundled_src(&d.path), d.clone())),
                );
            }
        });
        filter.with(|f| {
            all.into_iter()
                .filter(|(_, d)| f.matches_document(d))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !docs.with(Vec::is_empty)>
            <section class="thread-section documents" aria-label="Other documents">
                <h2 class="section-heading">"Other documents"</h2>
                <ul class="document-list">
                    <For each=move || docs.get() key=|(src, _)| src.clone() let((src, d))>
                        <li class="document-line" data-role="document-link" data-kind=d.kind.clone()>
                            <span class="kind">{d.kind.clone()}</span>
                            <a href=src_href(&src)>{d.title.clone()}</a>
                            <span class="muted">{display_date(&d.date)}</span>
                        </li>
                    </For>
                </ul>
            </section>
        </Show>
    }
}

fn verdict_label(v: VerdictClass) -> &'static str {
    match v {
        VerdictClass::Merge => "Merge",
        VerdictClass::MergeWithFixes => "Merge with fixes",
        VerdictClass::Rework => "Rework",
        VerdictClass::Other => "Other",
    }
}
