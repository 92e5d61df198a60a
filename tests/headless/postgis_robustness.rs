//! Database layers when things go wrong or many planners work at once, against real servers: the server
//! killed during a load and during a save, sixteen planners saving at once, a role that may only read, the
//! command line on `PG:` sources agreeing with files, a project with a database layer, and loading only the
//! view.

use std::process::Command;
use std::sync::{Arc, Barrier};
use std::time::Duration;

use geo::{Coord, Rect};

use hpatlas::core::attributes::AttributeValue;
use hpatlas::core::db_source::DbSource;
use hpatlas::core::layer::Layer;
use hpatlas::core::postgis::publish::{PublishOptions, publish_layer};
use hpatlas::core::postgis::read::{ReadControl, ReadOptions};
use hpatlas::core::postgis::save::{SaveOutcome, save_layer};
use hpatlas::core::postgis::{DbError, Passwords, connect, open_layer};
use hpatlas::core::session::Session;

use crate::pg_support::{PrivateCluster, open_table, publish_to, shipped_zoning, test_database};

/// Sets a text attribute as an edit in the atlas would (a new stamp).
fn set_text(layer: &mut Layer, position: usize, field: usize, value: &str, stamp: u64) {
    let feature = &mut layer.features[position];
    feature.attributes[field] = AttributeValue::Text(value.to_string());
    feature.edit_stamp = stamp;
}

fn field(layer: &Layer, name: &str) -> usize {
    layer
        .fields
        .iter()
        .position(|field| field.name == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn hpatlas() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hpatlas"))
}

fn run_json(command: &mut Command) -> serde_json::Value {
    let output = command.output().expect("hpatlas runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn the_command_line_reads_pg_sources_like_files() {
    let Some(database) = test_database() else {
        return;
    };
    let schema = database.fresh_schema("cli");
    let zoning_file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/zoning_illustrative.geojson");
    let sites_file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("maps/digital_sites_illustrative.geojson");
    let zones = format!("PG:{} table={schema}.zones", database.conninfo);
    let status = hpatlas()
        .args(["convert"])
        .arg(&zoning_file)
        .arg(&zones)
        .status()
        .expect("convert runs");
    assert!(status.success(), "convert to PG");
    let again = hpatlas()
        .args(["convert"])
        .arg(&zoning_file)
        .arg(&zones)
        .output()
        .expect("convert runs");
    assert!(
        !again.status.success(),
        "an existing table is not replaced without --replace"
    );
    let from_file = run_json(hpatlas().arg("info").arg(&zoning_file));
    let from_table = run_json(hpatlas().arg("info").arg(&zones));
    assert_eq!(from_table["features"], from_file["features"]);
    let bbox = |value: &serde_json::Value| -> Vec<f64> {
        value["bbox_wgs84"]
            .as_array()
            .expect("bbox")
            .iter()
            .map(|number| number.as_f64().expect("number"))
            .collect()
    };
    for (a, b) in bbox(&from_file).iter().zip(bbox(&from_table)) {
        assert!((a - b).abs() < 1e-6, "bbox {a} vs {b}");
    }
    let coverage_args = |units: &dyn AsRef<std::ffi::OsStr>| {
        let mut command = hpatlas();
        command
            .arg("coverage")
            .arg("--units")
            .arg(units)
            .arg("--sites")
            .arg(&sites_file)
            .args([
                "--radius-field",
                "radius_m",
                "--unit-field",
                "zone_id",
                "--population-field",
                "dan_so",
            ]);
        command
    };
    let coverage_file = run_json(&mut coverage_args(&zoning_file));
    let coverage_table = run_json(&mut coverage_args(&zones));
    let covered =
        |value: &serde_json::Value| value["total"]["covered_m2"].as_f64().expect("covered");
    assert!(
        (covered(&coverage_file) - covered(&coverage_table)).abs() < 1.0,
        "coverage from the table equals coverage from the file"
    );
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("from_pg.geojson");
    let status = hpatlas()
        .arg("convert")
        .arg(&zones)
        .arg(&out)
        .status()
        .expect("convert runs");
    assert!(status.success(), "convert from PG");
    let back = run_json(hpatlas().arg("info").arg(&out));
    assert_eq!(back["features"], from_file["features"]);
    let secret = format!(
        "PG:{} password=hunter2 table={schema}.missing",
        database.conninfo
    );
    let failed = hpatlas().arg("info").arg(&secret).output().expect("runs");
    assert!(!failed.status.success());
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("does not exist"), "{stderr}");
    assert!(
        !stderr.contains("hunter2"),
        "a password is never printed: {stderr}"
    );
}

#[test]
fn a_project_keeps_its_database_layer_without_the_password() {
    let Some(database) = test_database() else {
        return;
    };
    let schema = database.fresh_schema("project");
    let source = database.source_in(&schema, "zones");
    publish_to(&source, &shipped_zoning());
    let (with_password, _) =
        DbSource::parse_with_password(&format!("{source} password=hunter2")).expect("source");
    let layer = open_table(&with_password, &ReadOptions::default()).expect("open");
    let mut session = Session::new("CSDL");
    session
        .edit(hpatlas::core::session::Edit::AddLayer {
            layer: Box::new(layer),
            position: None,
        })
        .expect("added");
    let folder = crate::scratch_folder("pg-project");
    let path = folder.join("csdl.hpatlas.json");
    session.save(&path).expect("saved");
    let text = std::fs::read_to_string(&path).expect("project text");
    assert!(text.contains("\"database\""), "{text}");
    assert!(!text.contains("hunter2"), "no password in the project file");
    let opened = Session::open(&path).expect("opens");
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let layers = opened.session.layers();
    assert_eq!(layers.len(), 1);
    assert_eq!(layers[0].features.len(), shipped_zoning().features.len());
    assert!(layers[0].database.is_some(), "still linked to its table");
    let mut client = database.client();
    client
        .batch_execute(&format!("DROP TABLE \"{schema}\".zones"))
        .expect("drop");
    let opened = Session::open(&path).expect("opens without the table");
    assert!(opened.session.layers().is_empty());
    let table_missing = match opened.problems.as_slice() {
        [hpatlas::core::project_links::LayerProblem::Database { error, .. }] => {
            matches!(**error, DbError::TableMissing(_))
        }
        _ => false,
    };
    assert!(table_missing, "{:?}", opened.problems);
}

#[test]
fn sixteen_planners_saving_distinct_rows_at_once_lose_nothing() {
    let Some(database) = test_database() else {
        return;
    };
    let schema = database.fresh_schema("many");
    let source = database.source_in(&schema, "zones");
    publish_to(&source, &shipped_zoning());
    let planners = 16;
    let rounds = 4;
    let barrier = Arc::new(Barrier::new(planners));
    let handles: Vec<_> = (0..planners)
        .map(|planner| {
            let source = source.clone();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let mut layer = open_table(&source, &ReadOptions::default()).expect("open");
                let name = field(&layer, "name_vi");
                let mut connection = connect(&source, &Passwords::default()).expect("connect");
                barrier.wait();
                for round in 0..rounds {
                    for row in 0..3 {
                        let position = planner * 3 + row;
                        let stamp = 10_000 + (round * 100 + row) as u64;
                        set_text(
                            &mut layer,
                            position,
                            name,
                            &format!("p{planner} r{round} #{row}"),
                            stamp,
                        );
                    }
                    match save_layer(&mut connection.client, &mut layer) {
                        Ok(SaveOutcome::Saved(report)) => assert_eq!(report.updated, 3),
                        other => panic!("planner {planner} round {round}: {other:?}"),
                    }
                }
                (0..3)
                    .map(|row| layer.features[planner * 3 + row].attributes[0].clone())
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut keys_by_planner = Vec::new();
    for handle in handles {
        keys_by_planner.push(handle.join().expect("planner thread"));
    }
    let fresh = open_table(&source, &ReadOptions::default()).expect("open");
    let name = field(&fresh, "name_vi");
    for (planner, keys) in keys_by_planner.iter().enumerate() {
        for (row, key) in keys.iter().enumerate() {
            let feature = fresh
                .features
                .iter()
                .find(|feature| &feature.attributes[0] == key)
                .expect("row");
            assert_eq!(
                feature.attributes[name],
                AttributeValue::Text(format!("p{planner} r{} #{row}", rounds - 1)),
                "planner {planner}'s last edit is there"
            );
        }
    }
}

#[test]
fn a_role_that_may_only_read_cannot_save_or_publish_and_keeps_its_edits() {
    let Some(database) = test_database() else {
        return;
    };
    let schema = database.fresh_schema("readonly_role");
    let source = database.source_in(&schema, "zones");
    publish_to(&source, &shipped_zoning());
    let role = format!("{schema}_reader");
    let mut client = database.client();
    client
        .batch_execute(&format!(
            "CREATE ROLE \"{role}\" LOGIN; GRANT USAGE ON SCHEMA \"{schema}\" TO \"{role}\";
             GRANT SELECT ON ALL TABLES IN SCHEMA \"{schema}\" TO \"{role}\";"
        ))
        .expect("role");
    let mut reader = source.clone();
    reader.connection.retain(|(keyword, _)| keyword != "user");
    reader.connection.push(("user".to_string(), role.clone()));
    let mut layer = open_table(&reader, &ReadOptions::default()).expect("a reader can open");
    let name = field(&layer, "name_vi");
    set_text(&mut layer, 0, name, "không được lưu", 77);
    let mut connection = connect(&reader, &Passwords::default()).expect("connect");
    let error = save_layer(&mut connection.client, &mut layer).expect_err("no UPDATE privilege");
    assert!(matches!(error, DbError::PermissionDenied(_)), "{error}");
    assert!(
        hpatlas::core::io::write_back::has_unsaved_data_edits(&layer),
        "the edit is still unsaved in the layer"
    );
    let mut other = reader.clone();
    other.table.name = "mine".to_string();
    let refused = publish_layer(
        &mut connection.client,
        &layer,
        &PublishOptions {
            table: other.table.clone(),
            replace: false,
        },
    )
    .expect_err("no CREATE privilege");
    assert!(matches!(refused, DbError::PermissionDenied(_)), "{refused}");
}

#[test]
fn only_the_view_loads_what_meets_it() {
    let Some(database) = test_database() else {
        return;
    };
    let schema = database.fresh_schema("viewbox");
    let source = database.source_in(&schema, "zones");
    let all = shipped_zoning();
    publish_to(&source, &all);
    let around = all.features[0].bbox_in_map.expect("a zone with a box");
    let view = Rect::new(
        Coord {
            x: around.min().x - 2_000.0,
            y: around.min().y - 2_000.0,
        },
        Coord {
            x: around.max().x + 2_000.0,
            y: around.max().y + 2_000.0,
        },
    );
    let expected = all
        .features
        .iter()
        .filter(|feature| {
            feature.bbox_in_map.is_some_and(|bbox| {
                bbox.min().x <= view.max().x
                    && bbox.max().x >= view.min().x
                    && bbox.min().y <= view.max().y
                    && bbox.max().y >= view.min().y
            })
        })
        .count();
    let options = ReadOptions {
        view_box_in_map: Some(view),
        ..ReadOptions::default()
    };
    let part = open_table(&source, &options).expect("open the view");
    assert!(expected > 0 && expected < all.features.len());
    assert_eq!(part.features.len(), expected);
    assert!(
        part.database
            .as_ref()
            .and_then(|link| link.view_box)
            .is_some()
    );
}

#[test]
fn the_server_killed_during_a_load_and_a_save_loses_nothing() {
    let Some(cluster) = PrivateCluster::start("killed") else {
        return;
    };
    let mut client = cluster.client();
    client
        .batch_execute(
            "CREATE TABLE parcels AS
               SELECT i AS id, 'thửa ' || i AS name,
                      ST_SetSRID(ST_MakeEnvelope(590000 + (i % 500) * 40, 2300000 + (i / 500) * 40,
                                                 590030 + (i % 500) * 40, 2300030 + (i / 500) * 40), 9210) AS geom
               FROM generate_series(1, 60000) AS i;
             ALTER TABLE parcels ADD PRIMARY KEY (id);
             ANALYZE parcels;",
        )
        .expect("table");
    let source = cluster.source("public.parcels");
    let mut batches = 0;
    let killed_during_load = open_layer(
        &source,
        &Passwords::default(),
        &ReadOptions {
            batch_rows: 5_000,
            ..ReadOptions::default()
        },
        &mut |_| {
            batches += 1;
            if batches == 2 {
                cluster.kill();
            }
            ReadControl::Continue
        },
        &mut |_| {},
    );
    let error = killed_during_load.expect_err("the load cannot finish");
    assert!(error.is_connection_problem(), "{error:?}");
    cluster.restart();

    let mut layer = open_table(&source, &ReadOptions::default()).expect("open after restart");
    let name = field(&layer, "name");
    for position in 0..100 {
        set_text(
            &mut layer,
            position,
            name,
            &format!("sửa {position}"),
            500 + position as u64,
        );
    }
    let mut slow = cluster.client();
    slow.batch_execute(
        "CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS
           $$ BEGIN PERFORM pg_sleep(0.05); RETURN NEW; END $$;
         CREATE TRIGGER slow BEFORE UPDATE ON parcels FOR EACH ROW EXECUTE FUNCTION slow();",
    )
    .expect("slow trigger");
    drop(slow);
    let mut connection = connect(&source, &Passwords::default()).expect("connect");
    let killer = {
        let socket = cluster.socket_dir().to_path_buf();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(600));
            socket
        })
    };
    let saving = std::thread::scope(|scope| {
        let kill = scope.spawn(|| {
            let _ = killer.join();
            cluster.kill();
        });
        let outcome = save_layer(&mut connection.client, &mut layer);
        let _ = kill.join();
        outcome
    });
    let error = saving.expect_err("the save cannot finish");
    assert!(error.is_connection_problem(), "{error:?}");
    assert!(
        hpatlas::core::io::write_back::has_unsaved_data_edits(&layer),
        "every edit is still in the layer"
    );
    cluster.restart();
    let fresh = open_table(&source, &ReadOptions::default()).expect("open after restart");
    assert!(
        fresh
            .features
            .iter()
            .all(|feature| !matches!(&feature.attributes[name], AttributeValue::Text(text) if text.starts_with("sửa"))),
        "the table is unchanged: the killed save wrote nothing"
    );
    let mut client = cluster.client();
    client
        .batch_execute("DROP TRIGGER slow ON parcels")
        .expect("drop trigger");
    let mut connection = connect(&source, &Passwords::default()).expect("connect");
    let saved = save_layer(&mut connection.client, &mut layer).expect("the save succeeds later");
    assert!(matches!(saved, SaveOutcome::Saved(report) if report.updated == 100));
}
