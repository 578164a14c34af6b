//! Agent pills: one colour per family, the same everywhere (header, cards, filters, retro).

use super::util::family_class;
use leptos::prelude::*;

/// A pill for one agent display name, optionally with its effort (`xhigh`) or a note.
#[component]
pub fn AgentPill(
    name: String,
    #[prop(optional_no_strip)] effort: Option<String>,
    #[prop(optional_no_strip)] note: Option<String>,
) -> impl IntoView {
    let class = format!("pill {}", family_class(&name));
    let title = match (&effort, &note) {
        (Some(e), Some(n)) => format!("{name} (effort: {e}; {n})"),
        (Some(e), None) => format!("{name} (effort: {e})"),
        (None, Some(n)) => format!("{name} ({n})"),
        (None, None) => name.clone(),
    };
    let dropped = note.is_some();
    view! {
        <span class=class class:pill-noted=dropped title=title>
            <span class="pill-name">{name}</span>
            {effort.map(|e| view! { <span class="pill-effort">{e}</span> })}
        </span>
    }
}

/// Pills for a list of agent names.
#[component]
pub fn AgentPills(names: Vec<String>) -> impl IntoView {
    view! {
        <span class="pills">
            {names.into_iter().map(|n| view! { <AgentPill name=n /> }).collect_view()}
        </span>
    }
}
