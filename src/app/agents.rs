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

/// Pills for a list of agent names; an agent that found it only in a later pass of the run
/// (`passes`) says so on its pill (`pass 3`).
#[component]
pub fn AgentPills(
    names: Vec<String>,
    #[prop(optional)] passes: Vec<crate::model::AgentPass>,
) -> impl IntoView {
    view! {
        <span class="pills">
            {names
                .into_iter()
                .map(|n| {
                    let pass = passes.iter().find(|p| p.agent == n).map(|p| p.pass);
                    match pass {
                        Some(p) => view! {
                            <span
                                class=format!("pill pill-later-pass {}", family_class(&n))
                                title=format!("{n}: found in a later pass (pass {p})")
                                data-later-pass=p
                            >
                                <span class="pill-name">{n.clone()}</span>
                                <span class="pill-effort">{format!("pass {p}")}</span>
                            </span>
                        }
                        .into_any(),
                        None => view! { <AgentPill name=n /> }.into_any(),
                    }
                })
                .collect_view()}
        </span>
    }
}
