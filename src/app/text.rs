//! Markdown bodies and titles. Every Markdown string of a report is shown through these two
//! components, so the renderer is swapped in one place.

use leptos::prelude::*;

/// A Markdown block (finding body, section, retro notes …).
#[component]
pub fn Md(
    md: String,
    /// Shift headings down so they nest under the surrounding section.
    #[prop(default = 2)]
    heading_offset: u8,
) -> impl IntoView {
    let _ = heading_offset;
    view! { <div class="md md-plain">{md}</div> }
}

/// Inline Markdown (titles, table cells, strengths).
#[component]
pub fn InlineMd(md: String) -> impl IntoView {
    view! { <span class="md-inline">{md}</span> }
}
