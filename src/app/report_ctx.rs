//! The report screen's shared context ([`ReportCtx`]): the review, the view state (the URL's or
//! a filter click's on its way there), the filtered findings, live facet counts and which cards
//! are open. Every part of the report screen (and the diff view, over its rows) reads it.

use super::keyed::{per_index, Choices};
use super::nav::History;
use super::util::{code_ref, repo_web_url};
use crate::model::{Finding, Review, Severity};
use crate::query::{facet_counts, FacetCounts, SearchIndex, ViewState};
use crate::triage::Triage;
use leptos::prelude::*;
use std::sync::Arc;

/// How many frames (~16 ms) `follow_current` looks for and keeps the current item in view, and
/// for how many in a row it must stay put to be left alone.
const FOLLOW_FRAMES: usize = 60;
const FOLLOW_STILL: usize = 10;

/// The findings a report screen shows and filters: the review's own, or (the diff view) rows
/// made from two rounds. Derefs to the slice; cloning shares it.
#[derive(Clone)]
pub struct Findings {
    review: Arc<Review>,
    own: Option<Arc<[Finding]>>,
}

impl std::ops::Deref for Findings {
    type Target = [Finding];
    fn deref(&self) -> &[Finding] {
        match &self.own {
            Some(own) => own,
            None => &self.review.findings,
        }
    }
}

/// Everything the parts of a report view share (context).
#[derive(Clone)]
pub struct ReportCtx {
    /// The report shown (for the diff view: the later round), for its header and links.
    pub review: Arc<Review>,
    /// What the cards, filters and counts are over ([`Findings`]).
    pub findings: Findings,
    /// The `src=` key the report was opened from.
    pub src: String,
    /// The view state: the URL's, or a filter click's that is on its way there
    /// ([`ReportCtx::set_view_soon`]).
    pub view: Memo<ViewState>,
    /// A filter click's view state until the URL has it, tagged with the generation of the
    /// URL it was made from: any later URL (the state written, or back/forward) supersedes it.
    pending: RwSignal<Option<(u64, ViewState)>>,
    /// Counts the URL's view states (a new one each time it changes).
    url_generation: Memo<u64>,
    /// Indices into `findings` that pass the filters, in display order: grouped by
    /// severity, report order within a severity (j/k follow it).
    pub visible: Memo<Vec<usize>>,
    /// `shown[i]`: whether finding `i` passes the filters (the same facts as `visible`, by
    /// index). One signal per finding ([`per_index`]), so a filter change wakes just the cards
    /// whose visibility changes (not one effect per card reading one shared mask).
    pub shown: Arc<[ReadSignal<bool>]>,
    /// Live counts for every filter control.
    pub counts: Memo<FacetCounts>,
    /// The finding named by `finding=` in the URL (for the few readers that want the id; a card
    /// asks [`ReportCtx::is_current`]).
    pub current: Memo<Option<String>>,
    /// `finding=` per card: asking whether a finding is the current one wakes only when the
    /// answer changes.
    current_is: Selector<Option<String>>,
    /// Cards the user opened or closed (by finding id, one signal each); others follow
    /// [`default_open`].
    toggled: Choices<String, bool>,
    /// Repository web URL and the ref locations link to.
    pub repo_url: Option<String>,
    pub code_ref: Option<String>,
}

/// Critical and Important findings start open; the rest start collapsed.
pub fn default_open(sev: Severity) -> bool {
    matches!(sev, Severity::Critical | Severity::Important)
}

impl ReportCtx {
    /// When `finding=` names an item, bring its element (DOM id `dom_id(finding)`) into view,
    /// aligned at `block`. It may render in a later batch: look again for a few frames. Once in
    /// view it is kept there while the page above it settles (open bodies laid out, batches
    /// mounted: scroll anchoring alone let it drift off screen), for up to a second, until it
    /// has stayed put for a few frames, or until the reader scrolls, clicks or types.
    pub fn follow_current(
        &self,
        dom_id: fn(&str) -> String,
        block: web_sys::ScrollLogicalPosition,
    ) {
        let current = self.current;
        Effect::new(move |_| {
            let Some(id) = current.get() else {
                return;
            };
            leptos::task::spawn_local(async move {
                let moved = std::rc::Rc::new(std::cell::Cell::new(false));
                let listeners: Vec<_> = ["wheel", "touchstart", "mousedown", "keydown"]
                    .into_iter()
                    .map(|ev| {
                        let moved = moved.clone();
                        window_event_listener_untyped(ev, move |_| moved.set(true))
                    })
                    .collect();
                let mut placed = None::<f64>;
                let mut still = 0;
                for _ in 0..FOLLOW_FRAMES {
                    // Not here once another item is current or the screen is gone.
                    let here = current
                        .try_get_untracked()
                        .is_some_and(|c| c.as_deref() == Some(id.as_str()));
                    if !here || moved.get() || still >= FOLLOW_STILL {
                        break;
                    }
                    match document().get_element_by_id(&dom_id(&id)) {
                        Some(el) => {
                            let top = el.get_bounding_client_rect().top();
                            if placed.is_none_or(|p| (p - top).abs() > 2.0) {
                                let opts = web_sys::ScrollIntoViewOptions::new();
                                opts.set_block(block);
                                el.scroll_into_view_with_scroll_into_view_options(&opts);
                                placed = Some(el.get_bounding_client_rect().top());
                                still = 0;
                            } else {
                                still += 1;
                            }
                        }
                        None if placed.is_some() => break,
                        None => {}
                    }
                    gloo_timers::future::TimeoutFuture::new(16).await;
                }
                for l in listeners {
                    l.remove();
                }
            });
        });
    }

    /// `findings`: what to show instead of the review's own findings (the diff view's rows);
    /// `marks`: the meeting marks for the `mark=` filter (`app::marks::marks_signal`).
    pub fn new(
        review: Arc<Review>,
        findings: Option<Vec<Finding>>,
        src: String,
        url_view: Memo<ViewState>,
        marks: Signal<Triage>,
    ) -> ReportCtx {
        let findings = Findings {
            review: review.clone(),
            own: findings.map(Arc::from),
        };
        // Counts the URL's view states: a pending state made from an older one is stale.
        let url_generation = Memo::new(move |prev: Option<&u64>| {
            url_view.track();
            prev.map_or(0, |g| g + 1)
        });
        let pending = RwSignal::new(None::<(u64, ViewState)>);
        let view = Memo::new(move |_| {
            let now = url_generation.get();
            pending
                .with(|p| {
                    p.as_ref()
                        .filter(|(from, _)| *from == now)
                        .map(|(_, s)| s.clone())
                })
                .unwrap_or_else(|| url_view.get())
        });
        // One filtering pass serves the buttons' counts and the list (`matching`). Search text
        // goes through a lower-cased copy of every finding, built on the first search.
        let counts = {
            let findings = findings.clone();
            let index = Arc::new(std::sync::OnceLock::<SearchIndex>::new());
            Memo::new(move |_| {
                view.with(|v| {
                    marks.with(|m| {
                        let findings = &*findings;
                        if v.q.trim().is_empty() {
                            facet_counts(v, findings, m)
                        } else {
                            let index = index.get_or_init(|| SearchIndex::new(findings));
                            index.facet_counts(v, findings, m)
                        }
                    })
                })
            })
        };
        let visible = {
            let findings = findings.clone();
            Memo::new(move |_| {
                let mut shown = counts.with(|c| c.matching.clone());
                shown.sort_by_key(|&i| findings.get(i).map(|f| f.severity));
                shown
            })
        };
        let shown = {
            let n = findings.len();
            per_index(move || {
                let mut mask = vec![false; n];
                visible.with(|v| {
                    for &i in v {
                        if let Some(m) = mask.get_mut(i) {
                            *m = true;
                        }
                    }
                });
                mask
            })
        };
        let current = Memo::new(move |_| view.with(|v| v.finding.clone()));
        ReportCtx {
            shown,
            repo_url: repo_web_url(&review.meta),
            code_ref: code_ref(&review.meta),
            review,
            findings,
            src,
            view,
            pending,
            url_generation,
            visible,
            counts,
            current,
            current_is: Selector::new(move || current.get()),
            toggled: Choices::default(),
        }
    }

    /// Show `state` at once and write it into the URL (a history entry, via `set_view`) once
    /// the next frame is painted: a filter click's result is on screen without waiting for the
    /// router and `history.pushState`, which cost more than the filtering itself on big reports.
    /// A newer click or any URL change in between wins.
    pub fn set_view_soon(&self, state: ViewState, set_view: impl Fn(ViewState, History) + 'static) {
        let pending = self.pending;
        pending.set(Some((self.url_generation.get_untracked(), state.clone())));
        let write = move || {
            if pending.try_with_untracked(|p| p.as_ref().map(|(_, s)| s) == Some(&state))
                == Some(true)
            {
                set_view(state, History::Push);
            }
        };
        super::paint::after_paint(write);
    }

    /// Whether the card at `idx` is open: the user's choice, else open when it is the
    /// current finding or by severity.
    pub fn is_open(&self, idx: usize) -> bool {
        let Some(f) = self.findings.get(idx) else {
            return false;
        };
        self.toggled
            .get(&f.id)
            .unwrap_or_else(|| default_open(f.severity) || self.is_current(&f.id))
    }

    /// The index of the finding with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.findings.iter().position(|f| f.id == id)
    }

    /// Whether `id` is the finding `finding=` names; wakes only when that answer changes.
    pub fn is_current(&self, id: &str) -> bool {
        self.current_is.selected(&Some(id.to_string()))
    }

    pub fn set_open(&self, id: &str, open: bool) {
        self.toggled.set(id.to_string(), open);
    }

    /// Start these cards closed (the diff view's rows), as if closed by hand.
    pub fn start_closed(&self, ids: impl IntoIterator<Item = String>) {
        self.toggled.set_all(ids, false);
    }

    /// Open or close every visible card.
    pub fn set_all(&self, open: bool) {
        let ids: Vec<String> = self.visible.with_untracked(|v| {
            v.iter()
                .filter_map(|&i| self.findings.get(i).map(|f| f.id.clone()))
                .collect()
        });
        self.toggled.set_all(ids, open);
    }

    /// Whether every visible card is open (for the expand/collapse-all button and `x`).
    pub fn all_open(&self) -> bool {
        self.visible.with(|v| v.iter().all(|&i| self.is_open(i)))
    }

    /// Ids of the visible findings, in order (for j/k).
    pub fn visible_ids(&self) -> Vec<String> {
        self.visible.with_untracked(|v| {
            v.iter()
                .filter_map(|&i| self.findings.get(i).map(|f| f.id.clone()))
                .collect()
        })
    }
}
