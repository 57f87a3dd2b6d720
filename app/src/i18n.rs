//! Every user-facing string, in German (the default) and English.
//!
//! One `texts!` entry per string keeps both languages side by side; a missing translation is a
//! compile error, not a blank on screen.

use serde::{Deserialize, Serialize};

/// The language a page is shown in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// A whole number as people read it: "960.000" in German, "960,000" in English.
    pub fn count(self, n: u64) -> String {
        let digits = n.to_string();
        let separator = match self {
            Lang::De => '.',
            Lang::En => ',',
        };
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(digit);
        }
        out
    }

    pub fn parse(tag: &str) -> Option<Lang> {
        match tag.trim().get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("de") => Some(Lang::De),
            Some("en") => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a person chose (the language cookie's value), else the first supported
    /// entry of `Accept-Language`, else German.
    pub fn negotiate(chosen: Option<&str>, accept_language: Option<&str>) -> Lang {
        let from_cookie = chosen.and_then(Lang::parse);
        let from_header = || {
            accept_language.and_then(|header| {
                let mut ranked: Vec<(f32, Lang)> = header
                    .split(',')
                    .filter_map(|item| {
                        let mut parts = item.split(';');
                        let lang = Lang::parse(parts.next()?)?;
                        let quality = parts
                            .find_map(|p| p.trim().strip_prefix("q="))
                            .and_then(|q| q.parse().ok())
                            .unwrap_or(1.0);
                        Some((quality, lang))
                    })
                    .collect();
                ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
                ranked.first().map(|(_, lang)| *lang)
            })
        };
        from_cookie.or_else(from_header).unwrap_or_default()
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }

    /// The German or the English of a pair, for texts that come in both (a municipality's
    /// category names, a question's label or optional hint).
    pub fn pick<T>(self, de: T, en: T) -> T {
        match self {
            Lang::De => de,
            Lang::En => en,
        }
    }

    /// The other language, offered by the language switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::De => Lang::En,
            Lang::En => Lang::De,
        }
    }
}

/// Replaces `{}` placeholders in order.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut next = 0;
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        // `{}` takes the next argument, `{n}` the n-th (for languages that order them otherwise).
        let index = match &rest[open + 1..close] {
            "" => {
                next += 1;
                Some(next - 1)
            }
            number => number.parse::<usize>().ok(),
        };
        out.push_str(&rest[..open]);
        match index {
            Some(i) => out.push_str(args.get(i).copied().unwrap_or("")),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A table of strings in both languages: a struct `$table` with one field per key and its German
/// and English instances. The shared texts below are one; a domain with many texts of its own
/// keeps its table in its folder (`equipment::texts`).
#[macro_export]
macro_rules! text_table {
    ($(#[$meta:meta])* $table:ident, $de_table:ident, $en_table:ident;
     $($key:ident { de: $de:expr, en: $en:expr $(,)? })*) => {
        $(#[$meta])*
        pub struct $table { $(pub $key: &'static str,)* }
        pub static $de_table: $table = $table { $($key: $de,)* };
        pub static $en_table: $table = $table { $($key: $en,)* };
    };
}

text_table! {
    /// All shared strings of one language.
    Texts, DE, EN;
    site_name { de: "Kiezwerk", en: "Kiezwerk" }
    source_districts_what { de: "Grenzen der Berliner Bezirke", en: "Boundaries of Berlin's districts" }
    source_districts_source { de: "Geometrie der amtlichen Bezirksgrenzen Berlins, aufbereitet vom Projekt „Gieß den Kiez“", en: "Geometry of Berlin's official district boundaries, prepared by the “Gieß den Kiez” project" }
    source_districts_licence { de: "MIT-Lizenz", en: "MIT licence" }
    source_municipalities_what { de: "Gemeindegrenzen von Berlin und Potsdam (VG250)", en: "Municipal boundaries of Berlin and Potsdam (VG250)" }
    source_municipalities_source { de: "© GeoBasis-DE / BKG, Daten verändert", en: "© GeoBasis-DE / BKG, data modified" }
    source_municipalities_licence { de: "Datenlizenz Deutschland – Namensnennung – Version 2.0", en: "Data licence Germany – attribution – version 2.0" }
    source_basemap_what { de: "Kartenhintergrund", en: "Background map" }
    source_basemap_source { de: "Je nach Einrichtung basemap.de (© GeoBasis-DE / BKG) oder OpenStreetMap (© OpenStreetMap-Mitwirkende)", en: "Depending on the installation basemap.de (© GeoBasis-DE / BKG) or OpenStreetMap (© OpenStreetMap contributors)" }
    source_basemap_licence { de: "CC BY 4.0 bzw. ODbL 1.0", en: "CC BY 4.0 or ODbL 1.0" }
    source_libraries_what { de: "Kartenbibliothek Leaflet und Gestaltung KERN UX", en: "Leaflet map library and KERN UX design" }
    source_libraries_source { de: "© Vladimir Agafonkin und Mitwirkende; KERN-Team (Dataport und weitere)", en: "© Vladimir Agafonkin and contributors; KERN team (Dataport and others)" }
    source_libraries_licence { de: "BSD-2-Clause; EUPL-1.2", en: "BSD-2-Clause; EUPL-1.2" }
    privacy_paragraph_1 { de: "Für eine Meldung speichern wir die Art des Problems, den Ort, Ihre Beschreibung, Ihre Antworten auf Zusatzfragen, Ihre Fotos und – nur wenn Sie sie angeben – Ihre E-Mail-Adresse. Ein Konto ist nicht nötig.", en: "For a report we store the kind of problem, the place, your description, your answers to extra questions, your photos and – only if you give it – your e-mail address. You do not need an account." }
    privacy_paragraph_2 { de: "Fotos werden beim Hochladen neu berechnet. Dabei werden alle Metadaten entfernt, auch Aufnahmeort (GPS), Kameramodell und Aufnahmezeit. Gespeichert und gezeigt werden nur die bereinigten Bilder.", en: "Photos are re-encoded on upload. This removes all metadata, including the location (GPS), camera model and time taken. Only the cleaned images are stored and shown." }
    privacy_paragraph_3 { de: "Öffentlich sichtbar sind Art, Ort (Gebiet), zuständiges Amt, Bearbeitungsstand, Verlauf und Fotos. Ihre Beschreibung und Ihre E-Mail-Adresse sehen nur Sie (über Ihren persönlichen Link) und das zuständige Amt.", en: "Publicly visible are the kind, the place (area), the responsible office, the progress, the timeline and the photos. Your description and e-mail address are seen only by you (through your personal link) and the responsible office." }
    privacy_paragraph_4 { de: "Angefangene, nicht abgeschickte Meldungen werden nach 24 Stunden samt Fotos gelöscht. Ihr Entwurf ist über ein technisch notwendiges Cookie mit Ihrem Browser verknüpft; ein zweites Cookie merkt sich die gewählte Sprache. Wir setzen keine Tracking- oder Werbe-Cookies.", en: "Reports that were started but not sent are deleted with their photos after 24 hours. Your draft is linked to your browser by a technically necessary cookie; a second cookie remembers your language. We use no tracking or advertising cookies." }
    privacy_paragraph_trees { de: "Wenn Sie angemeldet einen Stadtbaum adoptieren oder eine Gießung eintragen, speichern wir das mit Ihrem Konto. Andere sehen nur, wie viele Paten ein Baum hat und wann wie viel gegossen wurde – nie, von wem. Sie können Gießungen ändern und löschen und Patenschaften beenden; beides steht in Ihrer Datenauskunft. Löschen Sie Ihr Konto, enden Ihre Patenschaften, und Ihre Gießungen bleiben ohne Bezug zu Ihnen in der Statistik.", en: "When you adopt a street tree or log a watering while signed in, we store it with your account. Others only see how many adopters a tree has and when how much was watered – never by whom. You can change and delete waterings and end adoptions; both are part of your data export. If you delete your account, your adoptions end and your waterings stay in the statistics without any link to you." }
    privacy_paragraph_retention { de: "Ist eine Meldung abgeschlossen, löschen wir Ihre E-Mail-Adresse und die Adressen von Personen, die der Meldung folgen, nach der Frist der Gemeinde – in der Regel 90 Tage nach dem Abschluss –, die Fotos nach einer zweiten Frist, in der Regel ein Jahr. Was danach bleibt (Art, Ort, Amt, Verlauf), lässt keinen Rückschluss mehr auf Sie zu. Wird eine Meldung wieder geöffnet, läuft die Frist erst ab dem neuen Abschluss.", en: "Once a report is closed, we erase your e-mail address and those of people following the report after the municipality's period – usually 90 days after closing –, and the photos after a second period, usually one year. What remains (kind, place, department, timeline) no longer points to you. If a report is reopened, the period runs from its new closing." }
    privacy_paragraph_5 { de: "Verantwortlich für die Bearbeitung Ihrer Meldung ist die zuständige Gemeinde. Sie haben das Recht auf Auskunft, Berichtigung und Löschung (Art. 15–17 DSGVO).", en: "The responsible municipality is the controller for your report. You have the right of access, rectification and erasure (Art. 15–17 GDPR)." }
    mail_hello { de: "Hallo {},", en: "Hello {}," }
    open311_unknown_path { de: "Nicht gefunden. Die Endpunkte stehen in /open311/discovery.json.", en: "Not found. The endpoints are listed in /open311/discovery.json." }
    open311_wrong_method { de: "Diese Methode ist hier nicht erlaubt.", en: "This method is not allowed here." }
    open311_technical { de: "Technischer Fehler.", en: "Technical error." }
    open311_jurisdiction_missing { de: "jurisdiction_id fehlt (zum Beispiel \"berlin\").", en: "jurisdiction_id is missing (for example \"berlin\")." }
    open311_jurisdiction_unknown { de: "Unbekannte jurisdiction_id \"{}\".", en: "Unknown jurisdiction_id \"{}\"." }
    open311_not_found { de: "Nicht gefunden: Dateien dieser Schnittstelle enden auf .xml oder .json.", en: "Not found: this API's files end in .xml or .json." }
    open311_key_service { de: "Schlüssel vergibt die Verwaltung der Gemeinde (Verwaltung › Schnittstellen-Schlüssel).", en: "Keys are issued by the municipality's administration (Administration › API keys)." }
    open311_service_unknown { de: "Unbekannter service_code \"{}\".", en: "Unknown service_code \"{}\"." }
    open311_too_large { de: "Die Anfrage ist zu groß: ein Foto darf höchstens {} MB haben.", en: "The request is too large: a photo may have at most {} MB." }
    open311_unreadable { de: "Die Anfrage ist nicht lesbar: erwartet wird application/x-www-form-urlencoded oder multipart/form-data.", en: "The request cannot be read: application/x-www-form-urlencoded or multipart/form-data is expected." }
    open311_key_invalid { de: "api_key fehlt oder ist ungültig.", en: "api_key is missing or invalid." }
    open311_key_read_only { de: "Dieser api_key darf nur lesen; zum Senden braucht es einen Schlüssel mit Schreibrecht.", en: "This api_key may only read; sending needs a key that may write." }
    open311_key_other_jurisdiction { de: "Dieser api_key gilt nicht für diese jurisdiction_id.", en: "This api_key is not valid for this jurisdiction_id." }
    open311_media_url_refused { de: "media_url wird nicht unterstützt. Senden Sie das Foto als Datei im multipart-Feld \"media\".", en: "media_url is not supported. Send the photo as a file in the multipart field \"media\"." }
    open311_coordinates_required { de: "lat und long sind erforderlich (WGS84, Dezimalgrad); Adressen werden nicht geokodiert.", en: "lat and long are required (WGS84, decimal degrees); addresses are not geocoded." }
    open311_sent_to { de: "Weitergeleitet an {}.", en: "Sent to {}." }
    open311_already_submitted { de: "Bereits gesendet.", en: "Already submitted." }
    open311_date_invalid { de: "{}: kein gültiges Datum (ISO 8601).", en: "{}: not a valid date (ISO 8601)." }
    open311_window_too_wide { de: "Der Zeitraum darf höchstens 90 Tage umfassen.", en: "The date range may span at most 90 days." }
    open311_status_values { de: "status: erlaubt sind open und closed.", en: "status: allowed values are open and closed." }
    open311_request_unknown { de: "Keine Meldung \"{}\".", en: "No request \"{}\"." }
    open311_token_unknown { de: "Kein Token \"{}\".", en: "No token \"{}\"." }
    open311_unreadable_form { de: "Die Anfrage ist nicht lesbar: erwartet wird application/x-www-form-urlencoded.", en: "The request cannot be read: application/x-www-form-urlencoded is expected." }
    open311_key_not_back_office { de: "Dieser api_key gehört zu keinem Amt: Statusmeldungen senden nur Schlüssel, die an ein Amt gebunden sind (kiezwerk apikey create --department …).", en: "This api_key belongs to no department: status updates are sent only with keys bound to a department (kiezwerk apikey create --department …)." }
    open311_key_other_department { de: "Diese Meldung liegt bei einem anderen Amt als dem dieses api_key.", en: "This request lies with another department than this api_key's." }
    open311_update_status_values { de: "status: erlaubt sind open, investigating, action_scheduled, in_progress, fixed, closed, no_further_action und not_councils_responsibility.", en: "status: allowed values are open, investigating, action_scheduled, in_progress, fixed, closed, no_further_action and not_councils_responsibility." }
    open311_update_staff_only { de: "status: Weiterleiten und Zusammenführen braucht ein Ziel und geschieht im Eingang des Amts, nicht über die Schnittstelle.", en: "status: forwarding and merging need a target and are done in the department's queue, not through the API." }
    open311_update_not_allowed { de: "status: Von „{}“ führt kein Weg zu „{}“.", en: "status: there is no way from \"{}\" to \"{}\"." }
    timeline_by_back_office { de: "Schnittstelle: {}", en: "API: {}" }
    digest_subject { de: "Kiezwerk: {} überfällige Meldungen – {}", en: "Kiezwerk: {} overdue reports – {}" }
    digest_text { de: "Guten Tag,\n\n{} Meldungen für {} haben ihre Frist überschritten:\n\n{}\n\nZum Eingang: {}\n\nIhr Kiezwerk\n", en: "Hello,\n\n{} reports for {} are past their deadline:\n\n{}\n\nTo the queue: {}\n\nYour Kiezwerk\n" }
    digest_line { de: "- {} ({}), fällig seit {}: {}", en: "- {} ({}), due since {}: {}" }
    digest_more { de: "… und {} weitere", en: "… and {} more" }
    mail_update_subject { de: "Ihre Meldung {0}: {1}", en: "Your report: {1}" }
    mail_update_text { de: "Guten Tag,\n\nIhre Meldung {0} hat den Status „{1}“ (zuständig: {2}).{3}\n\nAlles zu Ihrer Meldung: {4}\n\nIhr Kiezwerk\n", en: "Hello,\n\nyour report {0} is now \"{1}\" ({2}).{3}\n\nEverything about your report: {4}\n\nYour Kiezwerk\n" }
    mail_signature { de: "Ihr Kiezwerk", en: "Your Kiezwerk" }
    mail_confirm_subject { de: "Bitte bestätigen Sie Ihre E-Mail-Adresse", en: "Please confirm your e-mail address" }
    mail_confirm_text { de: "bitte bestätigen Sie, dass diese E-Mail-Adresse zu Ihrem Kiezwerk-Konto gehört. Der Link gilt 24 Stunden. Wenn Sie das nicht waren, können Sie diese E-Mail ignorieren.", en: "please confirm that this e-mail address belongs to your Kiezwerk account. The link is valid for 24 hours. If this was not you, you can ignore this e-mail." }
    mail_recovery_subject { de: "Neuen Passkey einrichten", en: "Set up a new passkey" }
    mail_recovery_text { de: "mit diesem Link richten Sie einen neuen Passkey für Ihr Kiezwerk-Konto ein. Er gilt 15 Minuten und nur einmal. Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; Ihr Konto bleibt unverändert.", en: "with this link you set up a new passkey for your Kiezwerk account. It is valid for 15 minutes and only once. If you did not ask for it, ignore this e-mail; your account stays as it is." }
    mail_recovery_code_subject { de: "Wiederherstellungscode ausgestellt", en: "Recovery code issued" }
    mail_recovery_code_text { de: "für Ihr Kiezwerk-Konto wurde im Bürgerbüro ein Wiederherstellungscode ausgestellt. Wenn Sie das nicht waren, melden Sie sich bitte sofort bei Ihrer Gemeinde.", en: "a recovery code for your Kiezwerk account was issued at the citizens' office. If this was not you, please contact your municipality at once." }
    sign_in_required { de: "Bitte melden Sie sich an.", en: "Please sign in." }
    not_found_or_not_yours { de: "Nicht gefunden oder nicht Ihre Zuständigkeit.", en: "Not found or not yours." }
    cross_site_refused { de: "Anfrage abgelehnt: Formulare können nur von dieser Website aus abgeschickt werden.", en: "Request refused: forms can only be sent from this website." }
    site_tagline { de: "Probleme im Kiez melden – schnell, direkt an das zuständige Amt", en: "Report problems in your neighbourhood – straight to the responsible office" }
    skip_to_content { de: "Zum Inhalt springen", en: "Skip to content" }
    language_switch { de: "English", en: "Deutsch" }
    language_switch_label { de: "Switch to English", en: "Auf Deutsch umschalten" }
    nav_label { de: "Hauptmenü", en: "Main menu" }
    nav_report { de: "Problem melden", en: "Report a problem" }
    nav_lookup { de: "Meldung verfolgen", en: "Track a report" }
    footer_data_sources { de: "Datenquellen", en: "Data sources" }
    footer_privacy { de: "Datenschutz", en: "Privacy" }
    footer_open311 { de: "Schnittstelle (Open311)", en: "API (Open311)" }
    footer_open_data { de: "Offene Daten", en: "Open data" }
    footer_licence { de: "Freie Software unter der EUPL-1.2", en: "Free software under the EUPL-1.2" }
    back { de: "Zurück", en: "Back" }
    continue_button { de: "Weiter", en: "Continue" }
    save_and_back { de: "Speichern und zurück zur Übersicht", en: "Save and return to the summary" }
    optional { de: "(optional)", en: "(optional)" }
    error_prefix { de: "Fehler: ", en: "Error: " }
    error_summary_title { de: "Es gibt ein Problem", en: "There is a problem" }
    error_inline_prefix { de: "Fehler:", en: "Error:" }
    technical_error_title { de: "Technischer Fehler", en: "Technical error" }
    technical_error_text { de: "Das hat leider nicht geklappt. Ihre bisherigen Angaben sind gespeichert. Bitte versuchen Sie es in einigen Minuten noch einmal.", en: "Sorry, something went wrong. What you have entered so far is saved. Please try again in a few minutes." }
    not_found_title { de: "Seite nicht gefunden", en: "Page not found" }
    not_found_text { de: "Diese Seite gibt es nicht. Bitte prüfen Sie die Adresse.", en: "This page does not exist. Please check the address." }
    to_home { de: "Zur Startseite", en: "Go to the start page" }

    home_title { de: "Ein Problem im öffentlichen Raum melden", en: "Report a problem in a public place" }
    home_lead { de: "Illegal abgelegter Müll, ein Schlagloch, eine defekte Ampel oder Straßenlaterne? Melden Sie es hier. Kiezwerk leitet Ihre Meldung anhand von Ort und Art des Problems an das zuständige Amt weiter.", en: "Illegally dumped rubbish, a pothole, a broken traffic light or street light? Report it here. Kiezwerk forwards your report to the responsible office based on where it is and what it is." }
    home_steps_title { de: "So funktioniert es", en: "How it works" }
    home_step_1 { de: "Art des Problems auswählen", en: "Choose what kind of problem it is" }
    home_step_2 { de: "Ort auf der Karte wählen oder beschreiben", en: "Pick the place on the map or describe it" }
    home_step_3 { de: "Bis zu 3 Fotos und eine kurze Beschreibung hinzufügen", en: "Add up to 3 photos and a short description" }
    home_step_4 { de: "Sie erhalten eine Vorgangsnummer und können den Bearbeitungsstand verfolgen", en: "You get a reference number and can follow what happens" }
    home_no_account { de: "Sie brauchen kein Konto. Eine E-Mail-Adresse ist freiwillig.", en: "You do not need an account. An e-mail address is optional." }
    home_start { de: "Jetzt melden", en: "Start now" }
    home_areas { de: "Kiezwerk ist hier zuständig:", en: "Kiezwerk covers:" }
    home_trees_title { de: "Stadtbäume gießen", en: "Water street trees" }
    home_trees { de: "Junge Straßenbäume brauchen in trockenen Wochen Wasser. Finden Sie Bäume in Ihrer Nähe, übernehmen Sie eine Patenschaft und tragen Sie Ihre Gießungen ein.", en: "Young street trees need water in dry weeks. Find trees near you, adopt one and log your waterings." }
    home_trees_link { de: "Bäume in Ihrer Nähe finden", en: "Find trees near you" }
    source_trees_what { de: "Straßen- und Anlagenbäume Berlins (Stichprobe von 5.000 Bäumen, Stand 19.12.2022)", en: "Berlin's street and park trees (a sample of 5,000 trees, as of 19 December 2022)" }
    source_trees_source { de: "Baumbestand Berlin, Geoportal Berlin; Stichprobe aus dem Projekt QTrees (Technologiestiftung Berlin, MIT-Lizenz)", en: "Baumbestand Berlin, Geoportal Berlin; sample from the QTrees project (Technologiestiftung Berlin, MIT licence)" }
    source_trees_licence { de: "Datenlizenz Deutschland – Zero – Version 2.0", en: "Data licence Germany – Zero – version 2.0" }
    source_pumps_what { de: "Straßenbrunnen (Pumpen) in Berlin und ihr Zustand", en: "Street water pumps in Berlin and their state" }
    source_pumps_source { de: "© OpenStreetMap-Mitwirkende", en: "© OpenStreetMap contributors" }
    source_pumps_licence { de: "Open Data Commons Open Database License (ODbL) 1.0", en: "Open Data Commons Open Database License (ODbL) 1.0" }
    source_rain_what { de: "Niederschlag über Berlin, RADOLAN-Raster (~1 km², 29.02.–29.03.2020)", en: "Rain over Berlin, RADOLAN grid (~1 km², 29 Feb – 29 Mar 2020)" }
    source_rain_source { de: "Deutscher Wetterdienst", en: "Deutscher Wetterdienst" }
    source_rain_licence { de: "Open Data des Deutschen Wetterdienstes (Quellenangabe: Deutscher Wetterdienst)", en: "Deutscher Wetterdienst open data (attribution: Deutscher Wetterdienst)" }

    step_of { de: "Schritt {} von {}", en: "Step {} of {}" }

    category_title { de: "Was möchten Sie melden?", en: "What would you like to report?" }
    category_hint { de: "Wählen Sie die Art des Problems.", en: "Choose the kind of problem." }

    details_caption_numbered { de: "{} – Frage {} von {}", en: "{} – question {} of {}" }

    location_title { de: "Wo ist das Problem?", en: "Where is the problem?" }
    location_map_hint { de: "Tippen Sie auf die Karte, um den Ort zu markieren. Sie können den Ort danach noch verschieben.", en: "Tap the map to mark the place. You can move it afterwards." }
    location_map_label { de: "Karte zur Auswahl des Orts", en: "Map to choose the place" }
    map_zoom_in { de: "Vergrößern", en: "Zoom in" }
    map_zoom_out { de: "Verkleinern", en: "Zoom out" }
    location_geolocate { de: "Meinen Standort verwenden", en: "Use my location" }
    location_geolocating { de: "Standort wird ermittelt …", en: "Finding your location …" }
    location_geolocation_failed { de: "Ihr Standort konnte nicht ermittelt werden. Bitte markieren Sie den Ort auf der Karte oder beschreiben Sie ihn.", en: "Your location could not be found. Please mark the place on the map or describe it." }
    location_chosen { de: "Gewählter Ort", en: "Chosen place" }
    location_none_chosen { de: "Noch kein Ort gewählt.", en: "No place chosen yet." }
    location_use_map_point { de: "Diesen Ort verwenden", en: "Use this place" }
    location_alternative_title { de: "Ort beschreiben statt Karte", en: "Describe the place instead of using the map" }
    location_alternative_hint { de: "Zum Beispiel, wenn Sie die Karte nicht nutzen können oder möchten.", en: "For example if you cannot or would rather not use the map." }
    location_area_label { de: "Bezirk oder Gemeinde", en: "District or municipality" }
    location_area_choose { de: "Bitte auswählen", en: "Please choose" }
    location_address_label { de: "Adresse oder Ortsbeschreibung", en: "Address or description of the place" }
    location_address_hint { de: "Zum Beispiel „Schönhauser Allee 80, vor dem Hauseingang“ oder „Mauerpark, Eingang Bernauer Straße“.", en: "For example “Schönhauser Allee 80, in front of the entrance” or “Mauerpark, Bernauer Straße entrance”." }
    location_use_description { de: "Beschreibung verwenden", en: "Use this description" }
    location_lat { de: "Breitengrad", en: "Latitude" }
    location_lon { de: "Längengrad", en: "Longitude" }
    location_coordinates_title { de: "Koordinaten eingeben", en: "Enter coordinates" }
    location_coordinates_hint { de: "In Dezimalgrad, zum Beispiel 52.5407 und 13.4123.", en: "In decimal degrees, for example 52.5407 and 13.4123." }

    photos_title { de: "Fotos hinzufügen", en: "Add photos" }
    photos_hint { de: "Bis zu {} Fotos im Format JPEG, PNG oder WebP, je höchstens {} MB. Fotos sind freiwillig, helfen aber bei der Bearbeitung. Alle Metadaten (auch GPS-Daten) werden beim Hochladen entfernt.", en: "Up to {} photos as JPEG, PNG or WebP, at most {} MB each. Photos are optional but help the office. All metadata (including GPS data) is removed on upload." }
    photos_input_label { de: "Foto auswählen", en: "Choose a photo" }
    photos_upload { de: "Foto hochladen", en: "Upload photo" }
    photos_uploading { de: "Wird hochgeladen …", en: "Uploading …" }
    photos_uploaded_title { de: "Hochgeladene Fotos", en: "Uploaded photos" }
    photos_none { de: "Noch keine Fotos hochgeladen.", en: "No photos uploaded yet." }
    photos_remove { de: "Foto {} entfernen", en: "Remove photo {}" }
    photos_alt { de: "Foto {} Ihrer Meldung", en: "Photo {} of your report" }
    photos_limit_reached { de: "Sie haben die Höchstzahl an Fotos erreicht.", en: "You have reached the maximum number of photos." }
    photos_gps_offer { de: "Foto {} enthält einen Aufnahmeort: {}.", en: "Photo {} contains the place it was taken: {}." }
    photos_gps_use { de: "Diesen Ort für die Meldung übernehmen", en: "Use this place for the report" }
    photos_continue_without { de: "Ohne Foto weiter", en: "Continue without a photo" }

    description_title { de: "Beschreiben Sie das Problem", en: "Describe the problem" }
    description_hint { de: "Was genau ist los, und seit wann? Bitte nennen Sie keine Namen oder Kennzeichen von Personen.", en: "What exactly is wrong, and since when? Please do not name people or include their number plates." }
    description_counter { de: "Höchstens {} Zeichen.", en: "At most {} characters." }

    contact_title { de: "Möchten Sie über den Fortschritt informiert werden?", en: "Would you like updates on your report?" }
    contact_hint { de: "Geben Sie eine E-Mail-Adresse an, wenn Sie Nachrichten zu Ihrer Meldung erhalten möchten. Das Amt kann Sie dann bei Rückfragen erreichen. Die Adresse wird nicht veröffentlicht.", en: "Give an e-mail address if you would like messages about your report. The office can then contact you with questions. The address is never published." }
    contact_email_label { de: "E-Mail-Adresse", en: "E-mail address" }

    check_title { de: "Angaben prüfen und absenden", en: "Check your answers before sending" }
    check_category { de: "Art des Problems", en: "Kind of problem" }
    check_location { de: "Ort", en: "Place" }
    check_responsible { de: "Zuständig", en: "Responsible" }
    check_photos { de: "Fotos", en: "Photos" }
    check_description { de: "Beschreibung", en: "Description" }
    check_email { de: "E-Mail-Adresse", en: "E-mail address" }
    check_none { de: "Keine Angabe", en: "Not given" }
    check_photo_count { de: "{} Foto(s)", en: "{} photo(s)" }
    check_change { de: "Ändern", en: "Change" }
    check_change_label { de: "{} ändern", en: "Change {}" }
    check_declaration { de: "Mit dem Absenden wird Ihre Meldung an das zuständige Amt übermittelt. Art, Ort, Bearbeitungsstand und Fotos werden öffentlich angezeigt, Ihre Beschreibung und E-Mail-Adresse nicht.", en: "When you send this report it goes to the responsible office. Kind, place, progress and photos are shown publicly; your description and e-mail address are not." }
    check_submit { de: "Meldung absenden", en: "Send report" }

    confirmation_title { de: "Meldung eingegangen", en: "Report received" }
    confirmation_reference { de: "Ihre Vorgangsnummer", en: "Your reference number" }
    confirmation_routed { de: "Ihre Meldung wurde an {} weitergeleitet.", en: "Your report has been sent to {}." }
    confirmation_next_title { de: "Wie geht es weiter?", en: "What happens next" }
    confirmation_next_text { de: "Das Amt prüft Ihre Meldung. Den Bearbeitungsstand sehen Sie jederzeit auf der öffentlichen Statusseite.", en: "The office will look at your report. You can follow its progress on the public status page at any time." }
    confirmation_status_link { de: "Öffentliche Statusseite", en: "Public status page" }
    confirmation_private_title { de: "Ihr persönlicher Link", en: "Your personal link" }
    confirmation_private_text { de: "Mit diesem Link sehen Sie auch Ihre eigenen Angaben. Bewahren Sie ihn auf und geben Sie ihn nicht weiter.", en: "This link also shows what you entered. Keep it safe and do not share it." }
    confirmation_new_report { de: "Weiteres Problem melden", en: "Report another problem" }

    status_title { de: "Meldung {}", en: "Report {}" }
    status_current { de: "Aktueller Stand", en: "Current status" }
    status_category { de: "Art", en: "Kind" }
    status_area { de: "Gebiet", en: "Area" }
    status_department { de: "Zuständig", en: "Responsible" }
    status_submitted_at { de: "Eingegangen am", en: "Received on" }
    status_timeline { de: "Verlauf", en: "Timeline" }
    status_photos { de: "Fotos", en: "Photos" }
    status_private_title { de: "Ihre Angaben", en: "What you entered" }
    status_private_hint { de: "Nur Sie sehen diesen Abschnitt, weil Sie den persönlichen Link verwenden.", en: "Only you see this section, because you are using your personal link." }
    status_location { de: "Ort", en: "Place" }
    status_not_found { de: "Zu dieser Vorgangsnummer gibt es keine Meldung.", en: "There is no report with this reference number." }
    status_access_invalid { de: "Der persönliche Link ist ungültig. Die öffentliche Statusseite wird angezeigt.", en: "The personal link is not valid. The public status page is shown." }

    lookup_title { de: "Meldung verfolgen", en: "Track a report" }
    lookup_label { de: "Vorgangsnummer", en: "Reference number" }
    lookup_hint { de: "Zum Beispiel BER-2026-000123.", en: "For example BER-2026-000123." }
    lookup_submit { de: "Meldung anzeigen", en: "Show report" }

    event_submitted { de: "Meldung eingegangen", en: "Report received" }
    event_routed { de: "Weitergeleitet an {}", en: "Sent to {}" }
    event_status_changed { de: "Status geändert: {}", en: "Status changed: {}" }

    why_rule_category_area { de: "Regel: „{}“ im Gebiet {}", en: "Rule: “{}” in {}" }
    why_rule_category { de: "Regel: „{}“ in ganz {}", en: "Rule: “{}” anywhere in {}" }
    why_rule_group_area { de: "Regel: Themenbereich „{}“ im Gebiet {}", en: "Rule: topic “{}” in {}" }
    why_rule_group { de: "Regel: Themenbereich „{}“ in ganz {}", en: "Rule: topic “{}” anywhere in {}" }
    why_rule_fallback { de: "Allgemeine Zuständigkeit in {}", en: "General responsibility in {}" }
    why_area_inside { de: "Der Ort liegt im Gebiet {}.", en: "The place is in {}." }
    why_area_nearest { de: "Der Ort liegt {} m außerhalb der Gebietsgrenzen; nächstgelegenes Gebiet: {}.", en: "The place is {} m outside the area boundaries; nearest area: {}." }
    why_area_chosen { de: "Das Gebiet {} wurde bei der Meldung angegeben.", en: "The area {} was given with the report." }
    why_municipality_nearest { de: "Der Ort liegt {} m außerhalb der Grenze von {}; die nächstgelegene Gemeinde ist zuständig.", en: "The place is {} m outside the boundary of {}; the nearest municipality is responsible." }
    why_municipality_overlap { de: "Der Ort liegt im Grenzbereich mehrerer Gemeinden; zuständig ist {}, weil der Ort am weitesten innerhalb ihrer Grenze liegt.", en: "The place lies where municipal boundaries overlap; {} is responsible because the place lies deepest inside its boundary." }

    status_new { de: "Neu", en: "New" }
    status_accepted { de: "Angenommen", en: "Accepted" }
    status_in_progress { de: "In Bearbeitung", en: "In progress" }
    status_resolved { de: "Erledigt", en: "Resolved" }
    status_closed_not_fixed { de: "Geschlossen – nicht behoben", en: "Closed – not fixed" }
    status_forwarded { de: "Weitergeleitet", en: "Forwarded" }
    status_duplicate { de: "Duplikat", en: "Duplicate" }

    err_category_missing { de: "Wählen Sie aus, was Sie melden möchten", en: "Select what you would like to report" }
    err_category_unknown { de: "Diese Art von Problem gibt es nicht. Wählen Sie eine aus der Liste", en: "This kind of problem does not exist. Select one from the list" }
    err_answer_missing { de: "Beantworten Sie die Frage „{}“", en: "Answer the question “{}”" }
    err_answer_invalid { de: "Wählen Sie bei „{}“ eine der angebotenen Antworten", en: "For “{}”, select one of the answers offered" }
    err_answer_too_long { de: "Die Antwort auf „{}“ darf höchstens {} Zeichen lang sein", en: "The answer to “{}” must be {} characters or fewer" }
    err_location_missing { de: "Markieren Sie den Ort auf der Karte oder beschreiben Sie ihn", en: "Mark the place on the map or describe it" }
    err_coordinates_invalid { de: "Geben Sie Breiten- und Längengrad als Dezimalzahlen an, zum Beispiel 52.5407 und 13.4123", en: "Enter latitude and longitude as decimal numbers, for example 52.5407 and 13.4123" }
    err_outside_municipalities { de: "Dieser Ort liegt außerhalb der Gemeinden, die Kiezwerk betreut ({}). Wählen Sie einen Ort innerhalb dieser Gemeinden", en: "This place is outside the municipalities Kiezwerk serves ({}). Choose a place inside them" }
    err_category_not_offered { de: "„{}“ kann in {} nicht über Kiezwerk gemeldet werden. Wählen Sie eine andere Art von Problem oder wenden Sie sich direkt an die Gemeinde", en: "“{}” cannot be reported in {} through Kiezwerk. Choose a different kind of problem or contact the municipality directly" }
    err_area_missing { de: "Wählen Sie den Bezirk oder die Gemeinde aus", en: "Select the district or municipality" }
    err_area_unknown { de: "Wählen Sie einen Bezirk oder eine Gemeinde aus der Liste", en: "Select a district or municipality from the list" }
    err_address_missing { de: "Geben Sie eine Adresse oder Ortsbeschreibung ein", en: "Enter an address or a description of the place" }
    err_address_too_long { de: "Die Ortsbeschreibung darf höchstens {} Zeichen lang sein", en: "The description of the place must be {} characters or fewer" }
    err_photo_missing { de: "Wählen Sie ein Foto aus", en: "Select a photo" }
    err_photo_too_large { de: "Das Foto „{}“ ist größer als {} MB. Wählen Sie ein kleineres Foto", en: "The photo “{}” is larger than {} MB. Choose a smaller photo" }
    err_photo_unsupported { de: "Die Datei „{}“ ist kein Foto im Format JPEG, PNG oder WebP", en: "The file “{}” is not a JPEG, PNG or WebP photo" }
    err_photo_corrupt { de: "Die Datei „{}“ ist beschädigt und kann nicht gelesen werden", en: "The file “{}” is damaged and cannot be read" }
    err_photo_too_many_pixels { de: "Das Foto „{}“ hat zu viele Bildpunkte (höchstens {} Megapixel)", en: "The photo “{}” has too many pixels (at most {} megapixels)" }
    err_too_many_photos { de: "Sie können höchstens {} Fotos hochladen", en: "You can upload at most {} photos" }
    err_description_missing { de: "Beschreiben Sie das Problem", en: "Describe the problem" }
    err_description_too_long { de: "Die Beschreibung darf höchstens {} Zeichen lang sein", en: "The description must be {} characters or fewer" }
    err_email_invalid { de: "Geben Sie eine E-Mail-Adresse im richtigen Format an, zum Beispiel name@example.de", en: "Enter an e-mail address in the correct format, like name@example.com" }
    err_draft_expired { de: "Ihre Sitzung ist abgelaufen. Bitte beginnen Sie die Meldung erneut", en: "Your session has expired. Please start the report again" }
    err_too_many_requests { de: "Zu viele Anfragen in kurzer Zeit. Bitte warten Sie eine Minute und versuchen Sie es dann erneut", en: "Too many requests in a short time. Please wait a minute and try again" }
    err_upload_too_large { de: "Die ausgewählten Fotos sind zusammen zu groß. Bitte laden Sie sie einzeln hoch", en: "The selected photos are too large together. Please upload them one at a time" }
    err_upload_failed { de: "Das Hochladen ist fehlgeschlagen. Bitte versuchen Sie es erneut", en: "The upload failed. Please try again" }

    nav_sign_in { de: "Anmelden", en: "Sign in" }
    nav_account { de: "Mein Konto", en: "My account" }

    passkey_needs_js { de: "Passkeys funktionieren nur mit JavaScript. Bitte aktivieren Sie JavaScript in Ihrem Browser. Eine Meldung können Sie auch ohne Konto abschicken.", en: "Passkeys only work with JavaScript. Please enable JavaScript in your browser. You can also send a report without an account." }
    passkey_unsupported { de: "Dieser Browser unterstützt keine Passkeys. Bitte verwenden Sie einen aktuellen Browser.", en: "This browser does not support passkeys. Please use an up-to-date browser." }
    passkey_cancelled { de: "Der Vorgang wurde abgebrochen. Sie können es erneut versuchen.", en: "The process was cancelled. You can try again." }
    passkey_working { de: "Bitte bestätigen Sie mit Ihrem Gerät (Fingerabdruck, Gesicht oder PIN) …", en: "Please confirm with your device (fingerprint, face or PIN) …" }
    passkey_expired { de: "Die Seite war zu lange geöffnet oder wurde bereits verwendet. Bitte laden Sie sie neu und versuchen Sie es noch einmal.", en: "The page was open too long or has already been used. Please reload it and try again." }
    passkey_not_recognised { de: "Dieser Passkey wurde nicht erkannt. Bitte versuchen Sie es mit einem anderen Passkey oder stellen Sie Ihr Konto wieder her.", en: "This passkey was not recognised. Please try another passkey or recover your account." }
    passkey_flagged { de: "Dieser Passkey wurde aus Sicherheitsgründen gesperrt, weil er möglicherweise kopiert wurde. Bitte stellen Sie Ihr Konto wieder her.", en: "This passkey has been blocked for security reasons because it may have been copied. Please recover your account." }
    passkey_already_registered { de: "Dieser Passkey ist bereits registriert.", en: "This passkey is already registered." }
    passkey_refused { de: "Der Passkey konnte nicht bestätigt werden. Bitte versuchen Sie es noch einmal.", en: "The passkey could not be verified. Please try again." }
    passkey_default_name { de: "Passkey vom", en: "Passkey of" }

    sign_in_title { de: "Mit Passkey anmelden", en: "Sign in with a passkey" }
    sign_in_lead { de: "Mit der Bürger-ID melden Sie sich ohne Passwort an: mit dem Passkey auf Ihrem Smartphone oder Computer (Fingerabdruck, Gesicht oder Geräte-PIN).", en: "With the Bürger-ID you sign in without a password: with the passkey on your phone or computer (fingerprint, face or device PIN)." }
    sign_in_button { de: "Mit Passkey anmelden", en: "Sign in with a passkey" }
    sign_in_field { de: "Konto (wird von Ihrem Gerät vorgeschlagen)", en: "Account (suggested by your device)" }
    sign_in_field_hint { de: "Sie müssen nichts eintippen. Ihr Gerät bietet Ihre Passkeys an.", en: "You do not need to type anything. Your device offers your passkeys." }
    sign_in_no_account { de: "Noch kein Konto?", en: "No account yet?" }
    sign_in_register_link { de: "Konto erstellen", en: "Create an account" }
    sign_in_lost { de: "Kein Zugriff mehr auf Ihren Passkey?", en: "Lost access to your passkey?" }
    sign_in_recover_link { de: "Konto wiederherstellen", en: "Recover your account" }

    sign_up_title { de: "Konto erstellen", en: "Create an account" }
    sign_up_lead { de: "Ein Konto brauchen Sie nicht, um etwas zu melden. Mit einem Konto sehen Sie alle Ihre Meldungen an einem Ort und können Bäume adoptieren. Es gibt kein Passwort: Sie melden sich mit einem Passkey an.", en: "You do not need an account to report something. With an account you see all your reports in one place and can adopt trees. There is no password: you sign in with a passkey." }
    sign_up_name { de: "Name, mit dem wir Sie ansprechen", en: "Name we address you by" }
    sign_up_name_hint { de: "Zum Beispiel Ihr Vorname. Er wird nicht veröffentlicht.", en: "For example your first name. It is never published." }
    sign_up_email { de: "E-Mail-Adresse", en: "E-mail address" }
    sign_up_email_hint { de: "Für Nachrichten zu Ihren Meldungen und um Ihr Konto wiederherzustellen, falls Sie Ihren Passkey verlieren. Wir schicken einen Bestätigungslink.", en: "For messages about your reports and to recover your account if you lose your passkey. We send a confirmation link." }
    sign_up_continue { de: "Weiter zum Passkey", en: "Continue to the passkey" }

    enrol_title_signup { de: "Passkey für Ihr neues Konto erstellen", en: "Create a passkey for your new account" }
    enrol_title_add { de: "Weiteren Passkey hinzufügen", en: "Add another passkey" }
    enrol_title_recover { de: "Neuen Passkey einrichten", en: "Set up a new passkey" }
    enrol_title_invitation { de: "Passkey für Ihr Dienstkonto erstellen", en: "Create a passkey for your staff account" }
    enrol_lead { de: "Ihr Gerät fragt gleich nach Fingerabdruck, Gesicht oder PIN und speichert den Passkey. Der Passkey verlässt Ihr Gerät nicht; Kiezwerk erhält nur einen öffentlichen Schlüssel.", en: "Your device will ask for your fingerprint, face or PIN and store the passkey. The passkey never leaves your device; Kiezwerk only receives a public key." }
    enrol_name { de: "Name für diesen Passkey", en: "Name for this passkey" }
    enrol_name_hint { de: "Damit Sie ihn später wiedererkennen, zum Beispiel „Mein Smartphone“.", en: "So you recognise it later, for example “My phone”." }
    enrol_button { de: "Passkey erstellen", en: "Create passkey" }
    enrol_missing { de: "Diese Seite ist nicht mehr gültig. Bitte beginnen Sie noch einmal.", en: "This page is no longer valid. Please start again." }

    account_title { de: "Mein Konto", en: "My account" }
    account_signed_in_as { de: "Angemeldet als", en: "Signed in as" }
    account_number { de: "Kontonummer", en: "Account number" }
    account_email_title { de: "E-Mail-Adresse", en: "E-mail address" }
    account_email_confirmed { de: "bestätigt", en: "confirmed" }
    account_email_none { de: "Keine E-Mail-Adresse hinterlegt. Ohne bestätigte Adresse können Sie Ihr Konto nur mit einem Code aus dem Bürgerbüro wiederherstellen.", en: "No e-mail address. Without a confirmed address you can only recover your account with a code from the citizens' office." }
    account_email_pending { de: "Bestätigungslink gesendet an {}. Die Adresse gilt, sobald Sie den Link geöffnet haben.", en: "Confirmation link sent to {}. The address is used once you have opened the link." }
    account_email_change { de: "E-Mail-Adresse ändern", en: "Change e-mail address" }
    account_email_label { de: "Neue E-Mail-Adresse (leer lassen, um die Adresse zu entfernen)", en: "New e-mail address (leave empty to remove the address)" }
    account_email_save { de: "Bestätigungslink senden", en: "Send confirmation link" }
    account_passkeys_title { de: "Passkeys", en: "Passkeys" }
    account_passkey_created { de: "Erstellt", en: "Created" }
    account_passkey_used { de: "Zuletzt verwendet", en: "Last used" }
    account_passkey_never { de: "noch nie", en: "never" }
    account_passkey_flagged { de: "Gesperrt: möglicherweise kopiert", en: "Blocked: possibly copied" }
    account_passkey_rename { de: "Umbenennen", en: "Rename" }
    account_passkey_new_name { de: "Neuer Name für „{}“", en: "New name for “{}”" }
    account_passkey_remove { de: "„{}“ entfernen", en: "Remove “{}”" }
    account_passkey_remove_last { de: "Das ist Ihr letzter Passkey. Ohne Passkey können Sie sich nur über die Wiederherstellung wieder anmelden. Wirklich entfernen?", en: "This is your last passkey. Without a passkey you can only sign in again through recovery. Really remove it?" }
    account_passkey_remove_confirm { de: "Ja, letzten Passkey entfernen", en: "Yes, remove my last passkey" }
    account_passkey_add { de: "Weiteren Passkey hinzufügen", en: "Add another passkey" }
    account_reports_title { de: "Meine Meldungen", en: "My reports" }
    account_reports_none { de: "Noch keine Meldungen mit diesem Konto.", en: "No reports with this account yet." }
    account_claim_title { de: "In diesem Browser gemeldet", en: "Reported in this browser" }
    account_claim_hint { de: "Diese Meldungen haben Sie ohne Anmeldung abgeschickt. Sie können sie Ihrem Konto zuordnen.", en: "You sent these reports without signing in. You can add them to your account." }
    account_claim_button { de: "Meinem Konto zuordnen", en: "Add to my account" }
    account_roles_title { de: "Aufgaben in der Verwaltung", en: "Roles in the administration" }
    account_security_title { de: "Sicherheit", en: "Security" }
    account_sign_out { de: "Abmelden", en: "Sign out" }
    account_sign_out_all { de: "Auf allen Geräten abmelden", en: "Sign out on all devices" }
    account_data_title { de: "Ihre Daten", en: "Your data" }
    account_export { de: "Alle meine Daten herunterladen (JSON)", en: "Download all my data (JSON)" }
    account_delete { de: "Konto löschen", en: "Delete account" }
    account_delete_title { de: "Konto löschen", en: "Delete account" }
    account_delete_text { de: "Ihre Passkeys, Anmeldungen und Kontaktdaten werden gelöscht. Ihre Meldungen bleiben bestehen, aber ohne Verbindung zu Ihnen und ohne Ihre E-Mail-Adresse. Das kann nicht rückgängig gemacht werden.", en: "Your passkeys, sessions and contact data are deleted. Your reports remain, but without any link to you and without your e-mail address. This cannot be undone." }
    account_delete_confirm { de: "Ich möchte mein Konto endgültig löschen", en: "I want to delete my account for good" }
    account_delete_button { de: "Konto endgültig löschen", en: "Delete account for good" }
    account_deleted { de: "Ihr Konto wurde gelöscht.", en: "Your account has been deleted." }

    notice_passkey_added { de: "Der Passkey wurde hinzugefügt.", en: "The passkey has been added." }
    notice_passkey_removed { de: "Der Passkey wurde entfernt.", en: "The passkey has been removed." }
    notice_passkey_renamed { de: "Der Passkey wurde umbenannt.", en: "The passkey has been renamed." }
    notice_email_sent { de: "Wir haben Ihnen einen Bestätigungslink geschickt.", en: "We have sent you a confirmation link." }
    notice_email_removed { de: "Die E-Mail-Adresse wurde entfernt.", en: "The e-mail address has been removed." }
    notice_signed_out_all { de: "Sie wurden auf allen anderen Geräten abgemeldet.", en: "You have been signed out on all other devices." }
    notice_claimed { de: "Die Meldungen wurden Ihrem Konto zugeordnet.", en: "The reports have been added to your account." }
    notice_signed_out { de: "Sie sind abgemeldet.", en: "You are signed out." }

    confirm_email_title { de: "E-Mail-Adresse bestätigen", en: "Confirm your e-mail address" }
    confirm_email_button { de: "E-Mail-Adresse bestätigen", en: "Confirm e-mail address" }
    confirm_email_done { de: "Ihre E-Mail-Adresse ist bestätigt.", en: "Your e-mail address is confirmed." }

    recover_title { de: "Konto wiederherstellen", en: "Recover your account" }
    recover_lead { de: "Sie haben keinen Zugriff mehr auf Ihren Passkey? Sie richten einen neuen ein – per Link an Ihre bestätigte E-Mail-Adresse oder mit einem Code aus dem Bürgerbüro.", en: "Lost access to your passkey? You set up a new one – with a link to your confirmed e-mail address or with a code from the citizens' office." }
    recover_email_title { de: "Link per E-Mail", en: "Link by e-mail" }
    recover_email_label { de: "Ihre bestätigte E-Mail-Adresse", en: "Your confirmed e-mail address" }
    recover_email_button { de: "Link senden", en: "Send link" }
    recover_email_sent { de: "Wenn zu dieser Adresse ein Konto gehört, haben wir einen Link geschickt. Er gilt 15 Minuten.", en: "If an account belongs to this address, we have sent a link. It is valid for 15 minutes." }
    recover_code_title { de: "Code aus dem Bürgerbüro", en: "Code from the citizens' office" }
    recover_code_hint { de: "Im Bürgerbüro erhalten Sie nach Vorlage Ihres Ausweises einen Code, zum Beispiel ABCD-EFGH-JKLM.", en: "At the citizens' office you receive a code after showing your ID, for example ABCD-EFGH-JKLM." }
    recover_code_label { de: "Wiederherstellungscode", en: "Recovery code" }
    recover_code_button { de: "Code verwenden", en: "Use code" }
    recover_link_title { de: "Neuen Passkey einrichten", en: "Set up a new passkey" }
    recover_link_text { de: "Mit diesem Link richten Sie einen neuen Passkey ein. Danach werden alle anderen Anmeldungen beendet.", en: "With this link you set up a new passkey. All other sessions are ended afterwards." }
    recover_link_button { de: "Weiter", en: "Continue" }

    invitation_title { de: "Einladung in die Verwaltung", en: "Invitation to the administration" }
    invitation_text { de: "Sie wurden eingeladen als {}.", en: "You have been invited as {}." }
    invitation_accept { de: "Einladung annehmen", en: "Accept invitation" }
    invitation_accept_signed_in { de: "Einladung mit meinem Konto annehmen", en: "Accept with my account" }
    invitation_invalid { de: "Diese Einladung ist ungültig, abgelaufen oder wurde schon verwendet.", en: "This invitation is invalid, expired or has already been used." }
    invitation_accepted { de: "Die Einladung wurde angenommen.", en: "The invitation has been accepted." }

    admin_title { de: "Verwaltung {}", en: "Administration {}" }
    admin_staff_title { de: "Mitarbeitende", en: "Staff" }
    admin_staff_none { de: "Noch keine Mitarbeitenden.", en: "No staff yet." }
    admin_disabled { de: "deaktiviert", en: "disabled" }
    admin_disable { de: "{} deaktivieren", en: "Disable {}" }
    admin_enable { de: "{} wieder aktivieren", en: "Enable {} again" }
    admin_invite_title { de: "Mitarbeitende einladen", en: "Invite staff" }
    admin_invite_role { de: "Rolle", en: "Role" }
    admin_invite_department { de: "Amt (für Disposition und Sachbearbeitung)", en: "Department (for dispatchers and department staff)" }
    admin_invite_department_none { de: "Kein Amt", en: "No department" }
    admin_invite_note { de: "Notiz (für das Protokoll, zum Beispiel der Name)", en: "Note (for the log, for example the name)" }
    admin_invite_button { de: "Einladungslink erstellen", en: "Create invitation link" }
    admin_handover { de: "Geben Sie diesen Link oder Code persönlich weiter. Er wird nur jetzt angezeigt.", en: "Hand this link or code over in person. It is shown only now." }
    admin_recovery_title { de: "Wiederherstellungscode ausstellen", en: "Issue a recovery code" }
    admin_recovery_hint { de: "Nur nach Prüfung des Ausweises. Die Person richtet damit selbst einen neuen Passkey ein; Sie sehen keine Zugangsdaten.", en: "Only after checking an ID. The person sets up a new passkey with it; you never see credentials." }
    admin_recovery_who { de: "Bestätigte E-Mail-Adresse oder Kontonummer", en: "Confirmed e-mail address or account number" }
    admin_recovery_button { de: "Code ausstellen", en: "Issue code" }
    admin_audit_title { de: "Protokoll", en: "Log" }
    platform_title { de: "Plattform-Verwaltung", en: "Platform administration" }
    platform_link { de: "Plattform-Verwaltung: alle Gemeinden, neue Gemeinde anlegen", en: "Platform administration: all municipalities, add a municipality" }
    platform_municipalities { de: "Gemeinden", en: "Municipalities" }
    platform_col_name { de: "Gemeinde", en: "Municipality" }
    platform_col_slug { de: "Kürzel", en: "Short name" }
    platform_col_prefix { de: "Aktenzeichen", en: "Reference prefix" }
    platform_col_reports { de: "Meldungen (30 Tage)", en: "Reports (30 days)" }
    platform_col_open { de: "Offen", en: "Open" }
    platform_col_version { de: "Konfiguration", en: "Configuration" }
    platform_version { de: "Fassung {} vom {}", en: "Version {} of {}" }
    platform_new_title { de: "Neue Gemeinde anlegen", en: "Add a municipality" }
    platform_new_hint { de: "Die Gemeinde beginnt mit einer zentralen Meldestelle, die alle Meldungen erhält. Ihre erste Administratorin oder ihr erster Administrator richtet danach Abteilungen, Kategorien, Gebiete und Zuständigkeiten ein.", en: "The municipality starts with a central reporting office that receives every report. Its first administrator then sets up departments, categories, areas and responsibilities." }
    platform_name { de: "Name der Gemeinde", en: "Name of the municipality" }
    platform_slug { de: "Kürzel für Adressen", en: "Short name for addresses" }
    platform_slug_hint { de: "Kleinbuchstaben, Ziffern und Bindestriche, zum Beispiel teltow. Es erscheint in Adressen und als Open311 jurisdiction_id.", en: "Lowercase letters, digits and dashes, for example teltow. It appears in addresses and as the Open311 jurisdiction_id." }
    platform_prefix { de: "Aktenzeichen-Kürzel", en: "Reference prefix" }
    platform_prefix_hint { de: "1 bis 8 Großbuchstaben, zum Beispiel TEL für TEL-2026-000123.", en: "1 to 8 capital letters, for example TEL for TEL-2026-000123." }
    platform_email { de: "E-Mail-Adresse der zentralen Meldestelle", en: "E-mail address of the central reporting office" }
    platform_boundary { de: "Gemeindegrenze (GeoJSON, höchstens 20 MB)", en: "Municipal boundary (GeoJSON, at most 20 MB)" }
    platform_boundary_hint { de: "Ein Polygon oder MultiPolygon in WGS84, als Geometrie, Feature oder FeatureCollection mit einem Feature – zum Beispiel die Gemeinde aus VG250.", en: "A Polygon or MultiPolygon in WGS84, as a geometry, a Feature or a FeatureCollection of one feature – for example the municipality from VG250." }
    platform_create { de: "Gemeinde anlegen", en: "Add the municipality" }
    platform_created { de: "{} ist angelegt und gilt in wenigen Sekunden auf allen Servern. Laden Sie die erste Administratorin oder den ersten Administrator mit dem Link unten ein.", en: "{} has been added and applies on every server within seconds. Invite its first administrator with the link below." }
    platform_err_name { de: "Geben Sie den Namen der Gemeinde an (höchstens 100 Zeichen).", en: "Enter the name of the municipality (at most 100 characters)." }
    platform_err_slug { de: "Geben Sie ein Kürzel aus Kleinbuchstaben, Ziffern und Bindestrichen an, zum Beispiel teltow.", en: "Enter a short name of lowercase letters, digits and dashes, for example teltow." }
    platform_err_slug_taken { de: "Das Kürzel {} ist schon vergeben.", en: "The short name {} is already taken." }
    platform_err_prefix { de: "Geben Sie 1 bis 8 Großbuchstaben an, zum Beispiel TEL.", en: "Enter 1 to 8 capital letters, for example TEL." }
    platform_err_prefix_taken { de: "Das Aktenzeichen-Kürzel {} verwendet schon eine andere Gemeinde.", en: "The reference prefix {} is already used by another municipality." }
    platform_err_email { de: "Geben Sie eine E-Mail-Adresse wie meldungen@gemeinde.de an.", en: "Enter an e-mail address like reports@municipality.example." }
    platform_err_boundary_missing { de: "Wählen Sie die Datei mit der Gemeindegrenze aus.", en: "Choose the file with the municipal boundary." }
    platform_err_boundary { de: "Die Gemeindegrenze ist nicht verwendbar: {}", en: "The boundary cannot be used: {}" }
    admin_config_link { de: "Konfiguration: Abteilungen, Kategorien, Gebiete und Zuständigkeiten", en: "Configuration: departments, categories, areas and responsibilities" }
    admin_keys_link { de: "Schnittstellen-Schlüssel (Open311) verwalten", en: "Manage API keys (Open311)" }
    admin_trees_link { de: "Baumkataster", en: "Tree register" }
    admin_audit_when { de: "Zeit", en: "Time" }
    admin_audit_event { de: "Ereignis", en: "Event" }
    admin_audit_account { de: "Konto", en: "Account" }
    admin_audit_actor { de: "Ausgeführt von", en: "Done by" }
    admin_forbidden { de: "Sie haben keinen Zugriff auf diese Seite.", en: "You do not have access to this page." }

    outbox_title { de: "Postausgang (Entwicklung)", en: "Outbox (development)" }
    outbox_hint { de: "Ohne SMTP-Server bleiben E-Mails hier. Diese Seite gibt es nur in Entwicklung und Tests.", en: "Without an SMTP server mail stays here. This page exists only in development and tests." }
    outbox_empty { de: "Keine E-Mails.", en: "No mail." }

    role_dispatcher { de: "Disposition", en: "Dispatcher" }
    role_department_staff { de: "Sachbearbeitung", en: "Department staff" }
    role_bauhof_staff { de: "Bauhof", en: "Works yard staff" }
    role_fleet_manager { de: "Fuhrparkleitung", en: "Fleet manager" }
    role_municipal_admin { de: "Verwaltung der Gemeinde", en: "Municipal administrator" }
    role_platform_admin { de: "Plattform-Administration", en: "Platform administrator" }

    err_name_missing { de: "Geben Sie einen Namen ein", en: "Enter a name" }
    err_name_too_long { de: "Der Name darf höchstens {} Zeichen lang sein", en: "The name must be {} characters or fewer" }
    err_passkey_unknown { de: "Diesen Passkey gibt es in Ihrem Konto nicht mehr. Laden Sie die Seite neu", en: "This passkey is no longer in your account. Reload the page" }
    err_passkey_name_missing { de: "Geben Sie einen Namen für den Passkey ein", en: "Enter a name for the passkey" }
    err_passkey_name_too_long { de: "Der Name des Passkeys darf höchstens {} Zeichen lang sein", en: "The passkey's name must be {} characters or fewer" }
    err_link_invalid { de: "Dieser Link ist ungültig, abgelaufen oder wurde schon verwendet", en: "This link is invalid, expired or has already been used" }
    err_email_taken { de: "Diese E-Mail-Adresse gehört bereits zu einem anderen Konto", en: "This e-mail address already belongs to another account" }
    err_code_invalid { de: "Dieser Code ist ungültig, abgelaufen oder wurde schon verwendet", en: "This code is invalid, expired or has already been used" }
    err_last_passkey { de: "Bestätigen Sie, dass Sie Ihren letzten Passkey entfernen möchten", en: "Confirm that you want to remove your last passkey" }
    err_deletion_not_confirmed { de: "Bestätigen Sie, dass Sie Ihr Konto löschen möchten", en: "Confirm that you want to delete your account" }
    err_department_missing { de: "Wählen Sie das Amt aus", en: "Select the department" }
    err_account_unknown { de: "Zu dieser Angabe gibt es kein Konto, für das Sie einen Code ausstellen dürfen", en: "There is no account for this that you may issue a code for" }
    err_cannot_disable_self { de: "Sie können sich nicht selbst deaktivieren", en: "You cannot disable yourself" }
    data_sources_title { de: "Datenquellen", en: "Data sources" }
    privacy_title { de: "Datenschutz", en: "Privacy" }
    event_forwarded { de: "Weitergeleitet an {}", en: "Forwarded to {}" }
    event_handed_back { de: "Zurückgegeben an {}", en: "Handed back to {}" }
    event_merged { de: "Zusammengeführt mit Meldung {}", en: "Merged into report {}" }
    event_merged_in { de: "Duplikat {} hierher zusammengeführt", en: "Duplicate {} merged into this report" }
    event_category_changed { de: "Kategorie geändert: {}", en: "Category changed: {}" }
    event_now_responsible { de: "Zuständig ist jetzt: {}", en: "Now responsible: {}" }
    event_note { de: "Nachricht der Verwaltung", en: "Message from the administration" }
    event_priority { de: "Priorität geändert", en: "Priority changed" }
    event_assigned { de: "Zuweisung geändert", en: "Assignment changed" }
    priority_low { de: "Niedrig", en: "Low" }
    priority_normal { de: "Normal", en: "Normal" }
    priority_high { de: "Hoch", en: "High" }
    transition_accept { de: "Annehmen", en: "Accept" }
    transition_start { de: "In Bearbeitung nehmen", en: "Start work" }
    transition_resolve { de: "Als erledigt schließen", en: "Close as resolved" }
    transition_close_not_fixed { de: "Schließen – nicht behoben", en: "Close – not fixed" }
    transition_forward { de: "Weiterleiten", en: "Forward" }
    transition_hand_back { de: "Zurückgeben (nicht zuständig)", en: "Hand back (not responsible)" }
    transition_mark_duplicate { de: "Als Duplikat zusammenführen", en: "Merge as duplicate" }
    transition_reopen { de: "Wieder öffnen", en: "Reopen" }
    triage_no_area { de: "Ohne Bezirk", en: "No district" }
    triage_nobody { de: "Niemand", en: "Nobody" }
    triage_home_title { de: "Dienst: Meldungen bearbeiten", en: "Staff: work on reports" }
    triage_sign_in_first { de: "Bitte melden Sie sich mit Ihrem Passkey an.", en: "Please sign in with your passkey." }
    triage_no_role { de: "Ihr Konto hat keine Rolle in der Bearbeitung von Meldungen. Ihre Verwaltung kann Sie einladen.", en: "Your account has no role in working on reports. Your administration can invite you." }
    triage_queue_link { de: "Eingang", en: "Queue" }
    triage_statistics_link { de: "Statistik", en: "Statistics" }
    triage_queue_title { de: "Eingang – {}", en: "Queue – {}" }
    triage_count { de: "{} Meldungen", en: "{} reports" }
    triage_count_more { de: "Mehr als {} Meldungen", en: "More than {} reports" }
    triage_new_arrived { de: "Neue Meldungen seit dem Laden dieser Seite: {}.", en: "New reports since this page was loaded: {}." }
    triage_reload { de: "Seite neu laden", en: "Reload the page" }
    triage_views_label { de: "Ansichten und Export", en: "Views and export" }
    triage_export { de: "Gefilterte Liste als CSV herunterladen", en: "Download the filtered list as CSV" }
    triage_filter_label { de: "Meldungen filtern", en: "Filter reports" }
    triage_department { de: "Abteilung", en: "Department" }
    triage_all_served { de: "Alle meine Abteilungen", en: "All my departments" }
    triage_status { de: "Status", en: "Status" }
    triage_status_open { de: "Offen", en: "Open" }
    triage_status_all { de: "Alle", en: "All" }
    triage_category { de: "Kategorie", en: "Category" }
    triage_area { de: "Bezirk", en: "District" }
    triage_any { de: "Alle", en: "Any" }
    triage_older_than { de: "Älter als (Tage)", en: "Older than (days)" }
    triage_search { de: "Suche (Aktenzeichen oder Text)", en: "Search (reference or text)" }
    triage_only_overdue { de: "Nur überfällige", en: "Overdue only" }
    triage_only_photo { de: "Nur mit Foto", en: "With photo only" }
    triage_filter { de: "Filtern", en: "Filter" }
    triage_map_label { de: "Karte der gefilterten Meldungen", en: "Map of the filtered reports" }
    triage_map_title { de: "Karte", en: "Map" }
    triage_empty { de: "Keine Meldungen für diese Auswahl.", en: "No reports match." }
    triage_select { de: "Auswahl", en: "Selection" }
    triage_select_one { de: "{} auswählen", en: "Select {}" }
    triage_col_reference { de: "Aktenzeichen", en: "Reference" }
    triage_col_status { de: "Status", en: "Status" }
    triage_col_category { de: "Kategorie", en: "Category" }
    triage_col_area { de: "Bezirk", en: "District" }
    triage_col_department { de: "Abteilung", en: "Department" }
    triage_col_submitted { de: "Eingegangen", en: "Received" }
    triage_col_due { de: "Frist", en: "Due" }
    triage_col_overdue { de: "Überfällig", en: "Overdue" }
    triage_col_priority { de: "Priorität", en: "Priority" }
    triage_col_assignee { de: "Zugewiesen an", en: "Assigned to" }
    triage_col_photos { de: "Fotos", en: "Photos" }
    triage_col_summary { de: "Beschreibung", en: "Description" }
    triage_yes { de: "ja", en: "yes" }
    triage_photos { de: "{} Foto(s)", en: "{} photo(s)" }
    triage_overdue { de: "Überfällig", en: "Overdue" }
    triage_bulk_title { de: "Ausgewählte Meldungen", en: "Selected reports" }
    triage_bulk_action { de: "Aktion", en: "Action" }
    triage_bulk_button { de: "Für die Auswahl ausführen", en: "Apply to the selection" }
    triage_bulk_done { de: "{} Meldungen geändert.", en: "{} reports changed." }
    triage_bulk_partly { de: "{} Meldungen geändert, {} übersprungen (zwischenzeitlich geändert oder nicht möglich).", en: "{} reports changed, {} skipped (changed meanwhile or not possible)." }
    triage_assign { de: "Zuweisen", en: "Assign" }
    triage_assignee { de: "Zuweisen an", en: "Assign to" }
    triage_target { de: "Weiterleiten an", en: "Forward to" }
    triage_choose { de: "Bitte wählen", en: "Please choose" }
    triage_reason { de: "Begründung", en: "Reason" }
    triage_reason_hint { de: "Nötig beim Weiterleiten, Zurückgeben und Schließen ohne Behebung. Die meldende Person liest sie.", en: "Needed to forward, hand back or close without a fix. The reporter reads it." }
    triage_pages_label { de: "Seiten", en: "Pages" }
    triage_first_page { de: "Zur ersten Seite", en: "First page" }
    triage_next_page { de: "Nächste Seite", en: "Next page" }
    triage_saved { de: "Gespeichert.", en: "Saved." }
    triage_report_title { de: "Meldung {}", en: "Report {}" }
    triage_back_to_queue { de: "Zurück zum Eingang", en: "Back to the queue" }
    triage_accept_due { de: "Annehmen bis", en: "Accept by" }
    triage_resolve_due { de: "Erledigen bis", en: "Resolve by" }
    triage_followers { de: "Folgen per E-Mail", en: "Following by e-mail" }
    triage_internal_note_title { de: "Interne Notiz", en: "Internal note" }
    triage_duplicate_of { de: "Duplikat von", en: "Duplicate of" }
    triage_open_map { de: "Ort auf OpenStreetMap ansehen", en: "See the place on OpenStreetMap" }
    triage_nearby { de: "Offene Meldungen in der Nähe (mögliche Duplikate)", en: "Open reports nearby (possible duplicates)" }
    triage_category_preview { de: "Kategorie ändern?", en: "Change the category?" }
    triage_category_preview_text { de: "Neue Kategorie: {}. Zuständig wäre dann: {}.", en: "New category: {}. Then responsible: {}." }
    triage_category_confirm { de: "Kategorie ändern und weitergeben", en: "Change the category and pass it on" }
    triage_cancel { de: "Abbrechen", en: "Cancel" }
    triage_actions { de: "Bearbeiten", en: "Work on it" }
    triage_change_status { de: "Status ändern", en: "Change the status" }
    triage_transition { de: "Neuer Schritt", en: "Next step" }
    triage_duplicate_label { de: "Duplikat von (Aktenzeichen)", en: "Duplicate of (reference)" }
    triage_duplicate_hint { de: "Nur beim Zusammenführen, z. B. BER-2026-000123", en: "Only when merging, e.g. BER-2026-000123" }
    triage_public_note { de: "Öffentliche Nachricht (optional)", en: "Public message (optional)" }
    triage_public_note_hint { de: "Erscheint auf der Statusseite und geht per E-Mail an die Meldenden.", en: "Shown on the status page and e-mailed to the reporters." }
    triage_internal_note { de: "Interne Notiz (optional)", en: "Internal note (optional)" }
    triage_set_priority { de: "Priorität setzen", en: "Set the priority" }
    triage_change_category { de: "Kategorie ändern", en: "Change the category" }
    triage_category_check { de: "Zuständigkeit prüfen", en: "Check who is responsible" }
    triage_add_note { de: "Notiz speichern", en: "Save the note" }
    triage_timeline { de: "Verlauf und Änderungen", en: "History and changes" }
    triage_internal { de: "intern", en: "internal" }
    triage_statistics_title { de: "Statistik – {}", en: "Statistics – {}" }
    triage_statistics_period { de: "Meldungen der letzten 12 Monate.", en: "Reports of the last 12 months." }
    triage_total { de: "Meldungen", en: "Reports" }
    triage_median_accept { de: "Median bis zur Annahme", en: "Median time to accept" }
    triage_median_resolve { de: "Median bis zur Erledigung", en: "Median time to resolve" }
    triage_share_not_fixed { de: "Anteil „geschlossen – nicht behoben“", en: "Share \"closed – not fixed\"" }
    triage_by_category { de: "Nach Kategorie", en: "By category" }
    triage_by_area { de: "Nach Bezirk", en: "By district" }
    triage_reports { de: "Meldungen", en: "Reports" }
    triage_no_data { de: "noch keine Daten", en: "no data yet" }
    triage_hours { de: "{} Stunden", en: "{} hours" }
    triage_days { de: "{} Tage", en: "{} days" }
    err_changed_meanwhile { de: "Jemand hat diese Meldung inzwischen geändert. Bitte prüfen Sie den Verlauf und versuchen Sie es erneut.", en: "Somebody changed this report meanwhile. Please check the history and try again." }
    err_transition_not_allowed { de: "Dieser Schritt ist im Status „{}“ nicht möglich", en: "This step is not possible in status \"{}\"" }
    err_reason_missing { de: "Geben Sie eine Begründung ein", en: "Enter a reason" }
    err_note_too_long { de: "Der Text darf höchstens {} Zeichen lang sein", en: "The text must be {} characters or fewer" }
    err_target_missing { de: "Wählen Sie aus, wohin die Meldung weitergeleitet wird", en: "Choose where to forward the report" }
    err_target_same { de: "Die Meldung liegt bereits bei dieser Abteilung", en: "The report is already with this department" }
    err_target_lacks_category { de: "{} bietet diese Kategorie nicht an; ändern Sie zuerst die Kategorie", en: "{} does not offer this category; change the category first" }
    err_duplicate_unknown { de: "Geben Sie das Aktenzeichen einer offenen Meldung ein, die Sie bearbeiten, z. B. BER-2026-000123", en: "Enter the reference of an open report you work on, e.g. BER-2026-000123" }
    err_duplicate_of_itself { de: "Eine Meldung kann kein Duplikat von sich selbst sein", en: "A report cannot be a duplicate of itself" }
    err_colleague_unknown { de: "Wählen Sie eine Person, die diese Meldung bearbeiten darf", en: "Choose somebody who may work on this report" }
    err_selection_empty { de: "Wählen Sie mindestens eine Meldung und eine Aktion aus.", en: "Select at least one report and an action." }
    err_nothing_to_do { de: "Es gibt nichts zu ändern: wählen Sie etwas anderes oder schreiben Sie eine Notiz", en: "There is nothing to change: choose something else or write a note" }
    nav_staff { de: "Dienst", en: "Staff" }
    nav_bauhof { de: "Bauhof", en: "Works yard" }
    event_location_changed { de: "Ort korrigiert", en: "Place corrected" }
    triage_change_location { de: "Ort korrigieren", en: "Correct the place" }
    triage_location_preview { de: "Ort korrigieren?", en: "Correct the place?" }
    triage_location_preview_text { de: "Neuer Ort: {}, {}. Zuständig wäre dann: {}.", en: "New place: {}, {}. Then responsible: {}." }
    triage_location_confirm { de: "Ort korrigieren und weitergeben", en: "Correct the place and pass it on" }
    event_supported { de: "Eine weitere Person hat das Problem auch gemeldet", en: "Somebody else reported the problem too" }
    support_title { de: "Ist es eine dieser Meldungen?", en: "Is it one of these reports?" }
    support_hint { de: "In der Nähe ist schon gemeldet, was Sie melden möchten? Dann unterstützen Sie diese Meldung, statt eine neue zu senden. Mit Ihrer E-Mail-Adresse erfahren Sie, wie es weitergeht.", en: "Has what you want to report already been reported nearby? Then support that report instead of sending a new one. With your e-mail address you hear how it goes on." }
    support_button { de: "Diese Meldung unterstützen", en: "Support this report" }
    support_item { de: "{}, {} m entfernt, {}", en: "{}, {} m away, {}" }
    support_thanks { de: "Danke! Sie unterstützen diese Meldung; Ihre eigene wurde nicht gesendet.", en: "Thank you! You support this report; yours was not sent." }
    status_supporters { de: "Unterstützt von", en: "Supported by" }
    status_supporters_one { de: "einer weiteren Person", en: "one more person" }
    status_supporters_count { de: "{} weiteren Personen", en: "{} more people" }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_grouped_by_thousands_in_each_language() {
        use super::Lang;
        assert_eq!(Lang::De.count(5000), "5.000");
        assert_eq!(Lang::En.count(960_000), "960,000");
        assert_eq!(Lang::De.count(999), "999");
        assert_eq!(Lang::De.count(1_000_000), "1.000.000");
    }

    use super::*;

    #[test]
    fn cookie_beats_accept_language() {
        assert_eq!(Lang::negotiate(Some("en"), Some("de-DE")), Lang::En);
    }

    #[test]
    fn accept_language_is_ranked_by_quality() {
        assert_eq!(
            Lang::negotiate(None, Some("fr;q=1.0, de;q=0.5, en;q=0.8")),
            Lang::En
        );
        assert_eq!(
            Lang::negotiate(None, Some("en-GB,en;q=0.9,de;q=0.8")),
            Lang::En
        );
    }

    #[test]
    fn german_is_the_default() {
        assert_eq!(Lang::negotiate(None, None), Lang::De);
        assert_eq!(Lang::negotiate(Some("xx"), Some("fr")), Lang::De);
    }

    #[test]
    fn fill_replaces_placeholders_in_order() {
        assert_eq!(fill("Schritt {} von {}", &["2", "7"]), "Schritt 2 von 7");
        assert_eq!(fill("no args", &[]), "no args");
    }

    #[test]
    fn fill_takes_numbered_placeholders_in_any_order_and_leaves_other_braces() {
        assert_eq!(fill("{1} – {0}", &["a", "b"]), "b – a");
        assert_eq!(fill("{} and {x}", &["a"]), "a and {x}");
        assert_eq!(fill("{2}", &["a"]), "");
    }
}
