//! The configuration pages' texts, German and English side by side (see [`crate::text_table`]).

use crate::context::use_lang;
use crate::i18n::Lang;

/// The configuration pages' texts in `lang`.
pub fn texts(lang: Lang) -> &'static SetupTexts {
    lang.pick(&DE, &EN)
}

/// The configuration pages' texts in the page's language.
pub fn use_texts() -> &'static SetupTexts {
    texts(use_lang())
}

crate::text_table! {
    /// All configuration strings of one language.
    SetupTexts, DE, EN;

    config_title { de: "Konfiguration {}", en: "Configuration of {}" }
    nav_label { de: "Konfiguration", en: "Configuration" }
    nav_overview { de: "In Kraft", en: "In force" }
    nav_draft { de: "Entwurf", en: "Draft" }
    nav_place { de: "Ort testen", en: "Test a place" }
    nav_history { de: "Verlauf", en: "History" }
    version_none { de: "Diese Konfiguration wurde noch nicht über Kiezwerk veröffentlicht.", en: "This configuration has not been published through Kiezwerk yet." }
    draft_waiting { de: "Ein Entwurf wartet darauf, geprüft und veröffentlicht zu werden.", en: "A draft is waiting to be checked and published." }
    draft_open { de: "Entwurf prüfen", en: "Check the draft" }
    download { de: "Konfiguration herunterladen (JSON)", en: "Download the configuration (JSON)" }
    departments_title { de: "Abteilungen", en: "Departments" }
    categories_title { de: "Kategorien", en: "Categories" }
    areas_title { de: "Gebiete", en: "Areas" }
    areas_none { de: "Keine Gebiete: Zuständigkeiten gelten für die ganze Gemeinde.", en: "No areas: responsibilities apply to the whole municipality." }
    rules_title { de: "Zuständigkeiten (in der Reihenfolge, in der sie geprüft werden)", en: "Responsibilities (in the order they are tried)" }
    col_code { de: "Code", en: "Code" }
    col_name { de: "Name", en: "Name" }
    col_email { de: "E-Mail", en: "E-mail" }
    col_group { de: "Gruppe", en: "Group" }
    col_questions { de: "Zusatzfragen", en: "Extra questions" }
    col_deadlines { de: "Fristen annehmen / erledigen", en: "Deadlines accept / resolve" }
    col_kind { de: "Art", en: "Kind" }
    col_what { de: "Kategorie oder Gruppe", en: "Category or group" }
    col_area { de: "Gebiet", en: "Area" }
    col_department { de: "Abteilung", en: "Department" }
    col_priority { de: "Vorrang", en: "Priority" }
    any { de: "alle", en: "any" }
    group_prefix { de: "Gruppe {}", en: "Group {}" }
    working_days { de: "{} / {} Arbeitstage", en: "{} / {} working days" }
    upload_title { de: "Neue Fassung hochladen", en: "Upload a new version" }
    upload_hint { de: "Laden Sie die ganze Konfiguration als JSON-Datei hoch – am einfachsten die heruntergeladene, geändert. Sie wird geprüft und als Entwurf gezeigt; nichts gilt, bevor Sie ihn veröffentlichen.", en: "Upload the whole configuration as a JSON file – most easily the downloaded one, changed. It is checked and shown as a draft; nothing applies until you publish it." }
    upload_file { de: "Konfigurationsdatei (JSON, höchstens 20 MB)", en: "Configuration file (JSON, at most 20 MB)" }
    upload_button { de: "Hochladen und prüfen", en: "Upload and check" }
    err_upload_empty { de: "Wählen Sie eine Konfigurationsdatei aus.", en: "Choose a configuration file." }
    err_upload_too_large { de: "Die Datei ist größer als 20 MB.", en: "The file is larger than 20 MB." }
    err_upload_not_text { de: "Die Datei ist keine Textdatei (UTF-8).", en: "The file is not a text file (UTF-8)." }
    more_problems { de: "… und {} weitere Probleme.", en: "… and {} more problems." }
    err_other_municipality { de: "Die Datei gehört zur Gemeinde „{}“, nicht zu „{}“.", en: "The file belongs to the municipality “{}”, not to “{}”." }
    err_prefix_taken { de: "Das Aktenzeichen-Kürzel {} verwendet schon eine andere Gemeinde.", en: "The reference prefix {} is already used by another municipality." }
    err_no_draft { de: "Es gibt keinen Entwurf (mehr): Er wurde schon veröffentlicht oder verworfen.", en: "There is no draft (any more): it was already published or discarded." }
    err_draft_replaced { de: "Während der Prüfung wurde ein anderer Entwurf hochgeladen. Prüfen Sie ihn, bevor Sie ihn veröffentlichen.", en: "Another draft was uploaded while this one was checked. Check it before you publish it." }
    err_stale { de: "Seit dieser Entwurf gespeichert wurde, ist Fassung {} in Kraft getreten; er beruht auf Fassung {}. Veröffentlicht nähme er diese Änderungen unbemerkt zurück:", en: "Since this draft was saved, version {} came into force; the draft is based on version {}. Published, it would silently undo these changes:" }
    err_stale_unknown { de: "Dieser Entwurf wurde gespeichert, bevor Entwürfe ihre Fassung festhielten; inzwischen gilt Fassung {}.", en: "This draft was saved before drafts remembered their version; version {} is now in force." }
    err_stale_more { de: "… und {} weitere Änderungen.", en: "… and {} more changes." }
    err_stale_again { de: "Laden Sie die Konfiguration in Kraft herunter, übernehmen Sie darin Ihre Änderungen und laden Sie sie erneut hoch. Der Entwurf bleibt bis dahin gespeichert.", en: "Download the configuration in force, make your changes in it and upload it again. The draft stays saved until then." }
    draft_stale { de: "Achtung: Dieser Entwurf beruht auf Fassung {}, inzwischen gilt Fassung {}. Er kann nicht veröffentlicht werden, ohne deren Änderungen zurückzunehmen.", en: "Note: this draft is based on version {}, and version {} is now in force. It cannot be published without undoing that version's changes." }
    reroute_neighbours { de: "Darunter {} Meldungen anderer Gemeinden, die mit der neuen Gemeindegrenze hierher gingen.", en: "Among them, {} reports of other municipalities that would come here with the new boundary." }
    err_no_version { de: "Diese Fassung gibt es nicht.", en: "There is no such version." }
    uploaded { de: "Die Datei ist gültig und jetzt der Entwurf. Prüfen Sie, was sich ändert, und veröffentlichen Sie ihn.", en: "The file is valid and now the draft. Check what changes, and publish it." }
    draft_title { de: "Entwurf prüfen", en: "Check the draft" }
    draft_none { de: "Es gibt keinen Entwurf. Laden Sie auf der Seite „In Kraft“ eine Konfiguration hoch oder stellen Sie im Verlauf eine frühere Fassung wieder her.", en: "There is no draft. Upload a configuration on the “In force” page or restore an earlier version in the history." }
    draft_uploaded { de: "Hochgeladen am {} von {}.", en: "Uploaded on {} by {}." }
    draft_restores { de: "Der Entwurf stellt Fassung {} wieder her.", en: "The draft restores version {}." }
    changes_title { de: "Was sich ändert", en: "What changes" }
    reroute_title { de: "Meldungen der letzten {} Tage", en: "Reports of the last {} days" }
    reroute_moved { de: "{} von {} Meldungen gingen mit dem Entwurf an eine andere Abteilung.", en: "{} of {} reports would go to another department with the draft." }
    reroute_none { de: "Keine der {} Meldungen ginge mit dem Entwurf an eine andere Abteilung.", en: "None of the {} reports would go to another department with the draft." }
    reroute_gone { de: "{} Meldungen haben eine Kategorie, die der Entwurf nicht mehr anbietet.", en: "{} reports have a category that the draft no longer offers." }
    reroute_note { de: "Eingegangene Meldungen behalten ihre Kategorie und Abteilung; die Zahlen zeigen, wie sich die Zuständigkeit für neue Meldungen ändert.", en: "Reports already received keep their category and department; the figures show how responsibility changes for new reports." }
    col_from { de: "Bisher an", en: "So far to" }
    col_to { de: "Mit dem Entwurf an", en: "With the draft to" }
    col_count { de: "Meldungen", en: "Reports" }
    publish_hint { de: "Nach dem Veröffentlichen gilt die neue Fassung innerhalb weniger Sekunden auf allen Servern. Sie können jede frühere Fassung im Verlauf wiederherstellen.", en: "Once published, the new version applies on every server within seconds. You can restore any earlier version in the history." }
    publish_button { de: "Veröffentlichen", en: "Publish" }
    discard_button { de: "Entwurf verwerfen", en: "Discard the draft" }
    published { de: "Fassung {} ist veröffentlicht und gilt in wenigen Sekunden auf allen Servern.", en: "Version {} is published and applies on every server within seconds." }
    discarded { de: "Der Entwurf ist verworfen.", en: "The draft is discarded." }
    restored { de: "Fassung {} ist jetzt der Entwurf. Prüfen Sie ihn und veröffentlichen Sie ihn, damit er gilt.", en: "Version {} is now the draft. Check it and publish it to make it apply." }
    history_title { de: "Verlauf der Konfiguration", en: "History of the configuration" }
    history_empty { de: "Noch keine Veröffentlichung.", en: "Nothing published yet." }
    version_label { de: "Fassung {}", en: "Version {}" }
    version_line { de: "Fassung {} vom {}, veröffentlicht von {}.", en: "Version {} of {}, published by {}." }
    in_force { de: "in Kraft", en: "in force" }
    published_by { de: "{} · {}", en: "{} · {}" }
    command_line { de: "Betrieb (Kommandozeile)", en: "Operations (command line)" }
    restores_label { de: "Stellt Fassung {} wieder her.", en: "Restores version {}." }
    restore_button { de: "Fassung {} als Entwurf wiederherstellen", en: "Restore version {} as the draft" }
    place_title { de: "Ort testen", en: "Test a place" }
    place_intro { de: "Geben Sie einen Ort und eine Kategorie an: Sie sehen, welche Gemeinde, welches Gebiet, welche Regel und welche Abteilung eine Meldung dort erhielte – genau so, wie eine Meldung zugestellt wird.", en: "Give a place and a category: you see which municipality, area, rule and department a report there would get – exactly as a report is routed." }
    place_lat { de: "Breitengrad (z. B. 52,5200)", en: "Latitude (e.g. 52.5200)" }
    place_lon { de: "Längengrad (z. B. 13,4050)", en: "Longitude (e.g. 13.4050)" }
    place_category { de: "Kategorie", en: "Category" }
    choose { de: "Bitte wählen", en: "Please choose" }
    place_version { de: "Mit welcher Fassung?", en: "With which version?" }
    place_version_in_force { de: "Mit der Fassung in Kraft", en: "With the version in force" }
    place_version_draft { de: "Mit dem Entwurf, bevor er gilt", en: "With the draft, before it applies" }
    err_category_in_draft_only { de: "Diese Kategorie gibt es nur im Entwurf: Wählen Sie „Mit dem Entwurf“ oder eine andere Kategorie.", en: "This category exists only in the draft: choose “With the draft” or another category." }
    outside_draft { de: "Der Ort liegt außerhalb der Gemeindegrenze des Entwurfs.", en: "The place lies outside the draft's boundary." }
    result_with_draft { de: "Ergebnis mit dem Entwurf", en: "Result with the draft" }
    place_button { de: "Zuständigkeit anzeigen", en: "Show who is responsible" }
    err_lat { de: "Geben Sie den Breitengrad als Zahl zwischen -90 und 90 an, zum Beispiel 52,52.", en: "Enter the latitude as a number between -90 and 90, for example 52.52." }
    err_lon { de: "Geben Sie den Längengrad als Zahl zwischen -180 und 180 an, zum Beispiel 13,405.", en: "Enter the longitude as a number between -180 and 180, for example 13.405." }
    err_category { de: "Wählen Sie eine Kategorie.", en: "Choose a category." }
    result_title { de: "Zuständig", en: "Responsible" }
    result_municipality { de: "Gemeinde", en: "Municipality" }
    result_area { de: "Gebiet", en: "Area" }
    result_rule { de: "Regel", en: "Rule" }
    result_department { de: "Abteilung", en: "Department" }
    result_elsewhere { de: "Dieser Ort gehört zu einer anderen Gemeinde; deren Konfiguration entscheidet.", en: "This place belongs to another municipality; its configuration decides." }
    not_routed { de: "Keine Abteilung erhielte eine Meldung hier:", en: "No department would get a report here:" }
    how_inside { de: "{} (der Ort liegt darin)", en: "{} (the place lies inside)" }
    how_overlap { de: "{} (der Ort liegt in {} sich überlappenden Gemeinden, diese reicht am tiefsten)", en: "{} (the place lies in {} overlapping municipalities, this one reaches deepest)" }
    how_nearest { de: "{} (nächste, {} m entfernt)", en: "{} (nearest, {} m away)" }
    how_no_area { de: "keines – es gelten die Regeln ohne Gebiet", en: "none – the rules without an area apply" }
    outside_all { de: "Der Ort liegt in keiner Gemeinde, die Kiezwerk hier betreut.", en: "The place lies in no municipality that Kiezwerk serves here." }
    category_not_offered { de: "Die Gemeinde an diesem Ort bietet diese Kategorie nicht an.", en: "The municipality at this place does not offer this category." }
    nav_departments { de: "Abteilungen", en: "Departments" }
    departments_intro_force { de: "Änderungen kommen in einen Entwurf. Bis Sie ihn veröffentlichen, gilt weiter die Fassung in Kraft.", en: "Changes go into a draft. Until you publish it, the version in force applies." }
    departments_intro_draft { de: "Sie sehen und ändern den Entwurf. Er gilt erst, wenn Sie ihn veröffentlichen:", en: "You see and change the draft. It applies once you publish it:" }
    department_add { de: "Abteilung hinzufügen", en: "Add a department" }
    department_edit { de: "Abteilung ändern", en: "Change the department" }
    department_edit_link { de: "Ändern", en: "Change" }
    col_actions { de: "Aktion", en: "Action" }
    field_code { de: "Code", en: "Code" }
    field_code_hint { de: "Kleinbuchstaben, Ziffern und Bindestriche, zum Beispiel ordnungsamt. Er steht in Dateien und Schnittstellen und lässt sich später nicht ändern.", en: "Lowercase letters, digits and dashes, for example public-order. It appears in files and interfaces and cannot be changed later." }
    field_name_de { de: "Name (deutsch)", en: "Name (German)" }
    field_name_en { de: "Name (englisch)", en: "Name (English)" }
    field_emails { de: "E-Mail-Adressen", en: "E-mail addresses" }
    field_emails_hint { de: "Eine oder mehrere, getrennt durch Kommas oder Zeilen, zum Beispiel meldungen@gemeinde.de.", en: "One or more, separated by commas or lines, for example reports@municipality.example." }
    save_to_draft { de: "In den Entwurf übernehmen", en: "Save to the draft" }
    err_code { de: "Geben Sie einen Code aus Kleinbuchstaben, Ziffern und Bindestrichen an (höchstens 64 Zeichen), zum Beispiel ordnungsamt.", en: "Enter a code of lowercase letters, digits and dashes (at most 64 characters), for example public-order." }
    err_code_taken { de: "Den Code „{}“ hat schon eine Abteilung. Wählen Sie einen anderen.", en: "A department already has the code “{}”. Choose another one." }
    err_name_de { de: "Geben Sie den deutschen Namen an (höchstens 200 Zeichen).", en: "Enter the German name (at most 200 characters)." }
    err_name_en { de: "Geben Sie den englischen Namen an (höchstens 200 Zeichen).", en: "Enter the English name (at most 200 characters)." }
    err_emails_missing { de: "Geben Sie mindestens eine E-Mail-Adresse an, zum Beispiel meldungen@gemeinde.de.", en: "Enter at least one e-mail address, for example reports@municipality.example." }
    err_emails_invalid { de: "„{}“ ist keine E-Mail-Adresse wie meldungen@gemeinde.de.", en: "“{}” is not an e-mail address such as reports@municipality.example." }
    err_emails_many { de: "Geben Sie höchstens {} E-Mail-Adressen an.", en: "Enter at most {} e-mail addresses." }
    err_no_department { de: "Die Abteilung „{}“ gibt es im Entwurf nicht (mehr).", en: "The department “{}” is not (or no longer) in the draft." }
    err_busy { de: "Der Entwurf wurde gerade mehrfach von anderen geändert. Versuchen Sie es noch einmal.", en: "The draft was just changed by others several times. Please try again." }
    department_added { de: "Abteilung „{}“ ist im Entwurf. Prüfen und veröffentlichen Sie ihn, damit sie gilt.", en: "Department “{}” is in the draft. Check and publish it to make it apply." }
    department_changed { de: "Die Änderung an „{}“ ist im Entwurf. Prüfen und veröffentlichen Sie ihn, damit sie gilt.", en: "The change to “{}” is in the draft. Check and publish it to make it apply." }
    starter_title { de: "Startkatalog", en: "Starter catalogue" }
    starter_intro { de: "Ihre Gemeinde hat noch keine Kategorien. Der Startkatalog bringt {} bewährte Kategorien (Sauberkeit, Verkehr und Straßen, Grünflächen) mit ihren Zusatzfragen und Fristen, vier Abteilungen (Ordnungsamt, Straßen und Verkehr, Grünflächen, Abfallwirtschaft) und die Zuständigkeiten dazwischen. Er kommt in den Entwurf: Passen Sie ihn an und veröffentlichen Sie ihn dann.", en: "Your municipality has no categories yet. The starter catalogue brings {} proven categories (cleanliness, traffic and roads, green spaces) with their extra questions and deadlines, four departments (public order, roads and traffic, green spaces, waste management) and the responsibilities between them. It goes into the draft: adapt it, then publish it." }
    starter_button { de: "Startkatalog übernehmen", en: "Adopt the starter catalogue" }
    starter_adopted { de: "Der Startkatalog ist im Entwurf: {} Abteilungen, {} Kategorien, {} Regeln. Die neuen Abteilungen nutzen die E-Mail-Adressen Ihrer ersten Abteilung – tragen Sie unter „Abteilungen“ ihre eigenen ein.", en: "The starter catalogue is in the draft: {} departments, {} categories, {} rules. The new departments use your first department's e-mail addresses – enter their own under “Departments”." }
    err_starter_has_categories { de: "Der Startkatalog ist für eine Gemeinde ohne Kategorien; der Entwurf hat schon welche. Ändern Sie sie einzeln.", en: "The starter catalogue is for a municipality without categories; the draft has some already. Change them one by one." }
    edits_title { de: "Letzte Änderungen", en: "Recent changes" }
    edit_line { de: "{} · {}: {}", en: "{} · {}: {}" }
    nav_rules { de: "Zuständigkeiten", en: "Responsibilities" }
    rules_intro { de: "Jede Meldung geht an die Abteilung der ersten passenden Regel: höherer Vorrang zuerst, bei gleichem Vorrang die genauere (Kategorie vor Gruppe vor allen, mit Gebiet vor ohne). Die Auffangregel (alle Kategorien, überall) fängt alles Übrige.", en: "Every report goes to the department of the first rule that matches: higher priority first, at equal priority the more specific one (category before group before any, with an area before without). The fallback rule (any category, anywhere) catches the rest." }
    rule_add_title { de: "Regel hinzufügen", en: "Add a rule" }
    field_what { de: "Für welche Meldungen?", en: "For which reports?" }
    field_area { de: "Wo?", en: "Where?" }
    field_department { de: "An welche Abteilung?", en: "To which department?" }
    field_priority { de: "Vorrang", en: "Priority" }
    field_priority_hint { de: "Eine ganze Zahl; 0, wenn Sie nichts anderes brauchen. Höher gewinnt.", en: "A whole number; 0 unless you need something else. Higher wins." }
    any_category { de: "Alle Kategorien", en: "Any category" }
    anywhere { de: "Überall in der Gemeinde", en: "Anywhere in the municipality" }
    rule_add_button { de: "Regel in den Entwurf übernehmen", en: "Save the rule to the draft" }
    rule_remove { de: "Entfernen", en: "Remove" }
    err_what { de: "Wählen Sie eine Kategorie, eine Gruppe oder „Alle Kategorien“.", en: "Choose a category, a group or “Any category”." }
    err_area { de: "Wählen Sie ein Gebiet oder „Überall“.", en: "Choose an area or “Anywhere”." }
    err_department { de: "Wählen Sie eine Abteilung.", en: "Choose a department." }
    err_priority { de: "Geben Sie den Vorrang als ganze Zahl zwischen -1000 und 1000 an, zum Beispiel 0.", en: "Enter the priority as a whole number between -1000 and 1000, for example 0." }
    err_rule_exists { de: "Diese Regel gibt es schon.", en: "This rule exists already." }
    err_rule_shadowed { de: "Für diese Meldungen an diesem Ort gibt es schon eine Regel mit gleichem Vorrang, an „{}“; sie ginge immer vor. Entfernen Sie sie zuerst oder geben Sie einen höheren Vorrang an.", en: "There is already a rule for these reports at this place with the same priority, to “{}”; it would always go first. Remove it first or give a higher priority." }
    err_no_rule { de: "Diese Regel gibt es im Entwurf nicht (mehr).", en: "This rule is not (or no longer) in the draft." }
    rule_added { de: "Die Regel „{}“ ist im Entwurf. Prüfen und veröffentlichen Sie ihn, damit sie gilt.", en: "The rule “{}” is in the draft. Check and publish it to make it apply." }
    rule_removed { de: "Die Regel „{}“ ist aus dem Entwurf entfernt.", en: "The rule “{}” is removed from the draft." }
    category_add { de: "Kategorie hinzufügen", en: "Add a category" }
    category_edit { de: "Kategorie ändern", en: "Change the category" }
    field_group { de: "Gruppe", en: "Group" }
    field_category_code_hint { de: "Kleinbuchstaben, Ziffern und Bindestriche, zum Beispiel wildschweine. Er steht in Dateien und Schnittstellen (Open311) und lässt sich später nicht ändern.", en: "Lowercase letters, digits and dashes, for example wild-boar. It appears in files and interfaces (Open311) and cannot be changed later." }
    field_hint_de { de: "Hilfetext (deutsch)", en: "Help text (German)" }
    field_hint_en { de: "Hilfetext (englisch)", en: "Help text (English)" }
    field_hint_hint { de: "Erklärt Bürgerinnen und Bürgern, was zu dieser Kategorie gehört; höchstens 2.000 Zeichen.", en: "Tells citizens what belongs to this category; at most 2,000 characters." }
    field_accept_days { de: "Frist zum Annehmen (Arbeitstage)", en: "Deadline to accept (working days)" }
    field_accept_days_hint { de: "1 bis 60.", en: "1 to 60." }
    field_resolve_days { de: "Frist zum Erledigen (Arbeitstage ab Eingang)", en: "Deadline to resolve (working days from receipt)" }
    field_resolve_days_hint { de: "Mindestens die Frist zum Annehmen, höchstens 365.", en: "At least the deadline to accept, at most 365." }
    err_category_code_taken { de: "Den Code „{}“ hat schon eine Kategorie. Wählen Sie einen anderen.", en: "A category already has the code “{}”. Choose another one." }
    err_group { de: "Wählen Sie eine Gruppe.", en: "Choose a group." }
    err_hint_de { de: "Der deutsche Hilfetext ist zu lang (höchstens 2.000 Zeichen).", en: "The German help text is too long (at most 2,000 characters)." }
    err_hint_en { de: "Der englische Hilfetext ist zu lang (höchstens 2.000 Zeichen).", en: "The English help text is too long (at most 2,000 characters)." }
    err_accept_days { de: "Geben Sie die Frist zum Annehmen als ganze Zahl von 1 bis 60 an.", en: "Enter the deadline to accept as a whole number from 1 to 60." }
    err_resolve_days { de: "Geben Sie die Frist zum Erledigen als ganze Zahl an, mindestens die Frist zum Annehmen und höchstens 365.", en: "Enter the deadline to resolve as a whole number, at least the deadline to accept and at most 365." }
    err_no_category { de: "Die Kategorie „{}“ gibt es im Entwurf nicht (mehr).", en: "The category “{}” is not (or no longer) in the draft." }
    err_no_groups { de: "Es gibt noch keine Gruppe: Übernehmen Sie den Startkatalog oder laden Sie eine Konfiguration mit Gruppen hoch.", en: "There is no group yet: adopt the starter catalogue or upload a configuration with groups." }
    category_added { de: "Kategorie „{}“ ist im Entwurf. Prüfen und veröffentlichen Sie ihn, damit sie gilt.", en: "Category “{}” is in the draft. Check and publish it to make it apply." }
    category_changed { de: "Die Änderung an „{}“ ist im Entwurf. Prüfen und veröffentlichen Sie ihn, damit sie gilt.", en: "The change to “{}” is in the draft. Check and publish it to make it apply." }
    no_rule { de: "Keine Regel passt.", en: "No rule matches." }
    questions_title { de: "Zusatzfragen", en: "Extra questions" }
    questions_intro { de: "Die Meldung fragt sie nach der Kategorie, eine Frage je Seite, in dieser Reihenfolge. Eingegangene Meldungen behalten ihre Antworten so, wie sie gefragt und beantwortet wurden – auch wenn Sie eine Frage später ändern oder entfernen.", en: "The report asks them after the category, one question per page, in this order. Reports already received keep their answers as they were asked and answered – even if you change or remove a question later." }
    questions_none { de: "Diese Kategorie hat keine Zusatzfragen.", en: "This category has no extra questions." }
    questions_after_adding { de: "Zusatzfragen können Sie hinzufügen, sobald die Kategorie im Entwurf ist.", en: "You can add extra questions once the category is in the draft." }
    col_question { de: "Frage", en: "Question" }
    col_required { de: "Pflicht", en: "Required" }
    yes { de: "Ja", en: "Yes" }
    no { de: "Nein", en: "No" }
    question_add { de: "Frage hinzufügen", en: "Add a question" }
    question_edit { de: "Frage ändern", en: "Change the question" }
    question_remove { de: "Entfernen", en: "Remove" }
    question_up { de: "Nach oben", en: "Move up" }
    question_of { de: "Kategorie: {}", en: "Category: {}" }
    kind_text { de: "Freitext, bis {} Zeichen", en: "Free text, up to {} characters" }
    kind_choice { de: "Auswahl aus {} Antworten", en: "Choice of {} answers" }
    field_question_code_hint { de: "Kleinbuchstaben, Ziffern und Bindestriche, zum Beispiel menge. Die Antworten der Meldungen hängen daran; er lässt sich später nicht ändern.", en: "Lowercase letters, digits and dashes, for example amount. Reports' answers are tied to it; it cannot be changed later." }
    field_label_de { de: "Frage (deutsch)", en: "Question (German)" }
    field_label_en { de: "Frage (englisch)", en: "Question (English)" }
    field_question_hint_hint { de: "Steht unter der Frage; höchstens 2.000 Zeichen.", en: "Shown below the question; at most 2,000 characters." }
    field_required { de: "Muss die Frage beantwortet werden?", en: "Must the question be answered?" }
    required_yes { de: "Ja, ohne Antwort geht die Meldung nicht weiter", en: "Yes, the report cannot go on without an answer" }
    required_no { de: "Nein, sie kann übersprungen werden", en: "No, it can be skipped" }
    field_kind { de: "Wie wird geantwortet?", en: "How is it answered?" }
    kind_text_option { de: "Mit eigenem Text", en: "With a text of one's own" }
    kind_choice_option { de: "Durch Auswahl einer Antwort", en: "By choosing one answer" }
    field_max_len { de: "Längste Antwort (Zeichen, bei eigenem Text)", en: "Longest answer (characters, for a text)" }
    field_max_len_hint { de: "1 bis 5.000; üblich sind 200.", en: "1 to 5,000; 200 is usual." }
    field_choices { de: "Antworten zur Auswahl (bei Auswahl)", en: "Answers to choose from (for a choice)" }
    field_choices_hint { de: "Eine Antwort je Zeile, deutsch und englisch durch einen senkrechten Strich getrennt, zum Beispiel: Reifen | Tyres. Mindestens 2, höchstens 50.", en: "One answer per line, German and English separated by a vertical bar, for example: Reifen | Tyres. At least 2, at most 50." }
    err_question_code_taken { de: "Den Code „{}“ hat schon eine Frage dieser Kategorie. Wählen Sie einen anderen.", en: "A question of this category already has the code “{}”. Choose another one." }
    err_label_de { de: "Geben Sie die Frage auf Deutsch an (höchstens 200 Zeichen).", en: "Enter the question in German (at most 200 characters)." }
    err_label_en { de: "Geben Sie die Frage auf Englisch an (höchstens 200 Zeichen).", en: "Enter the question in English (at most 200 characters)." }
    err_required { de: "Wählen Sie, ob die Frage beantwortet werden muss.", en: "Choose whether the question must be answered." }
    err_kind { de: "Wählen Sie, wie die Frage beantwortet wird.", en: "Choose how the question is answered." }
    err_max_len { de: "Geben Sie die längste Antwort als ganze Zahl von 1 bis 5.000 an.", en: "Enter the longest answer as a whole number from 1 to 5,000." }
    err_choices_few { de: "Geben Sie mindestens 2 Antworten an, eine je Zeile.", en: "Enter at least 2 answers, one per line." }
    err_choices_many { de: "Höchstens 50 Antworten.", en: "At most 50 answers." }
    err_choice_line { de: "Zeile {}: Geben Sie die Antwort deutsch und englisch an, getrennt durch einen senkrechten Strich, zum Beispiel: Reifen | Tyres (je höchstens 200 Zeichen).", en: "Line {}: enter the answer in German and English, separated by a vertical bar, for example: Reifen | Tyres (at most 200 characters each)." }
    err_choice_repeated { de: "Zeile {}: Diese Antwort steht schon weiter oben.", en: "Line {}: this answer is already listed above." }
    err_too_many_questions { de: "Eine Kategorie hat höchstens 20 Zusatzfragen.", en: "A category has at most 20 extra questions." }
    err_no_question { de: "Die Frage „{}“ gibt es in dieser Kategorie im Entwurf nicht (mehr).", en: "The question “{}” is not (or no longer) in this category in the draft." }
    question_added { de: "Die Frage „{}“ ist im Entwurf. Prüfen und veröffentlichen Sie ihn, damit sie gestellt wird.", en: "The question “{}” is in the draft. Check and publish it to have it asked." }
    question_changed { de: "Die Änderung an der Frage „{}“ ist im Entwurf. Eingegangene Meldungen behalten ihre Antworten.", en: "The change to the question “{}” is in the draft. Reports already received keep their answers." }
    question_removed { de: "Die Frage „{}“ ist aus dem Entwurf entfernt. Eingegangene Meldungen behalten ihre Antworten.", en: "The question “{}” is removed from the draft. Reports already received keep their answers." }
    question_moved { de: "Die Frage „{}“ wird im Entwurf eine Stelle früher gestellt.", en: "The question “{}” is asked one place earlier in the draft." }
}
