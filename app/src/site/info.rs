//! Pages of fixed content: data sources with their licences, and the privacy notice.

use crate::components::layout::Page;
use crate::i18n::Lang;
use crate::use_lang;
use leptos::prelude::*;

/// Attribution for the open data Kiezwerk shows and routes with.
#[component]
pub fn DataSources() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let rows: [(&str, &str, &str); 4] = match lang {
        Lang::De => [
            ("Grenzen der Berliner Bezirke", "Geometrie der amtlichen Bezirksgrenzen Berlins, aufbereitet vom Projekt „Gieß den Kiez“", "MIT-Lizenz"),
            ("Gemeindegrenzen von Berlin und Potsdam (VG250)", "© GeoBasis-DE / BKG, Daten verändert", "Datenlizenz Deutschland – Namensnennung – Version 2.0"),
            ("Kartenhintergrund", "Je nach Einrichtung basemap.de (© GeoBasis-DE / BKG) oder OpenStreetMap (© OpenStreetMap-Mitwirkende)", "CC BY 4.0 bzw. ODbL 1.0"),
            ("Kartenbibliothek Leaflet und Gestaltung KERN UX", "© Vladimir Agafonkin und Mitwirkende; KERN-Team (Dataport und weitere)", "BSD-2-Clause; EUPL-1.2"),
        ],
        Lang::En => [
            ("Boundaries of Berlin's districts", "Geometry of Berlin's official district boundaries, prepared by the “Gieß den Kiez” project", "MIT licence"),
            ("Municipal boundaries of Berlin and Potsdam (VG250)", "© GeoBasis-DE / BKG, data modified", "Data licence Germany – attribution – version 2.0"),
            ("Background map", "Depending on the installation basemap.de (© GeoBasis-DE / BKG) or OpenStreetMap (© OpenStreetMap contributors)", "CC BY 4.0 or ODbL 1.0"),
            ("Leaflet map library and KERN UX design", "© Vladimir Agafonkin and contributors; KERN team (Dataport and others)", "BSD-2-Clause; EUPL-1.2"),
        ],
    };
    view! {
        <Page title=t.data_sources_title>
            <h1 class="kern-heading-large">{t.data_sources_title}</h1>
            <dl class="kern-description-list">
                {rows.into_iter().map(|(what, source, licence)| view! {
                    <div class="kern-description-list-item">
                        <dt class="kern-description-list-item__key">{what}</dt>
                        <dd class="kern-description-list-item__value">{source}" – "{licence}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </Page>
    }
}

/// What Kiezwerk stores about a report, who sees it and for how long.
#[component]
pub fn Privacy() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let paragraphs: [&str; 5] = match lang {
        Lang::De => [
            "Für eine Meldung speichern wir die Art des Problems, den Ort, Ihre Beschreibung, Ihre Antworten auf Zusatzfragen, Ihre Fotos und – nur wenn Sie sie angeben – Ihre E-Mail-Adresse. Ein Konto ist nicht nötig.",
            "Fotos werden beim Hochladen neu berechnet. Dabei werden alle Metadaten entfernt, auch Aufnahmeort (GPS), Kameramodell und Aufnahmezeit. Gespeichert und gezeigt werden nur die bereinigten Bilder.",
            "Öffentlich sichtbar sind Art, Ort (Gebiet), zuständiges Amt, Bearbeitungsstand, Verlauf und Fotos. Ihre Beschreibung und Ihre E-Mail-Adresse sehen nur Sie (über Ihren persönlichen Link) und das zuständige Amt.",
            "Angefangene, nicht abgeschickte Meldungen werden nach 24 Stunden samt Fotos gelöscht. Ihr Entwurf ist über ein technisch notwendiges Cookie mit Ihrem Browser verknüpft; ein zweites Cookie merkt sich die gewählte Sprache. Wir setzen keine Tracking- oder Werbe-Cookies.",
            "Verantwortlich für die Bearbeitung Ihrer Meldung ist die zuständige Gemeinde. Sie haben das Recht auf Auskunft, Berichtigung und Löschung (Art. 15–17 DSGVO).",
        ],
        Lang::En => [
            "For a report we store the kind of problem, the place, your description, your answers to extra questions, your photos and – only if you give it – your e-mail address. You do not need an account.",
            "Photos are re-encoded on upload. This removes all metadata, including the location (GPS), camera model and time taken. Only the cleaned images are stored and shown.",
            "Publicly visible are the kind, the place (area), the responsible office, the progress, the timeline and the photos. Your description and e-mail address are seen only by you (through your personal link) and the responsible office.",
            "Reports that were started but not sent are deleted with their photos after 24 hours. Your draft is linked to your browser by a technically necessary cookie; a second cookie remembers your language. We use no tracking or advertising cookies.",
            "The responsible municipality is the controller for your report. You have the right of access, rectification and erasure (Art. 15–17 GDPR).",
        ],
    };
    view! {
        <Page title=t.privacy_title>
            <h1 class="kern-heading-large">{t.privacy_title}</h1>
            {paragraphs.into_iter().map(|p| view! { <p class="kern-body">{p}</p> }).collect_view()}
        </Page>
    }
}
