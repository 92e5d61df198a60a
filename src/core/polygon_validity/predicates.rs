//! Exact geometric predicates shared by validity checking and splitting: orientation of three points (geo's
//! robust kernel, so "left of", "right of" and "on the line" are never decided by rounding), the order of
//! directions around a point, whether a point lies on a segment, and the signed area of a ring.

use std::cmp::Ordering;

use geo::Coord;
use geo::kernels::{Kernel, Orientation, RobustKernel};

/// The orientation of `r` seen from the directed line `p` → `q`, computed exactly.
pub(crate) fn orient(p: Coord, q: Coord, r: Coord) -> Orientation {
    RobustKernel::orient2d(p, q, r)
}

/// Orders the directions from `origin` to `u` and to `v` counter-clockwise, starting at the positive x axis.
/// Directions that coincide compare equal. Exact: the half-plane test compares coordinates and the rest is an
/// exact orientation.
pub(crate) fn angle_order(origin: Coord, u: Coord, v: Coord) -> Ordering {
    let lower_half = |w: Coord| !(w.y > origin.y || (w.y == origin.y && w.x > origin.x));
    lower_half(u)
        .cmp(&lower_half(v))
        .then_with(|| match orient(origin, u, v) {
            Orientation::CounterClockwise => Ordering::Less,
            Orientation::Clockwise => Ordering::Greater,
            Orientation::Collinear => Ordering::Equal,
        })
}

/// True when `pt` lies on the closed segment `a`–`b` (exactly).
pub(crate) fn on_segment(pt: Coord, a: Coord, b: Coord) -> bool {
    orient(a, b, pt) == Orientation::Collinear
        && pt.x >= a.x.min(b.x)
        && pt.x <= a.x.max(b.x)
        && pt.y >= a.y.min(b.y)
        && pt.y <= a.y.max(b.y)
}

/// The signed area (positive when counter-clockwise) of the ring through `corners` (not repeating the first),
/// in square metres. Coordinates are taken relative to the first corner so large map coordinates lose no
/// precision.
pub(crate) fn signed_ring_area(corners: &[Coord]) -> f64 {
    let Some(&origin) = corners.first() else {
        return 0.0;
    };
    let twice: f64 = corners
        .iter()
        .zip(corners.iter().cycle().skip(1))
        .map(|(a, b)| (a.x - origin.x) * (b.y - origin.y) - (b.x - origin.x) * (a.y - origin.y))
        .sum();
    twice / 2.0
}

/// The point of segment `a`–`b` closest to `pt`: exactly `a` or `b` when the closest point is an end.
pub(crate) fn closest_on_segment(pt: Coord, a: Coord, b: Coord) -> Coord {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_sq = dx * dx + dy * dy;
    if length_sq == 0.0 {
        return a;
    }
    let t = ((pt.x - a.x) * dx + (pt.y - a.y) * dy) / length_sq;
    if t <= 0.0 {
        a
    } else if t >= 1.0 {
        b
    } else {
        Coord {
            x: a.x + t * dx,
            y: a.y + t * dy,
        }
    }
}

/// The distance between two points, in metres.
pub(crate) fn distance(a: Coord, b: Coord) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(x: f64, y: f64) -> Coord {
        Coord { x, y }
    }

    #[test]
    fn directions_are_ordered_counter_clockwise_from_east() {
        let o = c(0.0, 0.0);
        let mut directions = vec![
            c(0.0, -1.0),
            c(-1.0, 0.0),
            c(1.0, 1.0),
            c(1.0, 0.0),
            c(1.0, -1.0),
        ];
        directions.sort_by(|u, v| angle_order(o, *u, *v));
        assert_eq!(
            directions,
            vec![
                c(1.0, 0.0),
                c(1.0, 1.0),
                c(-1.0, 0.0),
                c(0.0, -1.0),
                c(1.0, -1.0)
            ]
        );
    }

    #[test]
    fn ring_area_sign_follows_orientation() {
        let square = [c(0.0, 0.0), c(2.0, 0.0), c(2.0, 2.0), c(0.0, 2.0)];
        assert_eq!(signed_ring_area(&square), 4.0);
        let mut reversed = square;
        reversed.reverse();
        assert_eq!(signed_ring_area(&reversed), -4.0);
        assert!(on_segment(c(1.0, 0.0), square[0], square[1]));
        assert!(!on_segment(c(3.0, 0.0), square[0], square[1]));
        assert_eq!(
            closest_on_segment(c(-1.0, 5.0), square[0], square[1]),
            square[0]
        );
        assert_eq!(
            closest_on_segment(c(1.5, 5.0), square[0], square[1]),
            c(1.5, 0.0)
        );
    }
}
