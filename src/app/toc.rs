//! The table of contents: every part of the report in order, with counts (findings per
//! severity follow the filters).

use super::findings::group_anchor;
use super::report_ctx::ReportCtx;
use super::sections::section_anchor;
use crate::model::Severity;
use leptos::prelude::*;

#[component]
pub fn Toc() -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let r = ctx.review.clone();
    let findings = ctx.findings.clone();
    let item = |href: String, label: String, count: Option<usize>| {
        view! {
            <li>
                <a href=href>
                    <span>{label}</span>
                    {count.map(|n| view! { <span class="toc-count">{n}</span> })}
                </a>
            </li>
        }
    };
    let sev_items = Severity::ALL
        .into_iter()
        .filter(|s| findings.iter().any(|f| f.severity == *s))
        .map(|s| {
            let ctx = ctx.clone();
            let total = findings.iter().filter(|f| f.severity == s).count();
            let shown = Memo::new(move |_| {
                ctx.visible.with(|v| {
                    v.iter()
                        .filter(|&&i| ctx.findings.get(i).is_some_and(|f| f.severity == s))
                        .count()
                })
            });
            view! {
                <li class="toc-sub">
                    <a href=format!("#{}", group_anchor(s))>
                        <span>{s.label()}</span>
                        <span class="toc-count">
                            {move || {
                                let n = shown.get();
                                if n == total { n.to_string() } else { format!("{n}/{total}") }
                            }}
                        </span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <h2>"Contents"</h2>
        <ol>
            {item("#overview".into(), "Overview".into(), None)}
            {(!r.summary_md.trim().is_empty()).then(|| item("#summary".into(), "Executive summary".into(), None))}
            {item("#findings".into(), "Findings".into(), Some(r.findings.len()))}
            {sev_items}
            {(!r.strengths.is_empty()).then(|| item("#strengths".into(), "Strengths".into(), Some(r.strengths.len())))}
            {r.sections.iter().map(|s| item(format!("#{}", section_anchor(s)), s.heading.clone(), None)).collect_view()}
            {(!r.retro.agents.is_empty() || r.retro.table.is_some() || !r.retro.notes_md.trim().is_empty())
                .then(|| item("#retro".into(), "Retro".into(), None))}
            {(!r.process_notes_md.trim().is_empty()).then(|| item("#process-notes".into(), "Process notes".into(), None))}
            {(!r.appendix.is_empty()).then(|| item("#appendix".into(), "Appendix".into(), Some(r.appendix.len())))}
        </ol>
    }
}
