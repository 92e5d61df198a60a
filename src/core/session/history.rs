//! The undo and redo stacks of a session. Each step holds the edit that undoes it (or, on the redo stack,
//! the edit that does it again) and a label for the menu. Every step gets a number when it is first made and
//! keeps it through undo and redo, so "the project is as saved" is simply "the step on top of the undo stack
//! is the one that was on top when it was saved".

use super::edit::{Edit, EditKind, EditLabel};
use crate::core::layer::LayerId;

/// What a drag keeps changing (see [`Edit::drag_key`]).
pub type DragKey = (EditKind, Option<LayerId>, Option<u64>);

/// One undoable step.
#[derive(Debug)]
pub struct Step {
    /// The step's number (unique in the session, never reused).
    pub number: u64,
    /// What the step did.
    pub label: EditLabel,
    /// The edit that reverses the step (on the undo stack) or repeats it (on the redo stack).
    pub edit: Edit,
    /// While a drag is in progress: what it changes (later edits with the same key join this step).
    pub drag_key: Option<DragKey>,
}

/// The undo and redo stacks.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    last_number: u64,
    saved_at: u64,
}

impl History {
    /// Records a step made just now, whose inverse is `inverse`; the redo stack is dropped. A step with a
    /// drag key may be joined by later edits with the same key (see [`History::can_continue`]).
    pub fn record(&mut self, label: EditLabel, inverse: Edit, drag_key: Option<DragKey>) {
        self.last_number += 1;
        self.redo.clear();
        self.undo.push(Step {
            number: self.last_number,
            label,
            edit: inverse,
            drag_key,
        });
    }

    /// True when an edit with `drag_key` may join the newest step instead of making a new one: that step is
    /// a drag with the same key, nothing was undone since, and it is not the saved state (joining it would
    /// change the project without changing the position the unsaved marker compares).
    pub fn can_continue(&self, drag_key: &DragKey) -> bool {
        self.redo.is_empty()
            && self.undo.last().is_some_and(|step| {
                step.drag_key.as_ref() == Some(drag_key) && step.number != self.saved_at
            })
    }

    /// Closes the newest step to further joining (the drag ended).
    pub fn end_continuing(&mut self) {
        if let Some(step) = self.undo.last_mut() {
            step.drag_key = None;
        }
    }

    /// Takes the step to undo.
    pub fn take_undo(&mut self) -> Option<Step> {
        self.undo.pop()
    }

    /// Takes the step to redo.
    pub fn take_redo(&mut self) -> Option<Step> {
        self.redo.pop()
    }

    /// Puts a step that was just undone on the redo stack (with the edit that repeats it).
    pub fn push_redo(&mut self, mut step: Step) {
        step.drag_key = None;
        self.redo.push(step);
    }

    /// Puts a step that was just redone (or whose undo failed) back on the undo stack.
    pub fn push_undo(&mut self, step: Step) {
        self.undo.push(step);
    }

    /// The label of the step undo would reverse.
    pub fn undo_label(&self) -> Option<&EditLabel> {
        self.undo.last().map(|step| &step.label)
    }

    /// The label of the step redo would repeat.
    pub fn redo_label(&self) -> Option<&EditLabel> {
        self.redo.last().map(|step| &step.label)
    }

    /// The number of the newest step in effect (0 before any).
    pub fn position(&self) -> u64 {
        self.undo.last().map_or(0, |step| step.number)
    }

    /// Remembers the current position as saved.
    pub fn mark_saved(&mut self) {
        self.saved_at = self.position();
    }

    /// Makes the current state count as unsaved whatever is undone or redone (e.g. a recovered autosave):
    /// no position can equal a number never given to a step.
    pub fn mark_never_saved(&mut self) {
        self.saved_at = u64::MAX;
    }

    /// True when the project differs from what was last saved (or opened).
    pub fn is_modified(&self) -> bool {
        self.position() != self.saved_at
    }

    /// The number of steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// The number of steps that can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// Forgets every step (a new or opened project); the state counts as saved.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.saved_at = 0;
    }
}
