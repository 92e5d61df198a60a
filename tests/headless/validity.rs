//! Polygon validity on the load path (issue 13): Shapefile polygons are checked by the n·log n check of
//! `core::io::validity`, and what is wrong with them is still a layer note. Shapefiles are written here byte by
//! byte (ESRI ring order: shells clockwise, holes counter-clockwise), and the check is compared with geo's own
//! `Validation` on seeded random polygons.

use std::path::{Path, PathBuf};

use geo::algorithm::validation::{InvalidPolygon, RingRole};
use geo::{Coord, LineString, Polygon, Validation};
use hpatlas::core::crs::VN2000_TM3_105_45;
use hpatlas::core::io::read_layer_file;
use hpatlas::core::io::validity::check_loaded_polygon;
use hpatlas::core::layer_note::LayerNote;

use crate::rng::SeededRng;
use crate::scratch_folder;

/// One Shapefile record: its rings as drawn (each closed by the writer if it is not).
type Record = Vec<Vec<(f64, f64)>>;

fn be32(out: &mut Vec<u8>, value: usize) {
    let value = i32::try_from(value).expect("fits in i32");
    out.extend_from_slice(&value.to_be_bytes());
}

fn le32(out: &mut Vec<u8>, value: usize) {
    let value = i32::try_from(value).expect("fits in i32");
    out.extend_from_slice(&value.to_le_bytes());
}

fn bounds(points: impl Iterator<Item = (f64, f64)>) -> [f64; 4] {
    points.fold(
        [f64::MAX, f64::MAX, f64::MIN, f64::MIN],
        |[x0, y0, x1, y1], (x, y)| [x0.min(x), y0.min(y), x1.max(x), y1.max(y)],
    )
}

fn shp_header(total_bytes: usize, bbox: [f64; 4]) -> Vec<u8> {
    let mut out = Vec::with_capacity(100);
    be32(&mut out, 9994);
    out.resize(24, 0);
    be32(&mut out, total_bytes / 2);
    le32(&mut out, 1000);
    le32(&mut out, 5);
    for value in bbox {
        out.extend_from_slice(&value.to_le_bytes());
    }
    out.resize(100, 0);
    out
}

/// Writes `name.shp/.shx/.dbf` (polygons, one numeric field `id`) into `folder`; returns the `.shp` path.
fn write_polygon_shapefile(folder: &Path, name: &str, records: &[Record]) -> PathBuf {
    let closed: Vec<Record> = records
        .iter()
        .map(|rings| {
            rings
                .iter()
                .map(|ring| {
                    let mut ring = ring.clone();
                    if ring.first() != ring.last() {
                        ring.push(ring[0]);
                    }
                    ring
                })
                .collect()
        })
        .collect();
    let bbox = bounds(closed.iter().flatten().flatten().copied());
    let mut contents = Vec::new();
    for rings in &closed {
        let mut content = Vec::new();
        le32(&mut content, 5);
        for value in bounds(rings.iter().flatten().copied()) {
            content.extend_from_slice(&value.to_le_bytes());
        }
        le32(&mut content, rings.len());
        le32(&mut content, rings.iter().map(Vec::len).sum());
        let mut start = 0;
        for ring in rings {
            le32(&mut content, start);
            start += ring.len();
        }
        for &(x, y) in rings.iter().flatten() {
            content.extend_from_slice(&x.to_le_bytes());
            content.extend_from_slice(&y.to_le_bytes());
        }
        contents.push(content);
    }
    let shp_len = 100 + contents.iter().map(|c| 8 + c.len()).sum::<usize>();
    let mut shp = shp_header(shp_len, bbox);
    let mut shx = shp_header(100 + 8 * contents.len(), bbox);
    for (number, content) in contents.iter().enumerate() {
        be32(&mut shx, shp.len() / 2);
        be32(&mut shx, content.len() / 2);
        be32(&mut shp, number + 1);
        be32(&mut shp, content.len() / 2);
        shp.extend_from_slice(content);
    }
    let mut dbf = vec![0x03, 126, 1, 1];
    dbf.extend_from_slice(&u32::try_from(records.len()).expect("count").to_le_bytes());
    dbf.extend_from_slice(&65u16.to_le_bytes());
    dbf.extend_from_slice(&9u16.to_le_bytes());
    dbf.resize(32, 0);
    let mut field = b"id".to_vec();
    field.resize(11, 0);
    field.push(b'N');
    field.extend_from_slice(&[0; 4]);
    field.extend_from_slice(&[8, 0]);
    field.resize(32, 0);
    dbf.extend_from_slice(&field);
    dbf.push(0x0D);
    for number in 0..records.len() {
        dbf.extend_from_slice(format!(" {:>8}", number + 1).as_bytes());
    }
    dbf.push(0x1A);
    let path = folder.join(format!("{name}.shp"));
    std::fs::write(&path, shp).expect("write .shp");
    std::fs::write(folder.join(format!("{name}.shx")), shx).expect("write .shx");
    std::fs::write(folder.join(format!("{name}.dbf")), dbf).expect("write .dbf");
    path
}

/// Reads a one-record polygon Shapefile (in VN-2000, given) and returns its invalid-polygon notes.
fn invalid_notes(name: &str, rings: Record) -> Vec<(usize, usize, InvalidPolygon)> {
    let folder = scratch_folder(&format!("validity-{name}"));
    let path = write_polygon_shapefile(&folder, name, &[rings]);
    let data = read_layer_file(&path, Some(VN2000_TM3_105_45), &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(data.features.len(), 1);
    data.notes
        .into_iter()
        .filter_map(|note| match note {
            LayerNote::InvalidPolygon {
                record,
                polygon,
                problem,
            } => Some((record, polygon, problem)),
            LayerNote::MoreInvalidPolygons { .. } => panic!("one record, one note at most"),
            _ => None,
        })
        .collect()
}

/// A clockwise square (an ESRI shell) from `min` to `max`.
fn shell(min: f64, max: f64) -> Vec<(f64, f64)> {
    vec![(min, min), (min, max), (max, max), (max, min)]
}

/// A counter-clockwise square (an ESRI hole) from `min` to `max`.
fn hole(min: f64, max: f64) -> Vec<(f64, f64)> {
    vec![(min, min), (max, min), (max, max), (min, max)]
}

/// A star of `corners` corners around (600 km, 2300 km), alternating between two radii, clockwise.
fn star(corners: usize) -> Vec<(f64, f64)> {
    (0..corners)
        .map(|corner| {
            let angle = -std::f64::consts::TAU * corner as f64 / corners as f64;
            let radius_m = if corner % 2 == 0 { 5_000.0 } else { 4_990.0 };
            (
                600_000.0 + radius_m * angle.cos(),
                2_300_000.0 + radius_m * angle.sin(),
            )
        })
        .collect()
}

#[test]
fn a_bow_tie_is_reported_as_a_self_intersection() {
    let bow_tie = vec![(0.0, 0.0), (0.0, 10.0), (10.0, 0.0), (10.0, 10.0)];
    assert_eq!(
        invalid_notes("bow-tie", vec![bow_tie]),
        vec![(1, 0, InvalidPolygon::SelfIntersection(RingRole::Exterior))]
    );
}

#[test]
fn a_valid_polygon_with_a_hole_has_no_note() {
    assert_eq!(
        invalid_notes("holed", vec![shell(0.0, 10.0), hole(2.0, 4.0)]),
        vec![]
    );
}

#[test]
fn a_hole_crossing_its_shell_is_reported() {
    // The hole's first corner is inside the shell (so it is taken as the shell's hole); it reaches out past
    // the shell's right edge.
    let crossing = vec![(5.0, 4.0), (15.0, 4.0), (15.0, 6.0), (5.0, 6.0)];
    assert_eq!(
        invalid_notes("hole-crossing", vec![shell(0.0, 10.0), crossing]),
        vec![(
            1,
            0,
            InvalidPolygon::InteriorRingNotContainedInExteriorRing(RingRole::Interior(0))
        )]
    );
}

/// A ring that touches itself at one vertex (an ESRI "inverted hole": the ring goes in to (5, 10)'s loop and
/// back out through the same corner). OGC and geo call it invalid; so does the load check (documented in
/// `core::io::validity`).
#[test]
fn a_ring_touching_itself_at_a_vertex_is_reported() {
    let counter_clockwise = vec![
        (0.0, 0.0),
        (10.0, 0.0),
        (10.0, 10.0),
        (5.0, 10.0),
        (4.0, 5.0),
        (6.0, 5.0),
        (5.0, 10.0),
        (0.0, 10.0),
    ];
    let polygon = Polygon::new(LineString::from(counter_clockwise.clone()), vec![]);
    assert!(!polygon.is_valid());
    let mut clockwise = counter_clockwise;
    clockwise.reverse();
    assert_eq!(
        invalid_notes("self-touching", vec![clockwise]),
        vec![(1, 0, InvalidPolygon::SelfIntersection(RingRole::Exterior))]
    );
}

/// Polygons of more than 1000 vertices used to go unchecked (the old check was quadratic): an 80,000-vertex
/// star is now checked and found valid, and the same star with one corner pulled across to the far side is
/// reported.
#[test]
fn an_80000_vertex_polygon_is_checked() {
    assert_eq!(invalid_notes("star-80000", vec![star(80_000)]), vec![]);
    let mut folded = star(80_000);
    // Corner 40,000 is the westmost; moved 1 km east of the star, its two edges cross the whole polygon.
    folded[40_000] = (606_000.0, 2_300_000.0);
    assert_eq!(
        invalid_notes("star-80000-folded", vec![folded]),
        vec![(1, 0, InvalidPolygon::SelfIntersection(RingRole::Exterior))]
    );
}

fn random_ring(rng: &mut SeededRng, corners: usize, on_grid: bool) -> LineString {
    LineString::from(
        (0..corners)
            .map(|_| {
                if on_grid {
                    (rng.below(4) as f64, rng.below(4) as f64)
                } else {
                    (rng.range(0.0, 10.0), rng.range(0.0, 10.0))
                }
            })
            .collect::<Vec<_>>(),
    )
}

/// Whether the ring folds back on itself at a corner (a spike: three consecutive distinct corners on one line
/// with the middle one at the tip), the one case where the load check is stricter than geo.
fn has_spike(ring: &LineString) -> bool {
    let mut corners: Vec<Coord> = ring.0.clone();
    corners.dedup();
    if corners.len() > 1 && corners.first() == corners.last() {
        corners.pop();
    }
    let n = corners.len();
    (0..n).any(|i| {
        let (a, b, c) = (corners[i], corners[(i + 1) % n], corners[(i + 2) % n]);
        let cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
        let dot = (b.x - a.x) * (c.x - b.x) + (b.y - a.y) * (c.y - b.y);
        cross == 0.0 && dot < 0.0
    })
}

#[test]
fn the_load_check_agrees_with_geo_on_random_small_polygons() {
    let mut rng = SeededRng::new(13);
    let (mut valid, mut invalid, mut spikes) = (0, 0, 0);
    for case in 0..6_000 {
        let on_grid = case % 2 == 1;
        let corners = 3 + rng.below(6) as usize;
        let ring = random_ring(&mut rng, corners, on_grid);
        let polygon = Polygon::new(ring, vec![]);
        let ours = check_loaded_polygon(&polygon);
        let geo = polygon.check_validation();
        if ours != geo && has_spike(polygon.exterior()) {
            assert_eq!(
                (&ours, &geo),
                (
                    &Err(InvalidPolygon::SelfIntersection(RingRole::Exterior)),
                    &Ok(())
                ),
                "{polygon:?}"
            );
            spikes += 1;
            continue;
        }
        assert_eq!(ours, geo, "{polygon:?}");
        if ours.is_ok() {
            valid += 1
        } else {
            invalid += 1
        }
    }
    // Both verdicts are well represented.
    assert!(
        valid > 300 && invalid > 300,
        "{valid} valid, {invalid} invalid, {spikes} spikes"
    );
}

#[test]
fn the_load_check_agrees_with_geo_on_random_holes() {
    let mut rng = SeededRng::new(1313);
    let (mut valid, mut invalid) = (0, 0);
    for _ in 0..3_000 {
        // A square hole somewhere around a 10 × 10 shell: inside, crossing, or outside.
        let (x, y, size) = (
            rng.range(-3.0, 12.0),
            rng.range(-3.0, 12.0),
            rng.range(0.5, 4.0),
        );
        let hole = LineString::from(vec![
            (x, y),
            (x + size, y),
            (x + size, y + size),
            (x, y + size),
        ]);
        let shell = LineString::from(vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]);
        let polygon = Polygon::new(shell, vec![hole]);
        let ours = check_loaded_polygon(&polygon);
        assert_eq!(ours, polygon.check_validation(), "{polygon:?}");
        if ours.is_ok() {
            valid += 1
        } else {
            invalid += 1
        }
    }
    assert!(
        valid > 300 && invalid > 300,
        "{valid} valid, {invalid} invalid"
    );
}
