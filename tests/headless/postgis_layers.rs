//! Database layers against a real PostGIS server (the throwaway cluster `tests/with_postgis.sh` starts):
//! publish → read back equal, editing and saving with conflict checks between two planners, concurrent
//! savers, hostile names, and read-only cases.

use geo::{Coord, Geometry, MapCoordsInPlace};

use hpatlas::core::attributes::AttributeValue;
use hpatlas::core::db_source::{DbReadOnly, DbSource, TableRef};
use hpatlas::core::layer::Layer;
use hpatlas::core::postgis::catalog::list_geometry_tables;
use hpatlas::core::postgis::publish::{PublishOptions, publish_layer};
use hpatlas::core::postgis::read::{ReadControl, ReadOptions};
use hpatlas::core::postgis::save::{SaveOutcome, keep_mine, save_layer};
use hpatlas::core::postgis::{DbError, Passwords, connect, open_layer};

use crate::pg_support::{TestDatabase, open_table, publish_to, shipped_zoning, test_database};

fn open(source: &DbSource) -> Layer {
    open_table(source, &ReadOptions::default())
        .unwrap_or_else(|error| panic!("open {source}: {error}"))
}

fn publish(database: &TestDatabase, layer: &Layer, schema: &str, table: &str) -> DbSource {
    let source = database.source_in(schema, table);
    publish_to(&source, layer);
    source
}

fn save(layer: &mut Layer) -> Result<SaveOutcome, DbError> {
    let source = layer
        .database
        .as_ref()
        .expect("database layer")
        .source
        .clone();
    let mut connection = connect(&source, &Passwords::default())?;
    save_layer(&mut connection.client, layer)
}

fn max_coordinate_difference(a: &Geometry, b: &Geometry) -> f64 {
    use geo::CoordsIter;
    let left: Vec<Coord> = a.coords_iter().collect();
    let right: Vec<Coord> = b.coords_iter().collect();
    assert_eq!(left.len(), right.len(), "vertex count");
    left.iter()
        .zip(&right)
        .map(|(p, q)| (p.x - q.x).abs().max((p.y - q.y).abs()))
        .fold(0.0, f64::max)
}

#[test]
fn a_published_layer_reads_back_equal() {
    let Some(database) = test_database() else {
        return;
    };
    let schema = database.fresh_schema("publish");
    let original = shipped_zoning();
    let source = publish(&database, &original, &schema, "quy hoạch \"minh họa\"");
    let read = open(&source);
    assert_eq!(read.features.len(), original.features.len());
    let names: Vec<&str> = read
        .fields
        .iter()
        .map(|field| field.name.as_str())
        .collect();
    assert_eq!(names.first(), Some(&"fid"), "the key comes first");
    for field in &original.fields {
        assert!(
            names.contains(&field.name.as_str()),
            "field {} kept",
            field.name
        );
    }
    let mut worst = 0.0f64;
    for (before, after) in original.features.iter().zip(&read.features) {
        worst = worst.max(max_coordinate_difference(
            &before.geometry_in_map,
            &after.geometry_in_map,
        ));
        for (field_position, field) in original.fields.iter().enumerate() {
            let read_position = names
                .iter()
                .position(|name| *name == field.name)
                .expect("field");
            assert_eq!(
                after.attributes[read_position], before.attributes[field_position],
                "field {}",
                field.name
            );
        }
    }
    assert!(worst < 0.001, "coordinates within 1 mm, worst {worst} m");
    assert!(read.database.as_ref().expect("linked").read_only.is_none());
    let mut connection = connect(&source, &Passwords::default()).expect("connect");
    let again = publish_layer(
        &mut connection.client,
        &original,
        &PublishOptions {
            table: source.table.clone(),
            replace: false,
        },
    );
    assert!(
        matches!(again, Err(DbError::TableExists(_))),
        "an existing table is never replaced unasked"
    );
}

#[test]
fn a_second_planner_saving_the_same_row_gets_a_conflict_and_nothing_is_lost() {
    let Some(database) = test_database() else {
        return;
    };
    let schema = database.fresh_schema("conflict");
    let source = publish(&database, &shipped_zoning(), &schema, "zones");
    let mut lan = open(&source);
    let mut minh = open(&source);
    let field = lan
        .fields
        .iter()
        .position(|field| field.name == "ten")
        .or_else(|| {
            lan.fields
                .iter()
                .position(|field| field.kind == hpatlas::core::attributes::AttributeKind::Text)
        })
        .expect("a text field");
    set_attribute(&mut lan, 5, field, "Lan's name");
    set_attribute(&mut minh, 5, field, "Minh's name");
    set_attribute(&mut minh, 6, field, "Minh's other row");
    assert!(matches!(save(&mut lan), Ok(SaveOutcome::Saved(report)) if report.updated == 1));
    let conflicts = match save(&mut minh).expect("save runs") {
        SaveOutcome::Conflicts(conflicts) => conflicts,
        other => panic!("expected a conflict, got {other:?}"),
    };
    assert_eq!(conflicts.len(), 1);
    let conflict = &conflicts[0];
    assert_eq!(conflict.position, Some(5));
    let theirs = conflict.theirs.as_ref().expect("the server's row");
    assert_eq!(theirs.values.attributes[field], text("Lan's name"));
    assert_eq!(
        conflict.mine.as_ref().expect("mine").attributes[field],
        text("Minh's name")
    );
    let fresh = open(&source);
    let key_5 = lan.features[5].attributes[0].clone();
    let key_6 = lan.features[6].attributes[0].clone();
    assert_eq!(by_key(&fresh, &key_5).attributes[field], text("Lan's name"));
    assert_ne!(
        by_key(&fresh, &key_6).attributes[field],
        text("Minh's other row"),
        "nothing of the conflicting save was written"
    );
    keep_mine(&mut minh, conflict);
    assert!(matches!(save(&mut minh), Ok(SaveOutcome::Saved(report)) if report.updated == 2));
    let fresh = open(&source);
    assert_eq!(
        by_key(&fresh, &key_5).attributes[field],
        text("Minh's name")
    );
    assert_eq!(
        by_key(&fresh, &key_6).attributes[field],
        text("Minh's other row")
    );
}

#[test]
fn geometry_edits_inserts_and_deletes_round_trip_with_server_keys() {
    let Some(database) = test_database() else {
        return;
    };
    let schema = database.fresh_schema("shapes");
    let source = publish(&database, &shipped_zoning(), &schema, "zones");
    let mut layer = open(&source);
    let count = layer.features.len();
    let mut moved = layer.features[0].geometry_in_map.clone();
    moved.map_coords_in_place(|coord| Coord {
        x: coord.x + 10.0,
        y: coord.y - 5.0,
    });
    layer.features[0].geometry_in_map = moved.clone();
    layer.features[0].edit_stamp = 101;
    let mut copy = layer.features[1].clone();
    copy.source_record = None;
    copy.edit_stamp = 102;
    layer.features.push(copy);
    layer.features.remove(2);
    let outcome = save(&mut layer).expect("save");
    assert_eq!(
        outcome,
        SaveOutcome::Saved(hpatlas::core::postgis::save::DbSaveReport {
            updated: 1,
            inserted: 1,
            removed: 1,
            unchanged: 0
        })
    );
    let fid = |layer: &Layer, position: usize| layer.features[position].attributes[0].clone();
    let new_key = fid(&layer, layer.features.len() - 1);
    assert_ne!(
        new_key,
        fid(&layer, 0),
        "the server gave the copy a key of its own"
    );
    let fresh = open(&source);
    assert_eq!(fresh.features.len(), count);
    let found = fresh
        .features
        .iter()
        .find(|feature| feature.attributes[0] == fid(&layer, 0))
        .expect("moved row");
    assert!(max_coordinate_difference(&found.geometry_in_map, &moved) < 0.001);
    assert!(
        fresh
            .features
            .iter()
            .any(|feature| feature.attributes[0] == new_key)
    );
    assert!(
        matches!(save(&mut layer), Ok(SaveOutcome::Saved(report)) if report == Default::default()),
        "a second save has nothing to write"
    );
}

#[test]
fn a_table_without_a_key_and_a_view_open_read_only() {
    let Some(database) = test_database() else {
        return;
    };
    let schema = database.fresh_schema("readonly");
    let mut client = database.client();
    client
        .batch_execute(&format!(
            "CREATE TABLE \"{schema}\".nokey (name text, geom geometry(Point, 4326));
             INSERT INTO \"{schema}\".nokey VALUES ('Nhà hát lớn', 'SRID=4326;POINT(106.6822 20.8568)'),
                                                   ('x', 'SRID=4326;POINT(106.7 20.8)');
             CREATE VIEW \"{schema}\".v AS SELECT * FROM \"{schema}\".nokey;
             CREATE TABLE \"{schema}\".keyed (gid int PRIMARY KEY, code text UNIQUE,
                                                geom geometry(Point, 4326));
             CREATE TABLE \"{schema}\".unique_only (code text UNIQUE, geom geometry(Point, 4326));"
        ))
        .expect("tables");
    // The listing names each table's key: the primary key first, else a single-column unique index.
    let listed = list_geometry_tables(&mut client).expect("listing");
    let key_of = |name: &str| {
        listed
            .iter()
            .find(|table| table.table.schema == schema && table.table.name == name)
            .unwrap_or_else(|| panic!("{name} listed"))
            .key_column
            .clone()
    };
    assert_eq!(key_of("keyed").as_deref(), Some("gid"));
    assert_eq!(key_of("unique_only").as_deref(), Some("code"));
    assert_eq!(key_of("nokey"), None);
    assert_eq!(key_of("v"), None);
    let layer = open(&database.source_in(&schema, "nokey"));
    assert_eq!(layer.features.len(), 2);
    assert_eq!(
        layer.database.as_ref().and_then(|link| link.read_only),
        Some(DbReadOnly::NoKey)
    );
    assert_eq!(layer.features[0].attributes[0], text("Nhà hát lớn"));
    let view = open(&database.source_in(&schema, "v"));
    assert_eq!(view.features.len(), 2);
    assert_eq!(
        view.database.as_ref().and_then(|link| link.read_only),
        Some(DbReadOnly::View)
    );
}

#[test]
fn types_map_cleanly_and_curves_mixed_srids_and_bad_rows_do_not_refuse_the_table() {
    let Some(database) = test_database() else {
        return;
    };
    let schema = database.fresh_schema("types");
    let mut client = database.client();
    client
        .batch_execute(&format!(
            "CREATE TABLE \"{schema}\".t (id serial primary key, n int2, big int8, price numeric(12,2), r real,
                 ok boolean, d date, ts timestamptz, j jsonb, tags text[], u uuid, name varchar(20), geom geometry);
             INSERT INTO \"{schema}\".t (n, big, price, r, ok, d, ts, j, tags, u, name, geom) VALUES
               (1, 9007199254740993, 12.5, 0.25, true, '2025-07-01', '2025-07-01 08:00+07', '{{\"a\": 1}}',
                '{{x,y}}', '6ecd8c99-4036-403d-bf84-cf8400f67836', 'Hải Phòng', 'SRID=9210;POINT(597432.44 2306067.77)'),
               (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                'SRID=9210;CURVEPOLYGON(CIRCULARSTRING(597000 2306000, 597100 2306100, 597200 2306000, 597100 2305900, 597000 2306000))'),
               (3, 3, 3, 3, false, NULL, NULL, NULL, NULL, NULL, 'other srid', 'SRID=4326;POINT(106.68 20.84)'),
               (4, 4, 4, 4, false, NULL, NULL, NULL, NULL, NULL, 'no geometry', NULL);"
        ))
        .expect("table");
    let layer = open(&database.source_in(&schema, "t"));
    assert_eq!(
        layer.features.len(),
        3,
        "the row in another SRID is skipped, the rest read"
    );
    let first = &layer.features[0].attributes;
    assert_eq!(first[1], AttributeValue::Integer(1));
    assert_eq!(first[2], AttributeValue::Integer(9_007_199_254_740_993));
    assert_eq!(first[3], AttributeValue::Real(12.5));
    assert_eq!(first[4], AttributeValue::Real(0.25));
    assert_eq!(first[5], AttributeValue::Bool(true));
    assert_eq!(first[6], text("2025-07-01"));
    assert!(matches!(&first[7], AttributeValue::Text(ts) if ts.starts_with("2025-07-01")));
    assert_eq!(first[8], text("{\"a\": 1}"));
    assert_eq!(first[9], text("{x,y}"));
    assert_eq!(first[11], text("Hải Phòng"));
    assert!(
        layer.features[1].attributes[1..]
            .iter()
            .all(|value| *value == AttributeValue::Null)
    );
    match &layer.features[1].geometry_in_map {
        Geometry::Polygon(polygon) => assert!(polygon.exterior().0.len() > 16, "linearised"),
        other => panic!("curve polygon read as {other:?}"),
    }
    assert!(
        layer
            .notes
            .iter()
            .any(|note| note.to_string().contains("SRID 4326"))
    );
}

#[test]
fn a_missing_table_and_a_hostile_name_are_clear_errors() {
    let Some(database) = test_database() else {
        return;
    };
    let schema = database.fresh_schema("hostile");
    let hostile = database.source_in(&schema, "x\"; DROP TABLE y; --");
    let error = open_layer(
        &hostile,
        &Passwords::default(),
        &ReadOptions::default(),
        &mut |_| ReadControl::Continue,
        &mut |_| {},
    )
    .expect_err("no such table");
    assert!(
        matches!(error, DbError::TableMissing(TableRef { .. })),
        "{error}"
    );
    let published = publish(
        &database,
        &shipped_zoning(),
        &schema,
        "x\"; DROP TABLE y; --",
    );
    assert_eq!(
        open(&published).features.len(),
        shipped_zoning().features.len()
    );
}

/// The feature whose key (first attribute) is `key`.
fn by_key<'a>(layer: &'a Layer, key: &AttributeValue) -> &'a hpatlas::core::layer::Feature {
    layer
        .features
        .iter()
        .find(|feature| feature.attributes.first() == Some(key))
        .unwrap_or_else(|| panic!("no row with key {key:?}"))
}

fn text(value: &str) -> AttributeValue {
    AttributeValue::Text(value.to_string())
}

fn set_attribute(layer: &mut Layer, position: usize, field: usize, value: &str) {
    let feature = &mut layer.features[position];
    feature.attributes[field] = text(value);
    feature.edit_stamp += 1000 + position as u64;
}
