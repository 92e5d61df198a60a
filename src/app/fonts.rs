//! Fonts: Be Vietnam Pro (SIL OFL, `assets/fonts/`) first for all text, because egui's built-in fonts draw
//! boxes for stacked Vietnamese diacritics (ả ạ ồ ủ ị); DejaVu Sans (Bitstream Vera licence) behind it for the
//! symbols the interface uses (arrows, ⌂, ✖), and egui's own fonts last.

use std::sync::Arc;

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/BeVietnamPro-Regular.ttf");
const SEMIBOLD: &[u8] = include_bytes!("../../assets/fonts/BeVietnamPro-SemiBold.ttf");
const SYMBOLS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The family name of the semi-bold face, for headings and the large presentation type.
pub const HEADING_FAMILY: &str = "be-vietnam-pro-semibold";

/// Installs the Vietnamese fonts into `ctx`.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "be-vietnam-pro".into(),
        Arc::new(FontData::from_static(REGULAR)),
    );
    fonts.font_data.insert(
        HEADING_FAMILY.into(),
        Arc::new(FontData::from_static(SEMIBOLD)),
    );
    fonts.font_data.insert(
        "dejavu-sans".into(),
        Arc::new(FontData::from_static(SYMBOLS)),
    );
    if let Some(proportional) = fonts.families.get_mut(&FontFamily::Proportional) {
        proportional.insert(0, "be-vietnam-pro".into());
        proportional.insert(1, "dejavu-sans".into());
    }
    if let Some(monospace) = fonts.families.get_mut(&FontFamily::Monospace) {
        monospace.push("be-vietnam-pro".into());
        monospace.push("dejavu-sans".into());
    }
    let mut heading = vec![HEADING_FAMILY.to_string()];
    heading.extend(
        fonts
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default(),
    );
    fonts
        .families
        .insert(FontFamily::Name(HEADING_FAMILY.into()), heading);
    ctx.set_fonts(fonts);
}
