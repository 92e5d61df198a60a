//! In-memory synthetic layers for benchmarks and tests: the seeded parcels of [`super::synthetic`] as map
//! features (already in the map CRS, so no file and no reprojection are involved), with a land-use class.

use geo::{BoundingRect, Geometry};

use super::attributes::AttributeValue;
use super::layer::Feature;
use super::synthetic::{PARCEL_CLASSES, parcel_in_map};

/// `count` generated parcels as features (in the map CRS) with one attribute, the land-use class.
pub fn parcel_features(count: usize, seed: u64) -> Vec<Feature> {
    (0..count)
        .map(|index| {
            let polygon = parcel_in_map(index, count, seed);
            let bbox_in_map = polygon.bounding_rect();
            let class = PARCEL_CLASSES[index % PARCEL_CLASSES.len()];
            Feature {
                geometry_in_map: Geometry::Polygon(polygon),
                bbox_in_map,
                attributes: vec![AttributeValue::Text(class.to_string())],
            }
        })
        .collect()
}
