//! Interactive islands, hydrated from WebAssembly only on the pages that show them.

#[cfg(feature = "hydrate")]
mod leaflet;
pub mod location_map;
pub mod photo_uploader;
