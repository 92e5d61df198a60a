//! The shapes of point markers (circle, square, triangle, diamond), matching the map view's.

use tiny_skia::{Path, PathBuilder, Rect};

use crate::core::style::PointSymbol;

/// The outline of a point marker of `radius` pixels centred on `centre`.
pub fn marker_path(symbol: PointSymbol, centre: [f32; 2], radius: f32) -> Option<Path> {
    let [x, y] = centre;
    let r = radius.max(0.5);
    match symbol {
        PointSymbol::Circle => PathBuilder::from_circle(x, y, r),
        PointSymbol::Square => {
            Rect::from_xywh(x - r, y - r, 2.0 * r, 2.0 * r).map(PathBuilder::from_rect)
        }
        PointSymbol::Triangle => polygon(&[
            [x, y - r * 1.2],
            [x + r * 1.1, y + r * 0.8],
            [x - r * 1.1, y + r * 0.8],
        ]),
        PointSymbol::Diamond => polygon(&[
            [x, y - r * 1.3],
            [x + r * 1.3, y],
            [x, y + r * 1.3],
            [x - r * 1.3, y],
        ]),
    }
}

fn polygon(corners: &[[f32; 2]]) -> Option<Path> {
    let (first, rest) = corners.split_first()?;
    let mut pb = PathBuilder::new();
    pb.move_to(first[0], first[1]);
    for corner in rest {
        pb.line_to(corner[0], corner[1]);
    }
    pb.close();
    pb.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_symbol_has_a_path_around_its_centre() {
        for symbol in [
            PointSymbol::Circle,
            PointSymbol::Square,
            PointSymbol::Triangle,
            PointSymbol::Diamond,
        ] {
            let path = marker_path(symbol, [50.0, 50.0], 5.0).expect("a path");
            let bounds = path.bounds();
            assert!(bounds.left() < 50.0 && bounds.right() > 50.0, "{symbol:?}");
            assert!(bounds.top() < 50.0 && bounds.bottom() > 50.0, "{symbol:?}");
        }
    }
}
