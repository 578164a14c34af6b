//! Accessibility fix-ups of a rendered Markdown tree (`markdown_view`), applied by the app to
//! every report body:
//! - a `| | |` table (an empty header row, the usual shape of a key/value header table) loses
//!   its header row: no empty `<th>` cells for screen readers (axe `empty-table-header`);
//! - headings never skip a level below the heading they sit under (axe `heading-order`): an
//!   agent's review in the appendix that jumps from `#` to `###` comes out one level at a time.

use crate::markdown_view::{Node, Tag};

fn level(tag: Tag) -> Option<u8> {
    Some(match tag {
        Tag::H1 => 1,
        Tag::H2 => 2,
        Tag::H3 => 3,
        Tag::H4 => 4,
        Tag::H5 => 5,
        Tag::H6 => 6,
        _ => return None,
    })
}

/// Both fix-ups; `parent` is the level of the heading the body sits under (0: not known: then
/// the body's first heading keeps its level and the next ones step from it).
pub fn tidy(nodes: &mut [Node], parent: u8) {
    drop_empty_table_heads(nodes);
    let mut prev = if parent == 0 {
        first_heading(nodes).map_or(0, |f| f.saturating_sub(1))
    } else {
        parent
    };
    step_headings(nodes, parent, &mut prev);
}

fn first_heading(nodes: &[Node]) -> Option<u8> {
    nodes.iter().find_map(|n| match n {
        Node::Element { tag, children, .. } => level(*tag).or_else(|| first_heading(children)),
        Node::Text(_) => None,
    })
}

/// Removes every `<thead>` whose header cells are all empty.
pub fn drop_empty_table_heads(nodes: &mut [Node]) {
    for n in nodes.iter_mut() {
        if let Node::Element { tag, children, .. } = n {
            if *tag == Tag::Table {
                children.retain(|c| {
                    !(matches!(
                        c,
                        Node::Element {
                            tag: Tag::Thead,
                            ..
                        }
                    ) && c.text_content().trim().is_empty())
                });
            } else {
                drop_empty_table_heads(children);
            }
        }
    }
}

/// Lowers each heading so it is at most one level below the previous one (and below `parent`).
fn step_headings(nodes: &mut [Node], parent: u8, prev: &mut u8) {
    for n in nodes.iter_mut() {
        if let Node::Element { tag, children, .. } = n {
            match level(*tag) {
                Some(l) => {
                    let l = l.max(parent + 1).min(*prev + 1).min(6);
                    *tag = Tag::heading(l);
                    *prev = l;
                }
                None => step_headings(children, parent, prev),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown_view::{render, Options};

    fn tags(nodes: &[Node], out: &mut Vec<&'static str>) {
        for n in nodes {
            if let Node::Element { tag, children, .. } = n {
                if level(*tag).is_some() || matches!(tag, Tag::Thead | Tag::Th) {
                    out.push(tag.name());
                }
                tags(children, out);
            }
        }
    }

    #[test]
    fn empty_header_rows_go_and_real_ones_stay() {
        let mut nodes = render(
            "| | |\n|---|---|\n| **Addressed** | 2026-04-28 |\n\n| # | Finding |\n|---|---|\n| 1 | I1 |\n",
            &Options::default(),
        );
        tidy(&mut nodes, 2);
        let mut t = vec![];
        tags(&nodes, &mut t);
        assert_eq!(
            t,
            ["thead", "th", "th"],
            "only the second table keeps a header"
        );
        let text: String = nodes.iter().map(Node::text_content).collect();
        assert!(
            text.contains("Addressed") && text.contains("2026-04-28"),
            "rows kept"
        );
    }

    #[test]
    fn headings_step_down_one_level_at_a_time() {
        // As the app renders an appendix body: `#` under an h3 is an h4.
        let opts = Options {
            heading_offset: 3,
            ..Options::default()
        };
        let mut nodes = render(
            "# Review\n\n### Findings\n\n#### Detail\n\n## Next\n",
            &opts,
        );
        tidy(&mut nodes, 3);
        let mut t = vec![];
        tags(&nodes, &mut t);
        assert_eq!(t, ["h4", "h5", "h6", "h5"]);
        let mut flat = render("## A\n\n## B\n", &Options::default());
        tidy(&mut flat, 1);
        let mut t = vec![];
        tags(&flat, &mut t);
        assert_eq!(t, ["h2", "h2"], "levels already in order stay");
        let mut card = render("Body.\n\n## Sub\n\n#### Deeper\n", &Options::default());
        tidy(&mut card, 0);
        let mut t = vec![];
        tags(&card, &mut t);
        assert_eq!(t, ["h2", "h3"], "the first heading keeps its level");
    }
}
