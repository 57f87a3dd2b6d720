//! Building blocks shared by the pages: the page frame, form fields after KERN and GOV.UK,
//! the language switch, the map of the location step and data tables.

pub mod form;
pub mod language;
pub mod layout;
pub mod location_map;
pub mod table;
