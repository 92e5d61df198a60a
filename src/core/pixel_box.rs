//! A box on a screen or an image, in pixels with y down: the page furniture of rendered maps and the
//! labels placed on the map view and in exported images are laid out with it. Polylines in pixels are
//! clipped to such a box by [`clip_polyline`] (the PNG renderer and the label placer both use it).

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

/// An axis-aligned rectangle in pixels, in `f64` (the clipping bounds of rendered paths and label runs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PixelRect {
    /// Left edge.
    pub min_x: f64,
    /// Top edge.
    pub min_y: f64,
    /// Right edge.
    pub max_x: f64,
    /// Bottom edge.
    pub max_y: f64,
}

impl PixelRect {
    /// True when `p` is inside or on the edge.
    pub fn contains(&self, p: [f64; 2]) -> bool {
        p[0] >= self.min_x && p[0] <= self.max_x && p[1] >= self.min_y && p[1] <= self.max_y
    }
}

impl From<&PixelBox> for PixelRect {
    fn from(area: &PixelBox) -> Self {
        Self {
            min_x: f64::from(area.x),
            min_y: f64::from(area.y),
            max_x: f64::from(area.right()),
            max_y: f64::from(area.bottom()),
        }
    }
}

/// Clips an open polyline to `bounds` (Liang–Barsky per segment); returns the visible runs (consecutive
/// segments whose clipped pieces meet form one run).
pub fn clip_polyline(line: &[[f64; 2]], bounds: &PixelRect) -> Vec<Vec<[f64; 2]>> {
    if line.iter().all(|p| bounds.contains(*p)) {
        return vec![line.to_vec()];
    }
    let mut runs: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut current: Vec<[f64; 2]> = Vec::new();
    for segment in line.windows(2) {
        let [a, b] = [segment[0], segment[1]];
        match clip_segment(a, b, bounds) {
            Some((start, end)) => {
                if current.last() != Some(&start) {
                    if current.len() > 1 {
                        runs.push(std::mem::take(&mut current));
                    }
                    current.clear();
                    current.push(start);
                }
                current.push(end);
            }
            None => {
                if current.len() > 1 {
                    runs.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() > 1 {
        runs.push(current);
    }
    runs
}

/// The part of the segment inside `bounds` (Liang–Barsky), or `None` when none is (or a coordinate is not
/// a number). Unclipped ends are returned as they are, so the next segment's start is exactly this end.
pub fn clip_segment(a: [f64; 2], b: [f64; 2], bounds: &PixelRect) -> Option<([f64; 2], [f64; 2])> {
    let d = [b[0] - a[0], b[1] - a[1]];
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-d[0], a[0] - bounds.min_x),
        (d[0], bounds.max_x - a[0]),
        (-d[1], a[1] - bounds.min_y),
        (d[1], bounds.max_y - a[1]),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t0.partial_cmp(&t1).is_none_or(|order| order.is_gt()) {
        return None;
    }
    let at = |t: f64| [a[0] + d[0] * t, a[1] + d[1] * t];
    Some((
        if t0 == 0.0 { a } else { at(t0) },
        if t1 == 1.0 { b } else { at(t1) },
    ))
}
