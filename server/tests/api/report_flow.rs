//! The citizen's report flow through the real router, as a browser without JavaScript uses it.

use crate::helpers::Browser;
use crate::on_both_databases;
use axum::http::StatusCode;

const PHOTO: &[u8] = include_bytes!("../fixtures/rotated-gps.jpg");
const BOMB: &[u8] = include_bytes!("../fixtures/bomb.png");

/// Category, extra questions and place for illegal dumping in Pankow.
pub async fn start_dumping_report_in_pankow(browser: &mut Browser<'_>) {
    let (next, _) = browser
        .submit("/api/melden/kategorie", &[("category", "illegal-dumping")])
        .await;
    assert_eq!(next, "/melden/angaben");
    let (next, _) = browser
        .submit(
            "/api/melden/angaben",
            &[
                ("antworten[waste_kind]", "bulky"),
                ("antworten[amount]", "medium"),
            ],
        )
        .await;
    assert_eq!(next, "/melden/ort");
    let (next, _) = browser
        .submit(
            "/api/melden/ort/punkt",
            &[("lat", "52.5413"), ("lon", "13.4124")],
        )
        .await;
    assert_eq!(next, "/melden/fotos");
}

on_both_databases! {
    /// The first real journey: a report of illegal dumping in Pankow, with photo, to the Ordnungsamt.
    async fn a_citizen_reports_dumping_in_pankow_with_a_photo_and_gets_a_reference_and_status_page(app) {
        let mut browser = app.browser();
        let page = browser.get("/melden/kategorie").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("Was möchten Sie melden?"));
        assert!(page.text().contains("Illegale Müllablagerung"));

        start_dumping_report_in_pankow(&mut browser).await;
        assert!(browser.cookies.contains_key("kw_draft"), "the draft lives in a cookie");

        let uploaded = browser.upload(&[("sperrmuell.jpg", "image/jpeg", PHOTO)]).await;
        assert_eq!(uploaded.redirect(), "/melden/fotos");
        let photos = browser.get("/melden/fotos").await.text();
        assert!(photos.contains("/melden/fotos/"), "the photo is listed: {photos}");
        assert!(!photos.contains("enthält einen Aufnahmeort"), "no offer of the place already chosen");

        let (next, _) = browser
            .submit("/api/melden/beschreibung", &[("beschreibung", "Sofa und Matratzen am Straßenrand")])
            .await;
        assert_eq!(next, "/melden/kontakt");
        let (next, check) = browser.submit("/api/melden/kontakt", &[("email", "anna@example.de")]).await;
        assert_eq!(next, "/melden/pruefen");
        let check = check.text();
        assert!(check.contains("Ordnungsamt Pankow"), "the summary names who will receive it");
        assert!(check.contains("Sperrmüll") || check.contains("Möbel oder Sperrmüll"));

        let confirmation = browser.post("/api/melden/absenden", &[]).await.redirect();
        assert!(confirmation.starts_with("/melden/bestaetigung?meldung=BER-"), "{confirmation}");
        let page = browser.get(&confirmation).await.text();
        let reference = confirmation
            .split("meldung=")
            .nth(1)
            .and_then(|s| s.split('&').next())
            .expect("reference")
            .to_owned();
        assert!(reference.ends_with("-000001"), "{reference}");
        assert!(page.contains(&reference));
        assert!(page.contains("Ordnungsamt Pankow"));

        let public = app.get(&format!("/meldungen/{reference}")).await;
        assert_eq!(public.status, StatusCode::OK);
        let public = public.text();
        assert!(public.contains("Illegale Müllablagerung"));
        assert!(public.contains("Pankow"));
        assert!(public.contains("Weitergeleitet an Ordnungsamt Pankow"));
        assert!(public.contains("Regel: Themenbereich „Sauberkeit“ im Gebiet Pankow"), "routing is explained");
        assert!(!public.contains("Sofa und Matratzen"), "the description is not public");
        assert!(!public.contains("anna@example.de"), "the e-mail address is not public");

        let access = confirmation.split("zugang=").nth(1).expect("access token");
        let private = app.get(&format!("/meldungen/{reference}?zugang={access}")).await.text();
        assert!(private.contains("Sofa und Matratzen"));
        assert!(private.contains("anna@example.de"));
        assert!(private.contains("Möbel oder Sperrmüll"));

        let photo = app.get(&format!("/meldungen/{reference}/fotos/1")).await;
        assert_eq!(photo.status, StatusCode::OK);
        assert_eq!(photo.header("content-type"), "image/jpeg");
        assert!(!photo.body.windows(4).any(|w| w == b"Exif"), "served photos carry no metadata");
        assert_eq!(app.count("reports").await, 1);
        assert_eq!(app.count("report_photos").await, 1);
    }
}

on_both_databases! {
    async fn missing_and_invalid_answers_show_errors_and_keep_what_was_typed(app) {
        let mut browser = app.browser();
        let (next, page) = browser.submit("/api/melden/kategorie", &[]).await;
        assert_eq!(next, "/melden/kategorie");
        let page = page.text();
        assert!(page.contains("<title>Fehler: Was möchten Sie melden?"), "title starts with Fehler:");
        assert!(page.contains("Es gibt ein Problem"));
        assert!(page.contains("href=\"#category\""), "the summary links to the field");
        assert!(page.contains("Wählen Sie aus, was Sie melden möchten"));

        let (next, _) = browser.submit("/api/melden/kategorie", &[("category", "unicorns")]).await;
        assert_eq!(next, "/melden/kategorie");

        browser.submit("/api/melden/kategorie", &[("category", "pothole")]).await;
        let (next, page) = browser.submit("/api/melden/ort/punkt", &[("lat", "53.55"), ("lon", "9.99")]).await;
        assert_eq!(next, "/melden/ort");
        let page = page.text();
        assert!(page.contains("außerhalb der Gemeinden, die Kiezwerk betreut (Berlin, Potsdam)"), "{page}");
        assert!(page.contains("value=\"53.55\""), "the typed latitude is kept");

        let (_, page) = browser.submit("/api/melden/ort/punkt", &[("lat", "Pankow"), ("lon", "")]).await;
        assert!(page.text().contains("Dezimalzahlen"));

        let (_, page) = browser.submit("/api/melden/ort/beschreibung", &[("gebiet", ""), ("adresse", "")]).await;
        let page = page.text();
        assert!(page.contains("Wählen Sie den Bezirk oder die Gemeinde aus"));
        assert!(page.contains("Geben Sie eine Adresse oder Ortsbeschreibung ein"));

        let (next, _) = browser.submit("/api/melden/ort/punkt", &[("lat", "52.5413"), ("lon", "13.4124")]).await;
        assert_eq!(next, "/melden/fotos");
        let long = "x".repeat(4001);
        let (next, page) = browser.submit("/api/melden/beschreibung", &[("beschreibung", &long)]).await;
        assert_eq!(next, "/melden/beschreibung");
        assert!(page.text().contains("höchstens 4000 Zeichen"));
        assert!(page.text().contains(&long), "the typed text is kept");

        browser.submit("/api/melden/beschreibung", &[("beschreibung", "Tiefes Loch")]).await;
        let (next, page) = browser.submit("/api/melden/kontakt", &[("email", "anna@")]).await;
        assert_eq!(next, "/melden/kontakt");
        assert!(page.text().contains("E-Mail-Adresse im richtigen Format"));
        assert_eq!(app.count("reports").await, 0, "nothing was submitted");
    }
}

on_both_databases! {
    async fn a_category_the_municipality_does_not_offer_is_refused_with_its_name(app) {
        let mut browser = app.browser();
        browser.submit("/api/melden/kategorie", &[("category", "traffic-light")]).await;
        browser.submit("/api/melden/angaben", &[("antworten[defect]", "dark")]).await;
        // Alter Markt, Potsdam: Potsdam runs its traffic lights without Kiezwerk.
        let (next, page) = browser.submit("/api/melden/ort/punkt", &[("lat", "52.3955"), ("lon", "13.0590")]).await;
        assert_eq!(next, "/melden/ort");
        assert!(page.text().contains("„Ampel defekt“ kann in Potsdam nicht über Kiezwerk gemeldet werden"));
    }
}

on_both_databases! {
    async fn errors_are_in_english_for_citizens_who_chose_english(app) {
        let mut browser = app.browser();
        let switched = browser.post("/api/sprache", &[("lang", "en"), ("next", "/melden/kategorie")]).await;
        assert_eq!(switched.redirect(), "/melden/kategorie");
        assert_eq!(browser.cookies.get("kw_lang").map(String::as_str), Some("en"));
        let page = browser.get("/melden/kategorie").await.text();
        assert!(page.contains("<html lang=\"en\""));
        assert!(page.contains("What would you like to report?"));
        let (_, page) = browser.submit("/api/melden/kategorie", &[]).await;
        assert!(page.text().contains("<title>Error: What would you like to report?"));
        assert!(page.text().contains("Select what you would like to report"));
    }
}

on_both_databases! {
    async fn a_described_place_is_routed_by_the_chosen_district(app) {
        let mut browser = app.browser();
        browser.submit("/api/melden/kategorie", &[("category", "pothole")]).await;
        let (next, _) = browser
            .submit(
                "/api/melden/ort/beschreibung",
                &[("gebiet", "berlin/neukoelln"), ("adresse", "Sonnenallee 100, Fahrbahnmitte")],
            )
            .await;
        assert_eq!(next, "/melden/fotos");
        browser.submit("/api/melden/beschreibung", &[("beschreibung", "Tiefes Schlagloch")]).await;
        let (_, check) = browser.submit("/api/melden/kontakt", &[("email", "")]).await;
        assert!(check.text().contains("Straßen- und Grünflächenamt Neukölln"));
        let done = browser.post("/api/melden/absenden", &[]).await.redirect();
        let reference = done.split("meldung=").nth(1).and_then(|s| s.split('&').next()).expect("reference");
        let status = app.get(&format!("/meldungen/{reference}")).await.text();
        assert!(status.contains("Das Gebiet Neukölln wurde bei der Meldung angegeben."));
    }
}

on_both_databases! {
    async fn sending_twice_shows_the_same_confirmation_and_stores_one_report(app) {
        let mut browser = app.browser();
        start_dumping_report_in_pankow(&mut browser).await;
        browser.submit("/api/melden/beschreibung", &[("beschreibung", "Müll")]).await;
        browser.submit("/api/melden/kontakt", &[("email", "")]).await;
        let first = browser.post("/api/melden/absenden", &[]).await.redirect();
        let second = browser.post("/api/melden/absenden", &[]).await.redirect();
        assert_eq!(first, second);
        assert_eq!(app.count("reports").await, 1);
        // The flow starts afresh afterwards.
        let (next, _) = browser.submit("/api/melden/kategorie", &[("category", "graffiti")]).await;
        assert_eq!(next, "/melden/angaben");
        assert_eq!(app.count("drafts").await, 2);
    }
}

on_both_databases! {
    async fn each_extra_question_has_its_own_page_and_a_missing_answer_keeps_the_others(app) {
        let mut browser = app.browser();
        browser.submit("/api/melden/kategorie", &[("category", "illegal-dumping")]).await;
        // Which question a page asks: its heading, and the only answer field of its form.
        let asks = |page: &str, label: &str, code: &str| {
            let own = page.matches(&format!("name=\"antworten[{code}]\"")).count();
            page.contains(&format!("<h1 class=\"kern-heading-large\">{label}"))
                && own > 0
                && page.matches("name=\"antworten[").count() == own
        };
        let page = browser.get("/melden/angaben").await.text();
        assert!(asks(&page, "Was für Abfall ist es?", "waste_kind"), "{page}");
        let (next, _) = browser
            .submit("/api/melden/angaben", &[("frage", "waste_kind"), ("antworten[waste_kind]", "bulky")])
            .await;
        assert_eq!(next, "/melden/angaben?frage=amount");
        let page = browser.get(&next).await.text();
        assert!(asks(&page, "Wie viel ist es ungefähr?", "amount"), "{page}");
        assert!(page.contains("Frage 2 von 2"));
        assert!(page.contains("href=\"/melden/angaben?frage=waste_kind\" class=\"kern-link back-link\""), "back to the first question");
        let change = browser.get("/melden/angaben?frage=amount&zurueck=pruefen").await.text();
        assert!(change.contains("href=\"/melden/pruefen\" class=\"kern-link back-link\""), "from a change link back to the summary");

        // Nothing chosen: the same question again, with the error; the first answer stays.
        let (next, page) = browser.submit("/api/melden/angaben", &[("frage", "amount")]).await;
        assert_eq!(next, "/melden/angaben?frage=amount");
        let page = page.text();
        assert!(page.contains("<title>Fehler: Wie viel ist es ungefähr?"), "{page}");
        assert!(page.contains("href=\"#answer-amount\""), "the summary links to the field");
        // Skipping ahead sends the citizen to the unanswered question, not the first one.
        assert_eq!(browser.get("/melden/ort").await.redirect(), "/melden/angaben");
        let page = browser.get("/melden/angaben").await.text();
        assert!(asks(&page, "Wie viel ist es ungefähr?", "amount"), "{page}");

        let (next, _) = browser
            .submit("/api/melden/angaben", &[("frage", "amount"), ("antworten[amount]", "large")])
            .await;
        assert_eq!(next, "/melden/ort");
        let page = browser.get("/melden/angaben?frage=waste_kind").await.text();
        let bulky = page.split("value=\"bulky\"").nth(1).unwrap_or_default();
        assert!(bulky.trim_start().starts_with("checked"), "the first answer was kept: {page}");
    }
}

on_both_databases! {
    async fn skipping_ahead_leads_back_to_the_first_unanswered_question(app) {
        let mut browser = app.browser();
        let page = browser.get("/melden/pruefen").await;
        assert_eq!(page.redirect(), "/melden/kategorie");
        browser.submit("/api/melden/kategorie", &[("category", "pothole")]).await;
        assert_eq!(browser.get("/melden/pruefen").await.redirect(), "/melden/ort");
        assert_eq!(browser.get("/melden/angaben").await.redirect(), "/melden/ort", "pothole asks no extra questions");
        let submit = browser.post("/api/melden/absenden", &[]).await.redirect();
        assert_eq!(submit, "/melden/pruefen");
        assert_eq!(app.count("reports").await, 0);
    }
}

on_both_databases! {
    async fn uploads_that_are_not_usable_photos_are_refused_with_a_message(app) {
        let mut browser = app.browser();
        start_dumping_report_in_pankow(&mut browser).await;
        browser.upload(&[("notes.txt", "text/plain", b"not a photo")]).await;
        let page = browser.get("/melden/fotos").await.text();
        assert!(page.contains("Die Datei „notes.txt“ ist kein Foto im Format JPEG, PNG oder WebP"), "{page}");
        browser.upload(&[("bomb.png", "image/png", BOMB)]).await;
        assert!(browser.get("/melden/fotos").await.text().contains("zu viele Bildpunkte"));
        // A JPEG cut off after its header, and a file over the 15 MB limit.
        browser.upload(&[("cut.jpg", "image/jpeg", &PHOTO[..PHOTO.len() / 2])]).await;
        let page = browser.get("/melden/fotos").await.text();
        assert!(page.contains("Die Datei „cut.jpg“ ist beschädigt und kann nicht gelesen werden"), "{page}");
        let mut huge = PHOTO.to_vec();
        huge.resize(16 * 1024 * 1024, 0);
        browser.upload(&[("huge.jpg", "image/jpeg", &huge)]).await;
        let page = browser.get("/melden/fotos").await.text();
        assert!(page.contains("Das Foto „huge.jpg“ ist größer als 15 MB"), "{page}");
        let empty = browser.upload(&[]).await;
        assert_eq!(empty.redirect(), "/melden/fotos");
        assert!(browser.get("/melden/fotos").await.text().contains("Wählen Sie ein Foto aus"));
        assert_eq!(app.count("draft_photos").await, 0);
        assert_eq!(app.photo_files(), 0, "refused uploads leave no files");
    }
}

on_both_databases! {
    async fn a_fourth_photo_is_refused_and_a_removed_photo_is_deleted(app) {
        let mut browser = app.browser();
        start_dumping_report_in_pankow(&mut browser).await;
        browser
            .upload(&[
                ("1.jpg", "image/jpeg", PHOTO),
                ("2.jpg", "image/jpeg", PHOTO),
                ("3.jpg", "image/jpeg", PHOTO),
                ("4.jpg", "image/jpeg", PHOTO),
            ])
            .await;
        let page = browser.get("/melden/fotos").await.text();
        assert!(page.contains("Sie können höchstens 3 Fotos hochladen"));
        assert_eq!(app.count("draft_photos").await, 3);
        assert_eq!(app.photo_files(), 6, "three photos with thumbnails");
        let id: i64 = sqlx::query_scalar("select min(id) from draft_photos")
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("photo id");
        let removed = browser.post("/api/melden/fotos/entfernen", &[("foto", &id.to_string())]).await;
        assert_eq!(removed.redirect(), "/melden/fotos");
        assert_eq!(app.count("draft_photos").await, 2);
        assert_eq!(app.photo_files(), 4);
    }
}

on_both_databases! {
    async fn the_gps_position_of_a_photo_can_become_the_place(app) {
        let mut browser = app.browser();
        browser.submit("/api/melden/kategorie", &[("category", "pothole")]).await;
        browser.submit("/api/melden/ort/beschreibung", &[("gebiet", "potsdam"), ("adresse", "irgendwo")]).await;
        browser.upload(&[("p.jpg", "image/jpeg", PHOTO)]).await;
        let page = browser.get("/melden/fotos").await.text();
        assert!(page.contains("Foto 1 enthält einen Aufnahmeort: Berlin – Pankow."), "{page}");
        let id: i64 = sqlx::query_scalar("select id from draft_photos").fetch_one(&app.state.core.db.pool).await.expect("photo");
        let moved = browser.post("/api/melden/fotos/ort", &[("foto", &id.to_string())]).await;
        assert_eq!(moved.redirect(), "/melden/fotos");
        let page = browser.get("/melden/fotos").await.text();
        assert!(!page.contains("enthält einen Aufnahmeort"), "offered once, not again");
        let page = browser.get("/melden/ort").await.text();
        assert!(page.contains("Berlin – Pankow (52.54130, 13.41240)"), "{page}");
    }
}

on_both_databases! {
    async fn another_browser_cannot_see_a_drafts_photos(app) {
        let mut browser = app.browser();
        start_dumping_report_in_pankow(&mut browser).await;
        browser.upload(&[("p.jpg", "image/jpeg", PHOTO)]).await;
        let id: i64 = sqlx::query_scalar("select id from draft_photos").fetch_one(&app.state.core.db.pool).await.expect("photo");
        let own = browser.get(&format!("/melden/fotos/{id}/vorschau")).await;
        assert_eq!(own.status, StatusCode::OK);
        let stranger = app.get(&format!("/melden/fotos/{id}/vorschau")).await;
        assert_eq!(stranger.status, StatusCode::NOT_FOUND);
    }
}

on_both_databases! {
    async fn expired_drafts_are_removed_with_their_photos(app) {
        let mut browser = app.browser();
        start_dumping_report_in_pankow(&mut browser).await;
        browser.upload(&[("p.jpg", "image/jpeg", PHOTO)]).await;
        assert_eq!(app.photo_files(), 2);
        sqlx::query("update drafts set expires_at = 0").execute(&app.state.core.db.pool).await.expect("expire");
        let removed = kiezwerk::jobs::clean_up_drafts(&app.state).await.expect("cleanup");
        assert_eq!(removed, 1);
        assert_eq!(app.count("drafts").await, 0);
        assert_eq!(app.photo_files(), 0);
        // The citizen coming back is told why they must start again.
        let (next, page) = browser.submit("/api/melden/beschreibung", &[("beschreibung", "x")]).await;
        assert_eq!(next, "/melden/kategorie");
        assert!(page.text().contains("Ihre Sitzung ist abgelaufen"));
    }
}

on_both_databases! {
    async fn a_photo_written_but_never_attached_is_swept_after_an_hour(app) {
        // What a crash between writing the file and committing leaves behind: the file and its
        // upload record, nothing referring to it.
        let key = kiezwerk::photos::store::new_key();
        let written = app.state.core.clock.now_ms();
        kiezwerk::photos::pending::record(&app.state.core.db, &key, written).await.expect("record");
        app.state.photos.store.put(&key, b"full".to_vec(), b"thumb".to_vec()).await.expect("put");
        // And a photo that made it into a report, which must survive every sweep.
        let mut browser = app.browser();
        start_dumping_report_in_pankow(&mut browser).await;
        browser.upload(&[("p.jpg", "image/jpeg", PHOTO)]).await;
        browser.submit("/api/melden/beschreibung", &[("beschreibung", "Sperrmüll")]).await;
        browser.submit("/api/melden/kontakt", &[("email", "")]).await;
        browser.post("/api/melden/absenden", &[]).await;
        assert_eq!(app.count("reports").await, 1);
        assert_eq!(app.photo_files(), 4);
        assert_eq!(app.count("photo_uploads").await, 1, "attached uploads are no longer pending");

        let swept = kiezwerk::jobs::sweep_abandoned_photos(&app.state, written + 30 * 60 * 1000).await.expect("sweep");
        assert_eq!(swept, 0, "half an hour is not abandoned yet");
        let swept = kiezwerk::jobs::sweep_abandoned_photos(&app.state, written + 61 * 60 * 1000).await.expect("sweep");
        assert_eq!(swept, 1);
        assert_eq!(app.photo_files(), 2, "the report's photo and thumbnail stay");
        assert_eq!(app.count("photo_uploads").await, 0);
        let swept = kiezwerk::jobs::sweep_abandoned_photos(&app.state, written + 24 * 60 * 60 * 1000).await.expect("sweep");
        assert_eq!(swept, 0);
        assert_eq!(app.photo_files(), 2);
    }
}

/// A small JPEG without any metadata.
fn photo_without_gps() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::DynamicImage::new_rgb8(64, 48)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Jpeg,
        )
        .expect("jpeg");
    bytes
}

on_both_databases! {
    async fn places_and_photo_positions_with_and_without_coordinates_mix_on_every_connection(app) {
        // Statements are prepared once per connection: a missing coordinate must not fix a
        // parameter's type so that the next report with one fails (as it did on PostgreSQL).
        let no_gps = photo_without_gps();
        for round in 0..6 {
            let mut browser = app.browser();
            browser.submit("/api/melden/kategorie", &[("category", "pothole")]).await;
            let (next, _) = browser
                .submit("/api/melden/ort/beschreibung", &[("gebiet", "berlin/neukoelln"), ("adresse", "Sonnenallee 100")])
                .await;
            assert_eq!(next, "/melden/fotos", "round {round}");
            browser.upload(&[("ohne.jpg", "image/jpeg", &no_gps)]).await;
            browser.upload(&[("mit.jpg", "image/jpeg", PHOTO)]).await;
            assert_eq!(app.count("draft_photos").await, 2 * (round + 1), "round {round}");
            browser.submit("/api/melden/beschreibung", &[("beschreibung", "Loch")]).await;
            browser.submit("/api/melden/kontakt", &[("email", "")]).await;
            let done = browser.post("/api/melden/absenden", &[]).await.redirect();
            assert!(done.starts_with("/melden/bestaetigung"), "round {round}: {done}");
            let created = app
                .post_form(
                    "/open311/v2/requests.json",
                    &[("api_key", "demo-key"), ("jurisdiction_id", "berlin"), ("service_code", "pothole"),
                      ("lat", "52.4800"), ("long", "13.4400"), ("description", "Loch")],
                )
                .await;
            assert_eq!(created.status, StatusCode::CREATED, "round {round}: {}", created.text());
        }
        assert_eq!(app.count("reports").await, 12);
    }
}

on_both_databases! {
    async fn a_submitted_report_keeps_no_gps_position_of_its_photos(app) {
        let mut browser = app.browser();
        start_dumping_report_in_pankow(&mut browser).await;
        browser.upload(&[("p.jpg", "image/jpeg", PHOTO)]).await;
        let kept: i64 = sqlx::query_scalar("select count(*) from draft_photos where gps_lat is not null")
            .fetch_one(&app.state.core.db.pool).await.expect("count");
        assert_eq!(kept, 1, "kept while the draft may still offer it as the place");
        browser.submit("/api/melden/beschreibung", &[("beschreibung", "Sperrmüll")]).await;
        browser.submit("/api/melden/kontakt", &[("email", "")]).await;
        browser.post("/api/melden/absenden", &[]).await;
        assert_eq!(app.count("reports").await, 1);
        let kept: i64 = sqlx::query_scalar("select count(*) from draft_photos where gps_lat is not null or gps_lon is not null")
            .fetch_one(&app.state.core.db.pool).await.expect("count");
        assert_eq!(kept, 0);
    }
}

on_both_databases! {
    async fn an_expired_draft_cannot_be_submitted_even_before_the_cleanup_ran(app) {
        let mut browser = app.browser();
        start_dumping_report_in_pankow(&mut browser).await;
        browser.submit("/api/melden/beschreibung", &[("beschreibung", "Sperrmüll")]).await;
        browser.submit("/api/melden/kontakt", &[("email", "")]).await;
        sqlx::query("update drafts set expires_at = $1")
            .bind(app.state.core.clock.now_ms() - 1)
            .execute(&app.state.core.db.pool).await.expect("expire");
        browser.post("/api/melden/absenden", &[]).await;
        assert_eq!(app.count("reports").await, 0);
    }
}

on_both_databases! {
    async fn unknown_references_and_wrong_personal_links_reveal_nothing(app) {
        assert_eq!(app.get("/meldungen/BER-2026-999999").await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/meldungen/..%2F..%2Fetc").await.status, StatusCode::NOT_FOUND);
        let mut browser = app.browser();
        start_dumping_report_in_pankow(&mut browser).await;
        browser.submit("/api/melden/beschreibung", &[("beschreibung", "Geheime Beschreibung")]).await;
        browser.submit("/api/melden/kontakt", &[("email", "")]).await;
        let done = browser.post("/api/melden/absenden", &[]).await.redirect();
        let reference = done.split("meldung=").nth(1).and_then(|s| s.split('&').next()).expect("reference");
        let wrong = app.get(&format!("/meldungen/{reference}?zugang=guessed")).await.text();
        assert!(wrong.contains("Der persönliche Link ist ungültig"));
        assert!(!wrong.contains("Geheime Beschreibung"));
        let confirmation = app.get(&format!("/melden/bestaetigung?meldung={reference}&zugang=guessed")).await;
        assert_eq!(confirmation.status, StatusCode::NOT_FOUND);
    }
}

on_both_databases! {
    async fn a_change_that_no_longer_fits_the_place_is_caught_before_sending(app) {
        let mut browser = app.browser();
        browser.submit("/api/melden/kategorie", &[("category", "pothole")]).await;
        // Alter Markt, Potsdam.
        browser.submit("/api/melden/ort/punkt", &[("lat", "52.3955"), ("lon", "13.0590")]).await;
        browser.submit("/api/melden/beschreibung", &[("beschreibung", "Loch")]).await;
        browser.submit("/api/melden/kontakt", &[("email", "")]).await;
        let (next, _) = browser
            .submit("/api/melden/kategorie", &[("category", "traffic-light"), ("zurueck", "pruefen")])
            .await;
        assert_eq!(next, "/melden/angaben?zurueck=pruefen", "the new category's question comes first");
        let (next, _) = browser
            .submit("/api/melden/angaben", &[("antworten[defect]", "dark"), ("zurueck", "pruefen")])
            .await;
        assert_eq!(next, "/melden/pruefen");
        let (next, page) = browser.submit("/api/melden/absenden", &[]).await;
        assert_eq!(next, "/melden/pruefen");
        let page = page.text();
        assert!(page.contains("„Ampel defekt“ kann in Potsdam nicht über Kiezwerk gemeldet werden"), "{page}");
        assert!(page.contains("href=\"#summary-location\""), "the error links to the place's row");
        assert!(page.contains("id=\"summary-location\""));
        assert_eq!(app.count("reports").await, 0);
    }
}
