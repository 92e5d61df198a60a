//! Aggregation of features too small to see at a level: they are binned into a grid by the centre of their
//! bounding box, and each occupied cell becomes one square of the cells' total area (but at least a screen
//! point), centred on the area-weighted centre, standing for its largest feature. A dense area of sub-pixel
//! parcels thus keeps its colour and density while the number of drawn things is bounded by the grid.

/// One tiny polygon (or polygon part) to aggregate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TinyPart {
    /// The feature it belongs to.
    pub feature: u32,
    /// Centre of its bounding box in layer coordinates (metres).
    pub centre: [f64; 2],
    /// Its area in square metres.
    pub area_m2: f64,
}

/// An aggregated cell, drawn as a square.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    /// The cell's largest feature (lowest position on ties), whose style colours the square.
    pub feature: u32,
    /// Lower-left corner of the square in layer coordinates.
    pub min: [f32; 2],
    /// Upper-right corner of the square in layer coordinates.
    pub max: [f32; 2],
    /// How many parts the cell stands for.
    pub part_count: u32,
}

/// Bins `parts` into square cells of `cell_m` metres and returns one [`Cell`] per occupied cell, in row
/// order. Each square's side is the root of the parts' total area, at least `min_side_m` and at most
/// `cell_m`.
pub fn aggregate(parts: &mut [TinyPart], cell_m: f64, min_side_m: f64) -> Vec<Cell> {
    if cell_m.is_nan() || cell_m <= 0.0 {
        return Vec::new();
    }
    let key = |part: &TinyPart| {
        (
            (part.centre[1] / cell_m).floor() as i64,
            (part.centre[0] / cell_m).floor() as i64,
        )
    };
    parts.sort_unstable_by_key(|part| (key(part), part.feature));
    let mut cells = Vec::new();
    let mut start = 0;
    while start < parts.len() {
        let cell_key = key(&parts[start]);
        let end = parts[start..]
            .iter()
            .position(|part| key(part) != cell_key)
            .map_or(parts.len(), |offset| start + offset);
        if let Some(cell) = cell_of(&parts[start..end], cell_m, min_side_m) {
            cells.push(cell);
        }
        start = end;
    }
    cells
}

fn cell_of(parts: &[TinyPart], cell_m: f64, min_side_m: f64) -> Option<Cell> {
    let largest = parts
        .iter()
        .max_by(|a, b| {
            a.area_m2
                .total_cmp(&b.area_m2)
                .then(b.feature.cmp(&a.feature))
        })
        .copied()?;
    let total_area: f64 = parts.iter().map(|part| part.area_m2.max(0.0)).sum();
    let centre = if total_area > 0.0 {
        let weighted = parts.iter().fold([0.0, 0.0], |sum, part| {
            [
                sum[0] + part.centre[0] * part.area_m2.max(0.0),
                sum[1] + part.centre[1] * part.area_m2.max(0.0),
            ]
        });
        [weighted[0] / total_area, weighted[1] / total_area]
    } else {
        largest.centre
    };
    let half = total_area.sqrt().clamp(min_side_m, cell_m.max(min_side_m)) / 2.0;
    Some(Cell {
        feature: largest.feature,
        min: [(centre[0] - half) as f32, (centre[1] - half) as f32],
        max: [(centre[0] + half) as f32, (centre[1] + half) as f32],
        part_count: parts.len() as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(feature: u32, x: f64, y: f64, area_m2: f64) -> TinyPart {
        TinyPart {
            feature,
            centre: [x, y],
            area_m2,
        }
    }

    #[test]
    fn parts_in_one_cell_become_one_square_of_their_total_area() {
        let mut parts = vec![
            part(4, 10.0, 10.0, 36.0),
            part(2, 30.0, 10.0, 64.0),
            part(9, 150.0, 10.0, 25.0),
        ];
        let cells = aggregate(&mut parts, 100.0, 1.0);
        assert_eq!(cells.len(), 2);
        let first = cells[0];
        assert_eq!(first.feature, 2, "the largest feature colours the cell");
        assert_eq!(first.part_count, 2);
        let side = f64::from(first.max[0] - first.min[0]);
        assert!((side - 10.0).abs() < 1e-4, "side {side}");
        let centre_x = f64::from(first.min[0] + first.max[0]) / 2.0;
        assert!((centre_x - (10.0 * 36.0 + 30.0 * 64.0) / 100.0).abs() < 1e-4);
        assert_eq!(cells[1].feature, 9);
    }

    #[test]
    fn a_square_is_never_smaller_than_the_minimum_side() {
        let mut parts = vec![part(0, 5.0, 5.0, 0.01)];
        let cells = aggregate(&mut parts, 50.0, 4.0);
        assert_eq!(cells.len(), 1);
        assert!((cells[0].max[0] - cells[0].min[0] - 4.0).abs() < 1e-5);
    }
}
