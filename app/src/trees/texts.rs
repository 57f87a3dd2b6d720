//! The tree pages' texts, German and English side by side (see [`crate::text_table`]). The
//! server words the register import's errors and the water need with them too.

use super::model::NeedView;
use crate::context::use_lang;
use crate::i18n::{fill, Lang};

/// The tree pages' texts in `lang`.
pub fn texts(lang: Lang) -> &'static TreeTexts {
    lang.pick(&DE, &EN)
}

/// The tree pages' texts in the page's language.
pub fn use_texts() -> &'static TreeTexts {
    texts(use_lang())
}

/// A tree's need in words: "hoch – noch 150 Liter diese Woche", or "… – für diese Woche
/// versorgt".
pub fn need_words(s: &TreeTexts, need: &NeedView) -> String {
    if need.still_needed == 0 {
        fill(s.need_met, &[&need.label])
    } else {
        fill(s.need_line, &[&need.label, &need.still_needed.to_string()])
    }
}

crate::text_table! {
    /// All tree strings of one language.
    TreeTexts, DE, EN;

    places_title { de: "Stadtbäume gießen", en: "Water street trees" }
    places_intro { de: "Junge Stadtbäume brauchen in trockenen Wochen Hilfe. Finden Sie Bäume in Ihrer Nähe, adoptieren Sie einen und tragen Sie ein, wann Sie ihn gegossen haben – so sehen alle, welche Bäume noch durstig sind.", en: "Young street trees need help in dry weeks. Find trees near you, adopt one and log when you watered it – so everyone sees which trees are still thirsty." }
    places_none { de: "Hier gibt es noch kein Baumkataster.", en: "There is no tree register here yet." }
    places_count { de: "{} Bäume", en: "{} trees" }
    places_no_register { de: "noch kein Baumkataster", en: "no tree register yet" }
    nearby_no_register { de: "Für {} gibt es in Kiezwerk noch kein Baumkataster. Sobald die Verwaltung es einspielt, finden Sie die Bäume hier.", en: "There is no tree register for {} in Kiezwerk yet. As soon as the administration imports it, you will find the trees here." }
    nearby_title { de: "Bäume in {}", en: "Trees in {}" }
    data_date { de: "Baumdaten: Stand {}", en: "Tree data as of {}" }
    data_source { de: "Quelle: Baumkataster der Gemeinde.", en: "Source: the municipality's tree register." }
    my_trees_link { de: "Meine Bäume", en: "My trees" }
    search_place_title { de: "In der Nähe eines Ortes suchen", en: "Search near a place" }
    search_place_hint { de: "Mit „Meinen Standort verwenden“ füllt Ihr Gerät die Koordinaten aus; Sie können sie auch selbst eingeben.", en: "“Use my location” lets your device fill in the coordinates; you can also type them." }
    use_location { de: "Meinen Standort verwenden", en: "Use my location" }
    locating { de: "Standort wird ermittelt …", en: "Finding your location …" }
    location_failed { de: "Ihr Standort ließ sich nicht ermitteln. Geben Sie die Koordinaten ein oder suchen Sie nach Straße.", en: "Your location could not be found. Enter the coordinates or search by street." }
    lat { de: "Breitengrad", en: "Latitude" }
    lon { de: "Längengrad", en: "Longitude" }
    search_place_button { de: "Bäume in der Nähe zeigen", en: "Show trees nearby" }
    search_street_title { de: "Nach Straße suchen", en: "Search by street" }
    district { de: "Bezirk (freiwillig)", en: "District (optional)" }
    all_districts { de: "Alle Bezirke", en: "All districts" }
    street { de: "Straße oder Grünanlage", en: "Street or green space" }
    street_hint { de: "Der Anfang des Namens genügt, zum Beispiel „Schönholzer“.", en: "The beginning of the name is enough, for example “Schönholzer”." }
    search_street_button { de: "Bäume an dieser Straße zeigen", en: "Show trees in this street" }
    results_title { de: "Gefundene Bäume", en: "Trees found" }
    results_none { de: "Keine Bäume gefunden. Versuchen Sie einen anderen Ort oder Straßennamen.", en: "No trees found. Try another place or street name." }
    register_title { de: "Baumkataster von {}", en: "Tree register of {}" }
    register_none { de: "Es ist noch kein Baumkataster eingespielt. Bürgerinnen und Bürger sehen auf den Baumseiten, dass es keines gibt.", en: "No tree register has been imported yet. Citizens see on the tree pages that there is none." }
    register_state { de: "{} Bäume, Baumdaten: Stand {}.", en: "{} trees, data as of {}." }
    register_last { de: "Zuletzt eingespielt am {} aus „{}“.", en: "Last imported on {} from “{}”." }
    register_upload_title { de: "Baumkataster einspielen", en: "Import the tree register" }
    register_upload_intro { de: "Spielen Sie immer das ganze Baumkataster ein: Neue Bäume kommen hinzu, geänderte werden aktualisiert, Bäume, die in der Datei fehlen, werden als nicht mehr vorhanden markiert (nicht gelöscht – Patenschaften und Gießungen bleiben erhalten). Hat eine Zeile einen Fehler, wird nichts übernommen.", en: "Always import the whole tree register: new trees are added, changed ones updated, trees missing from the file are marked as gone (not deleted – adoptions and waterings are kept). If any line has an error, nothing is imported." }
    register_file { de: "Datei des Baumkatasters", en: "Tree register file" }
    register_file_hint { de: "CSV oder GeoJSON mit den Spalten des Berliner Baumkatasters (id, lat, lng, art_dtsch, art_bot, pflanzjahr, …), höchstens {} MB. Größere Kataster spielt der Betrieb mit „kiezwerk trees import“ ein.", en: "CSV or GeoJSON with the columns of the Berlin tree register (id, lat, lng, art_dtsch, art_bot, pflanzjahr, …), at most {} MB. Larger registers are imported by operations with “kiezwerk trees import”." }
    register_upload_button { de: "Datei prüfen", en: "Check the file" }
    register_imported { de: "Das Baumkataster ist eingespielt: {} neu, {} geändert, {} nicht mehr vorhanden, {} unverändert ({} s).", en: "The tree register is imported: {} new, {} changed, {} gone, {} unchanged ({} s)." }
    register_unchanged { de: "Nichts geändert: Das Baumkataster enthält diese {} Bäume bereits.", en: "Nothing changed: the tree register already holds these {} trees." }
    register_public { de: "Öffentliche Seite der Bäume", en: "Public tree page" }
    register_preview_ready { de: "Die Datei ist geprüft und fehlerfrei. Sehen Sie unten, was sie ändern würde, und übernehmen Sie sie.", en: "The file is checked and has no errors. See below what it would change, and apply it." }
    register_preview_title { de: "Vorschau: „{}“", en: "Preview: “{}”" }
    register_preview_intro { de: "Noch ist nichts geändert. Übernehmen Sie die Datei, wird das Baumkataster so geändert:", en: "Nothing has changed yet. If you apply the file, the tree register changes like this:" }
    register_preview_added { de: "Neue Bäume", en: "New trees" }
    register_preview_updated { de: "Geänderte Bäume", en: "Changed trees" }
    register_preview_unchanged { de: "Unverändert", en: "Unchanged" }
    register_preview_retired { de: "Nicht mehr in der Datei (werden als nicht mehr vorhanden markiert)", en: "No longer in the file (marked as gone)" }
    register_preview_cared { de: "davon mit Paten oder Gießungen – sie bleiben mit ihnen erhalten", en: "of those with adopters or waterings – kept with them" }
    register_preview_apply { de: "Übernehmen", en: "Apply" }
    register_preview_discard { de: "Verwerfen", en: "Discard" }
    register_preview_discarded { de: "Die Datei ist verworfen. Das Baumkataster ist unverändert.", en: "The file is discarded. The tree register is unchanged." }
    err_register_preview_gone { de: "Diese Vorschau gibt es nicht mehr – sie wurde übernommen, verworfen oder durch eine neuere Datei ersetzt. Nichts wurde geändert.", en: "This preview no longer exists – it was applied, discarded or replaced by a newer file. Nothing was changed." }
    err_register_preview_stale { de: "Das Baumkataster hat sich seit der Vorschau geändert. Nichts wurde übernommen – laden Sie die Datei erneut hoch, um zu sehen, was sie jetzt ändern würde.", en: "The tree register changed since the preview. Nothing was applied – upload the file again to see what it would change now." }
    err_register_empty { de: "Wählen Sie die Datei des Baumkatasters aus.", en: "Choose the tree register file." }
    err_register_too_large { de: "Die Datei ist zu groß. Größere Kataster spielt der Betrieb mit „kiezwerk trees import“ ein.", en: "The file is too large. Larger registers are imported by operations with “kiezwerk trees import”." }
    results_range { de: "Bäume {} bis {}, die nächsten zuerst.", en: "Trees {} to {}, nearest first." }
    results_range_street { de: "Bäume {} bis {}, nach Straße und Hausnummer.", en: "Trees {} to {}, by street and house number." }
    pages_label { de: "Seiten der Liste", en: "Pages of the list" }
    previous_page { de: "Vorherige Seite", en: "Previous page" }
    next_page { de: "Nächste Seite", en: "Next page" }
    col_tree { de: "Baum", en: "Tree" }
    col_address { de: "Standort", en: "Location" }
    col_age { de: "Alter", en: "Age" }
    col_need { de: "Wasserbedarf", en: "Water need" }
    col_adopters { de: "Paten", en: "Adopters" }
    col_distance { de: "Entfernung", en: "Distance" }
    metres { de: "{} m", en: "{} m" }
    age_years { de: "{} Jahre", en: "{} years" }
    age_unknown { de: "unbekannt", en: "unknown" }
    reason_planted { de: "Neu gepflanzte Bäume (bis 4 Jahre) gießt in den ersten Jahren der Bezirk im Rahmen des Pflanzvertrags.", en: "Newly planted trees (up to 4 years) are watered by the district in their first years under the planting contract." }
    reason_young { de: "Junge Bäume (5 bis 10 Jahre) erreichen das Grundwasser noch nicht: einmal pro Woche 75–100 Liter, wir rechnen mit 100 Litern pro Woche.", en: "Young trees (5 to 10 years) do not reach the groundwater yet: 75–100 litres once a week; we count 100 litres a week." }
    reason_growing { de: "Bäume von 11 bis 15 Jahren brauchen in trockenen Wochen mindestens 50 Liter einmal pro Woche.", en: "Trees of 11 to 15 years need at least 50 litres once a week in dry weeks." }
    reason_old { de: "Ältere Bäume (über 15 Jahre) versorgen sich meist selbst aus dem Grundwasser; gießen Sie sie nur bei langer Trockenheit.", en: "Older trees (over 15 years) mostly draw on the groundwater themselves; water them only in long droughts." }
    reason_unknown { de: "Das Alter dieses Baums ist nicht bekannt; wir rechnen mit dem Mindestbedarf eines jungen Baums (50 Liter pro Woche).", en: "This tree's age is not known; we count the minimum need of a young tree (50 litres a week)." }
    need_formula { de: "Schätzung, kein Messwert. So rechnen wir: Wochenbedarf nach Alter – bis 4 Jahre 0 Liter (gießt der Bezirk), 5–10 Jahre 100 Liter, 11–15 Jahre 50 Liter, älter 0 Liter, Alter unbekannt 50 Liter –, davon ab der Regen der letzten 7 Tage (Niederschlagsradar RADOLAN des Deutschen Wetterdienstes, 1 mm als 1 Liter, wie bei „Gieß den Kiez“) und die in den letzten 7 Tagen eingetragenen Gießmengen. Fehlen mehr als 50 Liter, ist der Bedarf hoch, fehlen 1 bis 50 Liter, mittel, fehlt nichts, niedrig. Grundlagen: Senatsverwaltung Berlin (junge Straßenbäume bei Trockenheit mindestens 50 Liter einmal pro Woche; intensive Pflege bis zum 10. Standjahr), Bezirksamt Mitte (75–100 Liter je Gießgang), „Gieß den Kiez“ (CityLAB Berlin).", en: "An estimate, not a measurement. How we count: the weekly need by age – up to 4 years 0 litres (the district waters them), 5–10 years 100 litres, 11–15 years 50 litres, older 0 litres, unknown age 50 litres –, minus the last 7 days' rain (the Deutscher Wetterdienst's RADOLAN precipitation radar, 1 mm as 1 litre, as in “Gieß den Kiez”) and minus the waterings logged in the last 7 days. If more than 50 litres are missing the need is high, if 1 to 50 litres medium, if nothing low. Sources: Berlin Senate (young street trees need at least 50 litres once a week in dry spells; intensive care up to their 10th year), Mitte district office (75–100 litres per watering), “Gieß den Kiez” (CityLAB Berlin)." }
    need_low { de: "niedrig", en: "low" }
    need_medium { de: "mittel", en: "medium" }
    need_high { de: "hoch", en: "high" }
    need_line { de: "{} – noch {} Liter diese Woche", en: "{} – {} litres still needed this week" }
    need_met { de: "{} – für diese Woche versorgt", en: "{} – cared for this week" }
    need_rain { de: "Regen in den letzten 7 Tagen", en: "Rain in the last 7 days" }
    rain_counted { de: "Regen: {} mm fielen laut Deutschem Wetterdienst (RADOLAN) vom {} bis {} auf das Rasterfeld dieses Baums; gleichmäßig auf die Tage verteilt zählen die der letzten 7 Tage, 1 mm als 1 Liter.", en: "Rain: {} mm fell on this tree's grid cell from {} to {} according to the Deutscher Wetterdienst (RADOLAN); spread evenly over the days, those of the last 7 days count, 1 mm as 1 litre." }
    rain_stale { de: "Die letzten Regendaten (Deutscher Wetterdienst, RADOLAN, bis {}) sind älter als eine Woche; Regen zählt deshalb gerade nicht.", en: "The latest rain data (Deutscher Wetterdienst, RADOLAN, up to {}) is more than a week old, so rain does not count at the moment." }
    rain_outside { de: "Für den Standort dieses Baums gibt es keine Regendaten.", en: "There is no rain data for this tree's location." }
    pumps_title { de: "Straßenbrunnen in der Nähe", en: "Street pumps nearby" }
    pumps_none { de: "Im Umkreis von 500 m ist kein Straßenbrunnen verzeichnet.", en: "No street pump is recorded within 500 m." }
    pumps_source { de: "Straßenbrunnen und ihr Zustand: © OpenStreetMap-Mitwirkende (ODbL). Ist eine Pumpe kaputt, melden Sie es – die Meldung geht an das zuständige Amt.", en: "Street pumps and their state: © OpenStreetMap contributors (ODbL). If a pump is broken, report it – the report goes to the responsible office." }
    col_pump { de: "Straßenbrunnen", en: "Street pump" }
    col_pump_status { de: "Zustand", en: "State" }
    col_pump_action { de: "Melden", en: "Report" }
    pump_at { de: "Pumpe in {}", en: "Pump at {}" }
    pump_nearest { de: "Nächster Straßenbrunnen", en: "Nearest street pump" }
    pump_line { de: "{} entfernt: {}", en: "{} away: {}" }
    pump_works { de: "funktioniert", en: "works" }
    pump_broken { de: "defekt", en: "broken" }
    pump_locked { de: "verschlossen", en: "locked" }
    pump_blocked { de: "blockiert", en: "blocked" }
    pump_missing_beam { de: "Schwengel fehlt", en: "handle missing" }
    pump_unknown { de: "Zustand unbekannt", en: "status unknown" }
    pump_checked { de: "geprüft am {}", en: "checked on {}" }
    pump_report { de: "Pumpe defekt melden", en: "Report a broken pump" }
    pump_report_label { de: "Pumpe defekt melden ({} entfernt)", en: "Report a broken pump ({} away)" }
    pump_title { de: "Straßenbrunnen", en: "Street pump" }
    pump_title_near { de: "Straßenbrunnen bei {}", en: "Street pump near {}" }
    pump_state_title { de: "Zustand", en: "State" }
    pump_state_recorded { de: "Laut OpenStreetMap: {}", en: "According to OpenStreetMap: {}" }
    pump_osm_node { de: "OpenStreetMap-Knoten {}", en: "OpenStreetMap node {}" }
    pump_place { de: "Lage", en: "Location" }
    pump_reported { de: "Als defekt gemeldet: Meldung {} – {}", en: "Reported broken: report {} – {}" }
    pump_reported_short { de: "gemeldet: {}", en: "reported: {}" }
    pump_reported_hint { de: "Das zuständige Amt kümmert sich darum. Ist die Pumpe auch für Sie kaputt? Auf der Statusseite können Sie die Meldung unterstützen, statt eine neue zu schreiben.", en: "The responsible office is on it. Is the pump broken for you too? On the status page you can support the report instead of writing a new one." }
    pump_report_intro { de: "Kommt kein Wasser, fehlt der Schwengel oder ist die Pumpe verschlossen? Melden Sie es – die Meldung geht an das zuständige Amt.", en: "No water, handle missing or pump locked? Report it – the report goes to the responsible office." }
    pump_open { de: "Zum Straßenbrunnen", en: "Open the street pump" }
    pump_open_label { de: "Straßenbrunnen in {} öffnen", en: "Open the street pump at {}" }
    map_show_pump { de: "Auf der Karte zeigen", en: "Show on the map" }
    map_legend_pump { de: "Blaues Quadrat: Straßenbrunnen, funktioniert", en: "Blue square: street pump that works" }
    map_legend_pump_broken { de: "Quadrat mit rotem Kreuz: Straßenbrunnen außer Betrieb (defekt, verschlossen, …)", en: "Square with a red cross: street pump out of order (broken, locked, …)" }
    map_legend_pump_unknown { de: "Blau umrandetes Quadrat: Straßenbrunnen, Zustand unbekannt", en: "Blue-outlined square: street pump, state unknown" }
    card_title { de: "{} ({})", en: "{} ({})" }
    species_bot { de: "Botanischer Name", en: "Botanical name" }
    genus { de: "Gattung", en: "Genus" }
    planted { de: "Pflanzjahr", en: "Planted" }
    age { de: "Alter", en: "Age" }
    height { de: "Höhe", en: "Height" }
    trunk { de: "Stammumfang", en: "Trunk girth" }
    crown { de: "Kronendurchmesser", en: "Crown diameter" }
    location { de: "Standort", en: "Location" }
    register_id { de: "Kennung im Baumkataster", en: "Register id" }
    unit_m { de: "{} m", en: "{} m" }
    unit_cm { de: "{} cm", en: "{} cm" }
    need_title { de: "Wasserbedarf", en: "Water need" }
    need_weekly { de: "Bedarf pro Woche", en: "Need per week" }
    need_watered { de: "Gegossen in den letzten 7 Tagen", en: "Watered in the last 7 days" }
    need_still { de: "Noch nötig diese Woche", en: "Still needed this week" }
    litres { de: "{} Liter", en: "{} litres" }
    adopters_none { de: "Dieser Baum hat noch keine Paten.", en: "This tree has no adopters yet." }
    adopters_one { de: "Dieser Baum hat einen Paten.", en: "This tree has one adopter." }
    adopters_many { de: "Dieser Baum hat {} Paten.", en: "This tree has {} adopters." }
    adopter_names { de: "Paten, die ihren Namen zeigen: {}", en: "Adopters who show their name: {}" }
    show_my_name { de: "Meinen Anzeigenamen „{}“ auf dieser Seite zeigen (freiwillig; sonst werden Paten nur gezählt)", en: "Show my display name “{}” on this page (optional; otherwise adopters are only counted)" }
    name_shown { de: "Ihr Anzeigename steht auf dieser Seite.", en: "Your display name is shown on this page." }
    name_hidden { de: "Ihr Anzeigename steht nicht auf dieser Seite.", en: "Your display name is not shown on this page." }
    show_name { de: "Meinen Namen zeigen", en: "Show my name" }
    hide_name { de: "Meinen Namen nicht mehr zeigen", en: "Stop showing my name" }
    done_name_shown { de: "Ihr Anzeigename steht jetzt auf der Seite des Baums.", en: "Your display name is now shown on the tree's page." }
    done_name_hidden { de: "Ihr Anzeigename steht nicht mehr auf der Seite des Baums.", en: "Your display name is no longer shown on the tree's page." }
    adopted_by_you { de: "Sie sind Pate dieses Baums.", en: "You have adopted this tree." }
    adopt_title { de: "Patenschaft", en: "Adoption" }
    adopt { de: "Baum adoptieren", en: "Adopt this tree" }
    unadopt { de: "Patenschaft beenden", en: "End the adoption" }
    sign_in_first { de: "Melden Sie sich mit Ihrem Passkey an, um diesen Baum zu adoptieren oder eine Gießung einzutragen.", en: "Sign in with your passkey to adopt this tree or log a watering." }
    sign_in { de: "Anmelden", en: "Sign in" }
    water_title { de: "Gießen eintragen", en: "Log a watering" }
    water_litres { de: "Menge in Litern", en: "Amount in litres" }
    water_litres_hint { de: "Eine große Gießkanne fasst etwa 10 Liter.", en: "A large watering can holds about 10 litres." }
    water_at { de: "Wann", en: "When" }
    water_button { de: "Gießen eintragen", en: "Log watering" }
    history_title { de: "Letzte Gießungen", en: "Recent waterings" }
    history_none { de: "Noch keine Gießungen eingetragen.", en: "No waterings logged yet." }
    col_when { de: "Wann", en: "When" }
    col_litres { de: "Liter", en: "Litres" }
    col_by { de: "Von", en: "By" }
    by_you { de: "Ihnen", en: "you" }
    by_someone { de: "jemand anderem", en: "someone else" }
    edit { de: "Ändern", en: "Change" }
    edit_label { de: "Gießung vom {} ändern", en: "Change the watering of {}" }
    delete { de: "Löschen", en: "Delete" }
    delete_label { de: "Gießung vom {} löschen", en: "Delete the watering of {}" }
    report_damage { de: "Schaden melden", en: "Report damage" }
    report_damage_hint { de: "Ast abgebrochen, Baum beschädigt oder krank? Melden Sie es dem zuständigen Amt.", en: "A broken branch, a damaged or sick tree? Tell the responsible office." }
    back_to_list { de: "Zurück zu den Bäumen", en: "Back to the trees" }
    my_title { de: "Meine Bäume in {}", en: "My trees in {}" }
    my_none { de: "Sie haben hier noch keinen Baum adoptiert.", en: "You have not adopted a tree here yet." }
    my_find { de: "Bäume in der Nähe finden", en: "Find trees nearby" }
    my_waterings { de: "Meine Gießungen", en: "My waterings" }
    my_waterings_none { de: "Sie haben hier noch keine Gießung eingetragen.", en: "You have not logged a watering here yet." }
    edit_title { de: "Gießung ändern", en: "Change a watering" }
    edit_button { de: "Änderung speichern", en: "Save the change" }
    cancel { de: "Abbrechen", en: "Cancel" }
    done_adopted { de: "Sie haben den Baum adoptiert. Danke!", en: "You adopted the tree. Thank you!" }
    done_unadopted { de: "Ihre Patenschaft ist beendet.", en: "Your adoption has ended." }
    done_watered { de: "Ihre Gießung mit {} Litern ist eingetragen. Danke!", en: "Your watering of {} litres is logged. Thank you!" }
    done_edited { de: "Die Gießung ist geändert.", en: "The watering is changed." }
    done_deleted { de: "Die Gießung ist gelöscht.", en: "The watering is deleted." }
    err_lat { de: "Geben Sie den Breitengrad als Zahl zwischen -90 und 90 an, zum Beispiel 52,52.", en: "Enter the latitude as a number between -90 and 90, for example 52.52." }
    err_lon { de: "Geben Sie den Längengrad als Zahl zwischen -180 und 180 an, zum Beispiel 13,405.", en: "Enter the longitude as a number between -180 and 180, for example 13.405." }
    err_street { de: "Geben Sie mindestens zwei Buchstaben des Straßennamens ein.", en: "Enter at least two letters of the street name." }
    err_district { de: "Wählen Sie einen Bezirk aus der Liste.", en: "Choose a district from the list." }
    err_litres { de: "Geben Sie die Menge als ganze Zahl von 1 bis 500 Litern an.", en: "Enter the amount as a whole number from 1 to 500 litres." }
    err_at { de: "Geben Sie Datum und Uhrzeit an, zum Beispiel 01.07.2026, 18:30.", en: "Enter a date and time, for example 1 July 2026, 18:30." }
    err_at_future { de: "Der Zeitpunkt liegt in der Zukunft. Tragen Sie eine Gießung ein, wenn sie erledigt ist.", en: "That time is in the future. Log a watering once it is done." }
    err_at_old { de: "Gießungen können bis zu 30 Tage rückwirkend eingetragen werden.", en: "Waterings can be logged up to 30 days back." }
    err_gone { de: "Diesen Baum oder diese Gießung gibt es nicht (mehr), oder sie ist nicht Ihre.", en: "This tree or watering does not exist (any more), or it is not yours." }
    err_import_unreadable { de: "Die Datei ist keine lesbare CSV- oder GeoJSON-Datei (UTF-8).", en: "The file is not a readable CSV or GeoJSON file (UTF-8)." }
    err_import_header { de: "Es fehlen Spalten des Berliner Baumkatasters: {}.", en: "Columns of the Berlin tree register are missing: {}." }
    err_import_line { de: "Zeile {}: {}", en: "Line {}: {}" }
    err_import_feature { de: "Objekt {}: {}", en: "Feature {}: {}" }
    err_import_id { de: "die Kennung (id) fehlt", en: "the id is missing" }
    err_import_twice { de: "die Kennung {} kommt mehrfach vor", en: "the id {} occurs more than once" }
    map_title { de: "Baumkarte {}", en: "Tree map of {}" }
    map_link { de: "Alle Bäume auf der Karte", en: "All trees on the map" }
    stats_link { de: "Statistik: Patenschaften und Gießungen", en: "Statistics: adoptions and waterings" }
    reminders_link { de: "Erinnerungen per E-Mail, wenn Ihre Bäume Durst haben", en: "E-mail reminders when your trees are thirsty" }
    reminders_title { de: "Erinnerungen, wenn Ihre Bäume Durst haben", en: "Reminders when your trees are thirsty" }
    reminders_intro { de: "Hat einer Ihrer Bäume Durst und hat ihn eine Woche lang niemand gegossen, schicken wir Ihnen eine E-Mail mit allen solchen Bäumen – höchstens eine in der Woche, von März bis Oktober. Jede E-Mail hat einen Link, mit dem Sie die Erinnerungen sofort abbestellen.", en: "When one of your trees is thirsty and nobody has watered it for a week, we send you an e-mail listing all such trees – at most one a week, from March to October. Every e-mail has a link that stops the reminders at once." }
    reminders_state_on { de: "Sie bekommen Erinnerungen an {}.", en: "You get reminders at {}." }
    reminders_state_off { de: "Sie bekommen keine Erinnerungen.", en: "You get no reminders." }
    reminders_no_email { de: "Für Erinnerungen braucht Ihr Konto eine bestätigte E-Mail-Adresse. Tragen Sie sie auf Ihrer Kontoseite ein.", en: "Reminders need a confirmed e-mail address on your account. Add it on your account page." }
    reminders_account_link { de: "Zur Kontoseite", en: "To your account page" }
    reminders_off_season { de: "Von November bis Februar brauchen Straßenbäume kaum Wasser: Dann ruhen die Erinnerungen.", en: "From November to February street trees need hardly any water: reminders rest then." }
    reminders_on { de: "Erinnerungen bestellen", en: "Get reminders" }
    reminders_off { de: "Erinnerungen abbestellen", en: "Stop reminders" }
    reminders_on_done { de: "Erinnerungen bestellt. Wir schreiben Ihnen, wenn einer Ihrer Bäume Durst hat.", en: "Reminders on. We will write when one of your trees is thirsty." }
    reminders_off_done { de: "Erinnerungen abbestellt.", en: "Reminders off." }
    unsubscribe_title { de: "Erinnerungen abbestellen", en: "Stop reminders" }
    unsubscribe_text { de: "Sie bekommen dann keine E-Mails mehr, wenn Ihre Bäume Durst haben. Ihre Patenschaften bleiben.", en: "You will then get no more e-mails when your trees are thirsty. Your adoptions stay." }
    unsubscribe_button { de: "Keine Erinnerungen mehr", en: "No more reminders" }
    unsubscribed_title { de: "Erinnerungen abbestellt", en: "Reminders stopped" }
    unsubscribed_text { de: "Sie bekommen keine Erinnerungen mehr. Bestellen können Sie sie jederzeit wieder.", en: "You get no more reminders. You can ask for them again at any time." }
    unsubscribed_unknown { de: "Diesen Abmeldelink kennen wir nicht (mehr) – vielleicht haben Sie die Erinnerungen schon abbestellt. Ob Sie welche bekommen, sehen Sie angemeldet in Ihren Einstellungen.", en: "We do not know this unsubscribe link (any more) – perhaps you already stopped the reminders. Signed in, your settings show whether you get any." }
    reminders_settings_link { de: "Zu den Einstellungen", en: "To the settings" }
    stats_title { de: "Baumstatistik {}", en: "Tree statistics {}" }
    stats_intro { de: "Wie viele Bäume Paten haben, und wie oft und wie viel in den letzten zwölf Monaten ({}) gegossen wurde – je Monat und je Bezirk. Jede Grafik steht mit denselben Zahlen auch als Tabelle darunter.", en: "How many trees have adopters, and how often and how much was watered in the last twelve months ({}) – per month and per district. Every chart is followed by a table with the same figures." }
    stats_window { de: "{} bis {}", en: "{} to {}" }
    stats_adopted_trees { de: "Bäume mit Paten", en: "Trees with adopters" }
    stats_adoptions { de: "Patenschaften", en: "Adoptions" }
    stats_waterings { de: "Gießungen in zwölf Monaten", en: "Waterings in twelve months" }
    stats_litres { de: "Liter in zwölf Monaten", en: "Litres in twelve months" }
    stats_month_adoptions { de: "Neue Patenschaften je Monat", en: "New adoptions per month" }
    stats_month_waterings { de: "Gießungen je Monat", en: "Waterings per month" }
    stats_month_litres { de: "Liter je Monat", en: "Litres per month" }
    stats_district_adoptions { de: "Patenschaften je Bezirk", en: "Adoptions per district" }
    stats_district_waterings { de: "Gießungen je Bezirk (zwölf Monate)", en: "Waterings per district (twelve months)" }
    stats_district_litres { de: "Liter je Bezirk (zwölf Monate)", en: "Litres per district (twelve months)" }
    stats_col_adoptions { de: "Patenschaften", en: "Adoptions" }
    stats_col_month { de: "Monat", en: "Month" }
    stats_col_district { de: "Bezirk", en: "District" }
    stats_col_waterings { de: "Gießungen", en: "Waterings" }
    stats_col_litres { de: "Liter", en: "Litres" }
    stats_no_district { de: "ohne Bezirk", en: "no district" }
    stats_note { de: "Beendete Patenschaften werden nicht aufbewahrt: Je Monat zählen die damals begonnenen, die noch bestehen. Gießungen zählen mit dem Zeitpunkt, den die Gießenden eingetragen haben; aus Gieß den Kiez übernommene mitgerechnet.", en: "Ended adoptions are not kept: per month count those begun then that still last. Waterings count at the time those who watered entered; those taken over from Gieß den Kiez included." }
    stats_open_data { de: "Die einzelnen Gießungen als offene Daten (CC0):", en: "The single waterings as open data (CC0):" }
    map_label { de: "Karte der Stadtbäume", en: "Map of the street trees" }
    map_hint { de: "Tippen Sie auf einen Baum oder einen Straßenbrunnen, um seine Seite zu öffnen. Mit der Tastatur: Pfeiltasten verschieben die Karte, Plus und Minus zoomen, Enter öffnet den Baum oder Brunnen in der Mitte.", en: "Tap a tree or a street pump to open its page. With the keyboard: the arrow keys move the map, plus and minus zoom, Enter opens the tree or pump in the middle." }
    map_zoom_closer { de: "Zoomen Sie näher heran, um einzelne Bäume zu sehen und zu öffnen.", en: "Zoom in closer to see and open single trees." }
    map_no_tree { de: "In der Mitte der Karte steht kein Baum.", en: "There is no tree in the middle of the map." }
    map_my_location { de: "Mein Standort", en: "My location" }
    map_list { de: "Lieber als Liste? Bäume in der Nähe eines Ortes oder an einer Straße finden", en: "Prefer a list? Find trees near a place or in a street" }
    map_needs_js { de: "Die Karte braucht JavaScript. Die Liste funktioniert ohne.", en: "The map needs JavaScript. The list works without it." }
    map_legend_title { de: "Zeichenerklärung", en: "Key" }
    map_legend_high { de: "Rostrote Raute: Wasserbedarf hoch", en: "Rust diamond: high water need" }
    map_legend_medium { de: "Ockerfarbener Kreis: Wasserbedarf mittel", en: "Ochre circle: medium water need" }
    map_legend_low { de: "Grüner Kreis: Wasserbedarf niedrig", en: "Green circle: low water need" }
    map_legend_far { de: "Grauer Punkt: weiter herausgezoomt, ohne Angaben – Bedarf, Paten und Gießungen zeigt die Karte, sobald jeder Baum einzeln zu sehen ist", en: "Grey dot: zoomed further out, without details – the map shows need, adopters and waterings once every tree is drawn on its own" }
    map_legend_adopted { de: "Ring: Baum mit Paten", en: "Ring: adopted tree" }
    map_legend_watered { de: "Weißer Punkt: in den letzten 7 Tagen gegossen", en: "White dot: watered in the last 7 days" }
    map_legend_live { de: "Adoptionen und Gießungen erscheinen nach wenigen Sekunden auf der Karte.", en: "Adoptions and waterings appear on the map within seconds." }
    map_summary { de: "Bäume im Kartenausschnitt: {} · mit Paten: {} · in den letzten 7 Tagen gegossen: {} · mit hohem Wasserbedarf: {}", en: "Trees in view: {} · adopted: {} · watered in the last 7 days: {} · with high water need: {}" }
    map_show_tree { de: "Auf der Karte zeigen", en: "Show on the map" }
    map_tiles_failed { de: "Ein Teil der Bäume ließ sich nicht laden. Verschieben Sie die Karte, um es erneut zu versuchen.", en: "Some of the trees could not be loaded. Move the map to try again." }
    err_import_position { de: "lat/lng sind keine gültige Position", en: "lat/lng are not a valid position" }
    err_import_outside { de: "die Position liegt außerhalb von {}", en: "the position lies outside {}" }
    err_import_number { de: "{} ist keine Zahl: „{}“", en: "{} is not a number: “{}”" }
    err_import_year { de: "das Pflanzjahr {} ist nicht möglich", en: "the planting year {} is not possible" }
    err_import_empty { de: "Die Datei enthält keine Bäume.", en: "The file holds no trees." }
    err_pumps_unreadable { de: "Die Datei ist kein lesbares GeoJSON mit Straßenbrunnen (Punkte mit id und pump:status).", en: "The file is not readable GeoJSON of street pumps (points with id and pump:status)." }
    err_pumps_empty { de: "Die Datei enthält keine Straßenbrunnen.", en: "The file holds no street pumps." }
    err_rain_unreadable { de: "Die Datei ist kein lesbares GeoJSON-Regenraster (Flächen mit id und data).", en: "The file is not a readable GeoJSON rain grid (polygons with id and data)." }
    err_rain_shape { de: "die Fläche fehlt oder ist kein Polygon", en: "the outline is missing or not a polygon" }
    err_rain_data { de: "data ist keine Liste von Regensummen (0,1 mm)", en: "data is not a list of rain sums (0.1 mm)" }
    err_rain_empty { de: "Die Datei enthält keine Rasterfelder.", en: "The file holds no grid cells." }
    err_gdk_unreadable { de: "Die Datei ist kein lesbarer Gießdaten-Export von „Gieß den Kiez“ (CSV, UTF-8).", en: "The file is not a readable watering export of “Gieß den Kiez” (CSV, UTF-8)." }
    err_gdk_header { de: "Es fehlen Spalten des Gießdaten-Exports von „Gieß den Kiez“: {}.", en: "Columns of the “Gieß den Kiez” watering export are missing: {}." }
    err_gdk_time { de: "der Zeitpunkt „{}“ ist nicht lesbar", en: "the time “{}” cannot be read" }
    err_gdk_litres { de: "die Menge „{}“ ist keine Literzahl über 0 bis 10.000", en: "the amount “{}” is not a number of litres above 0 up to 10,000" }
    err_gdk_empty { de: "Die Datei enthält keine Gießungen.", en: "The file holds no waterings." }
    gdk_summary { de: "{} Gießungen übernommen, {} waren schon da, {} ohne passenden Baum, {} nicht eindeutig.", en: "{} waterings imported, {} were already there, {} without a matching tree, {} ambiguous." }
    gdk_unmatched { de: "Ohne Baum derselben Art im Umkreis von 5 m (Zeilen): {}", en: "No tree of the same kind within 5 m (lines): {}" }
    gdk_ambiguous { de: "Mehrere Bäume derselben Art im Umkreis von 5 m (Zeilen): {}", en: "Several trees of the same kind within 5 m (lines): {}" }
    gdk_more_lines { de: "… und {} weitere", en: "… and {} more" }
    err_import_more { de: "… und {} weitere Fehler.", en: "… and {} more errors." }
}
