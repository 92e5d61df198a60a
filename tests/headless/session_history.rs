//! The session's one edit history, without any GUI: random sequences of edits of every kind (layer groups
//! included: a layer's group, a group shown or hidden, moved as a whole), undone in full,
//! give back a project that saves byte-identically (and layers with the same features); redo gives back the
//! edited project; the unsaved flag is right at every step; a project is built, edited and saved headlessly.

use geo::{Coord, Geometry, LineString, Point, Polygon};
use hpatlas::core::attributes::AttributeValue;
use hpatlas::core::layer::{Feature, LayerId};
use hpatlas::core::project::analysis_settings::ProposedSiteSetting;
use hpatlas::core::project::{Camera, Language, SavedView, Slide};
use hpatlas::core::project_save::project_text;
use hpatlas::core::review::{PinCategory, PinDraft, ReviewPins};
use hpatlas::core::session::{Edit, EditKind, Session};
use hpatlas::core::style::Rgba;
use hpatlas::core::timestamp::Timestamp;

use crate::rng::{SeededRng, TestDraws};
use crate::{load_fixture, scratch_folder};

/// The layer groups the random edits put layers into.
const GROUPS: [&str; 2] = ["QuyHoach.gpkg", "HienTrang.gdb"];

/// A session with two fixture layers (the second in a layer group), a slide and a pin, counted as saved.
fn starting_session() -> Session {
    let mut session = Session::new("Thử lịch sử");
    for (name, group) in [
        ("shapes.geojson", None),
        ("coverage_units_vn2000.geojson", Some(GROUPS[0])),
    ] {
        let mut layer = load_fixture(name);
        layer.group = group.map(str::to_string);
        session
            .edit(Edit::AddLayer {
                layer: Box::new(layer),
                position: None,
            })
            .expect("layer added");
    }
    session
        .edit(Edit::InsertSlide {
            position: 0,
            slide: Box::new(slide("Mở đầu")),
        })
        .expect("slide");
    session.set_camera(Some(Camera {
        center_in_map: [600_000.0, 2_300_000.0],
        m_per_px: 20.0,
    }));
    session.reset_history();
    session
}

fn slide(title: &str) -> Slide {
    Slide {
        title: title.to_string(),
        speaker_note: String::new(),
        view: SavedView {
            name: title.to_string(),
            camera: Camera {
                center_in_map: [600_000.0, 2_300_000.0],
                m_per_px: 10.0,
            },
            layers: Vec::new(),
        },
        annotations: Vec::new(),
    }
}

/// Everything a session holds, as text: the project file it would save and every feature of every layer
/// (geometry, values and edit stamps), so "the same" means the same data, not only the same file.
fn snapshot(session: &Session) -> String {
    let folder = scratch_folder("session-history");
    let (project, _) = session.to_project_file();
    let mut text = project_text(&folder.join("p.hpatlas.json"), &project).expect("project text");
    for layer in session.layers() {
        text.push_str(&format!(
            "\n{:?} {} {:?}",
            layer.id,
            layer.features.len(),
            layer.extent_in_map
        ));
        for feature in &layer.features {
            text.push_str(&format!(
                "\n{:?}|{:?}|{}",
                feature.geometry_in_map, feature.attributes, feature.edit_stamp
            ));
        }
        // The index must agree with the features: every feature is found at its own rectangle.
        for (position, feature) in layer.features.iter().enumerate() {
            if let Some(bbox) = feature.bbox_in_map {
                assert!(
                    layer.index.query(bbox).any(|found| found == position),
                    "layer {:?}: feature {position} missing from the index",
                    layer.id
                );
            }
        }
        assert_eq!(
            layer.index.len(),
            layer
                .features
                .iter()
                .filter(|feature| feature.bbox_in_map.is_some())
                .count()
        );
    }
    text
}

/// One random edit of one of the kinds the session knows, valid for the session as it is.
fn random_edit(session: &Session, rng: &mut SeededRng) -> Edit {
    let layers: Vec<LayerId> = session.layers().iter().map(|layer| layer.id).collect();
    let layer_id = *rng.pick(&layers);
    let layer = session.layer(layer_id).expect("layer");
    let feature_count = layer.features.len();
    let shift = |rng: &mut SeededRng| (rng.below(2_000) as f64 - 1_000.0) / 10.0;
    match rng.below(20) {
        0 => Edit::SetVisible(layer_id, !layer.visible),
        1 => Edit::SetOpacity(layer_id, rng.below(101) as f32 / 100.0),
        2 => Edit::MoveLayer(layer_id, rng.below(layers.len() as u64) as usize),
        3 => Edit::Rename(layer_id, format!("Lớp {}", rng.below(1_000))),
        4 => {
            let mut style = layer.style.clone();
            style.fill = Rgba([rng.below(256) as u8, 90, 40, 200]);
            Edit::SetStyle(layer_id, Box::new(style))
        }
        5 if !layer.fields.is_empty() && feature_count > 0 => Edit::SetAttribute {
            layer: layer_id,
            feature: rng.below(feature_count as u64) as usize,
            field: rng.below(layer.fields.len() as u64) as usize,
            value: AttributeValue::Text(format!("giá trị {}", rng.below(100))),
        },
        6 if feature_count > 0 => {
            let position = rng.below(feature_count as u64) as usize;
            let (dx, dy) = (shift(rng), shift(rng));
            let mut geometry = layer.features[position].geometry_in_map.clone();
            use geo::MapCoordsInPlace;
            geometry.map_coords_in_place(|c| Coord {
                x: c.x + dx,
                y: c.y + dy,
            });
            Edit::SetGeometry {
                layer: layer_id,
                feature: position,
                geometry: Box::new(geometry),
            }
        }
        7 => {
            let x = 600_000.0 + shift(rng) * 50.0;
            let y = 2_300_000.0 + shift(rng) * 50.0;
            let ring =
                LineString::from(vec![(x, y), (x + 100.0, y), (x + 100.0, y + 80.0), (x, y)]);
            let attributes = vec![AttributeValue::Null; layer.fields.len()];
            Edit::InsertFeature {
                layer: layer_id,
                position: rng.below(feature_count as u64 + 1) as usize,
                feature: Box::new(Feature::new(
                    Geometry::Polygon(Polygon::new(ring, vec![])),
                    attributes,
                )),
            }
        }
        8 if feature_count > 1 => Edit::RemoveFeature {
            layer: layer_id,
            position: rng.below(feature_count as u64) as usize,
        },
        9 => Edit::SetTitle(format!("Dự án {}", rng.below(1_000))),
        10 => Edit::SetLanguage(if session.language() == Language::Vietnamese {
            Language::English
        } else {
            Language::Vietnamese
        }),
        11 => Edit::InsertSlide {
            position: rng.below(session.slides().len() as u64 + 1) as usize,
            slide: Box::new(slide(&format!("Trang {}", rng.below(100)))),
        },
        12 if session.slides().len() > 1 => Edit::MoveSlide {
            from: rng.below(session.slides().len() as u64) as usize,
            to: rng.below(session.slides().len() as u64) as usize,
        },
        13 => {
            let draft = PinDraft {
                lon_deg: 106.6 + rng.below(100) as f64 / 1_000.0,
                lat_deg: 20.8 + rng.below(100) as f64 / 1_000.0,
                category: PinCategory::Issue,
                text: "Ngập khi mưa".into(),
            };
            let now = Timestamp::from_unix_seconds(1_780_000_000 + rng.below(1 << 20) as i64);
            let (id, version) = ReviewPins::first_version(draft, "Lan", now).expect("pin");
            Edit::PutPinVersion {
                id,
                version: Box::new(version),
            }
        }
        14 => {
            let mut analysis = session.analysis().clone();
            analysis.chosen.proximity_threshold_m = 500.0 + rng.below(3_000) as f64;
            analysis.units_layer = Some(layer_id);
            Edit::SetAnalysis(Box::new(analysis))
        }
        15 => match session.proposals().first() {
            Some((id, _)) if rng.below(2) == 0 => Edit::MoveProposal {
                id: *id,
                to_in_map: [600_000.0 + shift(rng), 2_300_000.0 + shift(rng)],
            },
            _ => Edit::AddProposal {
                id: session.proposals().len() as u64 + 100 + rng.below(1 << 30),
                site: ProposedSiteSetting {
                    kind: "5G".into(),
                    position_in_map: [600_000.0 + shift(rng), 2_300_000.0],
                },
            },
        },
        17 => Edit::SetLayerGroup(
            layer_id,
            match rng.below(3) {
                0 => None,
                group => Some(GROUPS[group as usize - 1].to_string()),
            },
        ),
        18 | 19 => group_edit(session, layer_id, rng),
        _ => Edit::Group {
            kind: EditKind::AttributeColumn,
            edits: (0..3)
                .map(|_| Edit::SetTitle(format!("Nhóm {}", rng.below(50))))
                .collect(),
        },
    }
}

/// A random step on a layer group — show or hide it, move it as a whole, move a layer within it or past it —
/// or, when the session has no group or the step would change nothing, putting `layer_id` into one.
fn group_edit(session: &Session, layer_id: LayerId, rng: &mut SeededRng) -> Edit {
    let names = session.group_names();
    let up = rng.below(2) == 0;
    let edit = match names.get(rng.below(names.len().max(1) as u64) as usize) {
        Some(name) => match rng.below(3) {
            0 => session.group_visibility_edit(name, up),
            1 => session.move_group_edit(name, up),
            _ => session.move_layer_edit(layer_id, up),
        },
        None => None,
    };
    edit.unwrap_or_else(|| Edit::SetLayerGroup(layer_id, Some(GROUPS[1].to_string())))
}

/// Asserts two snapshots are equal, naming the first line that differs.
fn assert_same(actual: &str, expected: &str, context: &str) {
    if let Some((number, (a, e))) = actual
        .lines()
        .zip(expected.lines())
        .enumerate()
        .find(|(_, (a, e))| a != e)
    {
        panic!("{context}: line {number} differs:\n  got      {a}\n  expected {e}");
    }
    assert_eq!(
        actual.lines().count(),
        expected.lines().count(),
        "{context}"
    );
}

#[test]
fn random_edits_undone_in_full_give_back_the_saved_project_and_redo_gives_back_the_edited_one() {
    for seed in 1..=12 {
        let mut rng = SeededRng::new(seed);
        let mut session = starting_session();
        let start = snapshot(&session);
        assert!(
            !session.is_modified(),
            "seed {seed}: a fresh session is saved"
        );
        let mut states = vec![start.clone()];
        for step in 0..40 {
            let edit = random_edit(&session, &mut rng);
            session
                .edit(edit)
                .unwrap_or_else(|error| panic!("seed {seed} step {step}: {error}"));
            states.push(snapshot(&session));
            assert!(
                session.is_modified(),
                "seed {seed} step {step}: unsaved after an edit"
            );
        }
        let edited = states.last().cloned().expect("states");
        // Undo one step at a time: each state comes back in turn.
        for expected in states.iter().rev().skip(1) {
            let label = session.undo().expect("undo").expect("a step to undo");
            assert_same(
                &snapshot(&session),
                expected,
                &format!("seed {seed}: undo {label:?}"),
            );
        }
        assert!(session.undo().expect("undo").is_none());
        assert_same(
            &snapshot(&session),
            &start,
            &format!("seed {seed}: undone in full"),
        );
        assert!(
            !session.is_modified(),
            "seed {seed}: back at the saved position"
        );
        while session.redo().expect("redo").is_some() {
            assert!(session.is_modified());
        }
        assert_same(
            &snapshot(&session),
            &edited,
            &format!("seed {seed}: redone in full"),
        );
    }
}

#[test]
fn unsaved_follows_the_history_position_not_the_camera() {
    let mut session = starting_session();
    session.set_camera(Some(Camera {
        center_in_map: [601_000.0, 2_301_000.0],
        m_per_px: 3.0,
    }));
    assert!(!session.is_modified(), "moving the camera is not an edit");
    session.edit(Edit::SetTitle("Một".into())).expect("title");
    session.mark_saved();
    assert!(!session.is_modified());
    session.edit(Edit::SetTitle("Hai".into())).expect("title");
    assert!(session.is_modified());
    session.undo().expect("undo");
    assert!(!session.is_modified(), "undone back to the saved state");
    session.undo().expect("undo");
    assert!(session.is_modified(), "undone past the saved state");
    session.redo().expect("redo");
    assert!(!session.is_modified(), "redone back to the saved state");
    // A new edit after undo drops the redo steps, and the saved position can no longer be reached.
    session.undo().expect("undo");
    session.edit(Edit::SetTitle("Ba".into())).expect("title");
    assert!(session.is_modified());
    assert!(session.redo().expect("redo").is_none());
    session.undo().expect("undo");
    assert!(
        session.is_modified(),
        "the saved state was 'Một', this is the start"
    );
}

#[test]
fn a_failing_edit_in_a_group_changes_nothing_and_records_nothing() {
    let mut session = starting_session();
    let before = snapshot(&session);
    let layer = session.layers()[0].id;
    let result = session.edit(Edit::Group {
        kind: EditKind::AttributeColumn,
        edits: vec![
            Edit::SetTitle("Đổi".into()),
            Edit::SetVisible(layer, false),
            Edit::RemoveFeature {
                layer,
                position: 1_000_000,
            },
        ],
    });
    assert!(result.is_err());
    assert_eq!(snapshot(&session), before);
    assert!(!session.is_modified());
    assert!(session.undo_label().is_none());
}

#[test]
fn undo_labels_name_the_edit_and_its_layer() {
    let mut session = starting_session();
    let layer = session.layers()[1].id;
    let name = session.layer(layer).expect("layer").name.clone();
    let mut style = session.layer(layer).expect("layer").style.clone();
    style.fill = Rgba([1, 2, 3, 255]);
    session
        .edit(Edit::SetStyle(layer, Box::new(style)))
        .expect("style");
    let label = session.undo_label().expect("label");
    assert_eq!(label.kind, EditKind::Style);
    assert_eq!(label.layer_name.as_deref(), Some(name.as_str()));
    session.undo().expect("undo");
    let label = session.redo_label().expect("redo label");
    assert_eq!(label.kind, EditKind::Style);
}

#[test]
fn a_project_is_built_edited_saved_and_reopened_without_a_window() {
    let folder = scratch_folder("session-headless");
    let data = folder.join("diem.geojson");
    std::fs::copy(crate::fixture("shapes.geojson"), &data).expect("copy");
    let mut session = Session::new("Dự án không cửa sổ");
    let layer = hpatlas::core::layer::Layer::prepare(
        hpatlas::core::io::read_layer_file(&data, None, &mut |_| {}).expect("read"),
        &mut |_| {},
    )
    .expect("prepare");
    session
        .edit(Edit::AddLayer {
            layer: Box::new(layer),
            position: None,
        })
        .expect("add");
    let id = session.layers()[0].id;
    session.edit(Edit::SetOpacity(id, 0.4)).expect("opacity");
    session
        .edit(Edit::InsertSlide {
            position: 0,
            slide: Box::new(slide("Tổng quan")),
        })
        .expect("slide");
    session
        .edit(Edit::AddProposal {
            id: 7,
            site: ProposedSiteSetting {
                kind: "5G".into(),
                position_in_map: [600_100.0, 2_300_200.0],
            },
        })
        .expect("proposal");
    let path = folder.join("du-an.hpatlas.json");
    assert!(session.is_modified());
    let left_out = session.save(&path).expect("save");
    assert!(left_out.is_empty());
    assert!(!session.is_modified());

    let reopened = Session::open(&path).expect("open");
    assert!(reopened.problems.is_empty(), "{:?}", reopened.problems);
    let session = reopened.session;
    assert!(!session.is_modified());
    assert_eq!(session.title(), "Dự án không cửa sổ");
    assert_eq!(session.layers().len(), 1);
    assert!((session.layers()[0].opacity - 0.4).abs() < 1e-6);
    assert_eq!(session.slides().len(), 1);
    assert_eq!(session.proposals().len(), 1);
    assert_eq!(
        session.proposals()[0].1.position_in_map,
        [600_100.0, 2_300_200.0]
    );
    let _ = Point::new(0.0, 0.0);
}
