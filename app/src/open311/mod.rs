//! Open standards in the browser: the API keys a municipality hands to other systems (managed
//! by its administrators under `/verwaltung/{m}/schnittstellen`), and its public open-data page
//! `/offene-daten/{m}`. Pages in [`pages`], their server functions in [`serverfns`], what they
//! ask of the server in [`port`], the view data in [`model`], the texts in [`texts`].

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;
pub mod serverfns;
pub mod texts;
