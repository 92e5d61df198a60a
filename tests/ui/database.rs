//! Database layers in the app, against the throwaway PostGIS clusters of `tests/with_postgis.sh` (skipped
//! outside it, failing under CI): a table opened through *Tệp → Kết nối CSDL…*, reloaded, and marked when
//! its table changes on the server; a password asked for, refused, asked again and kept in memory; and a
//! project whose database cannot be reached opening with its other layers and listing that one.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hpatlas::app::AtlasApp;

use super::pg_support::{test_database, tls_database};
use super::{fixture_path, harness_on, layer_names, open_from_recent, temp_folder, type_into};

/// Opens the connect dialog from the File menu and fills it with `conninfo` (host, port, database, user).
fn connect_dialog(harness: &mut Harness<'static, AtlasApp>, conninfo: &str) {
    harness.get_by_label("Tệp").click();
    harness.run();
    harness.get_by_label("Kết nối CSDL…").click();
    harness.run();
    harness.get_by_label("Kết nối cơ sở dữ liệu");
    harness.get_by_label("Nhập máy chủ").click();
    harness.run();
    harness
        .state_mut()
        .connect_dialog_mut()
        .expect("the dialog is open")
        .fill_from_conninfo(conninfo);
    harness.run();
}

/// Clicks *Kiểm tra kết nối* and waits for the connection test.
fn test_connection(harness: &mut Harness<'static, AtlasApp>) {
    harness.get_by_label("Kiểm tra kết nối").click();
    harness.step();
    harness.state_mut().finish_connection_test_blocking();
    harness.run();
}

fn finish_loading(harness: &mut Harness<'static, AtlasApp>) {
    // One frame starts the load; running to rest here would race the loading thread's repaints.
    harness.step();
    harness.state_mut().finish_loading_blocking();
    harness.run();
}

#[test]
fn a_table_opens_through_the_connect_dialog_reloads_and_is_marked_when_it_changes() {
    let Some(database) = test_database() else {
        return;
    };
    let (schema, mut client) = database.fresh_schema_with_client("ui open");
    client
        .batch_execute(
            "CREATE TABLE thua_dat (gid serial PRIMARY KEY, ten text, geom geometry(Point, 4326));
             INSERT INTO thua_dat (ten, geom)
               SELECT 'Thửa ' || i, ST_SetSRID(ST_MakePoint(106.6 + i * 0.001, 20.85), 4326)
               FROM generate_series(1, 250) i;
             CREATE TABLE khong_khoa (ten text, geom geometry(Point, 4326));
             ANALYZE thua_dat;",
        )
        .expect("tables created");
    let mut harness = harness_on(Vec::new());
    let layers_before = harness.state().session.layers().len();
    assert!(layers_before >= 5, "the shipped map is open");
    connect_dialog(&mut harness, &database.conninfo);
    test_connection(&mut harness);
    type_into(&mut harness, "Lọc theo tên", &schema);
    harness.get_by_label("khong_khoa").click();
    harness.run();
    harness.get_by_label_contains("Bảng sẽ mở chỉ để xem:");
    harness.get_by_label("thua_dat").click();
    harness.run();
    harness.get_by_label("Chỉ vùng đang xem");
    harness.get_by_label("Mở").click();
    finish_loading(&mut harness);
    let app = harness.state();
    assert!(app.notices.is_empty(), "{:?}", app.notices);
    assert_eq!(app.session.layers().len(), layers_before + 1);
    let layer = app.session.layers().last().expect("the table's layer");
    assert_eq!(layer.name, "thua_dat");
    assert_eq!(layer.features.len(), 250);
    let id = layer.id;
    let link = layer.database.as_ref().expect("linked to its table");
    assert_eq!(link.source.table.schema, schema);
    assert!(link.read_only.is_none());
    assert!(harness.query_by_label("Kết nối cơ sở dữ liệu").is_none());
    // The layer panel shows where it comes from, not a file.
    harness.get_by_label("Nguồn: CSDL");
    harness.get_by_label_contains(&format!("Bảng: {schema}.thua_dat"));
    // Another planner adds a row and the table notifies: the layer is marked, and Tải lại reads it again.
    client
        .batch_execute(&format!(
            "INSERT INTO thua_dat (ten, geom) VALUES ('Mới', ST_SetSRID(ST_MakePoint(106.7, 20.86), 4326));
             NOTIFY hpatlas_changes, '{schema}.thua_dat';"
        ))
        .expect("a row added");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !harness.state().changed_on_server().contains(&id) {
        assert!(Instant::now() < deadline, "the change was never noticed");
        std::thread::sleep(Duration::from_millis(100));
        // Notify again in case the listener was not listening yet.
        client
            .batch_execute(&format!("NOTIFY hpatlas_changes, '{schema}.thua_dat';"))
            .expect("notify");
        harness.step();
    }
    // The loop may have sent a notification or two more than needed: let them arrive now, so that none lands
    // after the reload below (which would rightly mark the reloaded layer as changed again).
    let settled = Instant::now() + Duration::from_millis(1500);
    while Instant::now() < settled {
        std::thread::sleep(Duration::from_millis(50));
        harness.step();
    }
    harness.run();
    harness.get_by_label("Bảng đã thay đổi trên máy chủ");
    harness.get_by_label("Tải lại").click();
    finish_loading(&mut harness);
    let app = harness.state();
    assert!(app.notices.is_empty(), "{:?}", app.notices);
    let layer = app.session.layer(id).expect("the same layer");
    assert_eq!(layer.features.len(), 251);
    assert!(app.changed_on_server().is_empty());
    assert!(
        harness
            .query_by_label("Bảng đã thay đổi trên máy chủ")
            .is_none()
    );
}

#[test]
fn a_password_is_asked_for_refused_asked_again_and_kept_in_memory_only() {
    let Some(tls) = tls_database() else {
        return;
    };
    let conninfo = format!(
        "host={} port={} dbname={} user={}",
        tls.host, tls.port, tls.dbname, tls.user
    );
    let mut harness = harness_on(Vec::new());
    connect_dialog(&mut harness, &conninfo);
    test_connection(&mut harness);
    assert!(harness.state().asks_for_password());
    harness.get_by_label("Cần mật khẩu");
    type_into(&mut harness, "Mật khẩu của kết nối", "sai-mat-khau");
    harness.get_by_label("Kết nối").click();
    harness.step();
    harness.state_mut().finish_connection_test_blocking();
    harness.run();
    assert!(harness.state().asks_for_password());
    harness.get_by_label("Mật khẩu vừa nhập bị từ chối; hãy nhập lại.");
    type_into(&mut harness, "Mật khẩu của kết nối", &tls.password);
    harness.get_by_label("Kết nối").click();
    harness.step();
    harness.state_mut().finish_connection_test_blocking();
    harness.run();
    let app = harness.state_mut();
    assert!(!app.asks_for_password());
    let dialog = app.connect_dialog_mut().expect("still open");
    assert!(dialog.error.is_none(), "{:?}", dialog.error);
    assert!(dialog.tables.is_some());
    assert!(dialog.password.is_empty());
    // The TLS cluster's database has no PostGIS: the connection works and the dialog says what is missing.
    harness.get_by_label_contains("chưa cài PostGIS");
    let app = harness.state_mut();
    for notice in &app.notices {
        assert!(!notice.text.contains(&tls.password), "{}", notice.text);
    }
    let (project, _) = app.current_project();
    let saved = serde_json::to_string(&project).expect("project as JSON");
    assert!(!saved.contains(&tls.password));
}

#[test]
fn a_project_whose_database_is_unreachable_opens_with_its_other_layers_and_keeps_that_entry() {
    let folder = temp_folder("db-unreachable");
    std::fs::copy(fixture_path("shapes.geojson"), folder.join("tep.geojson")).expect("fixture");
    let project = folder.join("csdl.hpatlas.json");
    let missing_socket = folder.join("khong-co-may-chu");
    let text = serde_json::json!({
        "format": "hpatlas-project",
        "version": 2,
        "title": "Dự án có CSDL",
        "layers": [
            {"path": "tep.geojson", "name": "Lớp tệp"},
            {"database": format!(
                "PG:host={} port=5432 dbname=quy_hoach user=lan table=quy_hoach.su_dung_dat",
                missing_socket.display()
            ), "name": "Sử dụng đất (CSDL)", "opacity": 0.5}
        ],
        "camera": {"center_in_map": [600000.0, 2300000.0], "m_per_px": 20.0}
    });
    std::fs::write(&project, text.to_string()).expect("project written");
    let mut harness = harness_on(Vec::new());
    open_from_recent(&mut harness, &folder.join("recent.json"), &project);
    assert_eq!(layer_names(harness.state()), ["Lớp tệp"]);
    let unavailable = harness.state().unavailable_db_layers();
    assert_eq!(unavailable.len(), 1, "{unavailable:?}");
    assert_eq!(unavailable[0].0, "Sử dụng đất (CSDL)");
    assert!(
        unavailable[0].1.contains("không kết nối được"),
        "{unavailable:?}"
    );
    harness.get_by_label("Sử dụng đất (CSDL)");
    harness.get_by_label_contains("CSDL không kết nối được:");
    // Saving keeps the entry in its place.
    let (saved, _) = harness.state_mut().current_project();
    assert_eq!(saved.layers.len(), 2);
    assert!(saved.layers[0].database.is_none());
    let entry = saved.layers[1]
        .database
        .as_ref()
        .expect("the database entry");
    assert_eq!(entry.table.name, "su_dung_dat");
    assert_eq!(saved.layers[1].opacity, 0.5);
    // Thử lại tries again; the server is still away, so the layer stays listed.
    harness.get_by_label("Thử lại").click();
    finish_loading(&mut harness);
    assert_eq!(harness.state().unavailable_db_layers().len(), 1);
    assert_eq!(layer_names(harness.state()), ["Lớp tệp"]);
    let _ = std::fs::remove_dir_all(&folder);
}
