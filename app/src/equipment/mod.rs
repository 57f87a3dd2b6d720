//! The Bauhof (works yard): a worker whose machine breaks down reports it from the phone and
//! asks for a replacement; fleet managers keep the equipment register, allocate replacements
//! from their own yards or borrow from partner municipalities, and print QR labels. Pages in
//! [`pages`], their server functions in [`serverfns`], what they ask of the server in
//! [`port`], the view data in [`model`], the domain's texts in [`texts`].

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;
pub mod serverfns;
pub mod texts;
