//! Markdown bodies and titles. Every Markdown string of a report is shown through these two
//! components (which delegate to `markdown`), so call sites stay short and uniform.

use super::markdown::{InlineMarkdown, Markdown};
use leptos::prelude::*;

/// A Markdown block (finding body, section, retro notes …).
#[component]
pub fn Md(
    md: String,
    /// Shift headings down so they nest under the surrounding heading (`#` → `h(1+offset)`).
    #[prop(default = 0)]
    heading_offset: u8,
    /// Keeps heading ids of different bodies apart (`f-I2-`).
    #[prop(optional, into)]
    id_prefix: String,
) -> impl IntoView {
    view! { <Markdown md heading_offset id_prefix /> }
}

/// Inline Markdown (titles, table cells, strengths).
#[component]
pub fn InlineMd(md: String) -> impl IntoView {
    view! { <InlineMarkdown md /> }
}
