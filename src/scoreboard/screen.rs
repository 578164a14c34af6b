//! The scoreboard screen's state in the URL (`view=agents`): the filter, how rows are grouped,
//! and which number's findings are open. Plain data, read from and written to the query
//! parameters the app keeps in `ViewState::extra` (decoded pairs).
//!
//! | parameter | meaning |
//! |---|---|
//! | `repo`, `since`, `until`, `pr` | the [`Filter`] |
//! | `by` | rows per `family` (default), `model`, `repo` (a table per repository) or `month` |
//! | `drill` | the metric whose findings are listed (`fixed`, `raised`, `tool_calls` …) |
//! | `who` | … of this agent (a family or model name, as in the table) |
//! | `slice` | … within this repository or month (with `by=repo` / `by=month`) |

use super::{Filter, Grouping, Part};

/// How the table's rows are grouped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum By {
    #[default]
    Family,
    Model,
    /// One group of family rows per repository.
    Repo,
    /// One group of family rows per month.
    Month,
}

impl By {
    pub const ALL: [By; 4] = [By::Family, By::Model, By::Repo, By::Month];

    pub fn as_str(self) -> &'static str {
        match self {
            By::Family => "family",
            By::Model => "model",
            By::Repo => "repo",
            By::Month => "month",
        }
    }

    pub fn parse(s: &str) -> Option<By> {
        By::ALL
            .into_iter()
            .find(|b| b.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Rows are families, except per model.
    pub fn grouping(self) -> Grouping {
        match self {
            By::Model => Grouping::Model,
            _ => Grouping::Family,
        }
    }

    /// Whether the rows come in groups, one per slice.
    pub fn sliced(self) -> bool {
        matches!(self, By::Repo | By::Month)
    }
}

/// Which number's findings are listed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DrillKey {
    pub metric: String,
    pub agent: String,
    /// The repository or month of a grouped table.
    pub slice: Option<String>,
}

/// Everything the scoreboard screen keeps in the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScreenState {
    pub filter: Filter,
    pub by: By,
    pub drill: Option<DrillKey>,
}

/// The parameter names of [`ScreenState`].
pub const SCREEN_PARAMS: [&str; 8] = [
    "repo", "since", "until", "pr", "by", "drill", "who", "slice",
];

impl ScreenState {
    /// From decoded query pairs (others ignored; the last of a repeated name wins). An
    /// unknown `by` is the default; a `drill` without `who` (or `who` without `drill`) is none.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ScreenState {
        let mut s = ScreenState::default();
        let (mut metric, mut who, mut slice) = (None, None, None);
        for (k, v) in pairs {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            let v = v.to_string();
            match k {
                "repo" => s.filter.repo = Some(v),
                "since" => s.filter.since = Some(v),
                "until" => s.filter.until = Some(v),
                "pr" => s.filter.pr = v.trim_start_matches('#').parse().ok(),
                "by" => s.by = By::parse(&v).unwrap_or_default(),
                "drill" => metric = Some(v),
                "who" => who = Some(v),
                "slice" => slice = Some(v),
                _ => {}
            }
        }
        if let (Some(metric), Some(agent)) = (metric, who) {
            s.drill = Some(DrillKey {
                metric,
                agent,
                slice: slice.filter(|_| s.by.sliced()),
            });
        }
        s
    }

    /// The set parameters, in [`SCREEN_PARAMS`] order (defaults left out).
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let f = &self.filter;
        let d = self.drill.as_ref();
        [
            ("repo", f.repo.clone()),
            ("since", f.since.clone()),
            ("until", f.until.clone()),
            ("pr", f.pr.map(|n| n.to_string())),
            (
                "by",
                (self.by != By::Family).then(|| self.by.as_str().to_string()),
            ),
            ("drill", d.map(|d| d.metric.clone())),
            ("who", d.map(|d| d.agent.clone())),
            ("slice", d.and_then(|d| d.slice.clone())),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k.to_string(), v?.trim().to_string())))
        .filter(|(_, v)| !v.is_empty())
        .collect()
    }

    /// The part of the kept reports the drill-down is about.
    pub fn part(&self) -> Part {
        match (self.by, self.drill.as_ref().and_then(|d| d.slice.clone())) {
            (By::Repo, Some(k)) => Part::Repo(k),
            (By::Month, Some(k)) => Part::Month(k),
            _ => Part::All,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(q: &str) -> Vec<(String, String)> {
        q.split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn read(q: &str) -> ScreenState {
        let p = pairs(q);
        ScreenState::from_pairs(p.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    #[test]
    fn state_round_trips_through_the_url() {
        let s = read(
            "view=agents&by=month&since=2026-07&drill=fixed&who=Claude Opus 4.8&slice=2026-07",
        );
        assert_eq!(s.by, By::Month);
        assert_eq!(s.filter.since.as_deref(), Some("2026-07"));
        assert_eq!(s.part(), Part::Month("2026-07".into()));
        assert_eq!(s.by.grouping(), Grouping::Family);
        let back = s.to_pairs();
        assert_eq!(
            back.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            ["since", "by", "drill", "who", "slice"]
        );
        let again = ScreenState::from_pairs(back.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(again, s);
    }

    #[test]
    fn incomplete_or_unknown_values_fall_back() {
        // A drill needs both its metric and its agent; a slice only counts in a grouped table.
        assert_eq!(read("drill=fixed").drill, None);
        assert_eq!(read("who=Codex").drill, None);
        let d = read("drill=fixed&who=Codex&slice=2026-07").drill.unwrap();
        assert_eq!(d.slice, None);
        assert_eq!(read("by=nonsense").by, By::Family);
        assert_eq!(read("by=MODEL").by.grouping(), Grouping::Model);
        // The default grouping is left out of the URL.
        assert!(read("by=family").to_pairs().is_empty());
    }

    #[test]
    fn every_screen_parameter_is_known_to_the_url_reader() {
        // Else a shared link would show "Unknown link parameter" notices.
        let q = "view=agents&repo=o/a&since=2026-07&until=2026-08&pr=4&by=month&drill=fixed&who=Codex&slice=2026-07";
        let (state, notices) = crate::query::ViewState::from_query_with_notices(q);
        assert_eq!(notices, Vec::<String>::new());
        let s = ScreenState::from_pairs(state.extra.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(s.to_pairs().len(), SCREEN_PARAMS.len());
    }
}
