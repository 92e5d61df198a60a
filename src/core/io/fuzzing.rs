//! Byte-level entry points for the fuzz targets in `fuzz/`, which live outside this crate: the Shapefile's
//! `.shp` and `.dbf` decoders and the GeoPackage/WKB geometry decoders are private to it. Each function runs one
//! decoder on bytes in memory the way the loaders do and reports only whether the bytes were accepted (with a
//! count), so none of the decoders' internal types becomes public; [`shp_records_input`] is the whole input
//! format of the `shp_records` target, here so that its regression tests replay crashing inputs byte for byte.
//! The application does not call these.

use super::coords::check_parts;
use super::dbf_reader::read_dbf;
use super::gpkg::gpkg_geometry;
use super::shapefile::convert_shapes;
use super::shp_reader::read_shp;
use super::wkb::read_wkb;
use crate::core::attributes::infer_field_kinds;
use crate::core::crs::{Crs, VN2000_TM3_105_45, WGS84};
use crate::core::text_encoding::{TextEncoding, choose_encoding};

/// Decodes a `.shp` through its `.shx` index and turns every record into a geometry with coordinates checked
/// for `crs`, as the Shapefile loader does when the CRS is given. Returns the number of shapes.
pub fn decode_shp(shp: &[u8], shx: &[u8], crs: Crs) -> Result<usize, String> {
    let contents = read_shp(shp, shx).map_err(|problem| format!("{problem:?}"))?;
    let mut notes = Vec::new();
    let geometries = convert_shapes(std::path::Path::new("fuzz.shp"), &contents, crs, &mut notes)
        .map_err(|error| error.to_string())?;
    Ok(geometries.len())
}

/// Size of the `.shp`/`.shx` header.
const SHP_HEADER_BYTES: usize = 100;
/// At most this many index entries are built by [`shx_for`].
const MAX_SHX_ENTRIES: usize = 20_000;

/// Runs [`decode_shp`] on one input of the `shp_records` fuzz target. The first byte chooses the mode: bit 0
/// clear, the rest is a `.shp` and its `.shx` is built by [`shx_for`] (so mutations reach the record
/// contents); bit 0 set, the rest is a 16-bit little-endian `.shp` length, the `.shp` and then the `.shx`.
/// Bit 1 chooses the CRS the coordinates are checked for: VN-2000 TM-3 (clear) or WGS 84 (set).
pub fn shp_records_input(data: &[u8]) -> Result<usize, String> {
    let Some((&mode, rest)) = data.split_first() else {
        return Err("no mode byte".into());
    };
    let crs = if mode & 2 == 0 {
        VN2000_TM3_105_45
    } else {
        WGS84
    };
    if mode & 1 == 0 {
        return decode_shp(rest, &shx_for(rest), crs);
    }
    let (length, files) = rest
        .split_first_chunk::<2>()
        .ok_or("no .shp length after the mode byte")?;
    let shp_len = usize::from(u16::from_le_bytes(*length)).min(files.len());
    let (shp, shx) = files.split_at(shp_len);
    decode_shp(shp, shx, crs)
}

/// A `.shx` for `shp`: the `.shp`'s own header and one entry per record header found by walking the records
/// (at most [`MAX_SHX_ENTRIES`]), the last one possibly pointing past the end.
pub fn shx_for(shp: &[u8]) -> Vec<u8> {
    let Some(header) = shp.get(..SHP_HEADER_BYTES) else {
        return shp.to_vec();
    };
    let mut shx = header.to_vec();
    let mut offset = SHP_HEADER_BYTES;
    while shx.len() < SHP_HEADER_BYTES + 8 * MAX_SHX_ENTRIES {
        let Some(length) = shp
            .get(offset.saturating_add(4)..offset.saturating_add(8))
            .and_then(|bytes| <[u8; 4]>::try_from(bytes).ok())
        else {
            break;
        };
        let length_words = i32::from_be_bytes(length);
        let Ok(offset_words) = i32::try_from(offset / 2) else {
            break;
        };
        shx.extend(offset_words.to_be_bytes());
        shx.extend(length_words.to_be_bytes());
        let Ok(words) = usize::try_from(length_words) else {
            break;
        };
        offset = offset
            .saturating_add(8)
            .saturating_add(words.saturating_mul(2));
    }
    shx
}

/// Decodes a `.dbf` table as the Shapefile loader does: structure, text encoding (`encoding`, else detected
/// from the cells), field names, typed cells and field kinds. Returns the number of rows.
pub fn decode_dbf(bytes: &[u8], encoding: Option<TextEncoding>) -> Result<usize, String> {
    let table = read_dbf(bytes)?;
    let report = choose_encoding(&table.text_cells(), None, encoding);
    let names = table.field_names(report.encoding);
    let mut notes = Vec::new();
    let rows = table.to_rows(report.encoding, &names, &mut notes)?;
    let fields = infer_field_kinds(names, &rows);
    debug_assert_eq!(fields.len(), table.fields.len());
    Ok(rows.len())
}

/// Decodes one WKB geometry (what follows a GeoPackage blob's header) and checks its parts as the GeoPackage
/// reader does. Returns whether Z or M ordinates were dropped.
pub fn decode_wkb(bytes: &[u8]) -> Result<bool, String> {
    let read = read_wkb(bytes)?;
    check_parts(&read.geometry)?;
    Ok(read.dropped_zm)
}

/// Decodes one GeoPackage geometry blob (header, envelope, WKB) with coordinates checked for `crs`.
/// Returns whether Z or M ordinates were dropped.
pub fn decode_gpkg_geometry(blob: &[u8], crs: Crs) -> Result<bool, String> {
    gpkg_geometry(blob, crs).map(|(_, dropped_zm)| dropped_zm)
}
