//! Building blocks shared by the pages: the page frame, form fields after KERN and GOV.UK,
//! the language switch, the map of the location step, data tables, and loading a page's data
//! ([`page`]).

pub mod chart;
pub mod form;
pub mod language;
pub mod layout;
pub mod location_map;
pub mod page;
pub mod table;
