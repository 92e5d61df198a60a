//! Opening a package as a whole: a GeoPackage with several feature tables, a File Geodatabase folder or a
//! planning dossier folder (`HoSoGIS`). The core plans which packages and layers there are
//! ([`plan_package_open`]); each layer loads in its own background job, and when a package's last job is
//! collected its layers are added to the session together, as one undoable step, in one layer group named
//! after the package. Layers without features arrive hidden (see [`mark_package_layer`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use eframe::egui;

use super::AtlasApp;
use crate::app::jobs::{LayerSettings, LoadedLayer, PackageMember};
use crate::core::crs::Crs;
use crate::core::io::LoadOptions;
use crate::core::session::{Edit, EditKind};
use crate::core::source_layers::{PackagePlan, mark_package_layer, plan_package_open};

/// Package layers that have arrived and wait for the rest of their package.
#[derive(Default)]
pub(crate) struct PackageLoads {
    /// Loaded layers with their group's name, in the order they were started.
    arrived: Vec<(String, LoadedLayer)>,
    /// Names given to groups whose layers are still loading (so two packages opened together get two names).
    reserved: Vec<String>,
    /// The group of a package layer whose load asked the planner something (a CRS): the answer's reload
    /// joins that group. Keyed by the package's path and the layer's table.
    asked: HashMap<(PathBuf, String), String>,
}

impl AtlasApp {
    /// Opens `path` as packages when it is one (see the module documentation); returns false for an ordinary
    /// file, which the caller loads as one layer. A package that cannot be listed is reported.
    pub(super) fn open_as_packages(
        &mut self,
        ctx: &egui::Context,
        path: &Path,
        crs: Option<Crs>,
    ) -> bool {
        match plan_package_open(path) {
            Ok(Some(plans)) => {
                for plan in plans {
                    self.start_package(ctx, plan, crs);
                }
                true
            }
            Ok(None) => false,
            Err(error) => {
                self.notify_error(error.to_string());
                true
            }
        }
    }

    /// Starts one job per layer of a package, under a group name no other group has.
    fn start_package(&mut self, ctx: &egui::Context, plan: PackagePlan, crs: Option<Crs>) {
        let group = self.free_group_name(&plan.group);
        let count = plan.layers.len();
        if count > 0 {
            self.packages.reserved.push(group.clone());
        }
        for (number, info) in plan.layers.into_iter().enumerate() {
            let options = LoadOptions {
                crs,
                table: Some(info.name.clone()),
                ..LoadOptions::default()
            };
            let settings = LayerSettings {
                zoom_to: true,
                package: Some(PackageMember {
                    group: group.clone(),
                    table: info.name,
                    last: number + 1 == count,
                }),
                ..LayerSettings::default()
            };
            self.start_load(ctx, plan.path.clone(), options, settings);
        }
    }

    /// `wanted`, or `wanted (2)`, … when a group of the session or a package still loading has that name.
    fn free_group_name(&self, wanted: &str) -> String {
        self.session
            .unique_group_name(wanted, &self.packages.reserved)
    }

    /// Keeps a loaded package layer until its package is complete.
    pub(super) fn take_package_layer(&mut self, mut loaded: LoadedLayer, member: &PackageMember) {
        mark_package_layer(&mut loaded.layer, &member.table, &member.group);
        self.packages.arrived.push((member.group.clone(), loaded));
    }

    /// Remembers a package layer whose load asks the planner something, so its reload joins the group.
    pub(super) fn remember_asked_package_layer(&mut self, path: &Path, member: &PackageMember) {
        self.packages.asked.insert(
            (path.to_path_buf(), member.table.clone()),
            member.group.clone(),
        );
    }

    /// The package membership of a reload answering a question, if the question came from a package layer.
    pub(super) fn answered_package_member(
        &mut self,
        path: &Path,
        options: &LoadOptions,
    ) -> Option<PackageMember> {
        let table = options.table.clone()?;
        let group = self
            .packages
            .asked
            .remove(&(path.to_path_buf(), table.clone()))?;
        self.packages.reserved.push(group.clone());
        Some(PackageMember {
            group,
            table,
            last: true,
        })
    }

    /// Adds the arrived layers of group `group` as one step, above the group's layers already open (on top
    /// when there are none), and frames them when `zoom_to`.
    pub(super) fn finish_package(&mut self, group: &str, zoom_to: bool) {
        self.packages.reserved.retain(|name| name != group);
        let (mine, others) = std::mem::take(&mut self.packages.arrived)
            .into_iter()
            .partition(|(name, _)| name == group);
        self.packages.arrived = others;
        let mut position = self
            .session
            .group_layers(group)
            .last()
            .and_then(|id| self.session.position_of(*id))
            .map(|top| top + 1);
        let mut edits = Vec::new();
        let mut prepared_of = Vec::new();
        let mut extent = None;
        for (_, loaded) in mine {
            let LoadedLayer {
                mut layer,
                prepared,
            } = loaded;
            layer.id = self.session.new_layer_id();
            if layer.visible {
                extent = crate::core::geometry::union_rect(extent, layer.extent_in_map);
            }
            prepared_of.push((layer.id, prepared));
            edits.push(Edit::AddLayer { layer, position });
            position = position.map(|at| at + 1);
        }
        if let Err(error) = self.session.edit_group(EditKind::OpenPackage, edits) {
            self.notify_error(error.to_string());
            return;
        }
        for (id, prepared) in prepared_of {
            self.cache_prepared(id, prepared);
        }
        if zoom_to && extent.is_some() {
            self.fit_batch = crate::core::geometry::union_rect(self.fit_batch, extent);
            self.pending_fit = self.fit_batch;
        }
    }
}
