//! Bürger-ID through the real router: passkey ceremonies with a software authenticator,
//! sessions, recovery, data rights, and the role matrix.

use crate::authenticator::{Credential, Tamper};
use crate::helpers::{
    report_with_contact, staff_browser, Browser, Database, TestApp, TestResponse,
};
use crate::on_both_databases;
use crate::report_flow::start_dumping_report_in_pankow;
use axum::http::StatusCode;
use kiezwerk::core::access::Permission;
use kiezwerk_app::model::Role;
use serde_json::json;

/// Signs up through the forms and the passkey endpoints; the browser is then signed in.
async fn sign_up(browser: &mut Browser<'_>, name: &str, email: &str) -> Credential {
    let (next, page) = browser
        .submit(
            "/api/konto/registrieren",
            &[("name", name), ("email", email)],
        )
        .await;
    assert_eq!(next, "/konto/neuer-passkey");
    assert!(page.text().contains("Passkey"), "{}", page.text());
    register(browser).await
}

/// Creates a passkey for the enrolment in the browser's cookie.
async fn register(browser: &mut Browser<'_>) -> Credential {
    let options = browser
        .post_json("/konto/passkey/registrierung/beginn", &json!({}))
        .await;
    assert_eq!(options.status, StatusCode::OK, "{}", options.text());
    let options = options.json();
    assert_eq!(
        options["publicKey"]["authenticatorSelection"]["residentKey"], "preferred",
        "a discoverable credential is asked for: {options}"
    );
    assert_eq!(
        options["publicKey"]["authenticatorSelection"]["userVerification"],
        "required"
    );
    let (credential, answer) = Credential::register(&options);
    let done = browser
        .post_json(
            "/konto/passkey/registrierung/abschluss",
            &json!({ "credential": answer, "name": "Testgerät" }),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    credential
}

/// A sign-in: the options, and the answer the authenticator gives to them.
async fn sign_in_answer(
    browser: &mut Browser<'_>,
    credential: &mut Credential,
    tamper: Tamper,
) -> serde_json::Value {
    let begun = browser
        .post_json("/konto/passkey/anmeldung/beginn", &json!({}))
        .await;
    assert_eq!(begun.status, StatusCode::OK, "{}", begun.text());
    let begun = begun.json();
    assert!(
        begun["options"]["publicKey"]["allowCredentials"]
            .as_array()
            .is_none_or(|a| a.is_empty()),
        "no account is named: any passkey of this site may answer"
    );
    json!({
        "ceremony": begun["ceremony"],
        "credential": credential.assert(&begun["options"], tamper),
    })
}

async fn sign_in(
    browser: &mut Browser<'_>,
    credential: &mut Credential,
    tamper: Tamper,
) -> TestResponse {
    let answer = sign_in_answer(browser, credential, tamper).await;
    browser
        .post_json("/konto/passkey/anmeldung/abschluss", &answer)
        .await
}

fn session_cookie(browser: &Browser<'_>) -> Option<String> {
    browser
        .cookies
        .get("kw_session")
        .filter(|v| !v.is_empty())
        .cloned()
}

/// Whether the browser's session shows the account page.
async fn signed_in_as(browser: &mut Browser<'_>, name: &str) -> bool {
    let page = browser.get("/konto").await;
    page.status == StatusCode::OK && page.text().contains(name)
}

/// The link in the newest mail to `to`.
async fn link_in_mail(app: &TestApp, to: &str) -> String {
    let body: String = sqlx::query_scalar(
        "select body from outbox where to_address = $1 order by id desc limit 1",
    )
    .bind(to)
    .fetch_one(&app.state.core.db.pool)
    .await
    .expect("a mail was queued");
    let start = body.find("http://").expect("a link in the mail");
    let link = body[start..].split_whitespace().next().expect("link");
    link.trim_start_matches("http://localhost:3000").to_owned()
}

/// The secret an administration page shows once (invitation link, recovery code).
fn handover(page: &TestResponse) -> String {
    let text = page.text();
    let marker = "class=\"handover\">";
    let start = text
        .find(marker)
        .unwrap_or_else(|| panic!("handover shown: {text}"))
        + marker.len();
    let value = &text[start..start + text[start..].find('<').expect("end")];
    value
        .trim_start_matches("http://localhost:3000")
        .replace("&amp;", "&")
}

fn token_of(link: &str) -> String {
    link.split("token=").nth(1).expect("token").to_owned()
}

/// An anonymous web report from this browser; returns its reference.
async fn report_anonymously(browser: &mut Browser<'_>, email: &str) -> String {
    start_dumping_report_in_pankow(browser).await;
    browser
        .submit(
            "/api/melden/beschreibung",
            &[("beschreibung", "Sperrmüll an der Ecke")],
        )
        .await;
    browser
        .submit("/api/melden/kontakt", &[("email", email)])
        .await;
    let confirmation = browser.post("/api/melden/absenden", &[]).await.redirect();
    confirmation
        .split("meldung=")
        .nth(1)
        .and_then(|s| s.split('&').next())
        .expect("reference")
        .to_owned()
}

on_both_databases! {
    /// Sign up, sign out, and sign in again without typing any name; the session id rotates.
    async fn a_citizen_signs_up_with_a_passkey_and_signs_in_again_without_typing_a_name(app) {
        let mut browser = app.browser();
        let mut credential = sign_up(&mut browser, "Anna Schmidt", "").await;
        let first = session_cookie(&browser).expect("signed in after sign-up");
        assert!(signed_in_as(&mut browser, "Anna Schmidt").await);
        assert!(browser.get("/").await.text().contains("Mein Konto"));

        let signed_out = browser.post("/api/konto/abmelden", &[]).await;
        assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
        assert_eq!(session_cookie(&browser), None, "the cookie is removed");
        assert_eq!(browser.get("/konto").await.redirect(), "/konto/anmelden");

        // The old cookie is dead on the server, not only forgotten by the browser.
        browser.cookies.insert("kw_session".into(), first.clone());
        assert_eq!(browser.get("/konto").await.redirect(), "/konto/anmelden");

        let done = sign_in(&mut browser, &mut credential, Tamper::default()).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text());
        assert_eq!(done.json()["redirect"], "/konto");
        let second = session_cookie(&browser).expect("signed in");
        assert_ne!(first, second, "every sign-in gets a new session id");
        assert!(signed_in_as(&mut browser, "Anna Schmidt").await);
        assert_eq!(app.count("sessions").await, 1, "the earlier session is gone");

        // Signed in on a second device, then out everywhere from the first.
        let mut tablet = app.browser();
        assert_eq!(sign_in(&mut tablet, &mut credential, Tamper::default()).await.status, StatusCode::OK);
        assert_eq!(app.count("sessions").await, 2);
        let (next, _) = browser.submit("/api/konto/ueberall-abmelden", &[]).await;
        assert!(next.starts_with("/konto/anmelden"), "{next}");
        assert_eq!(tablet.get("/konto").await.redirect(), "/konto/anmelden");
        assert_eq!(app.count("sessions").await, 0);

        let events: Vec<String> = sqlx::query_scalar("select event from audit_log order by id")
            .fetch_all(&app.state.core.db.pool).await.expect("audit");
        for event in ["signed_up", "passkey_added", "signed_out", "signed_in"] {
            assert!(events.iter().any(|e| e == event), "{event} in {events:?}");
        }
        let details: Vec<String> = sqlx::query_scalar("select detail from audit_log")
            .fetch_all(&app.state.core.db.pool).await.expect("audit");
        assert!(details.iter().all(|d| !d.contains(&second) && !d.contains(&first)), "no secrets in the audit log");
    }
}

on_both_databases! {
    async fn a_replayed_finish_is_refused_and_creates_no_session_or_account(app) {
        let mut browser = app.browser();
        // Registration answered twice.
        browser.submit("/api/konto/registrieren", &[("name", "Ben"), ("email", "")]).await;
        let options = browser.post_json("/konto/passkey/registrierung/beginn", &json!({})).await.json();
        let (_, answer) = Credential::register(&options);
        let body = json!({ "credential": answer });
        let enrol_cookie = browser.cookies.get("kw_enrol").cloned().expect("enrolment cookie");
        assert_eq!(browser.post_json("/konto/passkey/registrierung/abschluss", &body).await.status, StatusCode::OK);
        browser.cookies.insert("kw_enrol".into(), enrol_cookie);
        browser.cookies.remove("kw_session");
        let replay = browser.post_json("/konto/passkey/registrierung/abschluss", &body).await;
        assert_eq!(replay.status, StatusCode::BAD_REQUEST);
        assert!(replay.json()["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert_eq!(app.count("accounts").await, 1);
        assert_eq!(app.count("sessions").await, 1);

        // Sign-in answered twice.
        let mut browser = app.browser();
        let mut credential = sign_up(&mut browser, "Cem", "").await;
        let mut other = app.browser();
        let answer = sign_in_answer(&mut other, &mut credential, Tamper::default()).await;
        assert_eq!(other.post_json("/konto/passkey/anmeldung/abschluss", &answer).await.status, StatusCode::OK);
        let sessions = app.count("sessions").await;
        let mut attacker = app.browser();
        let replay = attacker.post_json("/konto/passkey/anmeldung/abschluss", &answer).await;
        assert_eq!(replay.status, StatusCode::BAD_REQUEST);
        assert_eq!(session_cookie(&attacker), None);
        assert_eq!(app.count("sessions").await, sessions);
    }
}

on_both_databases! {
    async fn an_expired_ceremony_is_refused(app) {
        let mut browser = app.browser();
        let mut credential = sign_up(&mut browser, "Dana", "").await;
        let mut later = app.browser();
        let answer = sign_in_answer(&mut later, &mut credential, Tamper::default()).await;
        sqlx::query("update ceremonies set expires_at = 0").execute(&app.state.core.db.pool).await.expect("expire");
        let refused = later.post_json("/konto/passkey/anmeldung/abschluss", &answer).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert_eq!(session_cookie(&later), None);
    }
}

on_both_databases! {
    async fn an_assertion_without_user_verification_or_with_a_bad_signature_is_refused(app) {
        let mut browser = app.browser();
        let mut credential = sign_up(&mut browser, "Emil", "").await;
        let sessions = app.count("sessions").await;
        for tamper in [
            Tamper { without_user_verification: true, ..Tamper::default() },
            Tamper { bad_signature: true, ..Tamper::default() },
        ] {
            let mut other = app.browser();
            let refused = sign_in(&mut other, &mut credential, tamper).await;
            assert!(refused.status.is_client_error(), "{tamper:?}: {}", refused.status);
            assert_eq!(session_cookie(&other), None, "{tamper:?}");
        }
        assert_eq!(app.count("sessions").await, sessions);
        let mut other = app.browser();
        assert_eq!(sign_in(&mut other, &mut credential, Tamper::default()).await.status, StatusCode::OK);
    }
}

on_both_databases! {
    async fn a_counter_regression_is_refused_and_the_credential_flagged(app) {
        let mut browser = app.browser();
        let mut credential = sign_up(&mut browser, "Frida", "").await;
        for _ in 0..2 {
            assert_eq!(sign_in(&mut app.browser(), &mut credential, Tamper::default()).await.status, StatusCode::OK);
        }
        let clone = sign_in(&mut app.browser(), &mut credential, Tamper { counter: Some(1), ..Tamper::default() }).await;
        assert_eq!(clone.status, StatusCode::UNAUTHORIZED);
        let flagged: Option<i64> = sqlx::query_scalar("select flagged_at from passkeys")
            .fetch_one(&app.state.core.db.pool).await.expect("passkey");
        assert!(flagged.is_some(), "the credential is flagged");
        // Not even the genuine device gets in with it any more.
        let after = sign_in(&mut app.browser(), &mut credential, Tamper::default()).await;
        assert_eq!(after.status, StatusCode::UNAUTHORIZED);
        assert!(browser.get("/konto").await.text().contains("Gesperrt"), "the account page shows the blocked passkey");
    }
}

on_both_databases! {
    async fn another_accounts_user_handle_gets_the_same_answer_as_an_unknown_credential(app) {
        let mut credential = sign_up(&mut app.browser(), "Gül", "").await;
        let other = sign_up(&mut app.browser(), "Hans", "").await;
        let mut mixed = credential.clone();
        mixed.user_handle = other.user_handle.clone();
        let mismatch = sign_in(&mut app.browser(), &mut mixed, Tamper::default()).await;
        let mut unknown = credential.clone();
        unknown.id = vec![7; 16];
        let not_found = sign_in(&mut app.browser(), &mut unknown, Tamper::default()).await;
        assert_eq!(mismatch.status, StatusCode::UNAUTHORIZED);
        assert_eq!(mismatch.status, not_found.status);
        assert_eq!(mismatch.text(), not_found.text());
        assert_eq!(app.count("sessions").await, 2, "only the two sign-ups' sessions");
        assert_eq!(sign_in(&mut app.browser(), &mut credential, Tamper::default()).await.status, StatusCode::OK);
    }
}

on_both_databases! {
    async fn idle_and_absolute_session_timeouts_end_the_session(app) {
        let mut browser = app.browser();
        sign_up(&mut browser, "Ida", "").await;
        assert!(signed_in_as(&mut browser, "Ida").await);
        let idle = i64::from(app.state.core.settings.session_idle_minutes) * 60_000;
        sqlx::query("update sessions set last_seen_at = last_seen_at - $1").bind(idle + 1000)
            .execute(&app.state.core.db.pool).await.expect("idle");
        assert_eq!(browser.get("/konto").await.redirect(), "/konto/anmelden");
        assert_eq!(app.count("sessions").await, 0);

        let mut browser = app.browser();
        sign_up(&mut browser, "Jan", "").await;
        let lifetime = i64::from(app.state.core.settings.session_lifetime_hours) * 3_600_000;
        sqlx::query("update sessions set created_at = created_at - $1").bind(lifetime + 1000)
            .execute(&app.state.core.db.pool).await.expect("old");
        assert_eq!(browser.get("/konto").await.redirect(), "/konto/anmelden");
    }
}

on_both_databases! {
    async fn passkeys_are_added_renamed_and_the_last_one_removed_only_after_confirmation(app) {
        let mut browser = app.browser();
        let mut first = sign_up(&mut browser, "Karla", "").await;
        let added = browser.post("/api/konto/passkey-hinzufuegen", &[]).await;
        assert_eq!(added.redirect(), "/konto/neuer-passkey");
        let mut second = register(&mut browser).await;
        assert_eq!(app.count("passkeys").await, 2);
        let ids: Vec<i64> = sqlx::query_scalar("select id from passkeys order by id")
            .fetch_all(&app.state.core.db.pool).await.expect("ids");

        let (next, page) = browser.submit("/api/konto/passkey-umbenennen", &[("passkey", &ids[1].to_string()), ("name", "Tablet")]).await;
        assert_eq!(next, "/konto?hinweis=passkey-umbenannt");
        assert!(page.text().contains("Tablet"));

        let (next, _) = browser.submit("/api/konto/passkey-entfernen", &[("passkey", &ids[0].to_string())]).await;
        assert_eq!(next, "/konto?hinweis=passkey-entfernt");
        assert_eq!(sign_in(&mut app.browser(), &mut first, Tamper::default()).await.status, StatusCode::UNAUTHORIZED);

        let (next, page) = browser.submit("/api/konto/passkey-entfernen", &[("passkey", &ids[1].to_string())]).await;
        assert_eq!(next, "/konto");
        assert!(page.text().contains("Fehler:"), "the last passkey needs a confirmation");
        assert_eq!(app.count("passkeys").await, 1);
        browser.submit("/api/konto/passkey-entfernen", &[("passkey", &ids[1].to_string()), ("bestaetigt", "ja")]).await;
        assert_eq!(app.count("passkeys").await, 0);
        assert_eq!(sign_in(&mut app.browser(), &mut second, Tamper::default()).await.status, StatusCode::UNAUTHORIZED);

        // Somebody else's passkey cannot be touched.
        let mut other = app.browser();
        sign_up(&mut other, "Lena", "").await;
        let mine: i64 = sqlx::query_scalar("select max(id) from passkeys").fetch_one(&app.state.core.db.pool).await.expect("id");
        browser.submit("/api/konto/passkey-entfernen", &[("passkey", &mine.to_string()), ("bestaetigt", "ja")]).await;
        assert_eq!(app.count("passkeys").await, 1);
    }
}

on_both_databases! {
    async fn e_mail_is_confirmed_by_double_opt_in_and_recovery_links_go_only_to_confirmed_addresses(app) {
        let mut browser = app.browser();
        sign_up(&mut browser, "Mia", "mia@example.de").await;
        let confirmed: Option<i64> = sqlx::query_scalar("select email_confirmed_at from accounts")
            .fetch_one(&app.state.core.db.pool).await.expect("account");
        assert_eq!(confirmed, None, "not before the link is used");

        // Unconfirmed: recovery sends nothing, but says the same.
        let mails = app.count("outbox").await;
        let (next, page) = browser.submit("/api/konto/wiederherstellen", &[("email", "mia@example.de")]).await;
        assert_eq!(next, "/konto/wiederherstellen?hinweis=gesendet");
        assert_eq!(app.count("outbox").await, mails);
        let (unknown_next, unknown) = app.browser().submit("/api/konto/wiederherstellen", &[("email", "niemand@example.de")]).await;
        assert_eq!(unknown_next, next, "an unknown address gets the same answer");
        for answer in [&page, &unknown] {
            assert!(answer.text().contains("Wenn zu dieser Adresse ein Konto gehört"));
        }
        assert_eq!(app.count("outbox").await, mails);

        // A link to an address given up no longer confirms it.
        let typo = link_in_mail(&app, "mia@example.de").await;
        browser.submit("/api/konto/email", &[("email", "mia@beispiel.de")]).await;
        let refused = browser.post("/api/konto/email-bestaetigen", &[("token", &token_of(&typo))]).await;
        assert!(refused.redirect().starts_with("/konto/email-bestaetigen"), "the old link is dead");
        browser.submit("/api/konto/email", &[("email", "mia@example.de")]).await;

        let link = link_in_mail(&app, "mia@example.de").await;
        assert!(link.starts_with("/konto/email-bestaetigen?token="), "{link}");
        assert_ne!(link, typo);
        let page = browser.get(&link).await;
        assert_eq!(page.status, StatusCode::OK, "the link only shows a button (no GET changes state)");
        let confirmed: Option<i64> = sqlx::query_scalar("select email_confirmed_at from accounts")
            .fetch_one(&app.state.core.db.pool).await.expect("account");
        assert_eq!(confirmed, None);
        let (next, _) = browser.submit("/api/konto/email-bestaetigen", &[("token", &token_of(&link))]).await;
        assert_eq!(next, "/konto?hinweis=email-bestaetigt");
        let again = browser.post("/api/konto/email-bestaetigen", &[("token", &token_of(&link))]).await;
        assert!(again.redirect().starts_with("/konto/email-bestaetigen"), "a used link is refused");
    }
}

on_both_databases! {
    async fn a_lost_device_is_replaced_through_the_e_mail_link_once_and_the_old_session_ends(app) {
        let mut lost = app.browser();
        sign_up(&mut lost, "Nora", "nora@example.de").await;
        let link = link_in_mail(&app, "nora@example.de").await;
        lost.submit("/api/konto/email-bestaetigen", &[("token", &token_of(&link))]).await;

        let mut fresh = app.browser();
        fresh.submit("/api/konto/wiederherstellen", &[("email", "Nora@Example.de")]).await;
        let link = link_in_mail(&app, "nora@example.de").await;
        assert!(link.starts_with("/konto/wiederherstellen/link?token="), "{link}");
        let token = token_of(&link);
        let (next, _) = fresh.submit("/api/konto/wiederherstellen/link", &[("token", &token)]).await;
        assert_eq!(next, "/konto/neuer-passkey");
        let mut credential = register(&mut fresh).await;
        assert!(signed_in_as(&mut fresh, "Nora").await);
        assert_eq!(lost.get("/konto").await.redirect(), "/konto/anmelden", "whoever has the lost device is signed out");
        assert_eq!(sign_in(&mut app.browser(), &mut credential, Tamper::default()).await.status, StatusCode::OK);

        let reuse = app.browser().post("/api/konto/wiederherstellen/link", &[("token", &token)]).await;
        assert!(reuse.redirect().starts_with("/konto/wiederherstellen/link"), "single use");
        assert_eq!(app.count("accounts").await, 1);
    }
}

on_both_databases! {
    async fn an_anonymous_report_from_this_browser_is_claimed_after_signing_up(app) {
        let mut browser = app.browser();
        let reference = report_anonymously(&mut browser, "").await;
        assert!(browser.cookies.contains_key("kw_claims"));
        sign_up(&mut browser, "Olga", "").await;
        let page = browser.get("/konto").await.text();
        assert!(page.contains(&reference), "offered for claiming: {page}");
        let (next, page) = browser.submit("/api/konto/zuordnen", &[]).await;
        assert_eq!(next, "/konto?hinweis=zugeordnet");
        assert!(page.text().contains(&reference));
        let owner: Option<i64> = sqlx::query_scalar("select account_id from reports")
            .fetch_one(&app.state.core.db.pool).await.expect("report");
        assert!(owner.is_some());

        // A forged claim cookie claims nothing.
        let other_reference = report_anonymously(&mut app.browser(), "").await;
        let mut thief = app.browser();
        sign_up(&mut thief, "Paul", "").await;
        thief.cookies.insert("kw_claims".into(), format!("{other_reference}:forged"));
        thief.submit("/api/konto/zuordnen", &[]).await;
        let claimed: i64 = sqlx::query_scalar("select count(*) from reports where account_id is not null")
            .fetch_one(&app.state.core.db.pool).await.expect("count");
        assert_eq!(claimed, 1);

        // Signed in, new reports belong to the account at once and show their details to it.
        let mine = report_anonymously(&mut browser, "").await;
        let status = browser.get(&format!("/meldungen/{mine}")).await.text();
        assert!(status.contains("Sperrmüll an der Ecke"), "the owner sees the description");
        let public = app.browser().get(&format!("/meldungen/{mine}")).await.text();
        assert!(!public.contains("Sperrmüll an der Ecke"));
    }
}

on_both_databases! {
    async fn a_citizen_downloads_their_data_and_deletes_the_account_keeping_reports_anonymised(app) {
        let mut browser = app.browser();
        sign_up(&mut browser, "Quirin", "").await;
        let reference = report_anonymously(&mut browser, "quirin@example.de").await;
        let export = browser.get("/konto/daten.json").await;
        assert_eq!(export.status, StatusCode::OK);
        assert!(export.header("content-disposition").contains("attachment"));
        let data = export.json();
        assert_eq!(data["account"]["display_name"], "Quirin");
        assert_eq!(data["reports"][0]["reference"], reference.as_str());
        assert_eq!(data["reports"][0]["email"], "quirin@example.de");
        assert!(!export.text().contains("\"passkey\""), "no key material");
        assert_eq!(app.browser().get("/konto/daten.json").await.status, StatusCode::UNAUTHORIZED);

        let refused = browser.post("/api/konto/loeschen", &[]).await;
        assert_eq!(refused.redirect(), "/konto/loeschen");
        assert_eq!(app.count("accounts").await, 1);
        let (next, _) = browser.submit("/api/konto/loeschen", &[("bestaetigt", "ja")]).await;
        assert!(next.starts_with("/?"), "{next}");
        for table in ["accounts", "passkeys", "sessions", "role_grants"] {
            assert_eq!(app.count(table).await, 0, "{table}");
        }
        let (owner, email): (Option<i64>, Option<String>) =
            sqlx::query_as("select account_id, reporter_email from reports")
                .fetch_one(&app.state.core.db.pool).await.expect("the report stays");
        assert_eq!((owner, email), (None, None));
        assert_eq!(browser.get("/konto").await.redirect(), "/konto/anmelden");
    }
}

on_both_databases! {
    async fn a_cross_site_passkey_request_is_refused(app) {
        let mut browser = app.browser();
        browser.headers.insert("origin", "https://evil.example".parse().expect("origin"));
        browser.headers.insert("sec-fetch-site", "cross-site".parse().expect("site"));
        let refused = browser.post_json("/konto/passkey/anmeldung/beginn", &json!({})).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(app.count("ceremonies").await, 0);
    }
}

#[tokio::test]
async fn passkey_ceremonies_are_rate_limited_per_client_with_a_clear_message() {
    let app = TestApp::spawn_with(Database::Sqlite, &[("KIEZWERK_AUTH_PER_MINUTE", "3")])
        .await
        .expect("app");
    let mut browser = app.browser();
    for _ in 0..3 {
        let ok = browser
            .post_json("/konto/passkey/anmeldung/beginn", &json!({}))
            .await;
        assert_eq!(ok.status, StatusCode::OK);
    }
    let limited = browser
        .post_json("/konto/passkey/anmeldung/beginn", &json!({}))
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.json()["message"]
        .as_str()
        .is_some_and(|m| m.contains("Minute")));
    assert_eq!(app.count("ceremonies").await, 3);
    // Reading pages is not limited.
    assert_eq!(browser.get("/konto/anmelden").await.status, StatusCode::OK);
}

on_both_databases! {
    /// The first platform administrator comes from the command line's invitation; a municipal
    /// administrator invites staff; disabling a staff account ends its session at once.
    async fn invitations_make_staff_and_disabling_them_ends_their_sessions(app) {
        let link = kiezwerk::auth::admin::create_invitation(
            &app.state.core.db, app.state.core.clock.now_ms(), "http://localhost:3000",
            kiezwerk::auth::admin::NewInvitation {
                role: Role::PlatformAdmin, municipality_id: None, department_id: None, note: "CLI", created_by: None,
            },
        ).await.expect("invitation");
        let link = link.trim_start_matches("http://localhost:3000").to_owned();
        let mut platform = app.browser();
        let page = platform.get(&link).await;
        assert_eq!(page.status, StatusCode::OK);
        let (next, _) = platform.submit("/api/einladung/annehmen", &[("token", &token_of(&link)), ("name", "Plattform")]).await;
        assert_eq!(next, "/konto/neuer-passkey");
        register(&mut platform).await;
        assert_eq!(platform.get("/verwaltung/berlin").await.status, StatusCode::OK);

        // The platform administrator invites a municipal administrator of Berlin.
        let (_, page) = platform.submit("/api/verwaltung/einladen", &[("slug", "berlin"), ("role", "municipal_admin"), ("department", ""), ("note", "")]).await;
        let invite = handover(&page);
        assert!(platform.get("/verwaltung/berlin").await.text().find("class=\"handover\"").is_none(), "shown only once");
        let mut admin = app.browser();
        admin.submit("/api/einladung/annehmen", &[("token", &token_of(&invite)), ("name", "Amtsleitung")]).await;
        register(&mut admin).await;
        assert_eq!(admin.get("/verwaltung/berlin").await.status, StatusCode::OK);
        assert_eq!(admin.get("/verwaltung/potsdam").await.status, StatusCode::FORBIDDEN);

        let (_, page) = admin.submit("/api/verwaltung/einladen", &[("slug", "berlin"), ("role", "bauhof_staff"), ("department", ""), ("note", "Bauhof Nord")]).await;
        let invite = handover(&page);
        let mut staff = app.browser();
        staff.submit("/api/einladung/annehmen", &[("token", &token_of(&invite)), ("name", "Bauhof Olaf")]).await;
        register(&mut staff).await;
        assert!(signed_in_as(&mut staff, "Bauhof Olaf").await);
        // Used once.
        let again = app.browser().get(&invite).await;
        assert_eq!(again.status, StatusCode::NOT_FOUND);

        // In person at the Bürgerbüro: a citizen without e-mail gets a recovery code.
        let mut citizen = app.browser();
        sign_up(&mut citizen, "Rita", "").await;
        let number: i64 = sqlx::query_scalar("select id from accounts where display_name = 'Rita'")
            .fetch_one(&app.state.core.db.pool).await.expect("citizen");
        let (_, page) = admin.submit("/api/verwaltung/wiederherstellungscode", &[("slug", "berlin"), ("who", &number.to_string())]).await;
        let code = handover(&page);
        assert_eq!(code.len(), 14, "XXXX-XXXX-XXXX: {code}");
        let mut new_phone = app.browser();
        let wrong = new_phone.post("/api/konto/wiederherstellen/code", &[("code", "AAAA-BBBB-CCCC")]).await;
        assert_eq!(wrong.redirect(), "/konto/wiederherstellen");
        let (next, _) = new_phone.submit("/api/konto/wiederherstellen/code", &[("code", &code.to_lowercase())]).await;
        assert_eq!(next, "/konto/neuer-passkey");
        register(&mut new_phone).await;
        assert!(signed_in_as(&mut new_phone, "Rita").await);
        assert_eq!(citizen.get("/konto").await.redirect(), "/konto/anmelden");
        let reuse = app.browser().post("/api/konto/wiederherstellen/code", &[("code", &code)]).await;
        assert_eq!(reuse.redirect(), "/konto/wiederherstellen", "single use");

        let staff_id: i64 = sqlx::query_scalar("select id from accounts where display_name = 'Bauhof Olaf'")
            .fetch_one(&app.state.core.db.pool).await.expect("staff");
        admin.submit("/api/verwaltung/deaktivieren", &[("slug", "berlin"), ("account", &staff_id.to_string()), ("disabled", "true")]).await;
        assert_eq!(staff.get("/konto").await.redirect(), "/konto/anmelden", "the session ends at once");
    }
}

/// Carries out one protected operation in a municipality; whether it was allowed.
async fn attempt(
    app: &TestApp,
    browser: &mut Browser<'_>,
    permission: Permission,
    slug: &str,
    report: &str,
) -> bool {
    match permission {
        Permission::ViewStaff => {
            browser.get(&format!("/verwaltung/{slug}")).await.status == StatusCode::OK
        }
        Permission::InviteStaff | Permission::InviteMunicipalAdmin => {
            let role = if permission == Permission::InviteStaff {
                "bauhof_staff"
            } else {
                "municipal_admin"
            };
            let before = app.count("invitations").await;
            let response = browser
                .post(
                    "/api/verwaltung/einladen",
                    &[
                        ("slug", slug),
                        ("role", role),
                        ("department", ""),
                        ("note", ""),
                    ],
                )
                .await;
            let created = app.count("invitations").await > before;
            assert_eq!(
                created,
                response.status == StatusCode::SEE_OTHER,
                "{permission:?} {slug}: {}",
                response.status
            );
            created
        }
        Permission::DisableStaff => {
            let target = staff_browser(app, Role::BauhofStaff, app.municipality(slug), None).await;
            let session = target.cookies["kw_session"].clone();
            let id: i64 = sqlx::query_scalar("select max(id) from accounts")
                .fetch_one(&app.state.core.db.pool)
                .await
                .expect("id");
            let response = browser
                .post(
                    "/api/verwaltung/deaktivieren",
                    &[
                        ("slug", slug),
                        ("account", &id.to_string()),
                        ("disabled", "true"),
                    ],
                )
                .await;
            let mut target = app.browser();
            target.cookies.insert("kw_session".into(), session);
            let disabled = target.get("/konto").await.status != StatusCode::OK;
            assert_eq!(
                disabled,
                response.status == StatusCode::SEE_OTHER,
                "{permission:?} {slug}"
            );
            disabled
        }
        Permission::IssueRecoveryCode => {
            let citizen: i64 = sqlx::query_scalar("select min(id) from accounts")
                .fetch_one(&app.state.core.db.pool)
                .await
                .expect("id");
            let before = app.count("recovery_codes").await;
            browser
                .post(
                    "/api/verwaltung/wiederherstellungscode",
                    &[("slug", slug), ("who", &citizen.to_string())],
                )
                .await;
            app.count("recovery_codes").await > before
        }
        Permission::ViewReporterContact { .. } => browser
            .get(&format!("/meldungen/{report}"))
            .await
            .text()
            .contains("melder@example.de"),
        Permission::WorkReports { .. } => {
            browser
                .get(&format!("/dienst/meldungen/{report}"))
                .await
                .status
                == StatusCode::OK
        }
        Permission::ViewStatistics => {
            browser
                .get(&format!("/dienst/statistik/{slug}"))
                .await
                .status
                == StatusCode::OK
        }
        Permission::ReportBreakdown => {
            browser.get(&format!("/bauhof/{slug}")).await.status == StatusCode::OK
        }
        Permission::ManageFleet => {
            browser.get(&format!("/fuhrpark/{slug}")).await.status == StatusCode::OK
        }
        Permission::ManageApiKeys => {
            browser
                .get(&format!("/verwaltung/{slug}/schnittstellen"))
                .await
                .status
                == StatusCode::OK
        }
        Permission::Configure => {
            // The municipality's own configuration, uploaded back as a draft.
            let own = crate::configuration::own_file(app, slug).await;
            sqlx::query("delete from config_drafts")
                .execute(&app.state.core.db.pool)
                .await
                .expect("no drafts");
            let response = crate::configuration::upload(browser, slug, &own).await;
            let kept = app.count("config_drafts").await > 0;
            assert_eq!(
                kept,
                response.status == StatusCode::SEE_OTHER,
                "{permission:?} {slug}: {}",
                response.status
            );
            kept
        }
    }
}

on_both_databases! {
    async fn a_municipal_administrator_cannot_disable_or_recover_another_administrator(app) {
        let berlin = app.municipality("berlin");
        let mut first = staff_browser(&app, Role::MunicipalAdmin, berlin, None).await;
        let second = staff_browser(&app, Role::MunicipalAdmin, berlin, None).await;
        let second_id: i64 = sqlx::query_scalar("select max(id) from accounts").fetch_one(&app.state.core.db.pool).await.expect("id");
        let disable = first.post("/api/verwaltung/deaktivieren", &[("slug", "berlin"), ("account", &second_id.to_string()), ("disabled", "true")]).await;
        assert_eq!(disable.status, StatusCode::FORBIDDEN);
        let (_, page) = first.submit("/api/verwaltung/wiederherstellungscode", &[("slug", "berlin"), ("who", &second_id.to_string())]).await;
        assert!(page.text().contains("Fehler:"), "no code for another administrator");
        assert_eq!(app.count("recovery_codes").await, 0);
        let mut second = second;
        assert_eq!(second.get("/konto").await.status, StatusCode::OK, "still signed in");
    }
}

on_both_databases! {
    /// Every role × every protected operation × own and foreign municipality, through the real
    /// endpoints.
    async fn the_role_matrix_holds_for_every_role_operation_and_municipality(app) {
        // Somebody for the recovery code.
        let mut citizen = app.browser();
        sign_up(&mut citizen, "Bürgerin", "").await;
        let potsdam_key = "potsdam-test-key";
        kiezwerk::open311::keys::insert(&app.state.core.db, app.state.core.clock.now_ms(), "potsdam", None, "Test", potsdam_key).await.expect("key");
        let (own_report, own_department) = report_with_contact(&app, "berlin", "demo-key", "52.5413", "13.4124").await;
        let (foreign_report, _) = report_with_contact(&app, "potsdam", potsdam_key, "52.3906", "13.0645").await;
        let berlin = app.municipality("berlin");

        for role in Role::ALL {
            let department = role.needs_department().then_some(own_department);
            for permission in Permission::all(own_department) {
                for (slug, report, own) in [("berlin", &own_report, true), ("potsdam", &foreign_report, false)] {
                    let expected = match role {
                        Role::PlatformAdmin => true,
                        Role::MunicipalAdmin => own && permission != Permission::InviteMunicipalAdmin,
                        Role::Dispatcher | Role::DepartmentStaff => {
                            own && matches!(
                                permission,
                                Permission::ViewReporterContact { .. }
                                    | Permission::WorkReports { .. }
                                    | Permission::ViewStatistics
                            )
                        }
                        Role::BauhofStaff => own && permission == Permission::ReportBreakdown,
                        Role::FleetManager => {
                            own && matches!(
                                permission,
                                Permission::ReportBreakdown | Permission::ManageFleet
                            )
                        }
                    };
                    let mut browser = staff_browser(&app, role, berlin, department).await;
                    let allowed = attempt(&app, &mut browser, permission, slug, report).await;
                    assert_eq!(
                        allowed, expected,
                        "{role:?} × {permission:?} × {} municipality", if own { "own" } else { "foreign" }
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn account_pages_opened_under_the_loopback_address_move_to_the_passkeys_host_name() {
    let app = TestApp::spawn(Database::Sqlite).await.expect("app");
    let request = axum::http::Request::get("/konto/anmelden?x=1")
        .header("host", "127.0.0.1:3000")
        .body(axum::body::Body::empty())
        .expect("request");
    let moved = app.send(request).await;
    assert_eq!(moved.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(moved.location(), "http://localhost:3000/konto/anmelden?x=1");
    let request = axum::http::Request::get("/melden/kategorie")
        .header("host", "127.0.0.1:3000")
        .body(axum::body::Body::empty())
        .expect("request");
    assert_eq!(
        app.send(request).await.status,
        StatusCode::OK,
        "other pages stay"
    );
}
