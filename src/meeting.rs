//! Pure helpers behind the app's meeting mode (`app::meeting`, `app::marks`, `app::share_ui`):
//! which finding a meeting shows and where marking moves on to, the "needs triage" filter, the
//! marks' export file name and sizes as shown. Share links are `crate::share`.
//!
//! ```
//! use deep_review::meeting::{position_label, shown};
//! let agenda = ["C1", "I1", "I2"];
//! assert_eq!(shown(&agenda, Some("I1")), Some("I1"));
//! assert_eq!(shown(&agenda, Some("S9")), Some("C1")); // not on the agenda: the first
//! assert_eq!(position_label(&agenda, Some("I2")), "3 of 3");
//! ```

use crate::model::Review;
use crate::query::ViewState;
use crate::triage::{Mark, Triage};

/// The finding a meeting shows: the one named by `finding=` when it is on the agenda (the
/// filtered list of ids), else the first one; `None` for an empty agenda.
pub fn shown<'a, S: AsRef<str>>(agenda: &'a [S], finding: Option<&str>) -> Option<&'a str> {
    let named = finding.and_then(|f| agenda.iter().find(|id| id.as_ref() == f));
    named.or_else(|| agenda.first()).map(AsRef::as_ref)
}

/// `4 of 11` for the finding shown (see [`shown`]); `0 of 0` for an empty agenda.
pub fn position_label<S: AsRef<str>>(agenda: &[S], finding: Option<&str>) -> String {
    let at = shown(agenda, finding)
        .and_then(|id| agenda.iter().position(|a| a.as_ref() == id))
        .map_or(0, |i| i + 1);
    format!("{at} of {}", agenda.len())
}

/// Where a meeting goes after a mark key was pressed on `current`: when the key set a mark
/// (`now` is `Some`), the next finding without a mark ([`Triage::next_untriaged`], wrapping
/// around); when it cleared the mark (the same key twice), or every other finding is marked,
/// it stays on `current` (`None`).
pub fn after_mark<'a, S: AsRef<str>>(
    triage: &Triage,
    agenda: &'a [S],
    current: &str,
    now: Option<Mark>,
) -> Option<&'a str> {
    now?;
    triage.next_untriaged(agenda, Some(current))
}

/// Whether the state shows only findings without a meeting mark (`mark=` excluding every
/// mark: `mark=-will-fix,-wont-fix,-discuss,-duplicate`).
pub fn needs_triage(state: &ViewState) -> bool {
    state.mark.include.is_empty() && Mark::ALL.iter().all(|m| state.mark.exclude.contains(m))
}

/// Turns the "needs triage" filter on (every mark excluded) or off (no mark filter at all).
pub fn set_needs_triage(state: &mut ViewState, on: bool) {
    state.mark.clear();
    if on {
        state.mark.exclude = Mark::ALL.to_vec();
    }
}

/// `18.1 KB` (1 KB = 1024 bytes; bytes below 1 KB as `512 bytes`).
pub fn format_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}

/// `triage-<slug>.<ext>` with anything but letters, digits, `.`, `-` and `_` replaced by `-`.
pub fn export_file_name(review: &Review, ext: &str) -> String {
    let slug: String = review
        .slug
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug.trim_matches(['-', '.']);
    if slug.is_empty() {
        format!("triage.{ext}")
    } else {
        format!("triage-{slug}.{ext}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_and_position_follow_the_agenda() {
        let agenda = ["C1", "I1", "I2", "S1"];
        assert_eq!(shown(&agenda, None), Some("C1"));
        assert_eq!(shown(&agenda, Some("I2")), Some("I2"));
        assert_eq!(
            shown(&agenda, Some("D1")),
            Some("C1"),
            "a finding the filters hide is not shown"
        );
        assert_eq!(shown::<&str>(&[], Some("C1")), None);
        assert_eq!(position_label(&agenda, None), "1 of 4");
        assert_eq!(position_label(&agenda, Some("S1")), "4 of 4");
        assert_eq!(position_label(&agenda, Some("I1")), "2 of 4");
        assert_eq!(position_label::<&str>(&[], None), "0 of 0");
    }

    #[test]
    fn marking_moves_to_the_next_untriaged_and_clearing_stays() {
        let agenda = ["C1", "I1", "I2", "S1"];
        let mut t = Triage::default();
        let now = t.set_mark("C1", Mark::WillFix);
        assert_eq!(after_mark(&t, &agenda, "C1", now), Some("I1"));
        t.set_mark("I2", Mark::Discuss);
        let now = t.set_mark("I1", Mark::WontFix);
        assert_eq!(
            after_mark(&t, &agenda, "I1", now),
            Some("S1"),
            "skips the marked I2"
        );
        // The same key again clears the mark: stay to re-decide.
        let now = t.set_mark("I1", Mark::WontFix);
        assert_eq!(now, None);
        assert_eq!(after_mark(&t, &agenda, "I1", now), None);
        // Marking the last one wraps to the first unmarked.
        let now = t.set_mark("S1", Mark::Duplicate);
        assert_eq!(after_mark(&t, &agenda, "S1", now), Some("I1"));
        // All marked: stay.
        let now = t.set_mark("I1", Mark::Discuss);
        assert_eq!(after_mark(&t, &agenda, "I1", now), None);
    }

    #[test]
    fn needs_triage_is_every_mark_excluded() {
        let mut s = ViewState::from_query("?sev=critical&mark=will-fix");
        assert!(!needs_triage(&s));
        set_needs_triage(&mut s, true);
        assert!(needs_triage(&s));
        assert_eq!(
            s.to_query(),
            "sev=critical&mark=-will-fix,-wont-fix,-discuss,-duplicate"
        );
        // It survives the URL round trip, so a reload keeps it.
        assert!(needs_triage(&ViewState::from_query(&s.to_query())));
        set_needs_triage(&mut s, false);
        assert!(!s.mark.is_active());
        assert_eq!(s.to_query(), "sev=critical");
        // Excluding only some marks is not "needs triage".
        assert!(!needs_triage(&ViewState::from_query(
            "mark=-will-fix,-wont-fix,-discuss"
        )));
        assert!(!needs_triage(&ViewState::default()));
    }

    #[test]
    fn sizes_and_file_names() {
        assert_eq!(format_size(512), "512 bytes");
        assert_eq!(format_size(18_534), "18.1 KB");
        assert_eq!(format_size(32 * 1024), "32.0 KB");
        let mut r = Review {
            slug: "20260322-142409-pr-242".into(),
            ..Review::default()
        };
        assert_eq!(
            export_file_name(&r, "md"),
            "triage-20260322-142409-pr-242.md"
        );
        r.slug = "../weird name/<x>".into();
        assert_eq!(export_file_name(&r, "json"), "triage-weird-name--x.json");
        r.slug = String::new();
        assert_eq!(export_file_name(&r, "md"), "triage.md");
    }
}
