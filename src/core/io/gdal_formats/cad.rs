//! What is particular to CAD drawings: files GDAL cannot read for the atlas (DWG, MicroStation V8 DGN),
//! refused with what to save them as; DXF paper-space entities; and an entity's colour, read back from the
//! style GDAL gives it as `#rrggbb` plus its AutoCAD Color Index.

use std::io::Read;
use std::path::Path;

use gdal::vector::Feature;

use super::aci_palette::aci_of_rgb;
use super::values::FieldReader;
use super::{GdalFormat, ffi};
use crate::core::io::LoadError;
use crate::core::source_files::{companion, lower_extension};

/// The first bytes of an OLE compound file, the container of MicroStation V8 DGN (and of old DWG-like
/// formats); a DGN v7 starts with a design-file header instead.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// A DWG drawing: refused with what to save it as.
pub fn dwg_refusal(path: &Path) -> LoadError {
    LoadError::NeedsAnotherFormat {
        path: path.to_path_buf(),
        what: "an AutoCAD DWG drawing".into(),
        advice: "save it as DXF (AutoCAD: Save As → AutoCAD DXF, any version) and open the .dxf"
            .into(),
    }
}

/// Refuses a file of `format` that GDAL cannot read for the atlas: a MicroStation V8 DGN, or a MapInfo
/// table missing one of its parts.
pub(crate) fn refuse_unreadable(path: &Path, format: GdalFormat) -> Result<(), LoadError> {
    match format {
        GdalFormat::Dgn => refuse_dgn_v8(path),
        GdalFormat::MapInfo => require_mapinfo_parts(path),
        GdalFormat::FileGdb | GdalFormat::Dxf => Ok(()),
    }
}

/// A native MapInfo table is four files: the `.tab` header, `.dat` (attributes), `.map` (geometry) and
/// `.id` (the index from one to the other). GDAL opens a `.tab` without its `.map` as a table without
/// geometry, which would silently drop the drawing, so a missing part is refused by name.
fn require_mapinfo_parts(path: &Path) -> Result<(), LoadError> {
    if lower_extension(path) != "tab" || !is_native_table(path) {
        return Ok(());
    }
    for part in ["dat", "map", "id"] {
        if companion(path, part).is_none() {
            return Err(LoadError::Missing {
                path: path.with_extension(part),
                needed_by: path.to_path_buf(),
            });
        }
    }
    Ok(())
}

/// True when the `.tab` header says `Type NATIVE` (not a view, seamless or raster table).
fn is_native_table(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(16 * 1024)]).to_ascii_lowercase();
    text.lines().any(|line| {
        let mut words = line.split_whitespace();
        words.next() == Some("type") && words.next() == Some("native")
    })
}

fn refuse_dgn_v8(path: &Path) -> Result<(), LoadError> {
    let mut start = [0u8; 8];
    let read = std::fs::File::open(path).and_then(|mut file| file.read_exact(&mut start));
    if read.is_ok() && start == OLE_MAGIC {
        return Err(LoadError::NeedsAnotherFormat {
            path: path.to_path_buf(),
            what: "a MicroStation V8 DGN drawing (only DGN v7 can be read)".into(),
            advice:
                "save it as DGN V7 (MicroStation: File → Save As → MicroStation V7 DGN) or as DXF"
                    .into(),
        });
    }
    Ok(())
}

/// True when a drawing lacks its end marker, so it was cut short (a copy interrupted, a truncated
/// attachment): a text DXF ends with the group `0`/`EOF`, a binary DXF with `EOF` and a NUL, a DGN v7 with
/// the end-of-design word 0xFFFF.
pub(crate) fn ends_early(path: &Path, format: GdalFormat) -> bool {
    let Some(tail) = file_tail(path, 64) else {
        return false;
    };
    match format {
        GdalFormat::Dxf => {
            let text = String::from_utf8_lossy(&tail);
            let last_line = text.trim_end_matches(['\r', '\n', ' ', '\0', '\x1a']);
            !last_line.ends_with("EOF")
        }
        GdalFormat::Dgn => !tail.ends_with(&[0xFF, 0xFF]),
        GdalFormat::FileGdb | GdalFormat::MapInfo => false,
    }
}

/// The last `count` bytes of a file (fewer when it is shorter); `None` when it cannot be read.
fn file_tail(path: &Path, count: u64) -> Option<Vec<u8>> {
    use std::io::{Seek, SeekFrom};
    let mut file = std::fs::File::open(path).ok()?;
    let length = file.metadata().ok()?.len();
    file.seek(SeekFrom::Start(length.saturating_sub(count)))
        .ok()?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail).ok()?;
    Some(tail)
}

/// True for a DXF entity drawn in paper space (title blocks, viewports), which is not on the map.
pub(crate) fn in_paper_space(feature: &Feature, reader: &FieldReader) -> bool {
    reader
        .paper_space_index()
        .and_then(|index| feature.field_as_integer(index).ok().flatten())
        .is_some_and(|flag| flag != 0)
}

/// An entity's colour as GDAL resolved it (its own, or its layer's for BYLAYER): `#rrggbb` and the ACI.
pub(crate) fn entity_colour(feature: &Feature) -> Option<(String, Option<u8>)> {
    let style = ffi::style_string(feature)?;
    let rgb = first_style_colour(&style)?;
    let hex = format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
    Some((hex, aci_of_rgb(rgb)))
}

/// The first colour in an OGR style string: a pen's `c:#rrggbb`, else a brush's `fc:#rrggbb`, else a
/// label's `c:` (an alpha byte after the six digits is ignored).
fn first_style_colour(style: &str) -> Option<[u8; 3]> {
    let start = style.find("c:#")? + 3;
    let digits = style.get(start..start + 6)?;
    let value = u32::from_str_radix(digits, 16).ok()?;
    let [_, r, g, b] = value.to_be_bytes();
    Some([r, g, b])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_from_pens_brushes_and_labels() {
        assert_eq!(
            first_style_colour("PEN(c:#ff0000,w:0.5g)"),
            Some([255, 0, 0])
        );
        assert_eq!(
            first_style_colour("BRUSH(fc:#00ff00);PEN(c:#0000ff)"),
            Some([0, 255, 0])
        );
        assert_eq!(
            first_style_colour("LABEL(f:\"Arial\",t:\"x\",c:#a5a500ff)"),
            Some([165, 165, 0])
        );
        assert_eq!(first_style_colour("PEN(w:1g)"), None);
        assert_eq!(first_style_colour("PEN(c:#ff"), None);
    }
}
