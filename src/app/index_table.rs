//! The report list's compact layout (`layout=table`, `crate::listing`): one line per thread
//! with the latest round's date, PR and title, round, verdict and open C/I/S, sortable by
//! column (`sort=`, `order=`); the switch between it and the timeline cards; and the open /
//! closed count chips both layouts show.

use super::badges::VerdictBadge;
use super::nav::{src_href, use_set_view, use_view_state, History};
use super::util::plural;
use crate::listing::{Layout, OpenClosed, Row, Sort, SortKey};
use crate::model::Severity;
use crate::query::ViewState;
use leptos::prelude::*;

/// The value of one `extra` parameter of the URL.
pub fn extra_param<'a>(state: &'a ViewState, name: &str) -> Option<&'a str> {
    state
        .extra
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The sort order in the URL.
pub fn sort_of(state: &ViewState) -> Sort {
    Sort::parse(extra_param(state, "sort"), extra_param(state, "order"))
}

/// `state` with `params` (`layout`, `sort`, `order`) replaced.
fn with_params(state: &ViewState, names: &[&str], params: Vec<(String, String)>) -> ViewState {
    let mut s = state.clone();
    s.extra.retain(|(k, _)| !names.contains(&k.as_str()));
    s.extra.extend(params);
    s
}

const SEVERITIES: [Severity; 3] = [
    Severity::Critical,
    Severity::Important,
    Severity::Suggestion,
];

/// Critical, important and suggestion chips: the open number, and the findings no longer open
/// (resolved, declined, dropped, demoted) as a muted second number.
#[component]
pub fn OpenCounts(counts: [OpenClosed; 3]) -> impl IntoView {
    let summary = SEVERITIES
        .iter()
        .zip(counts)
        .map(|(s, c)| {
            if c.closed > 0 {
                format!("{} {} open, {} closed", c.open, s.as_str(), c.closed)
            } else {
                format!("{} {} open", c.open, s.as_str())
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let chips = SEVERITIES
        .into_iter()
        .zip(counts)
        .map(|(s, c)| {
            view! {
                <span
                    class=format!("count-chip sev-{}", s.as_str())
                    class:zero=c.open == 0
                    data-severity=s.as_str()
                >
                    <span class="sev-letter">{s.letter().to_string()}</span>
                    <span data-role="count">{c.open}</span>
                    {(c.closed > 0)
                        .then(|| {
                            view! {
                                <span class="closed-count" data-role="closed">
                                    {format!("✓{}", c.closed)}
                                </span>
                            }
                        })}
                </span>
            }
        })
        .collect_view();
    let title = summary.clone();
    view! {
        <span class="round-step-counts" title=title>
            <span class="visually-hidden">{summary}</span>
            <span class="count-chips" aria-hidden="true">{chips}</span>
        </span>
    }
}

/// The open / closed chips of one report's counts.
pub fn open_closed(counts: &crate::model::Counts) -> [OpenClosed; 3] {
    SEVERITIES.map(|s| OpenClosed {
        open: counts.open(s),
        closed: counts.closed(s),
    })
}

/// "Table" / "Timeline" buttons writing `layout=` into the URL (one tab stop: the layout not
/// shown), and, for the table, the sort order as a select (one tab stop; the column headers
/// sort on click too).
#[component]
pub fn LayoutSwitch(layout: Memo<Layout>) -> impl IntoView {
    let state = use_view_state();
    let set_view = use_set_view();
    let set_sort = set_view.clone();
    let sort = Memo::new(move |_| state.with(sort_of));
    let button = move |which: Layout, label: &'static str| {
        let set_view = set_view.clone();
        view! {
            <button
                type="button"
                class="button layout-button"
                data-layout=which.as_str()
                aria-pressed=move || (layout.get() == which).to_string()
                tabindex=move || if layout.get() == which { "-1" } else { "0" }
                on:click=move |_| {
                    let params = vec![("layout".to_string(), which.as_str().to_string())];
                    set_view(with_params(&state.get_untracked(), &["layout"], params), History::Push);
                }
            >
                {label}
            </button>
        }
    };
    let choices: Vec<(Sort, &'static str)> = vec![
        (Sort::parse(Some("date"), Some("desc")), "Newest first"),
        (Sort::parse(Some("date"), Some("asc")), "Oldest first"),
        (Sort::parse(Some("pr"), Some("desc")), "PR, highest first"),
        (Sort::parse(Some("pr"), Some("asc")), "PR, lowest first"),
        (
            Sort::parse(Some("verdict"), Some("desc")),
            "Verdict, rework first",
        ),
        (
            Sort::parse(Some("verdict"), Some("asc")),
            "Verdict, merge first",
        ),
        (
            Sort::parse(Some("open"), Some("desc")),
            "Most open findings",
        ),
        (
            Sort::parse(Some("open"), Some("asc")),
            "Fewest open findings",
        ),
    ];
    let value_of = |s: Sort| format!("{}-{}", s.key.as_str(), s.order.as_str());
    // Built each time the sort control shows: with `--cfg erase_components` (release builds,
    // scripts/build) a collected view is not Clone.
    let options = move || {
        choices
            .iter()
            .map(|(s, label)| view! { <option value=value_of(*s)>{*label}</option> })
            .collect_view()
    };
    view! {
        <div class="list-tools">
            <div class="layout-switch" role="group" aria-label="Layout">
                {button(Layout::Table, "Table")}
                {button(Layout::Cards, "Timeline")}
            </div>
            <Show when=move || layout.get() == Layout::Table>
                {
                    let set_sort = set_sort.clone();
                    view! {
                        <label class="sort-select">
                            <span class="facet-name">"Sort"</span>
                            <select
                                data-role="sort"
                                prop:value=move || value_of(sort.get())
                                on:change=move |e| {
                                    let v = event_target_value(&e);
                                    let (key, order) = v.split_once('-').unwrap_or((v.as_str(), ""));
                                    let next = Sort::parse(Some(key), Some(order));
                                    let s = with_params(&state.get_untracked(), &["sort", "order"], next.params());
                                    set_sort(s, History::Replace);
                                }
                            >
                                {options()}
                            </select>
                        </label>
                    }
                }
            </Show>
        </div>
    }
}

/// One line of the table: the thread's label, its latest round's `src` and summary row, and
/// whether any of its rounds passes the filters (every listed thread does).
#[derive(Debug, Clone, PartialEq)]
pub struct TableLine {
    pub label: String,
    pub heading: String,
    pub repo: Option<String>,
    pub latest_src: String,
    pub row: Row,
}

/// The compact table of `lines`, sorted by the URL's `sort` / `order`.
#[component]
pub fn ThreadTable(lines: Memo<Vec<TableLine>>, label: &'static str) -> impl IntoView {
    let state = use_view_state();
    let set_view = use_set_view();
    let sort = Memo::new(move |_| state.with(sort_of));
    let sorted = Memo::new(move |_| {
        lines.with(|l| {
            let rows: Vec<Row> = l.iter().map(|t| t.row.clone()).collect();
            let s = sort.get();
            crate::listing::sorted(&rows, s)
                .into_iter()
                .filter_map(|i| l.get(i).cloned())
                .collect::<Vec<_>>()
        })
    });
    let header = move |key: SortKey, text: &'static str| {
        let set_view = set_view.clone();
        let aria_sort = move || sort.get().header_marks(key).0;
        let arrow = move || sort.get().header_marks(key).1;
        view! {
            <th scope="col" class=format!("col-{}", key.as_str()) aria-sort=aria_sort>
                // Keyboard users sort with the Sort select (one tab stop, not four).
                <button
                    type="button"
                    class="sort-button"
                    tabindex="-1"
                    data-sort=key.as_str()
                    on:click=move |_| {
                        let next = sort.get_untracked().clicked(key);
                        let s = with_params(&state.get_untracked(), &["sort", "order"], next.params());
                        set_view(s, History::Replace);
                    }
                >
                    {text}
                    <span aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    view! {
        <table class="thread-table" aria-label=label data-role="thread-table">
            <thead>
                <tr>
                    {header(SortKey::Date, "Date")}
                    {header(SortKey::Pr, "PR")}
                    <th scope="col" class="col-title">"Title"</th>
                    <th scope="col" class="col-round">"Round"</th>
                    {header(SortKey::Verdict, "Verdict")}
                    {header(SortKey::Open, "Open C / I / S")}
                </tr>
            </thead>
            <tbody>
                <For each=move || sorted.get() key=|l| (l.label.clone(), l.latest_src.clone(), l.row.rounds) let(l)>
                    <TableRow line=l />
                </For>
            </tbody>
        </table>
    }
}

#[component]
fn TableRow(line: TableLine) -> impl IntoView {
    let r = line.row;
    let day = r.date.get(..10).unwrap_or(&r.date).to_string();
    let rounds_title = plural(r.rounds, "round", "rounds");
    let repo = line.repo.clone();
    view! {
        <tr class="thread-line" data-thread=line.label.clone() data-rounds=r.rounds data-src=line.latest_src.clone()>
            <td class="col-date">
                <time datetime=day.clone() title=r.date.clone()>{day.clone()}</time>
            </td>
            <td class="col-pr">{r.pr.map(|n| format!("#{n}"))}</td>
            <td class="col-title">
                <a class="thread-line-link" href=src_href(&line.latest_src) title=line.heading.clone()>
                    {r.title.clone()}
                </a>
                {repo.map(|r| view! { <span class="muted thread-line-repo">{r}</span> })}
            </td>
            <td class="col-round" title=rounds_title>
                {format!("R{}", r.round)}
                {(r.rounds > 1).then(|| view! { <span class="muted">{format!(" · {} rounds", r.rounds)}</span> })}
            </td>
            <td class="col-verdict">
                <VerdictBadge verdict=r.verdict.clone() />
            </td>
            <td class="col-open">
                <OpenCounts counts=r.counts />
            </td>
        </tr>
    }
}
