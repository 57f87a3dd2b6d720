//! The texts of the API-key and open-data pages, German and English side by side (see
//! [`crate::text_table`]), with the server's messages for them.

use crate::context::use_lang;
use crate::i18n::Lang;

/// The texts in `lang`.
pub fn texts(lang: Lang) -> &'static OpenTexts {
    lang.pick(&DE, &EN)
}

/// The texts in the page's language.
pub fn use_texts() -> &'static OpenTexts {
    texts(use_lang())
}

crate::text_table! {
    /// All strings of the API-key and open-data pages in one language.
    OpenTexts, DE, EN;

    keys_title { de: "Schnittstellen-Schlüssel {}", en: "API keys {}" }
    keys_intro { de: "Mit einem Schlüssel greifen andere Systeme über Open311 auf Kiezwerk zu: Apps, die Meldungen senden, oder die Fachsoftware eines Amts, die Bearbeitungsstände zurückmeldet. Jeder Schlüssel wird nur einmal angezeigt; gespeichert wird nur sein Fingerabdruck.", en: "With a key, other systems use Kiezwerk through Open311: apps that send reports, or a department's own software that reports progress back. Each key is shown only once; only its fingerprint is stored." }
    keys_link { de: "Schnittstellen-Schlüssel verwalten", en: "Manage API keys" }
    new_key_title { de: "Neuer Schlüssel – jetzt kopieren", en: "New key – copy it now" }
    new_key_hint { de: "Dieser Schlüssel wird nur dieses eine Mal angezeigt. Geben Sie ihn sicher weiter (nicht per unverschlüsselter E-Mail).", en: "This key is shown this one time only. Hand it over securely (not by unencrypted e-mail)." }
    keys_list_title { de: "Schlüssel", en: "Keys" }
    keys_none { de: "Noch keine Schlüssel.", en: "No keys yet." }
    col_name { de: "Name", en: "Name" }
    col_key { de: "Schlüssel", en: "Key" }
    col_scope { de: "Geltungsbereich", en: "Scope" }
    col_access { de: "Rechte", en: "Access" }
    col_created { de: "Angelegt", en: "Created" }
    col_last_used { de: "Zuletzt benutzt", en: "Last used" }
    col_state { de: "Stand", en: "State" }
    never_used { de: "nie", en: "never" }
    whole_municipality { de: "ganze Kommune", en: "whole municipality" }
    access_read { de: "Lesen", en: "Read" }
    access_write { de: "Lesen und schreiben", en: "Read and write" }
    access_read_hint { de: "Für Programme, die Meldungen nur abrufen: Sie wissen, wer abruft, und sehen die letzte Nutzung.", en: "For programs that only fetch reports: you know who fetches and see the last use." }
    access_write_hint { de: "Darf Meldungen einreichen; an ein Amt gebunden auch Bearbeitungsstände und Nachrichten für dessen Meldungen senden.", en: "May submit reports; bound to a department, may also send progress and messages for its reports." }
    active { de: "aktiv", en: "active" }
    revoked_at { de: "widerrufen {}", en: "revoked {}" }
    revoke { de: "Schlüssel „{}“ widerrufen", en: "Revoke key “{}”" }
    revoked_notice { de: "Der Schlüssel „{}“ ist widerrufen und wird ab sofort abgewiesen.", en: "The key “{}” is revoked and is refused from now on." }
    create_title { de: "Neuen Schlüssel anlegen", en: "Create a new key" }
    key_name { de: "Name", en: "Name" }
    key_name_hint { de: "Wer oder was den Schlüssel benutzt, z. B. „Fachverfahren Grünflächenamt“.", en: "Who or what uses the key, e.g. “parks department back office”." }
    key_department { de: "Geltungsbereich", en: "Scope" }
    key_access { de: "Rechte", en: "Access" }
    create_button { de: "Schlüssel anlegen", en: "Create key" }
    access_missing { de: "Wählen Sie, ob der Schlüssel nur lesen oder auch schreiben darf.", en: "Choose whether the key may only read or also write." }
    forbidden { de: "Sie dürfen die Schlüssel dieser Kommune nicht verwalten.", en: "You may not manage this municipality's keys." }
    back_to_admin { de: "Zur Verwaltung", en: "To the administration" }

    open_data_title { de: "Offene Daten {}", en: "Open data {}" }
    open_data_link { de: "Offene Daten", en: "Open data" }
    open_data_intro { de: "Die Kommune veröffentlicht, was gemeldet wurde und wie es bearbeitet wird, als offene Daten: frei nutzbar, maschinenlesbar, täglich aktuell. Persönliche Daten sind nie enthalten.", en: "The municipality publishes what was reported and how it is handled as open data: free to use, machine-readable, current to the day. Personal data is never included." }
    open_data_none { de: "Diese Kommune gibt es hier nicht.", en: "There is no such municipality here." }
    dataset_records { de: "{} Datensätze", en: "{} records" }
    dataset_date { de: "Datenstand: {}", en: "Data as of: {}" }
    dataset_no_data { de: "Noch keine Datensätze.", en: "No records yet." }
    download { de: "{} herunterladen ({})", en: "Download {} ({})" }
    licence { de: "Lizenz: {}", en: "Licence: {}" }
    fields_title { de: "Felder", en: "Fields" }
    col_field { de: "Feld", en: "Field" }
    col_meaning { de: "Bedeutung", en: "Meaning" }
    catalogue_title { de: "Für Datenportale", en: "For data portals" }
    catalogue_text { de: "Der Katalog dieser Datensätze im Format DCAT-AP.de (JSON-LD) – GovData und andere Portale können ihn abrufen:", en: "The catalogue of these datasets in DCAT-AP.de (JSON-LD) – GovData and other portals can harvest it:" }
    open311_text { de: "Einzelne Meldungen und ihre Bearbeitung stehen auch über die Open311-Schnittstelle bereit:", en: "Single reports and their progress are also available through the Open311 API:" }

    reports_dataset { de: "Meldungen an {}", en: "Reports to {}" }
    waterings_dataset { de: "Gießungen von Stadtbäumen in {}", en: "Waterings of street trees in {}" }
    waterings_dataset_text { de: "Jede eingetragene Gießung eines Stadtbaums: welcher Baum (Kennung im Baumkataster, Ort, Bezirk, Art, Gattung, Straße, Pflanzjahr), wann (auf die Stunde, UTC) und wie viele Liter. In den Spalten des Gieß-den-Kiez-Exports, damit Auswertungen dafür auch hiermit funktionieren. Ohne persönliche Daten: nie, wer gegossen hat. Frei von Rechten (CC0).", en: "Every logged watering of a street tree: which tree (register id, location, district, species, genus, street, planting year), when (to the hour, UTC) and how many litres. In the columns of Gieß den Kiez's export, so analyses built for it work with this too. Without personal data: never who watered. Free of rights (CC0)." }
    field_tree_id { de: "Kennung des Baums im Baumkataster", en: "The tree's id in the register" }
    field_tree_place { de: "Länge und Breite des Baums (WGS 84)", en: "The tree's longitude and latitude (WGS 84)" }
    field_tree_district { de: "Bezirk", en: "District" }
    field_tree_species { de: "Art und Gattung (deutsch)", en: "Species and genus (German)" }
    field_tree_street { de: "Straße", en: "Street" }
    field_tree_planted { de: "Pflanzjahr (leer, wenn unbekannt)", en: "Planting year (empty if unknown)" }
    field_watered_at { de: "Zeitpunkt der Gießung, auf die Stunde (ISO 8601, UTC)", en: "When it was watered, to the hour (ISO 8601, UTC)" }
    field_litres { de: "Liter", en: "Litres" }
    reports_dataset_text { de: "Alle Meldungen seit Beginn: Kategorie, Bezirk, Status, zuständiges Amt, Eingang, Annahme und Abschluss, und ein vergröberter Ort. Ohne Beschreibung, Fotos und persönliche Daten. Der Ort ist auf die Mitte eines Rasterfelds von etwa 110 × 100 Metern verschoben, damit niemand aus einer Meldung vor der eigenen Haustür auf die meldende Person schließen kann; für Auswertungen nach Straßenabschnitt und Bezirk reicht das.", en: "All reports since the beginning: category, district, status, responsible department, submission, acceptance and closing, and a coarsened location. Without description, photos and personal data. The location is moved to the centre of a grid cell of about 110 × 100 metres, so that no one can infer the reporter from a report in front of their own door; that is enough for analyses by street section and district." }
    field_reference { de: "Vorgangsnummer", en: "Reference number" }
    field_category { de: "Kategorie (Code und Name)", en: "Category (code and name)" }
    field_district { de: "Bezirk bzw. Gebiet der Kommune", en: "District or area of the municipality" }
    field_status { de: "Status (Code und Name)", en: "Status (code and name)" }
    field_department { de: "Zuständiges Amt", en: "Responsible department" }
    field_submitted { de: "Eingang (Datum und Uhrzeit, Berlin)", en: "Submitted (date and time, Berlin)" }
    field_accepted { de: "Angenommen (leer, solange nicht angenommen)", en: "Accepted (empty until accepted)" }
    field_closed { de: "Abgeschlossen (leer, solange offen)", en: "Closed (empty while open)" }
    field_location { de: "Breite und Länge, vergröbert (WGS 84)", en: "Latitude and longitude, coarsened (WGS 84)" }
    field_supporters { de: "Wie viele andere dasselbe gemeldet haben", en: "How many others reported the same" }
}
