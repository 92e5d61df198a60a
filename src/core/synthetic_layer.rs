//! In-memory synthetic layers for benchmarks and tests: the seeded parcels of [`super::synthetic`] as map
//! features (already in the map CRS, so no file and no reprojection are involved), with a land-use class.

use geo::Geometry;

use super::attributes::AttributeValue;
use super::layer::Feature;
use super::synthetic::{PARCEL_CLASSES, parcel_in_map};

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
