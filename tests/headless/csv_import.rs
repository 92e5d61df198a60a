//! CSV points: a semicolon file with decimal commas and Vietnamese column names is read without asking; an X/Y
//! file in metres reads X as the northing once the grid is chosen; explicit columns override the guess.

use geo::{Geometry, Point};
use hpatlas::core::attributes::AttributeValue;
use hpatlas::core::crs::{VN2000_TM3_105_45, WGS84};
use hpatlas::core::io::csv_points::{CsvColumns, inspect_csv};
use hpatlas::core::io::{LoadError, LoadOptions, read_layer_file_with};
use hpatlas::core::layer::CrsOrigin;

use crate::fixture;

#[test]
fn longitude_latitude_with_decimal_commas() {
    let data = read_layer_file_with(
        &fixture("formats/points_lonlat.csv"),
        &LoadOptions::default(),
        &mut |_| {},
    )
    .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!((data.crs, data.crs_origin), (WGS84, CrsOrigin::Assumed));
    assert_eq!(
        data.features[0].geometry,
        Geometry::Point(Point::new(106.6881, 20.8449))
    );
    assert_eq!(
        data.features[1].attributes[0],
        AttributeValue::Text("Đảo Cát Bà".into())
    );
}

#[test]
fn x_is_the_northing_once_the_grid_is_chosen() {
    let path = fixture("formats/points_xy.csv");
    let preview = inspect_csv(&path, None).expect("readable");
    assert_eq!(
        preview.guess.columns,
        Some(CsvColumns {
            lon_or_easting: 3,
            lat_or_northing: 2
        })
    );
    assert!(preview.guess.columns_sure && !preview.guess.crs_sure);
    let asked = read_layer_file_with(&path, &LoadOptions::default(), &mut |_| {})
        .expect_err("the grid must be chosen");
    assert!(matches!(asked, LoadError::CrsUnknown { .. }), "{asked}");
    let options = LoadOptions {
        crs: Some(VN2000_TM3_105_45),
        ..LoadOptions::default()
    };
    let data = read_layer_file_with(&path, &options, &mut |_| {}).expect("readable");
    assert_eq!(
        data.features[0].geometry,
        Geometry::Point(Point::new(597_432.44, 2_306_067.77))
    );
    let swapped = LoadOptions {
        csv_columns: Some(CsvColumns {
            lon_or_easting: 2,
            lat_or_northing: 3,
        }),
        ..options
    };
    let obeyed = read_layer_file_with(&path, &swapped, &mut |_| {});
    assert!(
        obeyed.is_ok_and(|data| data.features[0].geometry
            == Geometry::Point(Point::new(2_306_067.77, 597_432.44))),
        "explicit columns are obeyed"
    );
}
