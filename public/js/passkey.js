// Passkey prompts for the sign-in and "create a passkey" pages. The server keeps the ceremony
// state; this script only carries the browser's WebAuthn answers to it as JSON.

const messages = document.querySelector("[data-passkey-messages]")?.dataset ?? {};
const errorBox = document.querySelector("[data-passkey-error]");
const errorText = document.querySelector("[data-passkey-error-text]");
const statusLine = document.querySelector("[data-passkey-status]");

// base64url without padding <-> ArrayBuffer
const toBytes = (text) => {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "===".slice((base64.length + 3) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
};
const toText = (buffer) => {
  let binary = "";
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

function showStatus(text) {
  if (statusLine) statusLine.textContent = text ?? "";
}

function showError(text) {
  showStatus("");
  if (!errorBox || !errorText) return;
  errorText.textContent = text;
  errorBox.hidden = false;
  errorBox.focus();
}

function clearError() {
  if (errorBox) errorBox.hidden = true;
}

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    credentials: "same-origin",
    body: JSON.stringify(body ?? {}),
  });
  let data = {};
  try {
    data = await response.json();
  } catch {
    // An answer without JSON (proxy error page): the generic message below.
  }
  if (!response.ok) throw new Error(data.message || messages.failed);
  return data;
}

// The browser's own errors: the person cancelled, or the device refused.
function browserFailure(error) {
  if (error?.name === "NotAllowedError" || error?.name === "AbortError") return messages.cancelled;
  if (error?.name === "InvalidStateError") return messages.failed;
  return error?.message || messages.failed;
}

const supported = typeof window.PublicKeyCredential === "function" && !!navigator.credentials;

// The script runs: the hint that passkeys need JavaScript goes, and the buttons, disabled in
// the page until their click can be answered, work.
for (const hint of document.querySelectorAll("[data-passkey-needs-js]")) hint.hidden = true;
for (const button of document.querySelectorAll("[data-passkey-sign-in] button, [data-passkey-register] button")) {
  button.disabled = false;
}

// ---- sign-in -------------------------------------------------------------------------------

async function signIn(mediation, signal) {
  const { ceremony, options } = await post("/konto/passkey/anmeldung/beginn");
  const publicKey = options.publicKey;
  publicKey.challenge = toBytes(publicKey.challenge);
  publicKey.allowCredentials = (publicKey.allowCredentials ?? []).map((c) => ({ ...c, id: toBytes(c.id) }));
  const request = { publicKey, signal };
  if (mediation) request.mediation = mediation;
  const credential = await navigator.credentials.get(request);
  if (!credential) throw new Error(messages.cancelled);
  showStatus(messages.working);
  const answer = credential.response;
  const result = await post("/konto/passkey/anmeldung/abschluss", {
    ceremony,
    credential: {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: {
        authenticatorData: toText(answer.authenticatorData),
        clientDataJSON: toText(answer.clientDataJSON),
        signature: toText(answer.signature),
        userHandle: answer.userHandle ? toText(answer.userHandle) : null,
      },
      extensions: {},
    },
  });
  window.location.assign(result.redirect || "/konto");
}

const signInForm = document.querySelector("[data-passkey-sign-in]");
if (signInForm) {
  let conditional = null;
  // Passkeys offered in the field's autofill, where the browser can.
  const offerInAutofill = async () => {
    if (!supported || !PublicKeyCredential.isConditionalMediationAvailable) return;
    if (!(await PublicKeyCredential.isConditionalMediationAvailable())) return;
    conditional = new AbortController();
    try {
      await signIn("conditional", conditional.signal);
    } catch (error) {
      if (error?.name !== "AbortError" && !conditional?.signal.aborted) showError(browserFailure(error));
    }
  };
  signInForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError();
    if (!supported) return showError(messages.unsupported);
    conditional?.abort();
    conditional = null;
    const button = signInForm.querySelector("button[type=submit]");
    button.disabled = true;
    showStatus(messages.working);
    try {
      await signIn(null, undefined);
    } catch (error) {
      showError(browserFailure(error));
      button.disabled = false;
      offerInAutofill();
    }
  });
  offerInAutofill();
}

// ---- registration --------------------------------------------------------------------------

const registerForm = document.querySelector("[data-passkey-register]");
if (registerForm) {
  registerForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError();
    if (!supported) return showError(messages.unsupported);
    const button = registerForm.querySelector("button[type=submit]");
    button.disabled = true;
    showStatus(messages.working);
    try {
      const { publicKey } = await post("/konto/passkey/registrierung/beginn");
      publicKey.challenge = toBytes(publicKey.challenge);
      publicKey.user.id = toBytes(publicKey.user.id);
      publicKey.excludeCredentials = (publicKey.excludeCredentials ?? []).map((c) => ({ ...c, id: toBytes(c.id) }));
      const credential = await navigator.credentials.create({ publicKey });
      if (!credential) throw new Error(messages.cancelled);
      const answer = credential.response;
      const name = registerForm.querySelector("[name=name]")?.value ?? "";
      const result = await post("/konto/passkey/registrierung/abschluss", {
        name,
        credential: {
          id: credential.id,
          rawId: toText(credential.rawId),
          type: credential.type,
          response: {
            attestationObject: toText(answer.attestationObject),
            clientDataJSON: toText(answer.clientDataJSON),
            transports: answer.getTransports ? answer.getTransports() : undefined,
          },
          extensions: {},
        },
      });
      window.location.assign(result.redirect || "/konto");
    } catch (error) {
      showError(browserFailure(error));
      button.disabled = false;
    }
  });
}
