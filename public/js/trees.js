// Kiezwerk – "Bäume in meiner Nähe". Without JavaScript the coordinates are typed or the
// trees found by street; with it, "Meinen Standort verwenden" fills in the device's position
// and searches at once.

const form = document.querySelector("form[data-tree-locate]");
const button = form && form.querySelector("[data-locate]");
if (button && "geolocation" in navigator) {
  const status = form.querySelector("[data-locate-status]");
  button.parentElement.hidden = false;
  button.addEventListener("click", () => {
    status.textContent = button.dataset.locating;
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        form.querySelector("#lat").value = position.coords.latitude.toFixed(6);
        form.querySelector("#lon").value = position.coords.longitude.toFixed(6);
        form.submit();
      },
      () => {
        status.textContent = button.dataset.failed;
        button.disabled = false;
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  });
}
