//! What a layer's source file holds, as far as the layer knows: which of its features the file has, in which
//! version, and where. Saving edits back to the file ([`crate::core::io::write_back`]) uses it to tell unchanged, changed,
//! new and removed features apart, and to find each record again.
//!
//! Every feature read from a file carries a record id ([`Feature::source_record`]) and an edit stamp
//! ([`Feature::edit_stamp`], 0 as read, a new session-unique stamp after each edit, the previous one back after
//! undo). The state maps each record the file holds to the stamp of the version written there and to its
//! location (its position in the file's read order, or its `fid` in a GeoPackage). A feature is unchanged when
//! the file holds its record with its stamp; changed when the stamp differs (also after an undo past a save,
//! which brings back an older stamp); new when the file does not hold its record (drawn in the atlas, or
//! removed by a save and brought back by undo); records no feature stands for were removed.
//!
//! Right after loading the state is "as read": records 0..n at read positions 0..n, all at stamp 0, kept as
//! one number so a million-feature layer costs nothing. After a write it is one entry per record. It also
//! remembers the size and modification time of the files at load or at the last write, so a file changed on
//! disk by another program is noticed before edits are written over it.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::core::feature::Feature;
use crate::core::source_files::{lower_extension, source_files};

/// A file's size and modification time at one moment (`None` when the file did not exist).
#[derive(Clone, Debug, PartialEq, Eq)]
struct FileStamp {
    path: PathBuf,
    size_and_time: Option<(u64, Option<SystemTime>)>,
}

impl FileStamp {
    fn now(path: &Path) -> Self {
        let size_and_time = std::fs::metadata(path)
            .ok()
            .map(|meta| (meta.len(), meta.modified().ok()));
        Self {
            path: path.to_path_buf(),
            size_and_time,
        }
    }
}

/// One record the file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WrittenRecord {
    /// The record id (see [`Feature::source_record`]).
    pub(crate) record: u64,
    /// The edit stamp of the version the file holds.
    pub(crate) stamp: u64,
    /// Its position in the file's read order, or its `fid` in a GeoPackage.
    pub(crate) location: i64,
}

/// The records a file holds.
#[derive(Clone, Debug)]
enum Records {
    /// As loaded: records `0..count` at read positions `0..count`, all at stamp 0.
    AsRead { count: u64 },
    /// After a write: one entry per record, sorted by record id.
    Written(Vec<WrittenRecord>),
}

/// What a layer's source file holds (see the module documentation).
#[derive(Clone, Debug)]
pub struct SourceState {
    files: Vec<FileStamp>,
    table: Option<String>,
    records: Records,
    next_record: u64,
}

impl Default for SourceState {
    fn default() -> Self {
        Self {
            files: Vec::new(),
            table: None,
            records: Records::AsRead { count: 0 },
            next_record: 0,
        }
    }
}

/// How one feature of a layer relates to what its file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FeatureFate {
    /// The file holds this version of the feature at `location`.
    Unchanged {
        /// The record id.
        record: u64,
        /// Read position or `fid`.
        location: i64,
    },
    /// The file holds an older version of the feature at `location`.
    Changed {
        /// The record id.
        record: u64,
        /// Read position or `fid`.
        location: i64,
    },
    /// The file does not hold the feature.
    New,
}

/// The fate of every feature of a layer, and the records that no feature stands for any more.
#[derive(Clone, Debug)]
pub(crate) struct WritePlan {
    /// One per feature, in layer order.
    pub(crate) fates: Vec<FeatureFate>,
    /// Locations of the records to remove, ascending.
    pub(crate) removed: Vec<i64>,
    /// True when locations are read positions even for a GeoPackage (the state is still as read, so a
    /// GeoPackage writer must turn positions into `fid`s).
    pub(crate) locations_are_read_positions: bool,
}

/// What differs between a layer's features and what its source file holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataChanges {
    /// Positions of features whose record the file holds in an older version.
    pub changed: Vec<usize>,
    /// Positions of features the file does not hold.
    pub added: Vec<usize>,
    /// How many records the file holds that no feature stands for any more.
    pub removed: usize,
}

impl DataChanges {
    /// True when the file holds exactly the layer's features.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed == 0
    }
}

impl SourceState {
    /// The state of a layer just read from `source_path` with `record_count` features: records
    /// `0..record_count`, unedited. `layer_name` is the name the reader gave the layer, which for a GeoPackage
    /// is the table it read. The files' sizes and times are noted (for a Shapefile its `.shx` and `.dbf` too).
    pub fn as_read(source_path: Option<&Path>, layer_name: &str, record_count: usize) -> Self {
        let count = record_count as u64;
        let Some(path) = source_path else {
            return Self {
                records: Records::AsRead { count },
                next_record: count,
                ..Self::default()
            };
        };
        let is_gpkg = lower_extension(path) == "gpkg";
        Self {
            files: source_files(path)
                .iter()
                .map(|file| FileStamp::now(file))
                .collect(),
            table: is_gpkg.then(|| layer_name.to_string()),
            records: Records::AsRead { count },
            next_record: count,
        }
    }

    /// The GeoPackage table the layer was read from (`None` for other formats).
    pub fn table(&self) -> Option<&str> {
        self.table.as_deref()
    }

    /// How many records the file holds.
    pub fn record_count(&self) -> usize {
        match &self.records {
            Records::AsRead { count } => usize::try_from(*count).unwrap_or(usize::MAX),
            Records::Written(records) => records.len(),
        }
    }

    /// The first of the layer's files whose size or modification time differs from when it was read or last
    /// written (`None` when all are as they were).
    pub fn changed_on_disk(&self) -> Option<&Path> {
        self.files
            .iter()
            .find(|stamp| FileStamp::now(&stamp.path) != **stamp)
            .map(|stamp| stamp.path.as_path())
    }

    /// Where `record` is among the records the file holds (its slot: the read position while as read, the
    /// index in the sorted list after a write), with its stamp and location; `None` when the file lacks it.
    fn find(&self, record: u64) -> Option<(usize, u64, i64)> {
        match &self.records {
            Records::AsRead { count } if record < *count => Some((
                usize::try_from(record).ok()?,
                0,
                i64::try_from(record).ok()?,
            )),
            Records::AsRead { .. } => None,
            Records::Written(records) => {
                let slot = records
                    .binary_search_by_key(&record, |entry| entry.record)
                    .ok()?;
                let entry = records.get(slot)?;
                Some((slot, entry.stamp, entry.location))
            }
        }
    }

    /// The location of the record in `slot`.
    fn location_of(&self, slot: usize) -> Option<i64> {
        match &self.records {
            Records::AsRead { .. } => i64::try_from(slot).ok(),
            Records::Written(records) => records.get(slot).map(|entry| entry.location),
        }
    }

    /// Sorts `features` into unchanged, changed and new, and lists the records none of them stands for. A
    /// record claimed by two features (a copy that kept its origin's id) belongs to the first; the other is new.
    pub(crate) fn plan(&self, features: &[Feature]) -> WritePlan {
        let mut claimed = vec![false; self.record_count()];
        let fates = features
            .iter()
            .map(|feature| {
                let found = feature.source_record.and_then(|record| {
                    let (slot, stamp, location) = self.find(record)?;
                    let seen = claimed.get_mut(slot)?;
                    (!std::mem::replace(seen, true)).then_some((record, stamp, location))
                });
                match found {
                    Some((record, stamp, location)) if stamp == feature.edit_stamp => {
                        FeatureFate::Unchanged { record, location }
                    }
                    Some((record, _, location)) => FeatureFate::Changed { record, location },
                    None => FeatureFate::New,
                }
            })
            .collect();
        let mut removed: Vec<i64> = claimed
            .iter()
            .enumerate()
            .filter(|(_, seen)| !**seen)
            .filter_map(|(slot, _)| self.location_of(slot))
            .collect();
        removed.sort_unstable();
        WritePlan {
            fates,
            removed,
            locations_are_read_positions: matches!(self.records, Records::AsRead { .. }),
        }
    }

    /// True when `features` differ from what the file holds. Stops at the first difference and allocates one
    /// flag per record, so it is cheap enough to ask after every edit.
    pub fn has_changes(&self, features: &[Feature]) -> bool {
        if features.len() != self.record_count() {
            return true;
        }
        let mut claimed = vec![false; features.len()];
        !features.iter().all(|feature| {
            let found = feature.source_record.and_then(|record| self.find(record));
            let Some((slot, stamp, _)) = found else {
                return false;
            };
            claimed
                .get_mut(slot)
                .is_some_and(|seen| !std::mem::replace(seen, true) && stamp == feature.edit_stamp)
        })
    }

    /// What differs between `features` and the file.
    pub fn changes(&self, features: &[Feature]) -> DataChanges {
        let plan = self.plan(features);
        let mut changes = DataChanges {
            removed: plan.removed.len(),
            ..DataChanges::default()
        };
        for (position, fate) in plan.fates.iter().enumerate() {
            match fate {
                FeatureFate::Unchanged { .. } => {}
                FeatureFate::Changed { .. } => changes.changed.push(position),
                FeatureFate::New => changes.added.push(position),
            }
        }
        changes
    }

    /// A record id no feature of this layer has had.
    pub(crate) fn new_record_id(&mut self) -> u64 {
        let record = self.next_record;
        self.next_record += 1;
        record
    }

    /// Records that the database table now holds exactly `records` (locations are indexes into the layer's
    /// database rows); a table has no files to note.
    pub(crate) fn record_written_rows(&mut self, mut records: Vec<WrittenRecord>) {
        records.sort_unstable_by_key(|entry| entry.record);
        self.records = Records::Written(records);
    }

    /// Records that the source holds `entry`'s record in `entry`'s version at its location, replacing what
    /// was recorded for that record or that location.
    pub(crate) fn set_record(&mut self, entry: WrittenRecord) {
        let mut records = match std::mem::replace(&mut self.records, Records::AsRead { count: 0 }) {
            Records::AsRead { count } => (0..count)
                .map(|record| WrittenRecord {
                    record,
                    stamp: 0,
                    location: i64::try_from(record).unwrap_or(i64::MAX),
                })
                .collect(),
            Records::Written(records) => records,
        };
        records.retain(|old| old.record != entry.record && old.location != entry.location);
        records.push(entry);
        records.sort_unstable_by_key(|old| old.record);
        self.records = Records::Written(records);
    }

    /// Records that the file at `source_path` now holds exactly `records`, and notes its files' sizes and times.
    pub(crate) fn record_written(&mut self, source_path: &Path, mut records: Vec<WrittenRecord>) {
        records.sort_unstable_by_key(|entry| entry.record);
        self.records = Records::Written(records);
        self.files = source_files(source_path)
            .iter()
            .map(|file| FileStamp::now(file))
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use geo::{Geometry, Point};

    use super::*;

    fn feature(record: Option<u64>, stamp: u64) -> Feature {
        let mut feature = Feature::new(Geometry::Point(Point::new(1.0, 2.0)), Vec::new());
        feature.source_record = record;
        feature.edit_stamp = stamp;
        feature
    }

    #[test]
    fn as_read_features_are_unchanged_until_stamped_removed_or_added() {
        let state = SourceState::as_read(None, "t", 3);
        let features = vec![
            feature(Some(0), 0),
            feature(Some(1), 0),
            feature(Some(2), 0),
        ];
        assert!(state.changes(&features).is_empty());
        assert!(!state.has_changes(&features));
        let copied = vec![
            feature(Some(0), 0),
            feature(Some(0), 0),
            feature(Some(2), 0),
        ];
        assert!(state.has_changes(&copied), "a copy stands for no record");
        assert_eq!(state.changes(&copied).removed, 1);
        let edited = vec![
            feature(Some(0), 0),
            feature(Some(2), 7),
            feature(None, 0),
            feature(Some(2), 7),
        ];
        let changes = state.changes(&edited);
        assert_eq!(changes.changed, [1]);
        assert_eq!(changes.added, [2, 3], "a second claim on record 2 is new");
        assert_eq!(changes.removed, 1);
        assert!(state.has_changes(&edited));
    }

    #[test]
    fn after_a_write_an_older_stamp_is_a_change_and_an_unknown_record_is_new() {
        let mut state = SourceState::as_read(None, "t", 2);
        let fresh = state.new_record_id();
        assert_eq!(fresh, 2);
        state.records = Records::Written(vec![
            WrittenRecord {
                record: 0,
                stamp: 5,
                location: 0,
            },
            WrittenRecord {
                record: 2,
                stamp: 0,
                location: 1,
            },
        ]);
        let plan = state.plan(&[
            feature(Some(0), 0),
            feature(Some(1), 0),
            feature(Some(2), 0),
        ]);
        assert_eq!(
            plan.fates,
            [
                FeatureFate::Changed {
                    record: 0,
                    location: 0
                },
                FeatureFate::New,
                FeatureFate::Unchanged {
                    record: 2,
                    location: 1
                },
            ]
        );
        assert!(plan.removed.is_empty());
        assert!(!plan.locations_are_read_positions);
    }
}
