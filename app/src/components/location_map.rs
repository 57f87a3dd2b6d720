//! The map of the location step. The server renders a hidden frame; `/js/location-map.js`
//! (a small module on top of Leaflet) shows it, lets the citizen tap a point or use the
//! device's location, and writes the point into the `lat`/`lon` fields of the form around it.
//! Without JavaScript the frame stays hidden and those fields work on their own.
//!
//! Leaflet is JavaScript; wrapping it in a WebAssembly island would add the whole Leptos
//! runtime (~130 KB gzip) to this page for a few lines of glue. See README, "Page weight".

use crate::context::use_lang;
use leptos::prelude::*;
use leptos_meta::{Script, Stylesheet};

#[component]
pub fn LocationMap(
    tile_url: Option<String>,
    attribution: String,
    /// [south, west, north, east] of the initial view.
    bounds: [f64; 4],
) -> impl IntoView {
    let t = use_lang().texts();
    let bounds = format!("[{},{},{},{}]", bounds[0], bounds[1], bounds[2], bounds[3]);
    view! {
        <Stylesheet href="/vendor/leaflet-1.9.4/leaflet.css" />
        <Script src="/vendor/leaflet-1.9.4/leaflet.js" defer="" />
        <Script src="/js/location-map.js" type_="module" />
        <div
            class="location-map"
            hidden
            data-location-map=""
            data-tiles=tile_url.unwrap_or_default()
            data-attribution=attribution
            data-bounds=bounds
            data-chosen-label=t.location_chosen
            data-locating-label=t.location_geolocating
            data-failed-label=t.location_geolocation_failed
            data-zoom-in=t.map_zoom_in
            data-zoom-out=t.map_zoom_out
        >
            <p class="kern-body" id="map-hint">{t.location_map_hint}</p>
            <div
                class="location-map__canvas"
                role="region"
                tabindex="0"
                aria-label=t.location_map_label
                aria-describedby="map-hint"
            ></div>
            <button type="button" class="kern-btn kern-btn--secondary" data-geolocate="" hidden>
                <span class="kern-label">{t.location_geolocate}</span>
            </button>
            <p class="kern-body location-map__status" role="status"></p>
        </div>
    }
}
