//! The seeded parcels (see [`super::parcel_in_map`]) as map features with their land-use class, already in
//! the map CRS, so no file and no reprojection are involved.

use geo::Geometry;

use super::{PARCEL_CLASSES, parcel_in_map};
use crate::core::attributes::AttributeValue;
use crate::core::feature::Feature;

/// `count` generated parcels as features (in the map CRS) with one attribute, the land-use class.
pub fn parcel_features(count: usize, seed: u64) -> Vec<Feature> {
    (0..count)
        .map(|index| {
            let polygon = parcel_in_map(index, count, seed);
            let class = PARCEL_CLASSES[index % PARCEL_CLASSES.len()];
            let mut feature = Feature::new(
                Geometry::Polygon(polygon),
                vec![AttributeValue::Text(class.to_string())],
            );
            feature.source_record = Some(index as u64);
            feature
        })
        .collect()
}
