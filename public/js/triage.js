// Kiezwerk – the queue's enhancements: a map of the filtered reports (on top of Leaflet, loaded
// before this module) and a notice when new reports arrive. Without JavaScript the queue is the
// table alone and a reload shows new reports.

const mapSection = document.querySelector("[data-queue-map]");
if (mapSection && window.L) {
  fetch(mapSection.dataset.queueMap, { credentials: "same-origin" })
    .then((response) => (response.ok ? response.json() : null))
    .then((points) => {
      if (!points || points.features.length === 0) return;
      mapSection.hidden = false;
      const map = L.map(mapSection.querySelector(".queue-map__canvas"), { keyboard: true, zoomControl: false });
      map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
      const settings = mapSection.dataset;
      // The zoom buttons' titles in the page's language (Leaflet's own are English).
      L.control.zoom({ zoomInTitle: settings.zoomIn, zoomOutTitle: settings.zoomOut }).addTo(map);
      if (settings.tiles) {
        L.tileLayer(settings.tiles, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
      }
      const layer = L.geoJSON(points, {
        pointToLayer: (feature, latlng) =>
          L.circleMarker(latlng, {
            radius: 7,
            weight: 2,
            color: feature.properties.overdue ? "#c0152f" : "#1d2034",
            fillOpacity: 0.7,
          }),
        onEachFeature: (feature, marker) => {
          const link = document.createElement("a");
          link.href = feature.properties.href;
          link.textContent = feature.properties.title;
          marker.bindPopup(link);
        },
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { maxZoom: 16, padding: [20, 20] });
    })
    .catch(() => {});
}

const live = document.querySelector("[data-queue-live]");
if (live) {
  let shown = 0;
  const check = () =>
    fetch(live.dataset.queueLive, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((answer) => {
        if (!answer || answer.count === 0 || answer.count === shown) return;
        shown = answer.count;
        live.textContent = live.dataset.label.replace("{}", String(answer.count)) + " ";
        const reload = document.createElement("a");
        reload.className = "kern-link";
        reload.href = window.location.href;
        reload.textContent = live.dataset.reload;
        live.append(reload);
      })
      .catch(() => {});
  setInterval(check, 30000);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") check();
  });
}
