//! Kiezwerk's cookies, read and written in this one place (with the `cookie` crate) by the
//! server functions and by the server's own handlers: their names, `__Host-` over https, and
//! their attributes. Every cookie but the language choice is `HttpOnly` and `SameSite=Lax`.

use crate::i18n::Lang;
use cookie::time::Duration;
use cookie::{Cookie, SameSite};
use http::header::{HeaderValue, ACCEPT_LANGUAGE, COOKIE};
use http::HeaderMap;

pub const SESSION: &str = "kw_session";
/// The enrolment (sign-up, another passkey, recovery, invitation) a passkey prompt is for.
pub const ENROL: &str = "kw_enrol";
/// The citizen's report in progress.
pub const DRAFT: &str = "kw_draft";
/// Reports made in this browser without an account, as `reference:token|…`.
pub const CLAIMS: &str = "kw_claims";
/// Errors and typed values of a refused account form, for the page it returns to.
pub const FLASH: &str = "kw_flash";
/// A secret to hand over in person (invitation link, recovery code), shown once on the page.
pub const HANDOVER: &str = "kw_handover";
/// The interface language the person chose; readable by nobody but the server, but not secret.
pub const LANG: &str = "kw_lang";

/// Longest value accepted from one of our cookies; anything longer is not ours.
const MAX_VALUE: usize = 4096;
/// Tokens we hand out are 43 characters; anything outside this is not one of them.
const MAX_TOKEN: usize = 64;

/// Whether a presented value can be one of our tokens (not empty, not absurdly long), before
/// it is hashed and looked up.
pub fn is_token(value: &str) -> bool {
    !value.is_empty() && value.len() <= MAX_TOKEN
}

/// The value of the request cookie named exactly `name`.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|header| header.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// The request's language: the person's choice (cookie), else the first supported language
/// of `Accept-Language`, else German.
pub fn lang(headers: &HeaderMap) -> Lang {
    let accept = headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v: &HeaderValue| v.to_str().ok());
    Lang::negotiate(read(headers, LANG).as_deref(), accept)
}

/// How this deployment shapes cookies; provided as context by the server.
#[derive(Clone, Copy, Debug)]
pub struct CookiePolicy {
    /// Served over https: cookies get `Secure` and the `__Host-` prefix.
    pub secure: bool,
}

impl CookiePolicy {
    /// A cookie's name as the browser sends it: `__Host-` prefixed over https.
    pub fn name(self, base: &str) -> String {
        if self.secure {
            format!("__Host-{base}")
        } else {
            base.to_owned()
        }
    }

    /// The value of one of our cookies.
    pub fn read(self, headers: &HeaderMap, base: &str) -> Option<String> {
        read(headers, &self.name(base)).filter(|v| !v.is_empty() && v.len() <= MAX_VALUE)
    }

    /// One of our token cookies (session, draft, enrolment), if it holds a plausible token.
    pub fn token(self, headers: &HeaderMap, base: &str) -> Option<String> {
        self.read(headers, base).filter(|t| is_token(t))
    }

    /// `Set-Cookie` for one of our cookies: `HttpOnly`, `SameSite=Lax`, `Path=/`, and over
    /// https `Secure`. Without `max_age` it lasts as long as the browser session.
    pub fn set(self, base: &str, value: &str, max_age_seconds: Option<i64>) -> HeaderValue {
        let mut cookie = Cookie::build((self.name(base), value.to_owned()))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure);
        if let Some(seconds) = max_age_seconds {
            cookie = cookie.max_age(Duration::seconds(seconds));
        }
        header_value(cookie.build())
    }

    /// `Set-Cookie` that removes one of our cookies.
    pub fn remove(self, base: &str) -> HeaderValue {
        self.set(base, "", Some(0))
    }

    /// `Set-Cookie` for the language choice: a year, and (being no secret) neither `HttpOnly`
    /// nor `__Host-`.
    pub fn set_lang(self, lang: Lang) -> HeaderValue {
        let cookie = Cookie::build((LANG, lang.tag()))
            .path("/")
            .max_age(Duration::days(365))
            .same_site(SameSite::Lax)
            .secure(self.secure);
        header_value(cookie.build())
    }
}

impl CookiePolicy {
    /// `Set-Cookie` that keeps a form's flash (errors, typed values, notice) for the next page,
    /// for two minutes.
    pub fn set_flash(self, flash: &crate::model::Flash) -> Option<HeaderValue> {
        use base64::Engine;
        let json = serde_json::to_vec(flash).ok()?;
        let value = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
        Some(self.set(FLASH, &value, Some(120)))
    }

    /// The flash a previous response left, if any (the caller removes the cookie).
    pub fn flash(self, headers: &HeaderMap) -> Option<crate::model::Flash> {
        use base64::Engine;
        let value = self.read(headers, FLASH)?;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(value)
            .ok()
            .and_then(|json| serde_json::from_slice(&json).ok())
    }
}

fn header_value(cookie: Cookie<'_>) -> HeaderValue {
    // Names are ours and values are base64url, tags or `reference:token` lists: always valid.
    HeaderValue::from_str(&cookie.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(cookie: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_str(cookie).expect("header"));
        headers
    }

    #[test]
    fn cookies_are_read_by_exact_name_and_tokens_checked() {
        let h = headers("a=1; kw_draft=abc; __Host-kw_session=tok; kw_drafts=x");
        assert_eq!(read(&h, DRAFT).as_deref(), Some("abc"));
        let plain = CookiePolicy { secure: false };
        let secure = CookiePolicy { secure: true };
        assert_eq!(plain.token(&h, SESSION), None);
        assert_eq!(secure.token(&h, SESSION).as_deref(), Some("tok"));
        let long = format!("kw_draft={}", "x".repeat(65));
        assert_eq!(plain.token(&headers(&long), DRAFT), None);
    }

    #[test]
    fn set_cookies_are_http_only_lax_and_secure_with_the_host_prefix_over_https() {
        let secure = CookiePolicy { secure: true }.set(DRAFT, "tok", None);
        let secure = secure.to_str().expect("ascii");
        assert!(secure.starts_with("__Host-kw_draft=tok"), "{secure}");
        for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
            assert!(secure.contains(attribute), "{secure} lacks {attribute}");
        }
        assert!(!secure.contains("Max-Age"));
        let removed = CookiePolicy { secure: false }.remove(SESSION);
        let removed = removed.to_str().expect("ascii");
        assert!(removed.starts_with("kw_session=;") && removed.contains("Max-Age=0"));
        assert!(!removed.contains("Secure"));
        let lang = CookiePolicy { secure: false }.set_lang(Lang::En);
        let lang = lang.to_str().expect("ascii");
        assert!(lang.starts_with("kw_lang=en") && !lang.contains("HttpOnly"));
    }

    #[test]
    fn the_language_cookie_beats_the_browsers_preference() {
        assert_eq!(lang(&headers("a=b; kw_lang=en")), Lang::En);
        assert_eq!(lang(&HeaderMap::new()), Lang::De);
    }
}
