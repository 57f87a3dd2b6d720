//! The photo pipeline on arbitrary bytes: every upload is refused with a reason or turned into
//! a JPEG and a thumbnail within the size limit — never a panic.
#![no_main]

use kiezwerk::photos::{process, PhotoLimits, MAX_SIDE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let limits = PhotoLimits::with_max_mb(15);
    if let Ok(photo) = process(bytes, &limits) {
        assert!(photo.width <= MAX_SIDE && photo.height <= MAX_SIDE);
        assert!(photo.jpeg.starts_with(&[0xFF, 0xD8]), "a JPEG");
        assert!(
            photo.thumbnail.starts_with(&[0xFF, 0xD8]),
            "a JPEG thumbnail"
        );
    }
});
