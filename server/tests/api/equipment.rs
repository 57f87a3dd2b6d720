//! The Bauhof through the real router: a worker reports a breakdown and asks for a
//! replacement, a fleet manager allocates one; reservations never overlap, also when many
//! managers allocate at the same moment; partners lend; who may see what.

use crate::helpers::{citizen_browser, staff_browser, Browser, TestApp};
use crate::on_both_databases;
use axum::http::StatusCode;
use kiezwerk::core::time::local_value;
use kiezwerk::equipment::reservations::{self, begin_write, Refused};
use kiezwerk::equipment::{breakdowns, register};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{AccountId, Grant, MunicipalityId, Role, Viewer};
use std::time::Instant;

const HOUR: i64 = 3_600_000;

fn municipality(app: &TestApp, slug: &str) -> MunicipalityId {
    app.state
        .tenants
        .registry
        .by_slug(slug)
        .expect("municipality")
        .id
}

async fn unit_id(app: &TestApp, slug: &str, number: &str) -> i64 {
    register::unit_by_number(&app.state.core.db, municipality(app, slug), number)
        .await
        .expect("query")
        .expect("unit")
        .id
}

/// The account behind a signed-in test browser.
async fn account_of(app: &TestApp, browser: &Browser<'_>) -> AccountId {
    let token = browser.cookies.get("kw_session").expect("session").clone();
    kiezwerk::auth::sessions::resolve(&app.state.auth(), &token)
        .await
        .expect("lookup")
        .expect("session")
        .account_id
}

/// Who asks, in the table of the role test.
enum Who {
    Reporter,
    Staff(Role, MunicipalityId),
    Citizen,
}

/// A form's path, its fields and where it leads.
type FormStep<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);

/// Reports a breakdown of `number` through the forms, asking for a `type_code` replacement
/// from one to nine hours from now, delivered; the report's id.
async fn report_breakdown(worker: &mut Browser<'_>, number: &str, type_code: &str) -> i64 {
    let now = worker.app.state.core.clock.now_ms();
    let (from, until) = (local_value(now + HOUR), local_value(now + 9 * HOUR));
    let steps: [FormStep; 6] = [
        (
            "/api/bauhof/ausfall/neu",
            vec![],
            "/bauhof/berlin/ausfall/geraet",
        ),
        (
            "/api/bauhof/ausfall/geraet",
            vec![("number", number)],
            "/bauhof/berlin/ausfall/schaden",
        ),
        (
            "/api/bauhof/ausfall/schaden",
            vec![("damage", "blade"), ("description", "Messer gebrochen")],
            "/bauhof/berlin/ausfall/foto",
        ),
        (
            "/api/bauhof/ausfall/ohne-foto",
            vec![],
            "/bauhof/berlin/ausfall/ort",
        ),
        (
            "/api/bauhof/ausfall/ort",
            vec![
                ("place", "Bürgerpark Pankow"),
                ("lat", "52.5715"),
                ("lon", "13.4103"),
            ],
            "/bauhof/berlin/ausfall/ersatz",
        ),
        (
            "/api/bauhof/ausfall/ersatz",
            vec![
                ("needed", "ja"),
                ("type_code", type_code),
                ("from", &from),
                ("until", &until),
                ("delivery", "deliver"),
            ],
            "/bauhof/berlin/ausfall/pruefen",
        ),
    ];
    for (path, fields, next) in steps {
        let mut fields = fields;
        fields.push(("slug", "berlin"));
        let response = worker.post(path, &fields).await;
        assert_eq!(response.redirect(), next, "after {path}");
    }
    let check = worker.get("/bauhof/berlin/ausfall/pruefen").await;
    assert!(
        check.text().contains(&number.to_uppercase()),
        "{}",
        check.text()
    );
    let sent = worker
        .post("/api/bauhof/ausfall/senden", &[("slug", "berlin")])
        .await
        .redirect();
    sent.rsplit('/').next().expect("id").parse().expect("id")
}

async fn version(app: &TestApp, id: i64) -> i64 {
    breakdowns::get_in(&app.state.core.db, id)
        .await
        .expect("query")
        .expect("breakdown")
        .version
}

on_both_databases! {
    async fn a_worker_reports_a_breakdown_and_the_fleet_manager_allocates_a_replacement(app) {
        let berlin = municipality(&app, "berlin");
        let mut worker = staff_browser(&app, Role::BauhofStaff, berlin, None).await;
        let worker_id = account_of(&app, &worker).await;
        sqlx::query("update accounts set email = 'werker@example.de', email_confirmed_at = 1 where id = $1")
            .bind(worker_id)
            .execute(&app.state.core.db.pool)
            .await
            .expect("email");
        let home = worker.get("/bauhof/berlin").await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(home.text().contains("Gerät ausgefallen"));

        let id = report_breakdown(&mut worker, "pan-am-01", "aufsitzmaeher").await;
        let page = worker.get(&format!("/bauhof/berlin/ausfall/{id}")).await;
        let reference = format!("BER-A{id:05}");
        assert!(page.text().contains(&reference), "{}", page.text());
        assert!(page.text().contains("angefragt"));
        // The broken mower is in repair, with a repair record; nothing of the draft is left.
        let broken = register::unit_in(&app.state.core.db, unit_id(&app, "berlin", "PAN-AM-01").await)
            .await.expect("query").expect("unit");
        assert_eq!(broken.status.code(), "in_repair");
        assert_eq!(app.count("repairs").await, 1);
        assert_eq!(app.count("breakdown_drafts").await, 0);

        let mut manager = staff_browser(&app, Role::FleetManager, berlin, None).await;
        let fleet = manager.get("/fuhrpark/berlin").await;
        assert!(fleet.text().contains(&reference), "{}", fleet.text());
        let allocation = manager.get(&format!("/fuhrpark/berlin/anfrage/{id}")).await;
        assert!(allocation.text().contains("PAN-AM-02 zuteilen"), "{}", allocation.text());
        // The broken one is not offered, nor another municipality's unit as an own one.
        assert!(!allocation.text().contains("PAN-AM-01 zuteilen"));
        assert!(!allocation.text().contains("PDM-AM-02"));
        let spare = unit_id(&app, "berlin", "PAN-AM-02").await;
        let answer = manager
            .post(
                "/api/fuhrpark/zuteilen",
                &[
                    ("slug", "berlin"),
                    ("request_id", &id.to_string()),
                    ("version", &version(&app, id).await.to_string()),
                    ("unit", &spare.to_string()),
                ],
            )
            .await;
        assert_eq!(answer.redirect(), format!("/fuhrpark/berlin/anfrage/{id}"));

        let status = worker.get(&format!("/bauhof/berlin/ausfall/{id}/status.json")).await;
        let status = status.json();
        assert_eq!(status["status_code"], "allocated");
        assert!(status["detail"].as_str().expect("detail").contains("PAN-AM-02"));
        let holder: Option<AccountId> =
            sqlx::query_scalar("select holder_id from reservations where breakdown_id = $1")
                .bind(id)
                .fetch_one(&app.state.core.db.pool)
                .await
                .expect("reservation");
        assert_eq!(holder, Some(worker_id));
        let mails: i64 = sqlx::query_scalar(
            "select count(*) from outbox where to_address = 'werker@example.de' and subject like $1",
        )
        .bind(format!("%{reference}: zugeteilt%"))
        .fetch_one(&app.state.core.db.pool)
        .await
        .expect("outbox");
        assert_eq!(mails, 1);
        // Every change is in the request's history.
        let kinds: Vec<String> = sqlx::query_scalar(
            "select kind from equipment_log where breakdown_id = $1 order by id",
        )
        .bind(id)
        .fetch_all(&app.state.core.db.pool)
        .await
        .expect("log");
        assert_eq!(kinds, ["breakdown_reported", "repair_opened", "allocated"]);
    }
}

on_both_databases! {
    async fn a_refused_answer_names_its_field_and_changes_nothing(app) {
        let berlin = municipality(&app, "berlin");
        let mut worker = staff_browser(&app, Role::BauhofStaff, berlin, None).await;
        worker.post("/api/bauhof/ausfall/neu", &[("slug", "berlin")]).await;
        let refused = worker
            .post("/api/bauhof/ausfall/geraet", &[("slug", "berlin"), ("number", "PAN-XX-99")])
            .await;
        assert_eq!(refused.redirect(), "/bauhof/berlin/ausfall/geraet");
        let page = worker.get("/bauhof/berlin/ausfall/geraet").await;
        let text = page.text();
        assert!(text.contains("Kein Gerät mit der Nummer „PAN-XX-99“"), "{text}");
        assert!(text.contains("href=\"#number\""));
        assert!(text.contains("value=\"PAN-XX-99\""), "the typed value stays");
        let now = app.state.core.clock.now_ms();
        worker.post("/api/bauhof/ausfall/geraet", &[("slug", "berlin"), ("number", "PAN-AM-01")]).await;
        let backwards = worker
            .post(
                "/api/bauhof/ausfall/ersatz",
                &[
                    ("slug", "berlin"),
                    ("needed", "ja"),
                    ("type_code", "aufsitzmaeher"),
                    ("from", &local_value(now + 5 * HOUR)),
                    ("until", &local_value(now + 2 * HOUR)),
                    ("delivery", "pickup"),
                ],
            )
            .await;
        assert_eq!(backwards.redirect(), "/bauhof/berlin/ausfall/ersatz");
        let page = worker.get("/bauhof/berlin/ausfall/ersatz").await;
        assert!(page.text().contains("Das Ende muss nach dem Beginn liegen."), "{}", page.text());
        // Sending the incomplete draft is refused; nothing is stored.
        worker.post("/api/bauhof/ausfall/senden", &[("slug", "berlin")]).await;
        assert_eq!(app.count("breakdowns").await, 0);
        assert_eq!(app.count("repairs").await, 0);
    }
}

fn manager(account: AccountId, municipality: MunicipalityId, slug: &str) -> Viewer {
    Viewer {
        account_id: account,
        name: "Leitung".into(),
        grants: vec![Grant {
            role: Role::FleetManager,
            municipality_id: Some(municipality),
            municipality_slug: Some(slug.into()),
            municipality_name: None,
            department_id: None,
            department_name: None,
        }],
    }
}

on_both_databases! {
    async fn many_managers_allocating_one_unit_at_the_same_moment_leave_exactly_one_reservation(app) {
        const ATTEMPTS: usize = 12;
        let berlin = municipality(&app, "berlin");
        let mut worker = staff_browser(&app, Role::BauhofStaff, berlin, None).await;
        // Twelve reports (of different mowers' breakdowns are not needed: one unit reported
        // again and again is fine), all wanting a mower for the same hours.
        let mut ids = Vec::new();
        for _ in 0..ATTEMPTS {
            ids.push(report_breakdown(&mut worker, "PAN-FS-01", "aufsitzmaeher").await);
        }
        let spare = unit_id(&app, "berlin", "MIT-AM-01").await;
        let mut managers = Vec::new();
        for _ in 0..ATTEMPTS {
            let browser = staff_browser(&app, Role::FleetManager, berlin, None).await;
            managers.push(account_of(&app, &browser).await);
        }
        let equipment = app.state.equipment();
        let started = Instant::now();
        let tasks: Vec<_> = ids
            .iter()
            .zip(managers)
            .map(|(id, account)| {
                let (equipment, id) = (equipment.clone(), *id);
                tokio::spawn(async move {
                    let berlin = equipment.tenants.registry.by_slug("berlin").expect("berlin");
                    let viewer = manager(account, berlin.id, "berlin");
                    let version = breakdowns::get_in(&equipment.core.db, id)
                        .await
                        .expect("query")
                        .expect("breakdown")
                        .version;
                    breakdowns::allocate(&equipment, &viewer, berlin, id, version, &spare.to_string(), Lang::De)
                        .await
                })
            })
            .collect();
        let mut winners = 0;
        let mut refusals = Vec::new();
        for task in tasks {
            match task.await.expect("task") {
                Ok(_) => winners += 1,
                Err(kiezwerk::core::port::Failure::Refused(refusal)) => refusals.push(refusal),
                Err(kiezwerk::core::port::Failure::Internal(error)) => panic!("internal: {error:#}"),
            }
        }
        let elapsed = started.elapsed();
        eprintln!(
            "allocation race: {ATTEMPTS} attempts, {winners} winner, {} refused, {:.0} ms",
            refusals.len(),
            elapsed.as_secs_f64() * 1000.0
        );
        assert_eq!(winners, 1);
        // The others are told the unit is taken, with the free alternatives.
        for refusal in &refusals {
            let text = format!("{refusal:?}");
            assert!(text.contains("MIT-AM-01 ist in dieser Zeit schon vergeben"), "{text}");
            assert!(text.contains("PAN-AM-02"), "alternatives listed: {text}");
        }
        let overlapping: i64 = sqlx::query_scalar(
            "select count(*) from reservations a join reservations b on a.unit_id = b.unit_id and a.id < b.id \
             where a.cancelled_at is null and b.cancelled_at is null \
             and a.starts_at < b.ends_at and b.starts_at < a.ends_at",
        )
        .fetch_one(&app.state.core.db.pool)
        .await
        .expect("overlaps");
        assert_eq!(overlapping, 0);
        let reserved: i64 = sqlx::query_scalar("select count(*) from reservations where unit_id = $1")
            .bind(spare)
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("count");
        assert_eq!(reserved, 1);
    }
}

on_both_databases! {
    async fn the_database_refuses_overlaps_itself_and_takes_back_to_back_bookings(app) {
        let db = &app.state.core.db;
        let berlin = municipality(&app, "berlin");
        let unit = unit_id(&app, "berlin", "PAN-KT-01").await;
        let now = app.state.core.clock.now_ms();
        let new = |from: i64, until: i64| reservations::New {
            unit_id: unit,
            breakdown_id: None,
            borrower_id: berlin,
            holder_id: None,
            starts_at: from,
            ends_at: until,
            note: "",
            created_by: None,
        };
        // Sixteen writers at once, no check of their own: the database lets one in.
        let tasks: Vec<_> = (0..16)
            .map(|i| {
                let db = db.clone();
                tokio::spawn(async move {
                    let mut tx = begin_write(&db).await.expect("begin");
                    let result = reservations::insert(
                        &mut tx,
                        reservations::New {
                            unit_id: unit,
                            breakdown_id: None,
                            borrower_id: berlin,
                            holder_id: None,
                            starts_at: now + i * 60_000,
                            ends_at: now + 4 * HOUR,
                            note: "",
                            created_by: None,
                        },
                        now,
                    )
                    .await;
                    match result {
                        Ok(_) => {
                            tx.commit().await.expect("commit");
                            true
                        }
                        Err(Refused::Overlap) => false,
                        Err(Refused::Database(error)) => panic!("{error}"),
                    }
                })
            })
            .collect();
        let mut winners = 0;
        for task in tasks {
            winners += usize::from(task.await.expect("task"));
        }
        assert_eq!(winners, 1);
        // Back to back fits; one minute into the next does not, neither by insert nor by update.
        let mut tx = begin_write(db).await.expect("begin");
        let next = reservations::insert(&mut tx, new(now + 4 * HOUR, now + 6 * HOUR), now)
            .await
            .expect("back to back");
        tx.commit().await.expect("commit");
        let mut tx = begin_write(db).await.expect("begin");
        assert!(matches!(
            reservations::insert(&mut tx, new(now + 6 * HOUR - 60_000, now + 7 * HOUR), now).await,
            Err(Refused::Overlap)
        ));
        drop(tx);
        let mut tx = begin_write(db).await.expect("begin");
        let later = reservations::insert(&mut tx, new(now + 7 * HOUR, now + 8 * HOUR), now)
            .await
            .expect("later");
        tx.commit().await.expect("commit");
        let mut tx = begin_write(db).await.expect("begin");
        assert!(matches!(
            reservations::set_end(&mut tx, next, now + 7 * HOUR + 1).await,
            Err(Refused::Overlap)
        ));
        drop(tx);
        // Cancelled reservations make room.
        let mut tx = begin_write(db).await.expect("begin");
        reservations::cancel(&mut tx, later, now).await.expect("cancel");
        reservations::set_end(&mut tx, next, now + 8 * HOUR).await.expect("extend into the freed time");
        tx.commit().await.expect("commit");
    }
}

on_both_databases! {
    async fn extending_a_reservation_into_the_next_is_refused_with_the_clash_named(app) {
        let berlin = municipality(&app, "berlin");
        let mut manager = staff_browser(&app, Role::FleetManager, berlin, None).await;
        let unit = unit_id(&app, "berlin", "PAN-MS-01").await;
        let now = app.state.core.clock.now_ms();
        let page = format!("/fuhrpark/berlin/geraete/{unit}");
        for (from, until, note) in [(1, 3, "Baumpflege"), (3, 5, "Sturmschäden")] {
            let answer = manager
                .post(
                    "/api/fuhrpark/reservieren",
                    &[
                        ("slug", "berlin"),
                        ("unit", &unit.to_string()),
                        ("from", &local_value(now + from * 24 * HOUR)),
                        ("until", &local_value(now + until * 24 * HOUR)),
                        ("note", note),
                    ],
                )
                .await;
            assert_eq!(answer.redirect(), page);
        }
        let first: i64 = sqlx::query_scalar("select id from reservations where note = 'Baumpflege'")
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("first");
        let answer = manager
            .post(
                "/api/fuhrpark/verlaengern",
                &[
                    ("slug", "berlin"),
                    ("reservation", &first.to_string()),
                    ("until", &local_value(now + 4 * 24 * HOUR)),
                    ("back", &page),
                ],
            )
            .await;
        assert_eq!(answer.redirect(), page);
        let shown = manager.get(&page).await.text();
        assert!(shown.contains("Verlängern geht nicht: PAN-MS-01 ist danach schon reserviert"), "{shown}");
        let ends: i64 = sqlx::query_scalar("select ends_at from reservations where id = $1")
            .bind(first)
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("ends");
        assert_eq!(ends, kiezwerk::core::time::parse_local(&local_value(now + 3 * 24 * HOUR)).expect("time"));
    }
}

on_both_databases! {
    async fn a_partner_lends_a_published_unit_and_the_month_statement_lists_it(app) {
        let (berlin, potsdam) = (municipality(&app, "berlin"), municipality(&app, "potsdam"));
        let mut worker = staff_browser(&app, Role::BauhofStaff, berlin, None).await;
        // Own vans would be free too; the manager may still borrow a partner's.
        let id = report_breakdown(&mut worker, "PAN-KT-01", "kleintransporter").await;
        let mut berlin_manager = staff_browser(&app, Role::FleetManager, berlin, None).await;
        let page = berlin_manager.get(&format!("/fuhrpark/berlin/anfrage/{id}")).await.text();
        // Potsdam published PDM-KT-01 to Berlin; its other units are not offered.
        assert!(page.contains("PDM-KT-01 bei Potsdam anfragen"), "{page}");
        assert!(!page.contains("PDM-RL-01"));
        let van = unit_id(&app, "potsdam", "PDM-KT-01").await;
        let asked = berlin_manager
            .post(
                "/api/fuhrpark/ausleihen",
                &[("slug", "berlin"), ("request_id", &id.to_string()), ("unit", &van.to_string())],
            )
            .await;
        assert_eq!(asked.redirect(), format!("/fuhrpark/berlin/anfrage/{id}"));

        let mut potsdam_manager = staff_browser(&app, Role::FleetManager, potsdam, None).await;
        let pool = potsdam_manager.get("/fuhrpark/potsdam/verleih").await.text();
        assert!(pool.contains(&format!("Verleihen für BER-A{id:05}")), "{pool}");
        let loan: i64 = sqlx::query_scalar("select id from loan_requests where breakdown_id = $1")
            .bind(id)
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("loan");
        // Berlin's manager cannot answer Potsdam's loan.
        berlin_manager
            .post(
                "/api/fuhrpark/leihanfrage",
                &[("slug", "berlin"), ("loan", &loan.to_string()), ("decision", "annehmen"), ("unit", &van.to_string())],
            )
            .await;
        let status: String = sqlx::query_scalar("select status from loan_requests where id = $1")
            .bind(loan)
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("status");
        assert_eq!(status, "asked");
        let lent = potsdam_manager
            .post(
                "/api/fuhrpark/leihanfrage",
                &[("slug", "potsdam"), ("loan", &loan.to_string()), ("decision", "annehmen"), ("unit", &van.to_string())],
            )
            .await;
        assert_eq!(lent.redirect(), "/fuhrpark/potsdam/verleih");
        let breakdown = breakdowns::get_in(&app.state.core.db, id).await.expect("query").expect("breakdown");
        assert_eq!(breakdown.status.code(), "allocated");
        let status = worker.get(&format!("/bauhof/berlin/ausfall/{id}/status.json")).await.json();
        assert!(status["detail"].as_str().expect("detail").contains("PDM-KT-01"), "{status}");

        let month = &local_value(app.state.core.clock.now_ms() + HOUR)[..7];
        let csv = potsdam_manager
            .get(&format!("/fuhrpark/potsdam/verleih.csv?partner=berlin&monat={month}"))
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        let text = csv.text();
        assert!(text.contains("verliehen;Potsdam;Berlin;PDM-KT-01;Kleintransporter;"), "{text}");
        assert!(text.contains(&format!("BER-A{id:05}")));
    }
}

on_both_databases! {
    async fn the_register_import_takes_all_lines_or_none_and_names_each_faulty_line(app) {
        let berlin = municipality(&app, "berlin");
        let mut manager = staff_browser(&app, Role::FleetManager, berlin, None).await;
        let before = app.count("units").await;
        let upload = |text: &'static str| {
            let (content_type, body) = crate::helpers::multipart_body(
                &[],
                &[("datei", "geraete.csv", "text/csv", text.as_bytes())],
            );
            axum::http::Request::post("/fuhrpark/berlin/import")
                .header(axum::http::header::CONTENT_TYPE, content_type)
                .body(axum::body::Body::from(body))
                .expect("request")
        };
        let bad = "inventarnummer;typ;hof;status\nPAN-FS-09;freischneider;pankow;verfügbar\nPAN-FS-10;rasenmäher;pankow;\nPAN-FS-11;freischneider;spandau;kaputt\n";
        let answer = manager.send(upload(bad)).await;
        assert_eq!(answer.redirect(), "/fuhrpark/berlin/geraete");
        let page = manager.get("/fuhrpark/berlin/geraete").await.text();
        assert!(page.contains("Zeile 3: Gerätetyp „rasenmäher“ unbekannt"), "{page}");
        assert!(page.contains("Zeile 4: Bauhof „spandau“ unbekannt; Status „kaputt“ unbekannt"), "{page}");
        assert_eq!(app.count("units").await, before, "nothing partial");
        let good = "inventarnummer;typ;hof;status;notizen\nPAN-FS-09;freischneider;pankow;verfügbar;neu\npan-am-02;Aufsitzmäher;mitte;in Reparatur;umgesetzt\n";
        manager.send(upload(good)).await;
        let page = manager.get("/fuhrpark/berlin/geraete").await.text();
        assert!(page.contains("Import: 1 neu, 1 aktualisiert."), "{page}");
        assert_eq!(app.count("units").await, before + 1);
        let moved = register::unit_by_number(&app.state.core.db, berlin, "PAN-AM-02").await.expect("query").expect("unit");
        assert_eq!((moved.yard_name.as_str(), moved.status.code()), ("Bauhof Mitte", "in_repair"));
    }
}

on_both_databases! {
    async fn the_label_sheet_holds_a_qr_code_per_unit_leading_to_its_page(app) {
        let berlin = municipality(&app, "berlin");
        let mut manager = staff_browser(&app, Role::FleetManager, berlin, None).await;
        let sheet = manager.get("/fuhrpark/berlin/etiketten").await.text();
        assert_eq!(sheet.matches("class=\"label\"").count(), 16, "Berlin's sixteen demo units");
        assert!(sheet.contains("/bauhof/berlin/geraet/PAN-AM-01"));
        assert!(sheet.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0"));
        let one = manager.get("/fuhrpark/berlin/etiketten?nummer=PAN-AM-01").await.text();
        assert_eq!(one.matches("class=\"label\"").count(), 1);
        // The page a label leads to.
        let mut worker = staff_browser(&app, Role::BauhofStaff, berlin, None).await;
        let card = worker.get("/bauhof/berlin/geraet/PAN-AM-01").await;
        assert_eq!(card.status, StatusCode::OK);
        assert!(card.text().contains("Dieses Gerät ist ausgefallen"));
    }
}

on_both_databases! {
    async fn each_role_sees_only_its_part_of_the_bauhof_and_nothing_of_another_municipality(app) {
        let (berlin, potsdam) = (municipality(&app, "berlin"), municipality(&app, "potsdam"));
        let mut worker = staff_browser(&app, Role::BauhofStaff, berlin, None).await;
        let id = report_breakdown(&mut worker, "PAN-AM-01", "aufsitzmaeher").await;
        let berlin_unit = unit_id(&app, "berlin", "PAN-AM-02").await;
        let pages = [
            "/bauhof/berlin".to_owned(),
            format!("/bauhof/berlin/ausfall/{id}"),
            format!("/bauhof/berlin/ausfall/{id}/status.json"),
            "/bauhof/berlin/geraet/PAN-AM-02".to_owned(),
            "/fuhrpark/berlin".to_owned(),
            format!("/fuhrpark/berlin/anfrage/{id}"),
            "/fuhrpark/berlin/geraete".to_owned(),
            format!("/fuhrpark/berlin/geraete/{berlin_unit}"),
            "/fuhrpark/berlin/verleih".to_owned(),
            "/fuhrpark/berlin/etiketten".to_owned(),
            "/fuhrpark/berlin/statistik".to_owned(),
        ];
        // (who, which of the pages they may open)
        let cases: [(&str, Who, [bool; 11]); 7] = [
            ("the worker who reported", Who::Reporter, [true, true, true, true, false, false, false, false, false, false, false]),
            ("another Berlin worker", Who::Staff(Role::BauhofStaff, berlin), [true, false, false, true, false, false, false, false, false, false, false]),
            ("Berlin's fleet manager", Who::Staff(Role::FleetManager, berlin), [true; 11]),
            ("Berlin's administrator", Who::Staff(Role::MunicipalAdmin, berlin), [true; 11]),
            ("Potsdam's fleet manager", Who::Staff(Role::FleetManager, potsdam), [false; 11]),
            ("a Berlin dispatcher", Who::Staff(Role::Dispatcher, berlin), [false; 11]),
            ("a signed-in citizen", Who::Citizen, [false; 11]),
        ];
        for (who, asker, allowed) in cases {
            let mut other = match asker {
                Who::Reporter => None,
                Who::Citizen => Some(citizen_browser(&app).await),
                Who::Staff(role, municipality) => {
                    let department = (role == Role::Dispatcher).then(|| {
                        app.state.tenants.registry.by_id(municipality).expect("m").departments[0].id
                    });
                    Some(staff_browser(&app, role, municipality, department).await)
                }
            };
            let browser: &mut Browser = match other.as_mut() {
                Some(browser) => browser,
                None => &mut worker,
            };
            for (page, allowed) in pages.iter().zip(allowed) {
                let status = browser.get(page).await.status;
                assert_eq!(status == StatusCode::OK, allowed, "{who} on {page}: {status}");
            }
        }
        // Signed out: the pages send to the sign-in, the plain endpoints answer 401.
        let mut anonymous = app.browser();
        assert!(anonymous.get("/fuhrpark/berlin").await.status.is_redirection());
        assert_eq!(
            anonymous.get(&format!("/bauhof/berlin/ausfall/{id}/status.json")).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
}
