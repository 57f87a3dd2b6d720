//! Dispatcher triage through the real router: every transition, forwarding and hand-back,
//! merging, optimistic locking, bulk actions, isolation between departments and municipalities,
//! the export, statistics and the daily digest.

use crate::helpers::{report_with_contact, staff_browser, Browser, TestApp, TestResponse};
use crate::on_both_databases;
use axum::http::StatusCode;
use kiezwerk_app::model::{DepartmentId, Role};

const PANKOW: (&str, &str) = ("52.5413", "13.4124");

/// Another department of Berlin than `department`.
fn other_department(app: &TestApp, department: DepartmentId) -> DepartmentId {
    let berlin = app
        .state
        .tenants
        .registry
        .by_slug("berlin")
        .expect("berlin");
    berlin
        .departments
        .iter()
        .find(|d| d.id != department)
        .expect("department")
        .id
}

async fn version(app: &TestApp, reference: &str) -> i64 {
    sqlx::query_scalar("select version from reports where reference = $1")
        .bind(reference)
        .fetch_one(&app.state.core.db.pool)
        .await
        .expect("version")
}

async fn column(app: &TestApp, reference: &str, column: &str) -> String {
    sqlx::query_scalar::<_, String>(&format!(
        "select cast({column} as text) from reports where reference = $1"
    ))
    .bind(reference)
    .fetch_one(&app.state.core.db.pool)
    .await
    .expect("column")
}

/// Posts a status change at the report's current version; the page it leads to.
async fn change(
    app: &TestApp,
    staff: &mut Browser<'_>,
    reference: &str,
    fields: &[(&str, &str)],
) -> (String, TestResponse) {
    let version = version(app, reference).await.to_string();
    let mut all = vec![("reference", reference), ("version", version.as_str())];
    all.extend_from_slice(fields);
    staff.submit("/api/dienst/status", &all).await
}

async fn dispatcher<'a>(app: &'a TestApp, department: DepartmentId) -> Browser<'a> {
    staff_browser(
        app,
        Role::Dispatcher,
        app.municipality("berlin"),
        Some(department),
    )
    .await
}

async fn new_report(app: &TestApp) -> (String, DepartmentId) {
    report_with_contact(app, "berlin", "demo-key", PANKOW.0, PANKOW.1).await
}

on_both_databases! {
    async fn a_report_is_accepted_worked_on_and_resolved_and_the_citizen_sees_and_hears_each_step(app) {
        let (reference, department) = new_report(&app).await;
        let mut staff = dispatcher(&app, department).await;
        let queue = staff.get("/dienst/berlin").await;
        assert_eq!(queue.status, StatusCode::OK);
        assert!(queue.text().contains(&reference), "the new report is in the queue");

        let (next, page) = change(&app, &mut staff, &reference, &[("transition", "accept")]).await;
        assert_eq!(next, format!("/dienst/meldungen/{reference}?hinweis=gespeichert"));
        assert!(page.text().contains("Gespeichert."));
        assert_eq!(column(&app, &reference, "status").await, "accepted");
        change(&app, &mut staff, &reference, &[("transition", "start")]).await;
        change(&app, &mut staff, &reference, &[("transition", "resolve"), ("public_note", "Der Schutt wurde abgeholt.")]).await;
        assert_eq!(column(&app, &reference, "status").await, "resolved");
        assert_eq!(column(&app, &reference, "stage").await, "2");

        let public = app.browser().get(&format!("/meldungen/{reference}")).await.text();
        for step in ["Status geändert: Angenommen", "Status geändert: In Bearbeitung", "Status geändert: Erledigt", "Der Schutt wurde abgeholt."] {
            assert!(public.contains(step), "status page shows {step:?}");
        }
        let mails: Vec<(String, String)> = sqlx::query_as("select to_address, body from outbox order by id")
            .fetch_all(&app.state.core.db.pool).await.expect("outbox");
        assert_eq!(mails.len(), 3, "one mail per status change");
        assert!(mails.iter().all(|(to, _)| to == "melder@example.de"));
        assert!(mails[2].1.contains("Der Schutt wurde abgeholt."));

        let detail = staff.get(&format!("/dienst/meldungen/{reference}")).await.text();
        assert!(detail.contains("melder@example.de"), "the responsible dispatcher sees the contact");
        assert!(detail.contains("Wieder öffnen"), "a resolved report can be reopened");
        change(&app, &mut staff, &reference, &[("transition", "reopen")]).await;
        assert_eq!(column(&app, &reference, "stage").await, "1");
        let due: i64 = column(&app, &reference, "due_at").await.parse().expect("due");
        assert!(due > app.state.core.clock.now_ms(), "a reopened report gets a fresh deadline");
    }
}

on_both_databases! {
    async fn invalid_transitions_and_missing_reasons_are_refused_with_a_message_and_change_nothing(app) {
        let (reference, department) = new_report(&app).await;
        let mut staff = dispatcher(&app, department).await;
        for (fields, message) in [
            (vec![("transition", "resolve")], "ist im Status „Neu“ nicht möglich"),
            (vec![("transition", "hand_back"), ("reason", "x")], "ist im Status „Neu“ nicht möglich"),
            (vec![("transition", "close_not_fixed")], "Geben Sie eine Begründung ein"),
            (vec![("transition", "forward"), ("reason", "Zuständig ist das SGA")], "Wählen Sie aus, wohin"),
            (vec![("transition", "mark_duplicate"), ("duplicate", &reference)], "kein Duplikat von sich selbst"),
            (vec![("transition", "mark_duplicate"), ("duplicate", "BER-1999-000001")], "Geben Sie das Aktenzeichen"),
        ] {
            let (next, page) = change(&app, &mut staff, &reference, &fields).await;
            assert_eq!(next, format!("/dienst/meldungen/{reference}"), "{fields:?}");
            assert!(page.text().contains(message), "{fields:?}: {message}");
            assert!(page.text().contains("Fehler:"), "error summary");
        }
        assert_eq!(version(&app, &reference).await, 1, "nothing was written");
        assert_eq!(app.count("outbox").await, 0);
    }
}

on_both_databases! {
    async fn a_change_against_an_old_version_is_refused_as_changed_meanwhile(app) {
        let (reference, department) = new_report(&app).await;
        let mut first = dispatcher(&app, department).await;
        let mut second = dispatcher(&app, department).await;
        // Both open the report at version 1; the first accepts it.
        change(&app, &mut first, &reference, &[("transition", "accept")]).await;
        let (_, page) = second
            .submit("/api/dienst/prioritaet", &[("reference", &reference), ("version", "1"), ("priority", "high")])
            .await;
        assert!(page.text().contains("inzwischen geändert"), "{}", page.text());
        assert_eq!(column(&app, &reference, "priority").await, "normal", "the second change was not written");
        assert_eq!(column(&app, &reference, "status").await, "accepted", "the first change holds");
    }
}

on_both_databases! {
    async fn a_forwarded_report_can_be_handed_back_or_accepted_and_the_citizen_never_hits_a_dead_end(app) {
        let (reference, origin) = new_report(&app).await;
        let receiver = other_department(&app, origin);
        let mut sender = dispatcher(&app, origin).await;
        let mut other = dispatcher(&app, receiver).await;
        assert_eq!(other.get(&format!("/dienst/meldungen/{reference}")).await.status, StatusCode::NOT_FOUND);

        let target = receiver.to_string();
        change(&app, &mut sender, &reference, &[("transition", "forward"), ("target", &target), ("reason", "Liegt auf einer Grünfläche")]).await;
        assert_eq!(column(&app, &reference, "status").await, "forwarded");
        assert_eq!(sender.get(&format!("/dienst/meldungen/{reference}")).await.status, StatusCode::NOT_FOUND, "gone from the sender");
        assert!(other.get("/dienst/berlin").await.text().contains(&reference), "in the receiver's queue");

        change(&app, &mut other, &reference, &[("transition", "hand_back"), ("reason", "Straßenland, nicht Grünfläche")]).await;
        assert_eq!(column(&app, &reference, "status").await, "new");
        assert_eq!(column(&app, &reference, "department_id").await, origin.to_string(), "back with the sender");

        change(&app, &mut sender, &reference, &[("transition", "forward"), ("target", &target), ("reason", "Doch Grünfläche")]).await;
        change(&app, &mut other, &reference, &[("transition", "accept")]).await;
        assert_eq!(column(&app, &reference, "status").await, "accepted");

        let public = app.browser().get(&format!("/meldungen/{reference}")).await.text();
        let name = app.state.tenants.registry.by_slug("berlin").expect("berlin").department(receiver).expect("receiver").name_de.clone();
        assert!(public.contains(&format!("Weitergeleitet an {name}")), "the citizen sees where it went");
        assert!(public.contains("Zurückgegeben an"), "and that it came back");
        assert!(public.contains("Status geändert: Angenommen"));
    }
}

on_both_databases! {
    async fn a_merged_duplicate_closes_and_its_reporter_follows_the_surviving_report(app) {
        let (survivor, department) = new_report(&app).await;
        // Not into another department's report, nor into a closed one.
        let (elsewhere, _) = report_with_contact(&app, "berlin", "demo-key", "52.5200", "13.4050").await;
        sqlx::query("update reports set department_id = $1 where reference = $2")
            .bind(other_department(&app, department)).bind(&elsewhere)
            .execute(&app.state.core.db.pool).await.expect("elsewhere");
        let (duplicate, _) = report_with_contact(&app, "berlin", "demo-key", PANKOW.0, PANKOW.1).await;
        sqlx::query("update reports set reporter_email = 'zweite@example.de' where reference = $1")
            .bind(&duplicate).execute(&app.state.core.db.pool).await.expect("second reporter");
        let mut staff = dispatcher(&app, department).await;
        let detail = staff.get(&format!("/dienst/meldungen/{duplicate}")).await.text();
        assert!(detail.contains(&survivor), "the survivor shows as a nearby report");

        let (_, refused) = change(&app, &mut staff, &duplicate, &[("transition", "mark_duplicate"), ("duplicate", &elsewhere)]).await;
        assert!(refused.text().contains("Geben Sie das Aktenzeichen"), "another department's report");
        change(&app, &mut staff, &duplicate, &[("transition", "mark_duplicate"), ("duplicate", &survivor.to_lowercase())]).await;
        assert_eq!(column(&app, &duplicate, "status").await, "duplicate");
        let public = app.browser().get(&format!("/meldungen/{duplicate}")).await.text();
        assert!(public.contains(&format!("Zusammengeführt mit Meldung {survivor}")));

        sqlx::query("delete from outbox").execute(&app.state.core.db.pool).await.expect("clear");
        let version = version(&app, &survivor).await.to_string();
        staff.submit("/api/dienst/notiz", &[("reference", &survivor), ("version", &version), ("public_note", "Wir kümmern uns."), ("internal_note", "")]).await;
        let mut to: Vec<String> = sqlx::query_scalar("select to_address from outbox order by to_address")
            .fetch_all(&app.state.core.db.pool).await.expect("outbox");
        to.sort();
        assert_eq!(to, vec!["melder@example.de".to_owned(), "zweite@example.de".to_owned()]);
    }
}

on_both_databases! {
    /// Who sees what: the responsible dispatcher, a dispatcher of another department, staff of
    /// another municipality, and a citizen — for every triage page and endpoint.
    async fn staff_see_only_their_own_departments_and_municipalitys_reports(app) {
        let (reference, department) = new_report(&app).await;
        let other = other_department(&app, department);
        let potsdam = app.state.tenants.registry.by_slug("potsdam").expect("potsdam").id;
        let mut own = dispatcher(&app, department).await;
        let mut neighbour = dispatcher(&app, other).await;
        let mut foreign = staff_browser(&app, Role::Dispatcher, potsdam, None).await;
        let mut citizen = app.browser();
        let detail = format!("/dienst/meldungen/{reference}");
        let version = version(&app, &reference).await.to_string();
        for (who, browser, sees_detail, lists, municipality_pages) in [
            ("responsible dispatcher", &mut own, true, true, true),
            ("dispatcher of another department", &mut neighbour, false, false, true),
            ("dispatcher of another municipality", &mut foreign, false, false, false),
        ] {
            assert_eq!(browser.get(&detail).await.status == StatusCode::OK, sees_detail, "{who}: detail");
            let queue = browser.get("/dienst/berlin").await;
            assert_eq!(queue.status == StatusCode::OK, municipality_pages, "{who}: queue");
            assert_eq!(queue.text().contains(&reference), lists, "{who}: listed");
            let csv = browser.get("/dienst/berlin/export.csv?status=alle").await;
            assert_eq!(csv.status == StatusCode::OK, municipality_pages, "{who}: export");
            assert_eq!(csv.text().contains(&reference), lists, "{who}: exported");
            let map = browser.get("/dienst/berlin/karte.json").await;
            assert_eq!(map.text().contains(&reference), lists, "{who}: map");
            assert_eq!(browser.get("/dienst/statistik/berlin").await.status == StatusCode::OK, municipality_pages, "{who}: statistics");
            let posted = browser.post("/api/dienst/prioritaet", &[("reference", &reference), ("version", &version), ("priority", "high")]).await;
            assert_eq!(posted.status, StatusCode::SEE_OTHER, "{who}");
            let bulk = browser.post("/dienst/berlin/sammelaktion", &[("auswahl", &format!("{reference}:{version}")), ("aktion", "accept")]).await;
            assert!(bulk.status == StatusCode::SEE_OTHER || bulk.status == StatusCode::NOT_FOUND, "{who}: {}", bulk.status);
            assert_eq!(column(&app, &reference, "status").await, "new", "{who}: nothing changed");
            assert_eq!(column(&app, &reference, "priority").await, if sees_detail { "high" } else { "normal" }, "{who}: priority");
            if sees_detail {
                sqlx::query("update reports set priority = 'normal', version = 1 where reference = $1")
                    .bind(&reference).execute(&app.state.core.db.pool).await.expect("reset");
            }
        }
        assert_eq!(citizen.get(&detail).await.redirect(), "/konto/anmelden", "citizens are sent to sign in");
        assert_eq!(citizen.get("/dienst/berlin/export.csv").await.status, StatusCode::UNAUTHORIZED);
        let unauthenticated = citizen.post("/api/dienst/status", &[("reference", &reference), ("version", "1"), ("transition", "accept")]).await;
        assert_eq!(unauthenticated.redirect(), "/konto/anmelden");
        assert_eq!(column(&app, &reference, "status").await, "new");
    }
}

on_both_databases! {
    async fn a_bulk_accept_changes_the_current_reports_and_skips_the_changed_ones(app) {
        let (first, department) = new_report(&app).await;
        let (second, _) = new_report(&app).await;
        let mut staff = dispatcher(&app, department).await;
        // The second changed after the queue was shown (version 2 now, the form says 1).
        sqlx::query("update reports set version = 2 where reference = $1")
            .bind(&second).execute(&app.state.core.db.pool).await.expect("bump");
        let (next, page) = staff
            .submit("/dienst/berlin/sammelaktion", &[("auswahl", &format!("{first}:1")), ("auswahl", &format!("{second}:1")), ("aktion", "accept"), ("zurueck", "status=offen")])
            .await;
        assert_eq!(next, "/dienst/berlin?status=offen&hinweis=1-1");
        assert!(page.text().contains("1 Meldungen geändert, 1 übersprungen"));
        assert_eq!(column(&app, &first, "status").await, "accepted");
        assert_eq!(column(&app, &second, "status").await, "new");
        let (_, page) = staff.submit("/dienst/berlin/sammelaktion", &[("aktion", "accept")]).await;
        assert!(page.text().contains("Wählen Sie mindestens eine Meldung"));
        let version = version(&app, &second).await.to_string();
        let (_, page) = staff
            .submit("/dienst/berlin/sammelaktion", &[("auswahl", &format!("{second}:{version}")), ("aktion", "forward"), ("reason", "Grünfläche")])
            .await;
        assert!(page.text().contains("Wählen Sie aus, wohin die Meldung weitergeleitet wird."), "a missing target is said once");
        assert_eq!(column(&app, &second, "status").await, "new");
    }
}

on_both_databases! {
    async fn the_queue_pages_by_keyset_without_gaps_or_repeats_and_filters_narrow_it(app) {
        let (reference, department) = new_report(&app).await;
        // 59 more reports like the first, straight into the table.
        for n in 2..=60 {
            sqlx::query(
                "insert into reports (municipality_id, reference, year, seq, category_id, area_id, department_id, status, \
                 lat, lon, description, answers, access_hash, channel, created_at, updated_at, accept_due_at, resolve_due_at, stage, due_at) \
                 select municipality_id, $1, year, $2, category_id, area_id, department_id, status, lat, lon, description, answers, \
                 access_hash, channel, created_at, updated_at, accept_due_at, resolve_due_at, stage, due_at + $2 from reports where reference = $3",
            )
            .bind(format!("BER-2026-9{n:05}")).bind(9000 + n as i64).bind(&reference)
            .execute(&app.state.core.db.pool).await.expect("copy");
        }
        sqlx::query("update reports set description = 'Sperrmüll am Spielplatz', due_at = 1 where reference = 'BER-2026-900007'")
            .execute(&app.state.core.db.pool).await.expect("one differs");
        let mut staff = dispatcher(&app, department).await;
        let first = staff.get("/dienst/berlin").await.text();
        assert!(first.contains("60 Meldungen"));
        let refs = |html: &str| -> Vec<String> {
            html.split("name=\"auswahl\" value=\"").skip(1).filter_map(|r| r.split(':').next()).map(str::to_owned).collect()
        };
        let page1 = refs(&first);
        assert_eq!(page1.len(), 50);
        assert_eq!(page1[0], "BER-2026-900007", "the most overdue first");
        let next = first.split("rel=\"next\"").next().and_then(|h| h.rsplit("href=\"").next()).and_then(|h| h.split('"').next()).expect("next link").replace("&amp;", "&");
        let page2 = refs(&staff.get(&next).await.text());
        assert_eq!(page2.len(), 10);
        let mut all: Vec<String> = page1.into_iter().chain(page2).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 60, "every report exactly once");

        let found = staff.get("/dienst/berlin?suche=spielplatz").await.text();
        assert_eq!(refs(&found), vec!["BER-2026-900007".to_owned()]);
        let overdue = staff.get("/dienst/berlin?ueberfaellig=ja").await.text();
        assert_eq!(refs(&overdue), vec!["BER-2026-900007".to_owned()]);
        let none = staff.get("/dienst/berlin?foto=ja").await.text();
        assert!(refs(&none).is_empty());
        assert!(none.contains("Keine Meldungen für diese Auswahl."));
    }
}

on_both_databases! {
    async fn the_csv_export_lists_the_filtered_queue_and_defuses_spreadsheet_formulas(app) {
        let (reference, department) = new_report(&app).await;
        sqlx::query("update reports set description = '=HYPERLINK(\"http://x\")' where reference = $1")
            .bind(&reference).execute(&app.state.core.db.pool).await.expect("formula");
        let mut staff = dispatcher(&app, department).await;
        let csv = staff.get("/dienst/berlin/export.csv").await;
        assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
        let text = csv.text();
        assert!(text.starts_with("\u{feff}Aktenzeichen;Status;"));
        assert!(text.contains(&reference));
        assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{text}");
        let filtered = staff.get("/dienst/berlin/export.csv?status=resolved").await.text();
        assert!(!filtered.contains(&reference));
    }
}

on_both_databases! {
    async fn statistics_count_by_category_and_show_the_share_closed_without_a_fix(app) {
        let (first, department) = new_report(&app).await;
        let (second, _) = new_report(&app).await;
        let mut staff = dispatcher(&app, department).await;
        change(&app, &mut staff, &first, &[("transition", "accept")]).await;
        change(&app, &mut staff, &first, &[("transition", "resolve")]).await;
        change(&app, &mut staff, &second, &[("transition", "close_not_fixed"), ("reason", "Privatgrundstück")]).await;
        let page = staff.get("/dienst/statistik/berlin").await;
        assert_eq!(page.status, StatusCode::OK);
        let text = page.text();
        assert!(text.contains("50 % (1 / 2)"), "share closed not fixed");
        assert!(text.contains("<svg"), "a chart");
        assert!(text.contains("Illegale Müllablagerung") || text.contains("Müll"), "by category");
    }
}

on_both_databases! {
    async fn the_overdue_digest_goes_to_every_address_of_a_department(app) {
        let (reference, department) = new_report(&app).await;
        let db = &app.state.core.db;
        sqlx::query("update reports set due_at = 1 where reference = $1")
            .bind(&reference).execute(&db.pool).await.expect("overdue");
        sqlx::query("update departments set email = $1 where id = $2")
            .bind("eins@berlin.example, zwei@berlin.example").bind(department).execute(&db.pool).await.expect("addresses");
        let registry = kiezwerk::tenants::Registry::load(db).await.expect("registry");
        let morning = "2026-11-23T09:00:00Z".parse::<jiff::Timestamp>().expect("time").as_millisecond();
        let sent = kiezwerk::triage::digest::send_due(db, &registry, "https://kiezwerk.example", morning).await.expect("digest");
        assert_eq!(sent, 1, "one department");
        let to: Vec<String> = sqlx::query_scalar("select to_address from outbox order by to_address")
            .fetch_all(&db.pool).await.expect("mails");
        assert_eq!(to, ["eins@berlin.example", "zwei@berlin.example"]);
    }
}

on_both_databases! {
    async fn the_overdue_digest_goes_out_once_per_department_and_day_even_from_two_servers(app) {
        let (reference, department) = new_report(&app).await;
        sqlx::query("update reports set due_at = 1 where reference = $1")
            .bind(&reference).execute(&app.state.core.db.pool).await.expect("overdue");
        // 10:00 in Berlin on a weekday.
        let morning = "2026-11-23T09:00:00Z".parse::<jiff::Timestamp>().expect("time").as_millisecond();
        let early = morning - 4 * 3_600_000;
        let run = |at| kiezwerk::triage::digest::send_due(&app.state.core.db, &app.state.tenants.registry, "https://kiezwerk.example", at);
        assert_eq!(run(early).await.expect("digest"), 0, "not before 07:00");
        let (a, b) = tokio::join!(run(morning), run(morning));
        assert_eq!(a.expect("first") + b.expect("second"), 1, "exactly one server sends it");
        assert_eq!(run(morning + 3_600_000).await.expect("again"), 0, "once a day");
        let email = app.state.tenants.registry.by_slug("berlin").expect("berlin").department(department).expect("department").email.clone();
        let (to, body): (String, String) = sqlx::query_as("select to_address, body from outbox")
            .fetch_one(&app.state.core.db.pool).await.expect("mail");
        assert_eq!(vec![to], email.0);
        assert!(body.contains(&reference));
        assert_eq!(run(morning + 86_400_000).await.expect("next day"), 1, "the next day again");
    }
}

on_both_databases! {
    async fn changing_the_category_shows_the_new_department_first_and_then_hands_the_report_over(app) {
        let (reference, department) = new_report(&app).await;
        let mut staff = dispatcher(&app, department).await;
        let preview = staff.get(&format!("/dienst/meldungen/{reference}?neue_kategorie=pothole")).await.text();
        assert!(preview.contains("Zuständig wäre dann: Straßen- und Grünflächenamt Pankow."), "the preview names the new department");
        assert_eq!(version(&app, &reference).await, 1, "looking changes nothing");

        let version = version(&app, &reference).await.to_string();
        staff.submit("/api/dienst/kategorie", &[("reference", &reference), ("version", &version), ("category", "pothole")]).await;
        let sga = app.state.tenants.registry.by_slug("berlin").expect("berlin").departments.iter()
            .find(|d| d.code == "sga-pankow").expect("sga").id;
        assert_eq!(column(&app, &reference, "department_id").await, sga.to_string());
        assert_eq!(column(&app, &reference, "status").await, "forwarded", "the new department accepts it or hands it back");
        assert_eq!(staff.get(&format!("/dienst/meldungen/{reference}")).await.status, StatusCode::NOT_FOUND);
        let public = app.browser().get(&format!("/meldungen/{reference}")).await.text();
        assert!(public.contains("Kategorie geändert: Schlagloch oder Straßenschaden"), "{public}");
        assert!(public.contains("Zuständig ist jetzt: Straßen- und Grünflächenamt Pankow (Berlin)"));
    }
}

on_both_databases! {
    async fn a_citizen_supports_an_open_report_nearby_instead_of_filing_a_duplicate(app) {
        let (existing, _) = new_report(&app).await;
        // A report of another kind at the same place is not offered.
        let created = app.post_form("/open311/v2/requests.json", &[
            ("api_key", "demo-key"), ("jurisdiction_id", "berlin"), ("service_code", "bulky-waste"),
            ("lat", PANKOW.0), ("long", PANKOW.1), ("description", "Sperrmüll zur Abholung"),
        ]).await;
        let other_kind = created.json()[0]["service_request_id"].as_str().expect("id").to_owned();
        let mut citizen = app.browser();
        crate::report_flow::start_dumping_report_in_pankow(&mut citizen).await;
        citizen.submit("/api/melden/beschreibung", &[("beschreibung", "Sofa am Straßenrand")]).await;
        citizen.submit("/api/melden/kontakt", &[("email", "nachbarin@example.de")]).await;
        let check = citizen.get("/melden/pruefen").await.text();
        assert!(check.contains("Ist es eine dieser Meldungen?"));
        assert!(check.contains(&existing));
        assert!(!check.contains(&other_kind), "only the same kind of problem");

        // A report that was not offered cannot be supported this way.
        let (next, _) = citizen.submit("/api/melden/unterstuetzen", &[("meldung", &other_kind)]).await;
        assert_eq!(next, "/melden/pruefen");
        assert_eq!(column(&app, &other_kind, "supporters").await, "0");

        let (next, page) = citizen.submit("/api/melden/unterstuetzen", &[("meldung", &existing)]).await;
        assert_eq!(next, format!("/meldungen/{existing}?hinweis=unterstuetzt"));
        assert!(page.text().contains("Danke! Sie unterstützen diese Meldung"));
        assert!(page.text().contains("einer weiteren Person"));
        assert_eq!(column(&app, &existing, "supporters").await, "1");
        assert_eq!(app.count("reports").await, 2, "no new report");
        let follower: String = sqlx::query_scalar("select email from report_followers")
            .fetch_one(&app.state.core.db.pool).await.expect("follower");
        assert_eq!(follower, "nachbarin@example.de");
        let (again, _) = citizen.submit("/api/melden/unterstuetzen", &[("meldung", &existing)]).await;
        assert_ne!(again, format!("/meldungen/{existing}?hinweis=unterstuetzt"), "a second click counts nothing");
        assert_eq!(column(&app, &existing, "supporters").await, "1");
        assert_eq!(citizen.get("/melden/pruefen").await.redirect(), "/melden/kategorie", "the draft has ended");
    }
}

on_both_databases! {
    async fn correcting_the_place_reroutes_after_a_preview_also_to_another_municipality(app) {
        // References count by the year in Berlin: the numbering below is that of 2026.
        app.state.core.clock.set("2026-11-23T09:00:00Z".parse().expect("time"));
        let (reference, department) = new_report(&app).await;
        let mut staff = dispatcher(&app, department).await;
        // Potsdam city centre: another municipality of the deployment.
        let page = format!("/dienst/meldungen/{reference}");
        let preview = staff.get(&format!("{page}?neuer_breitengrad=52.3906&neuer_laengengrad=13.0645")).await.text();
        assert!(preview.contains("Zuständig wäre dann:"), "{preview}");
        assert!(preview.contains("(Potsdam)"));
        assert_eq!(version(&app, &reference).await, 1, "looking changes nothing");
        let nowhere = staff.get(&format!("{page}?neuer_breitengrad=48.1&neuer_laengengrad=11.5")).await.text();
        assert!(nowhere.contains("außerhalb der Gemeinden, die Kiezwerk betreut"), "outside every municipality is explained");
        assert!(!nowhere.contains("Ort korrigieren und weitergeben"), "and cannot be confirmed");

        let (_, refused) = staff.submit("/api/dienst/ort", &[("reference", &reference), ("version", "1"), ("lat", "91"), ("lon", "13")]).await;
        assert!(refused.text().contains("Fehler:"));
        assert_eq!(version(&app, &reference).await, 1);

        staff.submit("/api/dienst/ort", &[("reference", &reference), ("version", "1"), ("lat", "52.3906"), ("lon", "13.0645")]).await;
        let potsdam = app.state.tenants.registry.by_slug("potsdam").expect("potsdam").id;
        assert_eq!(column(&app, &reference, "municipality_id").await, potsdam.to_string());
        assert_eq!(column(&app, &reference, "status").await, "forwarded");
        assert_eq!(staff.get(&page).await.status, StatusCode::NOT_FOUND, "no longer Berlin's");
        let mut potsdam_staff = staff_browser(&app, Role::Dispatcher, potsdam, None).await;
        assert_eq!(potsdam_staff.get(&page).await.status, StatusCode::OK, "now Potsdam's");
        let public = app.browser().get(&format!("/meldungen/{reference}")).await.text();
        assert!(public.contains("Ort korrigiert"));
        // Potsdam's own numbering goes on undisturbed by the Berlin reference it now holds.
        kiezwerk::open311::keys::insert(&app.state.core.db, app.state.core.clock.now_ms(), "potsdam", None, "Test", "potsdam-key").await.expect("key");
        let created = app.post_form("/open311/v2/requests.json", &[
            ("api_key", "potsdam-key"), ("jurisdiction_id", "potsdam"), ("service_code", "illegal-dumping"),
            ("lat", "52.3906"), ("long", "13.0645"), ("description", "Schutt"),
            ("attribute[waste_kind]", "rubble"), ("attribute[amount]", "small"),
        ]).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
        assert_eq!(created.json()[0]["service_request_id"], "PDM-2026-000001");
    }
}
