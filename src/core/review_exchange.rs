//! Review files: how pins travel between laptops, and pin photos.
//!
//! A review file is a GeoJSON FeatureCollection (RFC 7946, WGS 84) with one Point feature per pin. The
//! feature `id` is the pin's UUID; `properties` hold the newest version's fields (`category`, `status`,
//! `text`, `author`, `created`, `updated`, `photos`, `deleted`) and `history`, the older versions with their
//! own `lon_deg`/`lat_deg`; the geometry is the newest position. The collection carries the foreign member
//! `"hpatlas_review": 1`. Any GIS opens it; the atlas merges it with [`import_review_files`] — every file is
//! read and checked before anything is merged, so a malformed file merges nothing.
//!
//! Photos are copied next to the project into `photos/` by [`attach_photo`] and named relative to the
//! project file; [`export_review`] copies the photos of the exported pins next to the review file the same
//! way, and [`import_review_photos`] brings them back into a project.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::file_error::{parse_json, read_text};
use super::io::atomic_write::write_bytes_atomically;
use super::review::{
    MergeReport, Pin, PinCategory, PinStatus, PinVersion, ReviewError, ReviewPins,
};
use super::timestamp::Timestamp;

/// The value of the `hpatlas_review` member of review files this build writes.
pub const REVIEW_FORMAT_VERSION: u32 = 1;
/// The folder, next to a project or review file, that holds pin photos.
pub const PHOTOS_FOLDER: &str = "photos";

#[derive(Serialize, Deserialize)]
struct ReviewCollection {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    hpatlas_review: Option<u32>,
    features: Vec<ReviewFeature>,
}

#[derive(Serialize, Deserialize)]
struct ReviewFeature {
    #[serde(rename = "type")]
    kind: String,
    id: Uuid,
    geometry: PointGeometry,
    properties: FeatureProperties,
}

#[derive(Serialize, Deserialize)]
struct PointGeometry {
    #[serde(rename = "type")]
    kind: String,
    coordinates: Vec<f64>,
}

#[derive(Serialize, Deserialize)]
struct FeatureProperties {
    category: PinCategory,
    status: PinStatus,
    #[serde(default)]
    text: String,
    author: String,
    created: Timestamp,
    updated: Timestamp,
    #[serde(default)]
    photos: Vec<String>,
    #[serde(default)]
    deleted: bool,
    #[serde(default)]
    history: Vec<PinVersion>,
}

/// The review file text of these pins (features in id order, so the same pins always give the same text).
pub fn review_geojson(pins: &ReviewPins) -> String {
    let mut sorted = pins.to_pins();
    sorted.sort_by_key(|pin| pin.id);
    let collection = ReviewCollection {
        kind: "FeatureCollection".into(),
        hpatlas_review: Some(REVIEW_FORMAT_VERSION),
        features: sorted.into_iter().map(feature_of).collect(),
    };
    let mut text = serde_json::to_string_pretty(&collection).unwrap_or_default();
    text.push('\n');
    text
}

fn feature_of(pin: Pin) -> ReviewFeature {
    let current = pin.current;
    ReviewFeature {
        kind: "Feature".into(),
        id: pin.id,
        geometry: PointGeometry {
            kind: "Point".into(),
            coordinates: vec![current.lon_deg, current.lat_deg],
        },
        properties: FeatureProperties {
            category: current.category,
            status: current.status,
            text: current.text,
            author: current.author,
            created: current.created,
            updated: current.updated,
            photos: current.photos,
            deleted: current.deleted,
            history: pin.history,
        },
    }
}

/// Parses review file text; `path` is used in messages.
pub fn parse_review(text: &str, path: &Path) -> Result<ReviewPins, ReviewError> {
    let collection: ReviewCollection = parse_json(text, path)?;
    if collection.kind != "FeatureCollection" {
        return Err(ReviewError::Format {
            path: path.to_path_buf(),
            message: format!(
                "a review file is a GeoJSON FeatureCollection, not {:?}",
                collection.kind
            ),
        });
    }
    if let Some(version) = collection.hpatlas_review
        && version > REVIEW_FORMAT_VERSION
    {
        return Err(ReviewError::Format {
            path: path.to_path_buf(),
            message: format!(
                "review file version {version} is newer than this atlas reads ({REVIEW_FORMAT_VERSION})"
            ),
        });
    }
    let mut pins = ReviewPins::new();
    for (number, feature) in collection.features.into_iter().enumerate() {
        let pin = pin_of(feature).map_err(|message| ReviewError::Feature {
            path: path.to_path_buf(),
            feature: number,
            message,
        })?;
        pins.insert_pin(pin);
    }
    Ok(pins)
}

fn pin_of(feature: ReviewFeature) -> Result<Pin, String> {
    if feature.kind != "Feature" {
        return Err(format!("type is {:?}, expected \"Feature\"", feature.kind));
    }
    let [lon_deg, lat_deg] = match (
        feature.geometry.kind.as_str(),
        &feature.geometry.coordinates[..],
    ) {
        ("Point", [lon, lat] | [lon, lat, _]) => [*lon, *lat],
        ("Point", _) => return Err("a Point needs [longitude, latitude]".into()),
        (other, _) => return Err(format!("geometry is a {other}, a pin is a Point")),
    };
    let properties = feature.properties;
    let current = PinVersion {
        lon_deg,
        lat_deg,
        category: properties.category,
        status: properties.status,
        text: properties.text,
        author: properties.author,
        created: properties.created,
        updated: properties.updated,
        photos: properties.photos,
        deleted: properties.deleted,
    };
    current.check()?;
    for (number, version) in properties.history.iter().enumerate() {
        version
            .check()
            .map_err(|message| format!("history version {number}: {message}"))?;
    }
    for photo in current.photos.iter().chain(
        properties
            .history
            .iter()
            .flat_map(|version| &version.photos),
    ) {
        check_photo_name(photo)?;
    }
    Ok(Pin {
        id: feature.id,
        current,
        history: properties.history,
    })
}

/// A photo name must stay inside the photos folder: relative, no `..`.
fn check_photo_name(name: &str) -> Result<(), String> {
    let path = Path::new(name);
    let inside = path.is_relative()
        && path
            .components()
            .all(|part| matches!(part, std::path::Component::Normal(_)));
    if inside && !name.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "photo {name:?} must be a relative path inside the project folder"
        ))
    }
}

/// Reads one review file.
pub fn read_review(path: &Path) -> Result<ReviewPins, ReviewError> {
    parse_review(&read_text(path)?, path)
}

/// Reads every review file, then merges them all into `pins`; if any file cannot be read, returns its error
/// and merges nothing.
pub fn import_review_files(
    pins: &mut ReviewPins,
    paths: &[PathBuf],
) -> Result<MergeReport, ReviewError> {
    let incoming: Vec<ReviewPins> = paths
        .iter()
        .map(|path| read_review(path))
        .collect::<Result<_, _>>()?;
    let mut total = MergeReport::default();
    for other in &incoming {
        let report = pins.merge(other);
        total.new_pins += report.new_pins;
        total.updated_pins += report.updated_pins;
        total.new_versions += report.new_versions;
    }
    Ok(total)
}

/// Writes a review file atomically and copies the pins' photos from the project's folder next to it
/// (a photo that is not there is skipped: it may still be on another laptop). `project_path` is the open
/// project's file, or `None` when there is none (no photos are copied).
pub fn export_review(
    path: &Path,
    pins: &ReviewPins,
    project_path: Option<&Path>,
) -> Result<(), ReviewError> {
    if let Some(project_path) = project_path {
        copy_photos(pins, project_path, path)?;
    }
    write_bytes_atomically(path, review_geojson(pins).as_bytes())
        .map_err(|source| ReviewError::io(path, source))
}

/// Copies the photos named by the pins from next to a review file into the project's folder (those not
/// already there); call after importing that review file.
pub fn import_review_photos(
    pins: &ReviewPins,
    review_path: &Path,
    project_path: &Path,
) -> Result<(), ReviewError> {
    copy_photos(pins, review_path, project_path)
}

/// Copies every photo named by any version of any pin from `from_file`'s folder to `to_file`'s folder.
fn copy_photos(pins: &ReviewPins, from_file: &Path, to_file: &Path) -> Result<(), ReviewError> {
    let (from, to) = (folder_of(from_file), folder_of(to_file));
    if from == to {
        return Ok(());
    }
    let mut names: Vec<&String> = pins
        .ids()
        .flat_map(|id| pins.versions(id))
        .flat_map(|version| &version.photos)
        .collect();
    names.sort();
    names.dedup();
    for name in names {
        if check_photo_name(name).is_err() {
            continue;
        }
        let (source, target) = (from.join(name), to.join(name));
        if !source.is_file() || target.exists() {
            continue;
        }
        copy_file_atomically(&source, &target)?;
    }
    Ok(())
}

fn folder_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn copy_file_atomically(source: &Path, target: &Path) -> Result<(), ReviewError> {
    let bytes = std::fs::read(source).map_err(|error| ReviewError::io(source, error))?;
    let io_error = |error| ReviewError::io(target, error);
    if let Some(folder) = target.parent() {
        std::fs::create_dir_all(folder).map_err(io_error)?;
    }
    write_bytes_atomically(target, &bytes).map_err(|error| ReviewError::io(target, error))
}

/// Copies a photo into the project's `photos/` folder (named `<pin id>-<file name>`, with a number added if
/// a different photo already has that name) and records it on the pin as an edit by `author` at `now`.
/// Returns the name stored on the pin, relative to the project file (e.g. `photos/…-cong.jpg`).
pub fn attach_photo(
    pins: &mut ReviewPins,
    project_path: &Path,
    id: Uuid,
    photo: &Path,
    author: &str,
    now: Timestamp,
) -> Result<String, ReviewError> {
    let (name, version) = photo_version(pins, project_path, id, photo, author, now)?;
    if let Some(version) = version {
        pins.insert_version(id, version);
    }
    Ok(name)
}

/// Copies a photo into the project's `photos/` folder as [`attach_photo`] does, and returns the name stored
/// on the pin with the pin's new version listing it (`None` when the pin lists it already), without adding
/// the version: a session adds it as an edit.
pub fn photo_version(
    pins: &ReviewPins,
    project_path: &Path,
    id: Uuid,
    photo: &Path,
    author: &str,
    now: Timestamp,
) -> Result<(String, Option<PinVersion>), ReviewError> {
    if pins.current(id).is_none() {
        return Err(ReviewError::NoSuchPin(id));
    }
    let bytes = std::fs::read(photo).map_err(|source| ReviewError::io(photo, source))?;
    let folder = folder_of(project_path);
    let name = free_photo_name(&folder, id, photo, &bytes);
    let target = folder.join(&name);
    if !target.exists() {
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|source| ReviewError::io(parent, source))?;
        }
        write_bytes_atomically(&target, &bytes)
            .map_err(|source| ReviewError::io(&target, source))?;
    }
    let version = pins.next_version(id, author, now, |pin| {
        if !pin.photos.contains(&name) {
            pin.photos.push(name.clone());
        }
    })?;
    Ok((name, version))
}

/// `photos/<id>-<file name>`, or `photos/<id>-<n>-<file name>` when a different file has the name already.
fn free_photo_name(folder: &Path, id: Uuid, photo: &Path, bytes: &[u8]) -> String {
    let file_name = photo
        .file_name()
        .map(|name| name.to_string_lossy().replace(['/', '\\'], "_"))
        .unwrap_or_else(|| "photo".into());
    let mut number = 1;
    loop {
        let name = if number == 1 {
            format!("{PHOTOS_FOLDER}/{id}-{file_name}")
        } else {
            format!("{PHOTOS_FOLDER}/{id}-{number}-{file_name}")
        };
        match std::fs::read(folder.join(&name)) {
            Ok(existing) if existing != bytes => number += 1,
            _ => return name,
        }
    }
}
