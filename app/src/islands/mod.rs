//! Interactive islands, hydrated from WebAssembly only on the pages that show them.

pub mod photo_uploader;
