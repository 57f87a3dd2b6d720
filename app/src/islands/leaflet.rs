//! The few Leaflet calls the location map needs. Leaflet itself is loaded as a classic script
//! (`/vendor/leaflet-1.9.4/leaflet.js`) only on the page that shows a map.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[derive(Clone)]
    pub type Map;

    #[wasm_bindgen(js_namespace = L, js_name = map)]
    pub fn map(element: &web_sys::HtmlElement, options: &JsValue) -> Map;

    #[wasm_bindgen(method, js_name = fitBounds)]
    pub fn fit_bounds(this: &Map, bounds: &JsValue);

    #[wasm_bindgen(method, js_name = setView)]
    fn set_view_js(this: &Map, center: &JsValue, zoom: f64);

    #[wasm_bindgen(method, js_name = getCenter)]
    fn get_center(this: &Map) -> JsValue;

    #[wasm_bindgen(method)]
    pub fn on(this: &Map, event: &str, handler: &Closure<dyn FnMut(JsValue)>);

    pub type Layer;

    #[wasm_bindgen(js_namespace = L, js_name = tileLayer)]
    pub fn tile_layer(url: &str, options: &JsValue) -> Layer;

    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    fn geo_json(data: &JsValue, options: &JsValue) -> Layer;

    #[wasm_bindgen(method, js_name = addTo)]
    pub fn add_to(this: &Layer, map: &Map) -> Layer;

    pub type Marker;

    #[wasm_bindgen(js_namespace = L, js_name = marker)]
    fn marker_js(latlng: &JsValue, options: &JsValue) -> Marker;

    #[wasm_bindgen(method, js_name = addTo)]
    pub fn add_to(this: &Marker, map: &Map) -> Marker;

    #[wasm_bindgen(method, js_name = setLatLng)]
    fn set_lat_lng_js(this: &Marker, latlng: &JsValue);
}

/// A plain JS object from key/value pairs.
pub fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

fn latlng(lat: f64, lon: f64) -> JsValue {
    js_sys::Array::of2(&lat.into(), &lon.into()).into()
}

/// `[[south, west], [north, east]]`.
pub fn bounds([south, west, north, east]: [f64; 4]) -> JsValue {
    js_sys::Array::of2(&latlng(south, west), &latlng(north, east)).into()
}

impl Map {
    pub fn set_view(&self, lat: f64, lon: f64, zoom: f64) {
        self.set_view_js(&latlng(lat, lon), zoom);
    }

    pub fn center(&self) -> (f64, f64) {
        read_latlng(&self.get_center()).unwrap_or_default()
    }
}

pub fn marker(lat: f64, lon: f64) -> Marker {
    marker_js(&latlng(lat, lon), &options(&[("keyboard", false.into())]))
}

impl Marker {
    pub fn set_lat_lng(&self, lat: f64, lon: f64) {
        self.set_lat_lng_js(&latlng(lat, lon));
    }
}

fn read_latlng(value: &JsValue) -> Option<(f64, f64)> {
    let get = |key: &str| js_sys::Reflect::get(value, &key.into()).ok()?.as_f64();
    get("lat").zip(get("lng"))
}

/// The point of a Leaflet mouse event.
pub fn event_latlng(event: &JsValue) -> Option<(f64, f64)> {
    read_latlng(&js_sys::Reflect::get(event, &"latlng".into()).ok()?)
}

/// The key of a Leaflet keyboard event.
pub fn event_key(event: &JsValue) -> String {
    js_sys::Reflect::get(event, &"originalEvent".into())
        .and_then(|e| js_sys::Reflect::get(&e, &"key".into()))
        .ok()
        .and_then(|k| k.as_string())
        .unwrap_or_default()
}

/// Draws our district and municipality outlines (from our own data) once they have loaded.
pub fn load_outlines(map: &Map, url: &'static str) {
    let map = map.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let Some(window) = web_sys::window() else { return };
        let Ok(response) = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url)).await
        else {
            return;
        };
        let Ok(response) = response.dyn_into::<web_sys::Response>() else { return };
        let Ok(json) = response.json() else { return };
        let Ok(data) = wasm_bindgen_futures::JsFuture::from(json).await else { return };
        let style = options(&[
            ("color", "#1d2034".into()),
            ("weight", 2.into()),
            ("fill", false.into()),
            ("interactive", false.into()),
        ]);
        geo_json(&data, &options(&[("style", style), ("interactive", false.into())])).add_to(&map);
    });
}
