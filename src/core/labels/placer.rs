//! Greedy collision avoidance: a label's box is taken only when it overlaps no box taken before (other
//! labels, or the boxes the caller blocks, such as an exported map's legend). Taken boxes are kept in a
//! uniform grid, so a test looks only at the boxes in the cells it touches.

use std::collections::HashMap;

use crate::core::pixel_box::PixelBox;

/// Side of a grid cell, pixels.
const CELL_PX: f32 = 64.0;
/// Boxes spanning more cells than this (a title bar across a huge image) are kept in a list of their own.
const MAX_CELLS_PER_BOX: i64 = 4_096;

/// The boxes taken so far on one screen or image.
#[derive(Debug, Default)]
pub struct LabelPlacer {
    taken: Vec<PixelBox>,
    cells: HashMap<(i32, i32), Vec<usize>>,
    large: Vec<usize>,
}

impl LabelPlacer {
    /// A placer where the `blocked` boxes are already taken.
    pub fn new(blocked: Vec<PixelBox>) -> Self {
        let mut placer = Self::default();
        for area in blocked {
            placer.take(area);
        }
        placer
    }

    /// Takes `area` grown by `padding_px` when that overlaps nothing taken; true when taken.
    pub fn try_place(&mut self, area: PixelBox, padding_px: f32) -> bool {
        let padded = area.expanded(padding_px);
        if !self.is_free(&padded) {
            return false;
        }
        self.take(padded);
        true
    }

    /// True when `area` overlaps no taken box.
    pub fn is_free(&self, area: &PixelBox) -> bool {
        let overlaps = |position: &usize| {
            self.taken
                .get(*position)
                .is_some_and(|taken| taken.intersects(area))
        };
        if self.large.iter().any(overlaps) {
            return false;
        }
        match cell_range(area) {
            Some(cells) => !cells
                .filter_map(|cell| self.cells.get(&cell))
                .any(|positions| positions.iter().any(overlaps)),
            None => !self.taken.iter().any(|taken| taken.intersects(area)),
        }
    }

    fn take(&mut self, area: PixelBox) {
        let position = self.taken.len();
        self.taken.push(area);
        match cell_range(&area) {
            Some(cells) => {
                for cell in cells {
                    self.cells.entry(cell).or_default().push(position);
                }
            }
            None => self.large.push(position),
        }
    }
}

/// The grid cells a box touches, or `None` when it spans too many (or is not finite).
fn cell_range(area: &PixelBox) -> Option<impl Iterator<Item = (i32, i32)>> {
    let cell = |value: f32| -> Option<i32> {
        let index = (value / CELL_PX).floor();
        (index.is_finite() && index.abs() < 1.0e6).then_some(index as i32)
    };
    let (left, right) = (cell(area.x)?, cell(area.right())?);
    let (top, bottom) = (cell(area.y)?, cell(area.bottom())?);
    let count = (i64::from(right) - i64::from(left) + 1) * (i64::from(bottom) - i64::from(top) + 1);
    (count <= MAX_CELLS_PER_BOX).then(|| {
        (left..=right).flat_map(move |column| (top..=bottom).map(move |row| (column, row)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(x: f32, y: f32, width: f32, height: f32) -> PixelBox {
        PixelBox {
            x,
            y,
            width,
            height,
        }
    }

    #[test]
    fn overlapping_labels_are_refused() {
        let mut placer = LabelPlacer::new(vec![area(0.0, 0.0, 100.0, 20.0)]);
        let inside = area(50.0, 5.0, 30.0, 10.0);
        assert!(!placer.try_place(inside, 1.0));
        let free = area(50.0, 40.0, 30.0, 10.0);
        assert!(placer.try_place(free, 1.0));
        assert!(!placer.try_place(area(60.0, 40.0, 30.0, 10.0), 1.0));
        // The padding keeps neighbours apart: 1 px on each side.
        assert!(!placer.try_place(area(81.5, 40.0, 30.0, 10.0), 1.0));
        assert!(placer.try_place(area(82.5, 40.0, 30.0, 10.0), 1.0));
    }

    #[test]
    fn boxes_across_many_cells_and_far_away_still_collide() {
        let mut placer = LabelPlacer::new(vec![area(-1.0e5, 500.0, 1.0e6, 30.0)]);
        assert!(!placer.is_free(&area(7_000.0, 510.0, 10.0, 10.0)));
        assert!(placer.try_place(area(7_000.0, 600.0, 10.0, 10.0), 0.0));
        assert!(!placer.is_free(&area(7_005.0, 605.0, 1.0, 1.0)));
    }
}
