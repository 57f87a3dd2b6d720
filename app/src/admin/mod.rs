//! A municipality's administrators configure it in the browser: the configuration in force
//! (departments, categories, areas, routing rules) with its download, an upload that is checked
//! and shown as a draft with what it changes and where the last 90 days' reports would now go,
//! publishing, the history of publications with restoring an earlier one, and a tool that
//! shows how a report at a place would be routed. Pages in [`pages`], their server functions in
//! [`serverfns`], what they ask of the server in [`port`], the view data in [`model`], the
//! texts in [`texts`].

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;
pub mod serverfns;
pub mod texts;
