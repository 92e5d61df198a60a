//! Workshop slides without a GUI: capturing the layers' display state into a [`SavedView`], turning a view
//! back into the session [`Edit`]s that show it, naming slide image files, and rendering every slide to a
//! PNG (title, legend, scale bar, north arrow, credits and the slide's annotations) for the minutes.

use std::path::{Path, PathBuf};

use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

use super::io::atomic_write::write_bytes_atomically;
use super::layer::Layer;
use super::project::{Camera, LayerRef, SavedView, Slide, ViewLayer};
use super::render::{MapExport, MapWords, RenderError, legend_entries_within, render_map_png};
use super::session::{Edit, Session, SessionError};

/// The longest slug kept in a slide's file name, in characters.
const MAX_SLUG_CHARS: usize = 60;

/// A view of `layers` as they are now: every layer by name with its visibility, opacity and style.
pub fn capture_view(name: &str, camera: Camera, layers: &[Layer]) -> SavedView {
    SavedView {
        name: name.to_string(),
        camera,
        layers: layers
            .iter()
            .map(|layer| ViewLayer {
                layer: LayerRef::Name(layer.name.clone()),
                visible: layer.visible,
                opacity: Some(layer.opacity),
                style: Some(layer.style.clone()),
            })
            .collect(),
    }
}

/// The edits that give `layers` the display state `view` lists (only for what differs). Layers the view
/// does not list, and entries that name no open layer, are left alone.
pub fn view_edits(layers: &[Layer], view: &SavedView) -> Vec<Edit> {
    let names: Vec<&str> = layers.iter().map(|layer| layer.name.as_str()).collect();
    let mut commands = Vec::new();
    for entry in &view.layers {
        let Some(layer) = entry
            .layer
            .resolve(&names)
            .and_then(|position| layers.get(position))
        else {
            continue;
        };
        if layer.visible != entry.visible {
            commands.push(Edit::SetVisible(layer.id, entry.visible));
        }
        if let Some(opacity) = entry.opacity
            && (layer.opacity - opacity).abs() > f32::EPSILON
        {
            commands.push(Edit::SetOpacity(layer.id, opacity));
        }
        if let Some(style) = &entry.style
            && &layer.style != style
        {
            commands.push(Edit::SetStyle(layer.id, Box::new(style.clone())));
        }
    }
    commands
}

/// Shows `view`'s layer states for a moment without recording an edit (the show and the slide export put
/// the layers back afterwards with the view captured before).
pub fn apply_view_unrecorded(session: &mut Session, view: &SavedView) -> Result<(), SessionError> {
    for edit in view_edits(session.layers(), view) {
        session.apply_unrecorded(edit)?;
    }
    Ok(())
}

/// A file-name-safe form of a title: lower-case ASCII words joined by hyphens, Vietnamese letters without
/// their marks ("Khu đô thị Bắc sông Cấm" → "khu-do-thi-bac-song-cam").
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            c if unicode_normalization::char::is_combining_mark(c) => continue,
            _ => '-',
        };
        if c == '-' && (slug.is_empty() || slug.ends_with('-')) {
            continue;
        }
        if slug.len() >= MAX_SLUG_CHARS {
            break;
        }
        slug.push(c);
    }
    slug.trim_end_matches('-').to_string()
}

/// The file name of slide `number` (one-based): `01-<slug>.png`, `02-trang.png` for an untitled slide.
pub fn slide_file_name(number: usize, title: &str) -> String {
    let slug = slug(title);
    let slug = if slug.is_empty() { "trang" } else { &slug };
    format!("{number:02}-{slug}.png")
}

/// How slide images are rendered.
#[derive(Clone, Debug, PartialEq)]
pub struct SlideExportOptions {
    /// Image width in pixels.
    pub width_px: u32,
    /// Image height in pixels.
    pub height_px: u32,
    /// Pixels per UI point (the slide's camera is in UI points).
    pub scale: f32,
    /// The words of the furniture and the legend.
    pub words: MapWords,
}

impl Default for SlideExportOptions {
    /// Full HD at UI scale 1 with Vietnamese words.
    fn default() -> Self {
        Self {
            width_px: 1920,
            height_px: 1080,
            scale: 1.0,
            words: MapWords::default(),
        }
    }
}

/// Slides could not be exported.
#[derive(Debug, Error)]
pub enum SlideExportError {
    /// A slide could not be drawn.
    #[error("slide {number} ({title:?}): {source}")]
    Render {
        /// One-based slide number.
        number: usize,
        /// Its title.
        title: String,
        /// What failed.
        source: RenderError,
    },
    /// A file could not be written.
    #[error("{}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The slide's view could not be applied to the layers.
    #[error("{0}")]
    Session(#[from] SessionError),
}

/// Renders one slide of `layers` (already showing the slide's layer states) as PNG bytes: the slide's camera
/// centred in the map area, its title in the title bar, the legend of what is in view, scale bar, north
/// arrow, credits and the slide's annotations.
pub fn render_slide_png(
    layers: &[&Layer],
    slide: &Slide,
    options: &SlideExportOptions,
) -> Result<Vec<u8>, RenderError> {
    let mut export = MapExport::new(options.width_px, options.height_px, options.scale);
    export.title = slide.title.clone();
    export.words = options.words.clone();
    export.annotations = slide.annotations.clone();
    centre_in_map_area(&mut export, slide.view.camera);
    let shown: Vec<&Layer> = layers
        .iter()
        .copied()
        .filter(|layer| layer.visible)
        .collect();
    let view = export.viewport().visible_rect(0.0);
    let legend = legend_entries_within(&shown, &export.words.legend, view);
    render_map_png(&shown, &export, &legend)
}

/// Puts the camera's centre at the centre of the map area between the title and credits bars.
fn centre_in_map_area(export: &mut MapExport, camera: Camera) {
    export.m_per_px = camera.m_per_px;
    let map_area = export.frame().map_area;
    let offset_px = [
        f64::from(map_area.x + map_area.width / 2.0) - f64::from(export.width_px) / 2.0,
        f64::from(map_area.y + map_area.height / 2.0) - f64::from(export.height_px) / 2.0,
    ];
    let m_per_image_px = camera.m_per_px / f64::from(export.scale.max(0.01));
    export.center_in_map = [
        camera.center_in_map[0] - offset_px[0] * m_per_image_px,
        camera.center_in_map[1] + offset_px[1] * m_per_image_px,
    ];
}

/// Writes every slide as `NN-<slug>.png` into `folder` (created when missing), each atomically. Each slide's
/// layer states are shown (not recorded as edits) while it renders; the layers' states from before are
/// restored afterwards, also when a slide fails. Returns the files written, in slide order.
pub fn export_slides(
    session: &mut Session,
    folder: &Path,
    options: &SlideExportOptions,
) -> Result<Vec<PathBuf>, SlideExportError> {
    std::fs::create_dir_all(folder).map_err(|source| SlideExportError::Write {
        path: folder.to_path_buf(),
        source,
    })?;
    let before = capture_view(
        "",
        Camera {
            center_in_map: [0.0, 0.0],
            m_per_px: 1.0,
        },
        session.layers(),
    );
    let written = export_each(session, folder, options);
    apply_view_unrecorded(session, &before)?;
    written
}

fn export_each(
    session: &mut Session,
    folder: &Path,
    options: &SlideExportOptions,
) -> Result<Vec<PathBuf>, SlideExportError> {
    let slides = session.slides().to_vec();
    let mut written = Vec::with_capacity(slides.len());
    for (index, slide) in slides.iter().enumerate() {
        let number = index + 1;
        apply_view_unrecorded(session, &slide.view)?;
        let layers: Vec<&Layer> = session.layers().iter().collect();
        let png = render_slide_png(&layers, slide, options).map_err(|source| {
            SlideExportError::Render {
                number,
                title: slide.title.clone(),
                source,
            }
        })?;
        let path = folder.join(slide_file_name(number, &slide.title));
        write_bytes_atomically(&path, &png).map_err(|source| SlideExportError::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_drop_vietnamese_marks_and_punctuation() {
        assert_eq!(slug("Khu đô thị Bắc sông Cấm"), "khu-do-thi-bac-song-cam");
        assert_eq!(
            slug("  Trạm 5G: vùng phủ (2030)! "),
            "tram-5g-vung-phu-2030"
        );
        assert_eq!(slide_file_name(3, "Đình Vũ"), "03-dinh-vu.png");
        assert_eq!(slide_file_name(12, "…"), "12-trang.png");
        assert!(slug(&"ă".repeat(200)).len() <= MAX_SLUG_CHARS);
    }
}
