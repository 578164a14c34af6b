//! Every part of a report other than findings, in report order: executive summary, strengths,
//! the other consolidated sections, retro, process notes, appendix (one tab per agent and pass)
//! and the parser's diagnostics.

use super::agents::{AgentPill, AgentPills};
use super::text::{InlineMd, Md};
use crate::model::{
    AppendixEntry, Diagnostic, Level, Retro, RetroPart, Review, Section, Strength, Table,
};
use leptos::prelude::*;
use std::sync::Arc;

/// A section heading with an anchor link to itself.
#[component]
pub fn AnchoredHeading(
    id: String,
    title: String,
    #[prop(optional)] count: Option<usize>,
) -> impl IntoView {
    let href = format!("#{id}");
    let label = format!("Link to {title}");
    view! {
        <h2 class="section-heading">
            {title}
            {count.map(|n| view! { <span class="heading-count">{n}</span> })}
            <a class="anchor" href=href aria-label=label>"#"</a>
        </h2>
    }
}

/// A section that is one Markdown body under an anchored heading; nothing when the body is
/// empty. `id` is the section's id (and its anchor); the body's ids start with `id_prefix`.
#[component]
fn MdSection(
    id: &'static str,
    title: &'static str,
    id_prefix: &'static str,
    md: String,
) -> impl IntoView {
    (!md.trim().is_empty()).then(|| {
        view! {
            <section class="card report-section" id=id>
                <AnchoredHeading id=id.into() title=title.into() />
                <Md md=md id_prefix=id_prefix />
            </section>
        }
    })
}

#[component]
pub fn SummarySection(md: String) -> impl IntoView {
    view! { <MdSection id="summary" title="Executive summary" id_prefix="summary-" md /> }
}

#[component]
pub fn StrengthsSection(strengths: Vec<Strength>) -> impl IntoView {
    let n = strengths.len();
    (n > 0).then(|| {
        view! {
            <section class="card report-section" id="strengths">
                <AnchoredHeading id="strengths".into() title="Strengths".into() count=n />
                <ul class="strengths">
                    {strengths
                        .into_iter()
                        .map(|s| {
                            view! {
                                <li>
                                    <Md md=s.text_md />
                                    {(!s.agents.is_empty()).then(|| view! { <AgentPills names=s.agents /> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// The DOM id of a report section.
pub fn section_anchor(s: &Section) -> String {
    format!("sec-{}", s.id)
}

#[component]
pub fn OtherSection(section: Section) -> impl IntoView {
    let id = section_anchor(&section);
    view! {
        <section class="card report-section" id=id.clone()>
            <AnchoredHeading id=id.clone() title=section.heading />
            <Md md=section.body_md id_prefix=format!("{id}-") />
        </section>
    }
}

#[component]
pub fn RetroSection(retro: Retro) -> impl IntoView {
    let empty =
        retro.agents.is_empty() && retro.table.is_none() && retro.notes_md.trim().is_empty();
    // The author's heading, else the usual name.
    let title = if retro.heading.trim().is_empty() {
        "Agent performance retro".to_string()
    } else {
        retro.heading.clone()
    };
    (!empty).then(|| {
        view! {
            <section class="card report-section" id="retro">
                <AnchoredHeading id="retro".into() title=title />
                {retro_parts(retro)}
            </section>
        }
    })
}

/// A retro's parts in the author's order (`Retro::order`): consecutive agents share one grid,
/// the table keeps the heading written over it, prose stays where it was. Without an order
/// (a JSON report, a pasted page): agents, table, notes.
fn retro_parts(retro: Retro) -> impl IntoView {
    let Retro {
        agents,
        table,
        notes_md,
        order,
        ..
    } = retro;
    let order = if order.is_empty() {
        let mut o: Vec<RetroPart> = (0..agents.len())
            .map(|index| RetroPart::Agent { index })
            .collect();
        if table.is_some() {
            o.push(RetroPart::Table { heading: None });
        }
        if !notes_md.trim().is_empty() {
            o.push(RetroPart::Notes { md: notes_md });
        }
        o
    } else {
        order
    };
    let mut table = table;
    let mut out: Vec<AnyView> = Vec::new();
    let mut grid: Vec<AnyView> = Vec::new();
    let flush = |grid: &mut Vec<AnyView>, out: &mut Vec<AnyView>| {
        if !grid.is_empty() {
            let items = std::mem::take(grid);
            out.push(view! { <div class="retro-agents">{items}</div> }.into_any());
        }
    };
    for (k, part) in order.into_iter().enumerate() {
        match part {
            RetroPart::Agent { index } => {
                if let Some(a) = agents.get(index).cloned() {
                    grid.push(
                        view! {
                            <div class="retro-agent">
                                <h3><AgentPill name=a.name /></h3>
                                <Md md=a.notes_md id_prefix=format!("retro-{index}-") />
                            </div>
                        }
                        .into_any(),
                    );
                }
            }
            RetroPart::Table { heading } => {
                flush(&mut grid, &mut out);
                if let Some(t) = table.take() {
                    out.push(
                        view! {
                            {heading.map(|h| view! { <h3 class="retro-table-heading">{h}</h3> })}
                            <RetroTable table=t />
                        }
                        .into_any(),
                    );
                }
            }
            RetroPart::Notes { md } => {
                flush(&mut grid, &mut out);
                out.push(view! { <Md md id_prefix=format!("retro-notes-{k}-") /> }.into_any());
            }
        }
    }
    flush(&mut grid, &mut out);
    out
}

/// The retro summary table, as written: agents are its columns.
#[component]
fn RetroTable(table: Table) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Per-agent summary table">
            <table class="retro-table">
                <caption class="visually-hidden">"Per-agent summary"</caption>
                <thead>
                    <tr>
                        {table
                            .columns
                            .into_iter()
                            .enumerate()
                            .map(|(i, c)| {
                                if c.trim().is_empty() {
                                    view! { <th scope="col"><span class="visually-hidden">"Measure"</span></th> }.into_any()
                                } else if i == 0 {
                                    view! { <th scope="col"><InlineMd md=c /></th> }.into_any()
                                } else {
                                    view! { <th scope="col"><AgentPill name=c /></th> }.into_any()
                                }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {table
                        .rows
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr>
                                    {row
                                        .into_iter()
                                        .enumerate()
                                        .map(|(i, c)| {
                                            if i == 0 {
                                                view! { <th scope="row"><InlineMd md=c /></th> }.into_any()
                                            } else {
                                                view! { <td><InlineMd md=c /></td> }.into_any()
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn ProcessNotes(md: String) -> impl IntoView {
    view! { <MdSection id="process-notes" title="Review process notes" id_prefix="notes-" md /> }
}

fn tab_label(e: &AppendixEntry) -> String {
    match e.pass {
        Some(p) => format!("{} · pass {p}", e.agent),
        None => e.agent.clone(),
    }
}

/// The appendix: one tab per agent (and pass), with arrow-key navigation between tabs.
#[component]
pub fn AppendixTabs(entries: Vec<AppendixEntry>) -> impl IntoView {
    let n = entries.len();
    if n == 0 {
        return None;
    }
    let selected = RwSignal::new(0usize);
    let entries = Arc::new(entries);
    let tabs = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let label = tab_label(e);
            let class = format!("tab {}", super::util::family_class(&e.agent));
            view! {
                <button
                    type="button"
                    role="tab"
                    class=class
                    id=format!("appendix-tab-{i}")
                    aria-controls=move || (selected.get() == i).then(|| format!("appendix-panel-{i}"))
                    aria-selected=move || (selected.get() == i).to_string()
                    tabindex=move || if selected.get() == i { "0" } else { "-1" }
                    on:click=move |_| selected.set(i)
                    on:keydown=move |ev| {
                        let next = match ev.key().as_str() {
                            "ArrowRight" => Some((i + 1) % n),
                            "ArrowLeft" => Some((i + n - 1) % n),
                            "Home" => Some(0),
                            "End" => Some(n - 1),
                            _ => None,
                        };
                        if let Some(j) = next {
                            ev.prevent_default();
                            selected.set(j);
                            if let Some(el) = document().get_element_by_id(&format!("appendix-tab-{j}")) {
                                use wasm_bindgen::JsCast;
                                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                                    let _ = el.focus();
                                }
                            }
                        }
                    }
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    let panel = move || {
        let i = selected.get();
        entries.get(i).map(|e| {
            view! {
                <div
                    role="tabpanel"
                    class="tab-panel"
                    id=format!("appendix-panel-{i}")
                    aria-labelledby=format!("appendix-tab-{i}")
                    tabindex="0"
                >
                    <Md md=e.body_md.clone() heading_offset=1 id_prefix=format!("appendix-{i}-") />
                </div>
            }
        })
    };
    Some(view! {
        <section class="card report-section appendix" id="appendix">
            <AnchoredHeading id="appendix".into() title="Appendix: original reviews".into() count=n />
            <div role="tablist" aria-label="Original reviews by agent" class="tablist">{tabs}</div>
            {panel}
        </section>
    })
}

/// The parser's notes, out of the way.
#[component]
pub fn ParserNotes(diagnostics: Vec<Diagnostic>) -> impl IntoView {
    let n = diagnostics.len();
    (n > 0).then(|| {
        view! {
            <details class="parser-notes" id="parser-notes">
                <summary>{super::util::plural(n, "parser note", "parser notes")}</summary>
                <ul>
                    {diagnostics
                        .into_iter()
                        .map(|d| {
                            let level = match d.level {
                                Level::Warning => "warning",
                                Level::Error => "error",
                            };
                            let line = if d.line > 0 { format!("line {}: ", d.line) } else { String::new() };
                            view! {
                                <li class=format!("diag diag-{level}")>
                                    <span class="diag-level">{level}</span>" "{line}{d.message}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </details>
        }
    })
}

/// Everything after the findings, in report order.
#[component]
pub fn TrailingSections(review: Arc<Review>) -> impl IntoView {
    let r = review.as_ref();
    view! {
        <StrengthsSection strengths=r.strengths.clone() />
        {r.sections.iter().cloned().map(|s| view! { <OtherSection section=s /> }).collect_view()}
        <RetroSection retro=r.retro.clone() />
        <ProcessNotes md=r.process_notes_md.clone() />
        <AppendixTabs entries=r.appendix.clone() />
        <ParserNotes diagnostics=r.diagnostics.clone() />
    }
}
