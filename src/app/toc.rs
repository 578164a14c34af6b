//! The table of contents: every part of the report in order, with counts (findings per
//! severity follow the filters).

use super::findings::group_anchor;
use super::report_ctx::ReportCtx;
use super::sections::section_anchor;
use crate::model::Severity;
use leptos::prelude::*;

/// The anchor (`#…`) of the part of the report at the top of the screen: the last part whose
/// heading has scrolled past the top bar.
fn part_in_view(anchors: &[String]) -> Option<String> {
    let win = web_sys::window()?;
    let doc = win.document()?;
    // Scrolled to the end: the last part is the one on screen, even when its heading cannot
    // reach the top.
    let root = doc.document_element()?;
    let bottom = win.scroll_y().ok()? + win.inner_height().ok()?.as_f64()?;
    if root.scroll_height() > root.client_height()
        && bottom >= f64::from(root.scroll_height()) - 2.0
    {
        if let Some(last) = anchors
            .iter()
            .rev()
            .find(|a| doc.get_element_by_id(a.trim_start_matches('#')).is_some())
        {
            return Some(last.clone());
        }
    }
    let mut current = anchors.first().cloned();
    for a in anchors {
        let Some(el) = doc.get_element_by_id(a.trim_start_matches('#')) else {
            continue;
        };
        // The top bar (48 px) plus the scroll padding: a heading just scrolled to counts.
        if el.get_bounding_client_rect().top() <= 80.0 {
            current = Some(a.clone());
        } else {
            break;
        }
    }
    current
}

/// Which part of the report is on screen (its anchor), shared by the two tables of contents
/// (side and compact): one scroll listener, one layout read per scroll.
#[derive(Clone, Copy)]
struct PartInView(RwSignal<Option<String>>);

/// Provide [`PartInView`] for the report on screen: updated on scroll, and first after the
/// report's first paint (reading positions earlier would lay out the page while it is built).
pub fn provide_part_in_view(ctx: &ReportCtx) {
    let r = &ctx.review;
    // The anchors in document order; the severity groups sit inside #findings.
    let mut anchors: Vec<String> = vec!["#overview".into()];
    if !r.summary_md.trim().is_empty() {
        anchors.push("#summary".into());
    }
    anchors.push("#findings".into());
    for s in Severity::ALL {
        if ctx.findings.iter().any(|f| f.severity == s) {
            anchors.push(format!("#{}", group_anchor(s)));
        }
    }
    if !r.strengths.is_empty() {
        anchors.push("#strengths".into());
    }
    anchors.extend(r.sections.iter().map(|s| format!("#{}", section_anchor(s))));
    anchors.extend(["#retro", "#process-notes", "#appendix"].map(String::from));
    let current = RwSignal::new(None::<String>);
    let update = move || {
        let now = part_in_view(&anchors);
        if current.try_with_untracked(|c| *c != now) == Some(true) {
            current.set(now);
        }
    };
    let on_scroll = update.clone();
    let handle = window_event_listener(leptos::ev::scroll, move |_| on_scroll());
    on_cleanup(move || handle.remove());
    super::paint::after_paint(update);
    provide_context(PartInView(current));
}

#[component]
pub fn Toc() -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let r = ctx.review.clone();
    let findings = ctx.findings.clone();
    let current = expect_context::<PartInView>().0;
    let item = move |href: String, label: String, count: Option<usize>| {
        let here = href.clone();
        let is_current = move || current.with(|c| c.as_deref() == Some(here.as_str()));
        view! {
            <li>
                <a
                    href=href
                    class:toc-current=is_current.clone()
                    aria-current=move || is_current().then_some("location")
                >
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
            let here = format!("#{}", group_anchor(s));
            let is_current = {
                let here = here.clone();
                move || current.with(|c| c.as_deref() == Some(here.as_str()))
            };
            view! {
                <li class="toc-sub">
                    <a
                        href=here
                        class:toc-current=is_current.clone()
                        aria-current=move || is_current().then_some("location")
                    >
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
