//! The report screen: [`ReportScreen`] (what the shell shows for a report: the marks context,
//! their notices, then the report view or the meeting), [`ReportView`] (the shared
//! [`ReportCtx`] provided, then its parts laid out) and [`ReportTools`] ("Meeting mode", "Copy
//! link", the marks menu).

use super::filters::FilterPanel;
use super::findings::FindingList;
use super::header::HeaderCard;
use super::lazy::Lazy;
use super::marks::{MarkNotices, Marks, MarksMenu};
use super::meeting::meeting_screen;
use super::nav::{use_set_view, use_view_state, History};
use super::report_ctx::ReportCtx;
use super::report_keys::use_report_keys;
use super::sections::{SummarySection, TrailingSections};
use super::share_ui::CopyLink;
use super::toc::Toc;
use crate::model::Review;
use crate::query::View;
use leptos::prelude::*;
use std::sync::Arc;

/// One report on screen: provides its meeting marks, shows their notices, then the report view
/// or, with `view=meeting`, the meeting.
#[component]
pub fn ReportScreen(review: Arc<Review>, src: String) -> impl IntoView {
    Marks::provide(&review);
    let view = use_view_state();
    let meeting = Memo::new(move |_| view.with(|v| v.view == View::Meeting));
    view! {
        <div class="marks-notices">
            <MarkNotices />
        </div>
        {move || {
            let (review, src) = (review.clone(), src.clone());
            if meeting.get() {
                view! { <Lazy load=meeting_screen(review, src) what="meeting mode" /> }.into_any()
            } else {
                view! { <ReportView review src /> }.into_any()
            }
        }}
    }
}

/// The report view's tools: enter meeting mode, copy a link, export/import marks.
#[component]
pub fn ReportTools() -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let set_view = use_set_view();
    let view = ctx.view;
    let start = move |_| {
        let mut s = view.get_untracked();
        s.view = View::Meeting;
        set_view(s, History::Push);
    };
    let menu = super::marks::use_marks().map(|_| view! { <MarksMenu review=ctx.review.clone() /> });
    view! {
        <div class="report-tools">
            <button
                type="button"
                class="button meeting-start"
                data-role="meeting"
                title="Go through the filtered findings one at a time and mark them (Esc returns here)"
                on:click=start
            >
                "Meeting mode"
            </button>
            <CopyLink state=view src=ctx.src.clone() />
            {menu}
        </div>
    }
}

#[component]
pub fn ReportView(review: Arc<Review>, src: String) -> impl IntoView {
    let view = use_view_state();
    let ctx = ReportCtx::new(
        review.clone(),
        None,
        src,
        view,
        super::marks::marks_signal(),
    );
    provide_context(ctx.clone());
    provide_context(super::code_links::CodeLinks::of(&review));
    super::history::ReportThread::provide(&ctx);
    super::toc::provide_part_in_view(&ctx);
    use_report_keys(ctx.clone());
    // A card named by `finding=` comes into view after it has rendered open.
    ctx.follow_current(card_dom_id, web_sys::ScrollLogicalPosition::Start);
    // Printing shows every finding expanded.
    let print = {
        let ctx = ctx.clone();
        window_event_listener_untyped("beforeprint", move |_| ctx.set_all(true))
    };
    on_cleanup(move || print.remove());
    // The sections below the findings (assessments, retro, appendix) mount after the first
    // paint, which then holds only the header and the first cards.
    let below = super::paint::painted();
    scroll_to_hash_once(ctx.clone(), below);

    view! {
        <div class="report-layout">
            <nav class="toc" aria-label="Contents">
                <Toc />
            </nav>
            // Busy until the parts below the findings have mounted (after the first paint).
            <div class="report-main" aria-busy=move || (!below.get()).then_some("true")>
                <details class="toc-mobile">
                    <summary>"Contents"</summary>
                    <nav class="toc" aria-label="Contents (compact)">
                        <Toc />
                    </nav>
                </details>
                <HeaderCard review=review.clone() />
                <super::rounds_nav::ThreadRounds />
                <SummarySection md=review.summary_md.clone() />
                <ReportTools />
                <FilterPanel />
                <FindingList />
                {move || below.get().then(|| view! { <TrailingSections review=review.clone() /> })}
            </div>
        </div>
    }
}

/// A link with `#part` (and no `finding=`) lands on that part once the report has rendered,
/// the parts below the findings included (`below`).
fn scroll_to_hash_once(ctx: ReportCtx, below: ReadSignal<bool>) {
    Effect::new(move |_| {
        if !below.get() || ctx.current.get_untracked().is_some() {
            return;
        }
        let hash = window().location().hash().unwrap_or_default();
        let id = hash.trim_start_matches('#');
        // A `#z=` link's fragment is the report itself, not a part.
        if id.is_empty() || id.starts_with("z=") {
            return;
        }
        if let Some(el) = document().get_element_by_id(id) {
            el.scroll_into_view();
        }
    });
}

/// The DOM id of the card of finding `id`.
fn card_dom_id(id: &str) -> String {
    format!("finding-{}", crate::markdown_view::dom_token(id))
}
