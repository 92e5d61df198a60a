//! `hpatlas`: with no arguments (or with data files / a project) it opens the atlas window; the subcommands
//! give the headless core on the command line (`info`, `coverage`, `transform`, `render`).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use hpatlas::core::analysis::coverage_model::CoverageModel;
use hpatlas::core::analysis::report::{coverage_csv, coverage_json, gaps_geojson};
use hpatlas::core::analysis::units::{RadiusRule, discs_from_layer, units_from_layer};
use hpatlas::core::crs::{Crs, MAP_CRS, Reprojector, WGS84};
use hpatlas::core::geometry::union_rect;
use hpatlas::core::info::summarize;
use hpatlas::core::io::atomic_write::write_atomically;
use hpatlas::core::io::read_layer_file;
use hpatlas::core::layer::Layer;
use hpatlas::core::project_load::{home_extent, load_project_layers};
use hpatlas::core::render::{DEFAULT_CREDITS_EN, MapExport, legend_entries_within, render_map_png};
use hpatlas::core::shipped_files::{default_project_path, is_project_file};

/// Hai Phong Smart Planning Atlas.
#[derive(Parser, Debug)]
#[command(
    name = "hpatlas",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Data files or a project (.hpatlas.json) to open in the window; the Hai Phong map when none.
    files: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print a JSON summary of a data file: features, geometry types, CRS, WGS 84 bbox, attributes.
    Info {
        /// The file to read.
        file: PathBuf,
        /// The CRS of the coordinates when the file does not say (e.g. EPSG:9210).
        #[arg(long)]
        crs: Option<Crs>,
    },
    /// Digital-service coverage of unit polygons by service discs: per-unit area, covered area and share.
    Coverage {
        /// The unit polygons (zones, wards, districts).
        #[arg(long)]
        units: PathBuf,
        /// The service sites (points).
        #[arg(long)]
        sites: PathBuf,
        /// One service radius for every site, in metres.
        #[arg(
            long,
            conflicts_with = "radius_field",
            required_unless_present = "radius_field"
        )]
        radius_m: Option<f64>,
        /// The site attribute holding each site's radius in metres.
        #[arg(long)]
        radius_field: Option<String>,
        /// The unit attribute that names each unit (the feature number when absent).
        #[arg(long)]
        unit_field: Option<String>,
        /// The unit attribute holding its population (adds population covered).
        #[arg(long)]
        population_field: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
        /// Also write the uncovered gap polygons to this GeoJSON file (WGS 84).
        #[arg(long)]
        gaps: Option<PathBuf>,
    },
    /// Render a project or data files to a PNG map with title, legend, scale bar, north arrow and credits.
    Render(RenderArgs),
    /// Transform one coordinate pair between two CRSs and print "X Y".
    Transform {
        /// Source CRS, e.g. EPSG:4326.
        #[arg(long)]
        from: Crs,
        /// Target CRS, e.g. EPSG:9210.
        #[arg(long)]
        to: Crs,
        /// Easting or longitude.
        #[arg(allow_negative_numbers = true)]
        x: f64,
        /// Northing or latitude.
        #[arg(allow_negative_numbers = true)]
        y: f64,
    },
}

/// Options of `hpatlas render`.
#[derive(clap::Args, Debug)]
struct RenderArgs {
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

/// Table formats of `hpatlas coverage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    /// One JSON object with `units` and `total`.
    Json,
    /// A CSV table with a TOTAL row.
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Some(Command::Info { file, crs }) => info(&file, crs),
        Some(Command::Coverage {
            units,
            sites,
            radius_m,
            radius_field,
            unit_field,
            population_field,
            format,
            gaps,
        }) => {
            let rule = match (radius_m, radius_field) {
                (Some(radius_m), _) => RadiusRule::Fixed(radius_m),
                (None, Some(field)) => RadiusRule::Field(field),
                (None, None) => RadiusRule::Fixed(0.0),
            };
            let fields = UnitFields {
                name: unit_field,
                population: population_field,
            };
            coverage(&units, &sites, &rule, &fields, format, gaps.as_deref())
        }
        Some(Command::Transform { from, to, x, y }) => transform(from, to, x, y),
        Some(Command::Render(args)) => render(&args),
        None => open_window(cli.files),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("hpatlas: {}", one_line(&error));
            ExitCode::FAILURE
        }
    }
}

/// Joins an error and its causes into one line.
fn one_line(error: &anyhow::Error) -> String {
    error
        .chain()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ")
        .replace('\n', " ")
}

fn info(file: &std::path::Path, crs: Option<Crs>) -> Result<()> {
    let data = read_layer_file(file, crs, &mut |_| {})?;
    let summary = summarize(&data).with_context(|| format!("{}", file.display()))?;
    println!("{}", serde_json::to_string_pretty(&summary)?);
    Ok(())
}

/// Which unit attributes the coverage report uses.
struct UnitFields {
    name: Option<String>,
    population: Option<String>,
}

fn load_layer(path: &std::path::Path) -> Result<Layer> {
    let data = read_layer_file(path, None, &mut |_| {})?;
    Layer::prepare(data, &mut |_| {}).with_context(|| path.display().to_string())
}

fn coverage(
    units_path: &std::path::Path,
    sites_path: &std::path::Path,
    rule: &RadiusRule,
    fields: &UnitFields,
    format: ReportFormat,
    gaps_path: Option<&std::path::Path>,
) -> Result<()> {
    let units_layer = load_layer(units_path)?;
    let sites_layer = load_layer(sites_path)?;
    let (units, _) = units_from_layer(
        &units_layer,
        fields.name.as_deref(),
        fields.population.as_deref(),
        None,
    )
    .with_context(|| units_path.display().to_string())?;
    let discs: Vec<_> = discs_from_layer(&sites_layer, rule)
        .with_context(|| sites_path.display().to_string())?
        .into_iter()
        .map(|(_, disc)| disc)
        .collect();
    let model = CoverageModel::new(units, discs)?;
    match format {
        ReportFormat::Json => println!("{}", coverage_json(&model)?),
        ReportFormat::Csv => print!("{}", coverage_csv(&model)),
    }
    if let Some(gaps_path) = gaps_path {
        let (collection, failed_units) = gaps_geojson(&model)?;
        write_atomically(gaps_path, serde_json::to_string(&collection)?.as_bytes())
            .with_context(|| format!("cannot write {}", gaps_path.display()))?;
        if !failed_units.is_empty() {
            eprintln!(
                "hpatlas: the gap shapes of {} unit(s) could not be built and are missing from {}: {}",
                failed_units.len(),
                gaps_path.display(),
                failed_units.join(", ")
            );
        }
    }
    Ok(())
}

fn transform(from: Crs, to: Crs, x: f64, y: f64) -> Result<()> {
    let reprojector = Reprojector::new(from, to)?;
    let (out_x, out_y) = reprojector.convert(x, y)?;
    let decimals = |crs: Crs| if crs.is_geographic() { 9 } else { 3 };
    println!(
        "{out_x:.prec_x$} {out_y:.prec_y$}",
        prec_x = decimals(to),
        prec_y = decimals(to)
    );
    Ok(())
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
            let project = load_project_layers(path)?;
            for warning in &project.warnings {
                eprintln!("hpatlas: warning: {warning}");
            }
            loaded.home = loaded
                .home
                .or_else(|| home_extent(&project.project, &project.layers));
            if loaded.title.is_none() && !project.project.title.is_empty() {
                loaded.title = Some(project.project.title.clone());
            }
            loaded.layers.extend(project.layers);
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

fn render(args: &RenderArgs) -> Result<()> {
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
    if args.english {
        export.north_letter = "N".to_string();
        export.legend_title = "Legend".to_string();
        export.credits = vec![DEFAULT_CREDITS_EN.to_string()];
    }
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
        export.fit_beside_legend(view, &legend_entries_within(&layers, args.english, view))?;
    }
    let legend = legend_entries_within(&layers, args.english, export.viewport().visible_rect(0.0));
    let png = render_map_png(&layers, &export, &legend)?;
    write_atomically(&args.out, &png)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    Ok(())
}

#[cfg(feature = "gui")]
fn open_window(files: Vec<PathBuf>) -> Result<()> {
    hpatlas::app::run(files)
}

#[cfg(not(feature = "gui"))]
fn open_window(_files: Vec<PathBuf>) -> Result<()> {
    anyhow::bail!(
        "this build has no window (built without the `gui` feature); use `hpatlas info` or `hpatlas transform`"
    )
}
