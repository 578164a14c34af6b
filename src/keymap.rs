//! The keyboard shortcuts of every screen, in one table per screen: the key handlers dispatch
//! through [`action`], and the shortcuts dialog (`?`) and the meeting's key legend list
//! [`bindings`], so what is shown is what works.

use crate::query::{View, ViewState};
use crate::triage::Mark;

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Focus the search box.
    Search,
    /// Next finding (or diff row).
    Next,
    /// Previous finding (or diff row).
    Prev,
    /// Open or close the current finding.
    Toggle,
    /// Open or close every shown finding.
    ToggleAll,
    /// Open or close the shortcuts dialog.
    Help,
    /// Close the dialog or leave the search box (handled where those live).
    Close,
    /// Meeting: mark the finding shown.
    Mark(Mark),
    /// Meeting: write a note.
    Note,
    /// Meeting: back to the report.
    Leave,
}

impl Action {
    /// Its name for `data-action` hooks: `next`, `mark-will-fix` …
    pub fn name(self) -> String {
        match self {
            Action::Search => "search".into(),
            Action::Next => "next".into(),
            Action::Prev => "previous".into(),
            Action::Toggle => "toggle".into(),
            Action::ToggleAll => "toggle-all".into(),
            Action::Help => "help".into(),
            Action::Close => "close".into(),
            Action::Mark(m) => format!("mark-{}", m.as_str()),
            Action::Note => "note".into(),
            Action::Leave => "leave".into(),
        }
    }
}

/// One row of a screen's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// `KeyboardEvent.key` values that trigger it (shown with [`key_label`]).
    pub keys: &'static [&'static str],
    pub action: Action,
    /// What it does, for the shortcuts dialog.
    pub what: &'static str,
    /// A word or two for compact legends (the meeting's).
    pub short: &'static str,
}

const fn b(
    keys: &'static [&'static str],
    action: Action,
    what: &'static str,
    short: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        what,
        short,
    }
}

const HELP: Binding = b(&["?"], Action::Help, "Show this help", "help");

pub const REPORT: &[Binding] = &[
    b(&["/"], Action::Search, "Search findings", "search"),
    b(&["j"], Action::Next, "Next finding", "next"),
    b(&["k"], Action::Prev, "Previous finding", "previous"),
    b(
        &["o", "Enter"],
        Action::Toggle,
        "Open or close the current finding",
        "open/close",
    ),
    b(
        &["x"],
        Action::ToggleAll,
        "Expand or collapse all findings",
        "all",
    ),
    HELP,
    b(
        &["Escape"],
        Action::Close,
        "Close this help / leave the search box",
        "close",
    ),
];

pub const DIFF: &[Binding] = &[
    b(
        &["/"],
        Action::Search,
        "Search the compared findings",
        "search",
    ),
    b(&["j"], Action::Next, "Next finding in the diff", "next"),
    b(
        &["k"],
        Action::Prev,
        "Previous finding in the diff",
        "previous",
    ),
    b(
        &["o", "Enter"],
        Action::Toggle,
        "Show or hide the current finding's details",
        "details",
    ),
    b(
        &["x"],
        Action::ToggleAll,
        "Show or hide every finding's details",
        "all",
    ),
    HELP,
    b(
        &["Escape"],
        Action::Close,
        "Close this help / leave the search box",
        "close",
    ),
];

/// A meeting mark's row: its number key, "Mark “Label” (again: clear) and go to the next
/// unmarked finding", and its short legend.
macro_rules! mark {
    ($key:literal, $mark:ident, $label:literal, $short:literal) => {
        b(
            &[$key],
            Action::Mark(Mark::$mark),
            concat!(
                "Mark “",
                $label,
                "” (again: clear) and go to the next unmarked finding"
            ),
            $short,
        )
    };
}

pub const MEETING: &[Binding] = &[
    b(
        &["j", "ArrowDown", "ArrowRight"],
        Action::Next,
        "Next finding",
        "next",
    ),
    b(
        &["k", "ArrowUp", "ArrowLeft"],
        Action::Prev,
        "Previous finding",
        "previous",
    ),
    mark!("1", WillFix, "Will fix", "will fix"),
    mark!("2", WontFix, "Won't fix", "won't fix"),
    mark!("3", Discuss, "Discuss", "discuss"),
    mark!("4", Duplicate, "Duplicate", "duplicate"),
    b(
        &["n"],
        Action::Note,
        "Write a note on the finding shown",
        "note",
    ),
    HELP,
    b(
        &["Escape"],
        Action::Leave,
        "Back to the report (closes this help first)",
        "back to the report",
    ),
];

pub const INDEX: &[Binding] = &[
    HELP,
    b(&["Escape"], Action::Close, "Close this help", "close"),
];

/// The table of a screen.
pub fn bindings(screen: View) -> &'static [Binding] {
    match screen {
        View::Report => REPORT,
        View::Diff => DIFF,
        View::Meeting => MEETING,
        View::Index | View::Agents => INDEX,
    }
}

/// What `key` (a `KeyboardEvent.key` value) does on a screen.
pub fn action(screen: View, key: &str) -> Option<Action> {
    bindings(screen)
        .iter()
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action)
}

/// The screen a view state shows: the report list without a report to show, as the shell does.
pub fn screen_of(state: &ViewState) -> View {
    let has_src = state.src.iter().any(|s| !s.trim().is_empty());
    match state.view {
        View::Report | View::Meeting if !has_src => View::Index,
        v => v,
    }
}

/// The screen's name in the shortcuts dialog's title.
pub fn screen_name(screen: View) -> &'static str {
    match screen {
        View::Report => "report",
        View::Diff => "round diff",
        View::Meeting => "meeting mode",
        View::Index => "report list",
        View::Agents => "agent scoreboard",
    }
}

/// How a key is written for people: `Esc`, `↓`; others as they are.
pub fn key_label(key: &str) -> &str {
    match key {
        "Escape" => "Esc",
        "ArrowDown" => "↓",
        "ArrowUp" => "↑",
        "ArrowLeft" => "←",
        "ArrowRight" => "→",
        k => k,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_has_help_and_no_key_twice() {
        for screen in View::ALL {
            assert_eq!(action(screen, "?"), Some(Action::Help), "{screen:?}");
            let mut keys: Vec<&str> = bindings(screen)
                .iter()
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            let n = keys.len();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), n, "{screen:?} binds a key twice");
        }
    }

    #[test]
    fn meeting_mark_keys_are_the_marks_own_keys() {
        for m in Mark::ALL {
            let key = m.key().to_string();
            assert_eq!(action(View::Meeting, &key), Some(Action::Mark(m)));
            let row = MEETING
                .iter()
                .find(|b| b.action == Action::Mark(m))
                .unwrap();
            assert!(row.what.contains(m.label()), "{}", row.what);
            assert_eq!(row.short, m.label().to_lowercase());
        }
        // Marks are meeting keys only: in the report, digits do nothing.
        assert_eq!(action(View::Report, "1"), None);
    }

    #[test]
    fn screens_differ_where_they_should() {
        assert_eq!(action(View::Meeting, "ArrowDown"), Some(Action::Next));
        assert_eq!(action(View::Report, "ArrowDown"), None);
        assert_eq!(action(View::Meeting, "Escape"), Some(Action::Leave));
        assert_eq!(action(View::Report, "Escape"), Some(Action::Close));
        assert_eq!(action(View::Diff, "j"), Some(Action::Next));
        assert_eq!(action(View::Diff, "k"), Some(Action::Prev));
        assert_eq!(action(View::Index, "j"), None);
        assert_eq!(action(View::Meeting, "/"), None);
    }

    #[test]
    fn screen_follows_the_shell() {
        let with = |q: &str| screen_of(&ViewState::from_query(q));
        assert_eq!(with(""), View::Index);
        assert_eq!(with("?view=meeting"), View::Index);
        assert_eq!(with("?src=a.md"), View::Report);
        assert_eq!(with("?src=a.md&view=meeting"), View::Meeting);
        assert_eq!(with("?src=a.md&view=diff"), View::Diff);
        assert_eq!(with("?src=a.md&view=index"), View::Index);
    }

    #[test]
    fn keys_read_as_people_write_them() {
        assert_eq!(key_label("Escape"), "Esc");
        assert_eq!(key_label("ArrowLeft"), "←");
        assert_eq!(key_label("j"), "j");
    }
}
