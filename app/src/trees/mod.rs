//! Street trees: find the trees near you (a list that works without a map or JavaScript), a
//! tree's card with its water need in plain words, adopting it and logging, editing and
//! deleting one's own waterings, and "my trees". Pages in [`pages`], their server functions in
//! [`serverfns`], what they ask of the server in [`port`], the view data in [`model`], the
//! texts in [`texts`].

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;
pub mod serverfns;
pub mod texts;
