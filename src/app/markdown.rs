//! Leptos components for report Markdown: the safe tree of [`crate::markdown_view`] turned into
//! real DOM elements one node at a time (text stays text; no HTML string is ever parsed into the page).

use leptos::attr::any_attribute::{AnyAttribute, IntoAnyAttribute};
use leptos::attr::custom::custom_attribute;
use leptos::html;
use leptos::prelude::*;

use super::code_links::CodeLinks;
use crate::markdown_view::{self, Attrs, Node, Options, Tag};

/// One piece of a long body: Markdown, or a fence's language word and code; the heading-id
/// prefix of the piece.
type Piece<'a> = (&'a str, Option<(&'a str, &'a str)>, String);

/// A block of report Markdown (finding body, section, summary).
///
/// `heading_offset` pushes the report's headings down (`#` → `h(1+offset)`); `id_prefix` keeps
/// heading ids from different bodies on one page apart.
#[component]
pub fn Markdown(
    #[prop(into)] md: String,
    #[prop(optional)] heading_offset: u8,
    #[prop(optional, into)] id_prefix: String,
) -> impl IntoView {
    if md.len() > CHUNKED_MIN {
        return chunked(md, heading_offset, id_prefix);
    }
    let opts = Options {
        heading_offset,
        id_prefix,
    };
    let mut nodes = markdown_view::render(&md, &opts);
    finish(
        &mut nodes,
        heading_offset,
        use_context::<CodeLinks>().as_ref(),
    );
    // A short body is one slice, unless it holds a big table (a cell can be two characters).
    let slices = if md.len() <= SLICE_TEXT
        && nodes
            .iter()
            .all(|n| markdown_view::table_cells(n) <= markdown_view::TABLE_PART_CELLS)
    {
        vec![nodes]
    } else {
        slices(nodes, SLICE_TEXT)
    };
    if slices.len() <= 1 {
        let nodes = slices.into_iter().next().unwrap_or_default();
        return view! { <div class="md">{nodes_view(nodes)}</div> }.into_any();
    }
    // A long body (an agent's whole review in the appendix) is mounted a slice per task, so
    // building its DOM never blocks the page for long (DESIGN §7).
    let total = slices.len();
    let slices = StoredValue::new(slices);
    let shown = shown_per_task(total);
    view! {
        <div class="md" aria-busy=move || (shown.get() < total).then_some("true")>
            <For
                each=move || 0..shown.get()
                key=|i| *i
                children=move |i| slices.with_value(|s| s.get(i).cloned().map(nodes_view))
            />
        </div>
    }
    .into_any()
}

/// About how much text one slice of a long body holds (a few milliseconds of DOM building).
const SLICE_TEXT: usize = 16 * 1024;

/// Bodies longer than this are also *rendered* (Markdown → tree) a piece at a time: rendering
/// 5 MB at once was a 300–700 ms task before the first slice was mounted, and 300 KB (one
/// paragraph, or one code block) still 120–180 ms. An agent's whole review in a real report's
/// appendix is 20–60 KB.
const CHUNKED_MIN: usize = 96 * 1024;

/// A fenced block of at least this much code is built directly ([`markdown_view::big_fence`]).
const BIG_FENCE: usize = 64 * 1024;

/// The source of one rendered piece ([`markdown_view::source_chunks`]).
const CHUNK_SOURCE: usize = 64 * 1024;

/// A very long body: each source piece is rendered in a task of its own and mounted in slices,
/// one slice per task. Heading ids of piece `i > 0` get `p{i}-` after the prefix, so pieces never
/// share an id.
fn chunked(md: String, heading_offset: u8, id_prefix: String) -> AnyView {
    let links = use_context::<CodeLinks>();
    let parts = RwSignal::new(Vec::<Vec<Node>>::new());
    let done = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        let chunks = markdown_view::source_chunks(&md, CHUNK_SOURCE);
        for (i, chunk) in chunks.iter().enumerate() {
            let prefix = |part: &str| {
                if i == 0 && part.is_empty() {
                    id_prefix.clone()
                } else {
                    format!("{}p{i}{part}-", effective_prefix(&id_prefix))
                }
            };
            // A long fenced block is built without running the Markdown parser over it; the
            // Markdown around it is rendered as usual (its after-part with ids of its own).
            // Each piece is (Markdown, or the fence's word and code; heading-id prefix).
            let fence = markdown_view::big_fence(chunk, BIG_FENCE);
            let pieces: Vec<Piece> = match &fence {
                Some(f) => vec![
                    (f.before, None, prefix("")),
                    ("", Some((f.word.as_str(), f.code)), String::new()),
                    (f.after, None, prefix("b")),
                ],
                None => vec![(*chunk, None, prefix(""))],
            };
            for (source, code, id_prefix) in pieces {
                if source.is_empty() && code.is_none() {
                    continue;
                }
                // Every piece in a task of its own, the first one too: mounting the page and
                // rendering a long body never share a task.
                gloo_timers::future::TimeoutFuture::new(0).await;
                let nodes = match code {
                    Some((word, code)) => vec![markdown_view::code_block(word, code)],
                    None => {
                        let opts = Options {
                            heading_offset,
                            id_prefix,
                        };
                        let mut nodes = markdown_view::render(source, &opts);
                        finish(&mut nodes, heading_offset, links.as_ref());
                        nodes
                    }
                };
                for (k, slice) in slices(nodes, SLICE_TEXT).into_iter().enumerate() {
                    if k > 0 {
                        gloo_timers::future::TimeoutFuture::new(0).await;
                    }
                    if parts.try_update(|p| p.push(slice)).is_none() {
                        return; // the body is gone
                    }
                }
            }
        }
        let _ = done.try_set(true);
    });
    view! {
        <div class="md" aria-busy=move || (!done.get()).then_some("true")>
            <For
                each=move || 0..parts.with(Vec::len)
                key=|i| *i
                children=move |i| parts.with_untracked(|p| p.get(i).cloned().map(nodes_view))
            />
        </div>
    }
    .into_any()
}

/// What every rendered body or piece of one gets: no empty table headers and no skipped
/// heading levels (crate::a11y), and in a report, `file:line` code spans of prose linked to the
/// code (app::code_links).
fn finish(nodes: &mut [Node], heading_offset: u8, links: Option<&CodeLinks>) {
    crate::a11y::tidy(nodes, heading_offset);
    if let Some(links) = links {
        crate::paths::link_code_spans(nodes, &|l| links.href(l));
    }
}

/// The heading-id prefix the renderer uses for `id_prefix` (its default when empty).
fn effective_prefix(id_prefix: &str) -> &str {
    if id_prefix.is_empty() {
        markdown_view::DEFAULT_ID_PREFIX
    } else {
        id_prefix
    }
}

/// Top-level blocks grouped into slices of about `budget` characters of text each (only a
/// paragraph or a table is ever split, see [`markdown_view::split_long_paragraph`] and
/// [`markdown_view::split_long_table`]); a body under the budget is one slice.
fn slices(nodes: Vec<Node>, budget: usize) -> Vec<Vec<Node>> {
    // A long paragraph or table is split into parts first, so it is mounted over several tasks
    // too.
    let nodes = nodes.into_iter().flat_map(|n| {
        markdown_view::split_long_table(n, markdown_view::TABLE_PART_CELLS)
            .into_iter()
            .flat_map(|n| markdown_view::split_long_paragraph(n, budget))
    });
    // A table cell costs far more than its few characters (an element, a layout box): a full
    // table part weighs a whole slice.
    let cell_weight = budget / markdown_view::TABLE_PART_CELLS;
    let mut out = markdown_view::pack(nodes, budget, |node| {
        node.text_content()
            .len()
            .max(markdown_view::table_cells(node) * cell_weight)
    });
    if out.is_empty() {
        out.push(Vec::new());
    }
    out
}

/// One line of Markdown (a title): inline formatting only, no block wrapper.
#[component]
pub fn InlineMarkdown(#[prop(into)] md: String) -> impl IntoView {
    view! { <span class="md-inline">{nodes_view(markdown_view::inline(&md))}</span> }
}

fn nodes_view(nodes: Vec<Node>) -> Vec<AnyView> {
    nodes.into_iter().map(node_view).collect()
}

fn dom_attrs(attrs: Attrs) -> Vec<AnyAttribute> {
    attrs
        .into_iter()
        .map(|(name, value)| custom_attribute(name, value).into_any_attr())
        .collect()
}

fn node_view(node: Node) -> AnyView {
    let (tag, attrs, children) = match node {
        Node::Text(text) => return text.into_any(),
        Node::Element {
            tag,
            attrs,
            children,
        } => (tag, attrs, children),
    };
    if tag == Tag::Pre {
        return code_block(attrs, children);
    }
    let attrs = dom_attrs(attrs);
    macro_rules! el {
        ($f:ident) => {
            html::$f()
                .add_any_attr(attrs)
                .child(nodes_view(children))
                .into_any()
        };
    }
    macro_rules! void {
        ($f:ident) => {
            html::$f().add_any_attr(attrs).into_any()
        };
    }
    match tag {
        Tag::P => el!(p),
        Tag::H1 => el!(h1),
        Tag::H2 => el!(h2),
        Tag::H3 => el!(h3),
        Tag::H4 => el!(h4),
        Tag::H5 => el!(h5),
        Tag::H6 => el!(h6),
        Tag::Ul => el!(ul),
        Tag::Ol => el!(ol),
        Tag::Li => el!(li),
        Tag::Blockquote => el!(blockquote),
        Tag::Pre => el!(pre),
        Tag::Code => el!(code),
        Tag::Em => el!(em),
        Tag::Strong => el!(strong),
        Tag::Del => el!(del),
        Tag::A => el!(a),
        Tag::Table => el!(table),
        Tag::Thead => el!(thead),
        Tag::Tbody => el!(tbody),
        Tag::Tr => el!(tr),
        Tag::Th => el!(th),
        Tag::Td => el!(td),
        Tag::Span => el!(span),
        Tag::Input => void!(input),
        Tag::Hr => void!(hr),
        Tag::Br => void!(br),
    }
}

/// How many of `total` slices to show: one at first, then one more per task (a zero-delay timer
/// between them) until all are shown or the view holding the signal is gone.
fn shown_per_task(total: usize) -> RwSignal<usize> {
    let shown = RwSignal::new(1usize);
    leptos::task::spawn_local(async move {
        loop {
            gloo_timers::future::TimeoutFuture::new(0).await;
            match shown.try_get_untracked() {
                Some(n) if n < total => shown.set(n + 1),
                _ => return, // all shown, or the view is gone
            }
        }
    });
    shown
}

/// The `<code>` of a block. A long block's plain rest ([`markdown_view::CODE_PART_CLASS`]
/// parts of ~16 KB) is mounted a part per task after the highlighted head, so a 5 MB block
/// never builds (and lays out) in one frame.
fn code_view(children: Vec<Node>) -> AnyView {
    let Some(Node::Element {
        tag: Tag::Code,
        attrs,
        children: inner,
    }) = children.into_iter().next()
    else {
        return ().into_any();
    };
    let is_part = |n: &Node| n.attr("class") == Some(markdown_view::CODE_PART_CLASS);
    let head_len = inner.iter().position(is_part).unwrap_or(inner.len());
    let mut inner = inner;
    let parts = inner.split_off(head_len);
    let code = html::code().add_any_attr(dom_attrs(attrs));
    if parts.len() <= 1 {
        inner.extend(parts);
        return code.child(nodes_view(inner)).into_any();
    }
    let total = parts.len();
    let parts = StoredValue::new(parts);
    let shown = shown_per_task(total);
    code.attr("aria-busy", move || (shown.get() < total).then_some("true"))
        .child((
            nodes_view(inner),
            view! {
                <For
                    each=move || 0..shown.get()
                    key=|i| *i
                    children=move |i| parts.with_value(|p| p.get(i).cloned().map(node_view))
                />
            },
        ))
        .into_any()
}

/// A code block with a "Copy" button that puts the block's text on the clipboard.
fn code_block(attrs: Attrs, children: Vec<Node>) -> AnyView {
    let text: String = children.iter().map(Node::text_content).collect();
    let note = attrs
        .iter()
        .find(|(name, _)| *name == "data-plain-from")
        .and_then(|(_, from)| from.parse::<usize>().ok())
        .map(|from| {
            let rest_kb = text.len().saturating_sub(from).div_ceil(1024);
            format!(
                "Long block: syntax colours stop after the first {} KB; the remaining {rest_kb} KB \
                 are plain text (Copy takes all of it).",
                from.div_ceil(1024)
            )
        });
    let label = RwSignal::new("Copy");
    let copy = move |_| {
        let text = text.clone();
        leptos::task::spawn_local(async move {
            let copied = match web_sys::window() {
                Some(window) => {
                    let promise = window.navigator().clipboard().write_text(&text);
                    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
                }
                None => false,
            };
            label.set(if copied { "Copied" } else { "Copy failed" });
            gloo_timers::future::TimeoutFuture::new(1500).await;
            label.set("Copy");
        });
    };
    let pre = html::pre()
        .add_any_attr(dom_attrs(attrs))
        .child(code_view(children));
    view! {
        <div class="md-code-block">
            <button type="button" class="md-copy" title="Copy code to the clipboard" on:click=copy>
                <span aria-live="polite">{move || label.get()}</span>
            </button>
            {note.map(|n| view! { <p class="md-code-note" role="note">{n}</p> })}
            {pre}
        </div>
    }
    .into_any()
}
