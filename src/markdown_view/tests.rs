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
    let nodes =
        md("![diagram of flow](https://x.org/a.png) ![](rel/b.png) ![evil](javascript:alert(1))");
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
        plain_text("**Bold** _em_ `code` [link](https://x) ~~old~~\n\n- item  one\n- <b>two</b>"),
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
