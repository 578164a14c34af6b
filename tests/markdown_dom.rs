//! Browser test of the safe Markdown components: hostile HTML stays text, only allowed links,
//! highlighted code, tables and task lists become real DOM nodes.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test markdown_dom`
#![cfg(target_arch = "wasm32")]
use deep_review::app::markdown::{InlineMarkdown, Markdown};
use leptos::prelude::*;
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

fn host() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}
use wasm_bindgen::JsCast;

#[wasm_bindgen_test]
async fn renders_dom() {
    let el = host();
    let md = "# Title <script>x</script>\n\n[ok](https://a.b) [bad](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n- [x] t\n\n| a | b |\n|:-|-:|\n| 1<br>2 | **z** |\n\n```go\nfunc main() {}\n```\n";
    let h = el.clone();
    let _handle = leptos::mount::mount_to(
        h,
        move || view! { <Markdown md=md heading_offset=1 id_prefix="p-"/> <InlineMarkdown md="**T** `c`"/> },
    );
    leptos::task::tick().await;
    let html = el.inner_html();
    web_sys::console::log_1(&html.clone().into());
    assert_eq!(el.query_selector_all("script").unwrap().length(), 0);
    assert_eq!(el.query_selector_all("img").unwrap().length(), 0);
    assert!(
        el.query_selector("h2#p-title-scriptxscript")
            .unwrap()
            .is_some(),
        "{html}"
    );
    let a = el.query_selector_all("a").unwrap();
    assert_eq!(a.length(), 1, "{html}");
    assert!(el
        .query_selector("a[href='https://a.b'][target=_blank][rel='noopener noreferrer nofollow']")
        .unwrap()
        .is_some());
    assert!(el
        .query_selector("input[type=checkbox][disabled][checked]")
        .unwrap()
        .is_some());
    assert!(el.query_selector("td.md-align-left br").unwrap().is_some());
    assert!(el
        .query_selector("td.md-align-right strong")
        .unwrap()
        .is_some());
    assert!(el
        .query_selector(".md-code-block button.md-copy")
        .unwrap()
        .is_some());
    assert!(el
        .query_selector("pre code.language-go span.tok-kw")
        .unwrap()
        .is_some());
    assert!(el
        .query_selector("span.md-inline > strong")
        .unwrap()
        .is_some());
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
}
