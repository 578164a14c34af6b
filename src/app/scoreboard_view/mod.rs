//! The agent scoreboard (`view=agents`, issue 14): every bundled report and every report opened
//! from a file or paste, added up by `crate::scoreboard` (figures, drill-downs, filter, URL
//! state and chart data all live there), shown as a sortable table (`table`), the findings
//! behind any number (`drill`) and SVG charts (`charts`).
//!
//! URL: `scoreboard::ScreenState` (`repo`, `since`, `until`, `pr`, `by`, `drill`, `who`,
//! `slice`), kept in `ViewState::extra`.
//!
//! The rounds are threaded once per set of reports (`scoreboard::Prepared`, kept in a memo);
//! a filter or a drill-down only adds up again. The bundled reports' threads are not diffed
//! here: `index.json` carries their outcomes (`Index::outcomes`, written by `deep-review
//! index`); only a thread holding a report opened from a file is threaded in the browser. Both steps are recorded as User Timing
//! measures (`scoreboard: thread rounds`, `scoreboard: add up`) for `bench/scoreboard.mjs`.

mod charts;
mod drill;
mod table;

use super::library::Library;
use super::loader;
use super::nav::{use_set_view, use_view_state, History};
use super::sources::BundledIndex;
use super::util::{plural, timed};
use super::widgets::{FilterText, RepoSelect, TextKind};
use crate::index::bundled_src;
use crate::model::{Index, Outcomes, Review};
use crate::query::{View, ViewState};
use crate::rounds::repo_of;
use crate::scoreboard::{Corpus, Filter, Prepared, ScreenState, SCREEN_PARAMS};
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// Every report the scoreboard counts, compared by identity.
#[derive(Clone)]
pub(super) struct Loaded {
    reviews: Arc<Vec<Review>>,
    /// Per report (same order): the `src=` that opens it.
    srcs: Arc<Vec<String>>,
    /// How many come from opened files (the first ones).
    opened: usize,
    /// Bundled reports also opened from a file: counted once, as opened.
    doubles: usize,
    /// Reports that could not be loaded: (src, why).
    failed: Vec<(String, String)>,
    /// The bundled index's threads (`index.json` → `outcomes`), for the bundled reports.
    outcomes: Option<Arc<Outcomes>>,
}

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.reviews, &other.reviews) && self.failed == other.failed
    }
}

impl Loaded {
    /// The `src=` of the report with this slug.
    fn src_of(&self, slug: &str) -> String {
        self.reviews
            .iter()
            .position(|r| r.slug == slug)
            .and_then(|i| self.srcs.get(i).cloned())
            .unwrap_or_default()
    }
}

/// The threaded rounds of a [`Loaded`] set, compared by identity.
#[derive(Clone)]
struct Threads(Arc<Prepared>);

impl PartialEq for Threads {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The bundled reports, each with its `src=`, those that failed, and the index's outcomes.
type Bundled = (
    Arc<Vec<(String, Arc<Review>)>>,
    Vec<(String, String)>,
    Option<Arc<Outcomes>>,
);

/// Load every report of the bundled index (after the index).
fn load_bundled(
    lib: Library,
    index: LocalResource<Result<Index, String>>,
) -> LocalResource<Option<Bundled>> {
    LocalResource::new(move || {
        let idx = index.get();
        async move {
            let idx = match idx? {
                Ok(i) => i,
                Err(e) => {
                    return Some((
                        Arc::new(Vec::new()),
                        vec![("reviews/index.json".into(), e)],
                        None,
                    ))
                }
            };
            let mut reviews = Vec::new();
            let mut failed = Vec::new();
            for e in &idx.reports {
                let src = bundled_src(&e.path);
                match loader::load_review(lib, &src).await {
                    Ok(r) => reviews.push((src, r)),
                    Err(why) => failed.push((src, why)),
                }
            }
            Some((Arc::new(reviews), failed, idx.outcomes.map(Arc::new)))
        }
    })
}

/// `state` with the scoreboard's parameters replaced by `screen`'s (others kept).
fn with_screen(state: &ViewState, screen: &ScreenState) -> ViewState {
    let mut s = state.clone();
    s.extra
        .retain(|(k, _)| !SCREEN_PARAMS.contains(&k.as_str()));
    s.extra = screen.to_pairs().into_iter().chain(s.extra).collect();
    s
}

super::lazy::lazy_screen!(
    scoreboard,
    /// The agent scoreboard, in its own wasm chunk under `scripts/build` (see `lazy`).
    pub fn scoreboard_screen() {
        view! { <ScoreboardView /> }.into_any()
    }
);

#[component]
pub fn ScoreboardView() -> impl IntoView {
    let index = expect_context::<BundledIndex>().0;
    let lib = expect_context::<Library>();
    let state = use_view_state();
    let set_view = use_set_view();
    let screen = Memo::new(move |_| {
        state.with(|s| {
            ScreenState::from_pairs(s.extra.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        })
    });
    let filter = Memo::new(move |_| screen.with(|s| s.filter.clone()));
    let by = Memo::new(move |_| screen.with(|s| s.by));
    let bundled = load_bundled(lib, index);
    // Opened files first, then the bundled reports not opened again.
    let data = Memo::new(move |_| {
        let (bundled, failed, outcomes) = bundled.get().flatten()?;
        let mut reviews = Vec::new();
        let mut srcs = Vec::new();
        lib.local.with(|l| {
            for e in l {
                if let Some(r) = e.review() {
                    reviews.push(Review::clone(r));
                    srcs.push(e.src());
                }
            }
        });
        let opened = reviews.len();
        let slugs: HashSet<String> = reviews.iter().map(|r| r.slug.clone()).collect();
        let mut doubles = 0;
        for (src, r) in bundled.iter() {
            if slugs.contains(&r.slug) {
                doubles += 1;
            } else {
                reviews.push(Review::clone(r));
                srcs.push(src.clone());
            }
        }
        Some(Loaded {
            reviews: Arc::new(reviews),
            srcs: Arc::new(srcs),
            opened,
            doubles,
            failed,
            outcomes,
        })
    });
    let threads = Memo::new(move |_| {
        data.with(|d| {
            d.as_ref().map(|l| {
                // The bundled reports' threads come from the index; a thread with a report
                // opened from a file (the first `opened`) is threaded here.
                Threads(Arc::new(timed("scoreboard: thread rounds", || {
                    Prepared::with_outcomes(&l.reviews, l.outcomes.as_deref(), |i| i >= l.opened)
                })))
            })
        })
    });
    let corpus_do = move |f: &mut dyn FnMut(&Corpus)| {
        data.with(|d| {
            threads.with(|t| {
                if let (Some(l), Some(t)) = (d, t) {
                    if let Some(c) = Corpus::with(&l.reviews, t.0.clone()) {
                        f(&c);
                    }
                }
            })
        })
    };
    let board = Memo::new(move |_| {
        let f = filter.get();
        let mut out = None;
        corpus_do(&mut |c| out = Some(timed("scoreboard: add up", || c.scoreboard(&f))));
        out
    });
    let drill = Memo::new(move |_| {
        let s = screen.get();
        let key = s.drill.clone()?;
        let mut out = None;
        corpus_do(&mut |c| {
            out = c.drill_part(
                &s.filter,
                &s.part(),
                s.by.grouping(),
                &key.agent,
                &key.metric,
            )
        });
        out
    });
    let repos = Memo::new(move |_| {
        data.with(|d| {
            let mut r: Vec<String> = d
                .iter()
                .flat_map(|l| l.reviews.iter().filter_map(repo_of))
                .collect();
            r.sort();
            r.dedup();
            r
        })
    });
    let filter_error = Memo::new(move |_| filter.with(|f| f.check().err()));

    // Every change of the screen's state goes through the URL (a history entry each).
    let push = Callback::new(move |s: ScreenState| {
        set_view(with_screen(&state.get_untracked(), &s), History::Push)
    });
    let on_filter = move |change: &dyn Fn(&mut Filter)| {
        let mut s = screen.get_untracked();
        change(&mut s.filter);
        s.drill = None;
        push.run(s);
    };
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

    let content = move || {
        match data.get() {
        None => view! { <super::widgets::Loading>"Loading every bundled report…"</super::widgets::Loading> }.into_any(),
        Some(l) => {
            let failed = l.failed.clone();
            let origin = match (l.opened, l.doubles) {
                (0, _) => String::new(),
                (n, 0) => format!(" {} opened from files.", plural(n, "report", "reports")),
                (n, d) => format!(
                    " {} opened from files ({d} also bundled, counted once).",
                    plural(n, "report", "reports")
                ),
            };
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
                    {origin}
                </p>
                <table::ScoreTable board screen push />
                <drill::DrillPanel drill data screen push />
                <charts::Charts board by />
            }
            .into_any()
        }
    }
    };

    let text = |v: String| (!v.trim().is_empty()).then(|| v.trim().to_string());
    // A date box: `get` reads its field of the filter, `set` writes it.
    let date_box = move |name: &'static str,
                         key: &'static str,
                         placeholder: &'static str,
                         get: fn(&Filter) -> &Option<String>,
                         set: fn(&mut Filter) -> &mut Option<String>| {
        view! {
            <FilterText
                name
                key
                placeholder
                size="10"
                kind=TextKind::Plain
                value=Signal::derive(move || filter.with(|f| get(f).clone().unwrap_or_default()))
                on_change=move |v| {
                    let v = text(v);
                    on_filter(&|f| *set(f) = v.clone());
                }
            />
        }
    };
    view! {
        <div class="scoreboard-view" data-view="agents">
            <p class="sb-back"><a href=back>"← All reports"</a></p>
            <h1 class="page-title">"Agent scoreboard"</h1>
            <p class="muted intro">
                "Which reviewer earns its place: every bundled report, and every report you opened, added up per agent family and model. “—” means no report gives the figure (never zero); a retro figure shows how many reports it comes from."
            </p>
            <form class="card index-filters" role="search" aria-label="Filter reports" on:submit=|e| e.prevent_default()>
                <RepoSelect
                    repos
                    value=Signal::derive(move || filter.with(|f| f.repo.clone().unwrap_or_default()))
                    on_change=move |v| {
                        let v = text(v);
                        on_filter(&|f| f.repo = v.clone());
                    }
                />
                {date_box("Since", "since", "2026-07", |f| &f.since, |f| &mut f.since)}
                {date_box("Until", "until", "2026-08-31", |f| &f.until, |f| &mut f.until)}
                <FilterText
                    name="PR"
                    key="pr"
                    placeholder="412"
                    size="6"
                    kind=TextKind::Number
                    value=Signal::derive(move || {
                        filter.with(|f| f.pr.map(|n| n.to_string()).unwrap_or_default())
                    })
                    on_change=move |v| {
                        let n = v.trim().trim_start_matches('#').parse::<u64>().ok();
                        on_filter(&|f| f.pr = n);
                    }
                />
            </form>
            {move || filter_error.get().map(|e| view! { <div class="alert" role="alert">{e}</div> })}
            {content}
        </div>
    }
}
