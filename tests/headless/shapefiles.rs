//! Shapefile loading: polygons with holes and multipart polygons from ESRI ring order, Z dropped with a note,
//! the .prj corpus mapped to EPSG codes, the rotation-sign warning, and a missing .prj asking the user.

use geo::Geometry;
use hpatlas::core::attributes::AttributeValue;
use hpatlas::core::crs::{Crs, VN2000_TM3_105_45, WGS84};
use hpatlas::core::io::prj::match_prj;
use hpatlas::core::io::{LoadError, read_layer_file};
use hpatlas::core::layer::{CrsOrigin, Layer};
use hpatlas::core::layer_note::LayerNote;
use hpatlas::core::text_encoding::{EncodingOrigin, TextEncoding};

use crate::fixture;

#[test]
fn polygons_holes_multiparts_and_null_shapes() {
    let data = read_layer_file(&fixture("formats/parcels_vn2000.shp"), None, &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(data.crs, VN2000_TM3_105_45);
    assert_eq!(data.crs_origin, CrsOrigin::Declared);
    let report = data.text_encoding.clone().expect("encoding");
    assert_eq!(
        (report.encoding, report.origin),
        (TextEncoding::Utf8, EncodingOrigin::Declared)
    );
    let Geometry::Polygon(with_hole) = &data.features[0].geometry else {
        panic!("a polygon with a hole: {:?}", data.features[0].geometry);
    };
    assert_eq!(with_hole.interiors().len(), 1);
    let Geometry::MultiPolygon(two) = &data.features[1].geometry else {
        panic!("a multipolygon");
    };
    assert_eq!(two.0.len(), 2);
    assert_eq!(
        hpatlas::core::geometry::geometry_type_name(&data.features[2].geometry),
        "Null"
    );
    assert_eq!(
        data.features[0].attributes[1],
        AttributeValue::Integer(1200)
    );
    assert_eq!(data.features[0].attributes[2], AttributeValue::Real(0.99));
    assert_eq!(data.features[2].attributes[1], AttributeValue::Null);
    let layer = Layer::prepare(data, &mut |_| {}).expect("prepared");
    assert_eq!(
        layer.text_encoding.map(|report| report.encoding),
        Some(TextEncoding::Utf8)
    );
}

#[test]
fn z_values_are_dropped_and_said_so() {
    let data = read_layer_file(&fixture("formats/roads_z.shp"), None, &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(data.crs, WGS84);
    assert!(
        matches!(&data.features[0].geometry, Geometry::MultiLineString(lines) if lines.0.len() == 2)
    );
    assert!(
        data.notes.contains(&LayerNote::HeightsDropped),
        "{:?}",
        data.notes
    );
}

#[test]
fn the_prj_corpus_maps_to_epsg_codes() {
    for (name, epsg) in [
        ("esri_vn2000_tm3_105_45.prj", 9210),
        ("esri_utm_48n.prj", 32648),
        ("esri_wgs84.prj", 4326),
        ("esri_web_mercator.prj", 3857),
        ("ogc_vn2000_utm_48n.prj", 3405),
        ("vn2000_towgs84_correct.prj", 9210),
        ("vn2000_towgs84_wrong_sign.prj", 9210),
    ] {
        let text =
            std::fs::read_to_string(fixture(&format!("formats/prj/{name}"))).expect("fixture");
        let found = match_prj(&text).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(found.crs, Crs::epsg(epsg), "{name}");
        let warned = found.warnings.contains(&LayerNote::Towgs84RotationSign);
        assert_eq!(
            warned,
            name == "vn2000_towgs84_wrong_sign.prj",
            "{name}: {:?}",
            found.warnings
        );
    }
}

#[test]
fn every_vn2000_tm3_zone_of_proj_maps_back_to_its_code() {
    for epsg in (9205..=9218).chain([3405, 3406, 4756]) {
        let proj = proj::Proj::new(&format!("EPSG:{epsg}")).expect("PROJ knows it");
        let wkt = proj
            .as_wkt(Some(proj::wkt::WktVersion::Wkt1_Esri), None)
            .expect("PROJ writes ESRI WKT");
        let without_name = wkt.replacen("VN-2000", "Unnamed", 1);
        let found = match_prj(&without_name).unwrap_or_else(|error| panic!("EPSG:{epsg}: {error}"));
        assert_eq!(found.crs, Crs::epsg(epsg), "{wkt}");
    }
}

#[test]
fn prj_files_of_other_countries_are_identified_by_proj_with_their_datum() {
    // NAD83 and NAD27 geographic, a US state plane in US feet, the British National Grid, the Dutch RD grid,
    // WGS 84 / UTM 31N: ESRI WKT as ArcGIS writes it (PROJ's ESRI dialect) and OGC WKT 1.
    for epsg in [4269, 4267, 2263, 27700, 28992, 32631] {
        let proj = proj::Proj::new(&format!("EPSG:{epsg}")).expect("PROJ knows it");
        for version in [
            proj::wkt::WktVersion::Wkt1_Esri,
            proj::wkt::WktVersion::Wkt1_Gdal,
        ] {
            let wkt = proj.as_wkt(Some(version), None).expect("PROJ writes WKT");
            let wkt = without_authority(&wkt);
            let found = match_prj(&wkt).unwrap_or_else(|error| panic!("EPSG:{epsg}: {error}"));
            assert_eq!(found.crs, Crs::epsg(epsg), "{wkt}");
        }
    }
}

/// `wkt` without its `AUTHORITY[…]`/`ID[…]` clauses, as most `.prj` files are written.
fn without_authority(wkt: &str) -> String {
    let mut text = wkt.to_string();
    for keyword in [",AUTHORITY[", ",ID["] {
        while let Some(start) = text.find(keyword) {
            let Some(length) = text[start..].find(']') else {
                break;
            };
            text.replace_range(start..start + length + 1, "");
        }
    }
    text
}

#[test]
fn esri_nad83_keeps_its_datum_and_a_local_grid_stays_unknown() {
    let nad83 = r#"GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#;
    let found = match_prj(nad83).expect("identified");
    assert_eq!(found.crs, Crs::epsg(4269), "NAD83 is not WGS 84");
    let local = r#"LOCAL_CS["Hai Phong site grid",LOCAL_DATUM["site",0],UNIT["metre",1]]"#;
    assert!(match_prj(local).is_err());
}

#[test]
fn the_wrong_rotation_sign_is_a_layer_note() {
    let data = read_layer_file(&fixture("formats/wrong_towgs84.shp"), None, &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(data.crs, VN2000_TM3_105_45);
    assert!(
        data.notes.contains(&LayerNote::Towgs84RotationSign),
        "{:?}",
        data.notes
    );
}

#[test]
fn no_prj_asks_the_user_and_a_given_crs_reads_it() {
    let path = fixture("formats/no_prj.shp");
    let error = read_layer_file(&path, None, &mut |_| {}).expect_err("must ask");
    assert!(error.needs_user_choice());
    let LoadError::CrsUnknown { suggestions, .. } = &error else {
        panic!("{error}");
    };
    let codes: Vec<u32> = suggestions.iter().map(|crs| crs.epsg).collect();
    assert_eq!(codes, [9210, 9209, 3405, 4326]);
    let data = read_layer_file(&path, Some(VN2000_TM3_105_45), &mut |_| {}).expect("given CRS");
    assert_eq!(data.crs_origin, CrsOrigin::User);
}
