//! The cost of the project bookkeeping the window does while the planner works, on the shipped Hai Phong map
//! (8 layers, categorized styles) with 200 review pins:
//!
//! * `current_project`: the app state gathered into a project file (done every 0.5 s for the unsaved-changes
//!   marker, and before every save and autosave);
//! * `compare_with_saved`: the comparison of two such project files (the other half of that check);
//! * `project_text`: the JSON a save writes (checked to read back).
//!
//! Run with `cargo bench --bench project_state` (after `make test` has brought cmake).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use hpatlas::app::AtlasApp;
use hpatlas::core::project_save::project_text;
use hpatlas::core::review::{PinCategory, PinDraft};
use hpatlas::core::timestamp::Timestamp;

fn shipped_map_with_pins() -> AtlasApp {
    let ctx = eframe::egui::Context::default();
    let mut app = AtlasApp::new(&ctx, Vec::new());
    app.finish_loading_blocking();
    for number in 0..200 {
        let draft = PinDraft {
            lon_deg: 106.6 + f64::from(number) * 0.001,
            lat_deg: 20.8,
            category: PinCategory::Issue,
            text: format!("Điểm khảo sát số {number}"),
        };
        app.workshop
            .pins
            .add(
                draft,
                "Khảo sát",
                Timestamp::from_unix_seconds(1_760_000_000),
            )
            .expect("pin added");
    }
    app
}

fn project_state(c: &mut Criterion) {
    let app = shipped_map_with_pins();
    let mut group = c.benchmark_group("project_state");
    group.bench_function("current_project", |b| {
        b.iter(|| black_box(app.current_project()))
    });
    let project = app.current_project().0;
    let saved = app.current_project().0;
    group.bench_function("compare_with_saved", |b| {
        b.iter(|| black_box(black_box(&project) == black_box(&saved)))
    });
    let path = Path::new("/tmp/du_an.hpatlas.json");
    group.bench_function("project_text", |b| {
        b.iter(|| black_box(project_text(path, &project).expect("text")))
    });
    group.finish();
}

criterion_group!(benches, project_state);
criterion_main!(benches);
