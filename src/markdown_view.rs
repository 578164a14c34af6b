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

use crate::highlight::{highlight, Lang};
use crate::parse::cmark::Source;

mod limits;
use limits::plain_slices;
pub use limits::{dom_token, highlight_cut, source_chunks, split_long_paragraph, HIGHLIGHT_LIMIT};

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

    /// Elements that never have children.
    pub fn is_void(self) -> bool {
        matches!(self, Tag::Input | Tag::Hr | Tag::Br)
    }

    fn heading(level: u8) -> Tag {
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
    match url.find([':', '/', '?', '#']) {
        Some(p) if url[p..].starts_with(':') => {
            let scheme = &url[..p];
            ["http", "https", "mailto"]
                .iter()
                .any(|s| s.eq_ignore_ascii_case(scheme))
                .then_some(SafeHref {
                    url,
                    external: true,
                })
        }
        _ => Some(SafeHref {
            url,
            external: url.starts_with("//"),
        }),
    }
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
/// (including line and block breaks) collapses to single spaces.
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
    !matches!(
        tag,
        Md::Emphasis
            | Md::Strong
            | Md::Strikethrough
            | Md::Superscript
            | Md::Subscript
            | Md::Link { .. }
            | Md::Image { .. }
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// A `<pre><code>` block for `code` in language `word` (the info string's first word). Only the
/// first [`HIGHLIGHT_LIMIT`] bytes are highlighted; a longer block's `<pre>` has
/// `data-plain-from` (the byte where plain text starts), which the app shows as a note.
pub fn code_block(word: &str, code: &str) -> Node {
    let cut = highlight_cut(code);
    let (head, tail) = code.split_at(cut);
    let mut children: Vec<Node> = highlight(Lang::from_name(word), head)
        .into_iter()
        .map(|(class, text)| match class.css_class() {
            None => Node::Text(text.to_owned()),
            Some(css) => Node::el(
                Tag::Span,
                vec![("class", css.to_owned())],
                vec![Node::Text(text.to_owned())],
            ),
        })
        .collect();
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
mod tests {
    use super::*;

    fn md(s: &str) -> Vec<Node> {
        render(s, &Options::default())
    }

    fn el(tag: Tag, attrs: &[(&'static str, &str)], children: Vec<Node>) -> Node {
        Node::el(
            tag,
            attrs.iter().map(|(n, v)| (*n, v.to_string())).collect(),
            children,
        )
    }

    fn text(s: &str) -> Node {
        Node::Text(s.to_owned())
    }

    fn walk<'a>(nodes: &'a [Node], f: &mut impl FnMut(&'a Node)) {
        for n in nodes {
            f(n);
            if let Node::Element { children, .. } = n {
                walk(children, f);
            }
        }
    }

    fn tags(nodes: &[Node]) -> Vec<Tag> {
        let mut out = Vec::new();
        walk(nodes, &mut |n| {
            if let Node::Element { tag, .. } = n {
                out.push(*tag);
            }
        });
        out
    }

    fn all_text(nodes: &[Node]) -> String {
        nodes.iter().map(Node::text_content).collect()
    }

    /// The invariants every rendered tree keeps, whatever the input.
    #[track_caller]
    fn assert_safe(nodes: &[Node]) {
        walk(nodes, &mut |n| {
            let Node::Element {
                tag,
                attrs,
                children,
            } = n
            else {
                return;
            };
            for (name, value) in attrs {
                assert!(
                    matches!(
                        *name,
                        "id" | "href"
                            | "title"
                            | "rel"
                            | "target"
                            | "class"
                            | "start"
                            | "type"
                            | "checked"
                            | "disabled"
                            | "data-lang"
                    ),
                    "unexpected attribute {name}={value:?}"
                );
                if *name == "href" {
                    assert_eq!(*tag, Tag::A);
                    let lower: String = value
                        .chars()
                        .filter(|c| !c.is_whitespace() && !c.is_control())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    let scheme_ok = ["http://", "https://", "mailto:"]
                        .iter()
                        .any(|s| lower.starts_with(s))
                        || !lower
                            .split(['/', '?', '#'])
                            .next()
                            .unwrap_or("")
                            .contains(':');
                    assert!(scheme_ok, "disallowed href {value:?}");
                    assert!(!value.contains('\\'), "backslash in href {value:?}");
                }
            }
            if tag.is_void() {
                assert!(children.is_empty());
            }
        });
    }

    #[test]
    fn paragraphs_and_inline_formatting() {
        assert_eq!(
            md("Some *em*, **strong**, ~~gone~~ and `co<de>`.\nNext line  \nbreak"),
            vec![el(
                Tag::P,
                &[],
                vec![
                    text("Some "),
                    el(Tag::Em, &[], vec![text("em")]),
                    text(", "),
                    el(Tag::Strong, &[], vec![text("strong")]),
                    text(", "),
                    el(Tag::Del, &[], vec![text("gone")]),
                    text(" and "),
                    el(Tag::Code, &[], vec![text("co<de>")]),
                    text(".\nNext line"),
                    el(Tag::Br, &[], vec![]),
                    text("break"),
                ]
            )]
        );
    }

    #[test]
    fn headings_shift_by_offset_and_get_ids() {
        let opts = Options {
            heading_offset: 2,
            id_prefix: String::new(),
        };
        assert_eq!(
            render("# Top\n\n#### Deep *one*\n\n###### Max", &opts),
            vec![
                el(Tag::H3, &[("id", "md-top")], vec![text("Top")]),
                el(
                    Tag::H6,
                    &[("id", "md-deep-one")],
                    vec![text("Deep "), el(Tag::Em, &[], vec![text("one")])]
                ),
                el(Tag::H6, &[("id", "md-max")], vec![text("Max")]),
            ]
        );
    }

    #[test]
    fn heading_ids_are_unique_within_a_render_and_prefixed() {
        let opts = Options {
            heading_offset: 0,
            id_prefix: "f-I2-".into(),
        };
        let nodes = render(
            "# Fix it\n## Fix it\n### fix-it\n## Fix it 1\n## !!!\n## ???",
            &opts,
        );
        let ids: Vec<&str> = nodes.iter().filter_map(|n| n.attr("id")).collect();
        assert_eq!(
            ids,
            [
                "f-I2-fix-it",
                "f-I2-fix-it-1",
                "f-I2-fix-it-2",
                "f-I2-fix-it-1-1",
                "f-I2-section",
                "f-I2-section-1"
            ]
        );
        // Fragment links follow the prefix.
        let link = render("[see](#fix-it)", &opts);
        assert_eq!(
            link,
            vec![el(
                Tag::P,
                &[],
                vec![el(Tag::A, &[("href", "#f-I2-fix-it")], vec![text("see")])]
            )]
        );
        // A second render starts over; without a prefix the ids are still in a namespace of
        // their own, never one of the app's (`#finding-search`, `#main`).
        assert_eq!(md("# Fix it")[0].attr("id"), Some("md-fix-it"));
        assert_eq!(
            md("# finding search")[0].attr("id"),
            Some("md-finding-search")
        );
        assert_eq!(md("# Main")[0].attr("id"), Some("md-main"));
        assert_eq!(
            md("[see](#main)"),
            vec![el(
                Tag::P,
                &[],
                vec![el(Tag::A, &[("href", "#md-main")], vec![text("see")])]
            )]
        );
    }

    #[test]
    fn lists_ordered_start_and_tasks() {
        assert_eq!(
            md("- a\n- b\n\n3. c\n4. d\n\n1) e\n\n* [x] done\n* [ ] todo"),
            vec![
                el(
                    Tag::Ul,
                    &[],
                    vec![
                        el(Tag::Li, &[], vec![text("a")]),
                        el(Tag::Li, &[], vec![text("b")])
                    ]
                ),
                el(
                    Tag::Ol,
                    &[("start", "3")],
                    vec![
                        el(Tag::Li, &[], vec![text("c")]),
                        el(Tag::Li, &[], vec![text("d")])
                    ]
                ),
                el(Tag::Ol, &[], vec![el(Tag::Li, &[], vec![text("e")])]),
                el(
                    Tag::Ul,
                    &[],
                    vec![
                        el(
                            Tag::Li,
                            &[("class", "task-list-item")],
                            vec![
                                el(
                                    Tag::Input,
                                    &[
                                        ("type", "checkbox"),
                                        ("class", "task-list-item-checkbox"),
                                        ("disabled", ""),
                                        ("checked", "")
                                    ],
                                    vec![]
                                ),
                                text("done")
                            ]
                        ),
                        el(
                            Tag::Li,
                            &[("class", "task-list-item")],
                            vec![
                                el(
                                    Tag::Input,
                                    &[
                                        ("type", "checkbox"),
                                        ("class", "task-list-item-checkbox"),
                                        ("disabled", "")
                                    ],
                                    vec![]
                                ),
                                text("todo")
                            ]
                        ),
                    ]
                ),
            ]
        );
    }

    #[test]
    fn blockquote_rule_and_nested_list() {
        assert_eq!(
            md("> quoted\n\n---\n\n- outer\n  - inner"),
            vec![
                el(
                    Tag::Blockquote,
                    &[],
                    vec![el(Tag::P, &[], vec![text("quoted")])]
                ),
                el(Tag::Hr, &[], vec![]),
                el(
                    Tag::Ul,
                    &[],
                    vec![el(
                        Tag::Li,
                        &[],
                        vec![
                            text("outer"),
                            el(Tag::Ul, &[], vec![el(Tag::Li, &[], vec![text("inner")])])
                        ]
                    )]
                ),
            ]
        );
    }

    #[test]
    fn tables_with_alignment() {
        let nodes =
            md("| Name | Count | Note |\n|:-----|------:|:----:|\n| a | 1 | x<br>y |\n| b | 2 | |");
        let cell = |tag, class: Option<&str>, children| match class {
            Some(c) => el(tag, &[("class", c)], children),
            None => el(tag, &[], children),
        };
        let l = Some("md-align-left");
        let r = Some("md-align-right");
        let c = Some("md-align-center");
        assert_eq!(
            nodes,
            vec![el(
                Tag::Table,
                &[],
                vec![
                    el(
                        Tag::Thead,
                        &[],
                        vec![el(
                            Tag::Tr,
                            &[],
                            vec![
                                cell(Tag::Th, l, vec![text("Name")]),
                                cell(Tag::Th, r, vec![text("Count")]),
                                cell(Tag::Th, c, vec![text("Note")]),
                            ]
                        )]
                    ),
                    el(
                        Tag::Tbody,
                        &[],
                        vec![
                            el(
                                Tag::Tr,
                                &[],
                                vec![
                                    cell(Tag::Td, l, vec![text("a")]),
                                    cell(Tag::Td, r, vec![text("1")]),
                                    cell(
                                        Tag::Td,
                                        c,
                                        vec![text("x"), el(Tag::Br, &[], vec![]), text("y")]
                                    ),
                                ]
                            ),
                            el(
                                Tag::Tr,
                                &[],
                                vec![
                                    cell(Tag::Td, l, vec![text("b")]),
                                    cell(Tag::Td, r, vec![text("2")]),
                                    cell(Tag::Td, c, vec![]),
                                ]
                            ),
                        ]
                    ),
                ]
            )]
        );
    }

    #[test]
    fn links_external_relative_and_email() {
        let nodes = md("[ext](https://github.com/x \"T\") [rel](../a/b.go#L3) [abs](/Users/j/x.ts#L236) <https://a.b/c> <me@x.org>");
        let mut links = Vec::new();
        walk(&nodes, &mut |n| {
            if let Node::Element {
                tag: Tag::A, attrs, ..
            } = n
            {
                links.push((n.text_content(), attrs.clone()));
            }
        });
        let ext = |href: &str| {
            vec![
                ("href", href.to_owned()),
                ("rel", "noopener noreferrer nofollow".to_owned()),
                ("target", "_blank".to_owned()),
            ]
        };
        let mut with_title = ext("https://github.com/x");
        with_title.insert(1, ("title", "T".to_owned()));
        assert_eq!(
            links,
            vec![
                ("ext".to_owned(), with_title),
                ("rel".to_owned(), vec![("href", "../a/b.go#L3".to_owned())]),
                (
                    "abs".to_owned(),
                    vec![("href", "/Users/j/x.ts#L236".to_owned())]
                ),
                ("https://a.b/c".to_owned(), ext("https://a.b/c")),
                ("me@x.org".to_owned(), ext("mailto:me@x.org")),
            ]
        );
    }

    #[test]
    fn images_become_links_and_are_never_loaded() {
        let nodes = md(
            "![diagram of flow](https://x.org/a.png) ![](rel/b.png) ![evil](javascript:alert(1))",
        );
        assert!(!tags(&nodes).iter().any(|t| t.name() == "img"));
        let p = &nodes[0];
        let Node::Element { children, .. } = p else {
            panic!("expected a paragraph, got {p:?}")
        };
        assert_eq!(children[0].attr("href"), Some("https://x.org/a.png"));
        assert_eq!(children[0].attr("class"), Some("md-image"));
        assert_eq!(children[0].text_content(), "diagram of flow");
        // No alt text: the address is the label.
        assert_eq!(children[2].attr("href"), Some("rel/b.png"));
        assert_eq!(children[2].text_content(), "rel/b.png");
        // A disallowed image address: text only.
        assert_eq!(children[4].attr("href"), None);
        assert_eq!(children[4].text_content(), "evil");
        assert_safe(&nodes);
    }

    #[test]
    fn code_blocks_carry_language_and_tokens() {
        let nodes = md("```bash repro\necho \"hi\" # c\n```\n\n    indented <b>\n");
        assert_eq!(nodes.len(), 2);
        let Node::Element {
            tag: Tag::Pre,
            children,
            ..
        } = &nodes[0]
        else {
            panic!("expected pre, got {:?}", nodes[0])
        };
        let code = &children[0];
        assert_eq!(code.attr("data-lang"), Some("bash"));
        assert_eq!(code.attr("class"), Some("language-bash"));
        assert_eq!(code.text_content(), "echo \"hi\" # c\n");
        let Node::Element { children: toks, .. } = code else {
            unreachable!()
        };
        let string = toks
            .iter()
            .find(|t| t.text_content() == "\"hi\"")
            .expect("string token");
        assert_eq!(string.attr("class"), Some("tok-str"));
        let comment = toks
            .iter()
            .find(|t| t.text_content() == "# c")
            .expect("comment");
        assert_eq!(comment.attr("class"), Some("tok-com"));
        // Indented code: no language, text kept verbatim.
        assert_eq!(
            nodes[1],
            el(
                Tag::Pre,
                &[("class", "md-code")],
                vec![el(Tag::Code, &[], vec![text("indented <b>\n")])]
            )
        );
    }

    #[test]
    fn diff_blocks_get_line_classes() {
        let nodes = md("```diff\n@@ -1 +1 @@\n-old\n+new\n same\n```");
        assert_eq!(nodes[0].attr("class"), Some("md-code md-diff"));
        let mut lines = Vec::new();
        walk(&nodes, &mut |n| {
            if let (Some(class), Tag::Span) = (
                n.attr("class"),
                match n {
                    Node::Element { tag, .. } => *tag,
                    Node::Text(_) => Tag::P,
                },
            ) {
                lines.push((class.to_owned(), n.text_content()));
            }
        });
        assert_eq!(
            lines,
            vec![
                ("diff-line diff-hunk".to_owned(), "@@ -1 +1 @@".to_owned()),
                ("diff-line diff-del".to_owned(), "-old".to_owned()),
                ("diff-line diff-add".to_owned(), "+new".to_owned()),
            ]
        );
        assert_eq!(all_text(&nodes), "@@ -1 +1 @@\n-old\n+new\n same\n");
    }

    #[test]
    fn raw_html_blocks_and_inline_become_text() {
        let hostile = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<div style=\"position:fixed\">over</div>",
            "<!-- comment -->",
            "<details><summary>s</summary>hidden</details>",
        ];
        for h in hostile {
            for input in [
                h.to_owned(),
                format!("text {h} more"),
                format!("- item {h}"),
            ] {
                let nodes = md(&input);
                assert_safe(&nodes);
                // Only the Markdown's own structure: a paragraph (the raw-HTML block is a
                // paragraph of text) or a list with its item.
                for t in tags(&nodes) {
                    assert!(
                        matches!(t, Tag::P | Tag::Ul | Tag::Li),
                        "{input:?} produced a {t:?}"
                    );
                }
                assert!(all_text(&nodes).contains(h), "{input:?} must stay visible");
            }
        }
        let block = md("<div>\n<script>x</script>\n</div>");
        assert_eq!(
            block,
            vec![el(
                Tag::P,
                &[("class", "md-raw-html")],
                vec![text("<div>\n<script>x</script>\n</div>")]
            )]
        );
    }

    #[test]
    fn an_upper_case_end_tag_ends_the_raw_html_block() {
        for (open, close) in [
            ("<SCRIPT>", "</SCRIPT>"),
            ("<style>", "</Style>"),
            ("<PRE>", "</PRE>"),
            ("<textarea>", "</TEXTAREA>"),
        ] {
            let raw = format!("{open}\nalert(1)\n{close}");
            let nodes = md(&format!("{raw}\n\nNext **paragraph**.\n\n- an item\n"));
            assert_safe(&nodes);
            assert_eq!(
                nodes.first(),
                Some(&el(
                    Tag::P,
                    &[("class", "md-raw-html")],
                    vec![text(&format!("{raw}\n"))]
                )),
                "{open}: the raw block shows the report's text as written"
            );
            assert_eq!(
                tags(&nodes),
                vec![Tag::P, Tag::P, Tag::Strong, Tag::Ul, Tag::Li],
                "{open}: the paragraphs after the block are rendered"
            );
            assert_eq!(
                plain_text(&format!("{raw}\n\nafter")),
                raw.replace('\n', " ") + " after"
            );
        }
    }

    #[test]
    fn html_in_headings_code_spans_tables_and_fences_stays_text() {
        let cases = [
            ("# Title <script>alert(1)</script>", vec![Tag::H1]),
            ("`<img src=x onerror=alert(1)>`", vec![Tag::P, Tag::Code]),
            (
                "| a | b |\n|---|---|\n| <svg onload=x> | <script>y</script> |",
                vec![
                    Tag::Table,
                    Tag::Thead,
                    Tag::Tr,
                    Tag::Th,
                    Tag::Th,
                    Tag::Tbody,
                    Tag::Tr,
                    Tag::Td,
                    Tag::Td,
                ],
            ),
        ];
        for (input, expected) in cases {
            let nodes = md(input);
            assert_eq!(tags(&nodes), expected, "{input:?}");
            assert!(all_text(&nodes).contains('<'), "{input:?}");
            assert_safe(&nodes);
        }
        let fence = "```html\n</code></pre><script>alert(1)</script>\n```";
        let nodes = md(fence);
        assert_eq!(all_text(&nodes), "</code></pre><script>alert(1)</script>\n");
        for t in tags(&nodes) {
            assert!(matches!(t, Tag::Pre | Tag::Code | Tag::Span), "{t:?}");
        }
        // Even an unclosed fence keeps everything as code text.
        let nodes = md("```\n<script>x</script>");
        assert_eq!(tags(&nodes), vec![Tag::Pre, Tag::Code]);
    }

    #[test]
    fn hostile_links_lose_their_href() {
        let hostile = [
            "[a](javascript:alert(1))",
            "[a](JaVaScRiPt:alert(1))",
            "[a](java&#9;script:alert(1))",
            "[a](java&#10;script:alert(1))",
            "[a](&#106;avascript:alert(1))",
            "[a](&#x20;javascript:alert(1))",
            "[a](<java script:alert(1)>)",
            "[a](\u{0001}javascript:alert(1))",
            "[a](data:text/html;base64,PHNjcmlwdD4=)",
            "[a](vbscript:msgbox(1))",
            "[a](file:///etc/passwd)",
            "[a](/\\evil.example)",
            "[a](\\\\evil.example)",
            "[a](https:\\\\evil.example)",
            "[a][r]\n\n[r]: javascript:alert(1)",
            "<javascript:alert(1)>",
            "<data:text/html,x>",
            "![a](javascript:alert(1))",
            "[a]()",
        ];
        for input in hostile {
            let nodes = md(input);
            assert_safe(&nodes);
            let mut anchors = 0;
            walk(&nodes, &mut |n| {
                if matches!(n, Node::Element { tag: Tag::A, .. }) {
                    anchors += 1;
                }
            });
            assert_eq!(anchors, 0, "{input:?} must not produce a link: {nodes:?}");
            assert!(!all_text(&nodes).is_empty(), "{input:?} keeps its text");
        }
    }

    #[test]
    fn safe_href_rules() {
        let ok = [
            ("https://x.org/a?b#c", true),
            ("HTTP://X.ORG", true),
            ("mailto:a@b.c", true),
            ("//cdn.example/x", true),
            ("#frag", false),
            ("/abs/path", false),
            ("rel/path.go", false),
            ("../up", false),
            ("./here:colon", false),
            ("?q=1", false),
            ("  https://padded  ", true),
        ];
        for (url, external) in ok {
            let h = safe_href(url).unwrap_or_else(|| panic!("{url:?} should pass"));
            assert_eq!(h.external, external, "{url:?}");
            assert_eq!(h.url, url.trim());
        }
        for bad in [
            "javascript:x",
            " javascript:x",
            "java\tscript:x",
            "java\nscript:x",
            "\u{7f}javascript:x",
            "data:x",
            "vbscript:x",
            "file:x",
            "foo.go:12",
            "/\\evil",
            "",
            "  ",
        ] {
            assert_eq!(safe_href(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn inline_has_no_block_wrapper() {
        assert_eq!(
            inline("**Race** in `Run()` — see [doc](https://x.y)"),
            vec![
                el(Tag::Strong, &[], vec![text("Race")]),
                text(" in "),
                el(Tag::Code, &[], vec![text("Run()")]),
                text(" — see "),
                el(
                    Tag::A,
                    &[
                        ("href", "https://x.y"),
                        ("rel", "noopener noreferrer nofollow"),
                        ("target", "_blank")
                    ],
                    vec![text("doc")]
                ),
            ]
        );
        // Block syntax in a title is flattened, not rendered as blocks.
        let nodes = inline("# Heading-like\n> quote\n\n```\ncode\n```");
        assert_eq!(tags(&nodes), vec![Tag::Code]);
        assert_eq!(all_text(&nodes), "Heading-like quote code\n");
        assert_eq!(inline(""), vec![]);
        assert_eq!(inline("<b>x</b>"), vec![text("<b>x</b>")]);
    }

    #[test]
    fn plain_text_strips_markdown() {
        assert_eq!(
            plain_text(
                "**Bold** _em_ `code` [link](https://x) ~~old~~\n\n- item  one\n- <b>two</b>"
            ),
            "Bold em code link old item one <b>two</b>"
        );
        assert_eq!(plain_text(""), "");
    }

    #[test]
    fn deep_nesting_is_flattened_not_overflowed() {
        fn depth(n: &Node) -> usize {
            match n {
                Node::Text(_) => 0,
                Node::Element { children, .. } => 1 + children.iter().map(depth).max().unwrap_or(0),
            }
        }
        let quotes = format!("{}deep", "> ".repeat(20_000));
        let lists: String = (0..2_000)
            .map(|i| format!("{}- l{i}\n", "  ".repeat(i)))
            .collect();
        let emphasis = format!("{}x{}", "*_".repeat(5_000), "_*".repeat(5_000));
        let table = format!(
            "{}| a |\n|---|\n| {} |",
            "> ".repeat(60),
            "**b** ".repeat(10)
        );
        for input in [&quotes, &lists, &emphasis, &table] {
            for nodes in [md(input), inline(input)] {
                let d = nodes.iter().map(depth).max().unwrap_or(0);
                assert!(d <= MAX_DEPTH, "depth {d}");
                assert_safe(&nodes);
            }
        }
        assert!(all_text(&md(&quotes)).contains("deep"));
        assert!(all_text(&md(&lists)).contains("l1999"));
        assert!(all_text(&md(&table)).contains('b'));
    }

    #[test]
    fn corpus_reports_render_safely() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/lima");
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!("skipping corpus_reports_render_safely: {dir} not found");
            return;
        };
        let mut files = 0;
        let mut blocks = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some("md") {
                continue;
            }
            let Ok(src) = std::fs::read_to_string(&path) else {
                continue;
            };
            files += 1;
            let nodes = md(&src);
            assert_safe(&nodes);
            // Every fenced block's text survives highlighting unchanged.
            let mut code = None;
            for (event, _) in crate::parse::cmark::events(&src, parser_options()) {
                match event {
                    Event::Start(Md::CodeBlock(kind)) => {
                        let word = match kind {
                            CodeBlockKind::Fenced(info) => lang_word(&info),
                            CodeBlockKind::Indented => String::new(),
                        };
                        code = Some((word, String::new()));
                    }
                    Event::Text(t) => {
                        if let Some((_, c)) = &mut code {
                            c.push_str(&t);
                        }
                    }
                    Event::End(TagEnd::CodeBlock) => {
                        if let Some((word, c)) = code.take() {
                            blocks += 1;
                            assert_eq!(code_block(&word, &c).text_content(), c, "{path:?}");
                        }
                    }
                    _ => {}
                }
            }
        }
        assert!(
            files > 0 && blocks > 0,
            "corpus present but nothing checked"
        );
        eprintln!("rendered {files} corpus reports, {blocks} code blocks");
    }
}
