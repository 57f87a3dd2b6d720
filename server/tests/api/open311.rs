//! Open311 GeoReport v2 through the real router.

use crate::helpers::{multipart_body, TestApp, TestResponse};
use crate::on_both_databases;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{Map, Value};

const PHOTO: &[u8] = include_bytes!("../fixtures/rotated-gps.jpg");

fn dumping_in_pankow<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("api_key", "demo-key"),
        ("jurisdiction_id", "berlin"),
        ("service_code", "illegal-dumping"),
        ("lat", "52.5413"),
        ("long", "13.4124"),
        ("description", "Kühlschrank vor der Tür"),
        ("attribute[waste_kind]", "electrical"),
        ("attribute[amount]", "small"),
    ];
    fields.extend_from_slice(extra);
    fields
}

/// The single error description of an Open311 error response.
fn description(app_response: &crate::helpers::TestResponse) -> String {
    let body = app_response.json();
    body[0]["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

on_both_databases! {
    async fn discovery_services_and_definitions_describe_the_municipality(app) {
        let discovery = app.get("/open311/discovery.json").await.json();
        assert_eq!(discovery["endpoints"][0]["specification"], "http://wiki.open311.org/GeoReport_v2");
        let services = app.get("/open311/v2/services.json?jurisdiction_id=berlin").await;
        assert_eq!(services.header("access-control-allow-origin"), "*");
        let services = services.json();
        let list = services.as_array().expect("list");
        assert_eq!(list.len(), 14);
        let dumping = list.iter().find(|s| s["service_code"] == "illegal-dumping").expect("dumping");
        assert_eq!(dumping["service_name"], "Illegale Müllablagerung");
        assert_eq!(dumping["group"], "Sauberkeit");
        assert_eq!(dumping["metadata"], true);
        let potsdam = app.get("/open311/v2/services.json?jurisdiction_id=potsdam").await.json();
        assert!(potsdam.as_array().expect("list").iter().all(|s| s["service_code"] != "traffic-light"));

        let definition = app
            .get("/open311/v2/services/illegal-dumping.json?jurisdiction_id=berlin&locale=en")
            .await
            .json();
        let attributes = definition["attributes"].as_array().expect("attributes");
        assert_eq!(attributes[0]["code"], "waste_kind");
        assert_eq!(attributes[0]["datatype"], "singlevaluelist");
        assert_eq!(attributes[0]["description"], "What kind of waste is it?");
        assert!(attributes[0]["values"].as_array().expect("values").iter().any(|v| v["key"] == "hazardous"));
    }
}

on_both_databases! {
    async fn a_form_post_with_the_demo_key_creates_a_routed_report(app) {
        let created = app.post_form("/open311/v2/requests.json", &dumping_in_pankow(&[])).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
        let body = created.json();
        let id = body[0]["service_request_id"].as_str().expect("id").to_owned();
        assert!(id.starts_with("BER-") && id.ends_with("-000001"), "{id}");
        assert_eq!(body[0]["service_notice"], "Weitergeleitet an Ordnungsamt Pankow.");

        let one = app.get(&format!("/open311/v2/requests/{id}.json?jurisdiction_id=berlin")).await.json();
        assert_eq!(one[0]["service_request_id"], id.as_str());
        assert_eq!(one[0]["status"], "open");
        assert_eq!(one[0]["agency_responsible"], "Ordnungsamt Pankow");
        assert_eq!(one[0]["service_code"], "illegal-dumping");
        assert!((one[0]["lat"].as_f64().unwrap_or_default() - 52.5413).abs() < 1e-9);
        assert!(one[0].get("description").is_none(), "citizens' words are not published");

        let list = app.get("/open311/v2/requests.json?jurisdiction_id=berlin").await.json();
        assert_eq!(list.as_array().map(Vec::len), Some(1));
        let closed = app.get("/open311/v2/requests.json?jurisdiction_id=berlin&status=closed").await.json();
        assert_eq!(closed.as_array().map(Vec::len), Some(0));
        let other = app.get("/open311/v2/requests.json?jurisdiction_id=berlin&service_code=pothole").await.json();
        assert_eq!(other.as_array().map(Vec::len), Some(0));
        let by_id = app
            .get(&format!("/open311/v2/requests.json?jurisdiction_id=berlin&service_request_id={id},BER-2026-999999"))
            .await
            .json();
        assert_eq!(by_id.as_array().map(Vec::len), Some(1));
        let potsdam = app.get(&format!("/open311/v2/requests/{id}.json?jurisdiction_id=potsdam")).await;
        assert_eq!(potsdam.status, StatusCode::NOT_FOUND, "reports stay in their jurisdiction");

        let page = app.get(&format!("/meldungen/{id}")).await.text();
        assert!(page.contains("Ordnungsamt Pankow"), "API reports have the same status page");
    }
}

on_both_databases! {
    async fn a_multipart_post_stores_the_media_part_as_the_reports_photo(app) {
        let fields = dumping_in_pankow(&[]);
        let (content_type, body) = multipart_body(&fields, &[("media", "photo.jpg", "image/jpeg", PHOTO)]);
        let request = Request::post("/open311/v2/requests.json")
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .expect("request");
        let created = app.send(request).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
        let id = created.json()[0]["service_request_id"].as_str().expect("id").to_owned();
        let one = app.get(&format!("/open311/v2/requests/{id}.json?jurisdiction_id=berlin")).await.json();
        let media = one[0]["media_url"].as_str().expect("media url");
        assert!(media.ends_with(&format!("/meldungen/{id}/fotos/1")), "{media}");
        let photo = app.get(&format!("/meldungen/{id}/fotos/1")).await;
        assert_eq!(photo.status, StatusCode::OK);
        assert!(!photo.body.windows(4).any(|w| w == b"GPS\0"));
    }
}

on_both_databases! {
    async fn bad_requests_get_open311_errors_and_store_nothing(app) {
        let post = |fields: Vec<(&'static str, &'static str)>| {
            let app = &app;
            async move { app.post_form("/open311/v2/requests.json", &fields).await }
        };
        let no_key: Vec<_> = dumping_in_pankow(&[]).into_iter().filter(|(k, _)| *k != "api_key").collect();
        let r = post(no_key).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.json()[0]["code"], 403);

        let mut wrong_key = dumping_in_pankow(&[]);
        wrong_key[0] = ("api_key", "guessed");
        assert_eq!(post(wrong_key).await.status, StatusCode::FORBIDDEN);

        let mut foreign = dumping_in_pankow(&[]);
        foreign[1] = ("jurisdiction_id", "potsdam");
        assert_eq!(post(foreign).await.status, StatusCode::FORBIDDEN, "the demo key is Berlin's");

        let mut unknown = dumping_in_pankow(&[]);
        unknown[1] = ("jurisdiction_id", "hamburg");
        assert_eq!(post(unknown).await.status, StatusCode::NOT_FOUND);

        let mut outside = dumping_in_pankow(&[]);
        outside[3] = ("lat", "52.3955");
        outside[4] = ("long", "13.0590");
        let r = post(outside).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(description(&r).contains("außerhalb"), "{}", r.text());

        let mut service = dumping_in_pankow(&[]);
        service[2] = ("service_code", "unicorns");
        let r = post(service).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(description(&r).starts_with("service_code:"), "{}", r.text());

        let mut attribute = dumping_in_pankow(&[]);
        attribute[6] = ("attribute[waste_kind]", "plutonium");
        let r = post(attribute).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(description(&r).starts_with("attribute[waste_kind]:"), "{}", r.text());

        let no_place: Vec<_> = dumping_in_pankow(&[]).into_iter().filter(|(k, _)| *k != "lat").collect();
        assert_eq!(post(no_place).await.status, StatusCode::BAD_REQUEST);

        let r = post(dumping_in_pankow(&[("media_url", "http://169.254.169.254/")])).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);

        let english = app
            .post_form("/open311/v2/requests.json", &dumping_in_pankow(&[("email", "not-an-address"), ("locale", "en")]))
            .await;
        assert_eq!(english.status, StatusCode::BAD_REQUEST);
        assert!(description(&english).starts_with("email: Enter an e-mail address"), "{}", english.text());

        assert_eq!(app.count("reports").await, 0);
    }
}

on_both_databases! {
    async fn a_refused_report_leaves_no_photo_behind(app) {
        let fields = dumping_in_pankow(&[("email", "broken@")]);
        let (content_type, body) = multipart_body(&fields, &[("media", "photo.jpg", "image/jpeg", PHOTO)]);
        let request = Request::post("/open311/v2/requests.json")
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .expect("request");
        assert_eq!(app.send(request).await.status, StatusCode::BAD_REQUEST);
        assert_eq!(app.count("reports").await, 0);
        assert_eq!(app.photo_files(), 0);
    }
}

on_both_databases! {
    async fn listing_requires_a_jurisdiction_and_keeps_to_ninety_days(app) {
        let missing = app.get("/open311/v2/requests.json").await;
        assert_eq!(missing.status, StatusCode::BAD_REQUEST);
        assert!(description(&missing).contains("jurisdiction_id"));
        let wide = app
            .get("/open311/v2/requests.json?jurisdiction_id=berlin&start_date=2026-01-01&end_date=2026-06-01")
            .await;
        assert_eq!(wide.status, StatusCode::BAD_REQUEST);
        let bad = app.get("/open311/v2/requests.json?jurisdiction_id=berlin&start_date=gestern").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(description(&bad).starts_with("start_date"));
        let other = app.get("/open311/v2/services/pothole.csv?jurisdiction_id=berlin").await;
        assert_eq!(other.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn numbering_continues_per_municipality_and_year() {
    let app = TestApp::spawn(crate::helpers::Database::Sqlite)
        .await
        .expect("app");
    let mut ids = Vec::new();
    for _ in 0..3 {
        let created = app
            .post_form("/open311/v2/requests.json", &dumping_in_pankow(&[]))
            .await;
        ids.push(
            created.json()[0]["service_request_id"]
                .as_str()
                .expect("id")
                .to_owned(),
        );
    }
    assert!(
        ids[0].ends_with("-000001") && ids[1].ends_with("-000002") && ids[2].ends_with("-000003"),
        "{ids:?}"
    );
}

on_both_databases! {
    async fn a_post_without_description_is_accepted_as_the_specification_allows(app) {
        let fields: Vec<_> = dumping_in_pankow(&[]).into_iter().filter(|(k, _)| *k != "description").collect();
        let created = app.post_form("/open311/v2/requests.json", &fields).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
        let long = "x".repeat(4001);
        let mut fields = dumping_in_pankow(&[]);
        fields[5] = ("description", &long);
        let too_long = app.post_form("/open311/v2/requests.json", &fields).await;
        assert_eq!(too_long.status, StatusCode::BAD_REQUEST);
        assert!(description(&too_long).starts_with("description:"), "{}", too_long.text());
        let fits = "x".repeat(4000);
        let mut fields = dumping_in_pankow(&[]);
        fields[5] = ("description", &fits);
        assert_eq!(app.post_form("/open311/v2/requests.json", &fields).await.status, StatusCode::CREATED);
        assert_eq!(app.count("reports").await, 2);
    }
}

on_both_databases! {
    async fn date_filters_select_by_submission_time_and_a_start_alone_reaches_one_window(app) {
        let created = app
            .post_form("/open311/v2/requests.json", &dumping_in_pankow(&[("address_string", "Vor dem Haus von Familie Müller")]))
            .await;
        assert_eq!(created.status, StatusCode::CREATED);
        let count = |q: String| {
            let app = &app;
            async move {
                let r = app.get(&format!("/open311/v2/requests.json?jurisdiction_id=berlin&{q}")).await;
                assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.text());
                r.json().as_array().map(Vec::len).unwrap_or_default()
            }
        };
        // Bare dates are days in the municipality's time zone (Berlin), whatever the machine's.
        let today = app.state.core.clock.now_in_berlin().date();
        let day = |n: i32| today.checked_add(jiff::Span::new().days(n)).expect("date").to_string();
        assert_eq!(count(format!("start_date={}", day(-1))).await, 1);
        assert_eq!(count(format!("start_date={}", day(1))).await, 0, "submitted before the start");
        assert_eq!(count(format!("end_date={}", day(-1))).await, 0, "submitted after the end");
        assert_eq!(count(format!("start_date={}&end_date={}", day(-1), day(1))).await, 1);
        assert_eq!(count(format!("start_date={}T00:00:00Z", day(-1))).await, 1, "date-times too");
        // A start long ago without an end: the one window from then, not an error.
        assert_eq!(count(format!("start_date={}", day(-200))).await, 0);

        let list = app.get("/open311/v2/requests.json?jurisdiction_id=berlin").await;
        assert_eq!(list.header("vary"), "Accept-Language");
        let list = list.json();
        assert_eq!(list[0]["address"], "Pankow", "the district, not the typed words");
        assert!(!list.to_string().contains("Müller"));
    }
}

on_both_databases! {
    async fn at_half_past_eleven_utc_a_bare_date_is_already_tomorrow_as_berlin_counts(app) {
        // 23:30 UTC on 30 November is 00:30 on 1 December in Berlin: the report was made on the
        // 1st as the municipality counts days, and the 30th has ended there.
        app.state.core.clock.set("2026-11-30T23:30:00Z".parse().expect("time"));
        let created = app.post_form("/open311/v2/requests.json", &dumping_in_pankow(&[])).await;
        assert_eq!(created.status, StatusCode::CREATED);
        let count = |q: &'static str| {
            let app = &app;
            async move {
                let r = app.get(&format!("/open311/v2/requests.json?jurisdiction_id=berlin&{q}")).await;
                assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.text());
                r.json().as_array().map(Vec::len).unwrap_or_default()
            }
        };
        assert_eq!(count("start_date=2026-12-01").await, 1, "made on the 1st in Berlin");
        assert_eq!(count("end_date=2026-11-30").await, 0, "not on the 30th, the UTC date");
        assert_eq!(count("start_date=2026-12-02").await, 0);
        assert_eq!(count("start_date=2026-11-30T23:00:00Z&end_date=2026-11-30T23:59:59Z").await, 1);
    }
}

on_both_databases! {
    async fn unknown_paths_wrong_methods_and_unreadable_bodies_get_open311_errors(app) {
        let unknown = app.get("/open311/v2/nothing.json").await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        assert_eq!(unknown.json()[0]["code"], 404);
        assert!(description(&unknown).contains("discovery.json"));

        let request = Request::delete("/open311/v2/requests.json").body(Body::empty()).expect("request");
        let wrong = app.send(request).await;
        assert_eq!(wrong.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(wrong.json()[0]["code"], 405);

        let request = Request::post("/open311/v2/requests.json")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
            .expect("request");
        let unreadable = app.send(request).await;
        assert_eq!(unreadable.status, StatusCode::BAD_REQUEST);
        assert!(description(&unreadable).contains("multipart/form-data"), "{}", unreadable.text());

        let huge = vec![0u8; 17 * 1024 * 1024];
        let (content_type, body) = multipart_body(&dumping_in_pankow(&[]), &[("media", "huge.jpg", "image/jpeg", &huge)]);
        let request = Request::post("/open311/v2/requests.json")
            .header(header::CONTENT_TYPE, content_type)
            .header(header::ACCEPT_LANGUAGE, "en")
            .body(Body::from(body))
            .expect("request");
        let too_large = app.send(request).await;
        assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(description(&too_large).contains("at most 15 MB"), "{}", too_large.text());
        assert_eq!(app.count("reports").await, 0);
        assert_eq!(app.photo_files(), 0);
    }
}

/// An XML answer decoded into the JSON shape, with every value as text: a list is an element
/// whose children all carry its entry name (the root's `entry`, else the singular of its own
/// name), an object one with other children, a value one without (empty: unset).
pub fn decode_xml(response: &TestResponse, entry: &str) -> Value {
    assert!(
        response.header("content-type").starts_with("text/xml"),
        "{}",
        response.header("content-type")
    );
    let text = response.text();
    let document = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    fn node(element: roxmltree::Node, entry: Option<&str>) -> Value {
        let children: Vec<_> = element.children().filter(|c| c.is_element()).collect();
        if children.is_empty() {
            return Value::String(element.text().unwrap_or_default().to_owned());
        }
        let name = element.tag_name().name();
        let entry = entry.unwrap_or_else(|| name.strip_suffix('s').unwrap_or(name));
        if children.iter().all(|c| c.tag_name().name() == entry) {
            Value::Array(children.into_iter().map(|c| node(c, None)).collect())
        } else {
            let mut fields = Map::new();
            for child in children {
                fields.insert(child.tag_name().name().to_owned(), node(child, None));
            }
            Value::Object(fields)
        }
    }
    node(document.root_element(), Some(entry))
}

/// A JSON answer with every value as text, as XML carries it; an empty list or `null` is an
/// empty element.
fn as_text(value: &Value) -> Value {
    match value {
        Value::Null => Value::String(String::new()),
        Value::Array(entries) if entries.is_empty() => Value::String(String::new()),
        Value::Array(entries) => Value::Array(entries.iter().map(as_text).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), as_text(v)))
                .collect(),
        ),
        Value::String(text) => Value::String(text.clone()),
        other => Value::String(other.to_string()),
    }
}

/// Fetches `path` with `.json` and with `.xml` before `query` and asserts both say the same.
pub async fn same_in_both_formats(app: &TestApp, path: &str, query: &str, entry: &str) -> Value {
    let json = app.get(&format!("{path}.json{query}")).await;
    let xml = app.get(&format!("{path}.xml{query}")).await;
    assert_eq!(json.status, StatusCode::OK, "{path}: {}", json.text());
    assert_eq!(xml.status, StatusCode::OK, "{path}: {}", xml.text());
    assert_eq!(xml.header("access-control-allow-origin"), "*");
    let json = json.json();
    assert_eq!(decode_xml(&xml, entry), as_text(&json), "{path}");
    json
}

on_both_databases! {
    async fn every_endpoint_says_the_same_in_xml_as_in_json(app) {
        let created = app.post_form("/open311/v2/requests.xml", &dumping_in_pankow(&[])).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
        let answer = decode_xml(&created, "request");
        let id = answer[0]["service_request_id"].as_str().expect("id").to_owned();
        let token = answer[0]["token"].as_str().expect("token").to_owned();
        assert_eq!(answer[0]["service_notice"], "Weitergeleitet an Ordnungsamt Pankow.");
        assert!(created.text().contains("<service_requests><request><service_request_id>"));

        let discovery = same_in_both_formats(&app, "/open311/discovery", "", "endpoint").await;
        assert_eq!(discovery["endpoints"][0]["formats"][0], "text/xml");
        let services =
            same_in_both_formats(&app, "/open311/v2/services", "?jurisdiction_id=berlin", "service").await;
        assert_eq!(services.as_array().map(Vec::len), Some(14));
        let definition = same_in_both_formats(
            &app,
            "/open311/v2/services/illegal-dumping",
            "?jurisdiction_id=berlin&locale=en",
            "attribute",
        )
        .await;
        assert_eq!(definition["attributes"][0]["code"], "waste_kind");
        let list =
            same_in_both_formats(&app, "/open311/v2/requests", "?jurisdiction_id=berlin", "request").await;
        assert_eq!(list[0]["service_request_id"], id.as_str());
        let one = same_in_both_formats(
            &app,
            &format!("/open311/v2/requests/{id}"),
            "?jurisdiction_id=berlin",
            "request",
        )
        .await;
        assert_eq!(one[0]["agency_responsible"], "Ordnungsamt Pankow");
        let resolved = same_in_both_formats(
            &app,
            &format!("/open311/v2/tokens/{token}"),
            "?jurisdiction_id=berlin",
            "request",
        )
        .await;
        assert_eq!(resolved[0]["service_request_id"], id.as_str());
        assert_eq!(resolved[0]["token"], token.as_str());
    }
}

on_both_databases! {
    async fn errors_in_xml_use_the_specifications_elements_for_every_kind_of_failure(app) {
        let cases = [
            ("GET", "/open311/v2/services.xml", StatusCode::BAD_REQUEST, "jurisdiction_id"),
            ("GET", "/open311/v2/services/nothing.xml?jurisdiction_id=berlin", StatusCode::NOT_FOUND, "nothing"),
            ("GET", "/open311/v2/unknown.xml", StatusCode::NOT_FOUND, "discovery"),
            ("DELETE", "/open311/v2/requests.xml", StatusCode::METHOD_NOT_ALLOWED, "Methode"),
            ("POST", "/open311/v2/requests.xml", StatusCode::FORBIDDEN, "api_key"),
            ("GET", "/open311/v2/tokens/kein-token.xml?jurisdiction_id=berlin", StatusCode::NOT_FOUND, "kein-token"),
        ];
        for (method, path, status, mentions) in cases {
            let request = Request::builder()
                .method(method)
                .uri(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::empty())
                .expect("request");
            let response = app.send(request).await;
            assert_eq!(response.status, status, "{method} {path}: {}", response.text());
            let errors = decode_xml(&response, "error");
            assert_eq!(errors[0]["code"], status.as_u16().to_string(), "{path}");
            let description = errors[0]["description"].as_str().unwrap_or_default();
            assert!(description.contains(mentions), "{path}: {description}");
            assert!(response.text().starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>"));
        }
        // The same failure in JSON stays JSON.
        let json = app.get("/open311/v2/services.json").await;
        assert_eq!(json.header("content-type"), "application/json");
        assert!(description(&json).contains("jurisdiction_id"));
    }
}

on_both_databases! {
    async fn a_token_resolves_only_in_its_own_jurisdiction(app) {
        let created = app.post_form("/open311/v2/requests.json", &dumping_in_pankow(&[])).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
        let body = created.json();
        let token = body[0]["token"].as_str().expect("token");
        let id = body[0]["service_request_id"].as_str().expect("id");
        let here = app.get(&format!("/open311/v2/tokens/{token}.json?jurisdiction_id=berlin")).await;
        assert_eq!(here.json()[0]["service_request_id"], id);
        let elsewhere = app.get(&format!("/open311/v2/tokens/{token}.json?jurisdiction_id=potsdam")).await;
        assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
        let long = "x".repeat(500);
        let too_long = app.get(&format!("/open311/v2/tokens/{long}.json?jurisdiction_id=berlin")).await;
        assert_eq!(too_long.status, StatusCode::NOT_FOUND);
        assert!(description(&too_long).len() < 200, "the answer does not echo a long input");
    }
}
