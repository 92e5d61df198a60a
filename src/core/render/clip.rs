//! Clipping rings and polylines (already in pixel coordinates) to a rectangle a little larger than the image,
//! and dropping vertices closer than a fraction of a pixel. The rasteriser then sees small, bounded paths
//! whatever the zoom: a coastline at building scale never hands it coordinates millions of pixels away.
//! Polylines are clipped by [`clip_polyline`], shared with the label placer.

pub use crate::core::pixel_box::{PixelRect, clip_polyline};

/// Clips a closed ring to `bounds` (Sutherland–Hodgman). Parts outside collapse onto the rectangle's edges,
/// which lie outside the image, so filling the result with any rule looks the same inside the image.
pub fn clip_ring(ring: &[[f64; 2]], bounds: &PixelRect) -> Vec<[f64; 2]> {
    if ring.iter().all(|p| bounds.contains(*p)) {
        return ring.to_vec();
    }
    let all_beyond = |beyond: &dyn Fn([f64; 2]) -> bool| ring.iter().all(|p| beyond(*p));
    if all_beyond(&|p| p[0] < bounds.min_x)
        || all_beyond(&|p| p[0] > bounds.max_x)
        || all_beyond(&|p| p[1] < bounds.min_y)
        || all_beyond(&|p| p[1] > bounds.max_y)
    {
        return Vec::new();
    }
    let mut points = ring.to_vec();
    points = clip_half_plane(&points, 0, bounds.min_x, true);
    points = clip_half_plane(&points, 0, bounds.max_x, false);
    points = clip_half_plane(&points, 1, bounds.min_y, true);
    clip_half_plane(&points, 1, bounds.max_y, false)
}

/// Keeps the part of a closed ring where coordinate `axis` is ≥ `limit` (`keep_above`) or ≤ `limit`.
fn clip_half_plane(ring: &[[f64; 2]], axis: usize, limit: f64, keep_above: bool) -> Vec<[f64; 2]> {
    let inside = |p: &[f64; 2]| {
        if keep_above {
            p[axis] >= limit
        } else {
            p[axis] <= limit
        }
    };
    let crossing = |a: &[f64; 2], b: &[f64; 2]| {
        let t = (limit - a[axis]) / (b[axis] - a[axis]);
        let mut p = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
        p[axis] = limit;
        p
    };
    let mut out = Vec::with_capacity(ring.len() + 4);
    let Some(mut previous) = ring.last() else {
        return out;
    };
    for current in ring {
        match (inside(previous), inside(current)) {
            (true, true) => out.push(*current),
            (true, false) => out.push(crossing(previous, current)),
            (false, true) => {
                out.push(crossing(previous, current));
                out.push(*current);
            }
            (false, false) => {}
        }
        previous = current;
    }
    out
}

/// Drops vertices closer than `min_step_px` to the last kept one (the last vertex is always kept).
pub fn decimate(points: &[[f64; 2]], min_step_px: f64) -> Vec<[f64; 2]> {
    let mut out: Vec<[f64; 2]> = Vec::with_capacity(points.len());
    let limit = min_step_px * min_step_px;
    for (position, p) in points.iter().enumerate() {
        let is_last = position + 1 == points.len();
        match out.last() {
            Some(kept) if !is_last => {
                let (dx, dy) = (p[0] - kept[0], p[1] - kept[1]);
                if dx * dx + dy * dy >= limit {
                    out.push(*p);
                }
            }
            _ => out.push(*p),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDS: PixelRect = PixelRect {
        min_x: 0.0,
        min_y: 0.0,
        max_x: 100.0,
        max_y: 100.0,
    };

    fn shoelace(ring: &[[f64; 2]]) -> f64 {
        let mut sum = 0.0;
        for (position, a) in ring.iter().enumerate() {
            let b = ring[(position + 1) % ring.len()];
            sum += a[0] * b[1] - b[0] * a[1];
        }
        sum.abs() / 2.0
    }

    #[test]
    fn a_huge_square_clips_to_the_bounds() {
        let ring = [[-1e9, -1e9], [1e9, -1e9], [1e9, 1e9], [-1e9, 1e9]];
        let clipped = clip_ring(&ring, &BOUNDS);
        assert!((shoelace(&clipped) - 10_000.0).abs() < 1e-6, "{clipped:?}");
    }

    #[test]
    fn a_ring_outside_vanishes_and_one_inside_is_kept() {
        assert!(clip_ring(&[[200.0, 0.0], [300.0, 0.0], [250.0, 50.0]], &BOUNDS).is_empty());
        let inside = [[10.0, 10.0], [20.0, 10.0], [15.0, 20.0]];
        assert_eq!(clip_ring(&inside, &BOUNDS), inside.to_vec());
    }

    #[test]
    fn a_polyline_leaving_and_entering_splits_into_runs() {
        let line = [[50.0, 50.0], [150.0, 50.0], [150.0, 80.0], [50.0, 80.0]];
        let runs = clip_polyline(&line, &BOUNDS);
        assert_eq!(
            runs,
            vec![
                vec![[50.0, 50.0], [100.0, 50.0]],
                vec![[100.0, 80.0], [50.0, 80.0]]
            ]
        );
        assert!(clip_polyline(&[[-5.0, -5.0], [-1.0, 200.0]], &BOUNDS).is_empty());
    }

    #[test]
    fn decimation_keeps_ends_and_drops_crowded_vertices() {
        let points = [[0.0, 0.0], [0.1, 0.0], [0.2, 0.0], [1.0, 0.0], [1.05, 0.0]];
        assert_eq!(
            decimate(&points, 0.5),
            vec![[0.0, 0.0], [1.0, 0.0], [1.05, 0.0]]
        );
    }
}
