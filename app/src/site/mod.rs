//! Pages of no domain: the start page and the information pages (data sources, privacy).

pub mod home;
pub mod info;
