//! Bürger-ID: passwordless accounts. Citizens and staff sign in with passkeys (WebAuthn); there
//! are no passwords. Sessions live in the database, so any server can answer any request;
//! roles are granted per municipality and checked on the server in every handler.

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod mail;
pub mod passkeys;
pub mod recovery;
pub mod roles;
pub mod sessions;

use crate::apikeys::hash;

/// A new random secret (256 bits, base64url) and the id it is stored under (its SHA-256).
pub fn secret() -> (String, String) {
    use base64::Engine;
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
    let id = hash(&token);
    (token, id)
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, `Secure` and `__Host-` over https.
pub fn cookie(secure: bool, name: &str, value: &str, max_age_seconds: Option<i64>) -> String {
    let name = if secure {
        format!("__Host-{name}")
    } else {
        name.to_owned()
    };
    let max_age = max_age_seconds
        .map(|s| format!("; Max-Age={s}"))
        .unwrap_or_default();
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax{max_age}{secure}")
}

/// The cookie's name as the browser sends it.
pub fn cookie_name(secure: bool, name: &str) -> String {
    if secure {
        format!("__Host-{name}")
    } else {
        name.to_owned()
    }
}
