//! The panels and windows around the map. Each reads the session and view state and pushes
//! [`Action`]s; none changes the session itself.

pub mod attribute_table;
pub mod export_dialog;
pub mod identify;
pub mod land_use;
pub mod layers;
pub mod load_questions;
pub mod notices;
pub mod open_dialog;
pub mod png_export;
pub mod project_dialogs;
pub mod style_editor;

use std::path::PathBuf;

use crate::core::crs::Crs;
use crate::core::layer::LayerId;
use crate::core::session::Edit;

use super::i18n::Lang;
use super::map_view::Selection;

/// Something a panel asks the application to do; applied once per frame, after the UI is drawn.
#[derive(Debug)]
pub enum Action {
    /// A change to the project, recorded as one undoable step.
    Edit(Edit),
    /// A change made while dragging or typing (a slider, a colour, a vertex): consecutive ones to the same
    /// thing join one undoable step until the pointer is released and no text field has the keyboard.
    DragEdit(Edit),
    /// Set one field of these features to the value typed (parsed for the field's kind; one undoable step).
    SetAttributeText {
        /// The layer.
        layer: LayerId,
        /// The features' positions.
        features: Vec<usize>,
        /// The field's position.
        field: usize,
        /// What the planner typed.
        text: String,
    },
    /// Put a layer into edit mode, or take it out (only one layer is in edit mode at a time).
    ToggleEditMode(LayerId),
    /// Delete the selected feature of the layer in edit mode.
    DeleteSelectedFeature,
    /// A key for the editing tools (Enter, Backspace, Delete, Esc).
    EditorKey(eframe::egui::Key),
    /// Write a layer's edits back to its file.
    SaveLayerEdits(LayerId),
    /// Show or hide the land-use balance panel.
    ToggleLandUse,
    /// Write the land-use balance table to this CSV file.
    ExportLandUseCsv(PathBuf),
    /// Undo the newest step.
    Undo,
    /// Redo the newest undone step.
    Redo,
    /// Frame the extent of a layer.
    ZoomToLayer(LayerId),
    /// Frame the city (the project's home extent).
    ZoomToCity,
    /// Zoom in one step around the view centre.
    ZoomIn,
    /// Zoom out one step around the view centre.
    ZoomOut,
    /// Select a feature (or clear the selection).
    Select(Option<Selection>),
    /// Select a feature and frame it.
    ZoomToFeature(Selection),
    /// Choose the layer whose controls the layer panel shows.
    ChooseLayer(Option<LayerId>),
    /// Fold (true) or unfold a layer group in the layer panel (view state, not an edit).
    SetGroupCollapsed(String, bool),
    /// Show a layer's attribute table.
    OpenTable(LayerId),
    /// Show a layer's style editor.
    OpenStyleEditor(LayerId),
    /// Load data files (with a CRS for files that do not declare one).
    OpenFiles(Vec<PathBuf>, Option<Crs>),
    /// Show the open-file dialog.
    ShowOpenDialog,
    /// Re-open the shipped Hai Phong map.
    OpenDefaultProject,
    /// Switch the interface language.
    SetLanguage(Lang),
    /// Show or hide the analysis panel.
    ToggleAnalysis,
    /// Tell the user something went wrong.
    Notify(String),
    /// Delete the selected proposed site.
    AnalysisDeleteSelected,
    /// Save the proposed sites as a new layer.
    AnalysisSaveProposed,
    /// Add the ticked suggestions as proposed sites.
    AnalysisAcceptSuggestions,
    /// Load a file again with the user's answers (CRS, CSV columns).
    RetryLoad(PathBuf, crate::core::io::LoadOptions),
    /// Reload a layer from its file with another text encoding.
    ReloadWithEncoding(LayerId, crate::core::text_encoding::TextEncoding),
    /// Show the export dialog for a layer.
    OpenExportDialog(LayerId),
    /// Write a layer to a file.
    ExportLayer(export_dialog::ExportDialogState),
    /// Show the PNG export dialog.
    ShowPngExport,
    /// Render the current view to a PNG file.
    ExportPng(png_export::PngExportState),
    /// Start an empty project (no layers, no file yet).
    NewProject,
    /// Show the open dialog for project files.
    ShowOpenProjectDialog,
    /// Open a project file in place of the current project.
    OpenProject(PathBuf),
    /// Save the project to its file (Save As when it has none).
    SaveProject,
    /// Show the "save project as" dialog.
    ShowSaveProjectAs,
    /// Save the project to this file and keep working in it.
    SaveProjectAs(PathBuf),
    /// Show the open dialog to find the missing file of the project layer at this position.
    ShowRelinkDialog(usize),
    /// Point the project layer at this position to a new file and load it.
    RelinkLayer(usize, PathBuf),
    /// Open the newer autosave offered at opening (the project stays marked unsaved).
    RecoverAutosave,
    /// Remove the newer autosave and open the project as saved.
    DiscardAutosave,
    /// Drop the unsaved changes and go on to the new or opened project that waited.
    ConfirmProjectSwitch,
    /// Keep the current project (the new or opened one that waited is forgotten).
    CancelProjectSwitch,
    /// A field review request (pins, the review panel, review files).
    Review(crate::app::review::ReviewAction),
    /// A slides panel or presentation request.
    Slides(crate::app::presentation::SlideAction),
    /// A database layer request (connect, reload, retry).
    Database(crate::app::database::DbAction),
    /// Publishing a layer to the database, or settling the conflicts of a database save.
    DbSave(crate::app::database::save_database::DbSaveAction),
    /// A TT16 dossier check request (choose, check, zoom to a problem, export CSV).
    Tt16(crate::app::tt16_check::Tt16Action),
}
