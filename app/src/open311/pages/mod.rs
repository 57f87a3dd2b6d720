//! The pages: a municipality's API keys (administrators) and its open data (everyone).

pub mod keys;
pub mod open_data;
