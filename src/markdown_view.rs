//! Safe Markdown rendering: report Markdown → a small tree of allowed elements.
//!
//! Report bodies are untrusted. The tree built here can only hold the elements of [`Tag`] and
//! attribute names chosen by this module; raw HTML (block or inline) becomes visible text; links
//! keep only http/https/mailto/relative targets ([`safe_href`]). The Leptos layer
//! (`app::markdown`) turns the tree into DOM nodes one by one — never by handing an HTML string to the browser.
//!
//! One pass over pulldown-cmark's events, linear in the input; code blocks are coloured by
//! [`crate::highlight`].

use std::collections::HashMap;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Tag as Md, TagEnd};

use crate::highlight::{highlight, Lang, TokenClass};
use crate::parse::cmark::Source;

mod limits;
pub use limits::{
    big_fence, dom_token, highlight_cut, pack, source_chunks, split_long_paragraph,
    split_long_table, table_cells, BigFence, CODE_PART_CLASS, HIGHLIGHT_LIMIT, TABLE_PART_CELLS,
};
use limits::{highlighted_parts, plain_slices};

/// The elements a rendered tree may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    P,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Ul,
    Ol,
    Li,
    /// A disabled task-list checkbox.
    Input,
    Blockquote,
    Pre,
    Code,
    Em,
    Strong,
    Del,
    A,
    Table,
    Thead,
    Tbody,
    Tr,
    Th,
    Td,
    Hr,
    Br,
    Span,
}

impl Tag {
    /// The HTML element name.
    pub fn name(self) -> &'static str {
        match self {
            Tag::P => "p",
            Tag::H1 => "h1",
            Tag::H2 => "h2",
            Tag::H3 => "h3",
            Tag::H4 => "h4",
            Tag::H5 => "h5",
            Tag::H6 => "h6",
            Tag::Ul => "ul",
            Tag::Ol => "ol",
            Tag::Li => "li",
            Tag::Input => "input",
            Tag::Blockquote => "blockquote",
            Tag::Pre => "pre",
            Tag::Code => "code",
            Tag::Em => "em",
            Tag::Strong => "strong",
            Tag::Del => "del",
            Tag::A => "a",
            Tag::Table => "table",
            Tag::Thead => "thead",
            Tag::Tbody => "tbody",
            Tag::Tr => "tr",
            Tag::Th => "th",
            Tag::Td => "td",
            Tag::Hr => "hr",
            Tag::Br => "br",
            Tag::Span => "span",
        }
    }

    /// Elements that never have children (the tests hold the builder to it).
    #[cfg(test)]
    pub fn is_void(self) -> bool {
        matches!(self, Tag::Input | Tag::Hr | Tag::Br)
    }

    /// The heading element of `level` (0 and 1: `h1`; 6 and above: `h6`).
    pub fn heading(level: u8) -> Tag {
        match level {
            0 | 1 => Tag::H1,
            2 => Tag::H2,
            3 => Tag::H3,
            4 => Tag::H4,
            5 => Tag::H5,
            _ => Tag::H6,
        }
    }
}

/// Attribute names are `'static`: only names written in this module can appear.
pub type Attrs = Vec<(&'static str, String)>;

/// One node of the safe tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element {
        tag: Tag,
        attrs: Attrs,
        children: Vec<Node>,
    },
    Text(String),
}

impl Node {
    fn el(tag: Tag, attrs: Attrs, children: Vec<Node>) -> Node {
        Node::Element {
            tag,
            attrs,
            children,
        }
    }

    /// The value of attribute `name` (elements only).
    pub fn attr(&self, name: &str) -> Option<&str> {
        match self {
            Node::Element { attrs, .. } => attrs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.as_str()),
            Node::Text(_) => None,
        }
    }

    /// All text below this node, concatenated (what `textContent` would give).
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        match self {
            Node::Text(t) => out.push_str(t),
            Node::Element { children, .. } => {
                for c in children {
                    c.collect_text(out);
                }
            }
        }
    }
}

/// Rendering options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Added to every heading level (capped at h6), so a report's `#` nests under the app's own
    /// headings.
    pub heading_offset: u8,
    /// Prepended to heading ids and to `#fragment` link targets, so several rendered bodies on
    /// one page cannot collide with each other or with the app's ids.
    pub id_prefix: String,
}

/// A link target that passed [`safe_href`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SafeHref<'a> {
    /// The target, trimmed of surrounding whitespace.
    pub url: &'a str,
    /// http, https, mailto or protocol-relative `//host` (opens in a new tab, no referrer).
    pub external: bool,
}

/// Checks a link target: only `http:`, `https:`, `mailto:` and relative targets (`#x`, `/x`,
/// `x/y`, `../x`, `//host/x`) pass. Anything with another scheme, a control character, inner
/// whitespace or a backslash (the usual obfuscations of `javascript:`) is refused.
pub fn safe_href(url: &str) -> Option<SafeHref<'_>> {
    // Browsers strip leading/trailing C0 controls and spaces, then drop tabs and newlines
    // anywhere; refusing every control character and whitespace inside covers both.
    let url = url.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    if url.is_empty()
        || url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return None;
    }
    match url_scheme(url) {
        Some(scheme) => ["http", "https", "mailto"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(scheme))
            .then_some(SafeHref {
                url,
                external: true,
            }),
        _ => Some(SafeHref {
            url,
            external: url.starts_with("//"),
        }),
    }
}

/// The scheme of a URL (`https` in `https://x`): the text before a `:` that comes before any
/// `/`, `?` or `#`; `None` for a relative target.
pub fn url_scheme(url: &str) -> Option<&str> {
    let p = url.find([':', '/', '?', '#'])?;
    url[p..].starts_with(':').then(|| &url[..p])
}

/// The pulldown-cmark options every renderer of report Markdown uses: the report parse's
/// ([`crate::parse::cmark::options`]) plus task lists.
pub fn parser_options() -> pulldown_cmark::Options {
    crate::parse::cmark::options() | pulldown_cmark::Options::ENABLE_TASKLISTS
}

/// Renders block Markdown (a finding body, a section) into a safe tree.
pub fn render(md: &str, opts: &Options) -> Vec<Node> {
    Builder::new(opts, false).run(md)
}

/// Renders one line of Markdown (a title) without block wrappers: blocks are flattened to their
/// inline content, separated by spaces; code blocks become inline code.
pub fn inline(md: &str) -> Vec<Node> {
    let opts = Options::default();
    let mut nodes = Builder::new(&opts, true).run(md);
    if let Some(Node::Text(t)) = nodes.last_mut() {
        t.truncate(t.trim_end().len());
    }
    if let Some(Node::Text(t)) = nodes.first_mut() {
        *t = t.trim_start().to_owned();
    }
    nodes.retain(|n| !matches!(n, Node::Text(t) if t.is_empty()));
    nodes
}

/// Markdown stripped to its visible text: code spans keep their content, emphasis and link
/// syntax disappear (links become their text), raw HTML stays as written, and all whitespace
/// (including line and block breaks) collapses to single spaces. Used by the tests to compare
/// what a reader sees.
#[cfg(test)]
pub fn plain_text(md: &str) -> String {
    let mut raw = String::with_capacity(md.len());
    let source = Source::new(md);
    for (event, _) in source.events(parser_options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                raw.push_str(&t)
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => raw.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::Rule | Event::End(_) => raw.push(' '),
            Event::Start(_) | Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Elements nested deeper than this are left out (their content is kept): keeps building,
/// rendering and dropping the tree shallow whatever the input.
const MAX_DEPTH: usize = 48;

/// The `rel` of links that leave the app.
pub const EXTERNAL_REL: &str = "noopener noreferrer nofollow";

/// An element being built.
struct Frame {
    tag: Tag,
    attrs: Attrs,
    children: Vec<Node>,
    /// Text to show when the element ends up empty (an image without alt text).
    fallback: Option<String>,
}

struct Builder<'o> {
    opts: &'o Options,
    inline_only: bool,
    root: Vec<Node>,
    /// Open elements, innermost last (at most `MAX_DEPTH`).
    stack: Vec<Frame>,
    /// For every open Markdown tag, how many frames it pushed (0 for tags rendered as their
    /// content only, 2 for a table head's `thead` + `tr`). One entry per `Start`, popped by the
    /// matching `End`, so every event costs O(1).
    opened: Vec<u8>,
    /// Inside a fenced/indented code block: its language word and text so far.
    code: Option<(String, String)>,
    alignments: Vec<Alignment>,
    cell: usize,
    in_head: bool,
    tbody_open: bool,
    slugs: HashMap<String, usize>,
}

impl<'o> Builder<'o> {
    fn new(opts: &'o Options, inline_only: bool) -> Self {
        Builder {
            opts,
            inline_only,
            root: Vec::new(),
            stack: Vec::new(),
            opened: Vec::new(),
            code: None,
            alignments: Vec::new(),
            cell: 0,
            in_head: false,
            tbody_open: false,
            slugs: HashMap::new(),
        }
    }

    fn run(mut self, md: &str) -> Vec<Node> {
        let source = Source::new(md);
        for (event, _) in source.events(parser_options()) {
            self.event(event);
        }
        if self.code.is_some() {
            self.end_code_block();
        }
        while !self.stack.is_empty() {
            self.pop();
        }
        self.root
    }

    fn children(&mut self) -> &mut Vec<Node> {
        match self.stack.last_mut() {
            Some(frame) => &mut frame.children,
            None => &mut self.root,
        }
    }

    fn text(&mut self, t: &str) {
        let children = self.children();
        match children.last_mut() {
            Some(Node::Text(prev)) => prev.push_str(t),
            _ => children.push(Node::Text(t.to_owned())),
        }
    }

    fn node(&mut self, node: Node) {
        match node {
            Node::Text(t) => self.text(&t),
            n => self.children().push(n),
        }
    }

    /// Opens an element; returns how many frames were pushed (0 when too deep).
    fn push(&mut self, tag: Tag, attrs: Attrs) -> u8 {
        if self.stack.len() >= MAX_DEPTH {
            return 0;
        }
        self.stack.push(Frame {
            tag,
            attrs,
            children: Vec::new(),
            fallback: None,
        });
        1
    }

    /// Closes the innermost element into its parent.
    fn pop(&mut self) {
        let Some(mut frame) = self.stack.pop() else {
            return;
        };
        if frame.children.is_empty() {
            if let Some(fallback) = frame.fallback.take() {
                frame.children.push(Node::Text(fallback));
            }
        }
        if matches!(
            frame.tag,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        ) {
            let text: String = frame.children.iter().map(Node::text_content).collect();
            frame.attrs.insert(0, ("id", self.unique_id(&text)));
        }
        self.node(Node::el(frame.tag, frame.attrs, frame.children));
    }

    fn unique_id(&mut self, text: &str) -> String {
        let mut base = slug(text);
        if base.is_empty() {
            base.push_str("section");
        }
        let mut id = base.clone();
        loop {
            let n = self.slugs.entry(id.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                break;
            }
            id = format!("{base}-{}", *n - 1);
        }
        format!("{}{id}", self.prefix())
    }

    /// Every heading id is in a namespace of its own ([`DEFAULT_ID_PREFIX`] when the caller gave
    /// none), so report text never produces one of the app's ids (`# finding search` in a
    /// header cell would otherwise be `#finding-search`).
    fn prefix(&self) -> &str {
        if self.opts.id_prefix.is_empty() {
            DEFAULT_ID_PREFIX
        } else {
            &self.opts.id_prefix
        }
    }

    fn event(&mut self, event: Event) {
        if let Some((_, code)) = &mut self.code {
            match event {
                Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) | Event::Code(t) => {
                    code.push_str(&t)
                }
                Event::End(TagEnd::CodeBlock) => self.end_code_block(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.node(Node::el(Tag::Code, vec![], vec![Node::Text(t.into())])),
            Event::InlineHtml(t) if is_br(&t) && !self.inline_only => {
                self.node(Node::el(Tag::Br, vec![], vec![]))
            }
            Event::Html(t) | Event::InlineHtml(t) => self.text(&t),
            Event::InlineMath(t) => self.text(&format!("${t}$")),
            Event::DisplayMath(t) => self.text(&format!("$${t}$$")),
            Event::FootnoteReference(t) => self.text(&format!("[^{t}]")),
            Event::SoftBreak => self.text("\n"),
            Event::HardBreak if self.inline_only => self.text(" "),
            Event::HardBreak => self.node(Node::el(Tag::Br, vec![], vec![])),
            Event::Rule if self.inline_only => self.text(" "),
            Event::Rule => self.node(Node::el(Tag::Hr, vec![], vec![])),
            Event::TaskListMarker(checked) => self.task_marker(checked),
        }
    }

    fn task_marker(&mut self, checked: bool) {
        if self.inline_only {
            self.text(if checked { "[x] " } else { "[ ] " });
            return;
        }
        let mut attrs: Attrs = vec![
            ("type", "checkbox".into()),
            ("class", "task-list-item-checkbox".into()),
            ("disabled", String::new()),
        ];
        if checked {
            attrs.push(("checked", String::new()));
        }
        if let Some(li) = self.stack.iter_mut().rev().find(|f| f.tag == Tag::Li) {
            if !li.attrs.iter().any(|(n, _)| *n == "class") {
                li.attrs.push(("class", "task-list-item".into()));
            }
        }
        self.node(Node::el(Tag::Input, attrs, vec![]));
    }

    fn start(&mut self, tag: Md) {
        if let Md::CodeBlock(kind) = &tag {
            let word = match kind {
                CodeBlockKind::Fenced(info) => lang_word(info),
                CodeBlockKind::Indented => String::new(),
            };
            self.code = Some((word, String::new()));
            return;
        }
        let pushed = if self.inline_only && is_block(&tag) {
            0
        } else {
            self.open(tag)
        };
        self.opened.push(pushed);
    }

    /// Opens the element(s) for `tag`; returns how many frames were pushed.
    fn open(&mut self, tag: Md) -> u8 {
        match tag {
            Md::Paragraph => self.push(Tag::P, vec![]),
            Md::Heading { level, .. } => {
                let level = (level as u8).saturating_add(self.opts.heading_offset);
                self.push(Tag::heading(level), vec![])
            }
            Md::BlockQuote(_) => self.push(Tag::Blockquote, vec![]),
            Md::HtmlBlock => self.push(Tag::P, vec![("class", "md-raw-html".into())]),
            Md::List(Some(start)) => {
                let attrs = if start == 1 {
                    vec![]
                } else {
                    vec![("start", start.to_string())]
                };
                self.push(Tag::Ol, attrs)
            }
            Md::List(None) => self.push(Tag::Ul, vec![]),
            Md::Item => self.push(Tag::Li, vec![]),
            Md::Table(alignments) => {
                self.alignments = alignments;
                self.tbody_open = false;
                self.push(Tag::Table, vec![])
            }
            Md::TableHead => {
                self.in_head = true;
                self.cell = 0;
                self.push(Tag::Thead, vec![]) + self.push(Tag::Tr, vec![])
            }
            Md::TableRow => {
                if !self.tbody_open {
                    self.tbody_open = true;
                    // The tbody closes with the table: count it on the table's entry.
                    let tbody = self.push(Tag::Tbody, vec![]);
                    if let Some(table) = self.opened.last_mut() {
                        *table += tbody;
                    }
                }
                self.cell = 0;
                self.push(Tag::Tr, vec![])
            }
            Md::TableCell => {
                let align = match self.alignments.get(self.cell) {
                    Some(Alignment::Left) => Some("md-align-left"),
                    Some(Alignment::Center) => Some("md-align-center"),
                    Some(Alignment::Right) => Some("md-align-right"),
                    _ => None,
                };
                let attrs = align.map(|a| vec![("class", a.into())]).unwrap_or_default();
                self.push(if self.in_head { Tag::Th } else { Tag::Td }, attrs)
            }
            Md::Emphasis => self.push(Tag::Em, vec![]),
            Md::Strong => self.push(Tag::Strong, vec![]),
            Md::Strikethrough => self.push(Tag::Del, vec![]),
            Md::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                let url = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                match self.link_attrs(&url, &title, None) {
                    Some(attrs) => self.push(Tag::A, attrs),
                    None => self.push(Tag::Span, vec![("class", "md-unsafe-link".into())]),
                }
            }
            Md::Image {
                dest_url, title, ..
            } => {
                // Images are never loaded: they become a link to the image, labelled by the alt
                // text (or the address when there is none).
                let pushed = match self.link_attrs(&dest_url, &title, Some("md-image")) {
                    Some(attrs) => self.push(Tag::A, attrs),
                    None => self.push(Tag::Span, vec![("class", "md-image md-unsafe-link".into())]),
                };
                if let (1, Some(frame)) = (pushed, self.stack.last_mut()) {
                    frame.fallback = Some(if dest_url.is_empty() {
                        "image".to_owned()
                    } else {
                        dest_url.to_string()
                    });
                }
                pushed
            }
            // Not enabled in `parser_options`; shown as their content if they ever appear.
            Md::CodeBlock(_)
            | Md::FootnoteDefinition(_)
            | Md::DefinitionList
            | Md::DefinitionListTitle
            | Md::DefinitionListDefinition
            | Md::Superscript
            | Md::Subscript
            | Md::MetadataBlock(_) => 0,
        }
    }

    fn link_attrs(&self, url: &str, title: &str, class: Option<&str>) -> Option<Attrs> {
        let href = safe_href(url)?;
        let target = match href.url.strip_prefix('#') {
            Some(frag) if !frag.is_empty() => format!("#{}{frag}", self.prefix()),
            _ => href.url.to_owned(),
        };
        let mut attrs: Attrs = vec![("href", target)];
        if !title.is_empty() {
            attrs.push(("title", title.to_owned()));
        }
        if let Some(class) = class {
            attrs.push(("class", class.to_owned()));
        }
        if href.external {
            attrs.push(("rel", EXTERNAL_REL.into()));
            attrs.push(("target", "_blank".into()));
        }
        Some(attrs)
    }

    fn end(&mut self, tag: TagEnd) {
        for _ in 0..self.opened.pop().unwrap_or(0) {
            self.pop();
        }
        match tag {
            TagEnd::TableHead => self.in_head = false,
            TagEnd::TableCell => self.cell += 1,
            _ => {}
        }
        // Flattened blocks (inline mode) are separated by a space.
        if self.inline_only
            && is_block_end(tag)
            && !matches!(self.children().last(), Some(Node::Text(t)) if t.ends_with(' '))
        {
            self.text(" ");
        }
    }

    fn end_code_block(&mut self) {
        let Some((word, code)) = self.code.take() else {
            return;
        };
        if self.inline_only {
            self.node(Node::el(Tag::Code, vec![], vec![Node::Text(code)]));
        } else {
            self.node(code_block(&word, &code));
        }
    }
}

fn is_block(tag: &Md) -> bool {
    !crate::parse::cmark::is_inline_tag(tag)
}

fn is_block_end(tag: TagEnd) -> bool {
    !crate::parse::cmark::is_inline_end(&tag)
}

/// A `<pre><code>` block for `code` in language `word` (the info string's first word). Only the
/// first [`HIGHLIGHT_LIMIT`] bytes are highlighted; a longer block's `<pre>` has
/// `data-plain-from` (the byte where plain text starts), which the app shows as a note.
pub fn code_block(word: &str, code: &str) -> Node {
    let cut = highlight_cut(code);
    let (head, tail) = code.split_at(cut);
    let tokens = highlight(Lang::from_name(word), head);
    let mut children: Vec<Node> = if tail.is_empty() {
        tokens.into_iter().map(token_node).collect()
    } else {
        // A long block: its highlighted head in parts too, so no one part is a frame's work.
        highlighted_parts(tokens)
    };
    plain_slices(tail, &mut children);
    let attrs = if word.is_empty() {
        vec![]
    } else {
        vec![
            ("class", format!("language-{word}")),
            ("data-lang", word.to_owned()),
        ]
    };
    let diff = Lang::from_name(word) == Some(Lang::Diff);
    let pre_class = if diff { "md-code md-diff" } else { "md-code" };
    let mut pre_attrs: Attrs = vec![("class", pre_class.into())];
    if !tail.is_empty() {
        pre_attrs.push(("data-plain-from", cut.to_string()));
    }
    Node::el(
        Tag::Pre,
        pre_attrs,
        vec![Node::el(Tag::Code, attrs, children)],
    )
}

/// One highlighted token: plain text, or a `<span>` with its colour class.
fn token_node((class, text): (TokenClass, &str)) -> Node {
    match class.css_class() {
        None => Node::Text(text.to_owned()),
        Some(css) => Node::el(
            Tag::Span,
            vec![("class", css.to_owned())],
            vec![Node::Text(text.to_owned())],
        ),
    }
}

/// The language word of an info string: its first word (`bash repro` → `bash`,
/// `rust,ignore` → `rust`), limited to characters that are harmless in a class name.
fn lang_word(info: &str) -> String {
    info.trim()
        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '#' | '.'))
        .take(32)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// `<br>`, `<br/>` and `<br />`, the one piece of inline HTML reports use (table cells).
fn is_br(html: &str) -> bool {
    let t = html.trim();
    ["<br>", "<br/>", "<br />"]
        .iter()
        .any(|b| b.eq_ignore_ascii_case(t))
}

/// The namespace of heading ids rendered without an `id_prefix`.
pub const DEFAULT_ID_PREFIX: &str = "md-";

/// A heading's anchor slug: lowercase letters and digits, words joined by `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests;
