//! Headless geometry editing: splits that keep area exactly, snapped moves that land bit for bit, refused
//! edits (too few corners, self-intersections) with their reasons, validity that agrees with geo's, an
//! 80,000-vertex polygon checked, undo of a split through the session, and drawing data updated in place
//! to match a fresh build.

use geo::{
    Area, BooleanOps, BoundingRect, Coord, Geometry, LineString, MultiPolygon, Polygon, Validation,
};
use hpatlas::core::attributes::{AttributeKind, AttributeValue, Field};
use hpatlas::core::crs::MAP_CRS;
use hpatlas::core::editing::{
    EdgeRef, EditingError, GeometryEditError, GeometryKind, InvalidPolygon, MovingVertex, RingId,
    SnapKind, SplitError, VertexRef, add_feature_edit, check_polygon, delete_features_edit,
    delete_vertex_edit, insert_vertex_edit, move_feature_edit, move_vertex_edit, snap, snap_except,
    split_geometry, split_polygon, split_polygon_edit,
};
use hpatlas::core::layer::{CrsOrigin, Feature, Layer, LayerData, LayerId, SourceFeature};
use hpatlas::core::lod::{LodOptions, PreparedLayer};
use hpatlas::core::session::{Edit, EditKind, Session};
use hpatlas::core::testdata::parcel_features;

use crate::rng::SeededRng;

/// A map point near Hai Phong (EPSG:9210 metres), so coordinates have the magnitude of real data.
const X0: f64 = 600_000.0;
const Y0: f64 = 2_300_000.0;

fn at(x: f64, y: f64) -> Coord {
    Coord {
        x: X0 + x,
        y: Y0 + y,
    }
}

/// A closed ring through `corners` (relative to the map point).
fn ring(corners: &[(f64, f64)]) -> LineString {
    let mut coords: Vec<Coord> = corners.iter().map(|&(x, y)| at(x, y)).collect();
    coords.push(at(corners[0].0, corners[0].1));
    LineString::new(coords)
}

fn line(points: &[(f64, f64)]) -> LineString {
    LineString::new(points.iter().map(|&(x, y)| at(x, y)).collect())
}

/// A concave U (30 × 30 with a 10 × 20 notch from the top) with a 6 × 6 hole in its base: 700 − 36 m².
fn u_with_hole() -> Polygon {
    Polygon::new(
        ring(&[
            (0.0, 0.0),
            (30.0, 0.0),
            (30.0, 30.0),
            (20.0, 30.0),
            (20.0, 10.0),
            (10.0, 10.0),
            (10.0, 30.0),
            (0.0, 30.0),
        ]),
        vec![ring(&[(2.0, 2.0), (2.0, 8.0), (8.0, 8.0), (8.0, 2.0)])],
    )
}

/// A layer of `features` in the map CRS with one text field, "zone".
fn layer_of(geometries: Vec<Geometry>) -> Layer {
    let features = geometries
        .into_iter()
        .enumerate()
        .map(|(number, geometry)| SourceFeature {
            geometry,
            attributes: vec![AttributeValue::Text(format!("zone {number}"))],
        })
        .collect();
    let data = LayerData {
        name: "zoning".into(),
        source_path: None,
        crs: MAP_CRS,
        crs_origin: CrsOrigin::Declared,
        fields: vec![Field {
            name: "zone".into(),
            kind: AttributeKind::Text,
        }],
        features,
        text_encoding: None,
        notes: Vec::new(),
    };
    Layer::prepare(data, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"))
}

/// A session holding `layer`, with an empty history.
fn session_with(layer: Layer) -> (Session, LayerId) {
    let mut session = Session::new("editing");
    session
        .edit(Edit::AddLayer {
            layer: Box::new(layer),
            position: None,
        })
        .expect("layer added");
    session.reset_history();
    let id = session.layers()[0].id;
    (session, id)
}

fn polygon_of(geometry: &Geometry) -> &Polygon {
    match geometry {
        Geometry::Polygon(polygon) => polygon,
        other => panic!("not a polygon: {other:?}"),
    }
}

fn relative_difference(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

#[test]
fn splitting_a_concave_polygon_with_a_hole_gives_valid_pieces_whose_areas_add_up() {
    let polygon = u_with_hole();
    let original_m2 = polygon.unsigned_area();
    assert!(relative_difference(original_m2, 664.0) <= 1e-12);

    // Through the hole: the hole opens, two pieces of 5 × 30 − 3 × 6 = 132 m² and 664 − 132 = 532 m².
    let through_hole = line(&[(5.0, -5.0), (5.0, 35.0)]);
    let pieces = split_polygon(&polygon, &through_hole).expect("split");
    assert_eq!(pieces.len(), 2);
    let areas: Vec<f64> = pieces.iter().map(Area::unsigned_area).collect();
    assert!(relative_difference(areas[0], 532.0) <= 1e-9, "{areas:?}");
    assert!(relative_difference(areas[1], 132.0) <= 1e-9, "{areas:?}");
    assert!(relative_difference(areas.iter().sum(), original_m2) <= 1e-9);
    for piece in &pieces {
        assert_eq!(check_polygon(piece), Ok(()));
        assert!(piece.is_valid(), "geo agrees the piece is valid");
        assert!(piece.interiors().is_empty(), "the cut opened the hole");
    }

    // Across both arms of the U: three pieces, the base keeping its hole.
    let across_arms = line(&[(-5.0, 20.0), (35.0, 20.0)]);
    let pieces = split_polygon(&polygon, &across_arms).expect("split");
    let areas: Vec<f64> = pieces.iter().map(Area::unsigned_area).collect();
    assert_eq!(areas.len(), 3, "{areas:?}");
    assert!(relative_difference(areas[0], 464.0) <= 1e-9, "{areas:?}");
    assert!(relative_difference(areas[1], 100.0) <= 1e-9, "{areas:?}");
    assert!(relative_difference(areas[2], 100.0) <= 1e-9, "{areas:?}");
    assert_eq!(pieces[0].interiors().len(), 1, "the hole stays in the base");
    assert!(relative_difference(areas.iter().sum(), original_m2) <= 1e-9);
    assert!(
        pieces
            .iter()
            .all(|piece| check_polygon(piece).is_ok() && piece.is_valid())
    );
}

#[test]
fn a_slanted_cut_matches_an_independent_clip_by_half_planes() {
    let polygon = u_with_hole();
    let (a, b) = ((-3.3, 4.7), (33.1, 26.9));
    let cut = line(&[a, b]);
    let pieces = split_polygon(&polygon, &cut).expect("split");
    let total: f64 = pieces.iter().map(Area::unsigned_area).sum();
    assert!(
        relative_difference(total, polygon.unsigned_area()) <= 1e-9,
        "{total}"
    );
    // Independently: the polygon clipped by the half-planes left and right of the line (geo's boolean
    // operations, which snap to a grid and so agree to about 1e-7 only).
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (nx, ny) = (-dy * 10.0, dx * 10.0);
    let half_plane = |sign: f64| {
        Polygon::new(
            ring(&[
                (a.0 - dx * 10.0, a.1 - dy * 10.0),
                (b.0 + dx * 10.0, b.1 + dy * 10.0),
                (b.0 + dx * 10.0 + sign * nx, b.1 + dy * 10.0 + sign * ny),
                (a.0 - dx * 10.0 + sign * nx, a.1 - dy * 10.0 + sign * ny),
            ]),
            Vec::new(),
        )
    };
    let mut expected: Vec<f64> = [1.0, -1.0]
        .iter()
        .flat_map(|&sign| {
            polygon
                .intersection(&half_plane(sign))
                .0
                .into_iter()
                .map(|part| part.unsigned_area())
        })
        .collect();
    expected.sort_by(|x, y| y.total_cmp(x));
    let areas: Vec<f64> = pieces.iter().map(Area::unsigned_area).collect();
    assert_eq!(areas.len(), expected.len(), "{areas:?} vs {expected:?}");
    for (area, clipped) in areas.iter().zip(&expected) {
        assert!(
            relative_difference(*area, *clipped) <= 1e-6,
            "{areas:?} vs {expected:?}"
        );
    }
    assert!(
        pieces
            .iter()
            .all(|piece| check_polygon(piece).is_ok() && piece.is_valid())
    );
}

#[test]
fn a_line_that_does_not_cross_completely_is_refused_and_multipolygons_split_the_crossed_part() {
    let polygon = u_with_hole();
    let into_the_hole = line(&[(5.0, -5.0), (5.0, 5.0)]);
    assert_eq!(
        split_polygon(&polygon, &into_the_hole),
        Err(SplitError::DoesNotCross)
    );
    let inside_only = line(&[(1.0, 1.0), (9.0, 1.0)]);
    assert_eq!(
        split_polygon(&polygon, &inside_only),
        Err(SplitError::DoesNotCross)
    );

    let island = Polygon::new(
        ring(&[(50.0, 0.0), (60.0, 0.0), (60.0, 10.0), (50.0, 10.0)]),
        vec![],
    );
    let both = Geometry::MultiPolygon(MultiPolygon(vec![polygon.clone(), island.clone()]));
    let pieces = split_geometry(&both, &line(&[(5.0, -5.0), (5.0, 35.0)])).expect("split");
    assert_eq!(pieces.len(), 2);
    match (&pieces[0], &pieces[1]) {
        (Geometry::MultiPolygon(kept), Geometry::MultiPolygon(new)) => {
            assert_eq!(kept.0.len(), 2, "the island stays with the largest piece");
            assert!(kept.0.contains(&island));
            assert_eq!(new.0.len(), 1);
            let total = kept.unsigned_area() + new.unsigned_area();
            assert!(relative_difference(total, 664.0 + 100.0) <= 1e-9);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_vertex_moved_onto_a_snapped_vertex_lands_on_it_bit_for_bit() {
    // Two parcels with awkward coordinates; parcel 0's corner 1 is 0.3 m from parcel 1's corner 0.
    let left = Polygon::new(
        LineString::new(vec![
            at(0.123_456_789, 0.987_654_321),
            at(20.314_159_265, 0.271_828_182),
            at(19.707_106_781, 15.732_050_807),
            at(0.577_215_664, 16.180_339_887),
            at(0.123_456_789, 0.987_654_321),
        ]),
        Vec::new(),
    );
    let shared = at(20.414_213_562, 0.541_421_356);
    let right = Polygon::new(
        LineString::new(vec![
            shared,
            at(40.693_147_180, 0.301_729_995),
            at(40.434_294_481, 15.302_585_092),
            at(20.618_033_988, 15.414_213_562),
            shared,
        ]),
        Vec::new(),
    );
    let layer = layer_of(vec![Geometry::Polygon(left), Geometry::Polygon(right)]);
    let (mut session, id) = session_with(layer);
    let dragged = VertexRef::new(0, 0, 1);
    let cursor = Coord {
        x: shared.x - 0.08,
        y: shared.y + 0.05,
    };
    let moving = MovingVertex {
        layer: id,
        feature: 0,
        vertex: dragged,
    };
    let snapped =
        snap_except(cursor, 0.5, session.layers(), Some(moving)).expect("a vertex within 0.5 m");
    assert_eq!(snapped.kind, SnapKind::Vertex);
    assert_eq!((snapped.layer, snapped.feature), (id, 1));
    assert_eq!(snapped.point, shared);

    let layer = session.layer(id).expect("layer");
    let edit = move_vertex_edit(layer, 0, dragged, snapped.point).expect("valid move");
    assert_eq!(edit.kind(), EditKind::MoveVertex);
    session.edit(edit).expect("applied");
    let layer = session.layer(id).expect("layer");
    let moved = polygon_of(&layer.features[0].geometry_in_map).exterior().0[1];
    assert_eq!(moved.x.to_bits(), shared.x.to_bits());
    assert_eq!(moved.y.to_bits(), shared.y.to_bits());

    // A vertex wins over a nearer edge; away from vertices an edge gives the closest point on it; nothing
    // beyond the tolerance.
    let near_both = Coord {
        x: shared.x + 0.9,
        y: shared.y - 0.005,
    };
    let preferred = snap(near_both, 1.0, session.layers()).expect("snap");
    assert_eq!(
        (preferred.kind, preferred.point),
        (SnapKind::Vertex, shared)
    );
    let mid_edge = at(30.0, 0.6);
    let on_edge = snap(mid_edge, 1.0, session.layers()).expect("snap");
    assert_eq!(on_edge.kind, SnapKind::Edge);
    assert!(on_edge.distance_m < 1.0);
    assert!(snap(at(30.0, 8.0), 1.0, session.layers()).is_none());
}

#[test]
fn deleting_a_vertex_that_would_leave_a_two_corner_ring_is_refused() {
    let triangle = Polygon::new(ring(&[(0.0, 0.0), (10.0, 0.0), (5.0, 8.0)]), Vec::new());
    let square_with_triangle_hole = Polygon::new(
        ring(&[(0.0, 0.0), (20.0, 0.0), (20.0, 20.0), (0.0, 20.0)]),
        vec![ring(&[(5.0, 5.0), (15.0, 5.0), (10.0, 15.0)])],
    );
    let layer = layer_of(vec![
        Geometry::Polygon(triangle),
        Geometry::Polygon(square_with_triangle_hole),
    ]);
    assert_eq!(
        delete_vertex_edit(&layer, 0, VertexRef::new(0, 0, 2)).map(|_| ()),
        Err(EditingError::Geometry(GeometryEditError::TooFewCorners {
            part: 0,
            ring: 0
        }))
    );
    assert_eq!(
        delete_vertex_edit(&layer, 1, VertexRef::new(0, 1, 0)).map(|_| ()),
        Err(EditingError::Geometry(GeometryEditError::TooFewCorners {
            part: 0,
            ring: 1
        }))
    );
    // Deleting a shell corner so that the hole would stick out is refused too.
    assert!(matches!(
        delete_vertex_edit(&layer, 1, VertexRef::new(0, 0, 2)),
        Err(EditingError::Invalid(InvalidPolygon::RingsCross { .. }))
    ));
    let (mut session, id) = session_with(layer);
    let layer = session.layer(id).expect("layer");
    let edit = insert_vertex_edit(layer, 0, EdgeRef::new(0, 0, 0), at(5.0, -1.0)).expect("insert");
    session.edit(edit).expect("applied");
    let layer = session.layer(id).expect("layer");
    assert_eq!(
        polygon_of(&layer.features[0].geometry_in_map)
            .exterior()
            .0
            .len(),
        5
    );
    let edit =
        delete_vertex_edit(layer, 0, VertexRef::new(0, 0, 2)).expect("four corners can lose one");
    session.edit(edit).expect("applied");
    assert_eq!(session.undo_len(), 2);
}

#[test]
fn a_self_intersecting_edit_is_refused_with_the_crossing_location() {
    let square = Polygon::new(
        ring(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]),
        vec![],
    );
    let layer = layer_of(vec![Geometry::Polygon(square.clone())]);
    // Corner (10, 10) dragged to (−5, 5): the edge from (10, 0) crosses the edge x = 0 at y = 10/3.
    let refused = move_vertex_edit(&layer, 0, VertexRef::new(0, 0, 2), at(-5.0, 5.0));
    match refused {
        Err(EditingError::Invalid(InvalidPolygon::SelfIntersection { ring, at: crossing })) => {
            assert_eq!(ring, RingId { part: 0, ring: 0 });
            assert!((crossing.x - X0).abs() <= 1e-6, "{crossing:?}");
            assert!(
                (crossing.y - (Y0 + 10.0 / 3.0)).abs() <= 1e-6,
                "{crossing:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    // A vertex inserted on the far side crosses as well; moving the whole feature is fine.
    assert!(matches!(
        insert_vertex_edit(&layer, 0, EdgeRef::new(0, 0, 0), at(5.0, 12.0)),
        Err(EditingError::Invalid(
            InvalidPolygon::SelfIntersection { .. }
        ))
    ));
    let moved = move_feature_edit(&layer, 0, 12.5, -3.25).expect("a translation stays valid");
    assert_eq!(moved.kind(), EditKind::MoveFeature);
    assert_eq!(
        polygon_of(&layer.features[0].geometry_in_map),
        &square,
        "nothing changed"
    );
}

/// geo's `is_valid` and `check_polygon` on named cases: (name, polygon, valid).
fn classic_cases() -> Vec<(&'static str, Polygon, bool)> {
    let shell = || ring(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]);
    vec![
        (
            "square with a hole",
            Polygon::new(
                shell(),
                vec![ring(&[(2.0, 2.0), (2.0, 4.0), (4.0, 4.0), (4.0, 2.0)])],
            ),
            true,
        ),
        (
            "hole touching the shell at one point",
            Polygon::new(shell(), vec![ring(&[(0.0, 5.0), (3.0, 3.0), (3.0, 7.0)])]),
            true,
        ),
        (
            "holes touching each other at one point",
            Polygon::new(
                shell(),
                vec![
                    ring(&[(2.0, 2.0), (5.0, 2.0), (5.0, 5.0)]),
                    ring(&[(5.0, 5.0), (8.0, 5.0), (8.0, 8.0)]),
                ],
            ),
            true,
        ),
        (
            "repeated corner",
            Polygon::new(
                ring(&[
                    (0.0, 0.0),
                    (10.0, 0.0),
                    (10.0, 0.0),
                    (10.0, 10.0),
                    (0.0, 10.0),
                ]),
                vec![],
            ),
            true,
        ),
        (
            "shell touching itself at a corner",
            Polygon::new(
                ring(&[
                    (0.0, 0.0),
                    (10.0, 0.0),
                    (10.0, 10.0),
                    (5.0, 10.0),
                    (7.0, 5.0),
                    (3.0, 5.0),
                    (5.0, 10.0),
                    (0.0, 10.0),
                ]),
                vec![],
            ),
            false,
        ),
        (
            "shell corner touching one of its edges",
            Polygon::new(
                ring(&[
                    (0.0, 0.0),
                    (10.0, 0.0),
                    (10.0, 10.0),
                    (5.0, 0.0),
                    (0.0, 10.0),
                ]),
                vec![],
            ),
            false,
        ),
        (
            "bow-tie",
            Polygon::new(
                ring(&[(0.0, 0.0), (10.0, 10.0), (10.0, 0.0), (0.0, 10.0)]),
                vec![],
            ),
            false,
        ),
        (
            "hole outside the shell",
            Polygon::new(
                shell(),
                vec![ring(&[(12.0, 2.0), (12.0, 4.0), (14.0, 4.0), (14.0, 2.0)])],
            ),
            false,
        ),
        (
            "hole sharing an edge with the shell",
            Polygon::new(shell(), vec![ring(&[(0.0, 2.0), (0.0, 4.0), (3.0, 3.0)])]),
            false,
        ),
        (
            "hole inside a hole",
            Polygon::new(
                shell(),
                vec![
                    ring(&[(1.0, 1.0), (1.0, 9.0), (9.0, 9.0), (9.0, 1.0)]),
                    ring(&[(2.0, 2.0), (2.0, 8.0), (8.0, 8.0), (8.0, 2.0)]),
                ],
            ),
            false,
        ),
        (
            "spike",
            Polygon::new(
                ring(&[
                    (0.0, 0.0),
                    (4.0, 0.0),
                    (4.0, 4.0),
                    (2.0, 4.0),
                    (2.0, 6.0),
                    (2.0, 4.0),
                    (0.0, 4.0),
                ]),
                vec![],
            ),
            false,
        ),
    ]
}

#[test]
fn validity_agrees_with_geo_on_the_classic_cases() {
    for (name, polygon, valid) in classic_cases() {
        assert_eq!(polygon.is_valid(), valid, "geo on {name}");
        assert_eq!(
            check_polygon(&polygon).is_ok(),
            valid,
            "{name}: {:?}",
            check_polygon(&polygon)
        );
    }
    let cases = classic_cases();
    let reason = |name: &str| {
        let (_, polygon, _) = cases
            .iter()
            .find(|(case, _, _)| *case == name)
            .expect("case");
        check_polygon(polygon)
    };
    assert!(matches!(
        reason("bow-tie"),
        Err(InvalidPolygon::SelfIntersection { at, .. })
            if (at.x - X0 - 5.0).abs() <= 1e-9 && (at.y - Y0 - 5.0).abs() <= 1e-9
    ));
    assert!(matches!(
        reason("shell touching itself at a corner"),
        Err(InvalidPolygon::SelfIntersection { at, .. }) if at == at_(5.0, 10.0)
    ));
    assert_eq!(
        reason("hole outside the shell"),
        Err(InvalidPolygon::HoleOutsideShell {
            hole: RingId { part: 0, ring: 1 }
        })
    );
    assert!(matches!(
        reason("hole inside a hole"),
        Err(InvalidPolygon::HoleInsideHole { .. })
    ));
}

fn at_(x: f64, y: f64) -> Coord {
    at(x, y)
}

/// A star-shaped ring of `corners` corners around `center`, each at a random 60–100 % of `radius` (simple:
/// the angle always increases).
fn star(rng: &mut SeededRng, center: (f64, f64), radius: f64, corners: usize) -> LineString {
    let reaches: Vec<f64> = (0..corners).map(|_| radius * rng.range(0.6, 1.0)).collect();
    ring_around(center, &reaches)
}

/// A smooth wavy ring of `corners` corners around `center` (a detailed coastline-like boundary).
fn wavy(center: (f64, f64), radius: f64, corners: usize) -> LineString {
    let reaches: Vec<f64> = (0..corners)
        .map(|corner| {
            let angle = std::f64::consts::TAU * corner as f64 / corners as f64;
            radius * (1.0 + 0.02 * (7.0 * angle).sin())
        })
        .collect();
    ring_around(center, &reaches)
}

/// The closed ring with corner `i` at angle `i / n` of a turn and distance `reaches[i]` from `center`.
fn ring_around(center: (f64, f64), reaches: &[f64]) -> LineString {
    let count = reaches.len() as f64;
    let mut coords: Vec<Coord> = reaches
        .iter()
        .enumerate()
        .map(|(corner, reach)| {
            let angle = std::f64::consts::TAU * corner as f64 / count;
            at(
                center.0 + reach * angle.cos(),
                center.1 + reach * angle.sin(),
            )
        })
        .collect();
    coords.push(coords[0]);
    LineString::new(coords)
}

#[test]
fn validity_agrees_with_geo_on_random_polygons() {
    let mut rng = SeededRng::new(2026);
    let mut invalid = 0;
    for case in 0..300_u32 {
        let corners = 5 + rng.below(20) as usize;
        let mut shell = star(&mut rng, (0.0, 0.0), 50.0, corners);
        if case % 3 == 0 {
            // Swap two corners: usually a crossing.
            let i = 1 + rng.below(corners as u64 - 2) as usize;
            shell.0.swap(i, i + 1);
        }
        let hole_center = (rng.range(-60.0, 60.0), rng.range(-60.0, 60.0));
        let hole_radius = rng.range(2.0, 25.0);
        let holes = if case.is_multiple_of(2) {
            vec![star(&mut rng, hole_center, hole_radius, 6)]
        } else {
            Vec::new()
        };
        let polygon = Polygon::new(shell, holes);
        let ours = check_polygon(&polygon);
        assert_eq!(
            ours.is_ok(),
            polygon.is_valid(),
            "case {case}: {ours:?} {polygon:?}"
        );
        invalid += usize::from(ours.is_err());
    }
    assert!(
        (30..270).contains(&invalid),
        "{invalid} of 300 invalid: both kinds are exercised"
    );
}

#[test]
fn an_eighty_thousand_vertex_polygon_is_checked() {
    let shell = wavy((0.0, 0.0), 5_000.0, 80_000);
    let hole = wavy((100.0, -200.0), 1_000.0, 2_000);
    let polygon = Polygon::new(shell.clone(), vec![hole.clone()]);
    assert_eq!(check_polygon(&polygon), Ok(()));

    let mut crossing = shell.clone();
    crossing.0.swap(41_000, 41_001);
    let (a, b) = (crossing.0[40_999], crossing.0[41_002]);
    match check_polygon(&Polygon::new(crossing, vec![hole.clone()])) {
        Err(InvalidPolygon::SelfIntersection { ring, at }) => {
            assert_eq!(ring, RingId { part: 0, ring: 0 });
            let near = |v: f64, p: f64, q: f64| v >= p.min(q) - 1.0 && v <= p.max(q) + 1.0;
            assert!(
                near(at.x, a.x, b.x) && near(at.y, a.y, b.y),
                "{at:?} between {a:?} and {b:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    let far_hole = wavy((20_000.0, 0.0), 1_000.0, 2_000);
    assert_eq!(
        check_polygon(&Polygon::new(shell, vec![far_hole])),
        Err(InvalidPolygon::HoleOutsideShell {
            hole: RingId { part: 0, ring: 1 }
        })
    );
}

#[test]
fn undoing_a_split_gives_back_the_original_feature() {
    let square = Polygon::new(
        ring(&[(100.0, 0.0), (120.0, 0.0), (120.0, 20.0), (100.0, 20.0)]),
        vec![],
    );
    let layer = layer_of(vec![
        Geometry::Polygon(square),
        Geometry::Polygon(u_with_hole()),
    ]);
    let before: Vec<Feature> = layer.features.clone();
    let (mut session, id) = session_with(layer);
    let layer = session.layer(id).expect("layer");
    let edit = split_polygon_edit(layer, 1, &line(&[(5.0, -5.0), (5.0, 35.0)])).expect("split");
    assert_eq!(edit.kind(), EditKind::SplitPolygon);
    session.edit(edit).expect("applied");
    let layer = session.layer(id).expect("layer");
    assert_eq!(layer.features.len(), 3);
    let (kept, added) = (&layer.features[1], &layer.features[2]);
    assert!(relative_difference(kept.geometry_in_map.unsigned_area(), 532.0) <= 1e-9);
    assert!(relative_difference(added.geometry_in_map.unsigned_area(), 132.0) <= 1e-9);
    assert_eq!(added.attributes, before[1].attributes);
    assert_eq!(added.source_record, None);
    assert_eq!(kept.source_record, before[1].source_record);
    let found: Vec<usize> = layer.index.query(added.bbox_in_map.expect("box")).collect();
    assert!(found.contains(&2), "the new piece is indexed");

    assert_eq!(
        session.undo().expect("undo").map(|label| label.kind),
        Some(EditKind::SplitPolygon)
    );
    let layer = session.layer(id).expect("layer");
    assert_eq!(layer.features.len(), 2);
    for (now, was) in layer.features.iter().zip(&before) {
        assert_eq!(now.geometry_in_map, was.geometry_in_map);
        assert_eq!(now.attributes, was.attributes);
        assert_eq!(now.source_record, was.source_record);
        assert_eq!(now.edit_stamp, was.edit_stamp);
        assert_eq!(now.bbox_in_map, was.bbox_in_map);
    }
    assert!(!session.is_modified());
    session.redo().expect("redo");
    assert_eq!(session.layer(id).expect("layer").features.len(), 3);
}

#[test]
fn features_are_added_and_deleted_with_checks() {
    let square = Polygon::new(
        ring(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]),
        vec![],
    );
    let layer = layer_of(vec![Geometry::Polygon(square.clone()); 4]);
    assert_eq!(
        add_feature_edit(
            &layer,
            Geometry::LineString(line(&[(0.0, 0.0), (5.0, 5.0)]))
        )
        .map(|_| ()),
        Err(EditingError::WrongGeometryKind {
            layer: GeometryKind::Polygon,
            drawn: GeometryKind::Line
        })
    );
    let sliver = Polygon::new(ring(&[(0.0, 0.0), (5.0, 5.0), (0.0, 0.0)]), vec![]);
    assert!(matches!(
        add_feature_edit(&layer, Geometry::Polygon(sliver)),
        Err(EditingError::Invalid(InvalidPolygon::TooFewCorners { .. }))
    ));
    let (mut session, id) = session_with(layer);
    let layer = session.layer(id).expect("layer");
    let drawn = Polygon::new(ring(&[(20.0, 0.0), (30.0, 0.0), (25.0, 9.0)]), vec![]);
    let edit = add_feature_edit(layer, Geometry::Polygon(drawn.clone())).expect("a valid triangle");
    match &edit {
        Edit::InsertFeature {
            position, feature, ..
        } => {
            assert_eq!(*position, 4);
            assert_eq!(feature.attributes, vec![AttributeValue::Null]);
            assert_eq!(feature.bbox_in_map, drawn.bounding_rect());
            assert_eq!(feature.source_record, None);
        }
        other => panic!("{other:?}"),
    }
    session.edit(edit).expect("applied");
    let layer = session.layer(id).expect("layer");
    let edit = delete_features_edit(layer, &[0, 2, 0]).expect("two features");
    match &edit {
        Edit::Group {
            kind: EditKind::DeleteFeatures,
            edits,
        } => {
            let positions: Vec<usize> = edits
                .iter()
                .map(|edit| match edit {
                    Edit::RemoveFeature { position, .. } => *position,
                    other => panic!("{other:?}"),
                })
                .collect();
            assert_eq!(positions, vec![2, 0]);
        }
        other => panic!("{other:?}"),
    }
    session.edit(edit).expect("applied");
    assert_eq!(session.layer(id).expect("layer").features.len(), 3);
    let layer = session.layer(id).expect("layer");
    assert_eq!(
        delete_features_edit(layer, &[3]).map(|_| ()),
        Err(EditingError::NoSuchFeature(3))
    );
}

/// Asserts that item `position` of level 0 draws the same in both prepared layers: the same feature,
/// triangles and rings, vertices within 1 cm in the map (the layers' origins may differ).
fn assert_same_item(ours: &PreparedLayer, theirs: &PreparedLayer, position: usize) {
    let (a_level, b_level) = (&ours.levels[0], &theirs.levels[0]);
    let (a, b) = (&a_level.items[position], &b_level.items[position]);
    assert_eq!(a.feature, b.feature, "item {position}");
    assert_eq!(
        a_level.item_indices(a),
        b_level.item_indices(b),
        "item {position}"
    );
    let near = |u: &[[f32; 2]], v: &[[f32; 2]]| {
        u.len() == v.len()
            && u.iter().zip(v).all(|(p, q)| {
                let (p, q) = (ours.to_map(*p), theirs.to_map(*q));
                (p[0] - q[0]).abs() <= 0.01 && (p[1] - q[1]).abs() <= 0.01
            })
    };
    assert!(
        near(a_level.item_vertices(a), b_level.item_vertices(b)),
        "item {position}"
    );
    let a_paths: Vec<_> = a_level.item_paths(a).collect();
    let b_paths: Vec<_> = b_level.item_paths(b).collect();
    assert_eq!(a_paths.len(), b_paths.len(), "item {position}");
    for ((u, u_closed), (v, v_closed)) in a_paths.iter().zip(&b_paths) {
        assert!(u_closed == v_closed && near(u, v), "item {position}");
    }
}

#[test]
fn prepared_drawing_data_follows_edits_like_a_fresh_build() {
    let geometries: Vec<Geometry> = parcel_features(2_000, 3)
        .into_iter()
        .map(|feature| feature.geometry_in_map)
        .collect();
    let layer = layer_of(geometries);
    let options = LodOptions {
        min_vertices_for_lod: 0,
        keep_ratio: 1.0,
        ..LodOptions::default()
    };
    let mut prepared = PreparedLayer::build_with(&layer.features, &options);
    assert!(prepared.levels.len() > 1, "coarse levels exist");
    let mut revision = layer.revision;
    let (mut session, id) = session_with(layer);

    let layer = session.layer(id).expect("layer");
    let corner = polygon_of(&layer.features[5].geometry_in_map).exterior().0[0];
    let moved = Coord {
        x: corner.x + 0.5,
        y: corner.y - 0.25,
    };
    let edits = vec![
        move_vertex_edit(layer, 5, VertexRef::new(0, 0, 0), moved).expect("move"),
        delete_features_edit(layer, &[3]).expect("delete"),
    ];
    for edit in edits {
        session.edit(edit).expect("applied");
    }
    let layer = session.layer(id).expect("layer");
    let bbox = layer.features[10].bbox_in_map.expect("box");
    let through = LineString::new(vec![
        Coord {
            x: bbox.center().x,
            y: bbox.min().y - 1.0,
        },
        Coord {
            x: bbox.center().x,
            y: bbox.max().y + 1.0,
        },
    ]);
    let split = split_polygon_edit(layer, 10, &through).expect("split");
    session.edit(split).expect("applied");

    let layer = session.layer(id).expect("layer");
    let changes = layer.geometry_changes_since(revision).expect("recorded");
    assert!(changes.len() >= 4, "{changes:?}");
    assert!(prepared.apply_changes(&layer.features, changes));
    revision = layer.revision;
    assert!(prepared.coarse_levels_stale());
    assert_eq!(prepared.feature_count, layer.features.len());

    let fresh = PreparedLayer::build_with(&layer.features, &options);
    let (ours, theirs) = (&prepared.levels[0], &fresh.levels[0]);
    assert_eq!(ours.items.len(), theirs.items.len());
    for position in 0..ours.items.len() {
        assert_same_item(&prepared, &fresh, position);
    }
    let extent = layer.extent_in_map.expect("extent");
    for (x, y) in [(0.5, 0.5), (0.1, 0.2), (0.8, 0.9)] {
        let center = [
            extent.min().x + x * extent.width(),
            extent.min().y + y * extent.height(),
        ];
        let to_layer = |pt: [f64; 2], origin: [f64; 2]| {
            [(pt[0] - origin[0]) as f32, (pt[1] - origin[1]) as f32]
        };
        let (min, max) = (
            [center[0] - 300.0, center[1] - 300.0],
            [center[0] + 300.0, center[1] + 300.0],
        );
        let (mut a, mut b) = (Vec::new(), Vec::new());
        ours.visible_items(
            to_layer(min, prepared.origin_in_map),
            to_layer(max, prepared.origin_in_map),
            &mut a,
        );
        theirs.visible_items(
            to_layer(min, fresh.origin_in_map),
            to_layer(max, fresh.origin_in_map),
            &mut b,
        );
        assert_eq!(a, b, "culling at {center:?}");
    }
    for level in prepared.levels.iter().skip(1) {
        assert!(
            level
                .items
                .iter()
                .all(|item| (item.feature as usize) < layer.features.len())
        );
    }

    // Undo everything: the changes apply again and the exact level matches the original build.
    while session.undo().expect("undo").is_some() {}
    let layer = session.layer(id).expect("layer");
    let changes = layer.geometry_changes_since(revision).expect("recorded");
    assert!(prepared.apply_changes(&layer.features, changes));
    let original = PreparedLayer::build_with(&layer.features, &options);
    assert_eq!(
        prepared.levels[0].items.len(),
        original.levels[0].items.len()
    );
    for position in 0..original.levels[0].items.len() {
        assert_same_item(&prepared, &original, position);
    }
    // Changes that do not fit what was prepared ask for a rebuild.
    assert!(!prepared.apply_changes(
        &layer.features,
        &[hpatlas::core::layer::GeometryChange::Removed(5_000)]
    ));
}
