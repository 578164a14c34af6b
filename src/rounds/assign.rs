//! Optimal one-to-one assignment (the Hungarian algorithm) and the best pairs above a threshold.

use std::collections::HashMap;

/// A minimum-cost one-to-one assignment on a `rows × cols` cost matrix (row-major): for each
/// row, its column, or `None` when there are more rows than columns and the row is left out.
/// The Hungarian method in its shortest-augmenting-path form, O(min² · max).
pub fn assign(rows: usize, cols: usize, cost: &[i64]) -> Vec<Option<usize>> {
    if rows == 0 || cols == 0 || cost.len() != rows * cols {
        return vec![None; rows];
    }
    if rows > cols {
        // Solve the transpose (its rows are our columns) and invert.
        let mut t = vec![0i64; rows * cols];
        for r in 0..rows {
            for c in 0..cols {
                t[c * rows + r] = cost[r * cols + c];
            }
        }
        let by_col = assign(cols, rows, &t);
        let mut out = vec![None; rows];
        for (c, r) in by_col.into_iter().enumerate() {
            if let Some(r) = r {
                out[r] = Some(c);
            }
        }
        return out;
    }
    // Shortest augmenting paths with potentials (Jonker–Volgenant style, as in Crouse 2016),
    // one augmentation per row; ties prefer free columns, which ends most searches early.
    const INF: i64 = i64::MAX / 4;
    const NONE: usize = usize::MAX;
    let (n, m) = (rows, cols);
    // Slices, not Vecs, in the hot loop: size-optimised builds do not inline Vec indexing.
    let (mut u_buf, mut v_buf) = (vec![0i64; n], vec![0i64; m]);
    let (mut shortest_buf, mut path_buf) = (vec![INF; m], vec![NONE; m]);
    let (mut col4row_buf, mut row4col_buf) = (vec![NONE; n], vec![NONE; m]);
    let (u, v) = (&mut u_buf[..], &mut v_buf[..]);
    let (shortest, path) = (&mut shortest_buf[..], &mut path_buf[..]);
    let (col4row, row4col) = (&mut col4row_buf[..], &mut row4col_buf[..]);
    let mut remaining: Vec<usize> = Vec::with_capacity(m);
    let mut seen_rows: Vec<usize> = Vec::with_capacity(n);
    let mut seen_cols: Vec<usize> = Vec::with_capacity(m);
    for cur in 0..n {
        remaining.clear();
        remaining.extend((0..m).rev());
        shortest.iter_mut().for_each(|x| *x = INF);
        seen_rows.clear();
        seen_cols.clear();
        let mut min_val = 0i64;
        let mut i = cur;
        let sink = loop {
            seen_rows.push(i);
            let row = &cost[i * m..(i + 1) * m];
            let base = min_val - u[i];
            let mut lowest = INF;
            let mut at = NONE;
            for (k, &j) in remaining.iter().enumerate() {
                let r = base + row[j] - v[j];
                if r < shortest[j] {
                    path[j] = i;
                    shortest[j] = r;
                }
                let s = shortest[j];
                if s < lowest || (s == lowest && row4col[j] == NONE) {
                    lowest = s;
                    at = k;
                }
            }
            if at == NONE {
                // Only when every column is used, which rows ≤ cols rules out.
                return vec![None; rows];
            }
            min_val = lowest;
            let j = remaining.swap_remove(at);
            seen_cols.push(j);
            if row4col[j] == NONE {
                break j;
            }
            i = row4col[j];
        };
        u[cur] += min_val;
        for &i in &seen_rows {
            if i != cur {
                u[i] += min_val - shortest[col4row[i]];
            }
        }
        for &j in &seen_cols {
            v[j] -= min_val - shortest[j];
        }
        let mut j = sink;
        loop {
            let i = path[j];
            row4col[j] = i;
            std::mem::swap(&mut col4row[i], &mut j);
            if i == cur {
                break;
            }
        }
    }
    col4row_buf
        .into_iter()
        .map(|c| (c != NONE).then_some(c))
        .collect()
}

/// The pairs (row, col) with `score ≥ threshold` that maximise the total score, one-to-one.
/// The graph of eligible pairs is split into connected parts, each solved by [`assign`].
pub(super) fn best_pairs(
    rows: usize,
    cols: usize,
    score: impl Fn(usize, usize) -> f32,
    threshold: f32,
) -> Vec<(usize, usize)> {
    const SCALE: f32 = 1_000_000.0;
    // Union-find over rows (0..rows) and cols (rows..rows+cols).
    let mut parent: Vec<usize> = (0..rows + cols).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut eligible = vec![false; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            if score(r, c) >= threshold {
                eligible[r * cols + c] = true;
                let (a, b) = (find(&mut parent, r), find(&mut parent, rows + c));
                parent[a] = b;
            }
        }
    }
    let mut parts: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for r in 0..rows {
        if (0..cols).any(|c| eligible[r * cols + c]) {
            let root = find(&mut parent, r);
            parts.entry(root).or_default().0.push(r);
        }
    }
    for c in 0..cols {
        if (0..rows).any(|r| eligible[r * cols + c]) {
            let root = find(&mut parent, rows + c);
            parts.entry(root).or_default().1.push(c);
        }
    }
    let mut out = Vec::new();
    for (rs, cs) in parts.into_values() {
        let mut cost = Vec::with_capacity(rs.len() * cs.len());
        for &r in &rs {
            for &c in &cs {
                let s = if eligible[r * cols + c] {
                    score(r, c)
                } else {
                    0.0
                };
                cost.push(((1.0 - s) * SCALE) as i64);
            }
        }
        for (i, c) in assign(rs.len(), cs.len(), &cost).into_iter().enumerate() {
            if let Some(c) = c {
                let (r, c) = (rs[i], cs[c]);
                if eligible[r * cols + c] {
                    out.push((r, c));
                }
            }
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // ---- Hungarian -------------------------------------------------------------------------

    fn brute(rows: usize, cols: usize, cost: &[i64]) -> i64 {
        // Best total over all injective maps of the smaller side into the larger.
        fn go(
            r: usize,
            rows: usize,
            cols: usize,
            cost: &[i64],
            used: &mut Vec<bool>,
            t: bool,
        ) -> i64 {
            let (n, m) = if t { (cols, rows) } else { (rows, cols) };
            if r == n {
                return 0;
            }
            let mut best = i64::MAX;
            for c in 0..m {
                if !used[c] {
                    used[c] = true;
                    let v = if t {
                        cost[c * cols + r]
                    } else {
                        cost[r * cols + c]
                    };
                    let rest = go(r + 1, rows, cols, cost, used, t);
                    best = best.min(v + rest);
                    used[c] = false;
                }
            }
            best
        }
        let t = rows > cols;
        let mut used = vec![false; rows.max(cols)];
        go(0, rows, cols, cost, &mut used, t)
    }

    #[test]
    fn hungarian_matches_brute_force_on_random_matrices() {
        let mut seed: u64 = 42;
        let mut rnd = |k: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % k
        };
        for case in 0..300 {
            let rows = 1 + rnd(6) as usize;
            let cols = 1 + rnd(6) as usize;
            let spread = if case % 3 == 0 { 3 } else { 1000 }; // many ties in a third of cases
            let cost: Vec<i64> = (0..rows * cols).map(|_| rnd(spread) as i64).collect();
            let got = assign(rows, cols, &cost);
            assert_eq!(got.len(), rows);
            let cs: Vec<usize> = got.iter().flatten().copied().collect();
            assert_eq!(
                cs.len(),
                rows.min(cols),
                "every row of the smaller side assigned"
            );
            let mut dedup = cs.clone();
            dedup.sort_unstable();
            dedup.dedup();
            assert_eq!(dedup.len(), cs.len(), "one-to-one");
            let total: i64 = got
                .iter()
                .enumerate()
                .filter_map(|(r, c)| c.map(|c| cost[r * cols + c]))
                .sum();
            assert_eq!(
                total,
                brute(rows, cols, &cost),
                "case {case}: {rows}x{cols} {cost:?}"
            );
        }
    }

    #[test]
    fn hungarian_handles_empty_and_bad_shapes() {
        assert_eq!(assign(0, 3, &[]), Vec::<Option<usize>>::new());
        assert_eq!(assign(2, 0, &[]), vec![None, None]);
        assert_eq!(assign(2, 2, &[1, 2, 3]), vec![None, None]);
        assert_eq!(assign(1, 1, &[7]), vec![Some(0)]);
    }

    #[test]
    fn best_pairs_maximises_total_score_above_threshold() {
        // a–x alone (0.9) loses to a–y + b–x (0.5 + 0.6): the total counts.
        let s = [[0.9, 0.5], [0.6, 0.0]];
        let pairs = best_pairs(2, 2, |r, c| s[r][c], 0.3);
        assert_eq!(pairs, vec![(0, 1), (1, 0)]);
        // Below the threshold nothing pairs, even if it is the only option.
        let pairs = best_pairs(2, 2, |r, c| s[r][c], 0.95);
        assert!(pairs.is_empty());
        // A row whose only eligible column is taken by a better row stays unmatched.
        let s = [[0.9, 0.0], [0.4, 0.0]];
        assert_eq!(best_pairs(2, 2, |r, c| s[r][c], 0.3), vec![(0, 0)]);
    }
}
