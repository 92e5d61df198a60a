//! Offline field review in the app: the *Góp ý hiện trường* panel (pin list with filters, the selected pin's
//! form and history, exchange of review files), dropping pins by clicking the map, the pins drawn on the map,
//! and the reviewer's name, asked once per laptop and kept in the user settings file.
//!
//! The pins themselves are [`crate::core::review::ReviewPins`] in the session; this module holds only the
//! panel's state ([`ReviewState`]) and turns the panel's [`ReviewAction`]s into session edits (each new pin
//! version is an [`Edit::PutPinVersion`], so dropping, editing, deleting and merging pins undo like any
//! other change) through a [`ReviewContext`] the app lends it for one action.

pub mod map_pins;
pub mod panel;
mod time_text;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use eframe::egui;
use uuid::Uuid;

use super::camera::Camera;
use super::i18n::Texts;
use super::panels::Action;
use super::panels::notices::Notice;
use crate::core::crs::Reprojector;
use crate::core::review::{
    MergeReport, PinCategory, PinDraft, PinFilter, PinStatus, PinVersion, ReviewPins,
};
use crate::core::review_exchange::{
    export_review, import_review_photos, photo_version, read_review,
};
use crate::core::session::{Edit, EditKind, Session};
use crate::core::timestamp::Timestamp;
use crate::core::user_settings::{UserSettings, default_settings_path, tidy_author};

/// Flying to a pin zooms in to at least this many metres per screen point.
const FLY_TO_M_PER_PX: f64 = 6.0;

/// Something the review panel, the map or a shortcut asks for; applied by [`ReviewState::apply`].
#[derive(Clone, Debug, PartialEq)]
pub enum ReviewAction {
    /// Show or hide the panel.
    TogglePanel,
    /// The next map click drops a pin (asks the reviewer's name first if unknown).
    StartDropping,
    /// Leave the dropping mode.
    CancelDropping,
    /// Drop a new (unsaved) pin at this map point; the form opens for it.
    DropAt([f64; 2]),
    /// Select a pin and fly the camera to it.
    SelectAndFly(Uuid),
    /// Select a pin clicked on the map (the camera stays).
    SelectOnMap(Uuid),
    /// Close the form (an unsaved new pin is discarded).
    CloseForm,
    /// Save the form: add the new pin, or record the changes as one new version.
    SaveForm,
    /// Delete a pin (a tombstone version; its history is kept).
    Delete(Uuid),
    /// Open the reviewer-name window.
    AskAuthor,
    /// Store the reviewer's name, then carry on with what was waiting for it.
    SetAuthor(String),
    /// Copy the photo named in the photo field next to the project and attach it to the selected pin.
    AttachPhoto,
    /// Write the review file named in the export field.
    Export,
    /// Read and merge the review files named in the import field.
    Import,
}

/// What [`ReviewState::apply`] may change besides the panel: lent by the app for one action.
pub struct ReviewContext<'a> {
    /// The open project (its pins change through edits).
    pub session: &'a mut Session,
    /// The project file (photos are copied next to it), `None` until saved.
    pub project_path: Option<&'a Path>,
    /// The map camera (to fly to pins).
    pub camera: &'a mut Camera,
    /// Map CRS → WGS 84 (pins are stored in longitude/latitude).
    pub to_wgs84: Option<&'a Reprojector>,
    /// WGS 84 → map CRS.
    pub from_wgs84: Option<&'a Reprojector>,
    /// Messages for the user.
    pub notices: &'a mut Vec<Notice>,
    /// The interface texts.
    pub texts: &'static Texts,
}

/// The selected pin's edit form: the values being edited and the version they started from (only fields the
/// planner changed are written, so a merge that arrived meanwhile is not undone).
#[derive(Clone, Debug, PartialEq)]
pub struct PinForm {
    /// The pin edited, or `None` for a new pin not saved yet.
    pub pin: Option<Uuid>,
    /// Longitude, WGS 84 degrees.
    pub lon_deg: f64,
    /// Latitude, WGS 84 degrees.
    pub lat_deg: f64,
    /// The edited category.
    pub category: PinCategory,
    /// The edited status.
    pub status: PinStatus,
    /// The edited note.
    pub text: String,
    /// The version the form was filled from (`None` for a new pin).
    base: Option<PinVersion>,
    /// The note field takes the keyboard on the next frame (a pin just dropped).
    pub focus_note: bool,
}

impl PinForm {
    fn new_pin(lon_deg: f64, lat_deg: f64) -> Self {
        Self {
            pin: None,
            lon_deg,
            lat_deg,
            category: PinCategory::Issue,
            status: PinStatus::Open,
            text: String::new(),
            base: None,
            focus_note: true,
        }
    }

    fn of(id: Uuid, version: &PinVersion) -> Self {
        Self {
            pin: Some(id),
            lon_deg: version.lon_deg,
            lat_deg: version.lat_deg,
            category: version.category,
            status: version.status,
            text: version.text.clone(),
            base: Some(version.clone()),
            focus_note: false,
        }
    }

    /// True when the planner changed something not saved yet.
    pub fn is_dirty(&self) -> bool {
        match &self.base {
            None => true,
            Some(base) => {
                base.category != self.category
                    || base.status != self.status
                    || base.text != self.text
            }
        }
    }

    /// The photos of the version the form shows.
    pub fn photos(&self) -> &[String] {
        self.base.as_ref().map_or(&[], |base| &base.photos)
    }
}

/// The reviewer-name window.
#[derive(Clone, Debug, PartialEq)]
pub struct AuthorPrompt {
    /// The name typed so far.
    pub name: String,
    /// What to do once the name is known.
    then: Option<Box<ReviewAction>>,
}

/// The review panel's state; one field of the app.
pub struct ReviewState {
    /// The panel is shown.
    pub open: bool,
    /// Which pins the list and the map show.
    pub filter: PinFilter,
    /// Pins are drawn on the map.
    pub show_on_map: bool,
    /// The next map click drops a pin.
    pub dropping: bool,
    /// The selected pin's (or the new pin's) form.
    pub form: Option<PinForm>,
    /// The "delete this pin?" question is shown.
    pub confirm_delete: bool,
    /// The reviewer's name on this laptop.
    pub author: Option<String>,
    /// The reviewer-name window, when shown.
    pub author_prompt: Option<AuthorPrompt>,
    /// The photo field is shown, with its text.
    pub photo_path: Option<String>,
    /// The export field is shown, with its text.
    pub export_path: Option<String>,
    /// The import field is shown, with its text (one path per line).
    pub import_paths: Option<String>,
    /// The last merge's summary.
    pub last_merge: Option<String>,
    settings_path: Option<PathBuf>,
    map_positions: HashMap<Uuid, ([f64; 2], Option<[f64; 2]>)>,
}

impl Default for ReviewState {
    fn default() -> Self {
        Self {
            open: false,
            filter: PinFilter::default(),
            show_on_map: true,
            dropping: false,
            form: None,
            confirm_delete: false,
            author: None,
            author_prompt: None,
            photo_path: None,
            export_path: None,
            import_paths: None,
            last_merge: None,
            settings_path: None,
            map_positions: HashMap::new(),
        }
    }
}

impl ReviewState {
    /// The panel state with the reviewer's name read from the usual settings file; a settings file that
    /// cannot be read gives a message (and the name is asked again, without overwriting that file).
    pub fn from_user_settings() -> (Self, Option<String>) {
        let mut state = Self::default();
        let error = default_settings_path().and_then(|path| state.use_settings_file(path));
        (state, error)
    }

    /// Reads the reviewer's name from `settings_path` and stores it there from now on (tests and portable
    /// set-ups use their own file). Returns a message when the file cannot be read.
    pub fn use_settings_file(&mut self, settings_path: PathBuf) -> Option<String> {
        let loaded = UserSettings::load(&settings_path);
        self.settings_path = Some(settings_path);
        match loaded {
            Ok(settings) => {
                self.author = settings.review_author;
                None
            }
            Err(error) => {
                self.author = None;
                Some(error.to_string())
            }
        }
    }

    /// The selected (saved) pin.
    pub fn selected(&self) -> Option<Uuid> {
        self.form.as_ref().and_then(|form| form.pin)
    }

    /// Closes the form of a pin that no longer exists (another project was opened).
    pub fn forget_missing_pin(&mut self, pins: &ReviewPins) {
        if let Some(id) = self.selected()
            && pins.current(id).is_none()
        {
            self.form = None;
            self.confirm_delete = false;
            self.photo_path = None;
        }
    }

    /// Pushes the review shortcuts: P starts dropping a pin, Esc cancels it.
    pub fn keyboard_shortcuts(&self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        ctx.input(|input| {
            if input.key_pressed(egui::Key::P) && input.modifiers.is_none() && !self.dropping {
                actions.push(Action::Review(ReviewAction::StartDropping));
            }
            if input.key_pressed(egui::Key::Escape) && self.dropping {
                actions.push(Action::Review(ReviewAction::CancelDropping));
            }
        });
    }

    /// What a click at `clicked_in_map` means for the review: drop a pin (in dropping mode) or select the
    /// pin under it; `None` leaves the click to the rest of the map.
    pub fn click_on_map(
        &mut self,
        clicked_in_map: [f64; 2],
        m_per_px: f64,
        pins: &ReviewPins,
        from_wgs84: Option<&Reprojector>,
    ) -> Option<ReviewAction> {
        if self.dropping {
            return Some(ReviewAction::DropAt(clicked_in_map));
        }
        if !self.show_on_map {
            return None;
        }
        self.pin_at(clicked_in_map, m_per_px, pins, from_wgs84)
            .map(ReviewAction::SelectOnMap)
    }

    /// Applies one action.
    pub fn apply(&mut self, action: ReviewAction, context: &mut ReviewContext) {
        if needs_author(&action) && self.author.is_none() {
            self.author_prompt = Some(AuthorPrompt {
                name: String::new(),
                then: Some(Box::new(action)),
            });
            return;
        }
        match action {
            ReviewAction::TogglePanel => {
                self.open = !self.open;
                if !self.open {
                    self.dropping = false;
                }
            }
            ReviewAction::StartDropping => {
                self.open = true;
                self.dropping = true;
            }
            ReviewAction::CancelDropping => self.dropping = false,
            ReviewAction::DropAt(pt_in_map) => self.drop_at(pt_in_map, context),
            ReviewAction::SelectAndFly(id) => {
                self.select(id, context.session.pins());
                if let Some(pt) = self.map_position(id, context.session.pins(), context.from_wgs84)
                {
                    context.camera.center_in_map = pt;
                    context.camera.m_per_px = context.camera.m_per_px.min(FLY_TO_M_PER_PX);
                }
            }
            ReviewAction::SelectOnMap(id) => {
                self.open = true;
                self.select(id, context.session.pins());
            }
            ReviewAction::CloseForm => {
                self.form = None;
                self.confirm_delete = false;
                self.photo_path = None;
            }
            ReviewAction::SaveForm => self.save_form(context),
            ReviewAction::Delete(id) => {
                let author = self.author.clone().unwrap_or_default();
                let version =
                    context
                        .session
                        .pins()
                        .next_version(id, &author, Timestamp::now(), |pin| pin.deleted = true);
                match version.map(|version| put_version(context.session, id, version)) {
                    Ok(Ok(())) => {
                        self.form = None;
                        self.confirm_delete = false;
                    }
                    Ok(Err(message)) => notify_error(context.notices, message),
                    Err(error) => notify_error(context.notices, error.to_string()),
                }
            }
            ReviewAction::AskAuthor => {
                self.author_prompt = Some(AuthorPrompt {
                    name: self.author.clone().unwrap_or_default(),
                    then: None,
                });
            }
            ReviewAction::SetAuthor(name) => self.set_author(&name, context),
            ReviewAction::AttachPhoto => self.attach_photo(context),
            ReviewAction::Export => self.export(context),
            ReviewAction::Import => self.import(context),
        }
    }

    fn select(&mut self, id: Uuid, pins: &ReviewPins) {
        self.dropping = false;
        self.confirm_delete = false;
        self.photo_path = None;
        self.form = pins.current(id).map(|version| PinForm::of(id, version));
    }

    fn drop_at(&mut self, pt_in_map: [f64; 2], context: &mut ReviewContext) {
        self.dropping = false;
        let Some(to_wgs84) = context.to_wgs84 else {
            return;
        };
        match to_wgs84.convert(pt_in_map[0], pt_in_map[1]) {
            Ok((lon_deg, lat_deg)) => {
                self.open = true;
                self.confirm_delete = false;
                self.photo_path = None;
                self.form = Some(PinForm::new_pin(lon_deg, lat_deg));
            }
            Err(error) => notify_error(context.notices, error.to_string()),
        }
    }

    fn save_form(&mut self, context: &mut ReviewContext) {
        let (Some(form), Some(author)) = (self.form.clone(), self.author.clone()) else {
            return;
        };
        let now = Timestamp::now();
        let saved = match (&form.pin, &form.base) {
            (Some(id), Some(base)) => context
                .session
                .pins()
                .next_version(*id, &author, now, |pin| {
                    if form.category != base.category {
                        pin.category = form.category;
                    }
                    if form.status != base.status {
                        pin.status = form.status;
                    }
                    if form.text != base.text {
                        pin.text.clone_from(&form.text);
                    }
                })
                .map(|version| (*id, version)),
            _ => {
                let draft = PinDraft {
                    lon_deg: form.lon_deg,
                    lat_deg: form.lat_deg,
                    category: form.category,
                    text: form.text.clone(),
                };
                ReviewPins::first_version(draft, &author, now)
                    .map(|(id, version)| (id, Some(version)))
            }
        };
        match saved {
            Ok((id, version)) => match put_version(context.session, id, version) {
                Ok(()) => self.select(id, context.session.pins()),
                Err(message) => notify_error(context.notices, message),
            },
            Err(error) => notify_error(context.notices, error.to_string()),
        }
    }

    fn set_author(&mut self, name: &str, context: &mut ReviewContext) {
        let Some(name) = tidy_author(name) else {
            return;
        };
        if let Some(path) = &self.settings_path
            && let Err(error) = UserSettings::record_author(path, &name)
        {
            let t = context.texts.review;
            notify_error(context.notices, format!("{} {error}", t.settings_unsaved));
        }
        self.author = Some(name);
        let then = self.author_prompt.take().and_then(|prompt| prompt.then);
        if let Some(action) = then {
            self.apply(*action, context);
        }
    }

    fn attach_photo(&mut self, context: &mut ReviewContext) {
        let (Some(id), Some(project_path), Some(author)) =
            (self.selected(), context.project_path, self.author.clone())
        else {
            return;
        };
        let photo = PathBuf::from(self.photo_path.as_deref().unwrap_or_default().trim());
        if photo.as_os_str().is_empty() {
            notify_error(context.notices, context.texts.review.no_paths.to_string());
            return;
        }
        let attached = photo_version(
            context.session.pins(),
            project_path,
            id,
            &photo,
            &author,
            Timestamp::now(),
        );
        match attached.map(|(_, version)| put_version(context.session, id, version)) {
            Ok(Ok(())) => {
                self.photo_path = None;
                self.refresh_form(context.session.pins(), true);
            }
            Ok(Err(message)) => notify_error(context.notices, message),
            Err(error) => notify_error(context.notices, error.to_string()),
        }
    }

    /// Refills the form from the pin's newest version, keeping the planner's unsaved changes when `keep_edits`.
    fn refresh_form(&mut self, pins: &ReviewPins, keep_edits: bool) {
        let Some(form) = self.form.as_mut() else {
            return;
        };
        let Some(id) = form.pin else {
            return;
        };
        let Some(current) = pins.current(id) else {
            return;
        };
        if current.deleted && !self.filter.include_deleted {
            self.form = None;
            return;
        }
        let mut fresh = PinForm::of(id, current);
        if keep_edits && form.is_dirty() {
            fresh.category = form.category;
            fresh.status = form.status;
            fresh.text = form.text.clone();
        }
        *form = fresh;
    }

    fn export(&mut self, context: &mut ReviewContext) {
        let path = PathBuf::from(self.export_path.as_deref().unwrap_or_default().trim());
        if path.as_os_str().is_empty() {
            notify_error(context.notices, context.texts.review.no_paths.to_string());
            return;
        }
        match export_review(&path, context.session.pins(), context.project_path) {
            Ok(()) => {
                self.export_path = None;
                context.notices.push(Notice {
                    text: format!(
                        "{} {} {}",
                        context.session.pins().len(),
                        context.texts.review.exported_pins,
                        path.display()
                    ),
                    is_error: false,
                });
            }
            Err(error) => notify_error(context.notices, error.to_string()),
        }
    }

    fn import(&mut self, context: &mut ReviewContext) {
        let paths = import_paths(self.import_paths.as_deref().unwrap_or_default());
        if paths.is_empty() {
            notify_error(context.notices, context.texts.review.no_paths.to_string());
            return;
        }
        let read: Result<Vec<ReviewPins>, _> = paths.iter().map(|path| read_review(path)).collect();
        let files = match read {
            Ok(files) => files,
            Err(error) => {
                notify_error(context.notices, error.to_string());
                return;
            }
        };
        let mut report = MergeReport::default();
        let mut unchanged = 0;
        let mut merged_pins = context.session.pins().clone();
        let mut edits = Vec::new();
        for file in &files {
            for (id, version) in merged_pins.missing_versions(file) {
                edits.push(Edit::PutPinVersion {
                    id,
                    version: Box::new(version),
                });
            }
            let merged = merged_pins.merge(file);
            unchanged += file.len() - merged.new_pins - merged.updated_pins;
            report.new_pins += merged.new_pins;
            report.updated_pins += merged.updated_pins;
            report.new_versions += merged.new_versions;
        }
        if let Err(error) = context.session.edit_group(EditKind::MergePins, edits) {
            notify_error(context.notices, error.to_string());
            return;
        }
        if let Some(project_path) = context.project_path {
            for (path, file) in paths.iter().zip(&files) {
                if let Err(error) = import_review_photos(file, path, project_path) {
                    notify_error(context.notices, error.to_string());
                }
            }
        }
        let t = context.texts.review;
        let summary = format!(
            "{} {} {}: {} {}, {} {}, {} {}.",
            t.merged_files,
            files.len(),
            t.files_word,
            report.new_pins,
            t.added_word,
            report.updated_pins,
            t.updated_word,
            unchanged,
            t.unchanged_word
        );
        context.notices.push(Notice {
            text: summary.clone(),
            is_error: false,
        });
        self.last_merge = Some(summary);
        self.import_paths = None;
        self.refresh_form(context.session.pins(), true);
    }

    /// The pin's position in the map CRS (cached while its longitude/latitude stay the same).
    fn map_position(
        &mut self,
        id: Uuid,
        pins: &ReviewPins,
        from_wgs84: Option<&Reprojector>,
    ) -> Option<[f64; 2]> {
        let version = pins.current(id)?;
        map_position_cached(
            &mut self.map_positions,
            id,
            [version.lon_deg, version.lat_deg],
            from_wgs84,
        )
    }

    /// The topmost pin whose marker is under `pt_in_map`, among those the filter shows.
    fn pin_at(
        &mut self,
        pt_in_map: [f64; 2],
        m_per_px: f64,
        pins: &ReviewPins,
        from_wgs84: Option<&Reprojector>,
    ) -> Option<Uuid> {
        let shown = map_pins::pins_in_drawing_order(pins, &self.filter, self.selected());
        shown.into_iter().rev().find_map(|(id, version)| {
            let tip = map_position_cached(
                &mut self.map_positions,
                id,
                [version.lon_deg, version.lat_deg],
                from_wgs84,
            )?;
            let offset_px = [
                ((pt_in_map[0] - tip[0]) / m_per_px) as f32,
                (-(pt_in_map[1] - tip[1]) / m_per_px) as f32,
            ];
            map_pins::marker_contains(egui::vec2(offset_px[0], offset_px[1])).then_some(id)
        })
    }
}

/// The cached map position of a pin at `lon_lat`, converting when the cache does not hold that position.
fn map_position_cached(
    cache: &mut HashMap<Uuid, ([f64; 2], Option<[f64; 2]>)>,
    id: Uuid,
    lon_lat: [f64; 2],
    from_wgs84: Option<&Reprojector>,
) -> Option<[f64; 2]> {
    if let Some((cached_at, in_map)) = cache.get(&id)
        && *cached_at == lon_lat
    {
        return *in_map;
    }
    let in_map = from_wgs84
        .and_then(|reprojector| reprojector.convert(lon_lat[0], lon_lat[1]).ok())
        .map(|(x, y)| [x, y]);
    cache.insert(id, (lon_lat, in_map));
    in_map
}

/// The actions that record the reviewer's name on a pin.
fn needs_author(action: &ReviewAction) -> bool {
    matches!(
        action,
        ReviewAction::StartDropping
            | ReviewAction::SaveForm
            | ReviewAction::Delete(_)
            | ReviewAction::AttachPhoto
    )
}

/// The paths of the import field: one per line (or separated by `;`), blanks ignored.
pub fn import_paths(text: &str) -> Vec<PathBuf> {
    text.split(['\n', ';'])
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(PathBuf::from)
        .collect()
}

/// A file name for this reviewer's export: `gop-y-<name>-<YYYY-MM-DD>.geojson` in `folder`.
pub fn default_export_path(folder: &Path, author: Option<&str>, now: Timestamp) -> PathBuf {
    let name: String = author
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    let date = time_text::vietnam_date(now);
    let file = if name.is_empty() {
        format!("gop-y-{date}.geojson")
    } else {
        format!("gop-y-{name}-{date}.geojson")
    };
    folder.join(file)
}

/// Adds a pin's new version to the session as one undoable edit (nothing when there is no new version).
fn put_version(session: &mut Session, id: Uuid, version: Option<PinVersion>) -> Result<(), String> {
    match version {
        Some(version) => session
            .edit(Edit::PutPinVersion {
                id,
                version: Box::new(version),
            })
            .map_err(|error| error.to_string()),
        None => Ok(()),
    }
}

fn notify_error(notices: &mut Vec<Notice>, text: String) {
    notices.push(Notice {
        text,
        is_error: true,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_paths_split_by_line_and_semicolon() {
        assert_eq!(
            import_paths(" a.geojson \n\n b.geojson; c.geojson ;"),
            vec![
                PathBuf::from("a.geojson"),
                PathBuf::from("b.geojson"),
                PathBuf::from("c.geojson")
            ]
        );
        assert!(import_paths("  \n ").is_empty());
    }

    #[test]
    fn the_export_name_has_the_reviewer_and_the_vietnam_date() {
        // 2025-07-01T20:30:00Z is already 2 July in Vietnam (UTC+7).
        let now: Timestamp = "2025-07-01T20:30:00Z".parse().expect("valid");
        let path = default_export_path(Path::new("/p"), Some(" Trần  Văn/An "), now);
        assert_eq!(
            path,
            PathBuf::from("/p/gop-y-Trần-VănAn-2025-07-02.geojson")
        );
        let path = default_export_path(Path::new("/p"), None, now);
        assert_eq!(path, PathBuf::from("/p/gop-y-2025-07-02.geojson"));
    }

    #[test]
    fn a_form_writes_only_what_the_planner_changed() {
        let mut session = Session::new("");
        let t0: Timestamp = "2025-07-01T08:00:00Z".parse().expect("valid");
        let draft = PinDraft {
            lon_deg: 106.68,
            lat_deg: 20.86,
            category: PinCategory::Issue,
            text: "Cống tắc".into(),
        };
        let (id, first) = ReviewPins::first_version(draft, "An", t0).expect("added");
        put_version(&mut session, id, Some(first)).expect("put");
        let mut form = PinForm::of(id, session.pins().current(id).expect("pin"));
        assert!(!form.is_dirty());
        // Meanwhile another laptop's edit arrives (text changed), then the planner changes only the status.
        let theirs = session
            .pins()
            .next_version(id, "Bình", t0.plus_ns(5_000_000_000), |pin| {
                pin.text = "Cống tắc, đã báo phường".into()
            })
            .expect("edited");
        put_version(&mut session, id, theirs).expect("put");
        form.status = PinStatus::Resolved;
        assert!(form.is_dirty());
        let mut state = ReviewState {
            author: Some("An".into()),
            form: Some(form),
            ..ReviewState::default()
        };
        let mut camera = Camera::default();
        let mut notices = Vec::new();
        let mut context = ReviewContext {
            session: &mut session,
            project_path: None,
            camera: &mut camera,
            to_wgs84: None,
            from_wgs84: None,
            notices: &mut notices,
            texts: crate::app::i18n::Lang::Vi.texts(),
        };
        state.apply(ReviewAction::SaveForm, &mut context);
        let current = session.pins().current(id).expect("pin");
        assert_eq!(current.status, PinStatus::Resolved);
        assert_eq!(current.text, "Cống tắc, đã báo phường");
        assert_eq!(session.pins().versions(id).len(), 3);
        session.undo().expect("undo");
        assert_eq!(session.pins().versions(id).len(), 2, "a pin edit undoes");
        assert!(notices.is_empty(), "{notices:?}");
    }
}
