use super::*;

fn words(s: &str) -> Vec<T<'_>> {
    tokens(s).into_iter().map(|t| t.t).collect()
}

#[test]
fn raw_html_in_titles_stays_visible_text() {
    assert_eq!(
        plain_md("<script>x</script> & <img src=x onerror=\"a()\">"),
        "<script>x</script> & <img src=x onerror=\"a()\">"
    );
    assert_eq!(plain_md("one<br>two"), "one two");
}

#[test]
fn scanner_respects_code_spans_and_groups() {
    assert_eq!(
        words(" — `a.go:1-2`, `260-277` [Claude Opus 4.6] *(important, gap)*"),
        vec![
            T::Sep("—"),
            T::Code("a.go:1-2"),
            T::Sep(","),
            T::Code("260-277"),
            T::Bracket("Claude Opus 4.6"),
            T::Paren("important, gap"),
        ]
    );
    // A `]` or `)` inside a code span does not close the group.
    assert_eq!(words("[see `a]` here]"), vec![T::Bracket("see `a]` here")]);
    assert_eq!(
        words("([comment](https://x/y))"),
        vec![T::Paren("[comment](https://x/y)")]
    );
    assert_eq!(
        words("`unclosed and more"),
        vec![T::Word("`unclosed"), T::Word("and"), T::Word("more")]
    );
    assert_eq!(
        words(" -- FIXED: x"),
        vec![T::Sep("--"), T::Word("FIXED:"), T::Word("x")]
    );
}

#[test]
fn locations_in_every_written_form() {
    let mut prev = None;
    let mut out = Vec::new();
    parse_locations("cmd/limactl/shell.go:257,264,637-657", &mut prev, &mut out);
    parse_locations("260–277", &mut prev, &mut out);
    parse_locations(
        "limavm_lifecycle.go:56 + service.go:405",
        &mut prev,
        &mut out,
    );
    parse_locations("translations/README.md", &mut prev, &mut out);
    parse_locations("pkg/limayaml/defaults.go:~325-340", &mut prev, &mut out);
    let got: Vec<(&str, Option<u32>, Option<u32>, &str)> = out
        .iter()
        .map(|l| (l.path.as_str(), l.start_line, l.end_line, l.text.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "cmd/limactl/shell.go",
                Some(257),
                None,
                "cmd/limactl/shell.go:257"
            ),
            ("cmd/limactl/shell.go", Some(264), None, "264"),
            ("cmd/limactl/shell.go", Some(637), Some(657), "637-657"),
            ("cmd/limactl/shell.go", Some(260), Some(277), "260–277"),
            (
                "limavm_lifecycle.go",
                Some(56),
                None,
                "limavm_lifecycle.go:56"
            ),
            ("service.go", Some(405), None, "service.go:405"),
            (
                "translations/README.md",
                None,
                None,
                "translations/README.md"
            ),
            (
                "pkg/limayaml/defaults.go",
                Some(325),
                Some(340),
                "pkg/limayaml/defaults.go:~325-340"
            ),
        ]
    );
    assert!(looks_like_location("cmd/limactl/shell.go:438-443,460"));
    assert!(!looks_like_location("Does svc delete orphan running VMs"));
}

#[test]
fn agents_and_non_agents() {
    let f = Families::new(["Qwen3 Coder Next"].into_iter());
    assert_eq!(
        f.agents_in("Claude Opus 4.6, Codex GPT 5.4"),
        Some(vec!["Claude Opus 4.6".into(), "Codex GPT 5.4".into()])
    );
    assert_eq!(
        f.agents_in("Gemini 3.5 Flash, Consolidator")
            .map(|v| v.len()),
        Some(2)
    );
    assert!(f.agents_in("round 5 S4 unaddressed").is_none());
    assert!(f.agents_in("round 5 S9 / round 4 S2 unaddressed").is_none());
    assert!(f.is_agent("Gemma4 31B") && f.is_agent("GLM-4.7 Flash") && f.is_agent("`Claude`"));
    assert!(!f.is_agent("Claude's review"));
}

#[test]
fn kind_tags() {
    assert_eq!(
        parse_kind_tag("important, regression"),
        Some(vec!["regression".into()])
    );
    assert_eq!(
        parse_kind_tag("suggestion, regression — round 1 S4 unaddressed"),
        Some(vec!["regression".into()])
    );
    assert_eq!(
        parse_kind_tag("future, pre-existing"),
        Some(vec!["future".into(), "pre-existing".into()])
    );
    assert_eq!(
        parse_kind_tag("enhancement"),
        Some(vec!["enhancement".into()])
    );
    assert_eq!(parse_kind_tag("pass 2"), None);
    assert_eq!(parse_kind_tag("round 2 I1 unaddressed"), None);
    assert_eq!(
        kind_tag_at_end("text. (important, gap)\n"),
        Some(vec!["gap".into()])
    );
    assert_eq!(
        kind_tag_at_end("`(important, regression)`"),
        Some(vec!["regression".into()])
    );
    assert_eq!(
        kind_tag_at_end("*(in-scope)*"),
        Some(vec!["in-scope".into()])
    );
    assert_eq!(kind_tag_at_end("see (the file)"), None);
    assert_eq!(kind_tag_at_end(")))"), None);
}

#[test]
fn plain_text_strips_markdown() {
    assert_eq!(
        plain_md("`a**b` *em*  ~~x~~ [link](http://e)\nnext"),
        "a**b em x link next"
    );
    assert_eq!(
        leading_strong_md("**Merge as-is** -- rest"),
        Some(("Merge as-is".into(), 15))
    );
    assert_eq!(leading_strong_md("x **Merge**"), None);
}

/// `Plain::text` pushes an already collapsed text at once; on every kind of text it must give
/// what the word-by-word path gives, in any sequence of texts and breaks.
#[test]
fn collapsed_texts_are_pushed_as_the_word_path_would() {
    let texts = [
        "Title with — dash and é",
        "two  spaces",
        " lead",
        "trail ",
        "tab\there",
        "nbsp\u{a0}here",
        "thin\u{2009}space and\u{3000}ideographic",
        "line\nbreak",
        "vt\u{0b}x",
        "",
        " ",
        "a",
        "`code` [x] (y)",
    ];
    for a in texts {
        for b in texts {
            let (mut fast, mut slow) = (Plain::default(), Plain::default());
            fast.text(a);
            slow.words(a);
            fast.space = true;
            slow.space = true;
            fast.text(b);
            slow.words(b);
            assert_eq!(fast.out, slow.out, "{a:?} then {b:?}");
            assert_eq!(fast.space, slow.space, "{a:?} then {b:?}");
        }
        assert_eq!(is_collapsed(a), collapse_ws(a) == a, "{a:?}");
    }
}

/// `groups` steps over words without keeping them: it must find exactly the code spans,
/// brackets, parentheses and links `tokens` finds, at the same offsets.
#[test]
fn groups_are_the_group_tokens() {
    let is_group = |t: &Tok<'_>| matches!(t.t, T::Code(_) | T::Bracket(_) | T::Paren(_) | T::Link);
    for s in [
        "**Title** — `a.go:1` (important, gap) [Claude, Codex]",
        "word(paren) x[br]y a`b`c ``un`matched ```x``` — done",
        "[text](http://e/x_(y)) and (nested (parens)) — [unclosed ( ` tail",
        "é—[Gemma4 31B] –(minor) -- / + & : ; , ~~struck~~ `(important, regression)`",
        "((((((((((((((((((((((((((((((((",
        "````` ` `` ``` [`](`)` (`]`)",
        "",
    ] {
        let want: Vec<(T<'_>, usize, usize)> = tokens(s)
            .into_iter()
            .filter(is_group)
            .map(|t| (t.t, t.start, t.end))
            .collect();
        let got: Vec<(T<'_>, usize, usize)> = groups(s)
            .into_iter()
            .map(|t| (t.t, t.start, t.end))
            .collect();
        assert_eq!(got, want, "{s:?}");
    }
    assert_eq!(groups("a (b) [c]").len(), 2);
}
