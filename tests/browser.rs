//! Browser tests (wasm-bindgen-test in headless Chromium): the report view's DOM hooks
//! (DESIGN §5), expand/collapse, filters changing cards and counts, keyboard stepping, and the
//! UI's pure helpers.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser`
#![cfg(target_arch = "wasm32")]

use deep_review::app::report::ReportView;
use deep_review::app::util;
use deep_review::model::{
    Commit, Finding, Location, Meta, PullRequest, Repo, Review, Reviewer, Round, Status, Verdict,
};
use leptos::prelude::*;
use leptos_router::components::Router;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;

/// A finding of the sample report (its severity from the id's letter).
fn finding(id: &str, status: Status, agents: &[&str], kinds: &[&str]) -> Finding {
    common::finding(id)
        .titled(&format!("Title of {id}"), &format!("Title of `{id}`"))
        .at("pkg/a.go", 10, Some(12))
        .by(agents)
        .kinds(kinds)
        .status(
            status,
            (status == Status::Resolved).then_some("FIXED: in abc123"),
        )
        .body(&format!(
            "Body of {id} with <script>alert(1)</script> as text."
        ))
        .build()
}

fn sample() -> Review {
    Review {
        slug: "20260101-000000-pr-7".into(),
        title: "Deep Review: 20260101-000000-pr-7".into(),
        meta: Meta {
            date: "2026-01-01T10:00".into(),
            repo: Some(Repo {
                name: "acme/widgets".into(),
                url: Some("https://github.com/acme/widgets".into()),
            }),
            round: Some(Round {
                number: 3,
                of: None,
                text: "3".into(),
            }),
            pr: Some(PullRequest {
                number: 7,
                url: Some("https://github.com/acme/widgets/pull/7".into()),
                title: Some("Make widgets faster".into()),
            }),
            branch: Some("fast-widgets".into()),
            review_sha: Some("0123456789abcdef".into()),
            commits: vec![Commit {
                sha: "aaaaaaa1".into(),
                subject: "Speed up".into(),
            }],
            reviewers: vec![
                Reviewer {
                    name: "Claude Opus 4.6".into(),
                    family: "Claude".into(),
                    effort: Some("xhigh".into()),
                    note: None,
                },
                Reviewer {
                    name: "Codex GPT 5.4".into(),
                    family: "Codex".into(),
                    effort: None,
                    note: None,
                },
            ],
            verdict: Some(Verdict {
                label: "Merge with fixes".into(),
                text: "Fix C1 first.".into(),
            }),
            wall_clock_seconds: Some(725),
            ..Meta::default()
        },
        summary_md: "A summary.".into(),
        findings: vec![
            finding("C1", Status::Open, &["Claude Opus 4.6"], &["regression"]),
            finding(
                "I1",
                Status::Resolved,
                &["Claude Opus 4.6", "Codex GPT 5.4"],
                &["gap"],
            ),
            finding("S1", Status::Open, &["Codex GPT 5.4"], &[]),
            finding("S2", Status::Open, &["Consolidator"], &["gap"]),
        ],
        ..Review::default()
    }
}

/// Reset the address bar's query so tests do not see each other's filters.
fn reset_url(query: &str) {
    let w = window();
    let path = w.location().pathname().unwrap_or_else(|_| "/".into());
    let _ = w.history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some(&format!("{path}{query}")),
    );
}

/// Mount the report view in a fresh element; dropping the handle unmounts it (and removes its
/// window listeners).
fn mount_report(review: Review) -> (web_sys::HtmlElement, impl Sized) {
    let parent: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&parent).unwrap();
    let review = Arc::new(review);
    let handle = leptos::mount::mount_to(parent.clone(), move || {
        view! {
            <Router>
                {
                    deep_review::app::shell::provide_app_contexts();
                    view! { <ReportView review=review src="test".to_string() /> }
                }
            </Router>
        }
    });
    (parent, handle)
}

fn all(root: &web_sys::HtmlElement, sel: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(sel).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

fn one(root: &web_sys::HtmlElement, sel: &str) -> web_sys::HtmlElement {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {sel}"))
        .unchecked_into()
}

fn card_ids(root: &web_sys::HtmlElement) -> Vec<String> {
    all(root, "article[data-finding-id]:not([hidden])")
        .iter()
        .filter_map(|e| e.get_attribute("data-finding-id"))
        .collect()
}

/// Let the router and reactive system settle (navigation is asynchronous).
async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
}

#[wasm_bindgen_test]
async fn cards_carry_the_dom_contract() {
    reset_url("");
    let (root, handle) = mount_report(sample());
    settle().await;
    assert_eq!(card_ids(&root), ["C1", "I1", "S1", "S2"]);
    let i1 = one(&root, r#"article[data-finding-id="I1"]"#);
    assert_eq!(
        i1.get_attribute("data-severity").as_deref(),
        Some("important")
    );
    assert_eq!(i1.get_attribute("data-status").as_deref(), Some("resolved"));
    assert_eq!(
        i1.get_attribute("data-agents").as_deref(),
        Some("Claude Opus 4.6|Codex GPT 5.4")
    );
    let title = one(
        &root,
        r#"article[data-finding-id="I1"] [data-role="title"]"#,
    );
    assert_eq!(title.text_content().unwrap().trim(), "Title of I1");
    // The resolved finding shows its note.
    assert!(i1.text_content().unwrap().contains("FIXED: in abc123"));
    // Header facts.
    let text = root.text_content().unwrap();
    for needle in [
        "Merge with fixes",
        "Round 3 of PR #7",
        "fast-widgets",
        "Claude Opus 4.6",
        "xhigh",
        "12 min 5 s",
    ] {
        assert!(text.contains(needle), "header shows {needle}");
    }
    // A location links to the file at the Review SHA.
    let link = one(&root, r#"article[data-finding-id="C1"] .locations a"#);
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://github.com/acme/widgets/blob/0123456789abcdef/pkg/a.go#L10-L12")
    );
    // Raw HTML in a body is text, never markup.
    assert!(all(&root, "article script").is_empty());
    assert!(one(&root, r#"article[data-finding-id="C1"]"#)
        .text_content()
        .unwrap()
        .contains("<script>"));
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn critical_and_important_start_open_and_buttons_toggle() {
    reset_url("");
    let (root, handle) = mount_report(sample());
    settle().await;
    let expanded = |id: &str| {
        one(
            &root,
            &format!(r#"article[data-finding-id="{id}"] button[aria-expanded]"#),
        )
        .get_attribute("aria-expanded")
        .unwrap()
    };
    assert_eq!(expanded("C1"), "true");
    assert_eq!(expanded("I1"), "true");
    assert_eq!(expanded("S1"), "false");
    let body = one(&root, r#"article[data-finding-id="S1"] .finding-body"#);
    assert!(body.hidden(), "a collapsed body is hidden");
    one(
        &root,
        r#"article[data-finding-id="S1"] button[aria-expanded]"#,
    )
    .click();
    settle().await;
    assert_eq!(expanded("S1"), "true");
    assert!(!body.hidden());
    assert!(body.text_content().unwrap().contains("Body of S1"));
    one(
        &root,
        r#"article[data-finding-id="C1"] button[aria-expanded]"#,
    )
    .click();
    settle().await;
    assert_eq!(expanded("C1"), "false");
    drop(handle);
    root.remove();
}

fn count_of(root: &web_sys::HtmlElement, facet: &str, value: &str) -> String {
    one(
        root,
        &format!(r#"[data-filter="{facet}"][data-value="{value}"] [data-role="count"]"#),
    )
    .text_content()
    .unwrap()
}

#[wasm_bindgen_test]
async fn filter_clicks_change_cards_counts_and_url() {
    reset_url("");
    let (root, handle) = mount_report(sample());
    settle().await;
    assert_eq!(count_of(&root, "severity", "suggestion"), "2");
    assert_eq!(count_of(&root, "status", "open"), "3");
    assert_eq!(count_of(&root, "agent", "codex"), "2");

    let sugg = one(
        &root,
        r#"[data-filter="severity"][data-value="suggestion"]"#,
    );
    assert_eq!(sugg.get_attribute("aria-pressed").as_deref(), Some("false"));
    sugg.click();
    settle().await;
    assert_eq!(card_ids(&root), ["S1", "S2"]);
    assert_eq!(sugg.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert!(window()
        .location()
        .search()
        .unwrap()
        .contains("sev=suggestion"));
    // Counts of other facets follow the severity filter; the severity facet's own do not.
    assert_eq!(count_of(&root, "status", "open"), "2");
    assert_eq!(count_of(&root, "severity", "critical"), "1");
    assert_eq!(count_of(&root, "agent", "codex"), "1");

    // NOT Codex within the suggestions leaves S2.
    let codex_not = one(
        &root,
        r#"[data-filter="agent"][data-value="codex"] + .not-toggle"#,
    );
    codex_not.click();
    settle().await;
    assert_eq!(card_ids(&root), ["S2"]);

    // An impossible text search shows the empty state, which can clear everything.
    reset_url("?sev=critical&q=no-such-words");
    let _ = window().dispatch_event(&web_sys::Event::new("popstate").unwrap());
    settle().await;
    assert!(card_ids(&root).is_empty());
    assert!(root.text_content().unwrap().contains("No findings match"));
    one(&root, ".empty-state button").click();
    settle().await;
    assert_eq!(card_ids(&root).len(), 4);
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn finding_param_opens_the_card_and_j_steps() {
    reset_url("?finding=S2");
    let (root, handle) = mount_report(sample());
    settle().await;
    let s2 = one(
        &root,
        r#"article[data-finding-id="S2"] button[aria-expanded]"#,
    );
    assert_eq!(s2.get_attribute("aria-expanded").as_deref(), Some("true"));
    let press = |key: &str| {
        // new KeyboardEvent("keydown", { key, bubbles: true })
        let init = js_sys::Object::new();
        js_sys::Reflect::set(&init, &"key".into(), &key.into()).unwrap();
        js_sys::Reflect::set(&init, &"bubbles".into(), &true.into()).unwrap();
        let ctor: js_sys::Function = js_sys::Reflect::get(&window(), &"KeyboardEvent".into())
            .unwrap()
            .unchecked_into();
        let args = js_sys::Array::of2(&"keydown".into(), &init);
        let ev: web_sys::Event = js_sys::Reflect::construct(&ctor, &args)
            .unwrap()
            .unchecked_into();
        let _ = document().body().unwrap().dispatch_event(&ev);
    };
    press("k");
    settle().await;
    assert!(window().location().search().unwrap().contains("finding=S1"));
    // S2 is no longer current, so it folds back; S1 is open.
    assert_eq!(s2.get_attribute("aria-expanded").as_deref(), Some("false"));
    press("o");
    settle().await;
    let s1 = one(
        &root,
        r#"article[data-finding-id="S1"] button[aria-expanded]"#,
    );
    assert_eq!(s1.get_attribute("aria-expanded").as_deref(), Some("false"));
    press("x");
    settle().await;
    // Every finding card opens (other disclosure buttons, such as the narrow-screen
    // "Filters (n)" toggle, are not findings).
    assert!(all(&root, "article[data-finding-id] button[aria-expanded]")
        .iter()
        .all(|b| b.get_attribute("aria-expanded").as_deref() == Some("true")));
    drop(handle);
    root.remove();
}

/// Poll `cond` (after letting the app run) for up to `ms` milliseconds.
async fn wait_until(ms: u32, cond: impl Fn() -> bool) -> bool {
    for _ in 0..ms / 20 {
        if cond() {
            return true;
        }
        leptos::task::tick().await;
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    cond()
}

#[wasm_bindgen_test]
async fn a_missing_src_is_an_alert_naming_the_address() {
    reset_url("?src=no/such-report.md");
    let parent: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&parent).unwrap();
    let handle = leptos::mount::mount_to(parent.clone(), deep_review::app::App);
    let alert_text = || {
        all(&parent, r#"[role="alert"]"#)
            .iter()
            .filter_map(|e| e.text_content())
            .find(|t| t.contains("such-report.md"))
    };
    assert!(
        wait_until(5000, || alert_text().is_some()).await,
        "an alert names the file"
    );
    let text = alert_text().unwrap();
    assert!(
        text.contains("404"),
        "the alert gives the HTTP status: {text}"
    );
    // Nothing is being loaded any more.
    assert!(all(&parent, r#"[data-role="loading"]"#)
        .iter()
        .all(|e| !e.text_content().unwrap_or_default().contains("such-report")));
    drop(handle);
    parent.remove();
    reset_url("");
}

#[wasm_bindgen_test]
fn pure_helpers() {
    assert_eq!(util::format_duration(45), "45 s");
    assert_eq!(util::format_duration(725), "12 min 5 s");
    assert_eq!(util::format_duration(3600), "1 h");
    assert_eq!(
        deep_review::markdown_view::safe_href("javascript:alert(1)"),
        None
    );
    assert_eq!(deep_review::markdown_view::safe_href(" JaVaScRiPt:x"), None);
    assert_eq!(
        deep_review::markdown_view::safe_href("data:text/html,x"),
        None
    );
    assert!(deep_review::markdown_view::safe_href("https://example.com/a").is_some());
    assert!(deep_review::markdown_view::safe_href("reviews/a.md").is_some());
    assert!(deep_review::markdown_view::safe_href("mailto:a@b.c").is_some());
    let loc = Location {
        path: "./src/x.rs".into(),
        start_line: Some(5),
        end_line: None,
        text: "src/x.rs:5".into(),
    };
    assert_eq!(
        util::location_href(Some("https://github.com/o/r"), Some("main"), &loc).as_deref(),
        Some("https://github.com/o/r/blob/main/src/x.rs#L5")
    );
    assert_eq!(
        util::location_href(Some("https://example.org/o/r"), Some("main"), &loc),
        None
    );
    assert_eq!(util::location_href(None, Some("main"), &loc), None);
    // One colour per family, whatever the model.
    assert_eq!(
        util::family_slot("Claude Opus 4.6"),
        util::family_slot("Claude Sonnet 4")
    );
    assert_ne!(
        util::family_slot("Claude Opus 4.6"),
        util::family_slot("Codex GPT 5.4")
    );
    assert_eq!(util::family_slot("Consolidator"), None);
    let slot = util::family_slot("Mistral Large").unwrap();
    assert!(slot < util::FAMILY_SLOTS);
}

#[wasm_bindgen_test]
async fn a_review_sha_with_a_note_is_one_header_row() {
    reset_url("");
    let mut review = sample();
    // What the parser gives for `| **Review SHA** | `0123…` (agents reviewed an older tip) |`.
    review.meta.extra.insert(
        "Review SHA".into(),
        "`0123456789abcdef` (agents reviewed an older tip)".into(),
    );
    let (root, _handle) = mount_report(review);
    settle().await;
    let rows: Vec<_> = all(&root, ".meta-grid dt")
        .into_iter()
        .filter(|dt| dt.text_content().unwrap_or_default() == "Review SHA")
        .collect();
    assert_eq!(rows.len(), 1, "Review SHA shown once");
    let value = rows[0]
        .next_element_sibling()
        .and_then(|dd| dd.text_content())
        .unwrap_or_default();
    assert!(value.contains("0123456789abcdef"), "{value}");
    assert!(value.contains("agents reviewed an older tip"), "{value}");
    root.remove();
}
