//! Leaf widgets of the report screen, shared by its parts and the diff view: a filter value's
//! chip ([`FacetChip`], with its live count), "Clear all filters" and the empty state. They
//! read the [`ReportCtx`] and nothing above it. Two more serve every screen: the loading
//! indicator ([`Loading`]) and the "Filters (n)" button of folded filter bars
//! ([`FiltersToggle`]).

use super::badges::SeverityIcon;
use super::nav::{use_set_view, History};
use super::report_ctx::ReportCtx;
use super::util::family_class;
use crate::model::Severity;
use crate::query::{Click, FacetKind, Selection, ViewState};
use leptos::prelude::*;

/// The live count of one control, from the shared facet counts.
fn live_count(ctx: &ReportCtx, facet: FacetKind, value: &str) -> usize {
    ctx.counts.with(|c| match facet {
        FacetKind::Severity => c
            .severity
            .iter()
            .find(|(s, _)| s.as_str() == value)
            .map_or(0, |(_, n)| *n),
        FacetKind::Status => c
            .status
            .iter()
            .find(|(s, _)| s.as_str() == value)
            .map_or(0, |(_, n)| *n),
        FacetKind::Agent => c
            .agent_family
            .iter()
            .chain(&c.agent)
            .find(|v| v.value == value)
            .map_or(0, |v| v.count),
        FacetKind::Kind => c
            .kind
            .iter()
            .find(|v| v.value == value)
            .map_or(0, |v| v.count),
        FacetKind::Mark => c
            .mark
            .iter()
            .find(|(m, _)| m.as_str() == value)
            .map_or(0, |(_, n)| *n),
    })
}

/// One filter value: the select button (with its count) and its NOT toggle.
#[component]
pub fn FacetChip(
    facet: FacetKind,
    value: String,
    label: String,
    #[prop(optional_no_strip)] severity: Option<Severity>,
    #[prop(optional)] agent: bool,
) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let set_view = use_set_view();
    let view = ctx.view;
    let selection = {
        let value = value.clone();
        Memo::new(move |_| view.with(|v| v.selection(facet, &value)))
    };
    let count = {
        let (ctx, value) = (ctx.clone(), value.clone());
        Memo::new(move |_| live_count(&ctx, facet, &value))
    };
    let apply = {
        let (ctx, value) = (ctx.clone(), value.clone());
        move |click: Click| {
            let mut s = view.get_untracked();
            if s.click(facet, &value, click) {
                ctx.set_view_soon(s, set_view.clone());
            }
        }
    };
    let apply_not = apply.clone();
    let mut class = String::from("chip");
    if agent {
        class.push(' ');
        class.push_str(&family_class(&label));
    }
    let not_label = format!("Exclude {label}");
    let icon = severity.map(|s| view! { <SeverityIcon severity=s /> });
    view! {
        <span class="facet">
            <button
                type="button"
                class=format!("{class} with-not")
                class:negated=move || selection.get() == Selection::Excluded
                class:zero=move || count.get() == 0
                data-filter=facet.as_str()
                data-value=value.clone()
                aria-pressed=move || (selection.get() == Selection::Included).to_string()
                title="Click: show only this · Ctrl/⌘-click: add to the selection"
                on:click=move |e| {
                    let add = e.ctrl_key() || e.meta_key();
                    apply(if add { Click::Toggle } else { Click::Only });
                }
            >
                {icon}
                <span class="chip-label">{label.clone()}</span>
                <span class="count" data-role="count">{move || count.get()}</span>
            </button>
            <button
                type="button"
                class="not-toggle"
                aria-pressed=move || (selection.get() == Selection::Excluded).to_string()
                aria-label=not_label.clone()
                title=not_label
                on:click=move |_| apply_not(Click::Not)
            >
                "¬"
            </button>
        </span>
    }
}

/// A button that clears every filter (kept in the URL history).
#[component]
pub fn ClearAll(#[prop(default = "Clear all filters")] label: &'static str) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let set_view = use_set_view();
    let view = ctx.view;
    view! {
        <Show when=move || view.with(ViewState::has_filters)>
            {
                let set_view = set_view.clone();
                view! {
                    <button
                        type="button"
                        class="button clear-all"
                        on:click=move |_| {
                            let mut s = view.get_untracked();
                            s.clear_all();
                            set_view(s, History::Push);
                        }
                    >
                        {label}
                    </button>
                }
            }
        </Show>
    }
}

/// Shown when no finding passes the filters.
#[component]
pub fn EmptyState() -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let view = ctx.view;
    view! {
        <div class="card empty-state">
            <p>{move || view.with(ViewState::empty_message)}</p>
            <ClearAll label="Clear filters" />
        </div>
    }
}

/// A loading indicator (`data-role="loading"`): a spinner, then what is being loaded.
#[component]
pub fn Loading(children: Children) -> impl IntoView {
    view! {
        <div class="progress" role="status" data-role="loading">
            <span class="spinner" aria-hidden="true"></span>
            {children()}
        </div>
    }
}

/// "Filters (n)": on narrow screens, folds and unfolds a filter bar (style/main.css);
/// `active` counts the selections in force.
#[component]
pub fn FiltersToggle(folded: RwSignal<bool>, active: Memo<usize>) -> impl IntoView {
    view! {
        <button
            type="button"
            class="button filters-toggle"
            data-role="filters-toggle"
            aria-expanded=move || (!folded.get()).to_string()
            on:click=move |_| folded.update(|f| *f = !*f)
        >
            {move || format!("Filters ({})", active.get())}
        </button>
    }
}

/// A drop-down of a filter bar (the index's and the scoreboard's): `<label class="index-filter">`
/// with the filter's `name`, `data-filter=key`, a first option `any` (value "") and then
/// `options` as (value, label) pairs; `on_change` gets the chosen value.
#[component]
pub fn FilterSelect(
    name: &'static str,
    key: &'static str,
    any: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] value: Signal<String>,
    on_change: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <label class="index-filter">
            <span class="facet-name">{name}</span>
            <select
                data-filter=key
                prop:value=move || value.get()
                on:change=move |e| on_change(event_target_value(&e))
            >
                <option value="">{any}</option>
                <For each=move || options.get() key=|(v, _)| v.clone() let((v, label))>
                    <option value=v>{label}</option>
                </For>
            </select>
        </label>
    }
}

/// How a [`FilterText`] box is typed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// Free text.
    Plain,
    /// Digits (a number keyboard on phones).
    Number,
    /// An ISO date `YYYY-MM-DD` (number keyboard, `pattern`, at most 10 characters).
    IsoDate,
}

/// A text box of a filter bar (the index's and the scoreboard's): `<label class="index-filter">`
/// with the filter's `name`, `data-filter=key`; `on_change` gets the text when the box changes
/// (not on every key).
#[component]
pub fn FilterText(
    name: &'static str,
    key: &'static str,
    placeholder: &'static str,
    size: &'static str,
    kind: TextKind,
    #[prop(into)] value: Signal<String>,
    on_change: impl Fn(String) + 'static,
) -> impl IntoView {
    let date = kind == TextKind::IsoDate;
    view! {
        <label class="index-filter">
            <span class="facet-name">{name}</span>
            <input
                type="text"
                class=date.then_some("date-input")
                inputmode=(kind != TextKind::Plain).then_some("numeric")
                placeholder=placeholder
                pattern=date.then_some("[0-9]{4}-[0-9]{2}-[0-9]{2}")
                maxlength=date.then_some("10")
                size=size
                data-filter=key
                prop:value=move || value.get()
                on:change=move |e| on_change(event_target_value(&e))
            />
        </label>
    }
}
