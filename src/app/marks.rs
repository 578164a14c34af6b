//! Meeting marks in the app: the open report's [`Triage`] in a signal (context [`Marks`]),
//! loaded from and saved to `localStorage` under [`storage_key`] (so one report's marks never
//! show on another), the badge on finding cards, the `mark=` filter row, notices, and the
//! export / import menu.

use super::fetch;
use super::file_button::FileButton;
use super::report_ctx::ReportCtx;
use super::share_ui::{copy_text, download_text};
use super::widgets::FacetChip;
use crate::meeting::{export_file_name, needs_triage, set_needs_triage};
use crate::model::Review;
use crate::query::{filter, FacetKind, ViewState};
use crate::triage::{import_json, storage_key, to_json, to_markdown, Mark, Triage};
use leptos::prelude::*;
use std::sync::Arc;

/// A message above the report: a problem (`role="alert"`) or a result (`role="status"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub alert: bool,
    pub text: String,
}

/// The open report's marks (context, provided by the report screen).
#[derive(Clone, Copy)]
pub struct Marks {
    pub triage: RwSignal<Triage>,
    pub notices: RwSignal<Vec<Notice>>,
}

impl Marks {
    /// Loads the marks of `review` from storage and provides them; every later change is saved.
    /// A stored value that cannot be used (corrupt, another format, another version of the
    /// report) is ignored with a notice and left in place until the user marks something.
    pub fn provide(review: &Arc<Review>) -> Marks {
        let key = storage_key(review);
        let mut notices = Vec::new();
        let triage = match storage().and_then(|s| s.get_item(&key).map_err(|_| blocked())) {
            Ok(None) => Triage::default(),
            Ok(Some(json)) => Triage::from_storage_json(review, &json).unwrap_or_else(|e| {
                notices.push(Notice::alert(format!(
                    "Saved meeting marks for this report were ignored: {e}"
                )));
                Triage::default()
            }),
            Err(msg) => {
                notices.push(Notice::alert(msg));
                Triage::default()
            }
        };
        let marks = Marks {
            triage: RwSignal::new(triage),
            notices: RwSignal::new(notices),
        };
        let review = review.clone();
        // Sync to storage: skip the first run (nothing changed yet); no marks → no entry.
        Effect::new(move |first_done: Option<()>| {
            let json = marks
                .triage
                .with(|t| (!t.marks.is_empty()).then(|| t.to_storage_json(&review)));
            if first_done.is_some() {
                let saved = storage().and_then(|s| {
                    match json {
                        Some(json) => s.set_item(&key, &json),
                        None => s.remove_item(&key),
                    }
                    .map_err(|_| {
                        "Your meeting marks could not be saved in this browser (storage is full \
                         or blocked); export them before you close the page."
                            .to_string()
                    })
                });
                if let Err(msg) = saved {
                    marks.notify(Notice::alert(msg));
                }
            }
        });
        provide_context(marks);
        marks
    }

    pub fn notify(&self, notice: Notice) {
        self.notices.update(|n| {
            if !n.contains(&notice) {
                n.push(notice);
            }
        });
    }
}

impl Notice {
    pub fn alert(text: String) -> Notice {
        Notice { alert: true, text }
    }
    pub fn status(text: String) -> Notice {
        Notice { alert: false, text }
    }
}

fn blocked() -> String {
    "This browser does not allow saving data for this page, so meeting marks last only until \
     the page is closed; export them to keep them."
        .to_string()
}

fn storage() -> Result<web_sys::Storage, String> {
    window().local_storage().ok().flatten().ok_or_else(blocked)
}

/// The report screen's marks, if a live one is around. A screen shown in place of a report
/// (the diff opened from a report's "Compare with…") can still see that report's context after
/// it was disposed: those marks count as none.
pub fn use_marks() -> Option<Marks> {
    use_context::<Marks>().filter(|m| m.triage.try_with_untracked(|_| ()).is_some())
}

/// The marks signal for filtering: the report screen's marks, or none outside one.
pub fn marks_signal() -> Signal<Triage> {
    use_marks().map_or_else(|| Signal::stored(Triage::default()), |m| m.triage.into())
}

/// The notices of the marks (storage problems, import results), each dismissable.
#[component]
pub fn MarkNotices() -> impl IntoView {
    let marks = expect_context::<Marks>();
    let list = move || {
        marks
            .notices
            .get()
            .into_iter()
            .enumerate()
            .collect::<Vec<_>>()
    };
    view! {
        <For
            each=list
            key=|(i, n)| (*i, n.text.clone())
            children=move |(i, n)| {
                let class = if n.alert { "alert" } else { "notice" };
                let role = if n.alert { "alert" } else { "status" };
                view! {
                    <div class=class role=role data-role="marks-notice">
                        <span>{n.text}</span>
                        <button
                            type="button"
                            class="alert-close"
                            aria-label="Dismiss"
                            on:click=move |_| {
                                marks
                                    .notices
                                    .update(|v| {
                                        if i < v.len() {
                                            v.remove(i);
                                        }
                                    })
                            }
                        >
                            "×"
                        </button>
                    </div>
                }
            }
        />
    }
}

/// The mark of finding `id` as a small badge (nothing when unmarked or outside a report).
#[component]
pub fn MarkBadge(#[prop(into)] id: String) -> impl IntoView {
    let marks = use_marks()?;
    let entry = Memo::new(move |_| {
        marks
            .triage
            .with(|t| t.mark_of(&id).map(|m| (m, t.note_of(&id).to_string())))
    });
    Some(move || {
        entry.get().map(|(mark, note)| {
            let title = if note.is_empty() {
                format!("Meeting mark: {}", mark.label())
            } else {
                format!("Meeting mark: {} — {note}", mark.label())
            };
            view! {
                <span
                    class=format!("mark-badge mark-{}", mark.as_str())
                    data-role="mark"
                    data-mark=mark.as_str()
                    title=title
                >
                    {mark.label()}
                </span>
            }
        })
    })
}

/// The `mark=` filter row of the filter panel (with "needs triage"), shown when the report has
/// marks or a mark filter is active.
#[component]
pub fn MarkFilterRow() -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let marks = use_marks()?;
    let view = ctx.view;
    let show =
        move || marks.triage.with(|t| !t.marks.is_empty()) || view.with(|v| v.mark.is_active());
    let chips = Mark::ALL
        .into_iter()
        .map(|m| {
            view! {
                <FacetChip
                    facet=FacetKind::Mark
                    value=m.as_str().to_string()
                    label=m.label().to_string()
                />
            }
        })
        .collect_view();
    Some(view! {
        <div class="filter-row mark-filter" hidden=move || !show()>
            <span class="facet-name">"Mark"</span>
            {chips}
            <NeedsTriage counted=Some(ctx) />
        </div>
    })
}

/// "Needs triage": only findings without a mark (`mark=` excluding every mark); given the report
/// view's context, it reads and sets that view state (as the other filter chips do) and shows a
/// live count; in meeting mode, the URL's.
#[component]
pub fn NeedsTriage(#[prop(optional_no_strip)] counted: Option<ReportCtx>) -> impl IntoView {
    let view = counted
        .as_ref()
        .map_or_else(super::nav::use_view_state, |ctx| ctx.view);
    let set_view = super::nav::use_set_view();
    let on = Memo::new(move |_| view.with(needs_triage));
    let apply = {
        let ctx = counted.clone();
        move |s: ViewState| match &ctx {
            Some(ctx) => ctx.set_view_soon(s, set_view.clone()),
            None => set_view(s, super::nav::History::Push),
        }
    };
    let count = counted.zip(use_marks()).map(|(ctx, marks)| {
        Memo::new(move |_| {
            let mut s = ctx.view.get();
            s.mark.clear();
            marks.triage.with(|t| {
                filter(&s, &ctx.findings, t)
                    .iter()
                    .filter(|f| t.mark_of(&f.id).is_none())
                    .count()
            })
        })
    });
    view! {
        <button
            type="button"
            class="chip needs-triage"
            data-role="needs-triage"
            aria-pressed=move || on.get().to_string()
            title="Show only findings without a meeting mark"
            on:click=move |_| {
                let mut s = view.get_untracked();
                set_needs_triage(&mut s, !on.get_untracked());
                apply(s);
            }
        >
            "Needs triage"
            {count.map(|c| view! { <span class="count" data-role="count">{move || c.get()}</span> })}
        </button>
    }
}

/// One export format of the marks menu (a row: Copy, Download).
struct Export {
    /// The row's label, also what the "copied" status names.
    label: &'static str,
    /// `data-role` suffix: `copy-<role>`, `download-<role>`.
    role: &'static str,
    ext: &'static str,
    mime: &'static str,
    render: fn(&Review, &Triage) -> String,
}

const EXPORTS: [Export; 2] = [
    Export {
        label: "Markdown",
        role: "markdown",
        ext: "md",
        mime: "text/markdown",
        render: to_markdown,
    },
    Export {
        label: "JSON",
        role: "json",
        ext: "json",
        mime: "application/json",
        render: to_json,
    },
];

/// Export (Markdown or JSON: copy or download) and import (a JSON file) of the marks.
#[component]
pub fn MarksMenu(review: Arc<Review>) -> impl IntoView {
    let marks = expect_context::<Marks>();
    let status = RwSignal::new(String::new());
    // "Marked" as in meeting mode: findings with a mark; notes are counted apart.
    let count = move || marks.triage.with(|t| t.marked_total());
    let summary_title = move || {
        marks.triage.with(|t| {
            format!(
                "{} marked, {} with a note",
                t.marked_total(),
                t.noted_total()
            )
        })
    };
    let copy = move |what: &'static str, text: String| {
        leptos::task::spawn_local(async move {
            status.set(if copy_text(&text).await {
                format!("{what} copied to the clipboard.")
            } else {
                format!("Could not copy the {what} (the browser refused); download it instead.")
            });
        });
    };
    let save = move |name: String, mime: &str, text: String| {
        status.set(match download_text(&name, mime, &text) {
            Ok(()) => format!("Downloaded {name}."),
            Err(e) => e,
        });
    };
    let exports = EXPORTS
        .iter()
        .map(
            |&Export {
                 label,
                 role,
                 ext,
                 mime,
                 render,
             }| {
                let text = {
                    let review = review.clone();
                    move || marks.triage.with(|t| render(&review, t))
                };
                let copy_what = text.clone();
                let name = export_file_name(&review, ext);
                view! {
                    <div class="menu-row">
                        <span class="menu-label">{label}</span>
                        <button
                            type="button"
                            class="button"
                            data-role=format!("copy-{role}")
                            on:click=move |_| copy(label, copy_what())
                        >
                            "Copy"
                        </button>
                        <button
                            type="button"
                            class="button"
                            data-role=format!("download-{role}")
                            on:click=move |_| save(name.clone(), mime, text())
                        >
                            {format!("Download .{ext}")}
                        </button>
                    </div>
                }
            },
        )
        .collect_view();
    let on_import = move |files: Vec<web_sys::File>| {
        let review = review.clone();
        leptos::task::spawn_local(async move {
            for file in files {
                import_file(&review, marks, &file).await;
            }
        });
    };
    view! {
        <details class="marks-menu">
            <summary class="button" title=summary_title>
                "Marks "
                <span class="count" data-role="marks-count">{count}</span>
            </summary>
            <div class="marks-menu-body">
                <p class="muted">"Export the meeting marks of this report, or import a colleague's."</p>
                {exports}
                <div class="menu-row">
                    <FileButton
                        label="Import marks (.json)…"
                        role="import-marks"
                        input_label="Import meeting marks (JSON)"
                        input_role="import-marks-file"
                        accept=".json,application/json"
                        on_files=on_import
                    />
                </div>
                <p class="muted" role="status">{move || status.get()}</p>
            </div>
        </details>
    }
}

/// Reads one JSON file of marks and merges it into `marks`, with notices for what happened.
async fn import_file(review: &Review, marks: Marks, file: &web_sys::File) {
    let name = file.name();
    let text = match fetch::read_file(file).await {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => return marks.notify(Notice::alert(e)),
    };
    match import_json(review, &text) {
        Ok(imported) => {
            let n = imported.triage.marks.len();
            marks.triage.update(|t| t.merge_from(&imported.triage));
            marks.notify(Notice::status(format!(
                "Imported {} from {name}.",
                super::util::plural(n, "mark", "marks")
            )));
            for notice in imported.notices() {
                marks.notify(Notice::alert(notice));
            }
        }
        Err(e) => marks.notify(Notice::alert(format!("{name}: {e}"))),
    }
}
