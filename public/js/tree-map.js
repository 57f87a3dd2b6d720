// Kiezwerk – the map of a municipality's street trees, on top of Leaflet (loaded before this
// module). The trees come as vector tiles (MVT) from our own server and are drawn on canvas
// tiles with the street pumps (from zoom 14, by state); a tap on a tree or a pump opens its
// page, a tap on a thinned point zooms in. From zoom 15 each
// tree is coloured by its water need (the tiles' attribute `w`), and the overlay of the trees
// citizens care for (adopted, watered in the last 7 days, their need with the waterings) is
// asked again whenever the municipality's care version changed, which the map asks for every
// two seconds — so a watering shows within seconds. The server renders the map's box (with a note for those without JavaScript, who get
// the list) and its settings as data attributes.

const root = document.querySelector("[data-tree-map]");

// --- Reading tiles: just enough of Protocol Buffers for layers of points (MVT 2.1) ---

function reader(bytes, start, end) {
  let pos = start;
  return {
    more: () => pos < end,
    varint() {
      let value = 0;
      let scale = 1;
      let byte;
      do {
        if (pos >= end) throw new Error("truncated tile");
        byte = bytes[pos++];
        value += (byte & 0x7f) * scale;
        scale *= 128;
      } while (byte & 0x80);
      return value;
    },
    field() {
      const tag = this.varint();
      return [Math.floor(tag / 8), tag & 7];
    },
    span() {
      const length = this.varint();
      const from = pos;
      pos += length;
      if (pos > end) throw new Error("truncated tile");
      return [from, pos];
    },
    skip(type) {
      if (type === 0) this.varint();
      else if (type === 1) pos += 8;
      else if (type === 2) this.span();
      else if (type === 5) pos += 4;
      else throw new Error("unknown wire type");
    },
  };
}

const zigzag = (n) => (n % 2 ? -(n + 1) / 2 : n / 2);

function number(bytes, [from, to]) {
  const r = reader(bytes, from, to);
  let value = null;
  while (r.more()) {
    const [field, type] = r.field();
    if (type === 0 && (field === 4 || field === 5)) value = r.varint();
    else if (type === 0 && field === 6) value = zigzag(r.varint());
    else r.skip(type);
  }
  return value;
}

const text = (bytes, [from, to]) => new TextDecoder().decode(bytes.subarray(from, to));

/**
 * The points of layers `trees` and `pumps`: `{id, x, y, n, w, pump, s}` with x and y in pixels
 * of a 256-pixel tile, `n` the trees a thinned point stands for, `w` a tree's water need (1 low,
 * 2 medium, 3 high); a street pump (`pump` true, `id` its OpenStreetMap node) has its state in
 * `s` (0 unknown, 1 gives water, 2 out of order).
 */
function decode(bytes) {
  const points = [];
  const tile = reader(bytes, 0, bytes.length);
  while (tile.more()) {
    const [field, type] = tile.field();
    if (field !== 3 || type !== 2) {
      tile.skip(type);
      continue;
    }
    const layer = reader(bytes, ...tile.span());
    let name = "";
    let extent = 4096;
    const keys = [];
    const values = [];
    const features = [];
    while (layer.more()) {
      const [f, t] = layer.field();
      if (f === 1 && t === 2) name = text(bytes, layer.span());
      else if (f === 2 && t === 2) features.push(layer.span());
      else if (f === 3 && t === 2) keys.push(text(bytes, layer.span()));
      else if (f === 4 && t === 2) values.push(number(bytes, layer.span()));
      else if (f === 5 && t === 0) extent = layer.varint();
      else layer.skip(t);
    }
    if (name !== "trees" && name !== "pumps") continue;
    const scale = 256 / extent;
    for (const span of features) {
      const feature = reader(bytes, ...span);
      const point = { id: null, x: 0, y: 0, n: 0, w: 0, pump: name === "pumps", s: 0 };
      const tags = [];
      while (feature.more()) {
        const [f, t] = feature.field();
        if (f === 1 && t === 0) point.id = feature.varint();
        else if (f === 2 && t === 2) {
          const r = reader(bytes, ...feature.span());
          while (r.more()) tags.push(r.varint());
        } else if (f === 4 && t === 2) {
          const r = reader(bytes, ...feature.span());
          r.varint(); // MoveTo, once: a point
          point.x = zigzag(r.varint()) * scale;
          point.y = zigzag(r.varint()) * scale;
        } else feature.skip(t);
      }
      for (let i = 0; i + 1 < tags.length; i += 2) {
        if (keys[tags[i]] === "n") point.n = values[tags[i + 1]] || 0;
        else if (keys[tags[i]] === "w") point.w = values[tags[i + 1]] || 0;
        else if (keys[tags[i]] === "s") point.s = values[tags[i + 1]] || 0;
      }
      points.push(point);
    }
  }
  return points;
}

// --- Drawing ---

const GREEN = "#1e6b2f";
// By water need (1 low, 2 medium, 3 high; 0 where a tile says none: farther out); high is also
// a diamond, so the need does not rest on colour alone. The key below the map shows the same
// (main.css).
const NEED = ["#56606b", GREEN, "#c28a00", "#b3401a"];
const ADOPTED = "#0a4a9c";
const PUMP = "#0a66c2";
const OUT_OF_ORDER = "#b3261e";

/** A street pump: a blue square, filled when it gives water, crossed out when out of order. */
function pump(context, point, zoom) {
  const r = zoom >= 17 ? 7 : zoom >= 15 ? 6 : 5;
  const [x, y] = [point.x - r, point.y - r];
  context.globalAlpha = 1;
  context.lineWidth = 2;
  context.fillStyle = point.s === 1 ? PUMP : "#ffffff";
  context.strokeStyle = PUMP;
  context.fillRect(x, y, 2 * r, 2 * r);
  context.strokeRect(x, y, 2 * r, 2 * r);
  if (point.s === 2) {
    context.strokeStyle = OUT_OF_ORDER;
    context.beginPath();
    context.moveTo(x + 2, y + 2);
    context.lineTo(x + 2 * r - 2, y + 2 * r - 2);
    context.moveTo(x + 2 * r - 2, y + 2);
    context.lineTo(x + 2, y + 2 * r - 2);
    context.stroke();
  }
}

function diamond(context, x, y, r) {
  context.moveTo(x, y - r);
  context.lineTo(x + r, y);
  context.lineTo(x, y + r);
  context.lineTo(x - r, y);
  context.closePath();
}

function radius(point, zoom) {
  if (point.n) return Math.min(1.5 + Math.sqrt(point.n) * (zoom >= 13 ? 0.9 : 0.5), 7);
  return zoom >= 18 ? 7 : zoom === 17 ? 5.5 : zoom === 16 ? 4 : 3;
}

/**
 * Draws `points` on `canvas`; `care(id)` is a tree's state from the overlay, if any (from zoom
 * 15, where the overlay is asked for).
 */
function draw(canvas, points, zoom, care) {
  const ratio = canvas.width / 256;
  const context = canvas.getContext("2d");
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.scale(ratio, ratio);
  context.strokeStyle = "#ffffff";
  context.lineWidth = 1;
  for (const point of points) {
    if (point.pump) continue;
    const state = point.id && zoom >= 15 ? care(point.id) : null;
    const need = state ? state.need : point.w;
    const r = radius(point, zoom);
    context.globalAlpha = point.n ? 0.7 : 1;
    context.fillStyle = NEED[need] || NEED[0];
    context.beginPath();
    if (need === 3) diamond(context, point.x, point.y, r * 1.3);
    else context.arc(point.x, point.y, r, 0, 2 * Math.PI);
    context.fill();
    if (!point.n && zoom >= 16) context.stroke();
    if (!state) continue;
    if (state.adopters > 0) {
      context.strokeStyle = ADOPTED;
      context.lineWidth = 2;
      context.beginPath();
      context.arc(point.x, point.y, r + 2.5, 0, 2 * Math.PI);
      context.stroke();
      context.strokeStyle = "#ffffff";
      context.lineWidth = 1;
    }
    if (state.watered) {
      context.fillStyle = "#ffffff";
      context.beginPath();
      context.arc(point.x, point.y, Math.max(r * 0.35, 1.2), 0, 2 * Math.PI);
      context.fill();
    }
  }
  // The pumps over the trees.
  for (const point of points) if (point.pump) pump(context, point, zoom);
}

/** `template` with each `{}` replaced by the next of `values`. */
const fill = (template, values) => {
  let i = 0;
  return template.replace(/\{\}/g, () => String(values[i++]));
};

// --- The map ---

if (root && window.L) {
  const settings = root.dataset;
  const status = root.querySelector("[role=status]");
  const locate = root.querySelector("[data-locate]");
  const list = document.querySelector("[data-tree-list]");
  root.querySelector("[data-tree-map-fallback]").remove();
  root.classList.add("tree-map--ready");

  const map = L.map(root.querySelector(".tree-map__canvas"), {
    keyboard: true,
    zoomControl: false,
    minZoom: 10,
    maxZoom: 19,
  });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  // The status and the location button lie on the map, so nothing around it moves.
  const onMap = (element, position) => {
    const Control = L.Control.extend({
      onAdd() {
        L.DomEvent.disableClickPropagation(element);
        return element;
      },
    });
    new Control({ position }).addTo(map);
  };
  onMap(status, "bottomleft");
  onMap(locate, "topright");
  L.control.zoom({ zoomInTitle: settings.zoomIn, zoomOutTitle: settings.zoomOut }).addTo(map);
  const [south, west, north, east] = JSON.parse(settings.bounds);
  // A tree's page links to the map at its place (`?lat=…&lon=…`).
  const asked = new URLSearchParams(window.location.search);
  const [lat, lon] = [Number(asked.get("lat")), Number(asked.get("lon"))];
  if (asked.has("lat") && asked.has("lon") && lat >= south && lat <= north && lon >= west && lon <= east) {
    map.setView([lat, lon], 18);
  } else {
    map.fitBounds([[south, west], [north, east]]);
  }
  if (settings.background) {
    L.tileLayer(settings.background, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
  }

  // The overlays of the zoom-15 tiles in view, by "x/y": `{tag, trees: Map(id → state)}`.
  const overlays = new Map();
  const care = (id) => {
    for (const overlay of overlays.values()) {
      const state = overlay.trees.get(id);
      if (state) return state;
    }
    return null;
  };

  // The decoded points and the canvas of every tile on the map, by "z/x/y": what a tap is
  // looked up in and what a changed overlay redraws.
  const shown = new Map();
  const keyOf = (c) => `${c.z}/${c.x}/${c.y}`;
  const Trees = L.GridLayer.extend({
    createTile(coords, done) {
      const canvas = document.createElement("canvas");
      const ratio = Math.min(window.devicePixelRatio || 1, 3);
      canvas.width = canvas.height = 256 * ratio;
      const url = settings.tiles.replace("{z}", coords.z).replace("{x}", coords.x).replace("{y}", coords.y);
      fetch(url)
        .then((response) => (response.ok ? response.arrayBuffer() : Promise.reject(new Error(response.status))))
        .then((buffer) => {
          const points = decode(new Uint8Array(buffer));
          // A tile taken off the map before its points came is not kept.
          if (canvas.isConnected) shown.set(keyOf(coords), { points, canvas });
          draw(canvas, points, coords.z, care);
          done(null, canvas);
        })
        .catch((error) => {
          status.textContent = settings.failed;
          done(error, canvas);
        });
      return canvas;
    },
  });
  const trees = new Trees({ minZoom: 10, maxZoom: 19, className: "tree-map__trees" });
  const region = root.querySelector(".tree-map__canvas");
  trees.on("loading", () => region.setAttribute("aria-busy", "true"));
  trees.on("load", () => region.setAttribute("aria-busy", "false"));
  trees.on("tileunload", (event) => shown.delete(keyOf(event.coords)));
  trees.addTo(map);

  // The point nearest the global pixel `at` of zoom `zoom` within `within` pixels.
  const nearest = (at, zoom, within) => {
    let best = null;
    let bestDistance = within * within;
    const [tx, ty] = [Math.floor(at.x / 256), Math.floor(at.y / 256)];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const points = shown.get(`${zoom}/${tx + dx}/${ty + dy}`)?.points || [];
        for (const point of points) {
          const x = (tx + dx) * 256 + point.x - at.x;
          const y = (ty + dy) * 256 + point.y - at.y;
          if (x * x + y * y < bestDistance) {
            bestDistance = x * x + y * y;
            best = point;
          }
        }
      }
    }
    return best;
  };

  const open = (point) => {
    window.location.href = (point.pump ? settings.pump : settings.tree).replace("{id}", point.id);
  };
  const closer = (latlng) => map.setView(latlng, Math.min(map.getZoom() + 2, 17));

  map.on("click", (event) => {
    const zoom = map.getZoom();
    const hit = nearest(map.project(event.latlng, zoom), zoom, 16);
    if (hit && hit.id) open(hit);
    else if (hit || zoom < 15) closer(event.latlng);
  });
  map.on("keypress", (event) => {
    const key = event.originalEvent.key;
    if (key !== "Enter" && key !== " ") return;
    event.originalEvent.preventDefault();
    const zoom = map.getZoom();
    const hit = nearest(map.project(map.getCenter(), zoom), zoom, 24);
    if (hit && hit.id) open(hit);
    else if (zoom < 15) closer(map.getCenter());
    else status.textContent = settings.noTree;
  });

  // Say when the trees are thinned, and keep the list's link at the map's middle.
  const moved = () => {
    if (map.getZoom() < 15) status.textContent = settings.closer;
    else if (status.textContent === settings.closer) status.textContent = "";
    if (list) {
      const middle = map.getCenter();
      list.href = `${settings.list}?lat=${middle.lat.toFixed(6)}&lon=${middle.lng.toFixed(6)}#results`;
    }
  };
  map.on("moveend", moved);
  moved();

  // --- What citizens changed: the overlay, and how many trees in view are cared for ---

  const OVERLAY_ZOOM = 15;
  const POLL_MS = 2000;
  const summary = root.querySelector("[data-tree-summary]");

  const summarize = () => {
    const zoom = map.getZoom();
    if (zoom < OVERLAY_ZOOM) {
      summary.textContent = "";
      return;
    }
    const view = map.getPixelBounds();
    const counted = new Set();
    const counts = [0, 0, 0, 0];
    for (const [key, tile] of shown) {
      const [z, x, y] = key.split("/").map(Number);
      if (z !== zoom) continue;
      for (const point of tile.points) {
        if (!point.id || point.pump || counted.has(point.id)) continue;
        const px = x * 256 + point.x;
        const py = y * 256 + point.y;
        if (px < view.min.x || px > view.max.x || py < view.min.y || py > view.max.y) continue;
        counted.add(point.id);
        const state = care(point.id);
        counts[0] += 1;
        if (state && state.adopters > 0) counts[1] += 1;
        if (state && state.watered) counts[2] += 1;
        if ((state ? state.need : point.w) === 3) counts[3] += 1;
      }
    }
    summary.textContent = fill(settings.summary, counts);
  };

  const redraw = () => {
    for (const [key, tile] of shown) draw(tile.canvas, tile.points, Number(key.split("/")[0]), care);
  };

  // The overlays of the tiles in view, each revalidated (a 304 where it did not change); a
  // move while they are asked for asks again afterwards.
  let asking = false;
  let again = false;
  const refresh = async () => {
    if (document.hidden || map.getZoom() < OVERLAY_ZOOM) return;
    if (asking) {
      again = true;
      return;
    }
    asking = true;
    let changed = false;
    try {
      const bounds = map.getPixelBounds();
      const scale = 2 ** (OVERLAY_ZOOM - map.getZoom()) / 256;
      const [x0, y0] = [Math.floor(bounds.min.x * scale), Math.floor(bounds.min.y * scale)];
      const [x1, y1] = [Math.floor(bounds.max.x * scale), Math.floor(bounds.max.y * scale)];
      const wanted = new Set();
      for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) wanted.add(`${x}/${y}`);
      for (const key of overlays.keys()) {
        if (!wanted.has(key)) {
          overlays.delete(key);
          changed = true;
        }
      }
      await Promise.all(
        [...wanted].map(async (key) => {
          const [x, y] = key.split("/");
          const url = settings.overlay.replace("{z}", OVERLAY_ZOOM).replace("{x}", x).replace("{y}", y);
          try {
            const response = await fetch(url, { cache: "no-cache", signal: AbortSignal.timeout(10000) });
            if (!response.ok) return;
            const tag = response.headers.get("ETag");
            if (tag && overlays.get(key)?.tag === tag) return;
            const body = await response.json();
            overlays.set(key, { tag, trees: new Map(body.trees.map((t) => [t.id, t])) });
            changed = true;
          } catch {
            // Offline for a moment: the next change or move asks again.
          }
        }),
      );
    } finally {
      asking = false;
    }
    if (changed) redraw();
    summarize();
    if (again) {
      again = false;
      refresh();
    }
  };

  // Every two seconds while the page is seen and single trees are drawn: has anything the
  // overlays are made of changed (one small answer, never cached)? Only then are they asked.
  let version = null;
  let polling = false;
  const poll = async () => {
    if (polling || document.hidden || map.getZoom() < OVERLAY_ZOOM) return;
    polling = true;
    try {
      const response = await fetch(settings.careStand, { cache: "no-store", signal: AbortSignal.timeout(10000) });
      if (response.ok) {
        const { version: current } = await response.json();
        if (current !== version) {
          version = current;
          await refresh();
        }
      }
    } catch {
      // Offline for a moment: the next poll asks again.
    } finally {
      polling = false;
    }
  };
  map.on("moveend", refresh);
  trees.on("load", summarize);
  setInterval(poll, POLL_MS);
  document.addEventListener("visibilitychange", poll);
  poll();

  if ("geolocation" in navigator) {
    let here = null;
    locate.hidden = false;
    locate.addEventListener("click", () => {
      locate.disabled = true;
      status.textContent = settings.locating;
      navigator.geolocation.getCurrentPosition(
        (position) => {
          locate.disabled = false;
          status.textContent = "";
          const point = L.latLng(position.coords.latitude, position.coords.longitude);
          if (here) here.setLatLng(point);
          else here = L.circleMarker(point, { radius: 8, color: "#0a66c2", weight: 3, interactive: false }).addTo(map);
          map.setView(point, 17);
        },
        () => {
          locate.disabled = false;
          status.textContent = settings.locationFailed;
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
      );
    });
  }
}
