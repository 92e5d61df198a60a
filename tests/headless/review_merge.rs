//! Review pins from several laptops merge without loss. Property tests over many seeded random histories:
//! laptops start from a shared file (or from nothing), drop, edit and delete pins with clocks that often
//! tie, exchange files part-way, and finally every laptop's review file is merged. The tests prove that no
//! pin is ever lost, every pin shows its newest edit with the union of all versions as history, merging is
//! idempotent, commutative and associative (in memory and through files), and a malformed file merges
//! nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use hpatlas::core::review::{PinCategory, PinDraft, PinStatus, PinVersion, ReviewPins, VersionKey};
use hpatlas::core::review_exchange::{
    attach_photo, export_review, import_review_files, import_review_photos, parse_review,
    read_review, review_geojson,
};
use hpatlas::core::timestamp::Timestamp;
use uuid::Uuid;

use crate::rng::{SeededRng, TestDraws};
use crate::scratch_folder;

const AUTHORS: [&str; 3] = ["Nguyễn Thị Lan", "Trần Văn Minh", "Lê Hoàng"];
const CATEGORIES: [PinCategory; 3] = [
    PinCategory::Issue,
    PinCategory::Proposal,
    PinCategory::Approved,
];
const START: Timestamp = Timestamp::from_unix_seconds(1_751_328_000);

/// A time near the start, in whole seconds from a small range so that clocks often tie.
fn some_time(random: &mut SeededRng) -> Timestamp {
    START.plus_ns(i128::from(random.below(30)) * 1_000_000_000)
}

/// One random operation on a laptop's pins.
fn random_operation(pins: &mut ReviewPins, random: &mut SeededRng) {
    let author = *random.pick(&AUTHORS);
    let now = some_time(random);
    let ids: Vec<Uuid> = pins.ids().collect();
    if ids.is_empty() || random.below(4) == 0 {
        let draft = PinDraft {
            lon_deg: 106.4 + random.next_f64() * 0.6,
            lat_deg: 20.6 + random.next_f64() * 0.4,
            category: *random.pick(&CATEGORIES),
            text: format!("Ghi chú {}", random.below(100)),
        };
        pins.add(draft, author, now).expect("add");
        return;
    }
    let id = *random.pick(&ids);
    let choice = random.below(6);
    let extra = random.below(1000);
    pins.edit(id, author, now, |pin| match choice {
        0 => pin.text = format!("Sửa lần {extra}"),
        1 => {
            pin.status = if pin.status == PinStatus::Open {
                PinStatus::Resolved
            } else {
                PinStatus::Open
            }
        }
        2 => pin.category = CATEGORIES[(extra % 3) as usize],
        3 => pin.lon_deg = 106.4 + extra as f64 / 2000.0,
        4 => pin.photos.push(format!("photos/anh_{extra}.jpg")),
        _ => pin.deleted = !pin.deleted,
    })
    .expect("edit");
}

/// The laptops' final pins for one seed.
fn laptops_for_seed(seed: u64) -> Vec<ReviewPins> {
    let mut random = SeededRng::new(seed);
    let mut shared = ReviewPins::new();
    for _ in 0..random.below(6) {
        random_operation(&mut shared, &mut random);
    }
    let laptop_count = 2 + random.below(3) as usize;
    let mut laptops: Vec<ReviewPins> = (0..laptop_count)
        .map(|_| {
            if random.below(5) == 0 {
                ReviewPins::new()
            } else {
                shared.clone()
            }
        })
        .collect();
    for _ in 0..random.below(40) {
        let laptop = random.below(laptop_count as u64) as usize;
        if random.below(8) == 0 {
            // A laptop takes another's file part-way (through the file text, as in the field).
            let other = random.below(laptop_count as u64) as usize;
            let text = review_geojson(&laptops[other]);
            let received = parse_review(&text, Path::new("giua_chung.geojson")).expect("parse");
            laptops[laptop].merge(&received);
        } else {
            random_operation(&mut laptops[laptop], &mut random);
        }
    }
    laptops
}

fn merged(inputs: &[&ReviewPins]) -> ReviewPins {
    let mut all = ReviewPins::new();
    for input in inputs {
        all.merge(input);
    }
    all
}

/// Every version of every pin of the inputs, by pin.
fn all_versions(inputs: &[ReviewPins]) -> BTreeMap<Uuid, BTreeMap<VersionKey, PinVersion>> {
    let mut versions: BTreeMap<Uuid, BTreeMap<VersionKey, PinVersion>> = BTreeMap::new();
    for input in inputs {
        for id in input.ids() {
            for version in input.versions(id) {
                versions
                    .entry(id)
                    .or_default()
                    .insert(version.order_key(), version.clone());
            }
        }
    }
    versions
}

const SEEDS: std::ops::Range<u64> = 0..300;

#[test]
fn no_pin_and_no_version_is_ever_lost() {
    for seed in SEEDS {
        let laptops = laptops_for_seed(seed);
        let all = merged(&laptops.iter().collect::<Vec<_>>());
        let expected = all_versions(&laptops);
        let ids: BTreeSet<Uuid> = all.ids().collect();
        assert_eq!(ids, expected.keys().copied().collect(), "seed {seed}: pins");
        for (id, versions) in &expected {
            let kept: Vec<&PinVersion> = all.versions(*id);
            let wanted: Vec<&PinVersion> = versions.values().collect();
            assert_eq!(kept, wanted, "seed {seed}: versions of {id}");
        }
    }
}

#[test]
fn every_pin_shows_its_newest_edit_and_keeps_its_history() {
    for seed in SEEDS {
        let laptops = laptops_for_seed(seed);
        let all = merged(&laptops.iter().collect::<Vec<_>>());
        for (id, versions) in all_versions(&laptops) {
            let pin = all.get(id).expect("pin");
            let newest = versions.values().next_back().expect("a version");
            assert_eq!(&pin.current, newest, "seed {seed}: {id}");
            for laptop in &laptops {
                if let Some(theirs) = laptop.current(id) {
                    assert!(
                        theirs.order_key() <= pin.current.order_key(),
                        "seed {seed}: a laptop's edit is newer than the merged one"
                    );
                }
            }
            let mut history: Vec<PinVersion> = versions.into_values().collect();
            history.pop();
            assert_eq!(pin.history, history, "seed {seed}: history of {id}");
            let keys: Vec<VersionKey> = pin.history.iter().map(PinVersion::order_key).collect();
            assert!(
                keys.windows(2).all(|pair| pair[0] < pair[1]),
                "sorted, no duplicates"
            );
        }
    }
}

#[test]
fn merging_is_idempotent() {
    for seed in SEEDS {
        let laptops = laptops_for_seed(seed);
        let all = merged(&laptops.iter().collect::<Vec<_>>());
        for laptop in &laptops {
            let mut again = all.clone();
            let report = again.merge(laptop);
            assert_eq!(
                again, all,
                "seed {seed}: merging a file twice changed something"
            );
            assert_eq!(
                report.new_pins + report.updated_pins + report.new_versions,
                0
            );
            let mut itself = laptop.clone();
            itself.merge(laptop);
            assert_eq!(&itself, laptop, "seed {seed}: merging with itself");
        }
    }
}

/// Every ordering of `0..count`.
fn permutations(count: usize) -> Vec<Vec<usize>> {
    if count == 0 {
        return vec![Vec::new()];
    }
    let mut all = Vec::new();
    for rest in permutations(count - 1) {
        for at in 0..=rest.len() {
            let mut order = rest.clone();
            order.insert(at, count - 1);
            all.push(order);
        }
    }
    all
}

#[test]
fn the_order_of_merging_does_not_matter() {
    for seed in SEEDS {
        let laptops = laptops_for_seed(seed);
        let reference = merged(&laptops.iter().collect::<Vec<_>>());
        let reference_text = review_geojson(&reference);
        for order in permutations(laptops.len()) {
            let inputs: Vec<&ReviewPins> = order.iter().map(|&index| &laptops[index]).collect();
            let result = merged(&inputs);
            assert_eq!(result, reference, "seed {seed}: order {order:?}");
            assert_eq!(
                review_geojson(&result),
                reference_text,
                "seed {seed}: same file text"
            );
        }
        // Associativity: (a ∪ b) ∪ c = a ∪ (b ∪ c).
        let [a, b, c] = [&laptops[0], &laptops[1], laptops.last().expect("laptop")];
        let left = merged(&[&merged(&[a, b]), c]);
        let right = merged(&[a, &merged(&[b, c])]);
        assert_eq!(left, right, "seed {seed}: associativity");
        // Commutativity of two.
        assert_eq!(
            merged(&[a, b]),
            merged(&[b, a]),
            "seed {seed}: commutativity"
        );
    }
}

#[test]
fn files_round_trip_and_merge_the_same_in_any_order() {
    let folder = scratch_folder("review-files");
    for seed in 0..40 {
        let laptops = laptops_for_seed(seed);
        let paths: Vec<PathBuf> = laptops
            .iter()
            .enumerate()
            .map(|(number, laptop)| {
                let path = folder.join(format!("may_{seed}_{number}.review.geojson"));
                export_review(&path, laptop, None).expect("export");
                assert_eq!(
                    &read_review(&path).expect("read back"),
                    laptop,
                    "round trip"
                );
                path
            })
            .collect();
        let reference = merged(&laptops.iter().collect::<Vec<_>>());
        for order in permutations(paths.len()).into_iter().take(6) {
            let ordered: Vec<PathBuf> = order.iter().map(|&index| paths[index].clone()).collect();
            let mut pins = ReviewPins::new();
            import_review_files(&mut pins, &ordered).expect("import");
            assert_eq!(pins, reference, "seed {seed}: files in order {order:?}");
            let report = import_review_files(&mut pins, &ordered).expect("import twice");
            assert_eq!(report.new_versions, 0, "importing twice adds nothing");
            assert_eq!(pins, reference);
        }
    }
}

#[test]
fn the_review_file_is_geojson_with_stable_ids_and_history() {
    let mut pins = ReviewPins::new();
    let draft = PinDraft {
        lon_deg: 106.6881,
        lat_deg: 20.8449,
        category: PinCategory::Issue,
        text: "Cống thoát nước bị tắc".into(),
    };
    let id = pins.add(draft, "Nguyễn Thị Lan", START).expect("add");
    pins.edit(id, "Trần Văn Minh", START.plus_ns(1_000_000_000), |pin| {
        pin.status = PinStatus::Resolved;
    })
    .expect("edit");
    let text = review_geojson(&pins);
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(value["type"], "FeatureCollection");
    let feature = &value["features"][0];
    assert_eq!(feature["id"], id.to_string());
    assert_eq!(feature["geometry"]["type"], "Point");
    assert_eq!(feature["geometry"]["coordinates"][0], 106.6881);
    assert_eq!(feature["properties"]["status"], "resolved");
    assert_eq!(feature["properties"]["author"], "Trần Văn Minh");
    assert_eq!(feature["properties"]["updated"], "2025-07-01T00:00:01Z");
    assert_eq!(feature["properties"]["history"][0]["status"], "open");
    assert_eq!(
        feature["properties"]["history"][0]["author"],
        "Nguyễn Thị Lan"
    );
    // Any GeoJSON reader of the atlas opens it as a point layer too.
    let layer =
        hpatlas::core::io::geojson::parse_geojson_str(&text, "review", None).expect("layer");
    assert_eq!(layer.features.len(), 1);
}

#[test]
fn a_malformed_review_file_is_refused_and_nothing_is_merged() {
    let folder = scratch_folder("review-bad");
    let mut good_pins = ReviewPins::new();
    let draft = PinDraft {
        lon_deg: 106.7,
        lat_deg: 20.85,
        category: PinCategory::Proposal,
        text: "Thêm cây xanh".into(),
    };
    let id = good_pins.add(draft, "Lê Hoàng", START).expect("add");
    let good = folder.join("tot.review.geojson");
    export_review(&good, &good_pins, None).expect("export");
    let good_text = std::fs::read_to_string(&good).expect("text");
    let id_text = id.to_string();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "cut.geojson",
            good_text[..good_text.len() / 2].to_string(),
            "line",
        ),
        ("kml.geojson", "<kml/>".into(), "line 1, column 1"),
        (
            "type.geojson",
            good_text.replace("FeatureCollection", "Feature"),
            "FeatureCollection",
        ),
        (
            "uuid.geojson",
            good_text.replace(&id_text, "khong-phai-uuid"),
            "line",
        ),
        (
            "lat.geojson",
            good_text.replace("20.85", "95.0"),
            "feature 0",
        ),
        (
            "author.geojson",
            good_text.replace("Lê Hoàng", " "),
            "author",
        ),
        (
            "time.geojson",
            good_text.replace("2025-07-01T00:00:00Z", "hôm qua"),
            "RFC 3339",
        ),
        (
            "line.geojson",
            good_text.replace("\"Point\"", "\"LineString\""),
            "Point",
        ),
        (
            "photo.geojson",
            good_text.replace("\"photos\": []", "\"photos\": [\"../../etc/passwd\"]"),
            "photo",
        ),
        (
            "newer.geojson",
            good_text.replace("\"hpatlas_review\": 1", "\"hpatlas_review\": 7"),
            "newer",
        ),
    ];
    for (name, text, expected) in cases {
        let path = folder.join(name);
        std::fs::write(&path, text).expect("write");
        let mut pins = ReviewPins::new();
        let error = import_review_files(&mut pins, &[good.clone(), path.clone()])
            .expect_err(&format!("{name} must be refused"));
        let message = error.to_string();
        assert!(message.contains(name), "{name}: {message}");
        assert!(message.contains(expected), "{name}: {message}");
        assert!(!message.contains('\n'), "{name}: one line: {message}");
        assert!(
            pins.is_empty(),
            "{name}: nothing merged, not even the good file"
        );
    }
}

#[test]
fn photos_are_copied_next_to_the_project_and_travel_with_the_review_file() {
    let folder = scratch_folder("review-photos");
    let project = folder.join("du_an/khao_sat.hpatlas.json");
    std::fs::create_dir_all(project.parent().expect("folder")).expect("project folder");
    let camera_roll = folder.join("DCIM/IMG_0001.jpg");
    std::fs::create_dir_all(camera_roll.parent().expect("folder")).expect("dcim");
    std::fs::write(&camera_roll, b"\xff\xd8 anh cong").expect("photo");
    let mut pins = ReviewPins::new();
    let draft = PinDraft {
        lon_deg: 106.69,
        lat_deg: 20.86,
        category: PinCategory::Issue,
        text: "Cống vỡ".into(),
    };
    let id = pins.add(draft, "Lan", START).expect("add");
    let name = attach_photo(&mut pins, &project, id, &camera_roll, "Lan", START).expect("attach");
    assert_eq!(name, format!("photos/{id}-IMG_0001.jpg"));
    assert!(project.parent().expect("folder").join(&name).is_file());
    assert_eq!(
        pins.current(id).expect("pin").photos,
        std::slice::from_ref(&name)
    );
    assert_eq!(pins.versions(id).len(), 2, "attaching is an edit");
    // A different photo with the same file name gets its own name; the same photo is not copied twice.
    std::fs::write(&camera_roll, b"\xff\xd8 anh khac").expect("photo 2");
    let second = attach_photo(&mut pins, &project, id, &camera_roll, "Lan", START).expect("2");
    assert_eq!(second, format!("photos/{id}-2-IMG_0001.jpg"));

    let exchange = folder.join("usb/lan.review.geojson");
    std::fs::create_dir_all(exchange.parent().expect("usb")).expect("usb folder");
    export_review(&exchange, &pins, Some(&project)).expect("export");
    assert!(
        folder.join("usb").join(&name).is_file(),
        "photos travel with the file"
    );
    let other_project = folder.join("may_khac/du_an.hpatlas.json");
    std::fs::create_dir_all(other_project.parent().expect("folder")).expect("other");
    let mut other = ReviewPins::new();
    import_review_files(&mut other, std::slice::from_ref(&exchange)).expect("import");
    import_review_photos(&other, &exchange, &other_project).expect("photos");
    assert!(folder.join("may_khac").join(&second).is_file());
}
