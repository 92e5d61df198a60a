//! Carrying out the edits that concern the project rather than a layer: title, home layer, language, views,
//! slides, review pins, analysis settings and proposed sites. Each returns its inverse.

use super::edit::Edit;
use super::{Session, SessionError};

impl Session {
    /// Applies a project-level edit; returns its inverse. Layer and feature edits are handled by
    /// [`Session::apply`] and never reach here.
    pub(super) fn apply_project_edit(&mut self, edit: Edit) -> Result<Edit, SessionError> {
        match edit {
            Edit::SetTitle(title) => {
                self.revisions.project += 1;
                Ok(Edit::SetTitle(std::mem::replace(&mut self.title, title)))
            }
            Edit::SetHomeLayer(home) => {
                self.revisions.project += 1;
                Ok(Edit::SetHomeLayer(std::mem::replace(
                    &mut self.home_layer,
                    home,
                )))
            }
            Edit::SetLanguage(language) => {
                self.revisions.project += 1;
                Ok(Edit::SetLanguage(std::mem::replace(
                    &mut self.language,
                    language,
                )))
            }
            Edit::SetViews(views) => {
                self.revisions.slides += 1;
                Ok(Edit::SetViews(std::mem::replace(&mut self.views, views)))
            }
            Edit::InsertSlide { position, slide } => {
                let position = position.min(self.slides.len());
                self.slides.insert(position, *slide);
                self.revisions.slides += 1;
                Ok(Edit::RemoveSlide(position))
            }
            Edit::RemoveSlide(position) => {
                if position >= self.slides.len() {
                    return Err(SessionError::NoSuchSlide(position));
                }
                let slide = self.slides.remove(position);
                self.revisions.slides += 1;
                Ok(Edit::InsertSlide {
                    position,
                    slide: Box::new(slide),
                })
            }
            Edit::ReplaceSlide { position, slide } => {
                let target = self
                    .slides
                    .get_mut(position)
                    .ok_or(SessionError::NoSuchSlide(position))?;
                let old = std::mem::replace(target, *slide);
                self.revisions.slides += 1;
                Ok(Edit::ReplaceSlide {
                    position,
                    slide: Box::new(old),
                })
            }
            Edit::MoveSlide { from, to } => {
                if from >= self.slides.len() {
                    return Err(SessionError::NoSuchSlide(from));
                }
                let slide = self.slides.remove(from);
                let to = to.min(self.slides.len());
                self.slides.insert(to, slide);
                self.revisions.slides += 1;
                Ok(Edit::MoveSlide { from: to, to: from })
            }
            Edit::PutPinVersion { id, version } => {
                let key = version.order_key();
                if !self.pins.insert_version(id, *version) {
                    // The pin had this very version: nothing changed, and undo must not take it away.
                    return Ok(Edit::Group {
                        kind: super::EditKind::Pin,
                        edits: Vec::new(),
                    });
                }
                self.revisions.pins += 1;
                Ok(Edit::RemovePinVersion { id, key })
            }
            Edit::RemovePinVersion { id, key } => {
                let version = self
                    .pins
                    .remove_version(id, &key)
                    .ok_or(SessionError::NoSuchPinVersion(id))?;
                self.revisions.pins += 1;
                Ok(Edit::PutPinVersion {
                    id,
                    version: Box::new(version),
                })
            }
            Edit::SetAnalysis(settings) => {
                self.revisions.analysis += 1;
                let old = std::mem::replace(&mut self.analysis, *settings);
                Ok(Edit::SetAnalysis(Box::new(old)))
            }
            Edit::AddProposal { id, site } => {
                if self.proposals.iter().any(|(taken, _)| *taken == id) {
                    return Err(SessionError::ProposalExists(id));
                }
                self.next_proposal_id = self.next_proposal_id.max(id);
                self.proposals.push((id, site));
                self.revisions.proposals += 1;
                Ok(Edit::RemoveProposal(id))
            }
            Edit::RemoveProposal(id) => {
                let position = self
                    .proposals
                    .iter()
                    .position(|(taken, _)| *taken == id)
                    .ok_or(SessionError::NoSuchProposal(id))?;
                let (_, site) = self.proposals.remove(position);
                self.revisions.proposals += 1;
                Ok(Edit::AddProposal { id, site })
            }
            Edit::MoveProposal { id, to_in_map } => {
                let site = self
                    .proposals
                    .iter_mut()
                    .find(|(taken, _)| *taken == id)
                    .map(|(_, site)| site)
                    .ok_or(SessionError::NoSuchProposal(id))?;
                let from = std::mem::replace(&mut site.position_in_map, to_in_map);
                self.revisions.proposals += 1;
                Ok(Edit::MoveProposal {
                    id,
                    to_in_map: from,
                })
            }
            layer_edit @ (Edit::AddLayer { .. }
            | Edit::RemoveLayer(_)
            | Edit::SetVisible(..)
            | Edit::SetOpacity(..)
            | Edit::MoveLayer(..)
            | Edit::Rename(..)
            | Edit::SetStyle(..)
            | Edit::SetLayerGroup(..)
            | Edit::SetLayerCrs { .. }
            | Edit::ReplaceLayerData(..)
            | Edit::SetAttribute { .. }
            | Edit::SetGeometry { .. }
            | Edit::RestoreFeature { .. }
            | Edit::InsertFeature { .. }
            | Edit::RemoveFeature { .. }
            | Edit::Group { .. }) => self.apply(layer_edit),
        }
    }
}
