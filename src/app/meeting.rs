//! Meeting mode (`view=meeting`): the filtered findings one at a time, in type large enough to
//! read from across a room, with a list on the side on wide screens. Keys ([`keymap::MEETING`],
//! also listed under the meeting and by `?`): `j`/`k` or the arrow keys step, `1`–`4` mark (and
//! move on), `n` writes a note, `Esc` returns to the report.
//!
//! The agenda (the list of finding ids) is the report's filters applied through the query core
//! once when the meeting starts and again whenever the filters change — never when a mark
//! changes, so marking does not make findings vanish under "needs triage".

use super::agents::AgentPills;
use super::badges::{SeverityIcon, StatusBadge};
use super::keyboard::{is_framed, is_shortcut, HelpOpen};
use super::markdown::{InlineMarkdown, Markdown};
use super::marks::{MarkBadge, Marks, MarksMenu, NeedsTriage};
use super::nav::{use_set_view, use_view_state, History};

use super::share_ui::CopyLink;
use super::util::{code_ref, location_href, repo_web_url, round_label};
use crate::keymap::{self, Action};
use crate::meeting::{after_mark, needs_triage, position_label, shown};
use crate::model::Review;
use crate::query::{filter, step, Step, View, ViewState};
use crate::triage::Mark;
use leptos::ev;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The DOM id of the note field (`n` focuses it).
const NOTE_ID: &str = "meeting-note";

/// The meeting's state and actions (all `Copy`, for buttons and the key handler alike).
#[derive(Clone, Copy)]
struct Meeting {
    view: Memo<ViewState>,
    /// Finding ids, in report order, frozen as described in the module docs.
    agenda: Memo<Vec<String>>,
    /// The finding shown.
    current: Memo<Option<String>>,
    marks: Marks,
    set_view: StoredValue<Box<dyn Fn(ViewState, History)>, LocalStorage>,
}

impl Meeting {
    fn go(&self, id: &str) {
        let mut s = self.view.get_untracked();
        if s.finding.as_deref() == Some(id) {
            return;
        }
        s.finding = Some(id.to_string());
        self.set_view.with_value(|set| set(s, History::Replace));
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }

    fn step(&self, dir: Step) {
        let current = self.current.get_untracked();
        let next = self
            .agenda
            .with_untracked(|a| step(a, current.as_deref(), dir).map(str::to_string));
        if let Some(next) = next {
            self.go(&next);
        }
    }

    /// Marks the finding shown (the same mark again clears it), then moves to the next finding
    /// without a mark.
    fn mark(&self, mark: Mark) {
        let Some(id) = self.current.get_untracked() else {
            return;
        };
        let mut now = None;
        self.marks.triage.update(|t| now = t.set_mark(&id, mark));
        let next = self.marks.triage.with_untracked(|t| {
            self.agenda
                .with_untracked(|a| after_mark(t, a, &id, now).map(str::to_string))
        });
        if let Some(next) = next {
            self.go(&next);
        }
    }

    /// Back to the report, on the finding shown.
    fn leave(&self) {
        let mut s = self.view.get_untracked();
        s.view = View::Report;
        s.finding = self.current.get_untracked();
        self.set_view.with_value(|set| set(s, History::Push));
    }
}

super::lazy::lazy_screen!(
    meeting,
    /// Meeting mode, in its own wasm chunk under `scripts/build` (see `lazy`).
    pub fn meeting_screen(review: Arc<Review>, src: String) {
        view! { <MeetingView review src /> }.into_any()
    }
);

#[component]
pub fn MeetingView(review: Arc<Review>, src: String) -> impl IntoView {
    let marks = expect_context::<Marks>();
    let view = use_view_state();
    let set_view = use_set_view();
    // The filters alone: moving between findings does not change them.
    let filters = Memo::new(move |_| {
        let mut s = view.get();
        s.finding = None;
        s.view = View::Report;
        s
    });
    let agenda = {
        let review = review.clone();
        Memo::new(move |_| {
            filters.with(|f| {
                marks.triage.with_untracked(|t| {
                    filter(f, &review.findings, t)
                        .into_iter()
                        .map(|f| f.id.clone())
                        .collect::<Vec<_>>()
                })
            })
        })
    };
    let current = Memo::new(move |_| {
        view.with(|v| agenda.with(|a| shown(a, v.finding.as_deref()).map(str::to_string)))
    });
    let m = Meeting {
        view,
        agenda,
        current,
        marks,
        set_view: StoredValue::new_local(Box::new(set_view)),
    };
    use_meeting_keys(m);

    // What "Copy link" shares: this screen, on the finding shown.
    let shared = Signal::derive(move || {
        let mut s = view.get();
        s.finding = current.get();
        s
    });
    let marked = move || {
        marks
            .triage
            .with(|t| agenda.with(|a| format!("{} of {} marked", t.marked_count(a), a.len())))
    };
    let described = move || filters.with(describe_agenda);
    let empty_message = move || filters.with(ViewState::empty_message);
    let name = report_name(&review);
    let card_review = review.clone();
    let list_review = review.clone();
    view! {
        <div class="meeting" data-view="meeting">
            <div class="meeting-bar">
                <button
                    type="button"
                    class="button meeting-exit"
                    data-role="meeting-exit"
                    title="Back to the report (Esc)"
                    on:click=move |_| m.leave()
                >
                    "← Report"
                </button>
                <div class="meeting-context">
                    <h1 class="meeting-name">{name}</h1>
                    <span class="muted" data-role="meeting-filters">{described}</span>
                </div>
                <span class="meeting-marked" data-role="marked-count">{marked}</span>
                <NeedsTriage />
                <CopyLink state=shared src />
                <MarksMenu review=review.clone() />
            </div>
            <Show
                when=move || agenda.with(|a| !a.is_empty())
                fallback=move || {
                    view! {
                        <div class="card empty-state meeting-empty">
                            <p>{empty_message}</p>
                            <button type="button" class="button" on:click=move |_| m.leave()>
                                "Back to the report"
                            </button>
                        </div>
                    }
                }
            >
                <div class="meeting-layout">
                    <AgendaList m review=list_review.clone() />
                    <div class="meeting-stage">
                        {
                            let review = card_review.clone();
                            move || {
                                current
                                    .get()
                                    .and_then(|id| review.findings.iter().position(|f| f.id == id))
                                    .map(|idx| view! { <MeetingCard m review=review.clone() idx /> })
                            }
                        }
                    </div>
                </div>
            </Show>
            <MeetingKeys />
        </div>
    }
}

/// `Filtered: severity critical; needs triage`, or `All findings`.
fn describe_agenda(filters: &ViewState) -> String {
    let mut f = filters.clone();
    let untriaged = needs_triage(&f);
    if untriaged {
        f.mark.clear();
    }
    let mut parts: Vec<String> = Some(f.describe_filters())
        .filter(|d| !d.is_empty())
        .into_iter()
        .collect();
    if untriaged {
        parts.push("needs triage".to_string());
    }
    if parts.is_empty() {
        "All findings".to_string()
    } else {
        format!("Filtered: {}", parts.join("; "))
    }
}

/// The report's round (`Round 2 of PR #412`), PR, slug or title, for the meeting bar.
fn report_name(r: &Review) -> String {
    match (&r.meta.pr, round_label(&r.meta)) {
        (_, Some(round)) => round,
        (Some(pr), None) => format!("PR #{}", pr.number),
        (None, None) if !r.slug.is_empty() => r.slug.clone(),
        _ => r.title.clone(),
    }
}

/// The meeting's keys ([`keymap::MEETING`]), for as long as the meeting is shown.
fn use_meeting_keys(m: Meeting) {
    let help = use_context::<HelpOpen>();
    let handle = window_event_listener(ev::keydown, move |e| {
        // Keys go to the shortcuts dialog while it is open (Escape closing it is prevented).
        if !is_shortcut(&e) || help.is_some_and(|h| h.0.get_untracked()) {
            return;
        }
        if is_framed() {
            web_sys::console::info_1(
                &"Deep Review Viewer: meeting keys are off inside another page's frame; open the \
                  viewer in its own tab"
                    .into(),
            );
            return;
        }
        match keymap::action(View::Meeting, &e.key()) {
            Some(Action::Next) => m.step(Step::Next),
            Some(Action::Prev) => m.step(Step::Prev),
            Some(Action::Mark(mark)) => m.mark(mark),
            Some(Action::Note) => {
                let Some(note) = document()
                    .get_element_by_id(NOTE_ID)
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                else {
                    return;
                };
                let _ = note.focus();
            }
            Some(Action::Leave) => m.leave(),
            _ => return,
        }
        e.prevent_default();
    });
    on_cleanup(move || handle.remove());
}

/// The key legend under the meeting, from the same table as the key handler.
#[component]
fn MeetingKeys() -> impl IntoView {
    let items = keymap::MEETING
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            view! {
                {(i > 0).then_some(" · ")}
                <span class="meeting-key" data-action=b.action.name()>
                    {b.keys
                        .iter()
                        .enumerate()
                        .map(|(j, k)| view! { {(j > 0).then_some("/")} <kbd>{keymap::key_label(k)}</kbd> })
                        .collect_view()}
                    " "
                    {b.short}
                </span>
            }
        })
        .collect_view();
    view! {
        <p class="meeting-keys muted" aria-hidden="true">
            {items}
        </p>
    }
}

/// The agenda on the side (wide screens): every finding of the meeting with its mark.
#[component]
fn AgendaList(m: Meeting, review: Arc<Review>) -> impl IntoView {
    view! {
        <nav class="meeting-list" aria-label="Findings in this meeting">
            <ol>
                <For
                    each=move || m.agenda.get()
                    key=|id| id.clone()
                    children=move |id| {
                        let f = review.findings.iter().find(|f| f.id == id)?;
                        let (severity, title) = (f.severity, f.title.clone());
                        let is_current = {
                            let id = id.clone();
                            move || m.current.with(|c| c.as_deref() == Some(id.as_str()))
                        };
                        let go_id = id.clone();
                        Some(view! {
                            <li>
                                <button
                                    type="button"
                                    class="meeting-item"
                                    class:current=is_current.clone()
                                    data-item=id.clone()
                                    aria-current=move || is_current().then_some("true")
                                    on:click=move |_| m.go(&go_id)
                                >
                                    <SeverityIcon severity />
                                    <span class="finding-id">{id.clone()}</span>
                                    <span class="meeting-item-title">{title}</span>
                                    <MarkBadge id=id.clone() />
                                </button>
                            </li>
                        })
                    }
                />
            </ol>
        </nav>
    }
}

/// The finding shown, large: position, severity and id, title, agents, locations, body, the
/// mark buttons and the note.
#[component]
fn MeetingCard(m: Meeting, review: Arc<Review>, idx: usize) -> impl IntoView {
    let f = review.findings.get(idx).cloned()?;
    let repo_url = repo_web_url(&review.meta);
    let git_ref = code_ref(&review.meta);
    let locations = f
        .locations
        .iter()
        .map(|l| {
            let text = if l.text.is_empty() {
                l.path.clone()
            } else {
                l.text.clone()
            };
            match location_href(repo_url.as_deref(), git_ref.as_deref(), l) {
                Some(h) => view! { <li><a href=h><code>{text}</code></a></li> }.into_any(),
                None => view! { <li><code>{text}</code></li> }.into_any(),
            }
        })
        .collect_view();
    let id = f.id.clone();
    let position = {
        let id = id.clone();
        move || m.agenda.with(|a| position_label(a, Some(&id)))
    };
    let marks = m.marks;
    let buttons = Mark::ALL
        .into_iter()
        .map(|mark| {
            let id = id.clone();
            let pressed = move || marks.triage.with(|t| t.mark_of(&id) == Some(mark));
            view! {
                <button
                    type="button"
                    class=format!("mark-button mark-{}", mark.as_str())
                    data-mark=mark.as_str()
                    aria-pressed=move || pressed().to_string()
                    aria-keyshortcuts=mark.key().to_string()
                    on:click=move |_| m.mark(mark)
                >
                    <kbd aria-hidden="true">{mark.key().to_string()}</kbd>
                    " "
                    {mark.label()}
                </button>
            }
        })
        .collect_view();
    let note = {
        let id = id.clone();
        move || marks.triage.with(|t| t.note_of(&id).to_string())
    };
    let set_note = {
        let id = id.clone();
        move |e: ev::Event| {
            let text = event_target_value(&e);
            marks.triage.update(|t| t.set_note(&id, &text));
        }
    };
    let agents_attr = f.agents.join("|");
    let has_locations = !f.locations.is_empty();
    let class = format!("card meeting-card sev-{}", f.severity.as_str());
    Some(view! {
        <article
            class=class
            data-role="meeting-card"
            data-finding-id=id.clone()
            data-severity=f.severity.as_str()
            data-status=f.status.as_str()
            data-agents=agents_attr
            aria-labelledby="meeting-title"
        >
            <div class="meeting-card-head">
                <span class="meeting-position" data-role="position" aria-live="polite">
                    {position}
                </span>
                <SeverityIcon severity=f.severity />
                <span class="meeting-severity">{f.severity.label()}</span>
                <span class="finding-id">{id.clone()}</span>
                {f.resolution().map(|r| view! { <StatusBadge status=f.status word=r.word /> })}
                {f.kinds.iter().map(|k| view! { <span class="kind">{k.clone()}</span> }).collect_view()}
                <MarkBadge id=id.clone() />
            </div>
            <h2 class="meeting-title" id="meeting-title" data-role="title">
                <InlineMarkdown md=f.title_md.clone() />
            </h2>
            {f.status_note.clone().map(|n| view! { <p class="status-note">{n}</p> })}
            <div class="meeting-agents">
                <span class="label">"Found by"</span>
                <AgentPills names=f.agents.clone() />
            </div>
            {has_locations.then(|| view! {
                <ul class="locations meeting-locations" aria-label="Locations">{locations}</ul>
            })}
            <div class="meeting-body">
                <Markdown md=f.body_md.clone() heading_offset=2 id_prefix=format!("m-{}-", crate::markdown_view::dom_token(&id)) />
            </div>
            <section class="meeting-decision" aria-label="Decision">
                <div class="mark-buttons" role="group" aria-label="Mark this finding">
                    {buttons}
                </div>
                <label class="note-label" for=NOTE_ID>
                    "Note " <kbd>"n"</kbd>
                </label>
                <textarea
                    id=NOTE_ID
                    class="meeting-note"
                    data-role="note"
                    rows="2"
                    placeholder="Owner, decision, follow-up…"
                    prop:value=note
                    on:input=set_note
                    on:keydown=|e| {
                        if e.key() == "Escape" {
                            if let Some(el) = e
                                .target()
                                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                            {
                                let _ = el.blur();
                            }
                        }
                    }
                ></textarea>
            </section>
            <div class="meeting-nav">
                <button type="button" class="button" on:click=move |_| m.step(Step::Prev)>
                    "← Previous " <kbd>"k"</kbd>
                </button>
                <button type="button" class="button" on:click=move |_| m.step(Step::Next)>
                    "Next " <kbd>"j"</kbd> " →"
                </button>
            </div>
        </article>
    })
}
