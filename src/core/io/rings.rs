//! Turning a Shapefile polygon's flat list of rings into polygons with holes.
//!
//! The ESRI specification draws exterior rings clockwise and holes counter-clockwise. Each hole goes to the
//! smallest exterior that contains it; a "hole" inside no exterior becomes an exterior of its own (some tools
//! write every ring counter-clockwise). A ring that crosses itself is kept as drawn and reported, so the planner
//! sees the data as it is rather than a silently altered shape (areas of such polygons are unreliable). Every
//! polygon is checked, whatever its size, by the n·log n check of [`super::validity`].

use geo::algorithm::validation::InvalidPolygon;
use geo::algorithm::{Area, Contains};
use geo::{Coord, LineString, MultiPolygon, Point, Polygon};

use super::validity::check_loaded_polygon;

/// Assembles rings (already checked and closed) into a multipolygon. `problems` receives each invalid
/// polygon's position in the multipolygon and what is wrong with it (self-intersection and similar).
pub(crate) fn assemble_polygons(
    rings: Vec<Vec<Coord>>,
    problems: &mut Vec<(usize, InvalidPolygon)>,
) -> MultiPolygon {
    let mut exteriors: Vec<(Polygon, f64)> = Vec::new();
    let mut holes: Vec<LineString> = Vec::new();
    for ring in rings {
        let line = LineString::from(ring);
        let signed_area = signed_area(&line);
        if signed_area <= 0.0 {
            let polygon = Polygon::new(line, Vec::new());
            let area = polygon.unsigned_area();
            exteriors.push((polygon, area));
        } else {
            holes.push(line);
        }
    }
    let mut orphans = Vec::new();
    for hole in holes {
        let probe = hole.0.first().copied().map(Point::from);
        let owner = exteriors
            .iter_mut()
            .filter(|(exterior, _)| probe.is_some_and(|point| exterior.contains(&point)))
            .min_by(|(_, a), (_, b)| a.total_cmp(b));
        match owner {
            Some((exterior, _)) => exterior.interiors_push(hole),
            None => orphans.push(hole),
        }
    }
    let mut polygons: Vec<Polygon> = exteriors.into_iter().map(|(polygon, _)| polygon).collect();
    polygons.extend(orphans.into_iter().map(|ring| {
        let mut coords = ring.0;
        coords.reverse();
        Polygon::new(LineString::from(coords), Vec::new())
    }));
    for (number, polygon) in polygons.iter().enumerate() {
        if let Err(report) = check_loaded_polygon(polygon) {
            problems.push((number, report));
        }
    }
    MultiPolygon(polygons)
}

/// Twice-free signed area: positive for counter-clockwise rings.
fn signed_area(ring: &LineString) -> f64 {
    ring.lines()
        .map(|line| line.start.x * line.end.y - line.end.x * line.start.y)
        .sum::<f64>()
        / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x0: f64, y0: f64, size: f64, clockwise: bool) -> Vec<Coord> {
        let mut corners = vec![
            Coord { x: x0, y: y0 },
            Coord {
                x: x0 + size,
                y: y0,
            },
            Coord {
                x: x0 + size,
                y: y0 + size,
            },
            Coord {
                x: x0,
                y: y0 + size,
            },
            Coord { x: x0, y: y0 },
        ];
        if clockwise {
            corners.reverse();
        }
        corners
    }

    #[test]
    fn clockwise_rings_are_exteriors_and_counter_clockwise_rings_their_holes() {
        let mut problems = Vec::new();
        let multi = assemble_polygons(
            vec![
                square(0.0, 0.0, 10.0, true),
                square(20.0, 0.0, 10.0, true),
                square(22.0, 2.0, 2.0, false),
            ],
            &mut problems,
        );
        assert_eq!(multi.0.len(), 2);
        assert_eq!(multi.0[0].interiors().len(), 0);
        assert_eq!(multi.0[1].interiors().len(), 1);
        assert!((multi.unsigned_area() - 196.0).abs() < 1e-9);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_lone_counter_clockwise_ring_is_an_exterior_and_a_bow_tie_is_reported() {
        let mut problems = Vec::new();
        let multi = assemble_polygons(vec![square(0.0, 0.0, 1.0, false)], &mut problems);
        assert_eq!(multi.0.len(), 1);
        assert!(problems.is_empty());
        let bow_tie = vec![
            Coord { x: 0.0, y: 0.0 },
            Coord { x: 1.0, y: 1.0 },
            Coord { x: 1.0, y: 0.0 },
            Coord { x: 0.0, y: 1.0 },
            Coord { x: 0.0, y: 0.0 },
        ];
        let multi = assemble_polygons(vec![bow_tie], &mut problems);
        assert_eq!(multi.0.len(), 1);
        assert_eq!(problems.len(), 1, "{problems:?}");
    }
}
