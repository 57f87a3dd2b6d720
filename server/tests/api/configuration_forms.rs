//! The configuration's forms: a freshly onboarded municipality adopts the starter catalogue
//! and publishes it (its reports then reach the catalogue's departments); departments are added
//! and changed in the draft, every problem named at its field with nothing changed; a
//! category's extra questions are added, changed, moved and removed, and reports keep what they
//! answered; a form's
//! edit keeps a stale draft stale; two administrators editing at once both land; every change
//! is recorded with who made it; nobody else reaches any of it.

use crate::helpers::{report_with_contact, staff_browser, Browser, TestApp};
use crate::on_both_databases;
use axum::http::StatusCode;
use kiezwerk::core::geo::Coordinates;
use kiezwerk::tenants::config::{DepartmentConfig, Emails, MunicipalityConfig, RuleConfig};
use kiezwerk_app::admin::serverfns::{
    AddRule, AdoptStarter, PublishConfig, RearrangeQuestion, RemoveRule, SaveCategory,
    SaveDepartment, SaveQuestion,
};
use kiezwerk_app::model::{MunicipalityId, Role};
use kiezwerk_app::triage::serverfns::report_path;
use leptos::server_fn::ServerFn;

async fn admin_of<'a>(app: &'a TestApp, slug: &str) -> Browser<'a> {
    staff_browser(app, Role::MunicipalAdmin, app.municipality(slug), None).await
}

/// A municipality as the platform creates it (one central office, a fallback rule), between
/// Berlin and Potsdam; its id.
async fn onboard_havelsee(app: &TestApp) -> MunicipalityId {
    let config = MunicipalityConfig {
        slug: "havelsee".into(),
        name: "Havelsee".into(),
        reference_prefix: "HVS".into(),
        boundary: serde_json::from_str(
            r#"{"type":"Polygon","coordinates":[[[12.95,52.56],[13.0,52.56],[13.0,52.59],[12.95,52.59],[12.95,52.56]]]}"#,
        )
        .expect("boundary"),
        departments: vec![DepartmentConfig {
            code: "zentrale".into(),
            name_de: "Zentrale Meldestelle".into(),
            name_en: "Central reporting office".into(),
            email: Emails::one("meldungen@havelsee.example"),
        }],
        groups: Vec::new(),
        areas: Vec::new(),
        rules: vec![RuleConfig {
            category: None,
            group: None,
            area: None,
            department: "zentrale".into(),
            priority: 0,
        }],
        retention: None,
    };
    let _platform = staff_browser(app, Role::PlatformAdmin, app.municipality("berlin"), None).await;
    let account: i64 = sqlx::query_scalar("select max(id) from accounts")
        .fetch_one(&app.state.core.db.pool)
        .await
        .expect("account");
    kiezwerk::tenants::publishing::create(
        &app.state.core.db,
        account,
        app.state.core.clock.now_ms(),
        &config,
    )
    .await
    .expect("create")
    .expect("created")
}

/// The recorded changes of a municipality, oldest first: who (account id) and what (German).
async fn edits(app: &TestApp, id: MunicipalityId) -> Vec<(Option<i64>, String)> {
    sqlx::query_as(
        "select account_id, what_de from config_edits where municipality_id = $1 order by id",
    )
    .bind(id)
    .fetch_all(&app.state.core.db.pool)
    .await
    .expect("edits")
}

fn department_form<'a>(
    slug: &'a str,
    editing: &'a str,
    code: &'a str,
    emails: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", slug),
        ("editing", editing),
        ("code", code),
        ("name_de", "Wildtierberatung"),
        ("name_en", "Wildlife advice"),
        ("emails", emails),
    ]
}

on_both_databases! {
    async fn a_new_municipality_adopts_the_starter_catalogue_adapts_a_department_publishes_and_routes_by_it(app) {
        let id = onboard_havelsee(&app).await;
        // A server started now knows the new municipality.
        let (other, live) = app.second_server().await;
        let mut admin = staff_browser(&other, Role::MunicipalAdmin, id, None).await;

        let page = admin.get("/verwaltung/havelsee/konfiguration").await.text();
        assert!(page.contains("Startkatalog übernehmen"), "offered while there are no categories");
        let adopted = admin.post(AdoptStarter::url(), &[("slug", "havelsee")]).await;
        assert_eq!(adopted.redirect(), "/verwaltung/havelsee/konfiguration/pruefen");
        let draft = admin.get("/verwaltung/havelsee/konfiguration/pruefen").await.text();
        assert!(draft.contains("Der Startkatalog ist im Entwurf: 4 Abteilungen, 13 Kategorien, 6 Regeln."), "the notice");
        assert!(draft.contains("Kategorie neu: Illegale Müllablagerung (illegal-dumping)."));
        assert!(draft.contains("Startkatalog übernommen: 4 Abteilungen, 13 Kategorien, 6 Regeln."), "the recorded change");
        let page = admin.get("/verwaltung/havelsee/konfiguration").await.text();
        assert!(!page.contains("Startkatalog übernehmen"), "not offered once the draft has categories");
        let again = admin.post(AdoptStarter::url(), &[("slug", "havelsee")]).await;
        assert_eq!(again.redirect(), "/verwaltung/havelsee/konfiguration");
        assert!(admin.get("/verwaltung/havelsee/konfiguration").await.text().contains("Der Startkatalog ist für eine Gemeinde ohne Kategorien; der Entwurf hat schon welche."));

        // The catalogue's departments start with the central office's address; one gets its own two.
        let departments = admin.get("/verwaltung/havelsee/konfiguration/abteilungen").await.text();
        assert!(departments.contains("Sie sehen und ändern den Entwurf."));
        assert!(departments.contains("Straßen und Verkehr"));
        let form = admin.get("/verwaltung/havelsee/konfiguration/abteilung?code=strassen").await.text();
        assert!(form.contains("meldungen@havelsee.example"), "the form shows the addresses");
        let mut fields = department_form("havelsee", "strassen", "strassen", "tiefbau@havelsee.example\nbauhof@havelsee.example");
        fields[3] = ("name_de", "Tiefbauamt");
        fields[4] = ("name_en", "Civil engineering office");
        let saved = admin.post(SaveDepartment::url(), &fields).await;
        assert_eq!(saved.redirect(), "/verwaltung/havelsee/konfiguration/abteilungen");
        let departments = admin.get("/verwaltung/havelsee/konfiguration/abteilungen").await.text();
        assert!(departments.contains("Die Änderung an „Tiefbauamt“ ist im Entwurf."));
        assert!(departments.contains("tiefbau@havelsee.example, bauhof@havelsee.example"));

        let published = admin.post(PublishConfig::url(), &[("slug", "havelsee")]).await;
        assert_eq!(published.redirect(), "/verwaltung/havelsee/konfiguration");
        assert!(admin.get("/verwaltung/havelsee/konfiguration").await.text().contains("Fassung 2 ist veröffentlicht"));
        assert!(live.reload_if_changed().await.expect("poll"));
        let state = live.state();
        let inside = Coordinates::new(52.575, 12.975).expect("point");
        for (category, department) in [("pothole", "strassen"), ("illegal-dumping", "ordnungsamt"), ("litter-bin", "abfall"), ("park", "gruenflaechen")] {
            let decision = kiezwerk::routing::route(&state.tenants.registry, category, inside).expect("routed");
            let havelsee = state.tenants.registry.by_id(decision.municipality_id).expect("municipality");
            let to = havelsee.department(decision.department_id).expect("department");
            assert_eq!((havelsee.slug.as_str(), to.code.as_str()), ("havelsee", department), "{category}");
        }
        let strassen = state.tenants.registry.by_slug("havelsee").and_then(|m| m.departments.iter().find(|d| d.code == "strassen")).expect("strassen");
        assert_eq!(strassen.email.0, ["tiefbau@havelsee.example", "bauhof@havelsee.example"]);
        assert_eq!(strassen.name_de, "Tiefbauamt");

        let recorded = edits(&app, id).await;
        let what: Vec<&str> = recorded.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(what, [
            "Startkatalog übernommen: 4 Abteilungen, 13 Kategorien, 6 Regeln.",
            "Abteilung geändert: Tiefbauamt (strassen).",
            "Fassung 2 veröffentlicht.",
        ]);
        assert!(recorded.iter().all(|(who, _)| who.is_some()), "each with who made it");
    }
}

fn category_form<'a>(
    editing: &'a str,
    code: &'a str,
    group: &'a str,
    accept: &'a str,
    resolve: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", "berlin"),
        ("editing", editing),
        ("code", code),
        ("group", group),
        ("name_de", "Wildschweine im Wohngebiet"),
        ("name_en", "Wild boar in a residential area"),
        ("hint_de", "Rotten in Gärten und auf Spielplätzen"),
        ("hint_en", ""),
        ("accept_days", accept),
        ("resolve_days", resolve),
    ]
}

on_both_databases! {
    async fn a_category_is_added_and_changed_in_the_form_keeping_its_questions_and_every_problem_is_named_at_its_field(app) {
        let (_other, live) = app.second_server().await;
        let mut admin = admin_of(&app, "berlin").await;
        let list = "/verwaltung/berlin/konfiguration/kategorien";
        let form = "/verwaltung/berlin/konfiguration/kategorie";
        assert!(admin.get(list).await.text().contains("Illegale Müllablagerung"));
        assert!(admin.get(form).await.text().contains("value=\"10\""), "the usual deadlines offered");

        let long = "x".repeat(2_001);
        let mut too_long = category_form("", "wildschweine", "sauberkeit", "2", "10");
        too_long[6] = ("hint_de", &long);
        for (fields, field, expected) in [
            (category_form("", "Wild Schweine", "sauberkeit", "2", "10"), "code", "Geben Sie einen Code aus Kleinbuchstaben"),
            (category_form("", "pothole", "sauberkeit", "2", "10"), "code", "Den Code „pothole“ hat schon eine Kategorie."),
            (category_form("", "wildschweine", "", "2", "10"), "group", "Wählen Sie eine Gruppe."),
            (category_form("", "wildschweine", "sauberkeit", "0", "10"), "accept_days", "Geben Sie die Frist zum Annehmen als ganze Zahl von 1 bis 60 an."),
            (category_form("", "wildschweine", "sauberkeit", "5", "3"), "resolve_days", "mindestens die Frist zum Annehmen"),
            (too_long, "hint_de", "Der deutsche Hilfetext ist zu lang"),
        ] {
            let refused = admin.post(SaveCategory::url(), &fields).await;
            assert_eq!(refused.redirect(), form, "{expected}");
            let page = admin.get(form).await.text();
            assert!(page.contains(expected), "{expected}");
            assert!(page.contains(&format!("href=\"#{field}\"")), "the summary links to {field}");
            assert!(page.contains("value=\"Wildschweine im Wohngebiet\""), "typed values kept");
        }
        assert_eq!(app.count("config_drafts").await, 0, "nothing kept");

        let added = admin.post(SaveCategory::url(), &category_form("", "wildschweine", "sauberkeit", "1", "5")).await;
        assert_eq!(added.redirect(), list);
        assert!(admin.get(list).await.text().contains("Kategorie „Wildschweine im Wohngebiet“ ist im Entwurf."));
        // Illegal dumping moves to another group with new deadlines; its two questions stay.
        let mut moved = category_form("illegal-dumping", "illegal-dumping", "verkehr", "3", "12");
        moved[4] = ("name_de", "Illegale Müllablagerung");
        moved[5] = ("name_en", "Illegally dumped waste");
        let changed = admin.post(SaveCategory::url(), &moved).await;
        assert_eq!(changed.redirect(), list);
        let gone = admin.post(SaveCategory::url(), &category_form("einhorn", "einhorn", "verkehr", "3", "12")).await;
        assert_eq!(gone.redirect(), list);
        let page = admin.get(list).await.text();
        assert!(page.contains("Die Kategorie „einhorn“ gibt es im Entwurf nicht (mehr)."));
        assert!(page.contains("href=\"#categories\""));
        let draft = admin.get("/verwaltung/berlin/konfiguration/pruefen").await.text();
        assert!(draft.contains("Kategorie neu: Wildschweine im Wohngebiet (wildschweine)."), "the draft's changes");

        let published = admin.post(PublishConfig::url(), &[("slug", "berlin")]).await;
        assert_eq!(published.redirect(), "/verwaltung/berlin/konfiguration");
        assert!(live.reload_if_changed().await.expect("poll"));
        let state = live.state();
        let berlin = state.tenants.registry.by_slug("berlin").expect("berlin");
        let boar = berlin.category("wildschweine").expect("the new category");
        assert_eq!((boar.accept_days, boar.resolve_days), (1, 5));
        assert_eq!(boar.hint_de.as_deref(), Some("Rotten in Gärten und auf Spielplätzen"));
        assert_eq!(boar.hint_en, None, "an empty help text is none");
        let dumping = berlin.category("illegal-dumping").expect("dumping");
        assert_eq!(dumping.questions.len(), 2, "its questions kept");
        assert_eq!((dumping.accept_days, dumping.resolve_days), (3, 12));
        assert_eq!(berlin.group(dumping.group_id).expect("group").code, "verkehr");
    }
}

fn question_form<'a>(
    editing: &'a str,
    code: &'a str,
    kind: &'a str,
    max_len: &'a str,
    choices: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", "berlin"),
        ("category", "illegal-dumping"),
        ("editing", editing),
        ("code", code),
        ("label_de", "Liegt es auf dem Gehweg?"),
        ("label_en", "Is it on the pavement?"),
        ("hint_de", ""),
        ("hint_en", ""),
        ("required", "ja"),
        ("kind", kind),
        ("max_len", max_len),
        ("choices", choices),
    ]
}

on_both_databases! {
    async fn extra_questions_are_added_changed_moved_and_removed_in_the_form_and_reports_keep_what_they_answered(app) {
        // Sent before anything changed: "Bauschutt", "small".
        let (before, _) = report_with_contact(&app, "berlin", "demo-key", "52.5413", "13.4124").await;
        let (other, live) = app.second_server().await;
        let mut admin = admin_of(&app, "berlin").await;
        let category = "/verwaltung/berlin/konfiguration/kategorie?code=illegal-dumping";
        let form = "/verwaltung/berlin/konfiguration/frage?kategorie=illegal-dumping";
        let page = admin.get(category).await.text();
        assert!(page.contains("Was für Abfall ist es?") && page.contains("Auswahl aus 5 Antworten"), "the questions listed");
        assert!(admin.get(form).await.text().contains("value=\"200\""), "free text of 200 characters offered");
        let unknown = "/verwaltung/berlin/konfiguration/frage?kategorie=illegal-dumping&code=nope";
        assert_eq!(admin.get(unknown).await.status, StatusCode::NOT_FOUND);

        for (fields, field, expected) in [
            (question_form("", "waste_kind", "text", "200", ""), "code", "Den Code „waste_kind“ hat schon eine Frage dieser Kategorie."),
            (question_form("", "Geh weg", "text", "200", ""), "code", "Geben Sie einen Code aus Kleinbuchstaben"),
            (question_form("", "gehweg", "", "200", ""), "kind", "Wählen Sie, wie die Frage beantwortet wird."),
            (question_form("", "gehweg", "text", "0", ""), "max_len", "von 1 bis 5.000"),
            (question_form("", "gehweg", "auswahl", "200", "Ja | Yes"), "choices", "mindestens 2 Antworten"),
            (question_form("", "gehweg", "auswahl", "200", "Ja | Yes\nNein"), "choices", "Zeile 2:"),
        ] {
            let refused = admin.post(SaveQuestion::url(), &fields).await;
            assert_eq!(refused.redirect(), form, "{expected}");
            let page = admin.get(form).await.text();
            assert!(page.contains(expected), "{expected}");
            assert!(page.contains(&format!("href=\"#{field}\"")), "the summary links to {field}");
            assert!(page.contains("value=\"Liegt es auf dem Gehweg?\""), "typed values kept");
        }
        assert_eq!(app.count("config_drafts").await, 0, "nothing kept");

        let added = admin.post(SaveQuestion::url(), &question_form("", "gehweg", "auswahl", "200", "Ja | Yes\nNein | No")).await;
        assert_eq!(added.redirect(), category);
        assert!(admin.get(category).await.text().contains("Die Frage „Liegt es auf dem Gehweg?“ ist im Entwurf."));
        // The waste question reworded; its answers matched by their German or English wording,
        // three removed, one new; the code the form sends is ignored.
        let mut reworded = question_form(
            "waste_kind",
            "anything",
            "auswahl",
            "200",
            "Hausmüll oder Säcke | Household waste\nSperrmüll | Furniture or bulky waste\nReifen | Tyres",
        );
        reworded[4] = ("label_de", "Welcher Abfall liegt dort?");
        reworded[5] = ("label_en", "Which waste is there?");
        assert_eq!(admin.post(SaveQuestion::url(), &reworded).await.redirect(), category);
        let rearrange = |code: &'static str, action: &'static str| {
            [("slug", "berlin"), ("category", "illegal-dumping"), ("code", code), ("action", action)]
        };
        assert_eq!(admin.post(RearrangeQuestion::url(), &rearrange("amount", "entfernen")).await.redirect(), category);
        assert_eq!(admin.post(RearrangeQuestion::url(), &rearrange("gehweg", "nach-oben")).await.redirect(), category);
        assert_eq!(admin.post(RearrangeQuestion::url(), &rearrange("amount", "entfernen")).await.redirect(), category);
        let page = admin.get(category).await.text();
        assert!(page.contains("Die Frage „amount“ gibt es in dieser Kategorie im Entwurf nicht (mehr)."));
        assert!(page.contains("href=\"#questions\""));
        let draft = admin.get("/verwaltung/berlin/konfiguration/pruefen").await.text();
        for change in [
            "Frage hinzugefügt: Liegt es auf dem Gehweg? (illegal-dumping/gehweg).",
            "Frage geändert: Welcher Abfall liegt dort? (illegal-dumping/waste_kind).",
            "Frage entfernt: Wie viel ist es ungefähr? (illegal-dumping/amount).",
            "Frage nach oben: Liegt es auf dem Gehweg? (illegal-dumping/gehweg).",
        ] {
            assert!(draft.contains(change), "recorded: {change}");
        }

        let published = admin.post(PublishConfig::url(), &[("slug", "berlin")]).await;
        assert_eq!(published.redirect(), "/verwaltung/berlin/konfiguration");
        assert!(live.reload_if_changed().await.expect("poll"));
        let state = live.state();
        let dumping = state.tenants.registry.by_slug("berlin").and_then(|b| b.category("illegal-dumping")).expect("dumping");
        let codes: Vec<&str> = dumping.questions.iter().map(|q| q.code.as_str()).collect();
        assert_eq!(codes, ["gehweg", "waste_kind"], "asked in the new order");
        let values: Vec<&str> = dumping.questions[1].choices.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(values, ["household", "bulky", "reifen"], "kept answers keep their values");
        assert!(dumping.questions[0].required);

        // A new report must answer the new question; one that does is shown as worded now.
        let report = |gehweg: &'static str| {
            vec![
                ("api_key", "demo-key"), ("jurisdiction_id", "berlin"), ("service_code", "illegal-dumping"),
                ("lat", "52.5413"), ("long", "13.4124"), ("description", "Reifen"),
                ("attribute[waste_kind]", "reifen"), ("attribute[gehweg]", gehweg),
            ]
        };
        let missing = other.post_form("/open311/v2/requests.json", &report("")).await;
        assert_eq!(missing.status, StatusCode::BAD_REQUEST, "{}", missing.text());
        let created = other.post_form("/open311/v2/requests.json", &report("ja")).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
        let after = created.json()[0]["service_request_id"].as_str().expect("id").to_owned();

        let mut dispatcher = staff_browser(&other, Role::Dispatcher, app.municipality("berlin"), None).await;
        let shown = dispatcher.get(&report_path(&before)).await.text();
        for kept in ["Was für Abfall ist es?", "Bauschutt", "Wie viel ist es ungefähr?"] {
            assert!(shown.contains(kept), "the earlier report keeps {kept}");
        }
        assert!(!shown.contains("Liegt es auf dem Gehweg?"), "and was not asked the new question");
        let shown = dispatcher.get(&report_path(&after)).await.text();
        for worded in ["Liegt es auf dem Gehweg?", "Welcher Abfall liegt dort?", "Reifen"] {
            assert!(shown.contains(worded), "the new report shows {worded}");
        }
    }
}

fn rule_form<'a>(
    what: &'a str,
    area: &'a str,
    department: &'a str,
    priority: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", "berlin"),
        ("what", what),
        ("area", area),
        ("department", department),
        ("priority", priority),
    ]
}

on_both_databases! {
    async fn a_rule_added_in_the_form_sends_reports_to_a_new_department_and_a_useless_or_missing_rule_is_refused(app) {
        let (_other, live) = app.second_server().await;
        let mut admin = admin_of(&app, "berlin").await;
        let rules = "/verwaltung/berlin/konfiguration/regeln";
        let page = admin.get(rules).await.text();
        assert!(page.contains("Gruppe Sauberkeit") && page.contains("Pankow"), "the choices");
        let added = admin.post(SaveDepartment::url(), &department_form("berlin", "", "wildtiere", "wild@example.org")).await;
        assert_eq!(added.redirect(), "/verwaltung/berlin/konfiguration/abteilungen");

        for (fields, field, expected) in [
            (rule_form("kategorie:einhorn", "", "wildtiere", "0"), "what", "Wählen Sie eine Kategorie, eine Gruppe"),
            (rule_form("kategorie:illegal-dumping", "atlantis", "wildtiere", "0"), "area", "Wählen Sie ein Gebiet"),
            (rule_form("kategorie:illegal-dumping", "pankow", "", "0"), "department", "Wählen Sie eine Abteilung."),
            (rule_form("kategorie:illegal-dumping", "pankow", "wildtiere", "zehn"), "priority", "Geben Sie den Vorrang als ganze Zahl"),
            (rule_form("gruppe:sauberkeit", "pankow", "wildtiere", "0"), "what", "gibt es schon eine Regel mit gleichem Vorrang, an „Ordnungsamt Pankow“"),
        ] {
            let refused = admin.post(AddRule::url(), &fields).await;
            assert_eq!(refused.redirect(), rules, "{expected}");
            let page = admin.get(rules).await.text();
            assert!(page.contains(expected), "{expected}");
            assert!(page.contains(&format!("href=\"#{field}\"")), "the summary links to {field}");
        }
        let added = admin.post(AddRule::url(), &rule_form("kategorie:illegal-dumping", "pankow", "wildtiere", "10")).await;
        assert_eq!(added.redirect(), rules);
        let page = admin.get(rules).await.text();
        assert!(page.contains("Die Regel „illegal-dumping × pankow → wildtiere (10)“ ist im Entwurf."));
        let again = admin.post(AddRule::url(), &rule_form("kategorie:illegal-dumping", "pankow", "wildtiere", "10")).await;
        assert_eq!(again.redirect(), rules);
        assert!(admin.get(rules).await.text().contains("Diese Regel gibt es schon."));

        // Without its only fallback no report would be sure of a recipient: refused.
        let fallback = kiezwerk::tenants::publishing::draft(&app.state.core.db, app.municipality("berlin"))
            .await.expect("draft").expect("a draft")
            .config.rules.iter().find(|r| r.category.is_none() && r.group.is_none() && r.area.is_none())
            .map(kiezwerk::tenants::publishing::describe_rule).expect("fallback");
        let refused = admin.post(RemoveRule::url(), &[("slug", "berlin"), ("rule", &fallback)]).await;
        assert_eq!(refused.redirect(), rules);
        let page = admin.get(rules).await.text();
        assert!(page.contains("Es gibt keine Auffangregel"), "the check's words");
        assert!(page.contains("href=\"#rules\""));
        let gone = admin.post(RemoveRule::url(), &[("slug", "berlin"), ("rule", "unicorns × * → nobody")]).await;
        assert_eq!(gone.redirect(), rules);
        assert!(admin.get(rules).await.text().contains("Diese Regel gibt es im Entwurf nicht (mehr)."));

        let published = admin.post(PublishConfig::url(), &[("slug", "berlin")]).await;
        assert_eq!(published.redirect(), "/verwaltung/berlin/konfiguration");
        assert!(live.reload_if_changed().await.expect("poll"));
        let state = live.state();
        let pankow = Coordinates::new(52.5413, 13.4124).expect("point");
        let decision = kiezwerk::routing::route(&state.tenants.registry, "illegal-dumping", pankow).expect("routed");
        let berlin = state.tenants.registry.by_slug("berlin").expect("berlin");
        assert_eq!(berlin.department(decision.department_id).expect("department").code, "wildtiere");

        let removed = admin.post(RemoveRule::url(), &[("slug", "berlin"), ("rule", "illegal-dumping × pankow → wildtiere (10)")]).await;
        assert_eq!(removed.redirect(), rules);
        assert!(admin.get(rules).await.text().contains("ist aus dem Entwurf entfernt"));
        let what: Vec<String> = edits(&app, app.municipality("berlin")).await.into_iter().map(|(_, w)| w).collect();
        assert_eq!(what, [
            "Abteilung hinzugefügt: Wildtierberatung (wildtiere).",
            "Regel hinzugefügt: illegal-dumping × pankow → wildtiere (10).",
            "Fassung 2 veröffentlicht.",
            "Regel entfernt: illegal-dumping × pankow → wildtiere (10).",
        ]);
    }
}

on_both_databases! {
    async fn a_department_form_names_every_problem_at_its_field_and_changes_nothing(app) {
        let mut admin = admin_of(&app, "berlin").await;
        let id = app.municipality("berlin");
        let form = "/verwaltung/berlin/konfiguration/abteilung";
        for (code, emails, field, expected) in [
            ("Wild Tiere", "wild@example.org", "code", "Geben Sie einen Code aus Kleinbuchstaben"),
            ("bsr", "wild@example.org", "code", "Den Code „bsr“ hat schon eine Abteilung."),
            ("wildtiere", "", "emails", "Geben Sie mindestens eine E-Mail-Adresse an"),
            ("wildtiere", "wild@example.org, kein-at", "emails", "„kein-at“ ist keine E-Mail-Adresse wie meldungen@gemeinde.de."),
        ] {
            let refused = admin.post(SaveDepartment::url(), &department_form("berlin", "", code, emails)).await;
            assert_eq!(refused.redirect(), form, "{expected}");
            let page = admin.get(form).await.text();
            assert!(page.contains(expected), "{expected}");
            assert!(page.contains(&format!("href=\"#{field}\"")), "the summary links to {field}");
            assert!(page.contains("value=\"Wildtierberatung\""), "typed values kept");
        }
        let mut nameless = department_form("berlin", "bsr", "bsr", "service@bsr.example");
        nameless[3] = ("name_de", " ");
        let refused = admin.post(SaveDepartment::url(), &nameless).await;
        assert_eq!(refused.redirect(), "/verwaltung/berlin/konfiguration/abteilung?code=bsr");
        assert!(admin.get("/verwaltung/berlin/konfiguration/abteilung?code=bsr").await.text().contains("Geben Sie den deutschen Namen an"));
        // A department that is no longer there: its form is gone, the list says so.
        let gone = admin.post(SaveDepartment::url(), &department_form("berlin", "niemand", "niemand", "wild@example.org")).await;
        assert_eq!(gone.redirect(), "/verwaltung/berlin/konfiguration/abteilungen");
        let page = admin.get("/verwaltung/berlin/konfiguration/abteilungen").await.text();
        assert!(page.contains("Die Abteilung „niemand“ gibt es im Entwurf nicht (mehr)."));
        assert!(page.contains("href=\"#departments\""));
        assert_eq!(app.count("config_drafts").await, 0, "nothing kept");
        assert!(edits(&app, id).await.is_empty(), "nothing recorded");

        let added = admin.post(SaveDepartment::url(), &department_form("berlin", "", "wildtiere", "wild@example.org; tiere@example.org")).await;
        assert_eq!(added.redirect(), "/verwaltung/berlin/konfiguration/abteilungen");
        let page = admin.get("/verwaltung/berlin/konfiguration/abteilungen").await.text();
        assert!(page.contains("Abteilung „Wildtierberatung“ ist im Entwurf."));
        assert!(page.contains("wild@example.org, tiere@example.org"));
        let draft = admin.get("/verwaltung/berlin/konfiguration/pruefen").await.text();
        assert!(draft.contains("Abteilung neu: Wildtierberatung (wildtiere)."), "the draft's changes");
        assert!(draft.contains("Abteilung hinzugefügt: Wildtierberatung (wildtiere)."), "the recorded change");
        let in_force = kiezwerk::tenants::publishing::current_of(&app.state.core.db, id).await.expect("in force");
        assert!(!in_force.departments.iter().any(|d| d.code == "wildtiere"), "nothing applies before publishing");
        let unknown = admin.get("/verwaltung/berlin/konfiguration/abteilung?code=niemand").await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    }
}

on_both_databases! {
    async fn two_administrators_adding_departments_at_once_both_land_in_the_draft(app) {
        let mut first = admin_of(&app, "berlin").await;
        let mut second = admin_of(&app, "berlin").await;
        let (wild, shelter) = (
            department_form("berlin", "", "wildtiere", "wild@example.org"),
            department_form("berlin", "", "tierheim", "tierheim@example.org"),
        );
        let (a, b) = tokio::join!(
            first.post(SaveDepartment::url(), &wild),
            second.post(SaveDepartment::url(), &shelter),
        );
        assert_eq!(a.redirect(), "/verwaltung/berlin/konfiguration/abteilungen");
        assert_eq!(b.redirect(), "/verwaltung/berlin/konfiguration/abteilungen");
        let draft = kiezwerk::tenants::publishing::draft(&app.state.core.db, app.municipality("berlin"))
            .await
            .expect("draft")
            .expect("a draft");
        for code in ["wildtiere", "tierheim"] {
            assert!(draft.config.departments.iter().any(|d| d.code == code), "{code}");
        }
        assert_eq!(edits(&app, app.municipality("berlin")).await.len(), 2);
    }
}

on_both_databases! {
    async fn a_form_keeps_a_draft_that_another_publication_made_stale_refused(app) {
        let mut admin = admin_of(&app, "berlin").await;
        let added = admin.post(SaveDepartment::url(), &department_form("berlin", "", "wildtiere", "wild@example.org")).await;
        assert_eq!(added.redirect(), "/verwaltung/berlin/konfiguration/abteilungen");
        // Meanwhile the command line publishes a change.
        let mut changed = MunicipalityConfig::from_json(include_str!("../../demo/berlin.json")).expect("config");
        changed.rules.push(crate::helpers::dumping_in_pankow_to_bsr());
        kiezwerk::tenants::config::import(&app.state.core.db, app.state.core.clock.now_ms(), &changed).await.expect("import");
        let again = admin.post(SaveDepartment::url(), &department_form("berlin", "", "tierheim", "tierheim@example.org")).await;
        assert_eq!(again.redirect(), "/verwaltung/berlin/konfiguration/abteilungen");
        let page = admin.get("/verwaltung/berlin/konfiguration/abteilungen").await.text();
        assert!(page.contains("Achtung: Dieser Entwurf beruht auf Fassung 1, inzwischen gilt Fassung 2."), "the forms say so");
        let refused = admin.post(PublishConfig::url(), &[("slug", "berlin")]).await;
        assert_eq!(refused.redirect(), "/verwaltung/berlin/konfiguration");
        let page = admin.get("/verwaltung/berlin/konfiguration").await.text();
        assert!(page.contains("ist Fassung 2 in Kraft getreten; er beruht auf Fassung 1"), "still stale");
        assert_eq!(app.count("config_publications").await, 3, "nothing published");
    }
}

on_both_databases! {
    async fn only_the_municipalitys_administrators_reach_its_forms(app) {
        let mut potsdam_admin = admin_of(&app, "potsdam").await;
        for path in [
            "/verwaltung/berlin/konfiguration/abteilungen",
            "/verwaltung/berlin/konfiguration/abteilung",
            "/verwaltung/berlin/konfiguration/abteilung?code=bsr",
        ] {
            assert_eq!(potsdam_admin.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        let refused = potsdam_admin.post(SaveDepartment::url(), &department_form("berlin", "", "wildtiere", "wild@example.org")).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let refused = potsdam_admin.post(AdoptStarter::url(), &[("slug", "berlin")]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(potsdam_admin.get("/verwaltung/berlin/konfiguration/regeln").await.status, StatusCode::NOT_FOUND);
        assert_eq!(potsdam_admin.get("/verwaltung/berlin/konfiguration/kategorien").await.status, StatusCode::NOT_FOUND);
        assert_eq!(potsdam_admin.get("/verwaltung/berlin/konfiguration/kategorie?code=pothole").await.status, StatusCode::NOT_FOUND);
        let refused = potsdam_admin.post(SaveCategory::url(), &category_form("", "wildschweine", "sauberkeit", "2", "10")).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(potsdam_admin.get("/verwaltung/berlin/konfiguration/frage?kategorie=illegal-dumping").await.status, StatusCode::NOT_FOUND);
        let refused = potsdam_admin.post(SaveQuestion::url(), &question_form("", "gehweg", "text", "200", "")).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let refused = potsdam_admin.post(RearrangeQuestion::url(), &[("slug", "berlin"), ("category", "illegal-dumping"), ("code", "amount"), ("action", "entfernen")]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let refused = potsdam_admin.post(AddRule::url(), &rule_form("", "", "bsr", "0")).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let refused = potsdam_admin.post(RemoveRule::url(), &[("slug", "berlin"), ("rule", "* × * → ordnungsamt-mitte")]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let berlin = app.municipality("berlin");
        let mut dispatcher = staff_browser(&app, Role::Dispatcher, berlin, None).await;
        assert_eq!(dispatcher.get("/verwaltung/berlin/konfiguration/abteilungen").await.status, StatusCode::NOT_FOUND);
        let refused = dispatcher.post(SaveDepartment::url(), &department_form("berlin", "", "wildtiere", "wild@example.org")).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(app.get("/verwaltung/berlin/konfiguration/abteilungen").await.redirect(), "/konto/anmelden");
        assert_eq!(app.count("config_drafts").await, 0);
        assert_eq!(app.count("config_edits").await, 0);

        let mut platform = staff_browser(&app, Role::PlatformAdmin, berlin, None).await;
        let added = platform.post(SaveDepartment::url(), &department_form("berlin", "", "wildtiere", "wild@example.org")).await;
        assert_eq!(added.redirect(), "/verwaltung/berlin/konfiguration/abteilungen");
    }
}
