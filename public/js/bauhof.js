// Kiezwerk – the Bauhof pages' enhancements. Without JavaScript every form works on its own:
// the number is typed, the place described, and a reload shows a new status.
//   - Scan: the camera through the browser's BarcodeDetector (where there is one) reads the
//     QR code on the machine's label and fills in its inventory number.
//   - Position: the phone's location fills in the coordinates.
//   - Live status: a breakdown report's page asks for its status every 15 seconds.
//   - New requests: the fleet managers' page says when new reports arrived.

const say = (element, text) => {
  if (element) element.textContent = text;
};

// Scanning the label.
const scan = document.querySelector("[data-scan]");
const numberField = document.getElementById("number");
if (scan && numberField && "BarcodeDetector" in window && navigator.mediaDevices) {
  scan.hidden = false;
  const video = scan.querySelector("[data-scan-video]");
  const status = scan.querySelector("[data-scan-status]");
  const start = scan.querySelector("[data-scan-start]");
  start.addEventListener("click", async () => {
    let stream;
    try {
      const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      say(status, scan.dataset.msgScanning);
      const look = async () => {
        const codes = await detector.detect(video).catch(() => []);
        // A label holds the unit's address: …/bauhof/{municipality}/geraet/{number}.
        const found = codes
          .map((code) => code.rawValue.match(/\/geraet\/([A-Za-z0-9._-]+)\/?$/))
          .find(Boolean);
        if (found) {
          numberField.value = decodeURIComponent(found[1]);
          say(status, scan.dataset.msgFound.replace("{}", numberField.value));
          stream.getTracks().forEach((track) => track.stop());
          video.hidden = true;
          numberField.focus();
          return;
        }
        requestAnimationFrame(look);
      };
      look();
    } catch {
      if (stream) stream.getTracks().forEach((track) => track.stop());
      video.hidden = true;
      say(status, scan.dataset.msgDenied);
      numberField.focus();
    }
  });
}

// The phone's position.
const locate = document.querySelector("[data-locate]");
const lat = document.getElementById("lat");
const lon = document.getElementById("lon");
if (locate && lat && lon && navigator.geolocation) {
  locate.hidden = false;
  const status = locate.querySelector("[data-locate-status]");
  locate.querySelector("[data-locate-start]").addEventListener("click", () => {
    say(status, locate.dataset.msgLocating);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        lat.value = position.coords.latitude.toFixed(6);
        lon.value = position.coords.longitude.toFixed(6);
        const details = lat.closest("details");
        if (details) details.open = true;
        say(status, locate.dataset.msgFound.replace("{}", String(Math.round(position.coords.accuracy))));
      },
      () => say(status, locate.dataset.msgFailed),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  });
}

// A report's status, kept current.
const live = document.querySelector("[data-bauhof-status]");
if (live) {
  const badge = live.querySelector("[data-status-badge] .bauhof-status");
  const label = badge && badge.querySelector(".kern-label");
  const detail = live.querySelector("[data-status-detail]");
  let timer;
  const check = () =>
    fetch(live.dataset.bauhofStatus, { credentials: "same-origin", cache: "no-store" })
      .then((response) => (response.ok ? response.json() : null))
      .then((answer) => {
        if (!answer || !badge) return;
        badge.className = `kern-badge kern-badge--info bauhof-status bauhof-status--${answer.status_code}`;
        if (label.textContent !== answer.status) label.textContent = answer.status;
        if (detail.textContent !== answer.detail) detail.textContent = answer.detail;
        if (!answer.open) clearInterval(timer);
      })
      .catch(() => {});
  timer = setInterval(check, Number(live.dataset.interval || 15000));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") check();
  });
}

// New requests for the fleet managers.
const arrivals = document.querySelector("[data-fleet-live]");
if (arrivals) {
  let shown = 0;
  const check = () =>
    fetch(arrivals.dataset.fleetLive, { credentials: "same-origin", cache: "no-store" })
      .then((response) => (response.ok ? response.json() : null))
      .then((answer) => {
        if (!answer || answer.count === 0 || answer.count === shown) return;
        shown = answer.count;
        arrivals.textContent = arrivals.dataset.label.replace("{}", String(answer.count)) + " ";
        const reload = document.createElement("a");
        reload.className = "kern-link";
        reload.href = window.location.href;
        reload.textContent = arrivals.dataset.reload;
        arrivals.append(reload);
      })
      .catch(() => {});
  setInterval(check, 20000);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") check();
  });
}
