//! Street trees through the real router: the demo's real register, incremental re-imports that
//! keep adoptions and waterings, malformed files refused whole, the nearby list, adopting and
//! logging, changing and deleting waterings — each only by its author and only in its own
//! municipality; street pumps and "Pumpe defekt melden", the last week's rain in the need, and
//! the watering history of "Gieß den Kiez".

use crate::helpers::{citizen_browser, TestApp};
use crate::on_both_databases;
use axum::http::StatusCode;
use kiezwerk::trees::gdk::{self, GdkImported};
use kiezwerk::trees::register::{self, Imported, RegisterFile};
use kiezwerk::trees::{pumps, rain};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::report::serverfns::StartPreset;
use kiezwerk_app::trees::serverfns::{
    AdoptTree, DeleteWatering, EditWatering, SetReminders, WaterTree,
};
use leptos::server_fn::ServerFn;

const SAMPLE: &str = kiezwerk::trees::demo::BERLIN_TREES;

fn parse(app: &TestApp, text: &str) -> Result<RegisterFile, Vec<String>> {
    let berlin = app
        .state
        .tenants
        .registry
        .by_slug("berlin")
        .expect("berlin");
    register::parse(text.as_bytes(), berlin, 2026, Lang::De)
}

/// The demo's trees, as `make run` installs them.
async fn with_demo_trees(app: &TestApp) {
    let now = app.state.core.clock.now_ms();
    let added = kiezwerk::demo::install_trees_if_empty(&app.state.core.db, now)
        .await
        .expect("demo trees");
    assert_eq!(added, 5000);
}

async fn import(app: &TestApp, text: &str) -> Imported {
    let file = parse(app, text).expect("valid register");
    let id = app.municipality("berlin").0;
    let now = app.state.core.clock.now_ms();
    register::import(&app.state.core.db, now, id, &file, "test", &mut |_, _| {})
        .await
        .expect("import")
}

async fn tree_id(app: &TestApp, register_id: &str) -> i64 {
    sqlx::query_scalar("select id from trees where register_id = $1")
        .bind(register_id)
        .fetch_one(&app.state.core.db.pool)
        .await
        .expect("tree")
}

/// A young tree (planted 2015 or later) of the sample, which needs 200 litres a week.
async fn young_tree(app: &TestApp) -> i64 {
    sqlx::query_scalar(
        "select id from trees where planting_year between 2017 and 2020 and street <> '' order by id limit 1",
    )
    .fetch_one(&app.state.core.db.pool)
    .await
    .expect("a young tree")
}

/// The sample's lines without its header.
fn sample_lines() -> Vec<&'static str> {
    SAMPLE.lines().skip(1).collect()
}

fn header() -> &'static str {
    SAMPLE.lines().next().expect("header")
}

on_both_databases! {
    async fn the_demo_holds_the_real_berlin_sample_with_its_date_and_lists_it_by_street_and_by_place(app) {
        with_demo_trees(&app).await;
        let count: i64 = sqlx::query_scalar("select count(*) from trees where municipality_id = $1")
            .bind(app.municipality("berlin"))
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("count");
        assert_eq!(count, 5000);
        // Every district holds as many trees as the file gives it.
        let mut in_file: std::collections::BTreeMap<String, i64> = std::collections::BTreeMap::new();
        let mut file = csv::Reader::from_reader(SAMPLE.as_bytes());
        let district_column = file.headers().expect("header").iter().position(|c| c == "bezirk").expect("bezirk");
        for record in file.records() {
            let record = record.expect("row");
            *in_file.entry(record[district_column].to_owned()).or_default() += 1;
        }
        let stored: std::collections::BTreeMap<String, i64> =
            sqlx::query_as::<_, (String, i64)>("select district, count(*) from trees group by district")
                .fetch_all(&app.state.core.db.pool)
                .await
                .expect("districts")
                .into_iter()
                .collect();
        assert_eq!(stored, in_file);
        assert_eq!(stored.len(), 12, "all twelve districts");
        let mut browser = app.browser();
        let places = browser.get("/baeume").await;
        assert_eq!(places.status, StatusCode::OK);
        assert!(places.text().contains("5.000 Bäume"), "the places page counts Berlin's trees");

        let by_street = browser.get("/baeume/berlin?strasse=Sch%C3%B6nholzer").await.text();
        assert!(by_street.contains("Baumdaten: Stand 19.12.2022"), "the register's date is shown");
        assert!(by_street.contains("Schönholzer Heide"), "the green space's trees are found by its name");
        assert!(by_street.contains("Robinie"));
        let lower_case = browser.get("/baeume/berlin?strasse=sch%C3%B6nholzer%20h").await.text();
        assert!(lower_case.contains("Schönholzer Heide"), "the case of a name does not matter, umlauts included");

        // The first tree of the sample, searched at its own position, comes first at 0 m.
        let first = tree_id(&app, "00008100:002db6b6").await;
        let by_place = browser
            .get("/baeume/berlin?lat=52.57628823780312&lon=13.390290679409159")
            .await
            .text();
        let row = by_place.find(&format!("/baeume/berlin/baum/{first}\"")).expect("the tree is listed");
        assert!(by_place[row..].contains("0 m"), "its distance is 0 m");

        let refused = browser.get("/baeume/berlin?lat=95&lon=13.4").await.text();
        assert!(refused.contains("Breitengrad"), "a wrong latitude is named");
        let short = browser.get("/baeume/berlin?strasse=S").await.text();
        assert!(short.contains("mindestens zwei Buchstaben"));
        assert_eq!(browser.get("/baeume/nirgendwo").await.status, StatusCode::NOT_FOUND);

        // Potsdam has no register: its page says so, and the places page too.
        let potsdam = browser.get("/baeume/potsdam").await;
        assert_eq!(potsdam.status, StatusCode::OK);
        assert!(potsdam.text().contains("Für Potsdam gibt es in Kiezwerk noch kein Baumkataster."));
        assert!(places_text_of(&mut browser).await.contains("noch kein Baumkataster"));
    }
}

async fn places_text_of(browser: &mut crate::helpers::Browser<'_>) -> String {
    browser.get("/baeume").await.text()
}

/// The trees' links of a list page, in order.
fn listed_ids(page: &str) -> Vec<String> {
    page.match_indices("/baeume/berlin/baum/")
        .map(|(at, prefix)| {
            page[at + prefix.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect()
        })
        .collect()
}

on_both_databases! {
    async fn the_nearby_list_goes_on_page_by_page_nearest_first(app) {
        with_demo_trees(&app).await;
        let mut browser = app.browser();
        // The Schönholzer Heide, where the sample holds many trees close together.
        let place = "lat=52.57628823780312&lon=13.390290679409159";
        let first = browser.get(&format!("/baeume/berlin?{place}")).await.text();
        assert!(first.contains("Bäume 1 bis 30, die nächsten zuerst."), "{first}");
        assert!(first.contains("rel=\"next\""), "a next page is offered");
        assert!(!first.contains("rel=\"prev\""));
        let second = browser.get(&format!("/baeume/berlin?{place}&seite=2")).await.text();
        assert!(second.contains("Bäume 31 bis"), "{second}");
        assert!(second.contains("rel=\"prev\""));
        let (one, two) = (listed_ids(&first), listed_ids(&second));
        assert_eq!(one.len(), 30);
        assert!(!two.is_empty());
        assert!(two.iter().all(|id| !one.contains(id)), "no tree twice");
        // Distances never fall from one page to the next.
        let distances = |page: &str| -> Vec<u32> {
            page.split("<td class=\"kern-table__cell\">")
                .filter_map(|cell| cell.split(" m</td>").next().filter(|c| c.len() < 6)?.parse().ok())
                .collect()
        };
        let (near, far) = (distances(&first), distances(&second));
        assert_eq!(near.len(), 30, "{near:?}");
        assert!(near.windows(2).all(|w| w[0] <= w[1]), "{near:?}");
        assert!(near.last() <= far.first(), "{near:?} then {far:?}");

        // By street: pages too, in the order of street and house number.
        let street = browser.get("/baeume/berlin?strasse=Sch%C3%B6nholzer&seite=1").await.text();
        assert!(street.contains("Bäume 1 bis"), "{street}");

        // Far outside any tree (the middle of the Müggelsee) the list is empty.
        let lake = browser.get("/baeume/berlin?lat=52.4390&lon=13.6460").await.text();
        assert!(lake.contains("Keine Bäume gefunden"), "{lake}");
    }
}

async fn upload_register<'a>(
    browser: &mut crate::helpers::Browser<'a>,
    slug: &str,
    text: &str,
) -> crate::helpers::TestResponse {
    let (content_type, body) = crate::helpers::multipart_body(
        &[],
        &[("datei", "baumbestand.csv", "text/csv", text.as_bytes())],
    );
    let request = axum::http::Request::post(format!("/verwaltung/{slug}/baeume/hochladen"))
        .header(axum::http::header::CONTENT_TYPE, content_type)
        .body(axum::body::Body::from(body))
        .expect("request");
    browser.send(request).await
}

/// A row of the register upload's preview, as the page shows it.
fn preview_item(key: &str, value: &str) -> String {
    format!("{key}</dt><dd class=\"kern-description-list-item__value\">{value}</dd>")
}

/// The waiting upload's name in the apply and discard forms.
async fn waiting_upload(app: &TestApp) -> String {
    sqlx::query_scalar::<_, i64>("select uploaded_at from tree_register_uploads")
        .fetch_one(&app.state.core.db.pool)
        .await
        .expect("a waiting upload")
        .to_string()
}

on_both_databases! {
    async fn an_administrator_checks_a_register_in_the_browser_sees_what_it_would_change_and_applies_it_only_in_their_own_municipality(app) {
        use kiezwerk_app::model::Role;
        let mut berlin = crate::helpers::staff_browser(&app, Role::MunicipalAdmin, app.municipality("berlin"), None).await;
        let mut potsdam = crate::helpers::staff_browser(&app, Role::MunicipalAdmin, app.municipality("potsdam"), None).await;
        let page = berlin.get("/verwaltung/berlin/baeume").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("Es ist noch kein Baumkataster eingespielt."));

        // Nobody else imports into Berlin's register, or sees its page.
        assert_eq!(upload_register(&mut potsdam, "berlin", SAMPLE).await.status, StatusCode::NOT_FOUND);
        assert_eq!(potsdam.get("/verwaltung/berlin/baeume").await.status, StatusCode::NOT_FOUND);
        let mut anonymous = app.browser();
        assert_eq!(upload_register(&mut anonymous, "berlin", SAMPLE).await.status, StatusCode::UNAUTHORIZED);
        let mut citizen = citizen_browser(&app).await;
        assert_eq!(upload_register(&mut citizen, "berlin", SAMPLE).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.count("trees").await, 0);

        // A file with a bad line: every problem named at the file field, nothing imported.
        let bad = format!("{SAMPLE}\n{}", sample_lines()[0].replacen("00008100:002db6b6", "", 1));
        let refused = upload_register(&mut berlin, "berlin", &bad).await;
        assert_eq!(refused.redirect(), "/verwaltung/berlin/baeume");
        let page = berlin.get("/verwaltung/berlin/baeume").await.text();
        assert!(page.contains("Zeile 5002: die Kennung (id) fehlt"), "{page}");
        assert!(page.contains("href=\"#register-file\""), "the error summary links to the field");
        assert_eq!(app.count("trees").await, 0, "nothing partial");
        let wrong = upload_register(&mut berlin, "berlin", "name;ort\nLinde;Mitte\n").await;
        assert_eq!(wrong.redirect(), "/verwaltung/berlin/baeume");
        assert!(berlin.get("/verwaltung/berlin/baeume").await.text().contains("Es fehlen Spalten des Berliner Baumkatasters: id, lat, lng, art_dtsch."));

        // A good file: checked, and first shown with what it would change; nothing changes yet.
        upload_register(&mut berlin, "berlin", SAMPLE).await;
        let page = berlin.get("/verwaltung/berlin/baeume").await.text();
        assert!(page.contains("Die Datei ist geprüft und fehlerfrei."), "{page}");
        assert!(page.contains("Vorschau: „baumbestand.csv“"));
        assert!(page.contains(&preview_item("Neue Bäume", "5.000")), "{page}");
        assert_eq!(app.count("trees").await, 0, "not yet applied");
        let waiting = waiting_upload(&app).await;

        // Only Berlin's administrators apply it, and only the preview they saw.
        let apply = "/verwaltung/berlin/baeume/uebernehmen";
        assert_eq!(potsdam.post(apply, &[("vorschau", &waiting)]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(citizen.post(apply, &[("vorschau", &waiting)]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(anonymous.post(apply, &[("vorschau", &waiting)]).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(berlin.post(apply, &[("vorschau", "1")]).await.redirect(), "/verwaltung/berlin/baeume");
        assert!(berlin.get("/verwaltung/berlin/baeume").await.text().contains("Diese Vorschau gibt es nicht mehr"));
        assert_eq!(berlin.post(apply, &[("vorschau", "kaputt")]).await.redirect(), "/verwaltung/berlin/baeume");
        assert!(berlin.get("/verwaltung/berlin/baeume").await.text().contains("Diese Vorschau gibt es nicht mehr"));
        assert_eq!(app.count("trees").await, 0);

        berlin.post(apply, &[("vorschau", &waiting)]).await;
        let page = berlin.get("/verwaltung/berlin/baeume").await.text();
        assert!(page.contains("Das Baumkataster ist eingespielt: 5.000 neu, 0 geändert, 0 nicht mehr vorhanden, 0 unverändert"), "{page}");
        assert!(page.contains("5.000 Bäume, Baumdaten: Stand 19.12.2022."), "{page}");
        assert!(page.contains("baumbestand.csv"));
        assert!(!page.contains("Vorschau:"), "applied, no longer waiting");
        assert_eq!(app.count("trees").await, 5000);
        let audited: Vec<(String, String)> = sqlx::query_as(
            "select event, detail from audit_log where event = 'tree_register_imported' and municipality_id = $1",
        )
        .bind(app.municipality("berlin"))
        .fetch_all(&app.state.core.db.pool)
        .await
        .expect("audit");
        assert_eq!(audited, vec![("tree_register_imported".to_owned(), "baumbestand.csv: 5000 added, 0 updated, 0 retired, 0 unchanged".to_owned())]);
        upload_register(&mut berlin, "berlin", SAMPLE).await;
        assert!(berlin.get("/verwaltung/berlin/baeume").await.text().contains(&preview_item("Unverändert", "5.000")));
        berlin.post(apply, &[("vorschau", &waiting_upload(&app).await)]).await;
        assert!(berlin.get("/verwaltung/berlin/baeume").await.text().contains("Nichts geändert: Das Baumkataster enthält diese 5.000 Bäume bereits."));

        // A next register without a tree somebody cares for: the preview says it stays with them.
        let lines = sample_lines();
        let cared_id = tree_id(&app, lines[0].split(',').next().expect("id")).await;
        citizen.post(AdoptTree::url(), &[("slug", "berlin"), ("baum", &cared_id.to_string()), ("aktion", "adoptieren")]).await;
        let next = format!("{}\n{}", header(), lines[2..].join("\n"));
        upload_register(&mut berlin, "berlin", &next).await;
        let page = berlin.get("/verwaltung/berlin/baeume").await.text();
        assert!(page.contains(&preview_item("Nicht mehr in der Datei (werden als nicht mehr vorhanden markiert)", "2")), "{page}");
        assert!(page.contains(&preview_item("davon mit Paten oder Gießungen – sie bleiben mit ihnen erhalten", "1")));
        // Discarded: nothing changes.
        berlin.post("/verwaltung/berlin/baeume/verwerfen", &[("vorschau", &waiting_upload(&app).await)]).await;
        let page = berlin.get("/verwaltung/berlin/baeume").await.text();
        assert!(page.contains("Die Datei ist verworfen."));
        assert!(!page.contains("Vorschau:"));
        // The register changes between preview and apply (the command line): refused, nothing
        // applied, the upload gone.
        upload_register(&mut berlin, "berlin", &next).await;
        let waiting = waiting_upload(&app).await;
        let mut fields: Vec<String> = lines[2].split(',').map(str::to_owned).collect();
        fields[13] = "17".into(); // baumhoehe: the tree grew
        let grown = SAMPLE.replacen(lines[2], &fields.join(","), 1);
        assert_eq!(import(&app, &grown).await.updated, 1);
        berlin.post(apply, &[("vorschau", &waiting)]).await;
        let page = berlin.get("/verwaltung/berlin/baeume").await.text();
        assert!(page.contains("Das Baumkataster hat sich seit der Vorschau geändert."), "{page}");
        assert_eq!(app.count("tree_register_uploads").await, 0);
        let live: i64 = sqlx::query_scalar("select count(*) from trees where retired_at is null")
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("count");
        assert_eq!(live, 5000, "the two trees are not retired");

        // Potsdam's administrator sees Potsdam's (empty) register, not Berlin's.
        let own = potsdam.get("/verwaltung/potsdam/baeume").await.text();
        assert!(own.contains("Es ist noch kein Baumkataster eingespielt."));
        assert_eq!(potsdam.get("/baeume/potsdam").await.status, StatusCode::OK);
    }
}

on_both_databases! {
    async fn a_reimport_adds_updates_and_retires_but_keeps_adoptions_and_waterings(app) {
        with_demo_trees(&app).await;
        let lines = sample_lines();
        let (cared, untouched, changed) = (lines[0], lines[1], lines[2]);
        let cared_key = cared.split(',').next().expect("id");
        let untouched_key = untouched.split(',').next().expect("id");
        let cared_id = tree_id(&app, cared_key).await;
        let mut citizen = citizen_browser(&app).await;
        citizen.post(AdoptTree::url(), &[("slug", "berlin"), ("baum", &cared_id.to_string()), ("aktion", "adoptieren")]).await;
        citizen.post(WaterTree::url(), &[("slug", "berlin"), ("baum", &cared_id.to_string()), ("liter", "60"), ("zeitpunkt", "")]).await;
        assert_eq!(app.count("tree_adoptions").await, 1);
        assert_eq!(app.count("tree_waterings").await, 1);

        // The next register: the cared-for tree and another are gone, one tree grew, one is new.
        let grown = changed.replacen(",2022-12-19,2022-12-19,", ",2022-12-19,2023-06-01,", 1);
        let grown = {
            let mut fields: Vec<String> = grown.split(',').map(str::to_owned).collect();
            fields[13] = "17".into(); // baumhoehe
            fields.join(",")
        };
        let new_tree = "00008100:ffffffff,1,00245,Neue Straße,Linde,Tilia cordata,LINDE,TILIA,Neue Straße,1,2024,2,10,3,Pankow,Land Berlin,,1,52.57,13.40,2023-06-01,2023-06-01,t";
        let mut next = vec![header().to_owned(), grown, new_tree.to_owned()];
        next.extend(lines[3..].iter().map(|l| (*l).to_owned()));
        let summary = import(&app, &next.join("\n")).await;
        assert_eq!(
            summary,
            Imported { added: 1, updated: 1, unchanged: 4997, retired: 2 }
        );
        let untouched_retired: Option<i64> = sqlx::query_scalar("select retired_at from trees where register_id = $1")
            .bind(untouched_key)
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("the vanished tree is kept");
        assert!(untouched_retired.is_some(), "a vanished tree nobody cared for is retired, not deleted");
        assert_eq!(app.count("tree_adoptions").await, 1, "the adoption survives");
        assert_eq!(app.count("tree_waterings").await, 1, "the watering survives");
        let date: String = sqlx::query_scalar("select data_date from tree_registers")
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("date");
        assert_eq!(date, "2023-06-01", "the data's date is the newest update");
        let card = citizen.get(&format!("/baeume/berlin/baum/{cared_id}")).await;
        assert_eq!(card.status, StatusCode::NOT_FOUND, "a retired tree is not shown");

        // The same file again changes nothing; the old register brings the retired tree back
        // with its adoption and watering.
        let imported_at = || async {
            sqlx::query_scalar::<_, i64>("select imported_at from tree_registers")
                .fetch_one(&app.state.core.db.pool)
                .await
                .expect("imported at")
        };
        let before = imported_at().await;
        app.state.core.clock.advance(jiff::SignedDuration::from_secs(60));
        let again = import(&app, &next.join("\n")).await;
        assert!(!again.changed(), "{again:?}");
        assert_eq!(again.unchanged, 4999);
        assert_eq!(imported_at().await, before, "not even the import's date changes");
        let back = import(&app, SAMPLE).await;
        assert_eq!(
            (back.added, back.updated, back.retired),
            (0, 3, 1),
            "the two retired trees come back, the grown one is as before, the new one retired"
        );
        let card = citizen.get(&format!("/baeume/berlin/baum/{cared_id}")).await;
        assert_eq!(card.status, StatusCode::OK);
        let card = card.text();
        assert!(card.contains("Sie sind Pate dieses Baums."));
        assert!(card.contains("<td class=\"kern-table__cell\">60</td>"), "the watering is still listed");
    }
}

on_both_databases! {
    async fn a_register_with_malformed_rows_names_every_line_and_imports_nothing(app) {
        with_demo_trees(&app).await;
        let lines = sample_lines();
        let bad_position = lines[0].replacen(",52.57628823780312,", ",north,", 1);
        let twice = lines[1];
        let bad_number = {
            let mut fields: Vec<&str> = lines[2].split(',').collect();
            fields[12] = "dick";
            fields.join(",")
        };
        let munich = {
            let mut fields: Vec<&str> = lines[3].split(',').collect();
            fields[18] = "48.137";
            fields[19] = "11.575";
            fields.join(",")
        };
        let no_id = {
            let mut fields: Vec<&str> = lines[4].split(',').collect();
            fields[0] = "";
            fields.join(",")
        };
        let text = [header(), &bad_position, twice, twice, &bad_number, &munich, &no_id].join("\n");
        let errors = parse(&app, &text).expect_err("refused");
        assert!(errors.iter().any(|e| e.starts_with("Zeile 2:") && e.contains("keine gültige Position")), "{errors:?}");
        assert!(errors.iter().any(|e| e.starts_with("Zeile 4:") && e.contains("mehrfach")), "{errors:?}");
        assert!(errors.iter().any(|e| e.starts_with("Zeile 5:") && e.contains("stammumfg ist keine Zahl")), "{errors:?}");
        assert!(errors.iter().any(|e| e.starts_with("Zeile 6:") && e.contains("außerhalb von Berlin")), "{errors:?}");
        assert!(errors.iter().any(|e| e.starts_with("Zeile 7:") && e.contains("Kennung (id) fehlt")), "{errors:?}");
        assert_eq!(errors.len(), 5);
        let missing = parse(&app, "id,lat\n1,52.5\n").expect_err("columns");
        assert!(missing[0].contains("lng, art_dtsch"), "{missing:?}");
        assert!(parse(&app, header()).is_err(), "a file without trees is refused");
        assert_eq!(app.count("trees").await, 5000, "nothing changed");
    }
}

on_both_databases! {
    async fn a_geojson_register_imports_like_the_csv(app) {
        let geojson = serde_json::json!({
            "type": "FeatureCollection",
            "features": [{
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [13.40, 52.57] },
                "properties": {
                    "id": "00008100:eeeeeeee", "art_dtsch": "Spitzahorn", "art_bot": "Acer platanoides",
                    "gattung_deutsch": "AHORN", "strname": "Beispielweg", "hausnr": "3",
                    "pflanzjahr": 2020, "baumhoehe": 4.5, "bezirk": "Pankow", "street_tree": "t",
                    "updated_at": "2024-05-01"
                }
            }, {
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [11.575, 48.137] },
                "properties": { "id": "x", "art_dtsch": "Linde" }
            }]
        });
        let errors = parse(&app, &geojson.to_string()).expect_err("the second is outside");
        assert_eq!(errors, vec!["Objekt 2: die Position liegt außerhalb von Berlin".to_owned()]);
        let mut only_first = geojson.clone();
        only_first["features"].as_array_mut().expect("features").pop();
        let file = parse(&app, &only_first.to_string()).expect("valid");
        assert_eq!(file.data_date.as_deref(), Some("2024-05-01"));
        assert_eq!(file.trees[0].height_cm, Some(450));
        assert_eq!(file.trees[0].planting_year, Some(2020));
        assert!(file.trees[0].street_tree);
    }
}

on_both_databases! {
    async fn a_citizen_adopts_logs_changes_and_deletes_a_watering_and_the_need_follows(app) {
        with_demo_trees(&app).await;
        let tree = young_tree(&app).await;
        let card_path = format!("/baeume/berlin/baum/{tree}");
        let anonymous = app.browser().get(&card_path).await.text();
        assert!(anonymous.contains("tree-need--hoch"));
        assert!(anonymous.contains("hoch – noch 100 Liter diese Woche"));
        assert!(anonymous.contains("Melden Sie sich mit Ihrem Passkey an"));
        assert!(!anonymous.contains(WaterTree::url()), "no watering form without an account");

        let tree_field = tree.to_string();
        let mut citizen = citizen_browser(&app).await;
        let (next, page) = citizen
            .submit(AdoptTree::url(), &[("slug", "berlin"), ("baum", &tree_field), ("aktion", "adoptieren")])
            .await;
        assert_eq!(next, card_path);
        assert!(page.text().contains("Sie haben den Baum adoptiert."));
        assert!(page.text().contains("Dieser Baum hat einen Paten."));

        // A wrong amount is named and changes nothing.
        let (_, refused) = citizen
            .submit(WaterTree::url(), &[("slug", "berlin"), ("baum", &tree_field), ("liter", "5000"), ("zeitpunkt", "")])
            .await;
        assert!(refused.text().contains("ganze Zahl von 1 bis 500"));
        assert!(refused.text().contains("value=\"5000\""), "what was typed is kept");
        assert_eq!(app.count("tree_waterings").await, 0);

        let (_, watered) = citizen
            .submit(WaterTree::url(), &[("slug", "berlin"), ("baum", &tree_field), ("liter", "80"), ("zeitpunkt", "")])
            .await;
        let watered = watered.text();
        assert!(watered.contains("Ihre Gießung mit 80 Litern ist eingetragen."));
        let badge = watered.find("tree-need--").map(|i| &watered[i..(i + 200).min(watered.len())]);
        assert!(watered.contains("mittel – noch 20 Liter diese Woche"), "the need follows at once: {badge:?}");
        let watering: i64 = sqlx::query_scalar("select id from tree_waterings")
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("watering");
        let mine = citizen.get("/baeume/berlin/meine").await.text();
        assert!(mine.contains(&card_path), "the adopted tree is among my trees");
        assert!(mine.contains(&format!("/baeume/berlin/giessen/{watering}")));

        // The account's export holds the adoption and the watering.
        let export = citizen.get("/konto/daten.json").await.json();
        assert_eq!(export["street_trees"]["adoptions"].as_array().map(Vec::len), Some(1));
        assert_eq!(export["street_trees"]["waterings"][0]["litres"], 80);

        // Someone else can neither see, change nor delete it.
        let mut other = citizen_browser(&app).await;
        let edit_path = format!("/baeume/berlin/giessen/{watering}");
        assert_eq!(other.get(&edit_path).await.status, StatusCode::NOT_FOUND);
        let watering_field = watering.to_string();
        other.post(EditWatering::url(), &[("slug", "berlin"), ("giessung", &watering_field), ("liter", "1"), ("zeitpunkt", "")]).await;
        other.post(DeleteWatering::url(), &[("slug", "berlin"), ("giessung", &watering_field)]).await;
        let litres: i64 = sqlx::query_scalar("select litres from tree_waterings where id = $1")
            .bind(watering)
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("still there");
        assert_eq!(litres, 80);
        let others_view = other.get(&card_path).await.text();
        assert!(others_view.contains("jemand anderem"), "others' entries carry no name");
        assert!(!others_view.contains(&edit_path));

        // The author changes it, then deletes it.
        assert_eq!(citizen.get(&edit_path).await.status, StatusCode::OK);
        let (next, edited) = citizen
            .submit(EditWatering::url(), &[("slug", "berlin"), ("giessung", &watering_field), ("liter", "200"), ("zeitpunkt", "")])
            .await;
        assert_eq!(next, card_path);
        assert!(edited.text().contains("niedrig – für diese Woche versorgt"));
        let (_, deleted) = citizen
            .submit(DeleteWatering::url(), &[("slug", "berlin"), ("giessung", &watering_field)])
            .await;
        assert!(deleted.text().contains("Die Gießung ist gelöscht."));
        assert_eq!(app.count("tree_waterings").await, 0);

        let (_, ended) = citizen
            .submit(AdoptTree::url(), &[("slug", "berlin"), ("baum", &tree_field), ("aktion", "beenden")])
            .await;
        assert!(ended.text().contains("Ihre Patenschaft ist beendet."));
        assert_eq!(app.count("tree_adoptions").await, 0);
    }
}

on_both_databases! {
    async fn nobody_adopts_or_waters_without_an_account_or_through_another_municipality(app) {
        with_demo_trees(&app).await;
        let tree = young_tree(&app).await.to_string();
        let mut anonymous = app.browser();
        let response = anonymous
            .post(AdoptTree::url(), &[("slug", "berlin"), ("baum", &tree), ("aktion", "adoptieren")])
            .await;
        assert_eq!(response.redirect(), "/konto/anmelden");
        anonymous
            .post(WaterTree::url(), &[("slug", "berlin"), ("baum", &tree), ("liter", "10"), ("zeitpunkt", "")])
            .await;
        assert_eq!(app.count("tree_adoptions").await, 0);
        assert_eq!(app.count("tree_waterings").await, 0);

        // A Berlin tree is not Potsdam's: not shown, not adopted, not watered through it.
        let mut citizen = citizen_browser(&app).await;
        assert_eq!(citizen.get(&format!("/baeume/potsdam/baum/{tree}")).await.status, StatusCode::NOT_FOUND);
        let (_, page) = citizen
            .submit(AdoptTree::url(), &[("slug", "potsdam"), ("baum", &tree), ("aktion", "adoptieren")])
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "back to a page that is not there");
        citizen
            .post(WaterTree::url(), &[("slug", "potsdam"), ("baum", &tree), ("liter", "10"), ("zeitpunkt", "")])
            .await;
        assert_eq!(app.count("tree_adoptions").await, 0);
        assert_eq!(app.count("tree_waterings").await, 0);
    }
}

on_both_databases! {
    async fn deleting_an_account_ends_its_adoptions_and_reminders_and_keeps_its_litres_without_it(app) {
        with_demo_trees(&app).await;
        let tree = young_tree(&app).await.to_string();
        let (mut citizen, account) = crate::helpers::account_browser(&app, "Bürgerin").await;
        sqlx::query("update accounts set email = 'b@example.de', email_confirmed_at = 1 where id = $1")
            .bind(account)
            .execute(&app.state.core.db.pool)
            .await
            .expect("address");
        citizen
            .post(AdoptTree::url(), &[("slug", "berlin"), ("baum", &tree), ("aktion", "adoptieren")])
            .await;
        citizen
            .post(WaterTree::url(), &[("slug", "berlin"), ("baum", &tree), ("liter", "40"), ("zeitpunkt", "")])
            .await;
        citizen.post(SetReminders::url(), &[("an", "ja")]).await;
        assert_eq!(app.count("tree_reminders").await, 1);
        citizen.submit("/api/konto/loeschen", &[("bestaetigt", "ja")]).await;
        assert_eq!(app.count("tree_adoptions").await, 0);
        assert_eq!(app.count("tree_reminders").await, 0, "and the reminders");
        let kept: Vec<(i64, Option<i64>)> = sqlx::query_as("select litres, account_id from tree_waterings")
            .fetch_all(&app.state.core.db.pool)
            .await
            .expect("waterings");
        assert_eq!(kept, vec![(40, None)]);
    }
}

on_both_databases! {
    async fn street_pumps_near_a_place_show_their_state_and_a_broken_one_is_reported_through_the_intake(app) {
        with_demo_trees(&app).await;
        assert_eq!(app.count("tree_pumps").await, 1783, "the demo has Berlin's OSM pumps");
        let (lat, lon): (f64, f64) = sqlx::query_as(
            "select lat, lon from tree_pumps where status = 'defekt' order by osm_id limit 1",
        )
        .fetch_one(&app.state.core.db.pool)
        .await
        .expect("a broken pump");
        let mut browser = app.browser();
        let near = browser.get(&format!("/baeume/berlin?lat={lat}&lon={lon}")).await.text();
        let pumps = &near[near.find("Straßenbrunnen in der Nähe").expect("the pumps are listed")..];
        assert!(pumps.contains("Pumpe in 0 m"), "the pump at the place comes first");
        assert!(pumps.contains("<td class=\"kern-table__cell\">defekt"), "its state is in words");
        assert!(pumps.contains("OpenStreetMap"), "the source is named");
        assert!(pumps.contains(StartPreset::url()), "a broken pump can be reported");

        // "Pumpe defekt melden" starts the report flow with the category and the pump's place.
        let (step, page) = browser
            .submit(StartPreset::url(), &[("kategorie", "street-pump"), ("lat", &lat.to_string()), ("lon", &lon.to_string())])
            .await;
        assert!(step.starts_with("/melden/"), "{step}");
        assert!(page.text().contains("Was ist an der Pumpe kaputt?"), "the category's question comes next");

        // A re-import applies the changes by OSM id; a faulty file changes nothing.
        let berlin = app.state.tenants.registry.by_slug("berlin").expect("berlin");
        let mut file = pumps::parse(kiezwerk::trees::demo::BERLIN_PUMPS.as_bytes(), berlin, Lang::De).expect("pumps");
        let fixed = file.iter().position(|p| p.status == "defekt").expect("broken");
        file[fixed].status = "funktionsfähig".into();
        file.pop();
        let done = pumps::import(&app.state.core.db, app.municipality("berlin").0, &file).await.expect("import");
        assert_eq!((done.added, done.updated, done.unchanged, done.removed), (0, 1, 1781, 1));
        let near = browser.get(&format!("/baeume/berlin?lat={lat}&lon={lon}")).await.text();
        assert!(near.contains("<td class=\"kern-table__cell\">funktioniert"), "the repaired pump works");
        let faulty = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"id":1,"pump:status":"defekt"},"geometry":{"type":"Point","coordinates":[13.4,52.5]}},
            {"type":"Feature","properties":{"pump:status":"defekt"},"geometry":{"type":"Point","coordinates":[13.4,52.5]}},
            {"type":"Feature","properties":{"id":3},"geometry":{"type":"Point","coordinates":[11.575,48.137]}}
        ]}"#;
        let errors = pumps::parse(faulty.as_bytes(), berlin, Lang::De).expect_err("refused");
        assert_eq!(errors, vec![
            "Objekt 2: die Kennung (id) fehlt".to_owned(),
            "Objekt 3: die Position liegt außerhalb von Berlin".to_owned(),
        ]);
        assert_eq!(app.count("tree_pumps").await, 1782);
    }
}

on_both_databases! {
    async fn pumps_are_on_the_map_by_state_and_a_pumps_card_says_while_it_is_reported_broken(app) {
        with_demo_trees(&app).await;
        let (osm_id, lat, lon): (i64, f64, f64) = sqlx::query_as(
            "select osm_id, lat, lon from tree_pumps where status = 'defekt' order by osm_id limit 1",
        )
        .fetch_one(&app.state.core.db.pool)
        .await
        .expect("a broken pump");

        // On the map: from zoom 14 a layer of pumps, each with its OSM id and its state.
        let z16 = tile_of(lat, lon, 16);
        let tile_path = format!("/baeume/berlin/kacheln/16/{}/{}.mvt", z16.0, z16.1);
        let tile = app.get(&tile_path).await;
        let drawn = layer(&tile.body, "pumps")
            .into_iter()
            .find(|f| f.id == Some(u64::try_from(osm_id).expect("id")))
            .expect("the pump is in its tile");
        assert_eq!(
            drawn.properties.as_ref().and_then(|p| p.get("s")),
            Some(&mvt_reader::feature::Value::UInt(2)),
            "out of order"
        );
        let z13 = tile_of(lat, lon, 13);
        let far = app.get(&format!("/baeume/berlin/kacheln/13/{}/{}.mvt", z13.0, z13.1)).await;
        assert!(layer(&far.body, "pumps").is_empty(), "no pumps farther out than zoom 14");
        assert!(!layer(&far.body, "trees").is_empty());

        // A re-import that changes a pump moves every tile's tag; one that changes nothing not.
        let tag = tile.header("etag");
        let berlin = app.state.tenants.registry.by_slug("berlin").expect("berlin");
        let mut file = pumps::parse(kiezwerk::trees::demo::BERLIN_PUMPS.as_bytes(), berlin, Lang::De).expect("pumps");
        pumps::import(&app.state.core.db, app.municipality("berlin").0, &file).await.expect("same pumps");
        assert_eq!(app.get(&tile_path).await.header("etag"), tag, "nothing changed");
        let pump = file.iter_mut().find(|p| p.osm_id == osm_id).expect("in the file");
        pump.status = "funktionsfähig".into();
        pumps::import(&app.state.core.db, app.municipality("berlin").0, &file).await.expect("repaired");
        let repaired = app.get(&tile_path).await;
        assert_ne!(repaired.header("etag"), tag, "the tiles show the new state");
        let drawn = layer(&repaired.body, "pumps")
            .into_iter()
            .find(|f| f.id == Some(u64::try_from(osm_id).expect("id")))
            .expect("still there");
        assert_eq!(drawn.properties.as_ref().and_then(|p| p.get("s")), Some(&mvt_reader::feature::Value::UInt(1)));
        file.iter_mut().find(|p| p.osm_id == osm_id).expect("in the file").status = "defekt".into();
        pumps::import(&app.state.core.db, app.municipality("berlin").0, &file).await.expect("broken again");

        // Its card: state in words, where it is, and "Pumpe defekt melden".
        let card_path = format!("/baeume/berlin/pumpe/{osm_id}");
        let card = app.get(&card_path).await.text();
        assert!(card.contains("Laut OpenStreetMap: defekt"), "{card}");
        assert!(card.contains(&format!("https://www.openstreetmap.org/node/{osm_id}")));
        assert!(card.contains(StartPreset::url()), "a broken pump can be reported");
        assert!(card.contains(&format!("value=\"{lat}\"")), "the report starts at the pump");
        assert!(!card.contains("Als defekt gemeldet"));

        // A report "Pumpe defekt" filed through the intake a few metres from it: routed to the
        // district's office for streets and green spaces, and the card says so.
        let created = app
            .post_form(
                "/open311/v2/requests.json",
                &[
                    ("api_key", "demo-key"),
                    ("jurisdiction_id", "berlin"),
                    ("service_code", "street-pump"),
                    ("lat", &(lat + 0.0001).to_string()),
                    ("long", &lon.to_string()),
                    ("description", "Kein Wasser"),
                    ("attribute[pump_defect]", "no_water"),
                ],
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
        let reference = created.json()[0]["service_request_id"].as_str().expect("id").to_owned();
        let department = crate::helpers::department_of(&app, &reference).await;
        assert!(department.starts_with("sga-"), "a pump goes to the Straßen- und Grünflächenamt: {department}");
        let card = app.get(&card_path).await.text();
        assert!(card.contains(&format!("Als defekt gemeldet: Meldung {reference}")), "{card}");
        assert!(card.contains(&format!("href=\"/meldungen/{reference}\"")), "linked to its status page");
        assert!(!card.contains(StartPreset::url()), "no second report is offered");
        let near = app.get(&format!("/baeume/berlin?lat={lat}&lon={lon}")).await.text();
        let pumps_listed = &near[near.find("Straßenbrunnen in der Nähe").expect("the pumps")..];
        assert!(pumps_listed.contains(&format!("gemeldet: {reference}")), "the list says so too");
        assert!(pumps_listed.contains(&format!("href=\"/baeume/berlin/pumpe/{osm_id}\"")), "and links the card");

        // Once the report is closed the card offers a new one. (Closing is triage's; its own
        // tests cover the state machine, here the stage is enough.)
        sqlx::query("update reports set stage = 2 where reference = $1")
            .bind(&reference)
            .execute(&app.state.core.db.pool)
            .await
            .expect("closed");
        let card = app.get(&card_path).await.text();
        assert!(!card.contains("Als defekt gemeldet"));
        assert!(card.contains(StartPreset::url()));

        // Only the municipality's own pumps, and only pumps.
        assert_eq!(app.get(&format!("/baeume/potsdam/pumpe/{osm_id}")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/baeume/berlin/pumpe/1").await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/baeume/berlin/pumpe/keine").await.status, StatusCode::NOT_FOUND);
    }
}

on_both_databases! {
    async fn the_waterings_are_cc0_open_data_in_gdks_columns_without_who_watered_and_read_back_by_the_import(app) {
        with_demo_trees(&app).await;
        let tree = young_tree(&app).await;
        let (mut citizen, _) = crate::helpers::account_browser(&app, "Gießkanne Gerda").await;
        citizen.post(WaterTree::url(), &[("slug", "berlin"), ("baum", &tree.to_string()), ("liter", "80"), ("zeitpunkt", "")]).await;
        citizen.post(WaterTree::url(), &[("slug", "berlin"), ("baum", &tree.to_string()), ("liter", "45"), ("zeitpunkt", "")]).await;
        assert_eq!(app.count("tree_waterings").await, 2);

        let response = app.get("/offene-daten/berlin/giessungen.csv").await;
        assert_eq!(response.status, StatusCode::OK);
        assert_eq!(response.header("content-type"), "text/csv; charset=utf-8");
        assert_eq!(response.header("content-disposition"), "attachment; filename=\"berlin-giessungen.csv\"");
        assert_eq!(response.header("access-control-allow-origin"), "*");
        let text = response.text();
        assert!(!text.contains("Gerda") && !text.contains("@"), "nobody who watered: {text}");
        let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
        assert_eq!(header, kiezwerk::trees::open_data::COLUMNS, "Gieß den Kiez's columns, in its order, nothing else");
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
        assert_eq!(rows.len(), 2);
        let (register_id, lat, lon, species): (String, f64, f64, String) =
            sqlx::query_as("select register_id, lat, lon, species_de from trees where id = $1")
                .bind(tree)
                .fetch_one(&app.state.core.db.pool)
                .await
                .expect("tree");
        let litres: Vec<&str> = rows.iter().map(|r| &r[9]).collect();
        assert_eq!(litres, ["80", "45"], "oldest first");
        for row in &rows {
            assert_eq!(&row[0], register_id, "the register's id");
            assert_eq!((row[1].parse::<f64>().expect("lng"), row[2].parse::<f64>().expect("lat")), (lon, lat));
            assert_eq!(&row[4], species);
            assert!(row[8].ends_with(":00:00.000Z"), "to the hour: {}", &row[8]);
        }

        // Another deployment moving from us reads the file like Gieß den Kiez's: every row finds
        // its tree (here the same register: they are added again without an account).
        let read = gdk::parse(text.as_bytes(), Lang::De).expect("our export is a GdK export");
        assert_eq!(read.len(), 2);
        let now = app.state.core.clock.now_ms();
        let done = gdk::import(&app.state.core.db, now, app.municipality("berlin").0, &read, &mut |_, _| {}).await.expect("import");
        assert!(done.unmatched.is_empty(), "{done:?}");
        assert_eq!(done.added + done.ambiguous.len(), 2, "{done:?}");

        // Listed on the open-data page and in the catalogue as a second dataset, under CC0.
        let page = app.get("/offene-daten/berlin").await.text();
        assert!(page.contains("Gießungen von Stadtbäumen in Berlin"));
        assert!(page.contains("href=\"/offene-daten/berlin/giessungen.csv\""));
        assert!(page.contains("Creative Commons Zero (CC0 1.0)"));
        let catalogue = app.get("/offene-daten/berlin/katalog.jsonld").await.json();
        let datasets = catalogue["dcat:dataset"].as_array().expect("datasets");
        assert_eq!(datasets.len(), 2);
        let waterings = &datasets[1];
        assert!(waterings["@id"].as_str().expect("id").ends_with("/offene-daten/berlin#giessungen"));
        let distribution = &waterings["dcat:distribution"][0];
        assert_eq!(distribution["dct:license"]["@id"], "http://dcat-ap.de/def/licenses/cc-zero");
        assert!(distribution.get("dcatde:licenseAttributionByText").is_none(), "CC0 asks for no attribution");
        assert_eq!(distribution["dct:format"]["@id"], "http://publications.europa.eu/resource/authority/file-type/CSV");
        assert_eq!(datasets[0]["dcat:distribution"][0]["dct:license"]["@id"], "http://dcat-ap.de/def/licenses/dl-by-de/2.0");

        // A municipality without a register has no such dataset.
        assert!(!app.get("/offene-daten/potsdam").await.text().contains("giessungen.csv"));
        assert_eq!(app.get("/offene-daten/potsdam/giessungen.csv").await.status, StatusCode::NOT_FOUND);
    }
}

on_both_databases! {
    async fn the_statistics_count_adoptions_waterings_and_litres_per_month_and_district_of_the_last_year(app) {
        with_demo_trees(&app).await;
        let tree = young_tree(&app).await;
        let district: String = sqlx::query_scalar("select district from trees where id = $1")
            .bind(tree)
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("district");
        let mut citizen = citizen_browser(&app).await;
        citizen.post(AdoptTree::url(), &[("slug", "berlin"), ("baum", &tree.to_string()), ("aktion", "adoptieren")]).await;
        citizen.post(WaterTree::url(), &[("slug", "berlin"), ("baum", &tree.to_string()), ("liter", "80"), ("zeitpunkt", "")]).await;
        // An imported watering three months ago (no account), and one 13 months ago: outside.
        let now = app.state.core.clock.now_ms();
        let day = 24 * 3_600_000;
        for (litres, at) in [(120, now - 92 * day), (999, now - 400 * day)] {
            sqlx::query("insert into tree_waterings (tree_id, litres, watered_at, recorded_at) values ($1, $2, $3, $3)")
                .bind(tree)
                .bind(litres)
                .bind(at)
                .execute(&app.state.core.db.pool)
                .await
                .expect("watering");
        }
        let month = |ms: i64| {
            jiff::Timestamp::from_millisecond(ms)
                .expect("time")
                .to_zoned(kiezwerk::core::time::berlin())
                .strftime("%m/%Y")
                .to_string()
        };

        let page = app.get("/baeume/berlin/statistik").await;
        assert_eq!(page.status, StatusCode::OK);
        let text = page.text();
        assert!(text.contains("Baumstatistik Berlin"));
        for (key, value) in [("Bäume mit Paten", "1"), ("Patenschaften", "1"), ("Gießungen in zwölf Monaten", "2"), ("Liter in zwölf Monaten", "200")] {
            assert!(
                text.contains(&format!("{key}</dt><dd class=\"kern-description-list-item__value\">{value}</dd>")),
                "{key}: {value}"
            );
        }
        // Each chart has its table with the same figures: a row per month, a row per district.
        let row = |label: &str, value: i64| format!("<td class=\"kern-table__cell\">{label}</td><td class=\"kern-table__cell\">{value}</td>");
        let table = |id: &str| {
            let start = text.find(&format!("id=\"{id}-table\"")).unwrap_or_else(|| panic!("table {id}"));
            text[start..start + text[start..].find("</table>").expect("end")].to_owned()
        };
        let litres_by_month = table("monat-liter");
        assert!(litres_by_month.contains(&row(&month(now), 80)), "{litres_by_month}");
        assert!(litres_by_month.contains(&row(&month(now - 92 * day), 120)));
        assert!(!litres_by_month.contains(&month(now - 400 * day)), "13 months ago is outside (and not in the 200 litres)");
        assert_eq!(litres_by_month.matches("<tr class=\"kern-table__row\">").count(), 12 + 1, "twelve months and the header");
        assert!(table("monat-patenschaften").contains(&row(&month(now), 1)));
        assert!(table("monat-giessungen").contains(&row(&month(now), 1)));
        assert!(table("bezirk-liter").contains(&row(&district, 200)));
        assert!(table("bezirk-giessungen").contains(&row(&district, 2)));
        assert!(table("bezirk-patenschaften").contains(&row(&district, 1)));
        assert_eq!(text.matches("class=\"bar-chart\"").count(), 6, "six charts");
        assert!(text.contains("href=\"/offene-daten/berlin/giessungen.csv\""));
        assert!(app.get("/baeume/berlin").await.text().contains("href=\"/baeume/berlin/statistik\""));

        let potsdam = app.get("/baeume/potsdam/statistik").await.text();
        assert!(potsdam.contains("Für Potsdam gibt es in Kiezwerk noch kein Baumkataster."));
        assert_eq!(app.get("/baeume/nirgendwo/statistik").await.status, StatusCode::NOT_FOUND);
    }
}

/// The reminder mails in the outbox: (to, subject, body, List-Unsubscribe address).
async fn reminder_mails(app: &TestApp) -> Vec<(String, String, String, Option<String>)> {
    sqlx::query_as(
        "select to_address, subject, body, list_unsubscribe from outbox where subject like '%Durst%' order by id",
    )
    .fetch_all(&app.state.core.db.pool)
    .await
    .expect("outbox")
}

/// RFC 8058's one-click post, as a mail program makes it: no cookie, no origin, no HTML.
fn one_click(path: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
        .expect("request")
}

on_both_databases! {
    async fn a_thirst_reminder_goes_to_an_adopter_who_asked_at_most_weekly_once_with_two_servers_and_stops_with_one_click(app) {
        with_demo_trees(&app).await;
        let summer: i64 = "2026-07-15T08:00:00Z".parse::<jiff::Timestamp>().expect("time").as_millisecond();
        let week = kiezwerk::trees::reminders::WEEK_MS;
        let tree = young_tree(&app).await;
        let (mut gerda, account) = crate::helpers::account_browser(&app, "Gerda").await;
        gerda.post(AdoptTree::url(), &[("slug", "berlin"), ("baum", &tree.to_string()), ("aktion", "adoptieren")]).await;
        let trees = app.state.trees();
        let send = |now: i64| kiezwerk::trees::reminders::send_due(&trees, now);

        // Without a confirmed address the page says what is missing and offers nothing.
        let page = gerda.get("/baeume/erinnerungen").await.text();
        assert!(page.contains("braucht Ihr Konto eine bestätigte E-Mail-Adresse"), "{page}");
        assert!(!page.contains(SetReminders::url()));
        let (_, page) = gerda.submit(SetReminders::url(), &[("an", "ja")]).await;
        assert!(!page.text().contains("Erinnerungen bestellt."), "asked for anyway: refused");
        assert_eq!(app.count("tree_reminders").await, 0);
        sqlx::query("update accounts set email = 'gerda@example.de', email_confirmed_at = 1 where id = $1")
            .bind(account)
            .execute(&app.state.core.db.pool)
            .await
            .expect("address");
        assert_eq!(send(summer).await.expect("job"), 0, "not asked for");

        // Opting in on the page.
        assert!(gerda.get("/baeume/erinnerungen").await.text().contains("Sie bekommen keine Erinnerungen."));
        let (back, page) = gerda.submit(SetReminders::url(), &[("an", "ja")]).await;
        assert_eq!(back, "/baeume/erinnerungen");
        assert!(page.text().contains("Sie bekommen Erinnerungen an gerda@example.de."));
        assert!(gerda.get("/baeume/berlin/meine").await.text().contains("href=\"/baeume/erinnerungen\""));
        assert_eq!(send(summer - 200 * 24 * 3_600_000).await.expect("job"), 0, "nothing in winter");

        // The young tree is thirsty and nobody watered it: one mail listing it, with one-click
        // unsubscribe; not again within the week.
        assert_eq!(send(summer).await.expect("job"), 1);
        assert_eq!(send(summer + 3 * 24 * 3_600_000).await.expect("job"), 0, "a week has not passed");
        let mails = reminder_mails(&app).await;
        assert_eq!(mails.len(), 1);
        let (to, subject, body, unsubscribe) = &mails[0];
        assert_eq!(to, "gerda@example.de");
        assert_eq!(subject, "Einer Ihrer Bäume hat Durst / One of your trees is thirsty");
        assert!(body.contains(&format!("/baeume/berlin/baum/{tree}")), "{body}");
        assert!(body.contains("Wasserbedarf hoch"));
        let unsubscribe = unsubscribe.clone().expect("List-Unsubscribe");
        assert!(body.contains(&unsubscribe), "the link is in the text too");
        let path = unsubscribe[unsubscribe.find("/baeume/erinnerungen/abmelden/").expect("our path")..].to_owned();

        // Watered (the watering moved to an hour before the job runs): no reminder for it.
        gerda.post(WaterTree::url(), &[("slug", "berlin"), ("baum", &tree.to_string()), ("liter", "80"), ("zeitpunkt", "")]).await;
        sqlx::query("update tree_waterings set watered_at = $1 where tree_id = $2")
            .bind(summer + week + 3_600_000)
            .bind(tree)
            .execute(&app.state.core.db.pool)
            .await
            .expect("moved");
        assert_eq!(send(summer + week + 2 * 3_600_000).await.expect("job"), 0, "watered an hour ago");

        // Two weeks on and unwatered since: two servers run the job at the same moment; one mail.
        let (second, _live) = app.second_server().await;
        let second_trees = second.state.trees();
        let later = summer + 3 * week;
        let (a, b) = tokio::join!(
            kiezwerk::trees::reminders::send_due(&trees, later),
            kiezwerk::trees::reminders::send_due(&second_trees, later),
        );
        assert_eq!(a.expect("first server") + b.expect("second server"), 1, "sent once");
        let mails = reminder_mails(&app).await;
        assert_eq!(mails.len(), 2);
        assert_ne!(mails[1].3, mails[0].3, "every mail its own link");

        // One click from the older mail: no more reminders, from any server.
        let unsubscribed = app.send(one_click(&path)).await;
        assert_eq!(unsubscribed.status, StatusCode::OK, "{}", unsubscribed.text());
        assert_eq!(app.count("tree_reminders").await, 0);
        assert_eq!(send(later + 2 * week).await.expect("job"), 0, "none after unsubscribing");
        assert_eq!(app.send(one_click(&path)).await.status, StatusCode::NOT_FOUND, "the link is used up");
        assert!(gerda.get("/baeume/erinnerungen").await.text().contains("Sie bekommen keine Erinnerungen."));

        // In the browser: the link opens a page with a button that posts the same; a link we do
        // not know says so, and nothing about anybody is shown.
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("Keine Erinnerungen mehr"));
        let mut form = one_click(&path);
        form.headers_mut().insert("accept", "text/html,application/xhtml+xml".parse().expect("accept"));
        let answer = app.send(form).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert_eq!(answer.location(), "/baeume/erinnerungen/abgemeldet?gueltig=nein");
        assert!(app.get("/baeume/erinnerungen/abgemeldet?gueltig=nein").await.text().contains("Diesen Abmeldelink kennen wir nicht"));

        // Opting in again, and out on the page.
        gerda.submit(SetReminders::url(), &[("an", "ja")]).await;
        assert_eq!(app.count("tree_reminders").await, 1);
        let (_, page) = gerda.submit(SetReminders::url(), &[("an", "nein")]).await;
        assert!(page.text().contains("Erinnerungen abbestellt."));
        assert_eq!(app.count("tree_reminders").await, 0);
    }
}

/// Today in Berlin, by the app's clock.
fn today(app: &TestApp) -> jiff::civil::Date {
    jiff::Timestamp::from_millisecond(app.state.core.clock.now_ms())
        .expect("now")
        .to_zoned(kiezwerk::core::time::berlin())
        .date()
}

on_both_databases! {
    async fn the_last_weeks_rain_counts_against_the_need_and_old_rain_does_not(app) {
        with_demo_trees(&app).await;
        let tree = young_tree(&app).await;
        let card_path = format!("/baeume/berlin/baum/{tree}");
        let mut browser = app.browser();
        let card = browser.get(&card_path).await.text();
        assert!(card.contains("bis 29.03.2020) sind älter als eine Woche"), "the demo's March 2020 grid is too old to count");
        assert!(card.contains("hoch – noch 100 Liter diese Woche"));

        // A grid of the last 30 days with 30 mm over the tree: 7 of those days count, 7 litres.
        let (lat, lon): (f64, f64) = sqlx::query_as("select lat, lon from trees where id = $1")
            .bind(tree)
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("position");
        let square = |lat: f64, lon: f64, d: f64| vec![[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]];
        let cells = vec![rain::Cell { id: 1, ring: square(lat, lon, 0.004), rain_tenth_mm: 300 }];
        let end = today(&app);
        let start = end.checked_sub(jiff::Span::new().days(29)).expect("start");
        rain::import(&app.state.core.db, app.state.core.clock.now_ms(), app.municipality("berlin").0, &cells, (start, end), "test")
            .await
            .expect("rain");
        let card = browser.get(&card_path).await.text();
        assert!(card.contains("Regen in den letzten 7 Tagen"), "the rain is shown");
        assert!(card.contains("30,0 mm fielen laut Deutschem Wetterdienst"), "with its source and amount");
        assert!(card.contains("hoch – noch 93 Liter diese Woche"), "7 litres of rain count");
        let list = browser.get(&format!("/baeume/berlin?lat={lat}&lon={lon}")).await.text();
        assert!(list.contains("hoch – noch 93 Liter diese Woche"), "the list counts the rain too");

        // A tree outside the grid gets none, and says so.
        let far: i64 = sqlx::query_scalar(
            "select id from trees where retired_at is null and (lat > $1 or lat < $2) order by id limit 1",
        )
        .bind(lat + 0.05)
        .bind(lat - 0.05)
        .fetch_one(&app.state.core.db.pool)
        .await
        .expect("a tree far away");
        let far_card = browser.get(&format!("/baeume/berlin/baum/{far}")).await.text();
        assert!(far_card.contains("keine Regendaten"), "no cell, no rain");
    }
}

const GDK_HEADER: &str = "id;lng;lat;bezirk;baumart;gattung;strname;pflanzjahr;zeitpunkt_der_bewaesserung;bewaesserungsmenge_in_liter";

on_both_databases! {
    async fn gdk_waterings_go_to_the_tree_of_their_kind_nearby_unmatched_and_ambiguous_lines_are_named_and_a_reimport_adds_nothing(app) {
        with_demo_trees(&app).await;
        let db = &app.state.core.db;
        // Trees with no other of their species within about 10 m.
        let trees: Vec<(i64, f64, f64, String)> = sqlx::query_as(
            "select t.id, t.lat, t.lon, t.species_de from trees t where t.species_de <> '' and not exists ( \
             select 1 from trees o where o.municipality_id = t.municipality_id and o.id <> t.id \
             and o.species_de = t.species_de and o.lat between t.lat - 0.0001 and t.lat + 0.0001 \
             and o.lon between t.lon - 0.00015 and t.lon + 0.00015) order by t.id limit 3",
        )
        .fetch_all(&db.pool)
        .await
        .expect("trees");
        let [(a, a_lat, a_lon, a_species), (_, b_lat, b_lon, _), (c, c_lat, c_lon, c_species)] = &trees[..] else {
            panic!("three trees");
        };
        // A twin of C, of the same species at the same place: rows there are ambiguous.
        sqlx::query(
            "insert into trees (municipality_id, register_id, lat, lon, cell, species_de, species_bot, genus_de, genus, \
             street, house_number, place_name, street_key, place_key, district, owner, street_tree, fingerprint, updated_at) \
             select municipality_id, 'twin', lat, lon, cell, species_de, species_bot, genus_de, genus, street, house_number, \
             place_name, street_key, place_key, district, owner, street_tree, 0, updated_at from trees where id = $1",
        )
        .bind(c)
        .execute(&db.pool)
        .await
        .expect("twin");
        let row = |id: &str, lat: f64, lon: f64, species: &str, at: &str, litres: &str| {
            format!("{id};{lon};{lat};Pankow;{species};;Straße;2010;{at};{litres}")
        };
        let one_metre = 0.000_009;
        let file = [
            GDK_HEADER.to_owned(),
            row("_gdk1", a_lat + one_metre, *a_lon, a_species, "2021-03-18 09:51:34.437255+00", "60"),
            row("_gdk1", a_lat + one_metre, *a_lon, a_species, "2022-05-29T13:00:00.000Z", "80"),
            row("_gdk2", *b_lat, *b_lon, "Mammutbaum", "2022-05-29T13:00:00.000Z", "10"),
            row("_gdk3", a_lat + 0.01, *a_lon, a_species, "2022-05-29T13:00:00.000Z", "10"),
            row("_gdk4", *c_lat, *c_lon, c_species, "2022-06-01T08:00:00.000Z", "20"),
        ]
        .join("\n");
        let rows = gdk::parse(file.as_bytes(), Lang::De).expect("readable");
        let berlin = app.municipality("berlin").0;
        let now = app.state.core.clock.now_ms();
        let done = gdk::import(db, now, berlin, &rows, &mut |_, _| {}).await.expect("import");
        assert_eq!(done, GdkImported { added: 2, known: 0, unmatched: vec![4, 5], ambiguous: vec![6] });
        assert_eq!(
            done.report(Lang::De)[1],
            "Ohne Baum derselben Art im Umkreis von 5 m (Zeilen): 4, 5"
        );
        let card = app.browser().get(&format!("/baeume/berlin/baum/{a}")).await.text();
        assert!(card.contains("18.03.2021"), "the 2021 watering is on the tree's card");
        assert!(card.contains("<td class=\"kern-table__cell\">80</td>"), "and the 2022 one");

        let again = gdk::import(db, now, berlin, &rows, &mut |_, _| {}).await.expect("again");
        assert_eq!((again.added, again.known), (0, 2), "importing the same file again adds nothing");
        assert_eq!(app.count("tree_waterings").await, 2);

        let broken = format!("{GDK_HEADER}\n{}", row("_gdk9", *a_lat, *a_lon, a_species, "gestern", "10"));
        let errors = gdk::parse(broken.as_bytes(), Lang::De).expect_err("unreadable time");
        assert_eq!(errors, vec!["Zeile 2: der Zeitpunkt „gestern“ ist nicht lesbar".to_owned()]);
    }
}

/// The tile of `z` that holds `lat`/`lon`, by the slippy-map formula every web map uses.
pub fn tile_of(lat: f64, lon: f64, z: u8) -> (u32, u32) {
    let side = f64::from(1u32 << z);
    let x = (lon + 180.0) / 360.0 * side;
    let y = (1.0 - lat.to_radians().tan().asinh() / std::f64::consts::PI) / 2.0 * side;
    (x.floor() as u32, y.floor() as u32)
}

/// Where `lat`/`lon` lies in tile `x`/`y` of `z`, in whole units of a 4096-unit tile (as a
/// tile stores it).
fn in_tile(lat: f64, lon: f64, z: u8, (x, y): (u32, u32)) -> (f64, f64) {
    let side = f64::from(1u32 << z);
    let fx = (lon + 180.0) / 360.0 * side;
    let fy = (1.0 - lat.to_radians().tan().asinh() / std::f64::consts::PI) / 2.0 * side;
    (
        ((fx - f64::from(x)) * 4096.0).round(),
        ((fy - f64::from(y)) * 4096.0).round(),
    )
}

fn inside((x, y): (f64, f64)) -> bool {
    (0.0..4096.0).contains(&x) && (0.0..4096.0).contains(&y)
}

/// The features of layer `name` of a served tile, read by an independent reader; none without
/// that layer. Every layer has the extent 4096; a tile has no other layers than trees and pumps.
fn layer(body: &[u8], name: &str) -> Vec<mvt_reader::feature::Feature> {
    if body.is_empty() {
        return Vec::new();
    }
    let reader = mvt_reader::Reader::new(body.to_vec()).expect("a vector tile");
    let layers = reader.get_layer_metadata().expect("layers");
    assert!(
        layers
            .iter()
            .all(|l| l.extent == 4096 && ["trees", "pumps"].contains(&l.name.as_str())),
        "{layers:?}"
    );
    match layers.iter().position(|l| l.name == name) {
        Some(index) => reader.get_features(index).expect("features"),
        None => Vec::new(),
    }
}

/// A served tile, decoded by an independent reader: (id, x, y, n) of every point of layer
/// `trees`, n 0 where the point is one tree.
fn decoded(body: &[u8]) -> Vec<(Option<u64>, f32, f32, u64)> {
    if body.is_empty() {
        return Vec::new();
    }
    layer(body, "trees")
        .into_iter()
        .map(|f| {
            // This reader gives every point as a multipoint.
            let point = match &f.geometry {
                geo::Geometry::Point(point) => *point,
                geo::Geometry::MultiPoint(points) if points.0.len() == 1 => points.0[0],
                other => panic!("not one point: {other:?}"),
            };
            let n = match f.properties.as_ref().and_then(|p| p.get("n")) {
                Some(mvt_reader::feature::Value::UInt(n)) => *n,
                None => 0,
                Some(other) => panic!("n is {other:?}"),
            };
            (f.id, point.x(), point.y(), n)
        })
        .collect()
}

/// Every live Berlin tree: (id, lat, lon).
async fn berlin_trees(app: &TestApp) -> Vec<(i64, f64, f64)> {
    sqlx::query_as(
        "select id, lat, lon from trees where municipality_id = $1 and retired_at is null",
    )
    .bind(app.municipality("berlin").0)
    .fetch_all(&app.state.core.db.pool)
    .await
    .expect("trees")
}

on_both_databases! {
    async fn map_tiles_hold_every_tree_near_by_id_and_place_and_thinned_counts_farther_out(app) {
        with_demo_trees(&app).await;
        let trees = berlin_trees(&app).await;
        // The sample's first tree, in Pankow.
        let (lat, lon) = (52.576_288_237_803_12, 13.390_290_679_409_159);

        let z16 = tile_of(lat, lon, 16);
        let response = app.get(&format!("/baeume/berlin/kacheln/16/{}/{}.mvt", z16.0, z16.1)).await;
        assert_eq!(response.status, StatusCode::OK);
        assert_eq!(response.header("content-type"), "application/vnd.mapbox-vector-tile");
        assert_eq!(response.header("cache-control"), "public, max-age=300");
        let points = decoded(&response.body);
        let expected: std::collections::BTreeMap<i64, (f64, f64)> = trees
            .iter()
            .map(|&(id, lat, lon)| (id, in_tile(lat, lon, 16, z16)))
            .filter(|(_, at)| inside(*at))
            .collect();
        assert!(!expected.is_empty());
        for (id, at) in &expected {
            let point = points
                .iter()
                .find(|p| p.0 == Some(u64::try_from(*id).expect("id")))
                .unwrap_or_else(|| panic!("tree {id} is in its z16 tile"));
            assert!(
                (f64::from(point.1), f64::from(point.2)) == *at,
                "tree {id} stands where the register puts it: {point:?} / {at:?}"
            );
            assert_eq!(point.3, 0, "a single tree carries no count");
        }
        let served_inside = points.iter().filter(|p| inside((f64::from(p.1), f64::from(p.2)))).count();
        assert_eq!(served_inside, expected.len(), "no other tree inside the tile");
        assert!(
            points.iter().all(|p| (-256.0..4352.0).contains(&p.1) && (-256.0..4352.0).contains(&p.2)),
            "beyond the tile only a margin of 16 pixels"
        );

        // Zoom 13: one point per 4 pixels, standing for as many trees as lie in its square.
        let z13 = tile_of(lat, lon, 13);
        let points = decoded(&app.get(&format!("/baeume/berlin/kacheln/13/{}/{}.mvt", z13.0, z13.1)).await.body);
        let in_z13 = trees.iter().filter(|&&(_, lat, lon)| inside(in_tile(lat, lon, 13, z13))).count();
        let counted: u64 = points.iter().filter(|p| inside((f64::from(p.1), f64::from(p.2)))).map(|p| p.3.max(1)).sum();
        assert_eq!(counted, u64::try_from(in_z13).expect("count"));
        assert!(points.len() < in_z13, "thinned: {} points for {in_z13} trees", points.len());
        assert!(
            points.iter().all(|p| (p.0.is_some() && p.3 == 0) || (p.0.is_none() && p.3 >= 2)),
            "a tree alone keeps its id (it opens its card), a counted point has none"
        );

        // Zoom 10: the tiles over Berlin count all its 5,000 trees, each once.
        let (west, north) = tile_of(52.68, 13.08, 10);
        let (east, south) = tile_of(52.33, 13.77, 10);
        let mut total = 0;
        for x in west..=east {
            for y in north..=south {
                let body = app.get(&format!("/baeume/berlin/kacheln/10/{x}/{y}.mvt")).await.body;
                total += decoded(&body).iter().filter(|p| inside((f64::from(p.1), f64::from(p.2)))).map(|p| p.3.max(1)).sum::<u64>();
            }
        }
        assert_eq!(total, 5000);
        // Farther out than zoom 10 the city is not drawn tree by tree.
        let (x9, y9) = tile_of(lat, lon, 9);
        let far = app.get(&format!("/baeume/berlin/kacheln/9/{x9}/{y9}.mvt")).await;
        assert_eq!((far.status, far.body.len()), (StatusCode::OK, 0));
    }
}

on_both_databases! {
    async fn a_current_tile_is_answered_304_and_a_changed_register_gives_every_tile_a_new_tag(app) {
        with_demo_trees(&app).await;
        let first_key = sample_lines()[0].split(',').next().expect("id");
        let first = tree_id(&app, first_key).await;
        let (x, y) = tile_of(52.576_288_237_803_12, 13.390_290_679_409_159, 16);
        let path = format!("/baeume/berlin/kacheln/16/{x}/{y}.mvt");
        let with_tag = |tag: &str| {
            axum::http::Request::get(path.as_str())
                .header("if-none-match", tag)
                .body(axum::body::Body::empty())
                .expect("request")
        };
        let served = app.get(&path).await;
        let etag = served.header("etag");
        assert!(etag.starts_with("W/\""), "{etag}");
        let kept = app.get(&path).await;
        assert_eq!((kept.header("etag"), &kept.body), (etag.clone(), &served.body), "the kept tile is the tile");
        let again = app.send(with_tag(&etag)).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), etag);
        let listed = app.send(with_tag(&format!("\"other\", {}", etag.trim_start_matches("W/")))).await;
        assert_eq!(listed.status, StatusCode::NOT_MODIFIED, "one of several tags, compared weakly");
        assert_eq!(app.send(with_tag("\"other\"")).await.status, StatusCode::OK);

        // The next register lacks the first tree: the tile's tag changes and the tree is gone.
        let mut next = vec![header()];
        next.extend(sample_lines().into_iter().skip(1));
        let done = import(&app, &next.join("\n")).await;
        assert_eq!(done.retired, 1);
        let changed = app.send(with_tag(&etag)).await;
        assert_eq!(changed.status, StatusCode::OK, "the old copy is stale");
        assert_ne!(changed.header("etag"), etag);
        let ids: Vec<_> = decoded(&changed.body).into_iter().filter_map(|p| p.0).collect();
        assert!(!ids.is_empty());
        assert!(!ids.contains(&u64::try_from(first).expect("id")), "the retired tree is off the map");
    }
}

on_both_databases! {
    async fn a_tile_shows_only_its_own_municipalitys_trees_and_is_empty_beyond_them(app) {
        with_demo_trees(&app).await;
        let (x, y) = tile_of(52.576_288_237_803_12, 13.390_290_679_409_159, 16);
        let berlin = app.get(&format!("/baeume/berlin/kacheln/16/{x}/{y}.mvt")).await;
        assert!(!decoded(&berlin.body).is_empty());
        // Potsdam has no register: its tile of the same place is empty.
        let potsdam = app.get(&format!("/baeume/potsdam/kacheln/16/{x}/{y}.mvt")).await;
        assert_eq!((potsdam.status, potsdam.body.len()), (StatusCode::OK, 0));
        assert!(potsdam.header("etag").is_empty());
        // Berlin's tile of a place in Munich is empty too.
        let (mx, my) = tile_of(48.137, 11.575, 16);
        let munich = app.get(&format!("/baeume/berlin/kacheln/16/{mx}/{my}.mvt")).await;
        assert_eq!((munich.status, munich.body.len()), (StatusCode::OK, 0));
        for path in [
            format!("/baeume/nirgendwo/kacheln/16/{x}/{y}.mvt"),
            "/baeume/berlin/kacheln/16/65536/0.mvt".to_owned(),
            "/baeume/berlin/kacheln/23/0/0.mvt".to_owned(),
            "/baeume/berlin/kacheln/16/1/x.mvt".to_owned(),
        ] {
            assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
    }
}

on_both_databases! {
    async fn the_map_page_opens_on_the_municipality_and_points_to_the_list(app) {
        with_demo_trees(&app).await;
        let page = app.get("/baeume/berlin/karte").await;
        assert_eq!(page.status, StatusCode::OK);
        let page = page.text();
        assert!(page.contains("Baumkarte Berlin"));
        assert!(page.contains("data-tiles=\"/baeume/berlin/kacheln/{z}/{x}/{y}.mvt\""));
        assert!(page.contains("data-tree=\"/baeume/berlin/baum/{id}\""));
        assert!(page.contains("href=\"/baeume/berlin\""), "the list, for those without the map");
        assert!(page.contains("5.000 Bäume"));
        let nearby = app.get("/baeume/berlin").await.text();
        assert!(nearby.contains("href=\"/baeume/berlin/karte\""), "the list links the map");
        let potsdam = app.get("/baeume/potsdam/karte").await.text();
        assert!(potsdam.contains("Für Potsdam gibt es in Kiezwerk noch kein Baumkataster."));
        assert!(!potsdam.contains("data-tree-map"));
        assert_eq!(app.get("/baeume/nirgendwo/karte").await.status, StatusCode::NOT_FOUND);
    }
}

/// The water need (`w`) of every point of a served tile, by id.
fn needs(body: &[u8]) -> std::collections::BTreeMap<u64, u64> {
    if body.is_empty() {
        return Default::default();
    }
    layer(body, "trees")
        .into_iter()
        .filter_map(|f| match f.properties.as_ref().and_then(|p| p.get("w")) {
            Some(mvt_reader::feature::Value::UInt(w)) => Some((f.id?, *w)),
            _ => None,
        })
        .collect()
}

/// A tree's place.
async fn place_of(app: &TestApp, tree: i64) -> (f64, f64) {
    sqlx::query_as("select lat, lon from trees where id = $1")
        .bind(tree)
        .fetch_one(&app.state.core.db.pool)
        .await
        .expect("tree")
}

on_both_databases! {
    async fn an_adoption_or_a_watering_is_in_the_maps_overlay_at_its_next_poll_and_no_tile_changes(app) {
        with_demo_trees(&app).await;
        let tree = young_tree(&app).await;
        let (lat, lon) = place_of(&app, tree).await;
        let (x, y) = tile_of(lat, lon, 15);
        let overlay_path = format!("/baeume/berlin/pflege/15/{x}/{y}");
        let (tx, ty) = tile_of(lat, lon, 16);
        let tile_path = format!("/baeume/berlin/kacheln/16/{tx}/{ty}.mvt");
        let with_tag = |path: &str, tag: &str| {
            axum::http::Request::get(path)
                .header("if-none-match", tag)
                .body(axum::body::Body::empty())
                .expect("request")
        };

        // Before anyone cares for it: the tile says the young tree is thirsty, the overlay is
        // empty and, asked again with its tag, unchanged.
        let tile = app.get(&tile_path).await;
        let tile_tag = tile.header("etag");
        let id = u64::try_from(tree).expect("id");
        assert_eq!(needs(&tile.body).get(&id), Some(&3), "young, unwatered, no rain: high");
        let empty = app.get(&overlay_path).await;
        assert_eq!(empty.status, StatusCode::OK);
        assert_eq!(empty.header("content-type"), "application/json");
        assert_eq!(empty.header("cache-control"), "public, no-cache");
        assert_eq!(empty.json()["trees"], serde_json::json!([]));
        let first_tag = empty.header("etag");
        assert_eq!(app.send(with_tag(&overlay_path, &first_tag)).await.status, StatusCode::NOT_MODIFIED);
        // What the map asks for every two seconds: the version, never cached.
        let stand = app.get("/baeume/berlin/pflege/stand").await;
        assert_eq!(stand.header("cache-control"), "no-store");
        let first_version = stand.json()["version"].as_str().expect("version").to_owned();
        assert!(!first_version.is_empty());
        assert_eq!(app.get("/baeume/berlin/pflege/stand").await.json()["version"], first_version.as_str());

        let tree_field = tree.to_string();
        let mut citizen = citizen_browser(&app).await;
        citizen
            .post(AdoptTree::url(), &[("slug", "berlin"), ("baum", &tree_field), ("aktion", "adoptieren")])
            .await;
        let adopted = app.send(with_tag(&overlay_path, &first_tag)).await;
        assert_eq!(adopted.status, StatusCode::OK, "the old copy is stale at once");
        assert_eq!(
            adopted.json()["trees"],
            serde_json::json!([{ "id": tree, "adopters": 1, "watered": false, "need": 3 }])
        );
        let adopted_tag = adopted.header("etag");
        assert_ne!(adopted_tag, first_tag);
        assert_ne!(app.get("/baeume/berlin/pflege/stand").await.json()["version"], first_version.as_str());

        citizen
            .post(WaterTree::url(), &[("slug", "berlin"), ("baum", &tree_field), ("liter", "60"), ("zeitpunkt", "")])
            .await;
        let watered = app.send(with_tag(&overlay_path, &adopted_tag)).await;
        assert_eq!(
            watered.json()["trees"],
            serde_json::json!([{ "id": tree, "adopters": 1, "watered": true, "need": 2 }]),
            "60 of 100 litres: 40 missing, medium"
        );
        // The city's tiles are not touched by it.
        assert_eq!(app.send(with_tag(&tile_path, &tile_tag)).await.status, StatusCode::NOT_MODIFIED);

        // The account goes: its adoption with it, its watering stays (belonging to nobody).
        let watered_tag = watered.header("etag");
        let (next, _) = citizen.submit("/api/konto/loeschen", &[("bestaetigt", "ja")]).await;
        assert_eq!(next, "/?hinweis=konto-geloescht");
        let forgotten = app.send(with_tag(&overlay_path, &watered_tag)).await;
        assert_eq!(forgotten.status, StatusCode::OK);
        assert_eq!(
            forgotten.json()["trees"],
            serde_json::json!([{ "id": tree, "adopters": 0, "watered": true, "need": 2 }])
        );

        // Only Berlin's trees, only close up, only known municipalities.
        let potsdam = app.get(&format!("/baeume/potsdam/pflege/15/{x}/{y}")).await;
        assert_eq!((potsdam.status, potsdam.json()["trees"].clone()), (StatusCode::OK, serde_json::json!([])));
        let (x14, y14) = tile_of(lat, lon, 14);
        assert_eq!(app.get("/baeume/potsdam/pflege/stand").await.json()["version"], "");
        for path in [
            format!("/baeume/berlin/pflege/14/{x14}/{y14}"),
            format!("/baeume/nirgendwo/pflege/15/{x}/{y}"),
            "/baeume/nirgendwo/pflege/stand".to_owned(),
        ] {
            assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
    }
}

on_both_databases! {
    async fn adopting_and_watering_are_rate_limited_per_client(app) {
        with_demo_trees(&app).await;
        let tree_field = young_tree(&app).await.to_string();
        let mut citizen = citizen_browser(&app).await;
        let fields = [("slug", "berlin"), ("baum", tree_field.as_str()), ("aktion", "adoptieren")];
        for n in 0..kiezwerk::trees::CARE_PER_MINUTE {
            let response = citizen.post(AdoptTree::url(), &fields).await;
            assert!(response.status.is_redirection(), "change {n} is let through: {}", response.status);
        }
        let refused = citizen
            .post(WaterTree::url(), &[("slug", "berlin"), ("baum", &tree_field), ("liter", "10"), ("zeitpunkt", "")])
            .await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(!refused.header("retry-after").is_empty());
        assert_eq!(app.count("tree_waterings").await, 0, "the refused watering is not logged");
    }
}

on_both_databases! {
    async fn adopters_are_counted_and_named_only_when_they_choose_to_be(app) {
        with_demo_trees(&app).await;
        let tree = young_tree(&app).await;
        let tree_field = tree.to_string();
        let card_path = format!("/baeume/berlin/baum/{tree}");
        let (mut shown, _) = crate::helpers::account_browser(&app, "Gießerin Anna").await;
        let (mut counted, bert) = crate::helpers::account_browser(&app, "Gießer Bert").await;
        let (_, page) = shown
            .submit(AdoptTree::url(), &[("slug", "berlin"), ("baum", &tree_field), ("aktion", "adoptieren"), ("name", "zeigen")])
            .await;
        assert!(page.text().contains("Ihr Anzeigename steht auf dieser Seite."));
        counted
            .submit(AdoptTree::url(), &[("slug", "berlin"), ("baum", &tree_field), ("aktion", "adoptieren")])
            .await;
        let public = app.get(&card_path).await.text();
        assert!(public.contains("Dieser Baum hat 2 Paten."));
        assert!(public.contains("Paten, die ihren Namen zeigen: Gießerin Anna"));
        assert!(!public.contains("Gießer Bert"), "an adopter who did not choose is only counted");
        let export = shown.get("/konto/daten.json").await.json();
        assert_eq!(export["street_trees"]["adoptions"][0]["name_shown_on_tree"], true);

        // Changed her mind: counted, no longer named.
        let (_, page) = shown
            .submit(AdoptTree::url(), &[("slug", "berlin"), ("baum", &tree_field), ("aktion", "name-verbergen")])
            .await;
        assert!(page.text().contains("Ihr Anzeigename steht nicht mehr auf der Seite des Baums."));
        let public = app.get(&card_path).await.text();
        assert!(public.contains("Dieser Baum hat 2 Paten."));
        assert!(!public.contains("Gießerin Anna") && !public.contains("die ihren Namen zeigen"));
        // Showing one's name on a tree one has not adopted changes nothing.
        let (mut stranger, _) = crate::helpers::account_browser(&app, "Fremde Frieda").await;
        stranger
            .post(AdoptTree::url(), &[("slug", "berlin"), ("baum", &tree_field), ("aktion", "name-zeigen")])
            .await;
        assert!(!app.get(&card_path).await.text().contains("Fremde Frieda"));
        assert_eq!(app.count("tree_adoptions").await, 2);

        // A disabled account's name is not shown, whatever it chose.
        counted
            .post(AdoptTree::url(), &[("slug", "berlin"), ("baum", &tree_field), ("aktion", "name-zeigen")])
            .await;
        assert!(app.get(&card_path).await.text().contains("Paten, die ihren Namen zeigen: Gießer Bert"));
        sqlx::query("update accounts set disabled_at = 1 where id = $1")
            .bind(bert)
            .execute(&app.state.core.db.pool)
            .await
            .expect("disabled");
        assert!(!app.get(&card_path).await.text().contains("Gießer Bert"));
    }
}

on_both_databases! {
    async fn a_staff_role_gives_no_right_to_a_citizens_watering(app) {
        with_demo_trees(&app).await;
        let tree = young_tree(&app).await.to_string();
        let mut citizen = citizen_browser(&app).await;
        citizen
            .post(WaterTree::url(), &[("slug", "berlin"), ("baum", &tree), ("liter", "40"), ("zeitpunkt", "")])
            .await;
        let watering: i64 = sqlx::query_scalar("select id from tree_waterings")
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("watering");
        let field = watering.to_string();
        use kiezwerk_app::model::Role;
        let berlin = app.municipality("berlin");
        for role in [Role::MunicipalAdmin, Role::Dispatcher, Role::PlatformAdmin] {
            let mut staff = crate::helpers::staff_browser(&app, role, berlin, None).await;
            assert_eq!(
                staff.get(&format!("/baeume/berlin/giessen/{watering}")).await.status,
                StatusCode::NOT_FOUND,
                "{role:?} does not reach it"
            );
            staff.post(EditWatering::url(), &[("slug", "berlin"), ("giessung", &field), ("liter", "1"), ("zeitpunkt", "")]).await;
            staff.post(DeleteWatering::url(), &[("slug", "berlin"), ("giessung", &field)]).await;
        }
        let litres: i64 = sqlx::query_scalar("select litres from tree_waterings where id = $1")
            .bind(watering)
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("still there");
        assert_eq!(litres, 40, "neither changed nor deleted");
    }
}

on_both_databases! {
    async fn the_account_page_lists_my_trees_with_their_need_and_nobody_elses(app) {
        with_demo_trees(&app).await;
        let tree = young_tree(&app).await;
        let tree_field = tree.to_string();
        let mut citizen = citizen_browser(&app).await;
        let before = citizen.get("/konto").await.text();
        assert!(!before.contains("Meine Bäume"), "no section without adoptions");
        citizen
            .post(AdoptTree::url(), &[("slug", "berlin"), ("baum", &tree_field), ("aktion", "adoptieren")])
            .await;
        citizen
            .post(WaterTree::url(), &[("slug", "berlin"), ("baum", &tree_field), ("liter", "50"), ("zeitpunkt", "")])
            .await;
        let page = citizen.get("/konto").await.text();
        assert!(page.contains("id=\"section-0-title\" class=\"kern-heading-medium\">Meine Bäume</h2>"));
        assert!(page.contains(&format!("href=\"/baeume/berlin/baum/{tree}\"")));
        assert!(page.contains("Wasserbedarf: mittel – noch 50 Liter diese Woche"));
        assert!(page.contains("href=\"/baeume/berlin/meine\""));
        let other = citizen_browser(&app).await.get("/konto").await.text();
        assert!(!other.contains(&format!("/baeume/berlin/baum/{tree}")));
    }
}
