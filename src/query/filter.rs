//! Filtering findings and counting every filter value in one pass: [`filter`], [`facet_counts`],
//! the search index over lower-cased finding text.

use super::*;

/// Whether `resolved=hide` hides a finding with this status: the statuses a report strikes
/// through — resolved (fixed) and dropped.
pub fn is_closed(status: Status) -> bool {
    matches!(status, Status::Resolved | Status::Dropped)
}

/// Whether `finding` passes every filter of `state`; `marks` supplies the meeting marks.
pub fn matches(state: &ViewState, finding: &Finding, marks: &Triage) -> bool {
    let one = std::slice::from_ref(finding);
    Checks::new(state, one, None).of(0, finding, marks).all()
}

/// The findings that pass every filter, in their order. Lowercases each finding's text when
/// there is search text; for large reports use [`SearchIndex::filter`] or
/// [`FacetCounts::matching`] instead.
pub fn filter<'a>(state: &ViewState, findings: &'a [Finding], marks: &Triage) -> Vec<&'a Finding> {
    filter_with(state, findings, marks, None)
}

/// Live counts for every filter value (see [`FacetCounts`]); one pass over the findings.
/// Lowercases each finding's text when there is search text; for large reports use
/// [`SearchIndex::facet_counts`].
pub fn facet_counts(state: &ViewState, findings: &[Finding], marks: &Triage) -> FacetCounts {
    counts_with(state, findings, marks, None)
}

/// The searchable text of every finding (id, title, body, locations, agents), lowercased once
/// per report. Keep one in a `Memo` on the report and filter through it: a filter change then
/// costs a substring search per finding instead of lowercasing every body again.
///
/// An index built from other findings (different length) is ignored, never misapplied to the
/// wrong findings; equal-length but different findings are the caller's mistake to avoid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchIndex {
    texts: Vec<String>,
}

impl SearchIndex {
    pub fn new(findings: &[Finding]) -> SearchIndex {
        SearchIndex {
            texts: findings
                .iter()
                .map(|f| {
                    let mut text = String::new();
                    searchable_text_into(f, &mut text);
                    text
                })
                .collect(),
        }
    }

    /// [`filter`] through this index.
    pub fn filter<'a>(
        &self,
        state: &ViewState,
        findings: &'a [Finding],
        marks: &Triage,
    ) -> Vec<&'a Finding> {
        filter_with(state, findings, marks, Some(self))
    }

    /// [`facet_counts`] through this index.
    pub fn facet_counts(
        &self,
        state: &ViewState,
        findings: &[Finding],
        marks: &Triage,
    ) -> FacetCounts {
        counts_with(state, findings, marks, Some(self))
    }
}

/// What the text filter searches: id, title, body, locations and agents, case-folded with
/// [`fold_into`], appended to `out`. Fields are joined by a newline, which no search term
/// contains, so no match spans two fields.
pub(super) fn searchable_text_into(f: &Finding, out: &mut String) {
    let fields = [f.id.as_str(), &f.title, &f.body_md]
        .into_iter()
        .chain(f.locations.iter().flat_map(|l| [l.text.as_str(), &l.path]))
        .chain(f.agents.iter().map(String::as_str));
    for field in fields {
        fold_into(field, out);
        out.push('\n');
    }
}

/// Appends `s` lowercased to `out`: runs of ASCII in bulk, other characters one by one with
/// Unicode lowercasing. Used for both the text searched and the search terms.
pub(super) fn fold_into(s: &str, out: &mut String) {
    let mut rest = s;
    while !rest.is_empty() {
        let ascii_len = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (ascii, tail) = rest.split_at(ascii_len);
        let start = out.len();
        out.push_str(ascii);
        out[start..].make_ascii_lowercase();
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_lowercase());
        }
        rest = chars.as_str();
    }
}

pub(super) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

pub(super) fn filter_with<'a>(
    state: &ViewState,
    findings: &'a [Finding],
    marks: &Triage,
    index: Option<&SearchIndex>,
) -> Vec<&'a Finding> {
    let checks = Checks::new(state, findings, index);
    findings
        .iter()
        .enumerate()
        .filter(|(i, f)| checks.of(*i, f, marks).all())
        .map(|(_, f)| f)
        .collect()
}

/// A facet value with its live count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueCount {
    /// URL / `data-value` spelling.
    pub value: String,
    /// What to show on the button.
    pub label: String,
    pub count: usize,
}

/// Live counts for the filter controls. Each count is the number of findings that would be
/// shown if that facet's own selection were ignored and every other filter (other facets,
/// text, hide-resolved) applied — standard faceted search. Values selected in the state but
/// absent from the report are listed too, with count 0, so they can be unselected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetCounts {
    /// Findings in the report.
    pub total: usize,
    /// Findings passing every filter (the length of [`filter`]'s result).
    pub shown: usize,
    /// Indices (into the findings) of the findings passing every filter, in order — the same
    /// list as [`filter`], so one `Memo` can serve both the list and the filter buttons.
    pub matching: Vec<usize>,
    /// Every severity, in order.
    pub severity: Vec<(Severity, usize)>,
    /// Every status, in order.
    pub status: Vec<(Status, usize)>,
    /// Agent families (`value` lowercase: `codex`; `label` as written: `Codex`), by name.
    pub agent_family: Vec<ValueCount>,
    /// Full agent names (`Codex GPT 5.4`) that differ from their family, by name.
    pub agent: Vec<ValueCount>,
    /// Kinds, by name.
    pub kind: Vec<ValueCount>,
    /// Every mark, in order.
    pub mark: Vec<(Mark, usize)>,
}

pub(super) fn counts_with(
    state: &ViewState,
    findings: &[Finding],
    marks: &Triage,
    index: Option<&SearchIndex>,
) -> FacetCounts {
    let checks = Checks::new(state, findings, index);
    let mut families = Vocabulary::default();
    let mut names = Vocabulary::default();
    let mut kinds = Vocabulary::default();
    // Each distinct spelling once: agent → (family slot, full-name slot); kind → slot.
    let mut agent_slots: Spellings<(Option<usize>, Option<usize>)> = Vec::new();
    let mut kind_slots: Spellings<Option<usize>> = Vec::new();
    for f in findings {
        for a in &f.agents {
            if lookup(&agent_slots, a).is_none() {
                let family = family_of(a);
                let name = a.trim();
                let name_slot = if eq_ci(name, &family) {
                    None
                } else {
                    names.add(name)
                };
                agent_slots.push((a, (families.add(&family), name_slot)));
            }
        }
        for k in &f.kinds {
            if lookup(&kind_slots, k).is_none() {
                kind_slots.push((k, kinds.add(k.trim())));
            }
        }
    }
    for v in state.agent.include.iter().chain(&state.agent.exclude) {
        if families.index(v.trim()).is_none() {
            names.add(v.trim());
        }
    }
    for v in state.kind.include.iter().chain(&state.kind.exclude) {
        kinds.add(v.trim());
    }

    let mut c = FacetCounts {
        total: findings.len(),
        severity: Severity::ALL.iter().map(|&s| (s, 0)).collect(),
        status: Status::ALL.iter().map(|&s| (s, 0)).collect(),
        mark: Mark::ALL.iter().map(|&m| (m, 0)).collect(),
        ..FacetCounts::default()
    };
    let mut family_counts = vec![0; families.len()];
    let mut name_counts = vec![0; names.len()];
    let mut kind_counts = vec![0; kinds.len()];
    let mut seen: Vec<usize> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        let r = checks.of(i, f, marks);
        if !(r.text && r.open) {
            continue;
        }
        let facets = [r.sev, r.status, r.agent, r.kind, r.mark];
        let failing = facets.iter().filter(|ok| !**ok).count();
        // A facet's count includes the finding when every *other* facet passes.
        let counts_for = |i: usize| failing == 0 || (failing == 1 && !facets[i]);
        if failing == 0 {
            c.matching.push(i);
        }
        if counts_for(0) {
            bump(&mut c.severity, &f.severity);
        }
        if counts_for(1) {
            bump(&mut c.status, &f.status);
        }
        if counts_for(2) {
            let slots = || f.agents.iter().filter_map(|a| lookup(&agent_slots, a));
            seen.clear();
            seen.extend(slots().filter_map(|s| s.0));
            bump_each(&mut family_counts, &mut seen);
            seen.clear();
            seen.extend(slots().filter_map(|s| s.1));
            bump_each(&mut name_counts, &mut seen);
        }
        if counts_for(3) {
            seen.clear();
            seen.extend(
                f.kinds
                    .iter()
                    .filter_map(|k| lookup(&kind_slots, k).flatten()),
            );
            bump_each(&mut kind_counts, &mut seen);
        }
        if counts_for(4) {
            if let Some(m) = marks.mark_of(&f.id) {
                bump(&mut c.mark, &m);
            }
        }
    }
    c.shown = c.matching.len();
    c.agent_family = families.counted(&family_counts, true);
    c.agent = names.counted(&name_counts, false);
    c.kind = kinds.counted(&kind_counts, false);
    c
}

pub(super) fn bump<T: PartialEq>(counts: &mut [(T, usize)], key: &T) {
    if let Some((_, n)) = counts.iter_mut().find(|(k, _)| k == key) {
        *n += 1;
    }
}

/// Counts each distinct index once.
pub(super) fn bump_each(counts: &mut [usize], indices: &mut Vec<usize>) {
    indices.sort_unstable();
    indices.dedup();
    for &i in indices.iter() {
        if let Some(n) = counts.get_mut(i) {
            *n += 1;
        }
    }
}

/// Distinct strings (case-insensitively), first spelling kept, with an index per value.
#[derive(Default)]
pub(super) struct Vocabulary {
    pub(super) labels: Vec<String>,
    pub(super) index: HashMap<String, usize>,
}

impl Vocabulary {
    /// Adds `label` unless blank or already there (in any case); returns its slot.
    pub(super) fn add(&mut self, label: &str) -> Option<usize> {
        if label.is_empty() {
            return None;
        }
        let next = self.labels.len();
        let slot = *self.index.entry(label.to_lowercase()).or_insert(next);
        if slot == next {
            self.labels.push(label.to_string());
        }
        Some(slot)
    }

    pub(super) fn index(&self, label: &str) -> Option<usize> {
        self.index.get(&label.to_lowercase()).copied()
    }

    pub(super) fn len(&self) -> usize {
        self.labels.len()
    }

    /// Sorted by label; `lowercase_value` for agent families (`codex`).
    pub(super) fn counted(self, counts: &[usize], lowercase_value: bool) -> Vec<ValueCount> {
        let mut out: Vec<ValueCount> = self
            .labels
            .into_iter()
            .zip(counts)
            .map(|(label, &count)| ValueCount {
                value: if lowercase_value {
                    label.to_lowercase()
                } else {
                    label.clone()
                },
                label,
                count,
            })
            .collect();
        out.sort_by(|a, b| cmp_ci(&a.label, &b.label).then_with(|| a.label.cmp(&b.label)));
        out
    }
}

/// Each distinct spelling in the report with a value; a linear list is faster than hashing
/// for the handful of agents and kinds a report has.
pub(super) type Spellings<'a, V> = Vec<(&'a str, V)>;

pub(super) fn lookup<V: Copy>(list: &[(&str, V)], key: &str) -> Option<V> {
    list.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The state's filters, prepared once per filter change.
pub(super) struct Checks<'a> {
    pub(super) state: &'a ViewState,
    /// Lowercased search terms.
    pub(super) terms: Vec<String>,
    /// Each agent spelling → (matches an included value, matches an excluded value); empty
    /// when the agent facet is inactive.
    pub(super) agents: Spellings<'a, (bool, bool)>,
    /// Lowercased text per finding, when an index for these findings was given.
    pub(super) texts: Option<&'a [String]>,
    /// Without an index: a buffer reused for each finding's text.
    pub(super) scratch: RefCell<String>,
}

/// Which filters one finding passes.
pub(super) struct Passes {
    pub(super) sev: bool,
    pub(super) status: bool,
    pub(super) agent: bool,
    pub(super) kind: bool,
    pub(super) mark: bool,
    pub(super) text: bool,
    /// Not hidden by hide-resolved.
    pub(super) open: bool,
}

impl Passes {
    pub(super) fn all(&self) -> bool {
        self.sev && self.status && self.agent && self.kind && self.mark && self.text && self.open
    }
}

impl<'a> Checks<'a> {
    pub(super) fn new(
        state: &'a ViewState,
        findings: &'a [Finding],
        index: Option<&'a SearchIndex>,
    ) -> Checks<'a> {
        let mut agents = Vec::new();
        if state.agent.is_active() {
            let any = |vs: &[String], a: &str| vs.iter().any(|v| agent_matches(a, v));
            for a in findings.iter().flat_map(|f| &f.agents) {
                if lookup(&agents, a).is_none() {
                    let m = (any(&state.agent.include, a), any(&state.agent.exclude, a));
                    agents.push((a.as_str(), m));
                }
            }
        }
        Checks {
            state,
            terms: state.q.split_whitespace().map(fold).collect(),
            agents,
            scratch: RefCell::new(String::new()),
            texts: index
                .map(|ix| ix.texts.as_slice())
                .filter(|t| t.len() == findings.len()),
        }
    }

    /// Finding `f`, at position `i` of the findings the checks were made for.
    pub(super) fn of(&self, i: usize, f: &Finding, marks: &Triage) -> Passes {
        let s = self.state;
        let mark = marks.mark_of(&f.id);
        let agent = |pick: fn((bool, bool)) -> bool| {
            f.agents
                .iter()
                .any(|a| lookup(&self.agents, a).is_some_and(pick))
        };
        Passes {
            sev: s.sev.passes(|v| *v == f.severity),
            status: s.status.passes(|v| *v == f.status),
            agent: !s.agent.is_active()
                || ((s.agent.include.is_empty() || agent(|m| m.0)) && !agent(|m| m.1)),
            kind: !s.kind.is_active()
                || s.kind
                    .passes(|v| f.kinds.iter().any(|k| eq_ci(k.trim(), v.trim()))),
            mark: s.mark.passes(|v| mark == Some(*v)),
            text: self.text_matches(i, f),
            open: !(s.hide_resolved && is_closed(f.status)),
        }
    }

    /// Every search term occurs in the finding's searchable text.
    pub(super) fn text_matches(&self, i: usize, f: &Finding) -> bool {
        if self.terms.is_empty() {
            return true;
        }
        let all_in = |text: &str| self.terms.iter().all(|t| text.contains(t.as_str()));
        match self.texts.and_then(|t| t.get(i)) {
            Some(text) => all_in(text),
            None => {
                let mut text = self.scratch.borrow_mut();
                text.clear();
                searchable_text_into(f, &mut text);
                all_in(&text)
            }
        }
    }
}

/// Agent facet value `value` matches agent `name` by family (`codex` ~ `Codex GPT 5.4`) or by
/// full name, case-insensitively.
pub(super) fn agent_matches(name: &str, value: &str) -> bool {
    let value = value.trim();
    eq_ci(name.trim(), value) || eq_ci(&family_of(name), value)
}

pub(super) fn eq_ci(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    }
}

pub(super) fn cmp_ci(a: &str, b: &str) -> Ordering {
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}
