//! Health, metrics, security headers, CSRF refusal and rate limits.

use crate::helpers::{form_request, Database, TestApp};
use crate::on_both_databases;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};

on_both_databases! {
    async fn healthz_reports_a_working_database_and_photo_store(app) {
        let health = app.get("/healthz").await;
        assert_eq!(health.status, StatusCode::OK);
        assert_eq!(health.json()["database"], "ok");
        assert_eq!(health.json()["photos"], "ok");
    }
}

on_both_databases! {
    async fn a_form_post_from_another_site_is_refused_and_changes_nothing(app) {
        let mut headers = HeaderMap::new();
        headers.insert("origin", "https://evil.example".parse().expect("origin"));
        headers.insert("sec-fetch-site", "cross-site".parse().expect("site"));
        let refused = app.send(form_request("/api/melden/kategorie", &[("category", "pothole")], &headers)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(app.count("drafts").await, 0);

        let mut only_origin = HeaderMap::new();
        only_origin.insert("origin", "https://evil.example".parse().expect("origin"));
        let refused = app.send(form_request("/api/sprache", &[("lang", "en"), ("next", "/")], &only_origin)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(refused.headers.get("set-cookie").is_none());

        let mut own = HeaderMap::new();
        own.insert("origin", "http://localhost:3000".parse().expect("origin"));
        own.insert("sec-fetch-site", "same-origin".parse().expect("site"));
        let accepted = app.send(form_request("/api/melden/kategorie", &[("category", "pothole")], &own)).await;
        assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    }
}

#[tokio::test]
async fn pages_carry_security_headers_with_a_fresh_script_nonce() {
    let app = TestApp::spawn(Database::Sqlite).await.expect("app");
    let first = app.get("/melden/kategorie").await;
    let second = app.get("/melden/kategorie").await;
    let csp = first.header("content-security-policy");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("script-src 'self' 'nonce-"), "{csp}");
    assert!(!csp.contains("unsafe-inline"));
    assert_ne!(
        csp,
        second.header("content-security-policy"),
        "the nonce changes"
    );
    assert_eq!(first.header("x-content-type-options"), "nosniff");
    assert_eq!(first.header("referrer-policy"), "same-origin");
    assert!(
        first.header("strict-transport-security").is_empty(),
        "no HSTS over plain http"
    );
}

#[tokio::test]
async fn over_https_cookies_are_secure_and_host_prefixed_with_hsts() {
    let app = TestApp::spawn_with(
        Database::Sqlite,
        &[("KIEZWERK_PUBLIC_URL", "https://kiez.example")],
    )
    .await
    .expect("app");
    let mut browser = app.browser();
    browser
        .headers
        .insert("origin", "https://kiez.example".parse().expect("origin"));
    let response = browser
        .post("/api/melden/kategorie", &[("category", "pothole")])
        .await;
    let cookie = response.header("set-cookie");
    assert!(cookie.starts_with("__Host-kw_draft="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax")
    );
    assert!(cookie.contains("Path=/") && !cookie.contains("Domain="));
    assert!(response
        .header("strict-transport-security")
        .starts_with("max-age="));
}

#[tokio::test]
async fn intake_is_rate_limited_per_client_with_a_clear_message() {
    let app = TestApp::spawn_with(Database::Sqlite, &[("KIEZWERK_INTAKE_PER_MINUTE", "2")])
        .await
        .expect("app");
    let post = || {
        Request::post("/open311/v2/requests.json")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from("api_key=demo-key"))
            .expect("request")
    };
    assert_eq!(app.send(post()).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.send(post()).await.status, StatusCode::BAD_REQUEST);
    let limited = app.send(post()).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.header("retry-after"), "60");
    assert!(limited.json()[0]["description"]
        .as_str()
        .unwrap_or_default()
        .contains("Zu viele Anfragen"));
    // Reading is not limited.
    assert_eq!(
        app.get("/open311/v2/services.json?jurisdiction_id=berlin")
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn metrics_count_requests_by_route_pattern() {
    let app = TestApp::spawn(Database::Sqlite).await.expect("app");
    app.get("/open311/v2/services.json?jurisdiction_id=berlin")
        .await;
    let metrics = app.get("/metrics").await.text();
    assert!(metrics.contains("kiezwerk_http_requests_total{method=\"GET\",route=\"/open311/v2/services.json\",status=\"200\"} 1"), "{metrics}");
}

#[tokio::test]
async fn unknown_pages_are_a_404_in_the_sites_frame() {
    let app = TestApp::spawn(Database::Sqlite).await.expect("app");
    let page = app.get("/gibt-es-nicht").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.text().contains("Seite nicht gefunden"));
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit() {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    let app = TestApp::spawn_with(
        Database::Sqlite,
        &[
            ("KIEZWERK_INTAKE_PER_MINUTE", "1"),
            ("KIEZWERK_TRUSTED_PROXIES", "10.0.0.1"),
        ],
    )
    .await
    .expect("app");
    let post = |peer: [u8; 4], forwarded: &str| {
        let mut request = Request::post("/open311/v2/requests.json")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("x-forwarded-for", forwarded)
            .body(Body::from("api_key=demo-key"))
            .expect("request");
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from((peer, 40000))));
        request
    };
    // Through the proxy: the client is the forwarded address, whatever it claims further left.
    assert_eq!(
        app.send(post([10, 0, 0, 1], "1.1.1.1, 203.0.113.7"))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.send(post([10, 0, 0, 1], "2.2.2.2, 203.0.113.7"))
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        app.send(post([10, 0, 0, 1], "203.0.113.8")).await.status,
        StatusCode::BAD_REQUEST
    );
    // A direct client cannot pose as someone else with the header.
    assert_eq!(
        app.send(post([198, 51, 100, 1], "203.0.113.9"))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.send(post([198, 51, 100, 1], "203.0.113.10"))
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS
    );
}
