//! Publishing and saving database layers from the window, against the throwaway PostGIS cluster that
//! `tests/with_postgis.sh` starts (skipped with a note outside it, failing under CI): the shipped zoning is
//! published through *Đưa lên CSDL…*; a database layer edited in the app while another planner changes the
//! same row shows the conflicts panel with both values, and either choice then saves what the planner chose;
//! a role with SELECT only gets a clear message and keeps its edits.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hpatlas::app::{Action, AtlasApp};
use hpatlas::core::attributes::AttributeValue;
use hpatlas::core::db_source::{DbSource, quote_value};
use hpatlas::core::layer::LayerId;
use hpatlas::core::postgis::read::ReadOptions;
use hpatlas::core::session::Edit;

use super::pg_support::{TestDatabase, open_table, publish_to, shipped_zoning, test_database};
use super::{harness_on, type_into};

/// The row the tests edit (its position in the layer as read, ordered by key).
const ROW: usize = 5;

/// A source for `schema.table` in the test database, connecting as `user` when given.
fn source_for(database: &TestDatabase, schema: &str, table: &str, user: Option<&str>) -> DbSource {
    let user = user.map(|user| format!(" user={user}")).unwrap_or_default();
    format!(
        "PG:{}{user} table={}",
        database.conninfo,
        quote_value(&format!("{schema}.{table}"))
    )
    .parse()
    .expect("source")
}

fn zoning_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/zoning_illustrative.geojson")
}

/// Publishes the shipped zoning as `schema.zones` through the core.
fn published_zones(database: &TestDatabase, schema: &str) -> DbSource {
    let source = source_for(database, schema, "zones", None);
    publish_to(&source, &shipped_zoning());
    source
}

/// The app on an empty project with `source`'s table opened headlessly and added as a layer, chosen and in
/// edit mode; returns the harness, the layer and the position of its `name_vi` field.
fn app_with_database_layer(source: &DbSource) -> (Harness<'static, AtlasApp>, LayerId, usize) {
    let layer = open_table(source, &ReadOptions::default())
        .unwrap_or_else(|error| panic!("open {source}: {error}"));
    let field = layer.field_position("name_vi").expect("name_vi");
    let mut harness = harness_on(Vec::new());
    let ctx = harness.ctx.clone();
    let app = harness.state_mut();
    app.apply(&ctx, Action::NewProject);
    app.session
        .edit(Edit::AddLayer {
            layer: Box::new(layer),
            position: None,
        })
        .expect("layer added");
    let id = app.session.last_added_layer().expect("added");
    app.apply(&ctx, Action::ChooseLayer(Some(id)));
    app.apply(&ctx, Action::ToggleEditMode(id));
    assert_eq!(app.editing, Some(id), "{:?}", app.notices);
    harness.run();
    (harness, id, field)
}

/// Types `text` as field `field` of row [`ROW`] through the app (as the identify panel does).
fn edit_row(harness: &mut Harness<'static, AtlasApp>, layer: LayerId, field: usize, text: &str) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        Action::SetAttributeText {
            layer,
            features: vec![ROW],
            field,
            text: text.to_string(),
        },
    );
    harness.run();
}

/// The key (`fid`) of row [`ROW`] of the app's layer.
fn row_key(app: &AtlasApp, layer: LayerId) -> i64 {
    match app.session.layer(layer).expect("layer").features[ROW].attributes[0] {
        AttributeValue::Integer(key) => key,
        ref other => panic!("fid is {other:?}"),
    }
}

/// `name_vi` of the row with key `fid` as the server holds it now.
fn server_name(database: &TestDatabase, source: &DbSource, fid: i64) -> String {
    let mut client = database.client();
    let sql = format!(
        "SELECT name_vi FROM \"{}\".\"{}\" WHERE fid = $1",
        source.table.schema, source.table.name
    );
    client.query_one(&sql, &[&fid]).expect("row").get(0)
}

/// Another planner changes `name_vi` of row `fid` directly on the server.
fn other_planner_sets(database: &TestDatabase, source: &DbSource, fid: i64, name: &str) {
    let mut client = database.client();
    let sql = format!(
        "UPDATE \"{}\".\"{}\" SET name_vi = $1 WHERE fid = $2",
        source.table.schema, source.table.name
    );
    assert_eq!(client.execute(&sql, &[&name, &fid]).expect("update"), 1);
}

fn layer_value(app: &AtlasApp, layer: LayerId, field: usize) -> AttributeValue {
    app.session.layer(layer).expect("layer").features[ROW].attributes[field].clone()
}

fn text(value: &str) -> AttributeValue {
    AttributeValue::Text(value.to_string())
}

/// Lets the click reach the dialog (one frame: the spinner then keeps repainting), waits for the worker and
/// settles.
fn run_worker(harness: &mut Harness<'static, AtlasApp>) {
    harness.step();
    harness.state_mut().finish_publish_blocking();
    harness.run();
}

fn notice_texts(app: &AtlasApp) -> Vec<String> {
    app.notices
        .iter()
        .map(|notice| notice.text.clone())
        .collect()
}

#[test]
fn the_zoning_is_published_through_the_dialog_with_a_vietnamese_table_name() {
    let Some(database) = test_database() else {
        return;
    };
    let schema = database.fresh_schema("ui publish");
    let mut harness = harness_on(vec![zoning_path()]);
    let features = harness.state().session.layers()[0].features.len();
    harness.get_by_label("Đưa lên CSDL…").click();
    harness.run();
    harness.get_by_label("Đưa lớp lên CSDL");
    type_into(&mut harness, "Kết nối", &database.conninfo);
    harness.get_by_label("Lược đồ (schema)").focus();
    harness.run();
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
    harness.get_by_label("Lược đồ (schema)").type_text(&schema);
    harness.run();
    // Replace the proposed name (the layer's) with one that needs quoting.
    harness.get_by_label("Tên bảng").focus();
    harness.run();
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
    harness
        .get_by_label("Tên bảng")
        .type_text("quy hoạch \"minh họa\"");
    harness.run();
    harness.get_by_label("Đưa lên").click();
    run_worker(&mut harness);
    let notices = notice_texts(harness.state());
    assert!(
        notices
            .iter()
            .any(|text| text.contains(&format!("{features} dòng"))),
        "{notices:?}"
    );
    let mut client = database.client();
    let count: i64 = client
        .query_one(
            &format!("SELECT count(*) FROM \"{schema}\".\"quy hoạch \"\"minh họa\"\"\""),
            &[],
        )
        .expect("the published table")
        .get(0);
    assert_eq!(count as usize, features);
    // Publishing again without «Thay thế nếu đã có» refuses and says why; the table is unchanged.
    harness.get_by_label("Đưa lên").click();
    run_worker(&mut harness);
    harness.get_by_label_contains("đã có trên máy chủ");
    // The published table opens as a database layer from the dialog.
    harness
        .get_by_label("Mở bảng vừa đưa lên thành lớp CSDL")
        .click();
    run_worker(&mut harness);
    let app = harness.state();
    let opened = app.session.layers().last().expect("opened");
    assert!(opened.database.is_some());
    assert_eq!(opened.features.len(), features);
}

/// Edits row [`ROW`] in the app, lets another planner change the same row, saves from the layer panel and
/// checks the conflicts panel shows both values; returns the harness, layer, field, key and source.
fn conflict_in_the_app(
    database: &TestDatabase,
    name: &str,
) -> (Harness<'static, AtlasApp>, LayerId, usize, i64, DbSource) {
    let schema = database.fresh_schema(name);
    let source = published_zones(database, &schema);
    let (mut harness, layer, field) = app_with_database_layer(&source);
    let fid = row_key(harness.state(), layer);
    edit_row(&mut harness, layer, field, "Đất ở — bản của Lan");
    other_planner_sets(database, &source, fid, "Đất cây xanh — bản của Minh");
    harness.get_by_label("Lưu lên CSDL").click();
    harness.run();
    harness.get_by_label("Xung đột khi lưu lên CSDL");
    harness.get_by_label("1 dòng đã bị người khác thay đổi từ khi bạn tải — chưa ghi gì.");
    harness.get_by_label("Đất ở — bản của Lan");
    harness.get_by_label("Đất cây xanh — bản của Minh");
    assert_eq!(
        server_name(database, &source, fid),
        "Đất cây xanh — bản của Minh",
        "nothing of mine was written"
    );
    assert!(
        !harness.state().layers_with_unsaved_edits().is_empty(),
        "my edit is still there"
    );
    (harness, layer, field, fid, source)
}

#[test]
fn a_conflict_settled_by_taking_the_servers_version_saves_theirs() {
    let Some(database) = test_database() else {
        return;
    };
    let (mut harness, layer, field, fid, source) = conflict_in_the_app(&database, "ui theirs");
    harness.get_by_label("Lấy bản trên máy chủ").click();
    harness.run();
    harness.get_by_label("Lưu lại").click();
    harness.run();
    let app = harness.state();
    assert_eq!(
        server_name(&database, &source, fid),
        "Đất cây xanh — bản của Minh"
    );
    assert_eq!(
        layer_value(app, layer, field),
        text("Đất cây xanh — bản của Minh")
    );
    assert!(app.layers_with_unsaved_edits().is_empty());
    assert!(
        notice_texts(app)
            .iter()
            .any(|text| text.starts_with("Đã lưu lên CSDL:")),
        "{:?}",
        notice_texts(app)
    );
    assert!(
        harness
            .query_by_label("Xung đột khi lưu lên CSDL")
            .is_none()
    );
}

#[test]
fn a_conflict_settled_by_keeping_mine_saves_mine() {
    let Some(database) = test_database() else {
        return;
    };
    let (mut harness, layer, field, fid, source) = conflict_in_the_app(&database, "ui mine");
    harness.get_by_label("Giữ của tôi").click();
    harness.run();
    harness.get_by_label("Lưu lại").click();
    harness.run();
    let app = harness.state();
    assert_eq!(server_name(&database, &source, fid), "Đất ở — bản của Lan");
    assert_eq!(layer_value(app, layer, field), text("Đất ở — bản của Lan"));
    assert!(app.layers_with_unsaved_edits().is_empty());
    assert!(
        notice_texts(app)
            .iter()
            .any(|text| text == "Đã lưu lên CSDL: 1 sửa, 0 thêm, 0 xóa (zones)."),
        "{:?}",
        notice_texts(app)
    );
}

#[test]
fn a_role_that_may_only_read_gets_a_clear_message_and_keeps_its_edits() {
    let Some(database) = test_database() else {
        return;
    };
    let schema = database.fresh_schema("ui reader");
    let owner_source = published_zones(&database, &schema);
    let role = format!("reader_{}", schema.trim_start_matches("t_"));
    let mut client = database.client();
    client
        .batch_execute(&format!(
            "DROP ROLE IF EXISTS \"{role}\"; CREATE ROLE \"{role}\" LOGIN; \
             GRANT USAGE ON SCHEMA \"{schema}\" TO \"{role}\"; \
             GRANT SELECT ON ALL TABLES IN SCHEMA \"{schema}\" TO \"{role}\";"
        ))
        .expect("reader role");
    let source = source_for(&database, &schema, "zones", Some(&role));
    let (mut harness, layer, field) = app_with_database_layer(&source);
    let fid = row_key(harness.state(), layer);
    let before = server_name(&database, &owner_source, fid);
    edit_row(&mut harness, layer, field, "Sửa của người chỉ được xem");
    harness.get_by_label("Lưu lên CSDL").click();
    harness.run();
    let app = harness.state();
    let notices = notice_texts(app);
    assert!(
        notices
            .iter()
            .any(|text| text.contains("không có quyền ghi")
                && text.ends_with("Chưa ghi gì lên máy chủ, mọi chỉnh sửa vẫn còn.")),
        "{notices:?}"
    );
    assert!(notices.iter().all(|text| !text.contains("password")));
    assert_eq!(
        layer_value(app, layer, field),
        text("Sửa của người chỉ được xem")
    );
    assert_eq!(app.layers_with_unsaved_edits(), vec![layer]);
    assert_eq!(server_name(&database, &owner_source, fid), before);
}
