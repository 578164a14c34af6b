//! Self-contained share links: the link to what is on screen ([`share_url`]), the `#z=`
//! fragment kept across view changes, and opening a `#z=` link ([`open_link`], or in steps
//! with [`link_target`] and [`LinkTarget::report`]). The fragment codec is the parent module.

use super::decode_fragment;
use crate::model::Review;
use crate::parse;
use crate::query::ViewState;

/// The `src=` prefix of reports kept in the browser's memory only (opened from a file, pasted,
/// or carried by a `#z=` link). The app's loader uses the same spelling.
pub const LOCAL_PREFIX: &str = "local:";

/// The link to what is on screen: `page` (origin and path; a query or fragment on it is
/// dropped), the state's query, and — for a report that exists only in this browser — the
/// report itself in the fragment: `z_fragment` is [`crate::share::encode_fragment`] of its text (browsers
/// never send a fragment to a server).
pub fn share_url(page: &str, state: &ViewState, z_fragment: Option<&str>) -> String {
    let page = page.split(['?', '#']).next().unwrap_or(page);
    let mut url = format!("{page}{}", state.to_search());
    if let Some(fragment) = z_fragment {
        url.push('#');
        url.push_str(fragment);
    }
    url
}

/// The fragment to keep when the app changes the view state (a filter, `finding=`, `view=`):
/// a `#z=` report stays while the state still shows an in-memory report (`src=local:…`), so a
/// reload shows the same screen; any other fragment is dropped, as is `#z=` when the state
/// moves to another report. Returns `""` or the fragment with its `#`.
pub fn kept_fragment<'a>(hash: &'a str, state: &ViewState) -> &'a str {
    let local = matches!(state.src.as_slice(), [one] if one.starts_with(LOCAL_PREFIX));
    if local && hash.starts_with("#z=") {
        hash
    } else {
        ""
    }
}

/// What a page opened with a `#z=` link shows.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkReport {
    /// The in-memory name of the report (`src=local:<name>` opens it).
    pub name: String,
    /// The query string to show: the link's own, with `src=` naming the report (`?…`).
    pub search: String,
    /// The report text and the parsed report, or what is wrong with the link, for an alert.
    pub result: Result<(String, Review), String>,
}

impl LinkReport {
    /// The `src=` value that opens the report.
    pub fn src(&self) -> String {
        format!("{LOCAL_PREFIX}{}", self.name)
    }
}

/// Reads a page address's query (`search`) and fragment (`hash`); `None` unless the fragment
/// is a `#z=` link. The report is named after the link's `src=local:<name>` when it has one
/// (a link made from a local file keeps its file name), else after the report's slug; every
/// other parameter (filters, `finding=`, `view=`) is kept.
pub fn open_link(search: &str, hash: &str) -> Option<LinkReport> {
    let target = link_target(search, hash)?;
    let result = match decode_fragment(&target.fragment) {
        Err(e) => Err(link_error(&e)),
        Ok(text) => match parse::parse_bytes(text.as_bytes()) {
            Ok(review) => Ok((text, review)),
            Err(e) => Err(format!(
                "The report inside this self-contained link could not be read: {e}"
            )),
        },
    };
    Some(target.report(result))
}

/// A page address with a `#z=` link, before its report is decoded ([`open_link`] in one go;
/// the app decodes in steps and parses in its worker, then calls [`LinkTarget::report`]).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkTarget {
    /// The fragment, without `#`.
    pub fragment: String,
    /// The name the link's `src=local:<name>` gives, if any.
    pub named: Option<String>,
    state: ViewState,
}

/// `Some` when `hash` is a `#z=` link.
pub fn link_target(search: &str, hash: &str) -> Option<LinkTarget> {
    let fragment = hash.trim().trim_start_matches('#');
    if !fragment.starts_with("z=") {
        return None;
    }
    let state = ViewState::from_query(search);
    let named = state
        .src
        .iter()
        .find_map(|s| s.strip_prefix(LOCAL_PREFIX))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    Some(LinkTarget {
        fragment: fragment.to_string(),
        named,
        state,
    })
}

/// What to tell a user whose link does not decode.
pub fn link_error(e: &crate::share::ShareError) -> String {
    format!("This self-contained link could not be opened. {e}")
}

impl LinkTarget {
    /// The page for the link's decoded and parsed report (or what is wrong with it).
    pub fn report(self, result: Result<(String, Review), String>) -> LinkReport {
        let LinkTarget {
            named, mut state, ..
        } = self;
        let name = named.unwrap_or_else(|| match &result {
            Ok((_, review)) if !review.slug.trim().is_empty() => review.slug.trim().to_string(),
            _ => "shared-report".to_string(),
        });
        state.src = vec![format!("{LOCAL_PREFIX}{name}")];
        LinkReport {
            name,
            search: state.to_search(),
            result,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::View;
    use crate::share::{encode_fragment, ShareError};

    const REPORT: &str = "# Deep Review: 20260322-142409-pr-242\n\n\
        ## Consolidated Review\n\n### Executive Summary\n\nTwo problems.\n\n\
        ### Critical Issues\n\n\
        1. **Socket leak in `hostagent`** — `pkg/a.go:7` (critical, gap) [Codex GPT 5.4]\n\n\
        The socket leaks.\n\n\
        ### Important Issues\n\n\
        1. **Missing test** — `pkg/b.go:9` (important, gap) [Claude Opus 4.6]\n\nNo test.\n";

    #[test]
    fn share_url_keeps_the_screen_and_carries_local_reports() {
        let s = ViewState::from_query(
            "?src=reviews/a.md&sev=critical,important&finding=I2&view=meeting",
        );
        assert_eq!(
            share_url("https://x.org/viewer/?old=1#frag", &s, None),
            "https://x.org/viewer/?src=reviews/a.md&sev=critical,important&finding=I2&view=meeting"
        );
        let local = ViewState::from_query("?src=local:my%20review.md&q=leak");
        let url = share_url("https://x.org/", &local, Some(&encode_fragment(REPORT)));
        let (page, fragment) = url.split_once('#').unwrap();
        assert_eq!(page, "https://x.org/?src=local:my+review.md&q=leak");
        assert_eq!(decode_fragment(fragment).unwrap(), REPORT);
        // And the link opens the same report under the same name, with the same filters.
        let (_, query) = page.split_once('?').unwrap();
        let opened = open_link(&format!("?{query}"), &format!("#{fragment}")).unwrap();
        assert_eq!(opened.name, "my review.md");
        assert_eq!(opened.src(), "local:my review.md");
        assert_eq!(ViewState::from_query(&opened.search), local);
        let (text, review) = opened.result.unwrap();
        assert_eq!(text, REPORT);
        assert_eq!(review.findings.len(), 2);
    }

    #[test]
    fn open_link_names_reports_without_src_after_their_slug() {
        let fragment = format!("#{}", encode_fragment(REPORT));
        let opened = open_link("", &fragment).unwrap();
        assert_eq!(opened.name, "20260322-142409-pr-242");
        assert_eq!(opened.search, "?src=local:20260322-142409-pr-242");
        // Query filters are kept; a non-local src is replaced by the link's report.
        let opened = open_link(
            "?src=https://e.org/r.md&sev=critical&view=meeting",
            &fragment,
        )
        .unwrap();
        let s = ViewState::from_query(&opened.search);
        assert_eq!(s.src, vec!["local:20260322-142409-pr-242".to_string()]);
        assert_eq!(s.view, View::Meeting);
        assert_eq!(s.to_query().matches("sev=critical").count(), 1);
    }

    #[test]
    fn open_link_ignores_other_fragments_and_explains_broken_links() {
        assert_eq!(open_link("?src=a.md", ""), None);
        assert_eq!(open_link("?src=a.md", "#findings"), None);
        assert_eq!(open_link("", "#sev-critical"), None);

        let fragment = format!("#{}", encode_fragment(REPORT));
        let truncated = &fragment[..fragment.len() / 2];
        let opened = open_link("?sev=critical", truncated).unwrap();
        let err = opened.result.unwrap_err();
        assert!(
            err.contains(&ShareError::Truncated.to_string())
                || err.contains(&ShareError::Corrupt.to_string()),
            "{err}"
        );
        assert!(err.starts_with("This self-contained link could not be opened."));
        assert_eq!(opened.name, "shared-report");
        assert_eq!(
            ViewState::from_query(&opened.search).sev.include.len(),
            1,
            "filters are kept even when the report is broken"
        );

        let empty = open_link("", "#z=").unwrap().result.unwrap_err();
        assert!(empty.contains(&ShareError::Empty.to_string()), "{empty}");
        let bad = open_link("", "#z=ab$cd").unwrap().result.unwrap_err();
        assert!(bad.contains("invalid character '$'"), "{bad}");

        // Valid data that is not a Deep Review: the parser's reason.
        let other = format!("#{}", encode_fragment("# Shopping list\n\n- milk\n"));
        let err = open_link("", &other).unwrap().result.unwrap_err();
        assert!(
            err.starts_with("The report inside this self-contained link could not be read:"),
            "{err}"
        );
    }

    #[test]
    fn only_z_fragments_of_local_reports_are_kept() {
        let local = ViewState::from_query("?src=local:a.md&sev=critical");
        assert_eq!(kept_fragment("#z=abc", &local), "#z=abc");
        assert_eq!(kept_fragment("#sev-critical", &local), "");
        assert_eq!(kept_fragment("", &local), "");
        let remote = ViewState::from_query("?src=reviews/a.md");
        assert_eq!(kept_fragment("#z=abc", &remote), "");
        assert_eq!(kept_fragment("#z=abc", &ViewState::default()), "");
    }
}
