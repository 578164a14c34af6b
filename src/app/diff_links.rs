//! The pairs a user linked or unlinked in the round diff ([`crate::compare::Overrides`]): read from
//! the URL (`link=` / `unlink=`), else from `localStorage` under a key named by both rounds'
//! slugs (next to the meeting marks); every edit is written to both, so a reload or a shared
//! link shows the same pairs. Also the row controls: "Unlink" on a pair, "Link to…" on an
//! earlier finding without a counterpart, and "Undo manual links" in the header.

use super::nav::{use_set_view, use_view_state, History};
use crate::compare::{self, storage_key, Overrides};
use crate::query::ViewState;
use leptos::prelude::*;
use std::sync::Arc;

/// The overrides of the diff on screen (context).
#[derive(Clone)]
pub struct DiffLinks {
    key: Arc<str>,
    stored: RwSignal<Option<Overrides>>,
    /// The overrides in force: the URL's, else the stored ones.
    pub effective: Memo<Overrides>,
    /// The matcher's own pairs (no overrides), `(earlier id, later id)`.
    auto: Arc<[(String, String)]>,
    state: Memo<ViewState>,
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

impl DiffLinks {
    /// The overrides between the rounds with these slugs, `auto` the matcher's own pairs;
    /// provided as context. When the URL has none and storage has some, they are written into
    /// the URL (replacing the entry) so the address can be shared as it is.
    pub fn provide(
        earlier_slug: &str,
        later_slug: &str,
        auto: Vec<(String, String)>,
        srcs: (String, String),
    ) -> DiffLinks {
        let key: Arc<str> = storage_key(earlier_slug, later_slug).into();
        let read = storage()
            .and_then(|s| s.get_item(&key).ok().flatten())
            .and_then(|json| compare::from_json(&json))
            .filter(|l| !l.is_empty());
        let stored = RwSignal::new(read);
        let state = use_view_state();
        let effective =
            Memo::new(move |_| compare::initial(state.with(compare::of_state), stored.get()));
        let set_view = use_set_view();
        let links = DiffLinks {
            key,
            stored,
            effective,
            auto: auto.into(),
            state,
        };
        Effect::new(move |_| {
            let s = state.get();
            let ours =
                s.src.first() == Some(&srcs.1) && s.compare.as_ref().is_none_or(|c| *c == srcs.0);
            let url_empty = compare::of_state(&s).is_empty();
            if let Some(l) = stored.get().filter(|_| ours && url_empty) {
                set_view(compare::into_state(&l, &s), History::Replace);
            }
        });
        provide_context(links.clone());
        links
    }

    fn is_auto(&self, earlier: &str, later: &str) -> bool {
        self.auto.iter().any(|(e, l)| e == earlier && l == later)
    }

    /// Apply an edit: stored, and written into the URL (a history entry).
    fn edit(
        &self,
        set_view: &dyn Fn(ViewState, History),
        change: impl FnOnce(&mut Overrides, &dyn Fn(&str, &str) -> bool),
    ) {
        let mut links = self.effective.get_untracked();
        change(&mut links, &|e, l| self.is_auto(e, l));
        if let Some(s) = storage() {
            let _ = if links.is_empty() {
                s.remove_item(&self.key)
            } else {
                s.set_item(&self.key, &compare::to_json(&links))
            };
        }
        self.stored.set((!links.is_empty()).then(|| links.clone()));
        let state = compare::into_state(&links, &self.state.get_untracked());
        set_view(state, History::Push);
    }

    pub fn link(&self, set_view: &dyn Fn(ViewState, History), earlier: &str, later: &str) {
        self.edit(set_view, |l, auto| compare::link(l, earlier, later, auto));
    }

    pub fn unlink(&self, set_view: &dyn Fn(ViewState, History), earlier: &str, later: &str) {
        self.edit(set_view, |l, auto| compare::unlink(l, earlier, later, auto));
    }

    pub fn reset(&self, set_view: &dyn Fn(ViewState, History)) {
        self.edit(set_view, |l, _| *l = Overrides::default());
    }
}

/// "Unlink" on a paired row.
#[component]
pub fn UnlinkButton(earlier: String, later: String, label: String) -> impl IntoView {
    let links = expect_context::<DiffLinks>();
    let set_view = use_set_view();
    view! {
        <button
            type="button"
            class="button diff-unlink"
            data-role="unlink"
            aria-label=format!("Unlink {label}")
            title="These are not the same finding: show them apart"
            on:click=move |_| links.unlink(&set_view, &earlier, &later)
        >
            "Unlink"
        </button>
    }
}

/// "Link to…" on an earlier finding without a counterpart: the later round's findings that
/// have none either.
#[component]
pub fn LinkPicker(
    earlier: String,
    label: String,
    candidates: Vec<(String, String)>,
) -> impl IntoView {
    let links = expect_context::<DiffLinks>();
    let set_view = use_set_view();
    (!candidates.is_empty()).then(|| {
        let options = candidates
            .into_iter()
            .map(|(id, title)| {
                let text = format!("{id} · {title}");
                view! { <option value=id>{text}</option> }
            })
            .collect_view();
        view! {
            <select
                class="diff-link-to"
                data-role="link-to"
                aria-label=format!("Link {label} to a finding of the later round")
                prop:value=""
                on:change=move |e| {
                    let later = event_target_value(&e);
                    if !later.is_empty() {
                        links.link(&set_view, &earlier, &later);
                    }
                }
            >
                <option value="">"Link to…"</option>
                {options}
            </select>
        }
    })
}

/// "Undo manual links (2)" in the diff header, when there are any.
#[component]
pub fn ResetLinks() -> impl IntoView {
    let links = expect_context::<DiffLinks>();
    let set_view = use_set_view();
    let n = {
        let links = links.clone();
        Memo::new(move |_| links.effective.with(compare::count))
    };
    move || {
        let (links, set_view) = (links.clone(), set_view.clone());
        (n.get() > 0).then(move || {
            view! {
                <button
                    type="button"
                    class="button diff-reset-links"
                    data-role="reset-links"
                    on:click=move |_| links.reset(&set_view)
                >
                    {format!("Undo manual links ({})", n.get_untracked())}
                </button>
            }
        })
    }
}
