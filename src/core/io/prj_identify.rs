//! PROJ's own identification of a CRS definition against the EPSG register (`proj_identify`): the codes
//! whose definitions are equivalent to a `.prj` or GeoPackage WKT, with PROJ's confidence. It recognises what
//! a fixed list cannot — NAD83 and NAD27, US state planes, the British National Grid, any national grid in
//! the register — and tells a geographic NAD83 from WGS 84, which share an ellipsoid but not a datum.
//!
//! A bound CRS (WKT 1 with `TOWGS84`) is identified by its source CRS, as the datum shift is not part of an
//! EPSG CRS's identity.

use std::ffi::{CStr, CString, c_int};
use std::ptr;

/// The lowest confidence PROJ gives a definition it holds equivalent to the EPSG entry (70: equivalent,
/// names differ; 90: names nearly the same; 100: the same). Below that (25) the names look alike but the
/// definitions differ.
pub const EQUIVALENT_CONFIDENCE: i32 = 70;

/// One EPSG CRS PROJ holds equivalent to a definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Identified {
    /// The EPSG code.
    pub epsg: u32,
    /// PROJ's confidence, 0–100.
    pub confidence: i32,
}

/// The EPSG CRSs PROJ finds equivalent to `definition` (WKT 1, ESRI WKT or WKT 2), most confident first;
/// empty when PROJ cannot read it or finds none.
pub fn identify_epsg(definition: &str) -> Vec<Identified> {
    let Ok(definition) = CString::new(definition) else {
        return Vec::new();
    };
    let Ok(authority) = CString::new("EPSG") else {
        return Vec::new();
    };
    // SAFETY: every object is created here and destroyed on every path before returning: the context last,
    // the definition's object and its source CRS (when bound), the result list and the confidence array
    // after their elements have been read. `proj_list_get` returns a new reference that is destroyed after
    // its code is copied. Indices stay below `proj_list_get_count`, the length of the confidence array.
    unsafe {
        let context = proj_sys::proj_context_create();
        if context.is_null() {
            return Vec::new();
        }
        let object = proj_sys::proj_create(context, definition.as_ptr());
        let mut found = Vec::new();
        if !object.is_null() {
            let source = if proj_sys::proj_get_type(object) == proj_sys::PJ_TYPE_PJ_TYPE_BOUND_CRS {
                proj_sys::proj_get_source_crs(context, object)
            } else {
                ptr::null_mut()
            };
            let crs = if source.is_null() { object } else { source };
            let mut confidences: *mut c_int = ptr::null_mut();
            let list = proj_sys::proj_identify(
                context,
                crs,
                authority.as_ptr(),
                ptr::null(),
                &mut confidences,
            );
            if !list.is_null() {
                let count = proj_sys::proj_list_get_count(list);
                for index in 0..count {
                    let candidate = proj_sys::proj_list_get(context, list, index);
                    if candidate.is_null() {
                        continue;
                    }
                    let code = proj_sys::proj_get_id_code(candidate, 0);
                    let epsg = (!code.is_null())
                        .then(|| CStr::from_ptr(code).to_str().ok()?.parse::<u32>().ok())
                        .flatten();
                    proj_sys::proj_destroy(candidate);
                    let confidence = if confidences.is_null() {
                        0
                    } else {
                        *confidences.add(index as usize)
                    };
                    if let Some(epsg) = epsg {
                        found.push(Identified { epsg, confidence });
                    }
                }
                proj_sys::proj_list_destroy(list);
            }
            if !confidences.is_null() {
                proj_sys::proj_int_list_destroy(confidences);
            }
            if !source.is_null() {
                proj_sys::proj_destroy(source);
            }
            proj_sys::proj_destroy(object);
        }
        proj_sys::proj_context_destroy(context);
        found.sort_by_key(|identified| std::cmp::Reverse(identified.confidence));
        found
    }
}

/// The EPSG code PROJ holds equivalent to `definition` with the most confidence, when that is at least
/// [`EQUIVALENT_CONFIDENCE`].
pub fn equivalent_epsg(definition: &str) -> Option<u32> {
    identify_epsg(definition)
        .first()
        .filter(|identified| identified.confidence >= EQUIVALENT_CONFIDENCE)
        .map(|identified| identified.epsg)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ESRI_NAD83: &str = r#"GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#;

    #[test]
    fn esri_nad83_is_not_wgs84() {
        assert_eq!(equivalent_epsg(ESRI_NAD83), Some(4269));
    }

    #[test]
    fn the_british_national_grid_is_found_in_the_register() {
        let bng = r#"PROJCS["British_National_Grid",GEOGCS["GCS_OSGB_1936",DATUM["D_OSGB_1936",SPHEROID["Airy_1830",6377563.396,299.3249646]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",400000.0],PARAMETER["False_Northing",-100000.0],PARAMETER["Central_Meridian",-2.0],PARAMETER["Scale_Factor",0.9996012717],PARAMETER["Latitude_Of_Origin",49.0],UNIT["Meter",1.0]]"#;
        assert_eq!(equivalent_epsg(bng), Some(27700));
    }

    #[test]
    fn text_proj_cannot_read_identifies_nothing() {
        assert!(identify_epsg("GEOGCS[").is_empty());
        assert!(identify_epsg("not\0a definition").is_empty());
        assert_eq!(equivalent_epsg(""), None);
    }
}
