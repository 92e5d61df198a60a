//! Where the shipped files live; the lookup is in the core ([`crate::core::shipped_files`]) so the command
//! line finds the default project too.

pub use crate::core::shipped_files::{default_project_path, find_shipped_file, is_project_file};
