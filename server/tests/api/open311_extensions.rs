//! Open311 beyond the core specification, through the real router: the updates extension (a
//! department's back office pushes status changes and messages; clients follow them), limits
//! per API key, and the OpenAPI document checked against the real answers.

use crate::helpers::{report_with_contact, staff_browser, TestApp};
use crate::on_both_databases;
use crate::open311::{decode_xml, same_in_both_formats};
use axum::http::StatusCode;
use kiezwerk_app::model::Role;

const BACK_OFFICE_KEY: &str = "demo-backoffice-key";

/// Posts an update for `reference` with `key`; status and the answer.
async fn push(
    app: &TestApp,
    key: &str,
    reference: &str,
    status: &str,
    description: &str,
) -> crate::helpers::TestResponse {
    app.post_form(
        "/open311/v2/servicerequestupdates.xml",
        &[
            ("api_key", key),
            ("jurisdiction_id", "berlin"),
            ("service_request_id", reference),
            ("status", status),
            ("description", description),
        ],
    )
    .await
}

async fn stored(app: &TestApp, reference: &str) -> (String, i64, i64) {
    let (status, version): (String, i64) =
        sqlx::query_as("select status, version from reports where reference = $1")
            .bind(reference)
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("report");
    (status, version, app.count("report_events").await)
}

on_both_databases! {
    async fn a_back_office_pushes_in_progress_and_fixed_and_the_citizen_and_clients_see_both(app) {
        let (reference, department) = report_with_contact(&app, "berlin", "demo-key", "52.5413", "13.4124").await;

        let started = push(&app, BACK_OFFICE_KEY, &reference, "IN_PROGRESS", "Wir kümmern uns.").await;
        assert_eq!(started.status, StatusCode::OK, "{}", started.text());
        let first = decode_xml(&started, "request_update")[0]["update_id"].as_str().expect("id").to_owned();
        assert!(started.text().contains("<service_request_updates><request_update><update_id>"));
        assert_eq!(stored(&app, &reference).await.0, "in_progress", "accepted and started in one change");

        // An update is one change: what happened at one moment.
        app.state.core.clock.advance(jiff::SignedDuration::from_mins(30));
        let fixed = push(&app, BACK_OFFICE_KEY, &reference, "fixed", "Der Schutt wurde abgeholt.").await;
        assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.text());
        let second = decode_xml(&fixed, "request_update")[0]["update_id"].as_str().expect("id").to_owned();
        assert_eq!(stored(&app, &reference).await.0, "resolved");

        // The citizen's status page and mails.
        let public = app.browser().get(&format!("/meldungen/{reference}")).await.text();
        for step in ["Status geändert: In Bearbeitung", "Wir kümmern uns.", "Status geändert: Erledigt", "Der Schutt wurde abgeholt."] {
            assert!(public.contains(step), "status page shows {step:?}");
        }
        let mails: Vec<(String, String)> = sqlx::query_as("select to_address, body from outbox order by id")
            .fetch_all(&app.state.core.db.pool).await.expect("outbox");
        assert_eq!(mails.len(), 2, "one mail per pushed change");
        assert!(mails.iter().all(|(to, _)| to == "melder@example.de"));
        assert!(mails[0].1.contains("In Bearbeitung") && mails[0].1.contains("Wir kümmern uns."));
        assert!(mails[1].1.contains("Erledigt") && mails[1].1.contains("Der Schutt wurde abgeholt."));

        // Staff see who made the change.
        let berlin = app.state.tenants.registry.by_slug("berlin").expect("berlin").id;
        let mut staff = staff_browser(&app, Role::Dispatcher, berlin, Some(department)).await;
        let detail = staff.get(&format!("/dienst/meldungen/{reference}")).await.text();
        assert!(detail.contains("Schnittstelle: Fachverfahren Ordnungsamt Pankow (Demo)"), "{detail}");

        // A client following the requests sees one update per change, in both formats.
        let updates = same_in_both_formats(
            &app,
            "/open311/v2/servicerequestupdates",
            "?jurisdiction_id=berlin",
            "request_update",
        )
        .await;
        let updates = updates.as_array().expect("list");
        assert_eq!(updates.len(), 2, "{updates:?}");
        assert_eq!(updates[0]["update_id"], first.as_str());
        assert_eq!(updates[0]["service_request_id"], reference.as_str());
        assert_eq!(updates[0]["status"], "in_progress");
        assert_eq!(updates[0]["description"], "Wir kümmern uns.");
        assert_eq!(updates[1]["update_id"], second.as_str());
        assert_eq!(updates[1]["status"], "fixed");
        assert_eq!(updates[1]["description"], "Der Schutt wurde abgeholt.");
        let elsewhere = app.get("/open311/v2/servicerequestupdates.json?jurisdiction_id=potsdam").await.json();
        assert_eq!(elsewhere.as_array().map(Vec::len), Some(0));
    }
}

on_both_databases! {
    async fn refused_updates_say_why_and_change_nothing(app) {
        let (reference, _) = report_with_contact(&app, "berlin", "demo-key", "52.5413", "13.4124").await;
        kiezwerk::open311::keys::insert(
            &app.state.core.db,
            app.state.core.clock.now_ms(),
            "berlin",
            Some("sga-pankow"),
            "Grünflächen-Software",
            "sga-key",
        )
        .await
        .expect("key");
        assert_eq!(push(&app, BACK_OFFICE_KEY, &reference, "in_progress", "").await.status, StatusCode::OK);
        let before = stored(&app, &reference).await;
        let cases = [
            ("demo-key", "fixed", "", StatusCode::FORBIDDEN, "an ein Amt gebunden"),
            ("sga-key", "fixed", "", StatusCode::FORBIDDEN, "anderen Amt"),
            ("kein-key", "fixed", "", StatusCode::FORBIDDEN, "api_key"),
            (BACK_OFFICE_KEY, "erledigt", "", StatusCode::BAD_REQUEST, "erlaubt sind open"),
            (BACK_OFFICE_KEY, "duplicate", "", StatusCode::BAD_REQUEST, "Zusammenführen"),
            (BACK_OFFICE_KEY, "investigating", "", StatusCode::BAD_REQUEST, "Von „In Bearbeitung“ führt kein Weg zu „Angenommen“"),
            (BACK_OFFICE_KEY, "closed", "", StatusCode::BAD_REQUEST, "description: "),
            (BACK_OFFICE_KEY, "in_progress", "", StatusCode::BAD_REQUEST, "description: "),
        ];
        for (key, status, description, code, says) in cases {
            let answer = push(&app, key, &reference, status, description).await;
            assert_eq!(answer.status, code, "{key} {status}: {}", answer.text());
            let errors = decode_xml(&answer, "error");
            let text = errors[0]["description"].as_str().unwrap_or_default();
            assert!(text.contains(says), "{key} {status}: {text}");
            assert_eq!(stored(&app, &reference).await, before, "{key} {status} changed nothing");
        }
        let unknown = push(&app, BACK_OFFICE_KEY, "BER-1999-000001", "fixed", "").await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        // Closing unfixed takes the description as the reason the citizen reads.
        app.state.core.clock.advance(jiff::SignedDuration::from_mins(30));
        let closed = push(&app, BACK_OFFICE_KEY, &reference, "not_councils_responsibility", "Privatgrundstück.").await;
        assert_eq!(closed.status, StatusCode::OK, "{}", closed.text());
        assert_eq!(stored(&app, &reference).await.0, "closed_not_fixed");
        let public = app.browser().get(&format!("/meldungen/{reference}")).await.text();
        assert!(public.contains("Privatgrundstück."));
        // "open" opens a closed request again.
        app.state.core.clock.advance(jiff::SignedDuration::from_mins(30));
        let reopened = push(&app, BACK_OFFICE_KEY, &reference, "open", "Doch noch einmal geprüft.").await;
        assert_eq!(reopened.status, StatusCode::OK, "{}", reopened.text());
        assert_eq!(stored(&app, &reference).await.0, "accepted");
    }
}

#[tokio::test]
async fn each_api_key_has_its_own_limit_whatever_address_it_posts_from() {
    use axum::body::Body;
    use axum::extract::ConnectInfo;
    use axum::http::Request;
    use std::net::SocketAddr;
    let app = TestApp::spawn_with(
        crate::helpers::Database::Sqlite,
        &[
            ("KIEZWERK_API_KEY_PER_MINUTE", "2"),
            ("KIEZWERK_INTAKE_PER_MINUTE", "100"),
        ],
    )
    .await
    .expect("app");
    let post = |path: &str, body: String, address: u8| {
        Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .extension(ConnectInfo(SocketAddr::from(([10, 0, 0, address], 40000))))
            .body(Body::from(body))
            .expect("request")
    };
    let report = serde_urlencoded::to_string([
        ("api_key", "demo-key"),
        ("jurisdiction_id", "berlin"),
        ("service_code", "illegal-dumping"),
        ("lat", "52.5413"),
        ("long", "13.4124"),
        ("attribute[waste_kind]", "electrical"),
        ("attribute[amount]", "small"),
    ])
    .expect("form");
    let mut references = Vec::new();
    for address in 1..=2 {
        let created = app
            .send(post("/open311/v2/requests.json", report.clone(), address))
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
        references.push(
            created.json()[0]["service_request_id"]
                .as_str()
                .expect("id")
                .to_owned(),
        );
    }
    let limited = app
        .send(post("/open311/v2/requests.xml", report.clone(), 3))
        .await;
    assert_eq!(
        limited.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        limited.text()
    );
    assert_eq!(limited.header("retry-after"), "60");
    let errors = decode_xml(&limited, "error");
    assert!(errors[0]["description"]
        .as_str()
        .unwrap_or_default()
        .contains("Zu viele Anfragen"));
    assert_eq!(
        app.count("reports").await,
        2,
        "the refused post stored nothing"
    );
    // Another key is not held back by the first one's posts.
    let update = serde_urlencoded::to_string([
        ("api_key", BACK_OFFICE_KEY),
        ("jurisdiction_id", "berlin"),
        ("service_request_id", references[0].as_str()),
        ("status", "investigating"),
    ])
    .expect("form");
    let accepted = app
        .send(post("/open311/v2/servicerequestupdates.json", update, 3))
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text());
}

/// Checks `value` against `schema` of the OpenAPI document (the subset it uses: `$ref`, `type`
/// (one or a list), `enum`, `properties` with `required` and `additionalProperties: false`,
/// `items`); the problems, each with its place.
fn check(
    document: &serde_json::Value,
    schema: &serde_json::Value,
    value: &serde_json::Value,
    at: &str,
) -> Vec<String> {
    use serde_json::Value;
    if let Some(target) = schema["$ref"].as_str() {
        let name = target.rsplit('/').next().unwrap_or_default();
        return check(
            document,
            &document["components"]["schemas"][name],
            value,
            at,
        );
    }
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let allowed: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return vec![format!("{at}: the schema names no type")],
    };
    let fits = allowed.contains(&kind) || (kind == "integer" && allowed.contains(&"number"));
    if !fits {
        return vec![format!("{at}: {kind}, the schema says {allowed:?}")];
    }
    let mut problems = Vec::new();
    if let Some(choices) = schema["enum"].as_array() {
        if !choices.contains(value) {
            problems.push(format!("{at}: {value} is not one of {choices:?}"));
        }
    }
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                problems.extend(check(
                    document,
                    &schema["items"],
                    item,
                    &format!("{at}[{i}]"),
                ));
            }
        }
        Value::Object(fields) => {
            let properties = schema["properties"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            for (name, field) in fields {
                match properties.get(name) {
                    Some(property) => {
                        problems.extend(check(document, property, field, &format!("{at}.{name}")))
                    }
                    None => problems.push(format!("{at}.{name}: not described")),
                }
            }
            for name in schema["required"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !fields.contains_key(name) {
                    problems.push(format!("{at}.{name}: required but missing"));
                }
            }
        }
        _ => {}
    }
    problems
}

on_both_databases! {
    async fn the_openapi_document_describes_every_real_answer(app) {
        let document = app.get("/open311/openapi.json").await;
        assert_eq!(document.status, StatusCode::OK);
        let document = document.json();
        assert_eq!(document["openapi"], "3.1.0");
        // Seven paths, each exercised below.
        let paths: Vec<&String> = document["paths"].as_object().expect("paths").keys().collect();
        assert_eq!(paths.len(), 7, "{paths:?}");

        let (reference, _) = report_with_contact(&app, "berlin", "demo-key", "52.5413", "13.4124").await;
        let created = app.post_form("/open311/v2/requests.json", &[
            ("api_key", "demo-key"), ("jurisdiction_id", "berlin"), ("service_code", "pothole"),
            ("lat", "52.5413"), ("long", "13.4124"),
        ]).await;
        let token = created.json()[0]["token"].as_str().expect("token").to_owned();
        let update = app.post_form("/open311/v2/servicerequestupdates.json", &[
            ("api_key", BACK_OFFICE_KEY), ("jurisdiction_id", "berlin"),
            ("service_request_id", &reference), ("status", "in_progress"), ("description", "Unterwegs."),
        ]).await;
        let error = app.get("/open311/v2/services.json").await;
        let answers = [
            ("/open311/discovery.{format}", "get", "200", app.get("/open311/discovery.json").await),
            ("/open311/v2/services.{format}", "get", "200", app.get("/open311/v2/services.json?jurisdiction_id=berlin").await),
            ("/open311/v2/services/{service_code}.{format}", "get", "200", app.get("/open311/v2/services/illegal-dumping.json?jurisdiction_id=berlin").await),
            ("/open311/v2/requests.{format}", "get", "200", app.get("/open311/v2/requests.json?jurisdiction_id=berlin").await),
            ("/open311/v2/requests.{format}", "post", "201", created),
            ("/open311/v2/requests/{service_request_id}.{format}", "get", "200", app.get(&format!("/open311/v2/requests/{reference}.json?jurisdiction_id=berlin")).await),
            ("/open311/v2/tokens/{token}.{format}", "get", "200", app.get(&format!("/open311/v2/tokens/{token}.json?jurisdiction_id=berlin")).await),
            ("/open311/v2/servicerequestupdates.{format}", "post", "200", update),
            ("/open311/v2/servicerequestupdates.{format}", "get", "200", app.get("/open311/v2/servicerequestupdates.json?jurisdiction_id=berlin").await),
            ("/open311/v2/services.{format}", "get", "400", error),
        ];
        for (path, method, status, response) in answers {
            assert_eq!(response.status.as_str(), status, "{method} {path}: {}", response.text());
            let schema = &document["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"];
            assert!(schema.is_object(), "{method} {path} {status} is described");
            let value = response.json();
            assert!(value.as_array().is_none_or(|list| !list.is_empty()), "{method} {path}: an empty answer proves nothing");
            let problems = check(&document, schema, &value, &format!("{method} {path}"));
            assert!(problems.is_empty(), "{problems:#?}");
        }
        // The check itself is strict: an undescribed field fails it.
        let mut changed = app.get("/open311/v2/services.json?jurisdiction_id=berlin").await.json();
        changed[0]["surprise"] = serde_json::json!(1);
        let schema = &document["paths"]["/open311/v2/services.{format}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert!(!check(&document, schema, &changed, "changed").is_empty());
    }
}
