//! Text for rendered maps: the shipped fonts (Be Vietnam Pro for Vietnamese, DejaVu Sans as the fallback for
//! symbols), a one-line layout with kerning and per-character font fallback, and rasterising a line into a
//! coverage mask that the private `blend` module paints — optionally with a halo so labels stay readable over the map.

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont, point};

use super::error::RenderError;

/// Be Vietnam Pro Regular (SIL OFL): body text, labels, legend.
pub static FONT_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/BeVietnamPro-Regular.ttf");
/// Be Vietnam Pro SemiBold (SIL OFL): the title and legend headings.
pub static FONT_SEMIBOLD: &[u8] = include_bytes!("../../../assets/fonts/BeVietnamPro-SemiBold.ttf");
/// DejaVu Sans (Bitstream Vera licence): symbols the Vietnamese faces lack (arrows, ⌂, ✖, …).
pub static FONT_SYMBOLS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// The face family of a text run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// Be Vietnam Pro Regular.
    Regular,
    /// Be Vietnam Pro SemiBold.
    SemiBold,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Face {
    Regular,
    SemiBold,
    Symbols,
}

/// The three shipped faces, parsed.
pub struct Fonts {
    regular: FontRef<'static>,
    semibold: FontRef<'static>,
    symbols: FontRef<'static>,
}

#[derive(Clone, Copy, Debug)]
struct PlacedGlyph {
    face: Face,
    id: GlyphId,
    x: f32,
}

/// One laid-out line of text; positions are relative to its left edge and its baseline.
#[derive(Clone, Debug)]
pub struct TextLine {
    glyphs: Vec<PlacedGlyph>,
    size_px: f32,
    /// Advance width in pixels.
    pub width: f32,
    /// Height above the baseline in pixels.
    pub ascent: f32,
    /// Depth below the baseline in pixels (positive).
    pub descent: f32,
}

impl TextLine {
    /// Ascent plus descent.
    pub fn height(&self) -> f32 {
        self.ascent + self.descent
    }
}

/// Glyph coverage (0..1) of a text line, positioned relative to the line's top-left corner
/// (left edge, baseline − ascent).
#[derive(Clone, Debug, Default)]
pub struct CoverageMask {
    /// Column of the mask's first pixel relative to the line's left edge.
    pub left: i32,
    /// Row of the mask's first pixel relative to the line's top.
    pub top: i32,
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Row-major coverage.
    pub alpha: Vec<f32>,
}

impl Fonts {
    /// Parses the shipped fonts.
    pub fn new() -> Result<Self, RenderError> {
        Ok(Self {
            regular: FontRef::try_from_slice(FONT_REGULAR)
                .map_err(|_| RenderError::Font("BeVietnamPro-Regular.ttf"))?,
            semibold: FontRef::try_from_slice(FONT_SEMIBOLD)
                .map_err(|_| RenderError::Font("BeVietnamPro-SemiBold.ttf"))?,
            symbols: FontRef::try_from_slice(FONT_SYMBOLS)
                .map_err(|_| RenderError::Font("DejaVuSans.ttf"))?,
        })
    }

    fn face(&self, face: Face) -> &FontRef<'static> {
        match face {
            Face::Regular => &self.regular,
            Face::SemiBold => &self.semibold,
            Face::Symbols => &self.symbols,
        }
    }

    /// The pixel scale at which a face's em square is `size_px` tall.
    fn px_scale(&self, face: Face, size_px: f32) -> PxScale {
        let font = self.face(face);
        let em = font.units_per_em().unwrap_or(1000.0);
        PxScale::from(size_px * font.height_unscaled() / em)
    }

    /// The face that draws `c`: the weight's face when it has the glyph, else the symbol face when it does.
    fn face_for(&self, c: char, weight: Weight) -> Face {
        let primary = match weight {
            Weight::Regular => Face::Regular,
            Weight::SemiBold => Face::SemiBold,
        };
        if c.is_whitespace() || self.face(primary).glyph_id(c).0 != 0 {
            primary
        } else if self.symbols.glyph_id(c).0 != 0 {
            Face::Symbols
        } else {
            primary
        }
    }

    /// The characters of `text` that no shipped face can draw (they would show as boxes).
    pub fn missing_glyphs(&self, text: &str) -> Vec<char> {
        text.chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .filter(|c| {
                self.regular.glyph_id(*c).0 == 0
                    && self.semibold.glyph_id(*c).0 == 0
                    && self.symbols.glyph_id(*c).0 == 0
            })
            .collect()
    }

    /// Lays out `text` on one line at an em size of `size_px` pixels.
    pub fn layout(&self, text: &str, size_px: f32, weight: Weight) -> TextLine {
        let primary = match weight {
            Weight::Regular => Face::Regular,
            Weight::SemiBold => Face::SemiBold,
        };
        let metrics = self
            .face(primary)
            .as_scaled(self.px_scale(primary, size_px));
        let mut glyphs = Vec::with_capacity(text.len());
        let mut x = 0.0_f32;
        let mut previous: Option<(Face, GlyphId)> = None;
        for c in text.chars().filter(|c| !c.is_control()) {
            let face = self.face_for(c, weight);
            let scaled = self.face(face).as_scaled(self.px_scale(face, size_px));
            let id = scaled.glyph_id(c);
            if let Some((previous_face, previous_id)) = previous
                && previous_face == face
            {
                x += scaled.kern(previous_id, id);
            }
            glyphs.push(PlacedGlyph { face, id, x });
            x += scaled.h_advance(id);
            previous = Some((face, id));
        }
        TextLine {
            glyphs,
            size_px,
            width: x,
            ascent: metrics.ascent(),
            descent: -metrics.descent(),
        }
    }

    /// The largest size not above `size_px` (and not below `min_px`) at which `text` fits in `max_width`.
    pub fn layout_to_fit(
        &self,
        text: &str,
        size_px: f32,
        min_px: f32,
        max_width: f32,
        weight: Weight,
    ) -> TextLine {
        let line = self.layout(text, size_px, weight);
        if line.width <= max_width || line.width <= 0.0 {
            return line;
        }
        let fitted = (size_px * max_width / line.width).max(min_px);
        self.layout(text, fitted, weight)
    }

    /// Rasterises a laid-out line into a coverage mask.
    pub fn rasterize(&self, line: &TextLine) -> CoverageMask {
        let outlined: Vec<_> = line
            .glyphs
            .iter()
            .filter_map(|placed| {
                let scale = self.px_scale(placed.face, line.size_px);
                let glyph = placed
                    .id
                    .with_scale_and_position(scale, point(placed.x, line.ascent));
                self.face(placed.face).outline_glyph(glyph)
            })
            .collect();
        let Some(first) = outlined.first() else {
            return CoverageMask::default();
        };
        let mut bounds = first.px_bounds();
        for glyph in &outlined {
            let b = glyph.px_bounds();
            bounds.min.x = bounds.min.x.min(b.min.x);
            bounds.min.y = bounds.min.y.min(b.min.y);
            bounds.max.x = bounds.max.x.max(b.max.x);
            bounds.max.y = bounds.max.y.max(b.max.y);
        }
        let left = bounds.min.x.floor() as i32;
        let top = bounds.min.y.floor() as i32;
        let width = (bounds.max.x.ceil() as i32 - left).max(0) as usize;
        let height = (bounds.max.y.ceil() as i32 - top).max(0) as usize;
        let mut alpha = vec![0.0_f32; width * height];
        for glyph in &outlined {
            let b = glyph.px_bounds();
            let (dx, dy) = (b.min.x as i32 - left, b.min.y as i32 - top);
            glyph.draw(|gx, gy, coverage| {
                let (x, y) = (dx + gx as i32, dy + gy as i32);
                if x >= 0 && y >= 0 && (x as usize) < width && (y as usize) < height {
                    let at = y as usize * width + x as usize;
                    if let Some(cell) = alpha.get_mut(at) {
                        *cell = (*cell + coverage).min(1.0);
                    }
                }
            });
        }
        CoverageMask {
            left,
            top,
            width,
            height,
            alpha,
        }
    }
}

impl CoverageMask {
    /// The mask grown by `radius` pixels in every direction (a round max filter), for text halos.
    pub fn dilated(&self, radius: i32) -> Self {
        let radius = radius.max(0);
        let pad = radius as usize;
        let width = self.width + 2 * pad;
        let height = self.height + 2 * pad;
        let mut alpha = vec![0.0_f32; width * height];
        let offsets: Vec<(i32, i32)> = (-radius..=radius)
            .flat_map(|dy| (-radius..=radius).map(move |dx| (dx, dy)))
            .filter(|(dx, dy)| dx * dx + dy * dy <= radius * radius + radius)
            .collect();
        for y in 0..self.height {
            for x in 0..self.width {
                let value = self.alpha.get(y * self.width + x).copied().unwrap_or(0.0);
                if value <= 0.0 {
                    continue;
                }
                for (dx, dy) in &offsets {
                    let tx = (x + pad) as i32 + dx;
                    let ty = (y + pad) as i32 + dy;
                    if let Some(cell) = alpha.get_mut(ty as usize * width + tx as usize) {
                        *cell = cell.max(value);
                    }
                }
            }
        }
        Self {
            left: self.left - radius,
            top: self.top - radius,
            width,
            height,
            alpha,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_letters_have_glyphs_and_symbols_fall_back() {
        let fonts = Fonts::new().expect("shipped fonts parse");
        assert!(
            fonts
                .missing_glyphs("Quy hoạch sử dụng đất, Phường Lê Chân ạồủịữ")
                .is_empty()
        );
        assert_eq!(fonts.face_for('⌂', Weight::Regular), Face::Symbols);
        assert_eq!(fonts.face_for('ữ', Weight::SemiBold), Face::SemiBold);
    }

    #[test]
    fn a_line_rasterises_to_ink_within_its_box() {
        let fonts = Fonts::new().expect("shipped fonts parse");
        let line = fonts.layout("Hải Phòng", 20.0, Weight::Regular);
        assert!(line.width > 60.0 && line.width < 140.0, "{}", line.width);
        let mask = fonts.rasterize(&line);
        let ink: f32 = mask.alpha.iter().sum();
        assert!(ink > 50.0, "ink {ink}");
        let halo = mask.dilated(2);
        assert_eq!(halo.width, mask.width + 4);
        assert!(halo.alpha.iter().sum::<f32>() > ink);
    }
}
