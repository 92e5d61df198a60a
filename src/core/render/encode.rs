//! PNG encoding of a rendered image: straight (un-premultiplied) 8-bit RGBA, with the pixel density of the
//! export's UI scale (96 dpi at scale 1) recorded so image viewers and word processors size it sensibly.

use tiny_skia::Pixmap;

use super::error::RenderError;

/// Pixels per metre of a 96 dpi screen.
const PX_PER_M_AT_96_DPI: f64 = 96.0 / 0.0254;

/// Encodes `pixmap` as PNG bytes; `scale` sets the recorded density (96 dpi × scale).
pub fn encode_png(pixmap: &Pixmap, scale: f32) -> Result<Vec<u8>, RenderError> {
    let mut rgba = Vec::with_capacity(pixmap.data().len());
    for pixel in pixmap.pixels() {
        let straight = pixel.demultiply();
        rgba.extend_from_slice(&[
            straight.red(),
            straight.green(),
            straight.blue(),
            straight.alpha(),
        ]);
    }
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, pixmap.width(), pixmap.height());
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let density = (PX_PER_M_AT_96_DPI * f64::from(scale.max(0.01))).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: density,
            yppu: density,
            unit: png::Unit::Meter,
        }));
        let mut writer = encoder
            .write_header()
            .map_err(|error| RenderError::Encode(error.to_string()))?;
        writer
            .write_image_data(&rgba)
            .map_err(|error| RenderError::Encode(error.to_string()))?;
        writer
            .finish()
            .map_err(|error| RenderError::Encode(error.to_string()))?;
    }
    Ok(bytes)
}
