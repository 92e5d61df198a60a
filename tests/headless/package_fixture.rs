//! A GeoPackage with three feature tables, one of them empty, written with the atlas's own GeoPackage
//! writer: the package the layer-group tests (headless and UI) open.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use geo::{Geometry, LineString, Polygon};
use hpatlas::core::attributes::{AttributeKind, AttributeValue, Field};
use hpatlas::core::crs::VN2000_TM3_105_45;
use hpatlas::core::io::export_layer::ExportLayer;
use hpatlas::core::io::gpkg_write::write_gpkg;

/// The package's group name.
pub const GROUP: &str = "QuyHoach.gpkg";

/// Writes `QuyHoach.gpkg` in `folder`: two zoning areas, one road line and an empty table of markers, in
/// VN-2000 / TM-3 105°45' near Hai Phong.
pub fn three_table_gpkg(folder: &Path) -> PathBuf {
    let fields = vec![Field {
        name: "tenDoiTuong".into(),
        kind: AttributeKind::Text,
    }];
    let square = |x: f64, y: f64| {
        Geometry::Polygon(Polygon::new(
            LineString::from(vec![
                (x, y),
                (x + 200.0, y),
                (x + 200.0, y + 150.0),
                (x, y + 150.0),
                (x, y),
            ]),
            Vec::new(),
        ))
    };
    let zones = [
        square(597_000.0, 2_306_000.0),
        square(597_400.0, 2_306_000.0),
    ];
    let road = Geometry::LineString(LineString::from(vec![
        (596_900.0, 2_305_900.0),
        (597_700.0, 2_306_200.0),
    ]));
    let names = [
        vec![AttributeValue::Text("Đất ở".into())],
        vec![AttributeValue::Text("Cây xanh".into())],
        vec![AttributeValue::Text("Đường trục".into())],
    ];
    let layers = [
        ExportLayer {
            name: "QHSDD_A",
            crs: VN2000_TM3_105_45,
            fields: &fields,
            features: vec![
                (Cow::Borrowed(&zones[0]), names[0].as_slice()),
                (Cow::Borrowed(&zones[1]), names[1].as_slice()),
            ],
        },
        ExportLayer {
            name: "GTDN_L",
            crs: VN2000_TM3_105_45,
            fields: &fields,
            features: vec![(Cow::Borrowed(&road), names[2].as_slice())],
        },
        ExportLayer {
            name: "MocGioi_P",
            crs: VN2000_TM3_105_45,
            fields: &fields,
            features: Vec::new(),
        },
    ];
    let path = folder.join(GROUP);
    write_gpkg(&path, &layers).expect("GeoPackage written");
    path
}
