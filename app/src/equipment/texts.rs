//! The Bauhof's texts, German and English side by side (see [`crate::text_table`]): the
//! pages', the server's messages and mails, and the labels of the domain's values.

use crate::context::use_lang;
use crate::i18n::Lang;

/// The Bauhof's texts in `lang`.
pub fn texts(lang: Lang) -> &'static BauhofTexts {
    lang.pick(&DE, &EN)
}

/// The Bauhof's texts in the page's language.
pub fn use_texts() -> &'static BauhofTexts {
    texts(use_lang())
}

crate::text_table! {
    /// All Bauhof strings of one language.
    BauhofTexts, DE, EN;

    bauhof_title { de: "Bauhof", en: "Works yard" }
    home_title { de: "Bauhof {}", en: "Works yard {}" }
    fleet_title { de: "Fuhrpark {}", en: "Fleet {}" }
    sign_in_first { de: "Bitte melden Sie sich mit Ihrem Passkey an.", en: "Please sign in with your passkey." }
    sign_in { de: "Anmelden", en: "Sign in" }
    no_role { de: "Ihr Konto hat keine Rolle im Bauhof. Ihre Verwaltung kann Sie einladen.", en: "Your account has no role in the works yard. Your administration can invite you." }
    report_breakdown { de: "Gerät ausgefallen", en: "Machine broken down" }
    report_this_broken { de: "Dieses Gerät ist ausgefallen", en: "This machine has broken down" }
    continue_draft { de: "Angefangene Meldung fortsetzen", en: "Continue the report you started" }
    my_units { de: "Meine Geräte", en: "My machines" }
    my_units_none { de: "Sie haben gerade kein Gerät übernommen.", en: "You have not taken any machine at the moment." }
    my_requests { de: "Meine Ausfallmeldungen", en: "My breakdown reports" }
    my_requests_none { de: "Noch keine Meldungen.", en: "No reports yet." }
    yard_units { de: "Geräte des Bauhofs", en: "The yard's machines" }
    col_number { de: "Inventarnummer", en: "Inventory number" }
    col_type { de: "Gerätetyp", en: "Type" }
    col_yard { de: "Bauhof", en: "Yard" }
    col_status { de: "Status", en: "Status" }
    col_notes { de: "Notizen", en: "Notes" }
    col_shared { de: "Freigegeben für", en: "Shared with" }
    col_request { de: "Meldung", en: "Report" }
    col_unit { de: "Gerät", en: "Machine" }
    col_damage { de: "Schaden", en: "Damage" }
    col_requester { de: "Gemeldet von", en: "Reported by" }
    col_wanted { de: "Ersatz gewünscht", en: "Replacement wanted" }
    col_distance { de: "Entfernung", en: "Distance" }
    col_calendar { de: "Belegt", en: "Booked" }
    col_action { de: "Aktion", en: "Action" }
    col_direction { de: "Richtung", en: "Direction" }
    col_partner { de: "Partner", en: "Partner" }
    col_window { de: "Zeitraum", en: "Period" }
    col_days { de: "Tage", en: "Days" }
    back_to_start { de: "Zur Bauhof-Startseite", en: "To the works yard's start page" }
    request_title { de: "Ausfallmeldung {}", en: "Breakdown report {}" }
    sent_title { de: "Meldung gesendet", en: "Report sent" }
    sent_reference { de: "Ihre Meldungsnummer:", en: "Your report number:" }
    status_now { de: "Stand", en: "Status" }
    requested_by { de: "Gemeldet von", en: "Reported by" }
    sent_at { de: "Gesendet", en: "Sent" }
    decline_reason { de: "Begründung", en: "Reason" }
    photo_alt { de: "Foto des Schadens an {}", en: "Photo of the damage to {}" }
    unit_photo_alt { de: "Foto von {}", en: "Photo of {}" }
    take_until { de: "Übernehmen bis", en: "Take until" }
    take_unit { de: "Gerät übernehmen", en: "Take the machine" }
    give_back { de: "Gerät zurückgeben", en: "Give the machine back" }
    taken_by_other { de: "Das Gerät ist gerade bei jemand anderem.", en: "Somebody else has the machine at the moment." }
    open_in_register { de: "Im Geräteverzeichnis öffnen", en: "Open in the register" }

    step_unit { de: "Welches Gerät ist ausgefallen?", en: "Which machine has broken down?" }
    unit_hint { de: "Die Inventarnummer steht auf dem Aufkleber am Gerät, zum Beispiel PAN-AM-01.", en: "The inventory number is on the sticker on the machine, for example PAN-AM-01." }
    scan_button { de: "Aufkleber mit der Kamera scannen", en: "Scan the sticker with the camera" }
    scan_video { de: "Kamerabild zum Scannen", en: "Camera picture for scanning" }
    pick_mine { de: "Oder eines Ihrer Geräte:", en: "Or one of your machines:" }
    step_damage { de: "Was ist passiert?", en: "What happened?" }
    for_unit { de: "Gerät: {} ({})", en: "Machine: {} ({})" }
    description_label { de: "Beschreibung (freiwillig)", en: "Description (optional)" }
    description_hint { de: "Was genau ist kaputt? Höchstens 1000 Zeichen.", en: "What exactly is broken? At most 1000 characters." }
    step_photo { de: "Foto vom Schaden (freiwillig)", en: "Photo of the damage (optional)" }
    photo_hint { de: "Ein Foto hilft der Werkstatt. Sie können auch ohne Foto weitermachen.", en: "A photo helps the workshop. You can also go on without one." }
    photo_yours { de: "Ihr Foto vom Schaden", en: "Your photo of the damage" }
    photo_remove { de: "Foto entfernen", en: "Remove the photo" }
    photo_label { de: "Foto auswählen oder aufnehmen", en: "Choose or take a photo" }
    photo_upload { de: "Foto hochladen", en: "Upload the photo" }
    photo_skip { de: "Weiter ohne Foto", en: "Continue without a photo" }
    photo { de: "Foto", en: "Photo" }
    step_place { de: "Wo sind Sie?", en: "Where are you?" }
    use_my_position { de: "Meinen Standort verwenden", en: "Use my position" }
    place_label { de: "Ort beschreiben", en: "Describe the place" }
    place_hint { de: "Zum Beispiel: Bürgerpark Pankow, Eingang Galenusstraße", en: "For example: Bürgerpark Pankow, entrance Galenusstraße" }
    coordinates { de: "Koordinaten eingeben", en: "Enter coordinates" }
    lat { de: "Breitengrad", en: "Latitude" }
    lon { de: "Längengrad", en: "Longitude" }
    step_replacement { de: "Brauchen Sie ein Ersatzgerät?", en: "Do you need a replacement?" }
    yes_replacement { de: "Ja, ich brauche Ersatz", en: "Yes, I need a replacement" }
    no_replacement { de: "Nein, nur melden", en: "No, just report it" }
    replacement_hint { de: "Nur wenn Sie Ersatz brauchen:", en: "Only if you need a replacement:" }
    replacement_type { de: "Welches Gerät?", en: "Which kind of machine?" }
    replacement_from { de: "Von", en: "From" }
    replacement_until { de: "Bis", en: "Until" }
    delivery_question { de: "Wie kommt das Gerät zu Ihnen?", en: "How does the machine reach you?" }
    delivery_deliver { de: "Bringen", en: "Bring it" }
    delivery_deliver_hint { de: "Der Bauhof bringt es an Ihren Standort.", en: "The yard brings it to where you are." }
    delivery_pickup { de: "Abholen", en: "Pick it up" }
    delivery_pickup_hint { de: "Sie holen es am Bauhof ab.", en: "You pick it up at the yard." }
    choose { de: "Bitte wählen", en: "Please choose" }
    step_check { de: "Angaben prüfen", en: "Check your answers" }
    check_unit { de: "Gerät", en: "Machine" }
    check_damage { de: "Schaden", en: "Damage" }
    check_description { de: "Beschreibung", en: "Description" }
    check_photo { de: "Foto", en: "Photo" }
    check_place { de: "Ort", en: "Place" }
    check_replacement { de: "Ersatz", en: "Replacement" }
    check_missing { de: "Es fehlt noch eine Angabe.", en: "An answer is still missing." }
    check_missing_link { de: "Jetzt ergänzen", en: "Add it now" }
    photo_yes { de: "Ja, ein Foto", en: "Yes, one photo" }
    photo_none { de: "Kein Foto", en: "No photo" }
    replacement_not_needed { de: "Kein Ersatz nötig", en: "No replacement needed" }
    change { de: "Ändern", en: "Change" }
    send { de: "Meldung senden", en: "Send the report" }
    save_and_back { de: "Speichern und zurück zur Übersicht", en: "Save and back to the summary" }
    continue_button { de: "Weiter", en: "Continue" }

    fleet_nav { de: "Fuhrpark", en: "Fleet" }
    fleet_requests { de: "Anfragen", en: "Requests" }
    fleet_new_arrived { de: "{} neue Anfrage(n) seit dem Laden der Seite.", en: "{} new request(s) since the page was loaded." }
    reload { de: "Neu laden", en: "Reload" }
    loans_waiting { de: "{} Leihanfrage(n) von Partnern warten auf Antwort.", en: "{} loan request(s) from partners await an answer." }
    open_requests { de: "Offene Anfragen ({})", en: "Open requests ({})" }
    open_requests_none { de: "Keine offenen Anfragen.", en: "No open requests." }
    open_requests_caption { de: "Offene Anfragen, dringendste zuerst", en: "Open requests, most urgent first" }
    urgent { de: "Dringend", en: "Urgent" }
    units_in_repair { de: "{} Gerät(e) in Reparatur.", en: "{} machine(s) in repair." }
    show { de: "Anzeigen", en: "Show" }
    allocate_title { de: "Ersatz zuteilen", en: "Allocate a replacement" }
    own_free { de: "Freie Geräte im eigenen Bauhof, nächstes zuerst", en: "Free machines of the own yard, nearest first" }
    partner_free { de: "Für uns freigegebene Geräte von Partnern", en: "Partners' machines shared with us" }
    no_own_free { de: "Im eigenen Bauhof ist in dieser Zeit kein passendes Gerät frei.", en: "No suitable machine of the own yard is free at that time." }
    no_partner_free { de: "Kein Partner hat in dieser Zeit ein passendes Gerät frei.", en: "No partner has a suitable machine free at that time." }
    allocate_unit { de: "{} zuteilen", en: "Allocate {}" }
    ask_partner_unit { de: "{} bei {} anfragen", en: "Ask {1} for {0}" }
    calendar_free { de: "Keine Reservierungen", en: "No reservations" }
    loans_of_request { de: "Leihanfragen", en: "Loan requests" }
    next_step_title { de: "Weiter bearbeiten", en: "Move on" }
    next_step { de: "Nächster Schritt", en: "Next step" }
    next_step_button { de: "Ausführen", en: "Carry out" }
    step_reason { de: "Begründung oder Nachricht an die meldende Person", en: "Reason or message to the person who reported" }
    step_reason_hint { de: "Beim Ablehnen Pflicht.", en: "Required when declining." }
    pool_title { de: "Verleih zwischen Kommunen – {}", en: "Lending between municipalities – {}" }
    pool_title_short { de: "Verleih", en: "Lending" }
    pool_intro { de: "Geräte, die Sie für Partner freigeben, können diese bei Ihnen anfragen. Sie entscheiden jede Anfrage selbst; jede Ausleihe wird erfasst und kann monatlich abgerechnet werden.", en: "Partners can ask to borrow machines you share with them. You decide every request; every loan is recorded and can be settled monthly." }
    loans_incoming { de: "Anfragen an uns", en: "Requests to us" }
    loans_outgoing { de: "Unsere Anfragen", en: "Our requests" }
    loans_none { de: "Keine.", en: "None." }
    loan_line { de: "{} fragt für Meldung {}: {}", en: "{} asks for report {}: {}" }
    loan_out_line { de: "{}: {} bei {} ({})", en: "{}: {} from {} ({})" }
    lend_which { de: "Welches Gerät verleihen?", en: "Which machine to lend?" }
    lend_accept { de: "Verleihen für {}", en: "Lend for {}" }
    lend_decline { de: "Ablehnen: {}", en: "Decline: {}" }
    lend_decline_reason { de: "Begründung der Ablehnung", en: "Reason for declining" }
    lendings_title { de: "Ausleihen", en: "Loans" }
    lendings_none { de: "Noch keine Ausleihen.", en: "No loans yet." }
    statement_title { de: "Abrechnung", en: "Statement" }
    statement_hint { de: "Alle Ausleihen mit einem Partner in einem Monat, als CSV-Datei.", en: "All loans with one partner in one month, as a CSV file." }
    statement_download { de: "CSV herunterladen", en: "Download CSV" }
    month { de: "Monat", en: "Month" }
    shared_title { de: "Für Partner freigegeben", en: "Shared with partners" }
    shared_none { de: "Noch kein Gerät freigegeben. Freigaben stehen auf der Seite jedes Geräts.", en: "No machine shared yet. Sharing is on each machine's page." }
    stats_title { de: "Kennzahlen des Fuhrparks – {}", en: "Fleet figures – {}" }
    stats_title_short { de: "Kennzahlen", en: "Figures" }
    stats_caption { de: "Ausfälle pro Monat: {}", en: "Breakdowns per month: {}" }
    mean_repair { de: "Mittlere Reparaturdauer", en: "Mean repair time" }
    utilisation { de: "Auslastung (letzte 30 Tage)", en: "Utilisation (last 30 days)" }
    breakdowns { de: "Ausfälle", en: "Breakdowns" }

    register_title { de: "Geräteverzeichnis – {}", en: "Equipment register – {}" }
    register_title_short { de: "Geräte", en: "Machines" }
    any { de: "Alle", en: "All" }
    none { de: "Keine", en: "None" }
    search { de: "Suche (Nummer oder Notiz)", en: "Search (number or note)" }
    filter { de: "Anzeigen", en: "Show" }
    units_count { de: "{} Geräte", en: "{} machines" }
    add_unit { de: "Gerät anlegen", en: "Add a machine" }
    number_hint { de: "Buchstaben, Ziffern und Bindestriche, höchstens 40 Zeichen.", en: "Letters, digits and hyphens, at most 40 characters." }
    import_title { de: "Aus CSV-Datei importieren", en: "Import from a CSV file" }
    import_hint { de: "Eine Zeile je Gerät, mit Kopfzeile; getrennt durch Semikolon oder Komma. Gibt es Fehler, wird nichts übernommen und jede fehlerhafte Zeile genannt. Vorhandene Inventarnummern werden aktualisiert.", en: "One line per machine, with a header line; separated by semicolons or commas. If there are errors, nothing is taken over and every faulty line is named. Existing inventory numbers are updated." }
    import_file { de: "CSV-Datei", en: "CSV file" }
    import_button { de: "Importieren", en: "Import" }
    edit_unit { de: "Gerät ändern", en: "Change the machine" }
    save { de: "Speichern", en: "Save" }
    worker_page { de: "Seite zum Aufkleber", en: "The sticker's page" }
    label_of_unit { de: "Etikett drucken", en: "Print the label" }
    reserve_title { de: "Im Voraus reservieren", en: "Reserve ahead" }
    reserve_note { de: "Wofür?", en: "What for?" }
    reserve_note_hint { de: "Zum Beispiel: Grünpflege Bürgerpark", en: "For example: park maintenance" }
    reserve_button { de: "Reservieren", en: "Reserve" }
    calendar { de: "Reservierungen", en: "Reservations" }
    extend_until { de: "Verlängern bis ({})", en: "Extend until ({})" }
    extend { de: "Verlängern", en: "Extend" }
    cancel_reservation { de: "Stornieren", en: "Cancel" }
    repairs { de: "Reparaturen", en: "Repairs" }
    repairs_none { de: "Keine Reparaturen.", en: "No repairs." }
    repair_by { de: "Gemeldet von {}", en: "Reported by {}" }
    repair_closed { de: "Abgeschlossen {}: {}", en: "Closed {}: {}" }
    repair_outcome { de: "Was wurde gemacht?", en: "What was done?" }
    repair_close { de: "Reparatur abschließen", en: "Close the repair" }
    shares_title { de: "Für Partner freigeben", en: "Share with partners" }
    shares_hint { de: "Freigegebene Geräte können Partnerkommunen bei Ihnen anfragen; Sie entscheiden jede Anfrage.", en: "Partner municipalities can ask to borrow shared machines; you decide every request." }
    shared_with { de: "Freigegeben für {}.", en: "Shared with {}." }
    not_shared_with { de: "Nicht freigegeben für {}.", en: "Not shared with {}." }
    share { de: "Für {} freigeben", en: "Share with {}" }
    unshare { de: "Freigabe für {} beenden", en: "Stop sharing with {}" }
    history { de: "Verlauf", en: "History" }
    history_empty { de: "Noch nichts geschehen.", en: "Nothing has happened yet." }
    yards_title { de: "Bauhöfe – {}", en: "Yards – {}" }
    yards_title_short { de: "Bauhöfe", en: "Yards" }
    yard_name { de: "Name", en: "Name" }
    yard_address { de: "Adresse", en: "Address" }
    yard_position { de: "Lage", en: "Position" }
    yard_department { de: "Amt", en: "Office" }
    yard_unit_count { de: "Geräte", en: "Machines" }
    yard_code { de: "Kürzel", en: "Code" }
    yard_code_hint { de: "Kleinbuchstaben, Ziffern und Bindestriche; steht in der CSV-Datei in der Spalte „hof“.", en: "Lower-case letters, digits and hyphens; used in the CSV file's “hof” column." }
    add_yard { de: "Bauhof anlegen", en: "Add a yard" }
    labels_title { de: "Etiketten – {}", en: "Labels – {}" }
    labels_title_short { de: "Etiketten", en: "Labels" }
    labels_hint { de: "Drucken Sie diese Seite auf A4-Etikettenbögen (3 × 8 Etiketten, 70 × 37 mm). Der QR-Code führt zur Seite des Geräts, auf der ein Ausfall gemeldet wird.", en: "Print this page on A4 label sheets (3 × 8 labels, 70 × 37 mm). The QR code leads to the machine's page where a breakdown is reported." }
    labels_count { de: "{} Etiketten", en: "{} labels" }
    label_code_alt { de: "QR-Code für {}", en: "QR code for {}" }

    unit_available { de: "verfügbar", en: "available" }
    unit_in_use { de: "im Einsatz", en: "in use" }
    unit_in_repair { de: "in Reparatur", en: "in repair" }
    unit_retired { de: "ausgemustert", en: "retired" }
    breakdown_requested { de: "angefragt", en: "requested" }
    breakdown_allocated { de: "zugeteilt", en: "allocated" }
    breakdown_on_the_way { de: "unterwegs", en: "on the way" }
    breakdown_ready_for_pickup { de: "abholbereit", en: "ready for pickup" }
    breakdown_done { de: "erledigt", en: "done" }
    breakdown_declined { de: "abgelehnt", en: "declined" }
    damage_wont_start { de: "Springt nicht an", en: "Won't start" }
    damage_engine { de: "Motorschaden", en: "Engine failure" }
    damage_blade { de: "Messer oder Schneidwerk", en: "Blade or cutting unit" }
    damage_tyre { de: "Reifen oder Fahrwerk", en: "Tyre or chassis" }
    damage_hydraulics { de: "Hydraulik undicht", en: "Hydraulics leaking" }
    damage_electrics { de: "Elektrik", en: "Electrics" }
    damage_accident { de: "Unfall oder Beschädigung", en: "Accident or damage" }
    damage_other { de: "Etwas anderes", en: "Something else" }
    loan_asked { de: "angefragt", en: "asked" }
    loan_accepted { de: "verliehen", en: "lent" }
    loan_declined { de: "abgelehnt", en: "declined" }

    detail_searching { de: "Der Fuhrpark sucht ein Ersatzgerät für Sie.", en: "The fleet is looking for a replacement for you." }
    detail_received { de: "Der Fuhrpark hat Ihre Meldung erhalten.", en: "The fleet has received your report." }
    detail_allocated_deliver { de: "{} ({}) ist für Sie reserviert: {}. Es wird zu Ihnen gebracht.", en: "{} ({}) is reserved for you: {}. It will be brought to you." }
    detail_allocated_pickup { de: "{0} ist für Sie reserviert: {2}. Bitte holen Sie es am {1} ab.", en: "{0} is reserved for you: {2}. Please pick it up at {1}." }
    detail_on_the_way { de: "{} ist unterwegs zu Ihnen.", en: "{} is on its way to you." }
    detail_ready { de: "{} liegt am {} für Sie bereit.", en: "{} is ready for you at {}." }
    detail_declined { de: "Abgelehnt: {}", en: "Declined: {}" }
    detail_done { de: "Erledigt.", en: "Done." }

    done_allocated { de: "{} ist für {} zugeteilt.", en: "{} is allocated to {}." }
    done_cancelled { de: "Reservierung von {} ({}) storniert.", en: "Reservation of {} ({}) cancelled." }
    done_checked_out { de: "Sie haben {} übernommen, bis {}.", en: "You have taken {}, until {}." }
    done_extended { de: "Reservierung von {} geändert: {}.", en: "Reservation of {} changed: {}." }
    done_loan_accepted { de: "{} ist an {} verliehen.", en: "{} is lent to {}." }
    done_loan_asked { de: "{} ist bei {} angefragt.", en: "{} has been asked of {}." }
    done_loan_declined { de: "Die Leihanfrage für {} ist abgelehnt.", en: "The loan request for {} is declined." }
    done_nothing_changed { de: "Nichts geändert.", en: "Nothing changed." }
    done_repair_closed { de: "Die Reparatur von {} ist abgeschlossen.", en: "The repair of {} is closed." }
    done_reserved { de: "{} ist reserviert: {}.", en: "{} is reserved: {}." }
    done_returned { de: "{} ist zurückgegeben.", en: "{} is given back." }
    done_shared { de: "{} ist für {} freigegeben.", en: "{} is shared with {}." }
    done_unshared { de: "{} ist nicht mehr für {} freigegeben.", en: "{} is no longer shared with {}." }
    done_step { de: "{}: jetzt „{}“.", en: "{}: now “{}”." }
    done_unit_added { de: "{} ist angelegt.", en: "{} has been added." }
    done_unit_saved { de: "{} ist gespeichert.", en: "{} has been saved." }
    done_yard_added { de: "{} ist angelegt.", en: "{} has been added." }

    err_unit_missing { de: "Bitte geben Sie die Inventarnummer des Geräts ein.", en: "Please enter the machine's inventory number." }
    err_unit_unknown { de: "Kein Gerät mit der Nummer „{}“ im Bauhof {}. Bitte prüfen Sie die Nummer auf dem Aufkleber.", en: "No machine numbered “{}” in the {} works yard. Please check the number on the sticker." }
    err_unit_retired { de: "{} ist ausgemustert und kann nicht gemeldet werden.", en: "{} is retired and cannot be reported." }
    err_unit_choose { de: "Bitte wählen Sie ein Gerät aus der Liste.", en: "Please choose a machine from the list." }
    err_unit_not_usable { de: "{} ist gerade {} und kann nicht vergeben werden.", en: "{} is {} at the moment and cannot be given out." }
    err_damage_missing { de: "Bitte wählen Sie, was passiert ist.", en: "Please choose what happened." }
    err_description_too_long { de: "Die Beschreibung darf höchstens {} Zeichen lang sein.", en: "The description may be at most {} characters long." }
    err_description_for_other { de: "Bitte beschreiben Sie kurz, was kaputt ist.", en: "Please describe briefly what is broken." }
    err_coordinates { de: "Die Koordinaten sind ungültig. Beispiel: 52,5715 und 13,4103.", en: "The coordinates are not valid. Example: 52.5715 and 13.4103." }
    err_place_missing { de: "Bitte beschreiben Sie, wo Sie sind, oder verwenden Sie Ihren Standort.", en: "Please describe where you are, or use your position." }
    err_place_too_long { de: "Die Ortsbeschreibung darf höchstens {} Zeichen lang sein.", en: "The description of the place may be at most {} characters long." }
    err_needed_missing { de: "Bitte wählen Sie, ob Sie ein Ersatzgerät brauchen.", en: "Please choose whether you need a replacement." }
    err_type_missing { de: "Bitte wählen Sie einen Gerätetyp.", en: "Please choose a type of machine." }
    err_delivery_missing { de: "Bitte wählen Sie, ob das Gerät gebracht oder abgeholt wird.", en: "Please choose whether the machine is brought or picked up." }
    err_from_invalid { de: "Bitte geben Sie an, ab wann (Datum und Uhrzeit).", en: "Please enter from when (date and time)." }
    err_until_invalid { de: "Bitte geben Sie an, bis wann (Datum und Uhrzeit).", en: "Please enter until when (date and time)." }
    err_until_before_from { de: "Das Ende muss nach dem Beginn liegen.", en: "The end must be after the start." }
    err_until_past { de: "Das Ende liegt in der Vergangenheit.", en: "The end is in the past." }
    err_window_too_long { de: "Höchstens 31 Tage am Stück.", en: "At most 31 days at a time." }
    err_check_out_too_long { de: "Ein Gerät kann höchstens 14 Tage am Stück übernommen werden.", en: "A machine can be taken for at most 14 days at a time." }
    err_draft_gone { de: "Ihre angefangene Meldung ist nicht mehr da (nach einem Tag wird sie gelöscht). Bitte beginnen Sie neu.", en: "Your unfinished report is gone (it is deleted after a day). Please start again." }
    err_draft_incomplete { de: "Es fehlt noch eine Angabe.", en: "An answer is still missing." }
    err_changed_meanwhile { de: "Jemand anderes hat das inzwischen geändert. Die Seite zeigt jetzt den neuen Stand; bitte prüfen Sie und versuchen Sie es noch einmal.", en: "Somebody else changed this meanwhile. The page now shows the new state; please check and try again." }
    err_step_missing { de: "Bitte wählen Sie den nächsten Schritt.", en: "Please choose the next step." }
    err_step_not_now { de: "Dieser Schritt geht beim Stand „{}“ nicht.", en: "This step is not possible in the state “{}”." }
    err_reason_missing { de: "Bitte geben Sie eine Begründung an.", en: "Please give a reason." }
    err_reason_too_long { de: "Höchstens {} Zeichen.", en: "At most {} characters." }
    err_no_replacement_wanted { de: "Für diese Meldung wurde kein Ersatz gewünscht.", en: "No replacement was asked for with this report." }
    err_taken { de: "{} ist in dieser Zeit schon vergeben. Frei sind: {}.", en: "{} is already taken at that time. Free are: {}." }
    err_taken_none_free { de: "{} ist in dieser Zeit schon vergeben, und kein anderes passendes Gerät ist frei. Fragen Sie bei einem Partner an oder lehnen Sie mit Begründung ab.", en: "{} is already taken at that time, and no other suitable machine is free. Ask a partner, or decline with a reason." }
    err_check_out_taken { de: "{} ist in dieser Zeit reserviert ({}). Bitte wählen Sie eine kürzere Zeit.", en: "{} is reserved at that time ({}). Please choose a shorter time." }
    err_reserve_taken { de: "{} ist in dieser Zeit schon reserviert: {}.", en: "{} is already reserved at that time: {}." }
    err_extend_taken { de: "Verlängern geht nicht: {} ist danach schon reserviert ({}).", en: "Cannot extend: {} is reserved afterwards ({})." }
    err_reservation_over { de: "Diese Reservierung ist schon vorbei.", en: "This reservation is already over." }
    err_note_too_long { de: "Höchstens {} Zeichen.", en: "At most {} characters." }
    err_notes_too_long { de: "Die Notizen dürfen höchstens {} Zeichen lang sein.", en: "The notes may be at most {} characters long." }
    err_number_invalid { de: "Die Inventarnummer darf nur Buchstaben, Ziffern, Bindestriche, Punkte und Unterstriche enthalten, höchstens {} Zeichen.", en: "The inventory number may contain only letters, digits, hyphens, dots and underscores, at most {} characters." }
    err_number_taken { de: "Die Inventarnummer {} gibt es schon.", en: "The inventory number {} exists already." }
    err_status_missing { de: "Bitte wählen Sie einen Status.", en: "Please choose a status." }
    err_yard_missing { de: "Bitte wählen Sie einen Bauhof.", en: "Please choose a yard." }
    err_yard_code { de: "Das Kürzel darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten, höchstens 30 Zeichen.", en: "The code may contain only lower-case letters, digits and hyphens, at most 30 characters." }
    err_yard_code_taken { de: "Das Kürzel {} gibt es schon.", en: "The code {} exists already." }
    err_yard_name { de: "Bitte geben Sie einen Namen an (höchstens 120 Zeichen).", en: "Please enter a name (at most 120 characters)." }
    err_yard_address { de: "Bitte geben Sie die Adresse an (höchstens 200 Zeichen).", en: "Please enter the address (at most 200 characters)." }
    err_yard_position { de: "Bitte geben Sie gültige Koordinaten innerhalb von {} an.", en: "Please enter valid coordinates within {}." }
    err_department_unknown { de: "Dieses Amt gibt es nicht.", en: "This office does not exist." }
    err_outcome_missing { de: "Bitte schreiben Sie, was gemacht wurde.", en: "Please write what was done." }
    err_repair_closed { de: "Diese Reparatur ist schon abgeschlossen.", en: "This repair is already closed." }
    err_loan_open { de: "Für diese Meldung läuft schon eine Leihanfrage. Warten Sie die Antwort ab.", en: "A loan request for this report is already open. Please wait for the answer." }
    err_loan_answered { de: "Diese Anfrage ist schon beantwortet ({}).", en: "This request has already been answered ({})." }
    err_loan_served { de: "Die Meldung {} ist inzwischen anders versorgt.", en: "Report {} has been served otherwise meanwhile." }
    err_import_unreadable { de: "Die Datei kann nicht als CSV gelesen werden.", en: "The file cannot be read as CSV." }
    err_import_encoding { de: "Die Datei ist nicht in UTF-8 gespeichert. Bitte speichern Sie sie als „CSV UTF-8“.", en: "The file is not saved in UTF-8. Please save it as “CSV UTF-8”." }
    err_import_header { de: "Die erste Zeile muss die Spalten inventarnummer, typ und hof nennen (status und notizen sind freiwillig).", en: "The first line must name the columns inventarnummer, typ and hof (status and notizen are optional)." }
    err_import_empty { de: "Die Datei enthält keine Geräte.", en: "The file contains no machines." }
    err_import_too_long { de: "Höchstens {} Zeilen auf einmal.", en: "At most {} lines at once." }
    err_import_line { de: "Zeile {}: {}", en: "Line {}: {}" }
    err_import_line_unreadable { de: "Zeile {}: nicht lesbar", en: "Line {}: unreadable" }
    err_import_more { de: "… und {} weitere fehlerhafte Zeilen.", en: "… and {} more faulty lines." }
    err_import_twice { de: "{} steht zweimal in der Datei", en: "{} appears twice in the file" }
    err_import_type { de: "Gerätetyp „{}“ unbekannt", en: "unknown type “{}”" }
    err_import_yard { de: "Bauhof „{}“ unbekannt", en: "unknown yard “{}”" }
    err_import_status { de: "Status „{}“ unbekannt (verfügbar, im Einsatz, in Reparatur, ausgemustert)", en: "unknown status “{}” (available, in_use, in_repair, retired)" }

    log_yard_created { de: "Bauhof angelegt", en: "Yard added" }
    log_unit_created { de: "Gerät angelegt", en: "Machine added" }
    log_unit_changed { de: "Gerät geändert", en: "Machine changed" }
    log_unit_imported { de: "Aus CSV importiert", en: "Imported from CSV" }
    log_photo_changed { de: "Foto geändert", en: "Photo changed" }
    log_shared { de: "Für Partner freigegeben", en: "Shared with a partner" }
    log_unshared { de: "Freigabe beendet", en: "Sharing stopped" }
    log_breakdown_reported { de: "Ausfall gemeldet", en: "Breakdown reported" }
    log_allocated { de: "Ersatz zugeteilt", en: "Replacement allocated" }
    log_dispatched { de: "Ersatz unterwegs", en: "Replacement on the way" }
    log_made_ready { de: "Ersatz abholbereit", en: "Replacement ready for pickup" }
    log_finished { de: "Erledigt", en: "Done" }
    log_declined { de: "Abgelehnt", en: "Declined" }
    log_reserved { de: "Reserviert", en: "Reserved" }
    log_extended { de: "Reservierung geändert", en: "Reservation changed" }
    log_cancelled { de: "Reservierung storniert", en: "Reservation cancelled" }
    log_checked_out { de: "Übernommen", en: "Taken" }
    log_returned { de: "Zurückgegeben", en: "Given back" }
    log_repair_opened { de: "Reparatur begonnen", en: "Repair opened" }
    log_repair_closed { de: "Reparatur abgeschlossen", en: "Repair closed" }
    log_loan_asked { de: "Leihanfrage gestellt", en: "Loan asked" }
    log_loan_accepted { de: "Verliehen", en: "Lent" }
    log_loan_declined { de: "Leihanfrage abgelehnt", en: "Loan declined" }

    mail_new_subject { de: "Neue Ausfallmeldung {}: {}", en: "New breakdown report {}: {}" }
    mail_new_text { de: "Ausfallmeldung {}: {} – {}.\n\nZur Anfrage: {}", en: "Breakdown report {}: {} – {}.\n\nTo the request: {}" }
    mail_status_subject { de: "Ihre Ausfallmeldung {}: {}", en: "Your breakdown report {}: {}" }
    mail_status_text { de: "Ihre Ausfallmeldung {} ist jetzt „{}“.\n\n{}\n\nZum Stand: {}", en: "Your breakdown report {} is now “{}”.\n\n{}\n\nSee its status: {}" }
    mail_loan_subject { de: "Leihanfrage von {}: {}", en: "Loan request from {}: {}" }
    mail_loan_text { de: "{} fragt an, ob Sie {} leihen: {}.\n\nZur Anfrage: {}", en: "{} asks whether you lend {}: {}.\n\nTo the request: {}" }
    mail_loan_accepted_subject { de: "{} verleiht {}", en: "{} lends {}" }
    mail_loan_accepted_text { de: "{} verleiht {} für die Meldung {}. {}\n\nZur Meldung: {}", en: "{} lends {} for report {}. {}\n\nTo the report: {}" }
    mail_loan_declined_subject { de: "{} verleiht {} nicht", en: "{} does not lend {}" }
    mail_loan_declined_text { de: "{} verleiht {} für die Meldung {} nicht. Begründung: {}\n\nZur Meldung: {}", en: "{} does not lend {} for report {}. Reason: {}\n\nTo the report: {}" }

    csv_direction { de: "Richtung", en: "Direction" }
    csv_lender { de: "Verleiher", en: "Lender" }
    csv_borrower { de: "Entleiher", en: "Borrower" }
    csv_unit { de: "Inventarnummer", en: "Inventory number" }
    csv_type { de: "Gerätetyp", en: "Type" }
    csv_from { de: "Von", en: "From" }
    csv_until { de: "Bis", en: "Until" }
    csv_days { de: "Tage", en: "Days" }
    csv_request { de: "Meldung", en: "Report" }
    csv_lent { de: "verliehen", en: "lent" }
    csv_borrowed { de: "geliehen", en: "borrowed" }
    no_repairs_yet { de: "noch keine abgeschlossene Reparatur", en: "no closed repair yet" }
    percent { de: "{} %", en: "{}%" }
    stats_window { de: "Zeitraum: {} bis {}; Auslastung über die letzten 30 Tage.", en: "Period: {} to {}; utilisation over the last 30 days." }
    requested_ago { de: "gemeldet {}", en: "reported {}" }
    lent_out { de: "verliehen", en: "lent" }
    borrowed_in { de: "geliehen", en: "borrowed" }
    distance_km { de: "{} km", en: "{} km" }
    distance_unknown { de: "unbekannt", en: "unknown" }
    step_dispatch { de: "Ersatz ist unterwegs", en: "Replacement is on the way" }
    step_ready { de: "Ersatz ist abholbereit", en: "Replacement is ready for pickup" }
    step_finish { de: "Erledigt", en: "Done" }
    step_decline { de: "Ablehnen (mit Begründung)", en: "Decline (with a reason)" }
    position_of { de: "{}, {}", en: "{}, {}" }
    place_position { de: "Standort {}, {}", en: "Position {}, {}" }
    imported { de: "Import: {} neu, {} aktualisiert.", en: "Import: {} added, {} updated." }
    photo_saved { de: "Das Foto ist gespeichert.", en: "The photo has been saved." }
    scan_scanning { de: "Halten Sie die Kamera auf den QR-Code am Gerät.", en: "Point the camera at the QR code on the machine." }
    scan_denied { de: "Die Kamera ist nicht verfügbar. Bitte tippen Sie die Nummer ein.", en: "The camera is not available. Please type the number." }
    scan_found { de: "Erkannt: {}", en: "Recognised: {}" }
    locate_locating { de: "Standort wird bestimmt …", en: "Finding your position …" }
    locate_found { de: "Standort übernommen (auf etwa {} m genau).", en: "Position taken (accurate to about {} m)." }
    locate_failed { de: "Der Standort ist nicht verfügbar. Bitte beschreiben Sie den Ort.", en: "Your position is not available. Please describe the place." }
}
