//! The agent scoreboard (`view=agents`, issue 14): every bundled report loaded, added up by
//! `crate::scoreboard` (the figures, the drill-downs and the filter all live there), shown as a
//! sortable table per family or model, a bar chart of confirmed vs noise per family, and the
//! findings behind any number.
//!
//! URL: `repo`, `since`, `until`, `pr` ([`Filter::from_query`]), kept in `ViewState::extra`.

use super::history::card_href;
use super::loader;
use super::nav::{src_href, use_set_view, use_view_state, History};
use super::sources::BundledIndex;
use super::util::plural;
use crate::index::bundled_src;
use crate::model::Review;
use crate::query::{View, ViewState};
use crate::rounds::repo_of;
use crate::scoreboard::{
    pct, retro_is_mean, retro_value, AgentRow, Corpus, Drill, Filter, Grouping, Scoreboard,
};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::collections::HashMap;
use std::sync::Arc;

/// The loaded reports, compared by identity.
#[derive(Clone)]
struct Loaded {
    reviews: Arc<Vec<Review>>,
    /// Report slug → its `src=`.
    srcs: Arc<HashMap<String, String>>,
    /// Reports that failed to load: (src, why).
    failed: Vec<(String, String)>,
}

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.reviews, &other.reviews)
    }
}

/// The URL names of the scoreboard filter.
const PARAMS: [&str; 4] = ["repo", "since", "until", "pr"];

/// `state` with `filter` written into it (other parameters kept).
fn with_filter(state: &ViewState, filter: &Filter) -> ViewState {
    let mut s = state.clone();
    s.extra.retain(|(k, _)| !PARAMS.contains(&k.as_str()));
    let ours = [
        ("repo", filter.repo.clone()),
        ("since", filter.since.clone()),
        ("until", filter.until.clone()),
        ("pr", filter.pr.map(|n| n.to_string())),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some((k.to_string(), v?.trim().to_string())))
    .filter(|(_, v)| !v.is_empty());
    s.extra = ours.chain(s.extra).collect();
    s
}

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

fn sorted_rows(board: &Scoreboard, grouping: Grouping, key: &str, desc: bool) -> Vec<AgentRow> {
    let mut rows: Vec<AgentRow> = board
        .families
        .iter()
        .flat_map(|f| match grouping {
            Grouping::Family => vec![f.total.clone()],
            Grouping::Model => f.models.clone(),
        })
        .collect();
    if key == "agent" {
        rows.sort_by_key(|r| r.name.to_lowercase());
        if desc {
            rows.reverse();
        }
        return rows;
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
    rows
}

/// What one cell shows: its text, the number of reports behind a retro figure, and whether
/// it is missing.
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

/// Load every report of the bundled index (after the index).
fn load_all(
    index: LocalResource<Result<crate::model::Index, String>>,
) -> LocalResource<Option<Result<Loaded, String>>> {
    LocalResource::new(move || {
        let idx = index.get();
        async move {
            let idx = match idx? {
                Ok(i) => i,
                Err(e) => return Some(Err(e)),
            };
            let mut reviews = Vec::new();
            let mut srcs = HashMap::new();
            let mut failed = Vec::new();
            for e in &idx.reports {
                let src = bundled_src(&e.path);
                match loader::load_review(&src).await {
                    Ok(r) => {
                        srcs.insert(r.slug.clone(), src);
                        reviews.push(r);
                    }
                    Err(why) => failed.push((src, why)),
                }
            }
            Some(Ok(Loaded {
                reviews: Arc::new(reviews),
                srcs: Arc::new(srcs),
                failed,
            }))
        }
    })
}

#[component]
pub fn ScoreboardView() -> impl IntoView {
    let index = expect_context::<BundledIndex>().0;
    let location = use_location();
    let state = use_view_state();
    let set_view = use_set_view();
    let filter = Memo::new(move |_| location.search.with(|s| Filter::from_query(s)));
    let loaded = load_all(index);
    let data = Memo::new(move |_| loaded.get().flatten());
    let board = Memo::new(move |_| {
        let f = filter.get();
        data.with(|d| match d {
            Some(Ok(l)) => Some(Corpus::new(&l.reviews).scoreboard(&f)),
            _ => None,
        })
    });
    let repos = Memo::new(move |_| {
        data.with(|d| {
            let mut r: Vec<String> = match d {
                Some(Ok(l)) => l.reviews.iter().filter_map(repo_of).collect(),
                _ => Vec::new(),
            };
            r.sort();
            r.dedup();
            r
        })
    });
    let grouping = RwSignal::new(Grouping::Family);
    let sort = RwSignal::new(("raised", true));
    let rows = Memo::new(move |_| {
        let (key, desc) = sort.get();
        let g = grouping.get();
        board.with(|b| {
            b.as_ref()
                .map(|b| sorted_rows(b, g, key, desc))
                .unwrap_or_default()
        })
    });
    // The number clicked: (grouping, agent, metric).
    let drill_of = RwSignal::new(None::<(Grouping, String, String)>);
    let drill = Memo::new(move |_| {
        let (g, agent, metric) = drill_of.get()?;
        let f = filter.get();
        data.with(|d| match d {
            Some(Ok(l)) => Corpus::new(&l.reviews).drill(&f, g, &agent, &metric),
            _ => None,
        })
    });
    let srcs = Memo::new(move |_| match data.get() {
        Some(Ok(l)) => l.srcs.clone(),
        _ => Arc::new(HashMap::new()),
    });
    let filter_error = Memo::new(move |_| filter.with(|f| f.check().err()));

    let update = move |change: &dyn Fn(&mut Filter)| {
        let mut f = filter.get_untracked();
        change(&mut f);
        drill_of.set(None);
        set_view(with_filter(&state.get_untracked(), &f), History::Push);
    };
    let (u_repo, u_since, u_until, u_pr) = (update.clone(), update.clone(), update.clone(), update);
    let text = |v: String| (!v.trim().is_empty()).then(|| v.trim().to_string());
    let back = move || {
        let mut s = ViewState {
            view: View::Index,
            ..ViewState::default()
        };
        if let Some(r) = filter.with(|f| f.repo.clone()) {
            s.extra.push(("repo".into(), r));
        }
        s.to_search()
    };

    let content = move || match data.get() {
        None => view! {
            <div class="progress" role="status" data-role="loading">
                <span class="spinner" aria-hidden="true"></span>
                "Loading every bundled report…"
            </div>
        }
        .into_any(),
        Some(Err(e)) => view! { <div class="alert" role="alert">{e}</div> }.into_any(),
        Some(Ok(l)) => {
            let failed = l.failed.clone();
            view! {
                {(!failed.is_empty()).then(|| view! {
                    <ul class="local-errors">
                        {failed.into_iter().map(|(src, why)| view! {
                            <li class="local-error" role="alert"><strong>{src}</strong>": "{why}</li>
                        }).collect_view()}
                    </ul>
                })}
                <p class="muted sb-summary" data-role="sb-summary">
                    {move || board.with(|b| b.as_ref().map(|b| format!(
                        "{} in {}, {} ({} name no agent).",
                        plural(b.reports, "report", "reports"),
                        plural(b.threads, "thread", "threads"),
                        plural(b.findings, "finding", "findings"),
                        b.unattributed,
                    )))}
                </p>
                <ScoreTable rows grouping sort drill_of />
                <DrillPanel drill drill_of srcs />
                <ConfirmedChart board />
            }
            .into_any()
        }
    };

    view! {
        <div class="scoreboard-view" data-view="agents">
            <p class="sb-back"><a href=back>"← All reports"</a></p>
            <h1 class="page-title">"Agent scoreboard"</h1>
            <p class="muted intro">
                "Which reviewer earns its place: every bundled report added up per agent family and model. “—” means no report gives the figure (never zero); a retro figure shows how many reports it comes from."
            </p>
            <form class="card index-filters" role="search" aria-label="Filter reports" on:submit=|e| e.prevent_default()>
                <label class="index-filter">
                    <span class="facet-name">"Repository"</span>
                    <select
                        data-filter="repo"
                        prop:value=move || filter.with(|f| f.repo.clone().unwrap_or_default())
                        on:change=move |e| {
                            let v = text(event_target_value(&e));
                            u_repo(&|f| f.repo = v.clone());
                        }
                    >
                        <option value="">"All"</option>
                        <For each=move || repos.get() key=|r| r.clone() let(r)>
                            <option value=r.clone()>{r.clone()}</option>
                        </For>
                    </select>
                </label>
                <label class="index-filter">
                    <span class="facet-name">"Since"</span>
                    <input
                        type="text"
                        data-filter="since"
                        placeholder="2026-07"
                        size="10"
                        prop:value=move || filter.with(|f| f.since.clone().unwrap_or_default())
                        on:change=move |e| {
                            let v = text(event_target_value(&e));
                            u_since(&|f| f.since = v.clone());
                        }
                    />
                </label>
                <label class="index-filter">
                    <span class="facet-name">"Until"</span>
                    <input
                        type="text"
                        data-filter="until"
                        placeholder="2026-08-31"
                        size="10"
                        prop:value=move || filter.with(|f| f.until.clone().unwrap_or_default())
                        on:change=move |e| {
                            let v = text(event_target_value(&e));
                            u_until(&|f| f.until = v.clone());
                        }
                    />
                </label>
                <label class="index-filter">
                    <span class="facet-name">"PR"</span>
                    <input
                        type="text"
                        inputmode="numeric"
                        data-filter="pr"
                        placeholder="412"
                        size="6"
                        prop:value=move || filter.with(|f| f.pr.map(|n| n.to_string()).unwrap_or_default())
                        on:change=move |e| {
                            let v = event_target_value(&e);
                            let n = v.trim().trim_start_matches('#').parse::<u64>().ok();
                            u_pr(&|f| f.pr = n);
                        }
                    />
                </label>
            </form>
            {move || filter_error.get().map(|e| view! { <div class="alert" role="alert">{e}</div> })}
            {content}
        </div>
    }
}

#[component]
fn ScoreTable(
    rows: Memo<Vec<AgentRow>>,
    grouping: RwSignal<Grouping>,
    sort: RwSignal<(&'static str, bool)>,
    drill_of: RwSignal<Option<(Grouping, String, String)>>,
) -> impl IntoView {
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
    let choice = move |g: Grouping, label: &'static str| {
        view! {
            <button
                type="button"
                class="button"
                aria-pressed=move || if grouping.get() == g { "true" } else { "false" }
                on:click=move |_| {
                    grouping.set(g);
                    drill_of.set(None);
                }
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="sb-grouping" role="group" aria-label="Rows">
            {choice(Grouping::Family, "Per family")}
            {choice(Grouping::Model, "Per model")}
        </div>
        <div class="sb-table-wrap" role="region" aria-label="Scoreboard table" tabindex="0">
            <table class="sb-table" data-role="scoreboard">
                <caption>
                    {move || if grouping.get() == Grouping::Family { "Findings, outcomes and retro figures per agent family" } else { "Findings, outcomes and retro figures per model" }}
                    <span class="muted">" · click a header to sort, a number for the findings behind it"</span>
                </caption>
                <thead>
                    <tr>
                        {header("agent", "Agent", "Sort by name")}
                        {COLS.iter().map(|c| header(c.key, c.label, c.title)).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || rows.get()
                        key=|r| format!("{r:?}")
                        let(row)
                    >
                        <ScoreRow row drill_of />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn ScoreRow(
    row: AgentRow,
    drill_of: RwSignal<Option<(Grouping, String, String)>>,
) -> impl IntoView {
    let name = row.name.clone();
    let cells = COLS
        .iter()
        .map(|c| {
            let (text, reports) = cell_text(&row, c.key);
            let missing = text == "—";
            let inner = view! {
                {text.clone()}
                {reports.map(|n| view! { <span class="sb-n" title="reports behind this figure">{format!(" ({n})")}</span> })}
            };
            let body = match c.drill {
                Some(metric) if !missing && (text != "0" || reports.is_some()) => {
                    let (g, agent) = (row.grouping, row.name.clone());
                    let label = format!("{}: {} {} — show what is behind it", row.name, c.label, text);
                    view! {
                        <button
                            type="button"
                            class="sb-drill"
                            data-metric=metric
                            aria-label=label
                            on:click=move |_| drill_of.set(Some((g, agent.clone(), metric.to_string())))
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

#[component]
fn DrillPanel(
    drill: Memo<Option<Drill>>,
    drill_of: RwSignal<Option<(Grouping, String, String)>>,
    srcs: Memo<Arc<HashMap<String, String>>>,
) -> impl IntoView {
    let src_of = move |slug: &str| srcs.with(|s| s.get(slug).cloned().unwrap_or_default());
    // A number clicked: bring its list into view (below the table, off screen on a phone).
    let panel = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if drill.with(Option::is_some) {
            if let Some(el) = panel.get() {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        }
    });
    move || {
        drill.get().map(|d| {
            let heading = format!(
                "{} · {}: {}",
                d.agent,
                d.metric.replace('_', " "),
                if d.cells.is_empty() {
                    plural(d.findings.len(), "finding", "findings")
                } else {
                    plural(d.cells.len(), "retro cell", "retro cells")
                }
            );
            let findings = d
                .findings
                .iter()
                .map(|f| {
                    let href = card_href(&src_of(&f.slug), &f.id);
                    view! {
                        <li data-role="drill-finding">
                            <a href=href>{format!("{} {}", f.slug, f.id)}</a>
                            " "
                            <span>{f.title.clone()}</span>
                            <span class="muted">{format!(" · {} · {}", f.severity.as_str(), f.fate.as_str().replace('_', " "))}</span>
                        </li>
                    }
                })
                .collect_view();
            let cells = d
                .cells
                .iter()
                .map(|c| {
                    let href = src_href(&src_of(&c.slug));
                    view! {
                        <li data-role="drill-cell">
                            <a href=href>{c.slug.clone()}</a>
                            {format!(" · {} · {}: {}", c.agent, c.row, c.text)}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section node_ref=panel class="card sb-drill-panel" data-role="drill" aria-label="Behind the number">
                    <h2 class="section-heading">{heading}</h2>
                    <button type="button" class="button" on:click=move |_| drill_of.set(None)>"Close"</button>
                    <ul class="sb-drill-list">{findings}{cells}</ul>
                </section>
            }
        })
    }
}

/// Confirmed (fixed) vs noise (dropped + demoted) issues per family, as horizontal bars.
#[component]
fn ConfirmedChart(board: Memo<Option<Scoreboard>>) -> impl IntoView {
    move || {
        board.with(|b| {
            let b = b.as_ref()?;
            let bars: Vec<(String, usize, usize)> = b
                .families
                .iter()
                .map(|f| {
                    let t = &f.total;
                    (f.family.clone(), t.fates.fixed, t.fates.dropped + t.fates.demoted)
                })
                .collect();
            let max = bars.iter().map(|(_, c, n)| (*c).max(*n)).max().unwrap_or(0).max(1);
            const LABEL: f64 = 96.0;
            const WIDTH: f64 = 360.0;
            const ROW: f64 = 40.0;
            let plot = WIDTH - LABEL - 32.0;
            let height = ROW * bars.len() as f64 + 8.0;
            let desc = bars
                .iter()
                .map(|(n, c, x)| format!("{n}: {c} confirmed, {x} noise"))
                .collect::<Vec<_>>()
                .join("; ");
            let rows = bars
                .into_iter()
                .enumerate()
                .map(|(i, (name, c, n))| {
                    let y = ROW * i as f64 + 4.0;
                    let wc = plot * c as f64 / max as f64;
                    let wn = plot * n as f64 / max as f64;
                    let attr = name.clone();
                    view! {
                        <g data-family=attr>
                            <text x="0" y=y + 20.0 class="sb-chart-label">{name}</text>
                            <rect x=LABEL y=y width=wc height="14" class="sb-bar-confirmed" />
                            <text x=LABEL + wc + 4.0 y=y + 12.0 class="sb-chart-value">{c.to_string()}</text>
                            <rect x=LABEL y=y + 17.0 width=wn height="14" class="sb-bar-noise" />
                            <text x=LABEL + wn + 4.0 y=y + 29.0 class="sb-chart-value">{n.to_string()}</text>
                        </g>
                    }
                })
                .collect_view();
            Some(view! {
                <figure class="card sb-chart">
                    <figcaption>
                        "Confirmed vs noise per agent family (issues) "
                        <span class="sb-key sb-key-confirmed" aria-hidden="true"></span>" confirmed (fixed) "
                        <span class="sb-key sb-key-noise" aria-hidden="true"></span>" noise (dropped + demoted)"
                    </figcaption>
                    <svg
                        viewBox=format!("0 0 {WIDTH} {height}")
                        role="img"
                        aria-label=format!("Confirmed vs noise per agent family. {desc}")
                        data-role="sb-chart"
                    >
                        {rows}
                    </svg>
                </figure>
            })
        })
    }
}
