//! The citizen's report flow: one question per page from the category to the check of the
//! answers, the confirmation with the reference, the public status page and the lookup by
//! reference. [`flow`] is the navigation both pages and server functions follow.

pub mod flow;
pub mod model;
pub mod pages;
pub mod photo_uploader;
#[cfg(feature = "ssr")]
pub mod port;
pub mod serverfns;
