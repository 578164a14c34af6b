//! File references in the app's sense: the pure resolution lives in `parse::paths` (the
//! rendered-text reader needs it too, and `parse` imports only `model`); this module adds the
//! Markdown tree rewrite that links `file:line` code spans of prose.

pub use crate::parse::paths::{
    code_span_location, full_path, split_glued_location, PathIndex, Resolved,
};

use crate::markdown_view::{Node, Tag};
use crate::model::Location;

/// Wrap each `code` span of prose that names a file (`pkg/a.go:12`, `main.ts:3`) in a link
/// given by `href` (not inside links or code blocks).
pub fn link_code_spans(nodes: &mut [Node], href: &dyn Fn(&Location) -> Option<String>) {
    for n in nodes.iter_mut() {
        let Node::Element { tag, children, .. } = n else {
            continue;
        };
        match tag {
            Tag::Pre | Tag::A => continue,
            Tag::Code => {
                let text = n.text_content();
                if let Some(url) = code_span_location(&text).as_ref().and_then(href) {
                    let code = std::mem::replace(n, Node::Text(String::new()));
                    *n = Node::Element {
                        tag: Tag::A,
                        attrs: vec![
                            ("href", url),
                            ("class", "code-ref".to_string()),
                            ("rel", crate::markdown_view::EXTERNAL_REL.to_string()),
                            ("target", "_blank".to_string()),
                        ],
                        children: vec![code],
                    };
                }
            }
            _ => link_code_spans(children, href),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_become_links_outside_code_blocks_and_links() {
        let mut nodes = crate::markdown_view::render(
            "See `pkg/a.go:3` and [`pkg/b.go:4`](https://x.test/) and `x`.\n\n```\npkg/c.go:5\n```\n",
            &Default::default(),
        );
        link_code_spans(&mut nodes, &|l| {
            Some(format!(
                "https://repo.test/{}#L{}",
                l.path,
                l.start_line.unwrap_or(0)
            ))
        });
        let links: Vec<String> = collect(&nodes, Tag::A)
            .iter()
            .filter_map(|n| n.attr("href").map(str::to_string))
            .collect();
        assert_eq!(links, ["https://repo.test/pkg/a.go#L3", "https://x.test/"]);
    }

    fn collect(nodes: &[Node], want: Tag) -> Vec<Node> {
        let mut out = vec![];
        for n in nodes {
            if let Node::Element { tag, children, .. } = n {
                if *tag == want {
                    out.push(n.clone());
                }
                out.extend(collect(children, want));
            }
        }
        out
    }
}
