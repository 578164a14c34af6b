//! How many finding cards each task mounts (pure; the app's finding list uses it).
//!
//! A report's cards are mounted in batches, one per task, so that no report blocks the page
//! for long and the first cards show early. A batch is measured in *card units*: a card costs
//! one, plus one for every [`LOCATIONS_PER_UNIT`] location links it lists when it mounts (at
//! most [`LOCATIONS_SHOWN`]). A real report's cards name a few locations each and cost one:
//! the first [`FIRST_UNITS`] cards (the blocking ones come first, open) mount in the task that
//! builds the report, the rest [`BATCH_UNITS`] per task after the first paint. A hostile report
//! of 100 findings naming 75 locations each mounted 40 cards and 800 links in one task
//! (100–150 ms); it now mounts 3 cards with the report, then 10 per task.
//!
//! ```
//! use deep_review::mount::{batch_ends, card_cost};
//! let costs: Vec<usize> = [2, 75, 0, 0].iter().map(|&n| card_cost(n)).collect();
//! assert_eq!(costs, [1, 4, 1, 1]);
//! assert_eq!(batch_ends(&costs, 1, 5), [1, 3, 4]);
//! ```

/// Locations a card lists at first; a finding naming more (a generated or hostile report with
/// thousands) shows a button for the rest, so 100 such cards do not build 100,000 links at once.
pub const LOCATIONS_SHOWN: usize = 20;

/// Location links that cost as much to mount as one card (a link is an item, an anchor and a
/// code element with its text and href; a card about twenty elements and its effects).
pub const LOCATIONS_PER_UNIT: usize = 6;

/// Card units in the first batch, built with the rest of the report screen.
pub const FIRST_UNITS: usize = 12;

/// Card units in each batch after the first.
pub const BATCH_UNITS: usize = 40;

/// What mounting a card naming `locations` locations costs, in card units.
pub fn card_cost(locations: usize) -> usize {
    1 + locations.min(LOCATIONS_SHOWN) / LOCATIONS_PER_UNIT
}

/// The end (exclusive) of each batch over cards of these costs, in display order: every
/// batch holds at least one card and, past its first, no card that would take it over its
/// units (`first` for the first batch, `units` for each later one). The last end is the number
/// of cards; no cards, no batches.
pub fn batch_ends(costs: &[usize], first: usize, units: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut used = 0;
    for (i, &cost) in costs.iter().enumerate() {
        let limit = if ends.is_empty() { first } else { units };
        if used > 0 && used + cost > limit {
            ends.push(i);
            used = 0;
        }
        used += cost;
    }
    if !costs.is_empty() {
        ends.push(costs.len());
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_cards_mount_twelve_then_forty_at_a_time() {
        // 100 findings naming up to five locations each.
        let costs: Vec<usize> = (0..100).map(|i| card_cost(i % 6)).collect();
        assert_eq!(
            batch_ends(&costs, FIRST_UNITS, BATCH_UNITS),
            [12, 52, 92, 100]
        );
        // A report of 12 findings or fewer mounts at once.
        assert_eq!(batch_ends(&costs[..12], FIRST_UNITS, BATCH_UNITS), [12]);
    }

    #[test]
    fn cards_with_many_locations_mount_fewer_at_a_time() {
        // The benchmark's shape: 100 findings naming 75 locations each (20 listed).
        let costs = vec![card_cost(75); 100];
        assert_eq!(costs[0], 4);
        let ends = batch_ends(&costs, FIRST_UNITS, BATCH_UNITS);
        assert_eq!(ends[..3], [3, 13, 23]);
        assert_eq!(ends.last(), Some(&100));
    }

    #[test]
    fn a_card_costlier_than_a_batch_still_mounts() {
        assert_eq!(batch_ends(&[5, 50, 1, 1], 4, 4), [1, 2, 4]);
        assert!(batch_ends(&[], 4, 4).is_empty());
        assert_eq!(batch_ends(&[1], 4, 4), [1]);
    }

    #[test]
    fn ends_grow_and_cover_every_card() {
        let costs: Vec<usize> = (0..500).map(|i| card_cost((i * 37) % 90)).collect();
        let ends = batch_ends(&costs, FIRST_UNITS, BATCH_UNITS);
        assert!(ends.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(ends.last(), Some(&500));
        let mut start = 0;
        for (k, &end) in ends.iter().enumerate() {
            let batch: usize = costs[start..end].iter().sum();
            let units = if k == 0 { FIRST_UNITS } else { BATCH_UNITS };
            assert!(
                batch <= units || end - start == 1,
                "{start}..{end}: {batch}"
            );
            start = end;
        }
    }
}
