//! Generated data for benchmarks, tests and the side-by-side comparison with other tools — not used by the
//! atlas itself. Parcel layers of any size over Hai Phong and service sites inside them, all from a seed, so
//! the same seed always gives the same bytes and anyone can regenerate the benchmark inputs
//! (`hpatlas-bench-data` writes them; `hpatlas query` draws its random windows with [`SeededRng`]).
//!
//! It stays in the library, under this name, because the benchmarks, the integration tests and the
//! `hpatlas-bench-data` tool are separate crates that can only reach public items.

mod parcel_layer;
mod parcels;
mod rng;
mod shapes;
mod sites;

use crate::core::crs::CrsError;

pub use parcel_layer::parcel_features;
pub use parcels::{
    PARCEL_CLASSES, PARCEL_VERTICES, parcel_grid, parcel_in_map, write_parcels_geojson,
};
pub use rng::SeededRng;
pub use shapes::wavy_ring;
pub use sites::write_sites_geojson;

/// The generation area in EPSG:9210 metres: the merged Hai Phong city's bounding box.
pub const HAI_PHONG_BOX_IN_MAP: ([f64; 2], [f64; 2]) =
    ([548_000.0, 2_270_000.0], [650_000.0, 2_346_000.0]);

/// Generation failed.
#[derive(Debug, thiserror::Error)]
pub enum TestDataError {
    /// Reprojection failed.
    #[error(transparent)]
    Crs(#[from] CrsError),
    /// Writing failed.
    #[error("cannot write the generated data: {0}")]
    Io(#[from] std::io::Error),
}
