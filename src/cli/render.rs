//! `hpatlas render`: a project or data files drawn to a PNG map with title, legend, scale bar in ground
//! metres, north arrow and credits — the same headless renderer the window's PNG export uses.

use std::path::PathBuf;

use anyhow::{Context, Result};

use hpatlas::core::crs::{MAP_CRS, Reprojector, WGS84};
use hpatlas::core::geometry::union_rect;
use hpatlas::core::io::atomic_write::write_bytes_atomically;
use hpatlas::core::layer::{Layer, LayerId};

use super::coverage::load_layer;
use hpatlas::core::project::Language;
use hpatlas::core::project_links::{home_extent, load_project_layers, open_project};
use hpatlas::core::render::{MapExport, MapWords, legend_entries_within, render_map_png};
use hpatlas::core::shipped_files::{default_project_path, is_project_file};

/// Options of `hpatlas render`.
#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    /// A project (.hpatlas.json) and/or data files, drawn in this order; the shipped Hai Phong project when
    /// none.
    inputs: Vec<PathBuf>,
    /// The PNG file to write (replaced atomically).
    #[arg(long)]
    out: PathBuf,
    /// Image width in pixels.
    #[arg(long, default_value_t = 1920)]
    width: u32,
    /// Image height in pixels.
    #[arg(long, default_value_t = 1080)]
    height: u32,
    /// Pixels per UI point: 2 gives the same map and page at twice the resolution (use 3840×2160).
    #[arg(long, default_value_t = 1.0)]
    scale: f32,
    /// The title (the project's title by default).
    #[arg(long)]
    title: Option<String>,
    /// The line under the title (the map's coordinate system by default).
    #[arg(long)]
    subtitle: Option<String>,
    /// The area to show, in WGS 84 degrees: MINLON,MINLAT,MAXLON,MAXLAT (the project's home extent by
    /// default).
    #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true)]
    bbox: Option<Bbox>,
    /// Legend and north letter in English.
    #[arg(long)]
    english: bool,
    /// Leave the legend out.
    #[arg(long)]
    no_legend: bool,
}

/// A WGS 84 bounding box.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Bbox {
    min_lon: f64,
    min_lat: f64,
    max_lon: f64,
    max_lat: f64,
}

fn parse_bbox(text: &str) -> Result<Bbox, String> {
    let numbers: Vec<f64> = text
        .split(',')
        .map(|part| part.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("{text:?} is not four numbers MINLON,MINLAT,MAXLON,MAXLAT"))?;
    let [min_lon, min_lat, max_lon, max_lat] = numbers[..] else {
        return Err(format!(
            "{text:?} is not four numbers MINLON,MINLAT,MAXLON,MAXLAT"
        ));
    };
    let valid = min_lon < max_lon
        && min_lat < max_lat
        && (-180.0..=180.0).contains(&min_lon)
        && (-180.0..=180.0).contains(&max_lon)
        && (-90.0..=90.0).contains(&min_lat)
        && (-90.0..=90.0).contains(&max_lat);
    if !valid {
        return Err(format!(
            "{text:?}: need -180 ≤ MINLON < MAXLON ≤ 180 and -90 ≤ MINLAT < MAXLAT ≤ 90"
        ));
    }
    Ok(Bbox {
        min_lon,
        min_lat,
        max_lon,
        max_lat,
    })
}

/// Layers to render and the project they came from, if any.
struct RenderInputs {
    layers: Vec<Layer>,
    title: Option<String>,
    home: Option<geo::Rect>,
}

fn load_render_inputs(inputs: &[PathBuf]) -> Result<RenderInputs> {
    let default_project;
    let inputs: &[PathBuf] = if inputs.is_empty() {
        default_project = [default_project_path().context(
            "maps/haiphong.hpatlas.json: the shipped Hai Phong map was not found; name a project or files",
        )?];
        &default_project
    } else {
        inputs
    };
    let mut loaded = RenderInputs {
        layers: Vec::new(),
        title: None,
        home: None,
    };
    for path in inputs {
        if is_project_file(path) {
            let opened = open_project(path)?;
            let load = load_project_layers(path, &opened.project);
            for problem in &load.problems {
                eprintln!("hpatlas: warning: {}: {problem}", path.display());
            }
            let layers: Vec<_> = load.layers.into_iter().map(|(_, layer)| layer).collect();
            loaded.home = loaded
                .home
                .or_else(|| home_extent(&opened.project, &layers));
            if loaded.title.is_none() && !opened.project.title.is_empty() {
                loaded.title = Some(opened.project.title.clone());
            }
            for mut layer in layers {
                layer.id = LayerId(loaded.layers.len() as u64 + 1);
                loaded.layers.push(layer);
            }
        } else {
            loaded.layers.push(load_layer(path)?);
        }
    }
    Ok(loaded)
}

/// The map rectangle (EPSG:9210) covering a WGS 84 box: its corners and edge midpoints reprojected.
fn bbox_in_map(bbox: Bbox) -> Result<geo::Rect> {
    let to_map = Reprojector::new(WGS84, MAP_CRS)?;
    let mid_lon = (bbox.min_lon + bbox.max_lon) / 2.0;
    let mid_lat = (bbox.min_lat + bbox.max_lat) / 2.0;
    let mut extent: Option<geo::Rect> = None;
    for lon in [bbox.min_lon, mid_lon, bbox.max_lon] {
        for lat in [bbox.min_lat, mid_lat, bbox.max_lat] {
            let (x, y) = to_map.convert(lon, lat)?;
            extent = union_rect(extent, Some(geo::Rect::new((x, y), (x, y))));
        }
    }
    extent.context("empty bounding box")
}

/// Runs the command.
pub fn render(args: &RenderArgs) -> Result<()> {
    let mut export = MapExport::new(args.width, args.height, args.scale);
    export.validate()?;
    let inputs = load_render_inputs(&args.inputs)?;
    export.title = args.title.clone().or(inputs.title).unwrap_or_else(|| {
        args.inputs
            .iter()
            .filter_map(|path| path.file_stem())
            .map(|stem| stem.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    });
    export.subtitle = Some(args.subtitle.clone().unwrap_or_else(|| {
        if args.english {
            "Coordinate system: VN-2000 / TM-3 105°45' (EPSG:9210)".to_string()
        } else {
            "Hệ tọa độ VN-2000 / TM-3 105°45' (EPSG:9210)".to_string()
        }
    }));
    export.words = MapWords::for_language(if args.english {
        Language::English
    } else {
        Language::Vietnamese
    });
    export.show_legend = !args.no_legend;
    let view = match args.bbox {
        Some(bbox) => Some(bbox_in_map(bbox)?),
        None => inputs.home.or_else(|| {
            inputs
                .layers
                .iter()
                .filter(|layer| layer.visible)
                .fold(None, |extent, layer| {
                    union_rect(extent, layer.extent_in_map)
                })
        }),
    };
    let layers: Vec<&Layer> = inputs.layers.iter().collect();
    if let Some(view) = view {
        let legend = legend_entries_within(&layers, &export.words.legend, view);
        export.fit_beside_legend(view, &legend)?;
    }
    let legend = legend_entries_within(
        &layers,
        &export.words.legend,
        export.viewport().visible_rect(0.0),
    );
    let png = render_map_png(&layers, &export, &legend)?;
    write_bytes_atomically(&args.out, &png)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    Ok(())
}
