//! The mapping between map coordinates (EPSG:9210 metres, y up) and image pixels (y down) of one rendered
//! image.

use geo::Rect;

/// Which part of the map an image shows and at what resolution.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Image width in pixels.
    pub width_px: u32,
    /// Image height in pixels.
    pub height_px: u32,
    /// The map point at the centre of the image.
    pub center_in_map: [f64; 2],
    /// Map metres per image pixel.
    pub m_per_px: f64,
}

impl Viewport {
    /// The pixel position (x right, y down; may lie outside the image) of a map point.
    pub fn pixel_from_map(&self, pt_in_map: [f64; 2]) -> [f64; 2] {
        [
            f64::from(self.width_px) / 2.0 + (pt_in_map[0] - self.center_in_map[0]) / self.m_per_px,
            f64::from(self.height_px) / 2.0
                - (pt_in_map[1] - self.center_in_map[1]) / self.m_per_px,
        ]
    }

    /// The map point under a pixel position.
    pub fn map_from_pixel(&self, px: [f64; 2]) -> [f64; 2] {
        [
            self.center_in_map[0] + (px[0] - f64::from(self.width_px) / 2.0) * self.m_per_px,
            self.center_in_map[1] - (px[1] - f64::from(self.height_px) / 2.0) * self.m_per_px,
        ]
    }

    /// The map rectangle covered by the image, grown by `margin_px` pixels on every side.
    pub fn visible_rect(&self, margin_px: f64) -> Rect {
        let a = self.map_from_pixel([-margin_px, -margin_px]);
        let b = self.map_from_pixel([
            f64::from(self.width_px) + margin_px,
            f64::from(self.height_px) + margin_px,
        ]);
        Rect::new((a[0], a[1]), (b[0], b[1]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_and_map_points_are_inverse() {
        let view = Viewport {
            width_px: 800,
            height_px: 600,
            center_in_map: [597_000.0, 2_306_000.0],
            m_per_px: 10.0,
        };
        assert_eq!(view.pixel_from_map(view.center_in_map), [400.0, 300.0]);
        assert_eq!(
            view.pixel_from_map([597_100.0, 2_306_100.0]),
            [410.0, 290.0]
        );
        assert_eq!(
            view.map_from_pixel([410.0, 290.0]),
            [597_100.0, 2_306_100.0]
        );
        let rect = view.visible_rect(0.0);
        assert_eq!((rect.width(), rect.height()), (8_000.0, 6_000.0));
    }
}
