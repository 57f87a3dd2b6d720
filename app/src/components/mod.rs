//! Building blocks shared by the pages.

pub mod form;
pub mod layout;
pub mod location_map;
