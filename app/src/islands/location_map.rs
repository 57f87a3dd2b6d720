//! The map on the location step: tap (or press Enter on the focused map) to place a marker,
//! or use the device's location. It writes into the `lat`/`lon` fields of the surrounding form,
//! which also work on their own, so the page keeps working without JavaScript.

use crate::i18n::Lang;
use leptos::prelude::*;

#[island]
pub fn LocationMap(
    lang: Lang,
    tile_url: Option<String>,
    attribution: String,
    /// [south, west, north, east] of the initial view.
    bounds: [f64; 4],
    /// A point chosen before, shown as the marker.
    initial: Option<(f64, f64)>,
) -> impl IntoView {
    let t = lang.texts();
    let ready = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let locating = RwSignal::new(false);
    let canvas = NodeRef::<leptos::html::Div>::new();

    #[cfg(feature = "hydrate")]
    let map = {
        let map = StoredValue::new_local(None::<browser::MapHandle>);
        let tile_url = tile_url.clone();
        let attribution = attribution.clone();
        Effect::new(move |_| {
            let Some(element) = canvas.get() else { return };
            if !browser::leaflet_loaded() {
                return;
            }
            ready.set(true);
            let tile_url = tile_url.clone();
            let attribution = attribution.clone();
            request_animation_frame(move || {
                let on_pick = move |lat: f64, lon: f64| {
                    browser::write_point(lat, lon);
                    status.set(format!("{}: {lat:.5}, {lon:.5}", t.location_chosen));
                };
                let handle = browser::MapHandle::mount(
                    &element,
                    tile_url.as_deref(),
                    &attribution,
                    bounds,
                    initial,
                    on_pick,
                );
                map.set_value(handle);
            });
        });
        map
    };
    #[cfg(not(feature = "hydrate"))]
    let _ = (tile_url, attribution, bounds, initial);

    let geolocate = move |_| {
        locating.set(true);
        status.set(t.location_geolocating.to_owned());
        #[cfg(feature = "hydrate")]
        browser::current_position(move |result| {
            locating.set(false);
            match result {
                Some((lat, lon)) => {
                    map.with_value(|m| {
                        if let Some(m) = m {
                            m.place(lat, lon, true);
                        }
                    });
                    browser::write_point(lat, lon);
                    status.set(format!("{}: {lat:.5}, {lon:.5}", t.location_chosen));
                }
                None => status.set(t.location_geolocation_failed.to_owned()),
            }
        });
    };

    view! {
        <div class="location-map" hidden=move || !ready.get()>
            <div
                class="location-map__canvas"
                node_ref=canvas
                role="region"
                aria-label=t.location_map_label
                aria-describedby="map-hint"
            ></div>
            <button
                type="button"
                class="kern-btn kern-btn--secondary"
                on:click=geolocate
                disabled=move || locating.get()
            >
                <span class="kern-icon kern-icon--home" aria-hidden="true"></span>
                <span class="kern-label">{t.location_geolocate}</span>
            </button>
            <p class="kern-body location-map__status" role="status">
                {move || status.get()}
            </p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::super::leaflet;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};

    pub fn leaflet_loaded() -> bool {
        js_sys::Reflect::has(&js_sys::global(), &JsValue::from_str("L")).unwrap_or(false)
    }

    /// Puts the chosen point into the form's coordinate fields.
    pub fn write_point(lat: f64, lon: f64) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        for (id, value) in [("lat", lat), ("lon", lon)] {
            if let Some(input) = document
                .get_element_by_id(id)
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                input.set_value(&format!("{value:.6}"));
            }
        }
    }

    /// The live map; dropping it would drop the event handlers, so the island keeps it.
    pub struct MapHandle {
        map: leaflet::Map,
        marker: std::rc::Rc<std::cell::RefCell<Option<leaflet::Marker>>>,
        _handlers: Vec<Closure<dyn FnMut(JsValue)>>,
    }

    impl MapHandle {
        pub fn mount(
            element: &web_sys::HtmlDivElement,
            tile_url: Option<&str>,
            attribution: &str,
            bounds: [f64; 4],
            initial: Option<(f64, f64)>,
            on_pick: impl Fn(f64, f64) + Clone + 'static,
        ) -> Option<MapHandle> {
            let map = leaflet::map(element, &leaflet::options(&[("keyboard", true.into())]));
            map.fit_bounds(&leaflet::bounds(bounds));
            if let Some(url) = tile_url {
                leaflet::tile_layer(
                    url,
                    &leaflet::options(&[
                        ("attribution", attribution.into()),
                        ("maxZoom", 19.into()),
                    ]),
                )
                .add_to(&map);
            }
            leaflet::load_outlines(&map, "/karte/gebiete.geojson");

            let marker = std::rc::Rc::new(std::cell::RefCell::new(None::<leaflet::Marker>));
            let handle = MapHandle { map, marker, _handlers: Vec::new() };
            if let Some((lat, lon)) = initial {
                handle.place(lat, lon, true);
            }

            let mut handlers = Vec::new();
            let click = {
                let handle_map = handle.map.clone();
                let marker = handle.marker.clone();
                let on_pick = on_pick.clone();
                Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                    if let Some((lat, lon)) = leaflet::event_latlng(&event) {
                        place_marker(&handle_map, &marker, lat, lon);
                        on_pick(lat, lon);
                    }
                })
            };
            handle.map.on("click", &click);
            handlers.push(click);

            // Keyboard users: arrows pan (Leaflet), Enter or Space marks the map's centre.
            let keydown = {
                let handle_map = handle.map.clone();
                let marker = handle.marker.clone();
                Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                    let key = leaflet::event_key(&event);
                    if key == "Enter" || key == " " {
                        let (lat, lon) = handle_map.center();
                        place_marker(&handle_map, &marker, lat, lon);
                        on_pick(lat, lon);
                    }
                })
            };
            handle.map.on("keypress", &keydown);
            handlers.push(keydown);

            Some(MapHandle { _handlers: handlers, ..handle })
        }

        /// Moves (or creates) the marker; `focus` also centres the map on it.
        pub fn place(&self, lat: f64, lon: f64, focus: bool) {
            place_marker(&self.map, &self.marker, lat, lon);
            if focus {
                self.map.set_view(lat, lon, 17.0);
            }
        }
    }

    fn place_marker(
        map: &leaflet::Map,
        marker: &std::cell::RefCell<Option<leaflet::Marker>>,
        lat: f64,
        lon: f64,
    ) {
        let mut marker = marker.borrow_mut();
        match marker.as_ref() {
            Some(m) => m.set_lat_lng(lat, lon),
            None => *marker = Some(leaflet::marker(lat, lon).add_to(map)),
        }
    }

    /// Asks the browser for the device's position once.
    pub fn current_position(done: impl Fn(Option<(f64, f64)>) + Clone + 'static) {
        let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok())
        else {
            done(None);
            return;
        };
        let on_error = done.clone();
        let success = Closure::once_into_js(move |position: JsValue| {
            let coords = js_sys::Reflect::get(&position, &"coords".into()).ok();
            let read = |key: &str| {
                coords
                    .as_ref()
                    .and_then(|c| js_sys::Reflect::get(c, &key.into()).ok())
                    .and_then(|v| v.as_f64())
            };
            done(read("latitude").zip(read("longitude")));
        });
        let failure = Closure::once_into_js(move |_error: JsValue| on_error(None));
        let options = web_sys::PositionOptions::new();
        options.set_enable_high_accuracy(true);
        options.set_timeout(15_000);
        let _ = geolocation.get_current_position_with_error_callback_and_options(
            success.unchecked_ref(),
            Some(failure.unchecked_ref()),
            &options,
        );
    }
}
