//! The cost of the project bookkeeping while the planner works, on the shipped Hai Phong map (8 layers,
//! categorized styles) opened headlessly as a session, with 200 review pins dropped as edits:
//!
//! * `is_modified`: the unsaved-changes marker (the history position against the saved one; it used to be a
//!   rebuild and comparison of the whole project file every 0.5 s);
//! * `to_project_file`: the session gathered into a project file (before every save and autosave);
//! * `project_text`: the JSON a save writes (checked to read back);
//! * `undo_redo_1000_pin_edits`: undoing then redoing 1,000 review-pin edits.
//!
//! Run with `cargo bench --bench project_state` (after `make test` has brought cmake).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use hpatlas::core::project_save::project_text;
use hpatlas::core::review::{PinCategory, PinDraft, ReviewPins};
use hpatlas::core::session::{Edit, Session};
use hpatlas::core::timestamp::Timestamp;

fn shipped_map_with_pins(pins: i64) -> Session {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/haiphong.hpatlas.json");
    let mut session = Session::open(&path).expect("the shipped map opens").session;
    for number in 0..pins {
        let draft = PinDraft {
            lon_deg: 106.6 + number as f64 * 0.0005,
            lat_deg: 20.8,
            category: PinCategory::Issue,
            text: format!("Điểm khảo sát số {number}"),
        };
        let now = Timestamp::from_unix_seconds(1_760_000_000 + number);
        let (id, version) = ReviewPins::first_version(draft, "Khảo sát", now).expect("pin");
        session
            .edit(Edit::PutPinVersion {
                id,
                version: Box::new(version),
            })
            .expect("pin added");
    }
    session
}

fn project_state(c: &mut Criterion) {
    let session = shipped_map_with_pins(200);
    let mut group = c.benchmark_group("project_state");
    group.bench_function("is_modified", |b| {
        b.iter(|| black_box(black_box(&session).is_modified()))
    });
    group.bench_function("to_project_file", |b| {
        b.iter(|| black_box(session.to_project_file()))
    });
    let project = session.to_project_file().0;
    let path = Path::new("/tmp/du_an.hpatlas.json");
    group.bench_function("project_text", |b| {
        b.iter(|| black_box(project_text(path, &project).expect("text")))
    });
    let mut session = shipped_map_with_pins(1_000);
    group.bench_function("undo_redo_1000_pin_edits", |b| {
        b.iter(|| {
            while session.undo().expect("undo").is_some() {}
            while session.redo().expect("redo").is_some() {}
        })
    });
    group.finish();
}

criterion_group!(benches, project_state);
criterion_main!(benches);
