//! The few GDAL calls the `gdal` crate does not wrap the way the atlas needs, each in one small function:
//! a text field's bytes exactly as stored (the crate decodes them lossily, which would destroy TCVN3 and
//! VNI text before the encoding could be detected), a curved geometry turned into straight segments, a
//! feature's OGR style string (DXF colours) and a geometry's height range.
//!
//! Every handle comes from a live `gdal` crate object borrowed for the duration of the call; every string
//! GDAL returns is copied before the next call on the same feature.

use std::ffi::CStr;
use std::os::raw::c_int;

use gdal::vector::{Feature, Geometry};

/// The bytes of field `index` of `feature` as GDAL holds them (no decoding), or `None` when the field is
/// null or unset.
pub(crate) fn raw_text(feature: &Feature, index: usize) -> Option<Vec<u8>> {
    let index = c_int::try_from(index).ok()?;
    // SAFETY: the feature handle is valid while `feature` is borrowed; the index was range-checked by the
    // caller against the feature's definition (GDAL also checks it and returns "" when out of range).
    // The returned pointer is owned by the feature and is copied before any other call on it.
    unsafe {
        let handle = feature.c_feature();
        if gdal_sys::OGR_F_IsFieldSetAndNotNull(handle, index) == 0 {
            return None;
        }
        let pointer = gdal_sys::OGR_F_GetFieldAsString(handle, index);
        if pointer.is_null() {
            return None;
        }
        Some(CStr::from_ptr(pointer).to_bytes().to_vec())
    }
}

/// The feature's OGR style string (`PEN(c:#ff0000)`, `BRUSH(fc:#00ff00)`, …), if it has one.
pub(crate) fn style_string(feature: &Feature) -> Option<String> {
    // SAFETY: as in `raw_text`; the string belongs to the feature and is copied at once.
    unsafe {
        let pointer = gdal_sys::OGR_F_GetStyleString(feature.c_feature());
        if pointer.is_null() {
            return None;
        }
        Some(CStr::from_ptr(pointer).to_string_lossy().into_owned())
    }
}

/// True when the geometry holds arcs or other curves (FileGDB true curves, circular strings).
pub(crate) fn is_curved(geometry: &Geometry) -> bool {
    // SAFETY: a pure function of the type code.
    unsafe { gdal_sys::OGR_GT_IsNonLinear(geometry.geometry_type()) != 0 }
}

/// The geometry as little-endian WKB with every curve replaced by straight segments (GDAL's default step
/// of 4 degrees of arc), or GDAL's refusal.
pub(crate) fn linear_wkb(geometry: &Geometry) -> Result<Vec<u8>, String> {
    // SAFETY: the source handle is valid while `geometry` is borrowed. GetLinearGeometry returns a new
    // geometry that this function owns and destroys on every path; the buffer is sized by OGR_G_WkbSize of
    // that same geometry before the export writes into it.
    unsafe {
        let linear =
            gdal_sys::OGR_G_GetLinearGeometry(geometry.c_geometry(), 0.0, std::ptr::null_mut());
        if linear.is_null() {
            return Err("GDAL could not turn the curves into segments".into());
        }
        let size = usize::try_from(gdal_sys::OGR_G_WkbSize(linear)).unwrap_or(0);
        let mut wkb = vec![0u8; size];
        let result = gdal_sys::OGR_G_ExportToWkb(
            linear,
            gdal_sys::OGRwkbByteOrder::wkbNDR,
            wkb.as_mut_ptr(),
        );
        gdal_sys::OGR_G_DestroyGeometry(linear);
        if result != gdal_sys::OGRErr::OGRERR_NONE || size == 0 {
            return Err("GDAL could not write the segmented geometry".into());
        }
        Ok(wkb)
    }
}

/// The lowest and highest Z of a geometry that has Z values.
pub(crate) fn height_range(geometry: &Geometry) -> (f64, f64) {
    let mut envelope = gdal_sys::OGREnvelope3D {
        MinX: 0.0,
        MaxX: 0.0,
        MinY: 0.0,
        MaxY: 0.0,
        MinZ: 0.0,
        MaxZ: 0.0,
    };
    // SAFETY: the handle is valid while `geometry` is borrowed; GDAL writes only into `envelope`.
    unsafe { gdal_sys::OGR_G_GetEnvelope3D(geometry.c_geometry(), &mut envelope) };
    (envelope.MinZ, envelope.MaxZ)
}

/// The subtype (16-bit integer, 32-bit float, boolean, …) of field `index` of a layer definition.
pub(crate) fn field_subtype(
    defn: &gdal::vector::Defn,
    index: usize,
) -> gdal_sys::OGRFieldSubType::Type {
    let Ok(index) = c_int::try_from(index) else {
        return gdal_sys::OGRFieldSubType::OFSTNone;
    };
    // SAFETY: the definition handle is valid while `defn` is borrowed; GDAL returns null for an index out
    // of range, which is checked before use.
    unsafe {
        let field = gdal_sys::OGR_FD_GetFieldDefn(defn.c_defn(), index);
        if field.is_null() {
            return gdal_sys::OGRFieldSubType::OFSTNone;
        }
        gdal_sys::OGR_Fld_GetSubType(field)
    }
}
