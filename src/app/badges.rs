//! Small badges used across screens: verdict, severity (letter + word), status, counts.
//! Colour is never the only signal: each carries a letter/icon and text.

use crate::model::{Counts, Severity, Status, Verdict};
use leptos::prelude::*;

#[component]
pub fn VerdictBadge(verdict: Option<Verdict>) -> impl IntoView {
    verdict.map(|v| {
        let class = format!("verdict verdict-{}", v.class().as_str());
        let icon = match v.class() {
            crate::model::VerdictClass::Merge => "✓",
            crate::model::VerdictClass::MergeWithFixes => "◐",
            crate::model::VerdictClass::Rework => "✗",
            crate::model::VerdictClass::Other => "•",
        };
        view! {
            <span class=class data-role="verdict">
                <span aria-hidden="true">{icon}" "</span>
                {v.label}
            </span>
        }
    })
}

/// The severity letter in a coloured square, with the word for screen readers and tooltips.
#[component]
pub fn SeverityIcon(severity: Severity) -> impl IntoView {
    let class = format!("sev-icon sev-{}", severity.as_str());
    view! {
        <span class=class title=severity.label() aria-label=severity.label()>
            {severity.letter().to_string()}
        </span>
    }
}

#[component]
pub fn StatusBadge(
    status: Status,
    /// The report's own word for it (`Commented`, `Test written`), shown instead of the status.
    #[prop(optional)]
    word: Option<String>,
) -> impl IntoView {
    let class = format!("status status-{}", status.as_str());
    let icon = match status {
        Status::Open => "○",
        Status::Resolved => "✓",
        Status::Deferred => "⏸",
        Status::Demoted => "↓",
        Status::Dropped => "⊘",
        Status::Declined => "✗",
    };
    view! {
        <span class=class data-role="status">
            <span aria-hidden="true">{icon}" "</span>
            {word.unwrap_or_else(|| status.as_str().to_string())}
        </span>
    }
}

/// `C 2 · I 3 · S 5` chips for the non-zero severities.
#[component]
pub fn SeverityCounts(counts: Counts) -> impl IntoView {
    let chips = Severity::ALL
        .into_iter()
        .filter(|s| counts.severity(*s) > 0)
        .map(|s| {
            let n = counts.severity(s);
            let class = format!("sev-chip sev-{}", s.as_str());
            let title = format!("{n} {}", s.label().to_lowercase());
            view! {
                <span class=class title=title.clone() aria-label=title>
                    <span class="sev-letter" aria-hidden="true">{s.letter().to_string()}</span>
                    {n}
                </span>
            }
        })
        .collect_view();
    view! { <span class="sev-chips">{chips}</span> }
}
