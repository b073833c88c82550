//! Even splits: a list of 8 that needs two slides becomes 4 + 4, not 7 + 1, so no
//! continuation slide holds a single item, row or line.

use std::ops::Range;

/// Splits `count` units into consecutive runs for which `fits` holds, as even in length
/// as the fewest runs allow. When no even split fits (a few very tall units), the units
/// are packed greedily and the last run borrows from the one before it so that it holds
/// at least two. Never empty for `count > 0`.
pub fn even_runs(count: usize, fits: impl Fn(Range<usize>) -> bool) -> Vec<Range<usize>> {
    if count == 0 {
        return Vec::new();
    }
    let greedy = greedy_runs(count, &fits);
    for parts in greedy.len()..=(count / 2).max(greedy.len()) {
        let runs = equal_runs(count, parts);
        if runs.iter().all(|run| fits(run.clone())) {
            return runs;
        }
    }
    no_single_last(greedy)
}

/// Fills each run as far as it fits; a unit that fits nowhere gets a run of its own.
fn greedy_runs(count: usize, fits: &impl Fn(Range<usize>) -> bool) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for unit in 0..count {
        match runs.last_mut() {
            Some(run) if fits(run.start..unit + 1) => run.end = unit + 1,
            _ => runs.push(unit..unit + 1),
        }
    }
    runs
}

/// `count` units in `parts` runs whose lengths differ by at most one, longer ones first.
fn equal_runs(count: usize, parts: usize) -> Vec<Range<usize>> {
    let (base, extra) = (count / parts, count % parts);
    let mut start = 0;
    (0..parts)
        .map(|i| {
            let end = start + base + usize::from(i < extra);
            let run = start..end;
            start = end;
            run
        })
        .collect()
}

/// Whether the last of several runs holds a single unit.
fn ends_with_single(runs: &[Range<usize>]) -> bool {
    runs.len() > 1 && runs.last().is_some_and(|run| run.len() == 1)
}

/// Moves a unit from the second-last run to a last run of one, when that leaves two.
fn no_single_last(mut runs: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let n = runs.len();
    if ends_with_single(&runs) && runs[n - 2].len() >= 3 {
        runs[n - 2].end -= 1;
        runs[n - 1].start -= 1;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_that_need_two_slides_split_four_and_four() {
        let runs = even_runs(8, |run| run.len() <= 7);
        assert_eq!(runs, vec![0..4, 4..8]);
        assert_eq!(even_runs(8, |run| run.len() <= 8), vec![0..8]);
        assert_eq!(even_runs(23, |run| run.len() <= 10), vec![0..8, 8..16, 16..23]);
    }

    #[test]
    fn uneven_units_still_leave_no_single_one_last() {
        // Units 0 and 1 are tall; the rest short: no equal split fits.
        let cost = |i: usize| if i < 2 { 6 } else { 1 };
        let runs = even_runs(6, |run| run.map(cost).sum::<usize>() <= 10);
        assert!(runs.iter().all(|run| run.clone().map(cost).sum::<usize>() <= 10), "{runs:?}");
        assert!(runs.last().unwrap().len() >= 2, "{runs:?}");
        assert_eq!(even_runs(1, |_| false), vec![0..1]);
        assert!(even_runs(0, |_| true).is_empty());
    }
}
