//! The coverage model: units (polygons) and service discs, with each unit's area, covered area and covered
//! population kept up to date as discs are added, moved and removed.
//!
//! Discs live in a dynamic R-tree and units in a static one. A change to one disc recomputes only the units
//! whose bounding boxes meet the disc's old or new position (the index says which), so moving a site costs a
//! few unit computations, not the whole city. Figures come from the exact method in [`super::coverage`].

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use geo::{BoundingRect, Coord, MultiPolygon, Rect};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};
use serde::Serialize;
use thiserror::Error;

use super::coverage::{Disc, PreparedPolygon, covered_area_m2};
use super::units::repair_unit;

/// A stable identifier of a disc in a [`CoverageModel`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct DiscId(pub usize);

/// One unit as given to the model.
#[derive(Clone, Debug)]
pub struct UnitInput {
    /// Display name or code of the unit.
    pub name: String,
    /// The unit's area in map coordinates (metres).
    pub geometry: MultiPolygon,
    /// Residents, when the units layer has a population attribute.
    pub population: Option<f64>,
    /// The unit's class (e.g. zoning class), for per-class figures.
    pub class: Option<String>,
}

/// The coverage figures of one unit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnitCoverage {
    /// Display name or code.
    pub unit: String,
    /// Unit area in m².
    pub area_m2: f64,
    /// Covered area in m².
    pub covered_m2: f64,
    /// Covered share in percent.
    pub covered_pct: f64,
    /// Residents covered (area-weighted), when the unit has a population.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub population_covered: Option<f64>,
}

/// Sums over several units.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CoverageTotals {
    /// Total area in m².
    pub area_m2: f64,
    /// Total covered area in m².
    pub covered_m2: f64,
    /// Covered share in percent.
    pub covered_pct: f64,
    /// Total residents of the units that have a population.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub population: Option<f64>,
    /// Residents covered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub population_covered: Option<f64>,
}

/// A coverage input could not be used.
#[derive(Debug, Error, PartialEq)]
pub enum CoverageError {
    /// A site has no usable radius.
    #[error("site {site}: the service radius {radius_m} m is not a positive number")]
    BadRadius {
        /// Zero-based site number.
        site: usize,
        /// The radius found.
        radius_m: f64,
    },
    /// A site's position is not a finite number.
    #[error("site {site}: its position is not a finite coordinate")]
    BadPosition {
        /// Zero-based site number.
        site: usize,
    },
    /// A unit has no area after repair.
    #[error("unit {unit} ({name}): the polygon has no area")]
    EmptyUnit {
        /// Zero-based unit number.
        unit: usize,
        /// The unit's name.
        name: String,
    },
    /// There are no units at all.
    #[error("no unit polygons to measure coverage in")]
    NoUnits,
}

struct PreparedUnit {
    input: UnitInput,
    shape: PreparedPolygon,
    bbox: Rect,
}

/// Units repaired, prepared for the coverage method and indexed — done once per units layer and shared by
/// every model computed on it.
pub struct PreparedUnits {
    units: Vec<PreparedUnit>,
    tree: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
}

impl PreparedUnits {
    /// Repairs and prepares `units` (in parallel). Fails on an empty list or a unit without area.
    pub fn new(units: Vec<UnitInput>) -> Result<Arc<Self>, CoverageError> {
        if units.is_empty() {
            return Err(CoverageError::NoUnits);
        }
        let prepared = parallel_map(units, prepare_unit);
        let mut ready = Vec::with_capacity(prepared.len());
        for (number, unit) in prepared.into_iter().enumerate() {
            match unit {
                Ok(unit) => ready.push(unit),
                Err(name) => return Err(CoverageError::EmptyUnit { unit: number, name }),
            }
        }
        let tree = RTree::bulk_load(
            ready
                .iter()
                .enumerate()
                .map(|(position, unit)| GeomWithData::new(rectangle(unit.bbox), position))
                .collect(),
        );
        Ok(Arc::new(Self { units: ready, tree }))
    }

    /// The number of units.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// True when there are no units (never, for a value built by [`PreparedUnits::new`]).
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
}

fn prepare_unit(mut input: UnitInput) -> Result<PreparedUnit, String> {
    input.geometry = repair_unit(&input.geometry);
    let shape = PreparedPolygon::new(&input.geometry);
    match input.geometry.bounding_rect() {
        Some(bbox) if shape.area_m2() > 0.0 => Ok(PreparedUnit { input, shape, bbox }),
        _ => Err(input.name),
    }
}

/// Maps `items` through `work` on all cores, keeping the order.
fn parallel_map<T: Send, U: Send>(items: Vec<T>, work: impl Fn(T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |count| count.get())
        .max(1);
    let chunk = items.len().div_ceil(threads).max(1);
    let mut chunks: Vec<Vec<T>> = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        chunks.push(items.by_ref().take(chunk).collect());
    }
    let work = &work;
    std::thread::scope(|scope| {
        let workers: Vec<_> = chunks
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(work).collect::<Vec<U>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_default())
            .collect()
    })
}

type DiscEntry = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// Units, discs and the up-to-date coverage of each unit.
pub struct CoverageModel {
    prepared: Arc<PreparedUnits>,
    discs: Vec<Option<Disc>>,
    disc_tree: RTree<DiscEntry>,
    results: Vec<UnitCoverage>,
    revision: u64,
}

/// Checks a disc's radius and position.
pub fn validate_disc(site: usize, disc: &Disc) -> Result<(), CoverageError> {
    if !(disc.radius_m.is_finite() && disc.radius_m > 0.0) {
        return Err(CoverageError::BadRadius {
            site,
            radius_m: disc.radius_m,
        });
    }
    if !(disc.center.x.is_finite() && disc.center.y.is_finite()) {
        return Err(CoverageError::BadPosition { site });
    }
    Ok(())
}

impl CoverageModel {
    /// Prepares the units (repairing invalid polygons) and computes every unit's coverage by `discs`.
    pub fn new(units: Vec<UnitInput>, discs: Vec<Disc>) -> Result<Self, CoverageError> {
        for (site, disc) in discs.iter().enumerate() {
            validate_disc(site, disc)?;
        }
        Self::with_units(PreparedUnits::new(units)?, discs)
    }

    /// Computes every unit's coverage by `discs` on units prepared before.
    pub fn with_units(
        prepared: Arc<PreparedUnits>,
        discs: Vec<Disc>,
    ) -> Result<Self, CoverageError> {
        for (site, disc) in discs.iter().enumerate() {
            validate_disc(site, disc)?;
        }
        let disc_tree = RTree::bulk_load(
            discs
                .iter()
                .enumerate()
                .map(|(position, disc)| GeomWithData::new(rectangle(disc.bbox()), position))
                .collect(),
        );
        let mut model = Self {
            prepared,
            discs: discs.into_iter().map(Some).collect(),
            disc_tree,
            results: Vec::new(),
            revision: 0,
        };
        let positions: Vec<usize> = (0..model.prepared.units.len()).collect();
        let computed = parallel_map(positions, |unit| model.compute_unit(unit));
        model.results = computed.into_iter().flatten().collect();
        Ok(model)
    }

    /// The prepared units, to share with another model.
    pub fn prepared_units(&self) -> Arc<PreparedUnits> {
        Arc::clone(&self.prepared)
    }

    /// The figures of every unit, in input order.
    pub fn results(&self) -> &[UnitCoverage] {
        &self.results
    }

    /// Increases on every change, so views can tell when to redraw.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The number of units.
    pub fn unit_count(&self) -> usize {
        self.prepared.units.len()
    }

    /// The geometry of a unit (after repair), in map coordinates.
    pub fn unit_geometry(&self, unit: usize) -> Option<&MultiPolygon> {
        self.prepared
            .units
            .get(unit)
            .map(|prepared| &prepared.input.geometry)
    }

    /// The population of a unit, if it has one.
    pub fn unit_population(&self, unit: usize) -> Option<f64> {
        self.prepared.units.get(unit)?.input.population
    }

    /// The name of a unit.
    pub fn unit_name(&self, unit: usize) -> Option<&str> {
        self.prepared
            .units
            .get(unit)
            .map(|prepared| prepared.input.name.as_str())
    }

    /// The class of a unit, if it has one.
    pub fn unit_class(&self, unit: usize) -> Option<&str> {
        self.prepared.units.get(unit)?.input.class.as_deref()
    }

    /// A disc, if it exists.
    pub fn disc(&self, id: DiscId) -> Option<Disc> {
        self.discs.get(id.0).copied().flatten()
    }

    /// All live discs with their ids.
    pub fn discs(&self) -> impl Iterator<Item = (DiscId, Disc)> + '_ {
        self.discs
            .iter()
            .enumerate()
            .filter_map(|(position, disc)| disc.map(|disc| (DiscId(position), disc)))
    }

    /// The discs whose bounding boxes meet `rect`.
    pub fn discs_near(&self, rect: Rect) -> Vec<Disc> {
        self.disc_tree
            .locate_in_envelope_intersecting(&envelope(rect))
            .filter_map(|entry| self.discs.get(entry.data).copied().flatten())
            .collect()
    }

    /// The discs that can touch unit `unit`.
    pub fn discs_for_unit(&self, unit: usize) -> Vec<Disc> {
        self.prepared
            .units
            .get(unit)
            .map(|prepared| self.discs_near(prepared.bbox))
            .unwrap_or_default()
    }

    /// Adds a disc and updates the units it touches. Returns its id and the units recomputed.
    pub fn add_disc(&mut self, disc: Disc) -> Result<(DiscId, Vec<usize>), CoverageError> {
        validate_disc(self.discs.len(), &disc)?;
        let id = DiscId(self.discs.len());
        self.discs.push(Some(disc));
        self.disc_tree
            .insert(GeomWithData::new(rectangle(disc.bbox()), id.0));
        let touched = self.units_touching(&[disc.bbox()]);
        self.recompute(&touched);
        Ok((id, touched))
    }

    /// Moves a disc to a new centre and updates the units its old and new positions touch.
    pub fn move_disc(&mut self, id: DiscId, center: Coord) -> Result<Vec<usize>, CoverageError> {
        let Some(old) = self.disc(id) else {
            return Ok(Vec::new());
        };
        let moved = Disc { center, ..old };
        validate_disc(id.0, &moved)?;
        self.replace_disc(id, old, Some(moved));
        let touched = self.units_touching(&[old.bbox(), moved.bbox()]);
        self.recompute(&touched);
        Ok(touched)
    }

    /// Removes a disc and updates the units it touched.
    pub fn remove_disc(&mut self, id: DiscId) -> Vec<usize> {
        let Some(old) = self.disc(id) else {
            return Vec::new();
        };
        self.replace_disc(id, old, None);
        let touched = self.units_touching(&[old.bbox()]);
        self.recompute(&touched);
        touched
    }

    fn replace_disc(&mut self, id: DiscId, old: Disc, new: Option<Disc>) {
        self.disc_tree
            .remove(&GeomWithData::new(rectangle(old.bbox()), id.0));
        if let Some(new) = new {
            self.disc_tree
                .insert(GeomWithData::new(rectangle(new.bbox()), id.0));
        }
        if let Some(slot) = self.discs.get_mut(id.0) {
            *slot = new;
        }
    }

    /// The units whose bounding boxes meet any of `rects`, in order.
    pub fn units_touching(&self, rects: &[Rect]) -> Vec<usize> {
        let touched: BTreeSet<usize> = rects
            .iter()
            .flat_map(|rect| {
                self.prepared
                    .tree
                    .locate_in_envelope_intersecting(&envelope(*rect))
            })
            .map(|entry| entry.data)
            .collect();
        touched.into_iter().collect()
    }

    fn recompute(&mut self, units: &[usize]) {
        for &unit in units {
            if let Some(figures) = self.compute_unit(unit)
                && let Some(slot) = self.results.get_mut(unit)
            {
                *slot = figures;
            }
        }
        self.revision += 1;
    }

    fn compute_unit(&self, unit: usize) -> Option<UnitCoverage> {
        let prepared = self.prepared.units.get(unit)?;
        let discs = self.discs_for_unit(unit);
        let area_m2 = prepared.shape.area_m2();
        let covered_m2 = covered_area_m2(&prepared.shape, &discs);
        let share = if area_m2 > 0.0 {
            covered_m2 / area_m2
        } else {
            0.0
        };
        Some(UnitCoverage {
            unit: prepared.input.name.clone(),
            area_m2,
            covered_m2,
            covered_pct: 100.0 * share,
            population_covered: prepared
                .input
                .population
                .map(|population| population * share),
        })
    }

    /// Sums over all units.
    pub fn totals(&self) -> CoverageTotals {
        totals_of(
            self.results
                .iter()
                .zip(&self.prepared.units)
                .map(|(result, unit)| (result, unit.input.population)),
        )
    }

    /// Sums per unit class (e.g. "% of residential land covered"), sorted by class.
    pub fn totals_by_class(&self) -> BTreeMap<String, CoverageTotals> {
        let mut groups: BTreeMap<String, Vec<(&UnitCoverage, Option<f64>)>> = BTreeMap::new();
        for (result, unit) in self.results.iter().zip(&self.prepared.units) {
            if let Some(class) = &unit.input.class {
                groups
                    .entry(class.clone())
                    .or_default()
                    .push((result, unit.input.population));
            }
        }
        groups
            .into_iter()
            .map(|(class, members)| (class, totals_of(members.into_iter())))
            .collect()
    }
}

fn totals_of<'a>(rows: impl Iterator<Item = (&'a UnitCoverage, Option<f64>)>) -> CoverageTotals {
    let mut totals = CoverageTotals::default();
    for (result, population) in rows {
        totals.area_m2 += result.area_m2;
        totals.covered_m2 += result.covered_m2;
        if let Some(population) = population {
            *totals.population.get_or_insert(0.0) += population;
            *totals.population_covered.get_or_insert(0.0) +=
                result.population_covered.unwrap_or(0.0);
        }
    }
    totals.covered_pct = if totals.area_m2 > 0.0 {
        100.0 * totals.covered_m2 / totals.area_m2
    } else {
        0.0
    };
    totals
}

fn rectangle(rect: Rect) -> Rectangle<[f64; 2]> {
    Rectangle::from_corners([rect.min().x, rect.min().y], [rect.max().x, rect.max().y])
}

fn envelope(rect: Rect) -> AABB<[f64; 2]> {
    AABB::from_corners([rect.min().x, rect.min().y], [rect.max().x, rect.max().y])
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    fn unit(name: &str, x0: f64, population: Option<f64>, class: &str) -> UnitInput {
        UnitInput {
            name: name.into(),
            geometry: MultiPolygon::new(vec![polygon![
                (x: x0, y: 0.0), (x: x0 + 2_000.0, y: 0.0), (x: x0 + 2_000.0, y: 2_000.0), (x: x0, y: 2_000.0)
            ]]),
            population,
            class: Some(class.into()),
        }
    }

    fn disc(x: f64, y: f64, radius_m: f64) -> Disc {
        Disc {
            center: Coord { x, y },
            radius_m,
        }
    }

    #[test]
    fn moving_a_disc_updates_only_the_units_it_touches() {
        let units = vec![
            unit("A", 0.0, Some(1_000.0), "residential"),
            unit("B", 10_000.0, None, "green_space"),
            unit("C", 20_000.0, Some(500.0), "residential"),
        ];
        let mut model =
            CoverageModel::new(units, vec![disc(1_000.0, 1_000.0, 500.0)]).expect("valid");
        let disc_area = std::f64::consts::PI * 250_000.0;
        assert!((model.results()[0].covered_m2 - disc_area).abs() < 1e-6);
        let touched = model
            .move_disc(
                DiscId(0),
                Coord {
                    x: 21_000.0,
                    y: 1_000.0,
                },
            )
            .expect("valid move");
        assert_eq!(touched, vec![0, 2]);
        assert_eq!(model.results()[0].covered_m2, 0.0);
        assert!((model.results()[2].covered_m2 - disc_area).abs() < 1e-6);
        let share = disc_area / 4.0e6;
        let population_covered = model.results()[2]
            .population_covered
            .expect("has population");
        assert!((population_covered - 500.0 * share).abs() < 1e-6);
        let by_class = model.totals_by_class();
        let residential = by_class.get("residential").expect("class present");
        assert!((residential.covered_pct - 100.0 * disc_area / 8.0e6).abs() < 1e-9);
        assert_eq!(residential.population, Some(1_500.0));
        let removed = model.remove_disc(DiscId(0));
        assert_eq!(removed, vec![2]);
        assert_eq!(model.totals().covered_m2, 0.0);
    }

    #[test]
    fn bad_sites_and_empty_units_are_errors() {
        let units = vec![unit("A", 0.0, None, "residential")];
        assert_eq!(
            CoverageModel::new(units.clone(), vec![disc(0.0, 0.0, 0.0)]).err(),
            Some(CoverageError::BadRadius {
                site: 0,
                radius_m: 0.0
            })
        );
        assert!(matches!(
            CoverageModel::new(units.clone(), vec![disc(f64::NAN, 0.0, 10.0)]),
            Err(CoverageError::BadPosition { site: 0 })
        ));
        let empty = UnitInput {
            geometry: MultiPolygon::new(vec![]),
            ..unit("E", 0.0, None, "x")
        };
        assert!(matches!(
            CoverageModel::new(vec![empty], vec![]),
            Err(CoverageError::EmptyUnit { .. })
        ));
        assert_eq!(
            CoverageModel::new(vec![], vec![]).err(),
            Some(CoverageError::NoUnits)
        );
    }
}
