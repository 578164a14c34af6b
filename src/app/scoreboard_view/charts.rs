//! The scoreboard's charts, drawn as SVG here (no chart library): confirmed vs noise issues per
//! family, findings by severity per family (or model), and each model's confirmation rate per
//! month, one small chart per family. What they plot comes from `crate::scoreboard::chart`.
//!
//! Each chart is an `<svg role="img">` named by its caption and described by a sentence, with
//! its numbers in a table under "Show the numbers"; colours come from the theme's variables
//! (light and dark), and the drawings scale down to the width of a phone.

use crate::app::util::plural;
use crate::model::Severity;
use crate::scoreboard::{pct, severity_segments, trend, AgentRow, By, Scoreboard, Trend};
use leptos::prelude::*;

#[component]
pub fn Charts(board: Memo<Option<Scoreboard>>, by: Memo<By>) -> impl IntoView {
    let rows = Memo::new(move |_| {
        let model = by.get() == By::Model;
        board.with(|b| {
            b.as_ref()
                .map(|b| {
                    b.families
                        .iter()
                        .flat_map(|f| {
                            if model {
                                f.models.clone()
                            } else {
                                vec![f.total.clone()]
                            }
                        })
                        .collect::<Vec<AgentRow>>()
                })
                .unwrap_or_default()
        })
    });
    let trend = Memo::new(move |_| board.with(|b| b.as_ref().map(trend).unwrap_or_default()));
    view! {
        <div class="sb-charts">
            <ConfirmedChart board />
            <SeverityChart rows />
        </div>
        <TrendCharts trend />
    }
}

/// A chart's SVG, `width` × `height` units, after its description for screen readers: labelled
/// by the figure's caption `{id}-caption`, described by `{id}-desc`.
fn chart_svg(
    id: &str,
    (width, height): (f64, f64),
    role: &'static str,
    desc: String,
    contents: impl IntoView,
) -> impl IntoView {
    let (caption_id, desc_id) = (format!("{id}-caption"), format!("{id}-desc"));
    view! {
        <p id=desc_id.clone() class="visually-hidden">{desc}</p>
        <svg
            viewBox=format!("0 0 {width} {height}")
            role="img"
            aria-labelledby=caption_id
            aria-describedby=desc_id
            data-role=role
        >
            {contents}
        </svg>
    }
}

/// A figure's caption, its description for screen readers, and its numbers as a table.
fn numbers_table(caption: &str, head: Vec<String>, body: Vec<Vec<String>>) -> impl IntoView {
    view! {
        <details class="sb-numbers">
            <summary>"Show the numbers"</summary>
            <div class="sb-numbers-wrap" role="region" tabindex="0" aria-label=caption.to_string()>
                <table>
                    <caption class="visually-hidden">{caption.to_string()}</caption>
                    <thead>
                        <tr>{head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>
                        {body.into_iter().map(|r| {
                            let mut cells = r.into_iter();
                            let first = cells.next().unwrap_or_default();
                            view! {
                                <tr>
                                    <th scope="row">{first}</th>
                                    {cells.map(|c| view! { <td>{c}</td> }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
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
            const LABEL: f64 = 100.0;
            const WIDTH: f64 = 320.0;
            const ROW: f64 = 40.0;
            let plot = WIDTH - LABEL - 32.0;
            let height = ROW * bars.len() as f64 + 8.0;
            let desc = bars
                .iter()
                .map(|(n, c, x)| format!("{n}: {c} confirmed, {x} noise"))
                .collect::<Vec<_>>()
                .join("; ");
            let table = numbers_table(
                "Confirmed and noise issues per agent family",
                vec!["Family".into(), "Confirmed (fixed)".into(), "Noise (dropped + demoted)".into()],
                bars.iter().map(|(n, c, x)| vec![n.clone(), c.to_string(), x.to_string()]).collect(),
            );
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
                    <figcaption id="sb-confirmed-caption">
                        "Confirmed vs noise per agent family (issues) "
                        <span class="sb-legend">
                            <span class="sb-legend-item"><span class="sb-key sb-key-confirmed" aria-hidden="true"></span>" confirmed (fixed)"</span>
                            " "
                            <span class="sb-legend-item"><span class="sb-key sb-key-noise" aria-hidden="true"></span>" noise (dropped + demoted)"</span>
                        </span>
                    </figcaption>
                    {chart_svg("sb-confirmed", (WIDTH, height), "sb-chart", desc, rows)}
                    {table}
                </figure>
            })
        })
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "sb-sev-critical",
        Severity::Important => "sb-sev-important",
        Severity::Suggestion => "sb-sev-suggestion",
        Severity::Design => "sb-sev-design",
    }
}

/// Findings raised by severity, one stacked bar per row of the table (families, or models).
#[component]
fn SeverityChart(rows: Memo<Vec<AgentRow>>) -> impl IntoView {
    move || {
        rows.with(|rows| {
            let rows: Vec<&AgentRow> = rows.iter().filter(|r| r.raised > 0).collect();
            if rows.is_empty() {
                return None;
            }
            const WIDTH: f64 = 320.0;
            const ROW: f64 = 38.0;
            let max = rows.iter().map(|r| r.raised).max().unwrap_or(1);
            let height = ROW * rows.len() as f64 + 4.0;
            let counts = |r: &AgentRow| {
                Severity::ALL
                    .iter()
                    .map(|&s| format!("{} {}", r.by_severity.get(s), s.letter()))
                    .collect::<Vec<_>>()
                    .join(" · ")
            };
            let desc = rows
                .iter()
                .map(|r| format!("{}: {} ({})", r.name, plural(r.raised, "finding", "findings"), counts(r)))
                .collect::<Vec<_>>()
                .join("; ");
            let table = numbers_table(
                "Findings raised by severity",
                ["Agent", "Raised", "Critical", "Important", "Suggestion", "Design"]
                    .map(String::from)
                    .to_vec(),
                rows.iter()
                    .map(|r| {
                        let mut v = vec![r.name.clone(), r.raised.to_string()];
                        v.extend(Severity::ALL.iter().map(|&s| r.by_severity.get(s).to_string()));
                        v
                    })
                    .collect(),
            );
            let bars = rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let y = ROW * i as f64;
                    let segs = severity_segments(r, max, WIDTH)
                        .into_iter()
                        .map(|(s, _, x, w)| {
                            view! { <rect x=x y=y + 20.0 width=w height="12" class=severity_class(s) /> }
                        })
                        .collect_view();
                    let attr = r.name.clone();
                    view! {
                        <g data-agent=attr>
                            <text x="0" y=y + 14.0 class="sb-chart-label">{r.name.clone()}</text>
                            <text x=WIDTH y=y + 14.0 text-anchor="end" class="sb-chart-value">{format!("{} · {}", r.raised, counts(r))}</text>
                            {segs}
                        </g>
                    }
                })
                .collect_view();
            let legend = Severity::ALL
                .iter()
                .map(|&s| {
                    view! {
                        <span class="sb-legend-item">
                            <span class=format!("sb-key {}", severity_class(s)) aria-hidden="true"></span>
                            {format!(" {} {}", s.letter(), s.as_str())}
                        </span>
                    }
                })
                .collect_view();
            Some(view! {
                <figure class="card sb-chart">
                    <figcaption id="sb-severity-caption">
                        "Findings raised by severity "
                        <span class="sb-legend">{legend}</span>
                    </figcaption>
                    {chart_svg("sb-severity", (WIDTH, height), "sb-severity", desc, bars)}
                    {table}
                </figure>
            })
        })
    }
}

/// Dash patterns for the models of one family (so lines differ without colour).
const DASHES: [&str; 4] = ["none", "6 3", "2 3", "8 3 2 3"];

/// Each model's confirmation rate per month: a small chart per family.
#[component]
fn TrendCharts(trend: Memo<Trend>) -> impl IntoView {
    move || {
        trend.with(|t| {
            if t.months.is_empty() || t.families.is_empty() {
                return None;
            }
            let months = t.months.clone();
            const WIDTH: f64 = 320.0;
            const HEIGHT: f64 = 150.0;
            const LEFT: f64 = 40.0;
            const RIGHT: f64 = 14.0;
            const TOP: f64 = 10.0;
            const BOTTOM: f64 = 24.0;
            let plot_w = WIDTH - LEFT - RIGHT;
            let plot_h = HEIGHT - TOP - BOTTOM;
            let k = months.len();
            let x_of = |i: usize| {
                if k == 1 {
                    LEFT + plot_w / 2.0
                } else {
                    LEFT + plot_w * i as f64 / (k - 1) as f64
                }
            };
            let y_of = |rate: f64| TOP + plot_h * (1.0 - rate);
            // Month labels at least ~58 units apart.
            let step = ((k as f64 * 58.0) / plot_w).ceil().max(1.0) as usize;
            let panels = t
                .families
                .iter()
                .enumerate()
                .map(|(p, fam)| {
                    let id = format!("sb-trend-{p}");
                    let title_id = format!("{id}-caption");
                    let desc = fam
                        .models
                        .iter()
                        .map(|m| {
                            let pts = m
                                .points
                                .iter()
                                .zip(&months)
                                .filter_map(|(pt, month)| {
                                    pt.map(|pt| format!("{month} {} ({} of {})", pct(Some(pt.rate)), pt.fixed, pt.followed))
                                })
                                .collect::<Vec<_>>()
                                .join(", ");
                            format!("{}: {pts}", m.model)
                        })
                        .collect::<Vec<_>>()
                        .join("; ");
                    let grid = [0.0, 0.5, 1.0]
                        .into_iter()
                        .map(|r| {
                            view! {
                                <line x1=LEFT x2=WIDTH - RIGHT y1=y_of(r) y2=y_of(r) class="sb-grid" />
                                <text x=LEFT - 6.0 y=y_of(r) + 4.0 text-anchor="end" class="sb-axis">{pct(Some(r))}</text>
                            }
                        })
                        .collect_view();
                    let ticks = months
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| i % step == 0)
                        .map(|(i, m)| {
                            let anchor = if k == 1 { "middle" } else if i == 0 { "start" } else if i == k - 1 { "end" } else { "middle" };
                            view! { <text x=x_of(i) y=HEIGHT - 6.0 text-anchor=anchor class="sb-axis">{m.clone()}</text> }
                        })
                        .collect_view();
                    let lines = fam
                        .models
                        .iter()
                        .enumerate()
                        .map(|(s, m)| {
                            let class = format!("sb-series sb-series-{}", s % 4);
                            let dash = DASHES[s % DASHES.len()];
                            // Runs of consecutive months with a point: one polyline each.
                            let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
                            for (i, pt) in m.points.iter().enumerate() {
                                match pt {
                                    Some(pt) => runs.last_mut().unwrap().push((x_of(i), y_of(pt.rate))),
                                    None if runs.last().is_some_and(|r| !r.is_empty()) => runs.push(Vec::new()),
                                    None => {}
                                }
                            }
                            let polylines = runs
                                .into_iter()
                                .filter(|r| r.len() > 1)
                                .map(|r| {
                                    let points = r.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ");
                                    view! { <polyline points=points class=class.clone() stroke-dasharray=dash fill="none" /> }
                                })
                                .collect_view();
                            let dots = m
                                .points
                                .iter()
                                .enumerate()
                                .filter_map(|(i, pt)| {
                                    let pt = (*pt)?;
                                    Some(view! { <circle cx=x_of(i) cy=y_of(pt.rate) r="3.5" class=class.clone() /> })
                                })
                                .collect_view();
                            let attr = m.model.clone();
                            view! { <g data-model=attr>{polylines}{dots}</g> }
                        })
                        .collect_view();
                    let legend = fam
                        .models
                        .iter()
                        .enumerate()
                        .map(|(s, m)| {
                            view! {
                                <li>
                                    <svg class="sb-swatch" viewBox="0 0 24 8" aria-hidden="true">
                                        <line x1="0" x2="24" y1="4" y2="4" class=format!("sb-series sb-series-{}", s % 4) stroke-dasharray=DASHES[s % DASHES.len()] />
                                    </svg>
                                    {m.model.clone()}
                                </li>
                            }
                        })
                        .collect_view();
                    let table = numbers_table(
                        &format!("{}: confirmation rate per month", fam.family),
                        std::iter::once("Model".to_string()).chain(months.iter().cloned()).collect(),
                        fam.models
                            .iter()
                            .map(|m| {
                                std::iter::once(m.model.clone())
                                    .chain(m.points.iter().map(|pt| match pt {
                                        Some(pt) => format!("{} ({} of {})", pct(Some(pt.rate)), pt.fixed, pt.followed),
                                        None => "—".to_string(),
                                    }))
                                    .collect()
                            })
                            .collect(),
                    );
                    let attr = fam.family.clone();
                    view! {
                        <figure class="card sb-chart sb-trend" data-family=attr>
                            <figcaption id=title_id>{format!("{}: confirmation rate per month", fam.family)}</figcaption>
                            {chart_svg(&id, (WIDTH, HEIGHT), "sb-trend", desc, (grid, ticks, lines))}
                            <ul class="sb-series-legend">{legend}</ul>
                            {table}
                        </figure>
                    }
                })
                .collect_view();
            Some(view! {
                <section class="sb-trends" aria-labelledby="sb-trends-heading">
                    <h2 class="section-heading" id="sb-trends-heading">"Trend per model"</h2>
                    <p class="muted">
                        "Confirmation rate (fixed of the issues whose fate is known) of each model's findings in the reports of each month; a month without a figure has no dot."
                    </p>
                    <div class="sb-trend-grid">{panels}</div>
                </section>
            })
        })
    }
}
