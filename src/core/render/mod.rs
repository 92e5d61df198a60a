//! Headless map rendering: the open layers drawn with their styles into an image, with the furniture a
//! planner's map needs — a title bar, a legend, a scale bar in true ground metres, a north arrow turned to true
//! north, and the data credits — written as PNG. No GUI crate is involved: tiny-skia rasterises, ab_glyph
//! draws text in the shipped Be Vietnam Pro (DejaVu Sans for symbols).
//!
//! The public entry points:
//! - [`MapExport`] says what to draw: image size, view (centre and metres per UI point), UI scale, texts
//!   (the title, and the [`MapWords`] of the furniture in the caller's language).
//!   [`MapExport::fit`] frames a map rectangle in the part of the page between the title and credits bars.
//! - [`legend_entries`] / [`legend_entries_within`] build the legend from the layers' styles.
//! - [`render_map_image`] draws into a [`tiny_skia::Pixmap`]; [`render_map_png`] returns PNG bytes.
//!
//! Resolution: `m_per_px` is map metres per *UI point*; the image has `scale` pixels per point, so
//! 1920×1080 at scale 1 and 3840×2160 at scale 2 show the same map area with the same page layout, the
//! second at twice the detail (lines, text and markers twice as many pixels).

pub mod annotations;
mod blend;
mod clip;
mod encode;
pub mod error;
mod features;
pub mod frame;
pub mod geodesy;
mod labels;
pub mod legend;
mod legend_box;
mod marker;
mod north_arrow;
pub mod scale_bar;
pub mod text;
pub mod viewport;
pub mod words;

use geo::Rect;
use tiny_skia::{Color, Pixmap};

pub use error::{MAX_PIXELS, MAX_SIDE_PX, RenderError};
pub use legend::{
    LegendEntry, LegendItem, Swatch, SwatchShape, legend_entries, legend_entries_within,
};
pub use words::{LegendWords, MapWords};

use super::crs::{MAP_CRS, Reprojector, WGS84};
use super::labels::LabelPlacer;
use super::layer::Layer;
use super::project::Annotation;
use super::style::Rgba;
use crate::core::pixel_box::PixelBox;
use frame::{Frame, MARGIN_PT};
use legend_box::LegendBox;
use north_arrow::{draw_north_arrow, north_arrow_area};
use scale_bar::ScaleBar;
use text::Fonts;
use viewport::Viewport;

/// The sea colour behind all layers (the map view's).
pub const SEA_COLOUR: Rgba = Rgba::rgb(198, 224, 240);

/// Everything about one exported map except the layers and the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct MapExport {
    /// Image width in pixels (1 to [`MAX_SIDE_PX`]).
    pub width_px: u32,
    /// Image height in pixels (1 to [`MAX_SIDE_PX`]).
    pub height_px: u32,
    /// The map point (EPSG:9210 metres) at the centre of the image.
    pub center_in_map: [f64; 2],
    /// Map metres per UI point (per pixel at scale 1), like the map view's camera.
    pub m_per_px: f64,
    /// Pixels per UI point: 1 for screen size, 2 for a high-resolution image of the same page.
    pub scale: f32,
    /// The title in the title bar (no title bar when empty and there is no subtitle).
    pub title: String,
    /// A second line under the title.
    pub subtitle: Option<String>,
    /// The north letter, the legend's heading and the credit lines, in the caller's language.
    pub words: MapWords,
    /// Whether the legend is drawn.
    pub show_legend: bool,
    /// Quick drawings (arrows, circles, text) over the map, under the furniture.
    pub annotations: Vec<Annotation>,
}

impl MapExport {
    /// A `width_px`×`height_px` export at UI scale `scale` with Vietnamese words and the default credits
    /// ([`MapWords::default`]), no title, and the map view's opening view of Hai Phong; set the view with
    /// [`Self::fit`].
    pub fn new(width_px: u32, height_px: u32, scale: f32) -> Self {
        Self {
            width_px,
            height_px,
            center_in_map: [597_000.0, 2_306_000.0],
            m_per_px: 80.0,
            scale,
            title: String::new(),
            subtitle: None,
            words: MapWords::default(),
            show_legend: true,
            annotations: Vec::new(),
        }
    }

    /// The page layout (title bar, credits bar, map area) of this export.
    pub fn frame(&self) -> Frame {
        Frame::new(
            (self.width_px, self.height_px),
            self.scale,
            !self.title.is_empty(),
            self.subtitle
                .as_deref()
                .is_some_and(|text| !text.is_empty()),
            self.words.credits.len(),
        )
    }

    /// Centres and zooms the view so `rect_in_map` fills the map area between the bars, with a small margin.
    /// Call it after setting the title, subtitle and credits, which decide the bars' height. The legend may
    /// then cover part of the rectangle; [`Self::fit_beside_legend`] keeps it clear.
    pub fn fit(&mut self, rect_in_map: Rect) {
        self.fit_leaving_right(rect_in_map, 0.0);
    }

    /// Like [`Self::fit`], but frames `rect_in_map` in the part of the map area left of the legend that
    /// `legend` makes (when the legend is shown), so the legend covers none of it. The legend takes at most
    /// 40 % of the width (its text shrinks to fit, down to a floor; only then can it overlap the map).
    pub fn fit_beside_legend(
        &mut self,
        rect_in_map: Rect,
        legend: &[LegendEntry],
    ) -> Result<(), RenderError> {
        let mut reserved_px = 0.0;
        if self.show_legend && !legend.is_empty() {
            let fonts = Fonts::new()?;
            let frame = self.frame();
            let room = legend_room(&frame, self.scale);
            if let Some(legend_box) =
                LegendBox::new(&fonts, &self.words.legend_title, legend, self.scale, &room)
            {
                reserved_px = (legend_box.area.width + MARGIN_PT * self.scale)
                    .min(frame.map_area.width * 0.45);
            }
        }
        self.fit_leaving_right(rect_in_map, reserved_px);
        Ok(())
    }

    /// Fits `rect_in_map` into the map area less `reserved_px` pixels on its right.
    fn fit_leaving_right(&mut self, rect_in_map: Rect, reserved_px: f32) {
        let scale = f64::from(self.scale.max(0.01));
        let map_area = self.frame().map_area;
        let target_width = (map_area.width - reserved_px).max(1.0);
        let usable_w = (f64::from(target_width) / scale * 0.94).max(10.0);
        let usable_h = (f64::from(map_area.height) / scale * 0.94).max(10.0);
        let m_per_px =
            (rect_in_map.width().max(1.0) / usable_w).max(rect_in_map.height().max(1.0) / usable_h);
        self.m_per_px = m_per_px;
        // The target's centre lies off the image centre: left by half the reserved width, down by half the
        // difference of the bars.
        let target_centre = [
            f64::from(map_area.x + target_width / 2.0),
            f64::from(map_area.y + map_area.height / 2.0),
        ];
        let offset = [
            target_centre[0] - f64::from(self.width_px) / 2.0,
            target_centre[1] - f64::from(self.height_px) / 2.0,
        ];
        let centre = rect_in_map.center();
        let m_per_image_px = m_per_px / scale;
        self.center_in_map = [
            centre.x - offset[0] * m_per_image_px,
            centre.y + offset[1] * m_per_image_px,
        ];
    }

    /// The pixel mapping of the image.
    pub fn viewport(&self) -> Viewport {
        Viewport {
            width_px: self.width_px,
            height_px: self.height_px,
            center_in_map: self.center_in_map,
            m_per_px: self.m_per_px / f64::from(self.scale),
        }
    }

    /// Checks the size, view and scale.
    pub fn validate(&self) -> Result<(), RenderError> {
        error::check_size(self.width_px, self.height_px)?;
        if !(self.scale.is_finite() && (0.1..=16.0).contains(&self.scale)) {
            return Err(RenderError::InvalidView(format!(
                "UI scale {} is outside 0.1 to 16",
                self.scale
            )));
        }
        if !(self.m_per_px.is_finite() && self.m_per_px > 0.0) {
            return Err(RenderError::InvalidView(format!(
                "{} metres per point is not a positive number",
                self.m_per_px
            )));
        }
        if !self.center_in_map.iter().all(|value| value.is_finite()) {
            return Err(RenderError::InvalidView(
                "the view's centre is not a finite point".into(),
            ));
        }
        Ok(())
    }
}

/// Renders `layers` (bottom first; hidden ones are skipped) with `legend` into an image.
pub fn render_map_image(
    layers: &[&Layer],
    export: &MapExport,
    legend: &[LegendEntry],
) -> Result<Pixmap, RenderError> {
    export.validate()?;
    let fonts = Fonts::new()?;
    let (width, height) = (export.width_px, export.height_px);
    let mut pixmap = Pixmap::new(width, height).ok_or(RenderError::Allocation { width, height })?;
    let [r, g, b, a] = SEA_COLOUR.0;
    pixmap.fill(Color::from_rgba8(r, g, b, a));
    let viewport = export.viewport();
    let scale = export.scale;
    let frame = export.frame();
    let drawn: Vec<&Layer> = layers
        .iter()
        .copied()
        .filter(|layer| layer.visible && layer.opacity > 0.0)
        .collect();
    for layer in &drawn {
        features::draw_layer(&mut pixmap, layer, &viewport, scale);
    }
    let furniture = Furniture::layout(&fonts, export, legend, &frame);
    let mut placer = LabelPlacer::new(furniture.blocked(&frame));
    let label_view = labels::label_view(&viewport, scale, frame.map_area);
    for layer in &drawn {
        labels::draw_labels(&mut pixmap, &fonts, layer, &label_view, &mut placer);
    }
    annotations::draw_annotations(&mut pixmap, &fonts, &export.annotations, &viewport, scale);
    furniture.draw(&mut pixmap, &fonts, export, &frame);
    Ok(pixmap)
}

/// Renders like [`render_map_image`] and encodes the image as PNG.
pub fn render_map_png(
    layers: &[&Layer],
    export: &MapExport,
    legend: &[LegendEntry],
) -> Result<Vec<u8>, RenderError> {
    let pixmap = render_map_image(layers, export, legend)?;
    encode::encode_png(&pixmap, export.scale)
}

/// The share of the map area's width the legend may take before its text shrinks.
const LEGEND_MAX_WIDTH_SHARE: f32 = 0.4;

/// The room the legend is laid out in: the right part of the map area below the north arrow, inside the
/// margins, at most [`LEGEND_MAX_WIDTH_SHARE`] of the map's width.
fn legend_room(frame: &Frame, scale: f32) -> PixelBox {
    let map_area = &frame.map_area;
    let margin = MARGIN_PT * scale;
    let top = north_arrow_area(map_area, scale).bottom() + margin;
    let width = ((map_area.width - 2.0 * margin) * LEGEND_MAX_WIDTH_SHARE).max(0.0);
    PixelBox {
        x: map_area.right() - margin - width,
        y: top,
        width,
        height: (map_area.bottom() - margin - top).max(0.0),
    }
}

/// The scale bar, north arrow and legend, laid out before the labels so labels keep clear of them.
struct Furniture {
    scale_bar: Option<ScaleBar>,
    north: Option<(PixelBox, f32)>,
    legend: Option<LegendBox>,
}

impl Furniture {
    fn layout(fonts: &Fonts, export: &MapExport, legend: &[LegendEntry], frame: &Frame) -> Self {
        let scale = export.scale;
        let viewport = export.viewport();
        let map_area = &frame.map_area;
        let centre_px = [
            f64::from(map_area.x + map_area.width / 2.0),
            f64::from(map_area.y + map_area.height / 2.0),
        ];
        let centre = viewport.map_from_pixel(centre_px);
        let to_wgs84 = Reprojector::new(MAP_CRS, WGS84).ok();
        let from_wgs84 = Reprojector::new(WGS84, MAP_CRS).ok();
        let scale_bar = to_wgs84
            .as_ref()
            .and_then(|to| geodesy::ground_per_map_metre(centre, 100.0 * viewport.m_per_px, to))
            .and_then(|factor| ScaleBar::new(fonts, factor * viewport.m_per_px, scale, map_area));
        let north_area = north_arrow_area(map_area, scale);
        let north = to_wgs84
            .as_ref()
            .zip(from_wgs84.as_ref())
            .and_then(|(to, from)| geodesy::true_north_from_grid(centre, to, from))
            .map(|angle| (north_area, angle as f32));
        let room = legend_room(frame, scale);
        let legend = export
            .show_legend
            .then(|| LegendBox::new(fonts, &export.words.legend_title, legend, scale, &room))
            .flatten();
        Self {
            scale_bar,
            north,
            legend,
        }
    }

    /// The boxes labels must keep clear of.
    fn blocked(&self, frame: &Frame) -> Vec<PixelBox> {
        let mut blocked: Vec<PixelBox> = [frame.title_bar, frame.credits_bar]
            .into_iter()
            .flatten()
            .collect();
        blocked.extend(self.scale_bar.as_ref().map(|bar| bar.area));
        blocked.extend(self.north.map(|(area, _)| area));
        blocked.extend(self.legend.as_ref().map(|legend| legend.area));
        blocked
    }

    fn draw(&self, pixmap: &mut Pixmap, fonts: &Fonts, export: &MapExport, frame: &Frame) {
        let scale = export.scale;
        if let Some(bar) = &self.scale_bar {
            bar.draw(pixmap, fonts, scale);
        }
        if let Some((area, angle)) = &self.north {
            draw_north_arrow(
                pixmap,
                fonts,
                area,
                *angle,
                &export.words.north_letter,
                scale,
            );
        }
        if let Some(legend) = &self.legend {
            legend.draw(pixmap, fonts, scale);
        }
        if let Some(area) = &frame.title_bar {
            frame::draw_title_bar(
                pixmap,
                fonts,
                area,
                (&export.title, export.subtitle.as_deref()),
                scale,
            );
        }
        if let Some(area) = &frame.credits_bar {
            frame::draw_credits_bar(pixmap, fonts, area, &export.words.credits, scale);
        }
    }
}
