//! Building blocks shared by the pages: the page frame, form fields after KERN and GOV.UK,
//! the language switch and the map of the location step.

pub mod form;
pub mod language;
pub mod layout;
pub mod location_map;
