//! A box on a screen or an image, in pixels with y down: the page furniture of rendered maps and the
//! labels placed on the map view and in exported images are laid out with it.

/// An axis-aligned box in pixels (x right, y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PixelBox {
    /// Left edge, pixels.
    pub x: f32,
    /// Top edge, pixels.
    pub y: f32,
    /// Width, pixels.
    pub width: f32,
    /// Height, pixels.
    pub height: f32,
}

impl PixelBox {
    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }

    /// True when the two boxes overlap.
    pub fn intersects(&self, other: &PixelBox) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// True when `other` lies wholly inside this box.
    pub fn contains(&self, other: &PixelBox) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }

    /// The box grown by `by` pixels on every side.
    pub fn expanded(&self, by: f32) -> PixelBox {
        PixelBox {
            x: self.x - by,
            y: self.y - by,
            width: self.width + 2.0 * by,
            height: self.height + 2.0 * by,
        }
    }
}
