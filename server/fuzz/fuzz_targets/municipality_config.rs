//! A municipality's configuration (JSON with GeoJSON areas) as an administrator might upload
//! it: refused with a message or accepted as a configuration that routes — never a panic.
#![no_main]

use kiezwerk::tenants::config::MunicipalityConfig;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = std::str::from_utf8(bytes) {
        if let Ok(config) = MunicipalityConfig::from_json(text) {
            // An accepted configuration validates again (nothing depends on parse order).
            config
                .validate()
                .expect("accepted configurations stay valid");
        }
    }
});
