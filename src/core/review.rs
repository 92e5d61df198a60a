//! Offline field review pins and how the pins of several laptops merge without loss.
//!
//! A pin is a point (WGS 84 longitude/latitude) with a category, a status, free text, an author, timestamps
//! and photo file names; it is identified by a random UUID (v4) chosen when it is dropped, so pins made on
//! different laptops never collide. Every edit makes a new immutable [`PinVersion`]; a pin is the set of all
//! its versions, the newest one (by [`PinVersion::order_key`]: the `updated` timestamp, then the author, then
//! the version's canonical JSON text, so ties break the same way on every laptop) being what the map shows
//! and the others its history. Deleting is an edit that marks the pin deleted, so even a deletion loses
//! nothing.
//!
//! [`ReviewPins`] is a state-based CRDT: its state is a map from pin id to a set of versions and
//! [`ReviewPins::merge`] is the union of those sets. Union is commutative, associative and idempotent, so the
//! order in which files from several laptops are merged does not matter, merging a file twice changes
//! nothing, no pin or version is ever dropped, and every pin shows its newest edit. The exchange file (GeoJSON)
//! is in [`crate::core::review_exchange`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;
use uuid::Uuid;

use super::file_error::FileError;
use super::timestamp::Timestamp;

/// What a pin is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PinCategory {
    /// A problem seen on site.
    Issue,
    /// A suggested change.
    Proposal,
    /// Something approved on site.
    Approved,
}

/// Whether a pin still needs attention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PinStatus {
    /// Needs attention.
    Open,
    /// Dealt with.
    Resolved,
}

/// One immutable version of a pin's content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PinVersion {
    /// Longitude, WGS 84 degrees.
    pub lon_deg: f64,
    /// Latitude, WGS 84 degrees.
    pub lat_deg: f64,
    /// What the pin is about.
    pub category: PinCategory,
    /// Open or resolved.
    pub status: PinStatus,
    /// The planner's note.
    #[serde(default)]
    pub text: String,
    /// Who made this version (set once per laptop).
    pub author: String,
    /// When the pin was first dropped (the same in every version).
    pub created: Timestamp,
    /// When this version was made.
    pub updated: Timestamp,
    /// Photo files, relative to the project file (e.g. `photos/…jpg`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<String>,
    /// True once the pin was deleted (it is then hidden but kept, with its history).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
}

/// The key that orders a pin's versions: newest `updated` last; ties by author, then by the canonical JSON
/// text of the whole version — the same on every laptop.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct VersionKey {
    /// When the version was made.
    pub updated: Timestamp,
    /// Who made it.
    pub author: String,
    /// The version's canonical JSON text.
    pub canonical: String,
}

impl PinVersion {
    /// The version's canonical JSON text: its serialisation, members in declaration order, numbers in
    /// shortest round-trip form.
    pub fn canonical_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The key that orders versions (see [`VersionKey`]).
    pub fn order_key(&self) -> VersionKey {
        VersionKey {
            updated: self.updated,
            author: self.author.clone(),
            canonical: self.canonical_json(),
        }
    }

    /// Checks that the position is a WGS 84 longitude/latitude and the author is named.
    pub fn check(&self) -> Result<(), String> {
        let lon_ok = self.lon_deg.is_finite() && (-180.0..=180.0).contains(&self.lon_deg);
        let lat_ok = self.lat_deg.is_finite() && (-90.0..=90.0).contains(&self.lat_deg);
        if !(lon_ok && lat_ok) {
            return Err(format!(
                "position ({}, {}) is not a WGS 84 longitude/latitude",
                self.lon_deg, self.lat_deg
            ));
        }
        if self.author.trim().is_empty() {
            return Err("the author is empty".into());
        }
        Ok(())
    }

    /// True when the two versions say the same thing (ignoring who made them and when).
    fn same_content(&self, other: &Self) -> bool {
        Self {
            author: String::new(),
            updated: self.created,
            ..self.clone()
        } == Self {
            author: String::new(),
            updated: other.created,
            ..other.clone()
        }
    }
}

/// A pin as stored in a project file: its id, its newest version and the older versions, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pin {
    /// The stable identifier (UUID v4).
    pub id: Uuid,
    /// The newest version (what the map shows).
    #[serde(flatten)]
    pub current: PinVersion,
    /// Every older version, oldest first (by [`PinVersion::order_key`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<PinVersion>,
}

/// What a new pin says; the rest (id, author, timestamps) is filled in by [`ReviewPins::add`].
#[derive(Clone, Debug, PartialEq)]
pub struct PinDraft {
    /// Longitude, WGS 84 degrees.
    pub lon_deg: f64,
    /// Latitude, WGS 84 degrees.
    pub lat_deg: f64,
    /// What the pin is about.
    pub category: PinCategory,
    /// The note.
    pub text: String,
}

/// Which pins a panel lists.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PinFilter {
    /// Only this category.
    pub category: Option<PinCategory>,
    /// Only this status.
    pub status: Option<PinStatus>,
    /// Only pins whose latest version is by this author.
    pub author: Option<String>,
    /// Only pins whose text contains this (case-insensitive).
    pub text: Option<String>,
    /// Also list deleted pins.
    pub include_deleted: bool,
}

/// What a merge changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Pins that were not known before.
    pub new_pins: usize,
    /// Known pins whose shown (newest) version changed.
    pub updated_pins: usize,
    /// Versions that were not known before (in new or known pins).
    pub new_versions: usize,
}

/// A review operation failed.
#[derive(Debug, Error)]
pub enum ReviewError {
    /// No pin has this id.
    #[error("no review pin with id {0}")]
    NoSuchPin(Uuid),
    /// The pin's content is not valid.
    #[error("review pin: {0}")]
    Invalid(String),
    /// The system's random source failed (no id could be made).
    #[error("cannot make a pin id: {0}")]
    Random(String),
    /// A file could not be read or written, or is not valid JSON of a review file's shape.
    #[error(transparent)]
    File(#[from] FileError),
    /// A review file is well-formed JSON but not a review file this atlas reads.
    #[error("{}: {message}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// One feature of a review file is unusable.
    #[error("{}: feature {feature}: {message}", path.display())]
    Feature {
        /// The file.
        path: PathBuf,
        /// Zero-based feature number.
        feature: usize,
        /// What was wrong.
        message: String,
    },
}

impl ReviewError {
    /// An OS error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self::File(FileError::io(path, source))
    }
}

/// All the versions of one pin, ordered by [`VersionKey`] (newest last), without duplicates.
#[derive(Clone, Debug, Default, PartialEq)]
struct VersionSet {
    versions: BTreeMap<VersionKey, PinVersion>,
}

impl VersionSet {
    fn insert(&mut self, version: PinVersion) -> bool {
        self.versions.insert(version.order_key(), version).is_none()
    }

    fn newest(&self) -> Option<&PinVersion> {
        self.versions.values().next_back()
    }
}

/// The review pins of a project: a CRDT that merges by the union of each pin's versions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReviewPins {
    pins: BTreeMap<Uuid, VersionSet>,
}

impl ReviewPins {
    /// No pins.
    pub fn new() -> Self {
        Self::default()
    }

    /// The pins of a project file (versions of the same id are united).
    pub fn from_pins(pins: &[Pin]) -> Self {
        let mut set = Self::new();
        for pin in pins {
            set.insert_pin(pin.clone());
        }
        set
    }

    /// Every pin with its history, deleted ones included, ordered by creation time then id — what a
    /// project file stores.
    pub fn to_pins(&self) -> Vec<Pin> {
        let mut pins: Vec<Pin> = self.pins.keys().filter_map(|id| self.get(*id)).collect();
        pins.sort_by_key(|pin| (pin.current.created, pin.id));
        pins
    }

    /// The number of pins, deleted ones included.
    pub fn len(&self) -> usize {
        self.pins.len()
    }

    /// True when there are no pins at all.
    pub fn is_empty(&self) -> bool {
        self.pins.is_empty()
    }

    /// The ids of every pin (deleted ones included), in id order.
    pub fn ids(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.pins.keys().copied()
    }

    /// One pin with its history.
    pub fn get(&self, id: Uuid) -> Option<Pin> {
        let set = self.pins.get(&id)?;
        let current = set.newest()?.clone();
        let count = set.versions.len().saturating_sub(1);
        let history = set.versions.values().take(count).cloned().collect();
        Some(Pin {
            id,
            current,
            history,
        })
    }

    /// The newest version of a pin.
    pub fn current(&self, id: Uuid) -> Option<&PinVersion> {
        self.pins.get(&id)?.newest()
    }

    /// Every version of a pin, oldest first.
    pub fn versions(&self, id: Uuid) -> Vec<&PinVersion> {
        self.pins
            .get(&id)
            .map(|set| set.versions.values().collect())
            .unwrap_or_default()
    }

    /// The pins a panel lists, newest edit first.
    pub fn filtered(&self, filter: &PinFilter) -> Vec<(Uuid, &PinVersion)> {
        let needle = filter.text.as_ref().map(|text| text.to_lowercase());
        let mut listed: Vec<(Uuid, &PinVersion)> = self
            .pins
            .iter()
            .filter_map(|(id, set)| Some((*id, set.newest()?)))
            .filter(|(_, pin)| filter.include_deleted || !pin.deleted)
            .filter(|(_, pin)| filter.category.is_none_or(|wanted| pin.category == wanted))
            .filter(|(_, pin)| filter.status.is_none_or(|wanted| pin.status == wanted))
            .filter(|(_, pin)| {
                filter
                    .author
                    .as_ref()
                    .is_none_or(|wanted| &pin.author == wanted)
            })
            .filter(|(_, pin)| {
                needle
                    .as_ref()
                    .is_none_or(|needle| pin.text.to_lowercase().contains(needle))
            })
            .collect();
        listed.sort_by(|a, b| b.1.updated.cmp(&a.1.updated).then(a.0.cmp(&b.0)));
        listed
    }

    /// Drops a new pin (open) with a fresh random id and returns the id.
    pub fn add(
        &mut self,
        draft: PinDraft,
        author: &str,
        now: Timestamp,
    ) -> Result<Uuid, ReviewError> {
        let (id, version) = Self::first_version(draft, author, now)?;
        self.insert_version(id, version);
        Ok(id)
    }

    /// Edits a pin: `change` modifies a copy of the newest version, which becomes a new version by `author`
    /// at `now` (or just after the newest version, if the clock is behind). Returns false, recording nothing,
    /// when `change` changed nothing. The id and creation time cannot be changed.
    pub fn edit(
        &mut self,
        id: Uuid,
        author: &str,
        now: Timestamp,
        change: impl FnOnce(&mut PinVersion),
    ) -> Result<bool, ReviewError> {
        match self.next_version(id, author, now, change)? {
            Some(version) => Ok(self.insert_version(id, version)),
            None => Ok(false),
        }
    }

    /// Marks a pin deleted (an edit: the pin and its history are kept and merge like any edit).
    pub fn delete(&mut self, id: Uuid, author: &str, now: Timestamp) -> Result<bool, ReviewError> {
        self.edit(id, author, now, |pin| pin.deleted = true)
    }

    /// Unites another set of pins into this one (see the module documentation).
    pub fn merge(&mut self, other: &ReviewPins) -> MergeReport {
        let mut report = MergeReport::default();
        for (id, incoming) in &other.pins {
            let known = self.pins.contains_key(id);
            let set = self.pins.entry(*id).or_default();
            let before = set.newest().map(PinVersion::order_key);
            for version in incoming.versions.values() {
                if set.insert(version.clone()) {
                    report.new_versions += 1;
                }
            }
            if !known {
                report.new_pins += 1;
            } else if before != set.newest().map(PinVersion::order_key) {
                report.updated_pins += 1;
            }
        }
        report
    }

    /// Adds one version to a pin (a new pin when the id is unknown); false when the pin already had it.
    pub fn insert_version(&mut self, id: Uuid, version: PinVersion) -> bool {
        self.pins.entry(id).or_default().insert(version)
    }

    /// Takes one version off a pin, and the pin off the set with its last version; the version, if it was
    /// there.
    pub fn remove_version(&mut self, id: Uuid, key: &VersionKey) -> Option<PinVersion> {
        let set = self.pins.get_mut(&id)?;
        let removed = set.versions.remove(key);
        if set.versions.is_empty() {
            self.pins.remove(&id);
        }
        removed
    }

    /// The first version of a new pin (open) with a fresh random id, not yet added: a session adds it as an
    /// edit.
    pub fn first_version(
        draft: PinDraft,
        author: &str,
        now: Timestamp,
    ) -> Result<(Uuid, PinVersion), ReviewError> {
        let id = new_pin_id()?;
        let version = PinVersion {
            lon_deg: draft.lon_deg,
            lat_deg: draft.lat_deg,
            category: draft.category,
            status: PinStatus::Open,
            text: draft.text,
            author: author.to_string(),
            created: now,
            updated: now,
            photos: Vec::new(),
            deleted: false,
        };
        version.check().map_err(ReviewError::Invalid)?;
        Ok((id, version))
    }

    /// The version an edit of pin `id` would add (see [`ReviewPins::edit`]), without adding it; `None` when
    /// `change` changes nothing.
    pub fn next_version(
        &self,
        id: Uuid,
        author: &str,
        now: Timestamp,
        change: impl FnOnce(&mut PinVersion),
    ) -> Result<Option<PinVersion>, ReviewError> {
        let newest = self.current(id).ok_or(ReviewError::NoSuchPin(id))?;
        let mut edited = newest.clone();
        change(&mut edited);
        edited.created = newest.created;
        if edited.same_content(newest) {
            return Ok(None);
        }
        edited.author = author.to_string();
        edited.updated = now.max(newest.updated.plus_ns(1_000));
        edited.check().map_err(ReviewError::Invalid)?;
        Ok(Some(edited))
    }

    /// The versions of `other` this set does not have yet, pin by pin: what a merge would add.
    pub fn missing_versions(&self, other: &ReviewPins) -> Vec<(Uuid, PinVersion)> {
        let mut missing = Vec::new();
        for (id, incoming) in &other.pins {
            for (key, version) in &incoming.versions {
                let known = self
                    .pins
                    .get(id)
                    .is_some_and(|set| set.versions.contains_key(key));
                if !known {
                    missing.push((*id, version.clone()));
                }
            }
        }
        missing
    }

    /// Adds a pin's versions (its current one and its history).
    pub fn insert_pin(&mut self, pin: Pin) {
        let set = self.pins.entry(pin.id).or_default();
        set.insert(pin.current);
        for version in pin.history {
            set.insert(version);
        }
    }
}

/// A fresh random (version 4) UUID from the operating system's random source.
pub fn new_pin_id() -> Result<Uuid, ReviewError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|error| ReviewError::Random(error.to_string()))?;
    Ok(uuid::Builder::from_random_bytes(bytes).into_uuid())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> PinDraft {
        PinDraft {
            lon_deg: 106.68,
            lat_deg: 20.86,
            category: PinCategory::Issue,
            text: "Vỉa hè bị lấn chiếm".into(),
        }
    }

    #[test]
    fn edits_keep_history_and_the_newest_version_shows() {
        let mut pins = ReviewPins::new();
        let start = Timestamp::from_unix_seconds(1_750_000_000);
        let id = pins.add(draft(), "Lan", start).expect("added");
        assert_eq!(id.get_version_num(), 4);
        let changed = pins
            .edit(id, "Minh", start.plus_ns(-5), |pin| {
                pin.status = PinStatus::Resolved
            })
            .expect("edited");
        assert!(changed);
        let pin = pins.get(id).expect("pin");
        assert_eq!(pin.current.status, PinStatus::Resolved);
        assert_eq!(pin.current.author, "Minh");
        assert!(pin.current.updated > start, "clock behind: still newer");
        assert_eq!(pin.history.len(), 1);
        assert!(!pins.edit(id, "Minh", start, |_| {}).expect("no-op"));
        assert!(pins.delete(id, "Lan", start).expect("deleted"));
        assert!(pins.filtered(&PinFilter::default()).is_empty());
        assert_eq!(pins.versions(id).len(), 3);
    }

    #[test]
    fn invalid_positions_are_refused() {
        let mut pins = ReviewPins::new();
        let bad = PinDraft {
            lon_deg: f64::NAN,
            ..draft()
        };
        assert!(matches!(
            pins.add(bad, "Lan", Timestamp::now()),
            Err(ReviewError::Invalid(_))
        ));
        assert!(pins.is_empty());
    }
}
