//! Facets: one filter's included and excluded values ([`Facet`]), the kinds of facet and the three
//! ways to click a value.

use super::*;

/// A value that can sit in a [`Facet`]: its URL spelling and how values compare.
pub trait FacetItem: Clone + Ord {
    /// The URL (and `data-value`) spelling.
    fn to_param(&self) -> String;
    /// Parses the URL spelling; `None` for an unknown value.
    fn from_param(s: &str) -> Option<Self>;
    /// The wording in [`ViewState::describe_filters`].
    fn label(&self) -> String {
        self.to_param()
    }
    /// Whether two values select the same thing (strings: case-insensitively, trimmed).
    fn same(&self, other: &Self) -> bool {
        self == other
    }
    /// Display order of selected values.
    fn order(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }
}

impl FacetItem for Severity {
    fn to_param(&self) -> String {
        self.as_str().to_string()
    }
    fn from_param(s: &str) -> Option<Self> {
        Severity::parse(s)
    }
}

impl FacetItem for Status {
    fn to_param(&self) -> String {
        self.as_str().to_string()
    }
    fn from_param(s: &str) -> Option<Self> {
        Status::parse(s)
    }
}

impl FacetItem for Mark {
    fn to_param(&self) -> String {
        self.as_str().to_string()
    }
    fn from_param(s: &str) -> Option<Self> {
        Mark::parse(s)
    }
    fn label(&self) -> String {
        Mark::label(*self).to_lowercase()
    }
}

/// Agent and kind values, kept as written; compared case-insensitively and trimmed.
impl FacetItem for String {
    fn to_param(&self) -> String {
        self.clone()
    }
    fn from_param(s: &str) -> Option<Self> {
        (!s.trim().is_empty()).then(|| s.to_string())
    }
    fn same(&self, other: &Self) -> bool {
        eq_ci(self.trim(), other.trim())
    }
    fn order(&self, other: &Self) -> Ordering {
        cmp_ci(self.trim(), other.trim()).then_with(|| self.cmp(other))
    }
}

/// How a value stands in a facet (for `aria-pressed` and styling).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    Off,
    Included,
    Excluded,
}

/// One filter dimension: a finding passes when it has one of the `include` values (or
/// `include` is empty) and none of the `exclude` (NOT) values. The click methods keep a value
/// out of both lists at once and keep each list sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet<T> {
    pub include: Vec<T>,
    pub exclude: Vec<T>,
}

impl<T> Default for Facet<T> {
    fn default() -> Self {
        Facet {
            include: Vec::new(),
            exclude: Vec::new(),
        }
    }
}

impl<T: FacetItem> Facet<T> {
    pub fn is_active(&self) -> bool {
        !self.include.is_empty() || !self.exclude.is_empty()
    }

    pub fn selection(&self, value: &T) -> Selection {
        if self.include.iter().any(|v| v.same(value)) {
            Selection::Included
        } else if self.exclude.iter().any(|v| v.same(value)) {
            Selection::Excluded
        } else {
            Selection::Off
        }
    }

    /// Plain click: select just `value`; if it already was the whole selection, clear the facet.
    pub fn select_only(&mut self, value: T) {
        let only = self.exclude.is_empty()
            && self.include.len() == 1
            && self.include.iter().all(|v| v.same(&value));
        self.clear();
        if !only {
            self.include.push(value);
        }
    }

    /// Ctrl/Cmd-click: add `value` to the selection, or remove it (also un-NOTs it).
    pub fn toggle(&mut self, value: T) {
        let was = self.selection(&value);
        self.remove(&value);
        if was != Selection::Included {
            insert_sorted(&mut self.include, value);
        }
    }

    /// NOT-click (e.g. Alt-click or the "not" button): exclude `value`, or stop excluding it.
    pub fn toggle_not(&mut self, value: T) {
        let was = self.selection(&value);
        self.remove(&value);
        if was != Selection::Excluded {
            insert_sorted(&mut self.exclude, value);
        }
    }

    pub fn clear(&mut self) {
        self.include.clear();
        self.exclude.clear();
    }

    /// Whether a finding passes, given a test "does the finding have this value".
    pub(super) fn passes(&self, has: impl Fn(&T) -> bool) -> bool {
        (self.include.is_empty() || self.include.iter().any(&has)) && !self.exclude.iter().any(&has)
    }

    pub(super) fn remove(&mut self, value: &T) {
        self.include.retain(|v| !v.same(value));
        self.exclude.retain(|v| !v.same(value));
    }

    /// `severity critical or important`, `severity not suggestion`, …
    pub(super) fn describe(&self, name: &str, parts: &mut Vec<String>) {
        let labels = |vs: &[T]| vs.iter().map(T::label).collect::<Vec<_>>();
        if !self.include.is_empty() {
            parts.push(format!("{name} {}", labels(&self.include).join(" or ")));
        }
        match labels(&self.exclude).as_slice() {
            [] => {}
            [one] => parts.push(format!("{name} not {one}")),
            [rest @ .., last] => {
                parts.push(format!("{name} neither {} nor {last}", rest.join(", ")))
            }
        }
    }

    pub(super) fn write_param(&self, key: &str, out: &mut Query) {
        if !self.is_active() {
            return;
        }
        let items = self
            .include
            .iter()
            .map(|v| encode_item(&v.to_param(), false));
        let nots = self
            .exclude
            .iter()
            .map(|v| encode_item(&v.to_param(), true));
        out.push_raw(key, &items.chain(nots).collect::<Vec<_>>().join(","));
    }

    /// Adds the items of one list parameter; returns the items that did not parse.
    pub(super) fn read_param(&mut self, raw: &str, notices: &mut Vec<String>, key: &str) {
        for item in raw.split(',') {
            let (not, item) = match item.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, item),
            };
            let text = decode(item, key, notices);
            if text.is_empty() {
                continue;
            }
            match T::from_param(&text) {
                Some(v) if not => self.exclude.push(v),
                Some(v) => self.include.push(v),
                None => notices.push(format!(
                    "Unknown {} “{text}” in the link was ignored.",
                    param_noun(key)
                )),
            }
        }
    }
}

pub(super) fn insert_sorted<T: FacetItem>(list: &mut Vec<T>, value: T) {
    let at = list
        .iter()
        .position(|v| v.order(&value) == Ordering::Greater)
        .unwrap_or(list.len());
    list.insert(at, value);
}

/// Which facet a filter control belongs to; [`FacetKind::as_str`] is its `data-filter` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FacetKind {
    Severity,
    Status,
    Agent,
    Kind,
    Mark,
}

impl FacetKind {
    pub const ALL: [FacetKind; 5] = [
        FacetKind::Severity,
        FacetKind::Status,
        FacetKind::Agent,
        FacetKind::Kind,
        FacetKind::Mark,
    ];

    /// `severity`, `status`, `agent`, `kind`, `mark` (DESIGN.md §5 `data-filter`).
    pub fn as_str(self) -> &'static str {
        match self {
            FacetKind::Severity => "severity",
            FacetKind::Status => "status",
            FacetKind::Agent => "agent",
            FacetKind::Kind => "kind",
            FacetKind::Mark => "mark",
        }
    }
}

/// The three ways to click a filter value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Click {
    /// Plain click: [`Facet::select_only`].
    Only,
    /// Ctrl/Cmd-click: [`Facet::toggle`].
    Toggle,
    /// NOT-click: [`Facet::toggle_not`].
    Not,
}
