//! The scoreboard table: one row per family or model (or family rows grouped per repository or
//! month), headers that sort, and every number a button that opens the findings behind it.

use crate::scoreboard::{
    pct, retro_is_mean, retro_value, AgentRow, By, DrillKey, FamilyBoard, Scoreboard, ScreenState,
};
use leptos::prelude::*;

/// A column of the table: its key (a [`crate::scoreboard`] metric where it can be drilled),
/// header and what it means.
struct Col {
    key: &'static str,
    label: &'static str,
    title: &'static str,
    /// The drill-down metric behind a cell, if any.
    drill: Option<&'static str>,
}

const fn col(
    key: &'static str,
    label: &'static str,
    title: &'static str,
    drill: Option<&'static str>,
) -> Col {
    Col {
        key,
        label,
        title,
        drill,
    }
}

const COLS: [Col; 16] = [
    col("reports", "Reports", "Reports naming it", None),
    col(
        "raised",
        "Raised",
        "Findings naming it, one per report",
        Some("raised"),
    ),
    col(
        "sole",
        "Sole",
        "Raised findings naming no other agent",
        Some("sole"),
    ),
    col(
        "issues",
        "Issues",
        "Distinct findings across rounds",
        Some("issues"),
    ),
    col(
        "fixed",
        "Fixed",
        "Issues fixed later (confirmed)",
        Some("fixed"),
    ),
    col(
        "declined",
        "Declined",
        "Declined, deferred, won't fix",
        Some("declined"),
    ),
    col(
        "dropped",
        "Dropped",
        "Dropped or withdrawn",
        Some("dropped"),
    ),
    col("demoted", "Demoted", "Demoted on the way", Some("demoted")),
    col(
        "not_raised",
        "Not raised",
        "Gone with no word why",
        Some("not_raised"),
    ),
    col("open", "Open", "Still open in the last round", Some("open")),
    col(
        "confirmed",
        "Confirmed",
        "fixed / (issues − open)",
        Some("followed"),
    ),
    col(
        "noise",
        "Noise",
        "(dropped + demoted) / issues",
        Some("noise"),
    ),
    col(
        "duration_seconds",
        "Duration",
        "Retro: mean per report",
        Some("duration_seconds"),
    ),
    col(
        "tool_calls",
        "Tool calls",
        "Retro: mean per report",
        Some("tool_calls"),
    ),
    col(
        "false_positives",
        "False positives",
        "Retro: sum",
        Some("false_positives"),
    ),
    col(
        "coverage_misses",
        "Coverage misses",
        "Retro: sum",
        Some("coverage_misses"),
    ),
];

/// A count column's value.
fn count(row: &AgentRow, key: &str) -> Option<usize> {
    Some(match key {
        "reports" => row.reports,
        "raised" => row.raised,
        "sole" => row.sole,
        "issues" => row.issues,
        "fixed" => row.fates.fixed,
        "declined" => row.fates.declined,
        "dropped" => row.fates.dropped,
        "demoted" => row.fates.demoted,
        "not_raised" => row.fates.not_raised,
        "open" => row.fates.open,
        _ => return None,
    })
}

/// The value a column sorts by; `None` (missing) sorts last either way.
fn sort_value(row: &AgentRow, key: &str) -> Option<f64> {
    match key {
        "confirmed" => row.confirmation_rate,
        "noise" => row.noise_rate,
        k => count(row, k).map(|n| n as f64).or_else(|| {
            row.retro(k)
                .map(|f| if retro_is_mean(k) { f.mean } else { f.sum })
        }),
    }
}

/// `rows` sorted by column `key` (`agent`: by name), missing values last either way.
fn sort_rows(rows: &mut [AgentRow], key: &str, desc: bool) {
    if key == "agent" {
        rows.sort_by_key(|r| r.name.to_lowercase());
        if desc {
            rows.reverse();
        }
        return;
    }
    rows.sort_by(|a, b| {
        match (sort_value(a, key), sort_value(b, key)) {
            (Some(x), Some(y)) if desc => y.total_cmp(&x),
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| a.name.cmp(&b.name))
    });
}

/// The rows of families (or of their models).
fn rows_of(families: &[FamilyBoard], by: By) -> Vec<AgentRow> {
    families
        .iter()
        .flat_map(|f| match by {
            By::Model => f.models.clone(),
            _ => vec![f.total.clone()],
        })
        .collect()
}

/// One group of rows: the whole board, or one repository or month (key, reports).
#[derive(Debug, Clone, PartialEq)]
struct Group {
    slice: Option<(String, usize)>,
    rows: Vec<AgentRow>,
}

fn groups(board: &Scoreboard, by: By, key: &str, desc: bool) -> Vec<Group> {
    let slices = match by {
        By::Repo => &board.by_repo,
        By::Month => &board.by_month,
        By::Family | By::Model => {
            let mut rows = rows_of(&board.families, by);
            sort_rows(&mut rows, key, desc);
            return vec![Group { slice: None, rows }];
        }
    };
    slices
        .iter()
        .map(|s| {
            let mut rows = rows_of(&s.families, by);
            sort_rows(&mut rows, key, desc);
            Group {
                slice: Some((s.key.clone(), s.reports)),
                rows,
            }
        })
        .collect()
}

/// What one cell shows: its text, and the number of reports behind a retro figure.
fn cell_text(row: &AgentRow, key: &str) -> (String, Option<usize>) {
    match key {
        "confirmed" => (pct(row.confirmation_rate), None),
        "noise" => (pct(row.noise_rate), None),
        k => match count(row, k) {
            Some(n) => (n.to_string(), None),
            None => match row.retro(k) {
                Some(f) => (retro_value(f), Some(f.reports)),
                None => ("—".to_string(), None),
            },
        },
    }
}

const BY_LABELS: [(By, &str); 4] = [
    (By::Family, "Family"),
    (By::Model, "Model"),
    (By::Repo, "Repository"),
    (By::Month, "Month"),
];

#[component]
pub fn ScoreTable(
    board: Memo<Option<Scoreboard>>,
    screen: Memo<ScreenState>,
    push: Callback<ScreenState>,
) -> impl IntoView {
    let sort = RwSignal::new(("raised", true));
    let by = Memo::new(move |_| screen.with(|s| s.by));
    let groups = Memo::new(move |_| {
        let (key, desc) = sort.get();
        let by = by.get();
        board.with(|b| {
            b.as_ref()
                .map(|b| groups(b, by, key, desc))
                .unwrap_or_default()
        })
    });
    let open = Memo::new(move |_| screen.with(|s| s.drill.clone()));
    let header = move |key: &'static str, label: &'static str, title: &'static str| {
        let aria = move || {
            let (k, desc) = sort.get();
            (k == key).then_some(if desc { "descending" } else { "ascending" })
        };
        let arrow = move || {
            let (k, desc) = sort.get();
            if k != key {
                ""
            } else if desc {
                "\u{a0}▼"
            } else {
                "\u{a0}▲"
            }
        };
        view! {
            <th scope="col" aria-sort=aria data-col=key>
                <button
                    type="button"
                    class="sb-sort"
                    title=title
                    on:click=move |_| {
                        sort.update(|(k, desc)| {
                            if *k == key {
                                *desc = !*desc;
                            } else {
                                *k = key;
                                *desc = key != "agent";
                            }
                        })
                    }
                >
                    {label}
                    <span aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    let choice = move |b: By, label: &'static str| {
        view! {
            <button
                type="button"
                class="button"
                data-by=b.as_str()
                aria-pressed=move || if by.get() == b { "true" } else { "false" }
                on:click=move |_| {
                    let mut s = screen.get_untracked();
                    s.by = b;
                    s.drill = None;
                    push.run(s);
                }
            >
                {label}
            </button>
        }
    };
    let caption = move || match by.get() {
        By::Family => "Findings, outcomes and retro figures per agent family",
        By::Model => "Findings, outcomes and retro figures per model",
        By::Repo => "Findings, outcomes and retro figures per repository and agent family",
        By::Month => "Findings, outcomes and retro figures per month and agent family",
    };
    let ncols = COLS.len() + 1;
    view! {
        <div class="sb-grouping" role="group" aria-label="Rows per">
            <span class="facet-name" aria-hidden="true">"Rows per"</span>
            {BY_LABELS.into_iter().map(|(b, l)| choice(b, l)).collect_view()}
        </div>
        <div class="sb-table-wrap" role="region" aria-label="Scoreboard table" tabindex="0">
            <table class="sb-table" data-role="scoreboard">
                <caption>
                    {caption}
                    <span class="muted">" · click a header to sort, a number for the findings behind it"</span>
                </caption>
                <thead>
                    <tr>
                        {header("agent", "Agent", "Sort by name")}
                        {COLS.iter().map(|c| header(c.key, c.label, c.title)).collect_view()}
                    </tr>
                </thead>
                <For each=move || groups.get() key=|g| format!("{g:?}") let(g)>
                    <tbody data-slice=g.slice.as_ref().map(|s| s.0.clone())>
                        {g.slice.clone().map(|(key, n)| view! {
                            <tr class="sb-slice">
                                <th scope="colgroup" colspan=ncols>
                                    {key}<span class="muted">{format!(" · {}", if n == 1 { "1 report".to_string() } else { format!("{n} reports") })}</span>
                                </th>
                            </tr>
                        })}
                        {g.rows.into_iter().map(|row| {
                            let slice = g.slice.as_ref().map(|s| s.0.clone());
                            view! { <ScoreRow row slice open screen push /> }
                        }).collect_view()}
                    </tbody>
                </For>
            </table>
        </div>
    }
}

#[component]
fn ScoreRow(
    row: AgentRow,
    slice: Option<String>,
    open: Memo<Option<DrillKey>>,
    screen: Memo<ScreenState>,
    push: Callback<ScreenState>,
) -> impl IntoView {
    let name = row.name.clone();
    let cells = COLS
        .iter()
        .map(|c| {
            let (text, reports) = cell_text(&row, c.key);
            let missing = text == "—";
            let inner = view! {
                {text.clone()}
                {reports.map(|n| view! { <span class="sb-n" title="reports behind this figure">{format!("({n})")}</span> })}
            };
            let body = match c.drill {
                Some(metric) if !missing && (text != "0" || reports.is_some()) => {
                    let key = DrillKey {
                        metric: metric.to_string(),
                        agent: row.name.clone(),
                        slice: slice.clone(),
                    };
                    let label = format!(
                        "{}{}: {} {} — show what is behind it",
                        row.name,
                        slice.as_ref().map(|s| format!(" in {s}")).unwrap_or_default(),
                        c.label,
                        text
                    );
                    let this = key.clone();
                    let is_open = move || open.with(|o| o.as_ref() == Some(&this));
                    view! {
                        <button
                            type="button"
                            class="sb-drill"
                            class:sb-open=is_open.clone()
                            data-metric=metric
                            aria-label=label
                            aria-controls="sb-drill-panel"
                            aria-expanded=move || if is_open() { "true" } else { "false" }
                            on:click=move |_| {
                                let mut s = screen.get_untracked();
                                s.drill = Some(key.clone());
                                push.run(s);
                            }
                        >
                            {inner}
                        </button>
                    }
                    .into_any()
                }
                _ if missing => view! { <span class="sb-missing" title="not reported">"—"<span class="visually-hidden">" not reported"</span></span> }.into_any(),
                _ => view! { <span>{inner}</span> }.into_any(),
            };
            view! { <td data-col=c.key>{body}</td> }
        })
        .collect_view();
    let attr = name.clone();
    view! {
        <tr data-agent=attr>
            <th scope="row">{name}</th>
            {cells}
        </tr>
    }
}
