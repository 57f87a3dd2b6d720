// Kiezwerk – the location step's map, on top of Leaflet (loaded before this module).
// The server renders the frame hidden, with its settings as data attributes; this shows it,
// lets the citizen tap a point (or press Enter on the focused map to take its centre, or use
// the device's location) and writes the point into the form's `lat`/`lon` fields. Without
// JavaScript the frame stays hidden and those fields work on their own.

const root = document.querySelector("[data-location-map]");
const lat = document.getElementById("lat");
const lon = document.getElementById("lon");

if (root && window.L && lat && lon) {
  const settings = root.dataset;
  const status = root.querySelector("[role=status]");
  const locate = root.querySelector("[data-geolocate]");
  root.hidden = false;

  const map = L.map(root.querySelector(".location-map__canvas"), { keyboard: true, zoomControl: false });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  // The zoom buttons' titles in the page's language (Leaflet's own are English).
  L.control.zoom({ zoomInTitle: settings.zoomIn, zoomOutTitle: settings.zoomOut }).addTo(map);
  const [south, west, north, east] = JSON.parse(settings.bounds);
  map.fitBounds([[south, west], [north, east]]);
  if (settings.tiles) {
    L.tileLayer(settings.tiles, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
  }
  fetch("/karte/gebiete.geojson")
    .then((response) => (response.ok ? response.json() : null))
    .then((outlines) => {
      if (outlines) {
        L.geoJSON(outlines, {
          interactive: false,
          style: (f) => ({
            color: "#1d2034",
            weight: f.properties.kind === "municipality" ? 3 : 1.5,
            fill: false,
            className: `outline outline--${f.properties.kind} outline--${f.properties.code}`,
          }),
        }).addTo(map);
      }
    })
    .catch(() => {});

  let marker = null;
  const show = (point, focus) => {
    if (marker) {
      marker.setLatLng(point);
    } else {
      marker = L.marker(point, { keyboard: false }).addTo(map);
    }
    if (focus) {
      map.setView(point, 17);
    }
  };
  const choose = (point, focus) => {
    show(point, focus);
    lat.value = point.lat.toFixed(6);
    lon.value = point.lng.toFixed(6);
    status.textContent = `${settings.chosenLabel}: ${point.lat.toFixed(5)}, ${point.lng.toFixed(5)}`;
  };

  const [typedLat, typedLon] = [parseFloat(lat.value), parseFloat(lon.value)];
  if (Number.isFinite(typedLat) && Number.isFinite(typedLon) && Math.abs(typedLat) <= 90 && Math.abs(typedLon) <= 180) {
    // Show what was chosen or typed before, without rewriting the fields.
    show(L.latLng(typedLat, typedLon), true);
  }
  map.on("click", (event) => choose(event.latlng, false));
  map.on("keypress", (event) => {
    const key = event.originalEvent.key;
    if (key === "Enter" || key === " ") {
      event.originalEvent.preventDefault();
      choose(map.getCenter(), false);
    }
  });

  if ("geolocation" in navigator) {
    locate.hidden = false;
    locate.addEventListener("click", () => {
      locate.disabled = true;
      status.textContent = settings.locatingLabel;
      navigator.geolocation.getCurrentPosition(
        (position) => {
          locate.disabled = false;
          choose(L.latLng(position.coords.latitude, position.coords.longitude), true);
        },
        () => {
          locate.disabled = false;
          status.textContent = settings.failedLabel;
        },
        { enableHighAccuracy: true, timeout: 15000 },
      );
    });
  }
}
