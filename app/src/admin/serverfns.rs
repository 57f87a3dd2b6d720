//! The configuration pages' server functions: each page's data, and the forms (publish,
//! discard, restore, the starter catalogue, departments, categories and their questions,
//! rules), answered with a
//! redirect (post/redirect/get). The upload and the download
//! are plain HTTP endpoints of the server (a file upload must work without JavaScript).

// A form's fields are a server function's arguments; the question form has twelve.
#![allow(clippy::too_many_arguments)]

use super::model::{
    CategoriesView, CategoryFormView, ConfigView, DepartmentFormView, DepartmentsView, DraftView,
    HistoryView, PlaceQuery, PlaceView, QuestionFormView, RulesView,
};
#[cfg(feature = "ssr")]
use super::{model::SetupRefusal, port::SharedSetup};
#[cfg(feature = "ssr")]
use crate::request::{found, signed_in};
#[cfg(feature = "ssr")]
use crate::{
    model::{FieldError, Flash, Problem},
    port::PortError,
    request,
};
use leptos::prelude::*;

/// The configuration in force.
pub fn config_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/konfiguration")
}

/// The draft, checked, before it is published.
pub fn draft_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/konfiguration/pruefen")
}

pub fn history_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/konfiguration/verlauf")
}

pub fn place_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/konfiguration/ort-testen")
}

/// The departments the forms change.
pub fn departments_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/konfiguration/abteilungen")
}

/// The form of department `code`, or of a new department when `code` is empty.
pub fn department_path(slug: &str, code: &str) -> String {
    if code.is_empty() {
        format!("/verwaltung/{slug}/konfiguration/abteilung")
    } else {
        format!(
            "/verwaltung/{slug}/konfiguration/abteilung?code={}",
            crate::model::encode(code)
        )
    }
}

/// The categories the forms change.
pub fn categories_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/konfiguration/kategorien")
}

/// The form of category `code`, or of a new category when `code` is empty.
pub fn category_path(slug: &str, code: &str) -> String {
    if code.is_empty() {
        format!("/verwaltung/{slug}/konfiguration/kategorie")
    } else {
        format!(
            "/verwaltung/{slug}/konfiguration/kategorie?code={}",
            crate::model::encode(code)
        )
    }
}

/// The form of question `code` of category `category`, or of a new question of it when `code`
/// is empty.
pub fn question_path(slug: &str, category: &str, code: &str) -> String {
    let base = format!(
        "/verwaltung/{slug}/konfiguration/frage?kategorie={}",
        crate::model::encode(category)
    );
    if code.is_empty() {
        base
    } else {
        format!("{base}&code={}", crate::model::encode(code))
    }
}

/// The routing rules the forms change.
pub fn rules_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/konfiguration/regeln")
}

/// Where the upload form posts (multipart).
pub fn upload_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/konfiguration/hochladen")
}

/// The configuration in force as a file.
pub fn download_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/konfiguration.json")
}

#[cfg(feature = "ssr")]
fn setup() -> SharedSetup {
    expect_context::<SharedSetup>()
}

#[server(prefix = "/api", endpoint = "konfiguration/ansehen")]
pub async fn load_config(slug: String) -> Result<Option<ConfigView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = setup()
        .overview(&viewer, &slug, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "konfiguration/entwurf")]
pub async fn load_draft(slug: String) -> Result<Option<DraftView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = setup()
        .draft(&viewer, &slug, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "konfiguration/verlauf")]
pub async fn load_history(slug: String) -> Result<Option<HistoryView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = setup()
        .history(&viewer, &slug, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "konfiguration/ort")]
pub async fn load_place(
    slug: String,
    query: PlaceQuery,
) -> Result<Option<PlaceView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = setup()
        .test_place(&viewer, &slug, query, request::lang())
        .await?;
    Ok(found(view))
}

/// After a form: on to `next` with the notice, or back to `back` with the refusal (the
/// configuration page, whose file field the error summary links to).
#[cfg(feature = "ssr")]
fn answer<T>(
    outcome: Result<T, PortError<SetupRefusal>>,
    next: &str,
    notice: impl FnOnce(T) -> String,
    back: &str,
) -> Result<(), ServerFnError> {
    match outcome {
        Ok(value) => {
            request::set_flash(&Flash::notice(notice(value)));
            request::see_other(next);
        }
        Err(PortError::Refused(SetupRefusal::Forbidden)) => request::forbid(),
        Err(PortError::Refused(SetupRefusal::Fields(errors))) => {
            request::set_flash(&Flash::errors(errors));
            request::see_other(back);
        }
        Err(PortError::Refused(SetupRefusal::Invalid(messages))) => {
            request::set_flash(&Flash::errors(
                messages
                    .into_iter()
                    .map(|m| FieldError::new("config-file", Problem::Worded(m)))
                    .collect(),
            ));
            request::see_other(back);
        }
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

/// After a form that changes one entry of the draft: on to `list` with the notice; back to the
/// form at `back` with its fields' problems and the typed `values`; a refusal of the whole (the
/// entry is gone from the draft, and its form with it) said on `list` at `list_field`.
#[cfg(feature = "ssr")]
fn form_answer(
    outcome: Result<String, PortError<SetupRefusal>>,
    values: Vec<(String, String)>,
    back: &str,
    list: &str,
    list_field: &str,
) -> Result<(), ServerFnError> {
    match outcome {
        Err(PortError::Refused(SetupRefusal::Fields(errors))) => {
            request::set_flash(&Flash {
                errors,
                values,
                notice: None,
            });
            request::see_other(back);
            Ok(())
        }
        Err(PortError::Refused(SetupRefusal::Invalid(messages))) => {
            request::set_flash(&Flash::errors(
                messages
                    .into_iter()
                    .map(|m| FieldError::new(list_field, Problem::Worded(m)))
                    .collect(),
            ));
            request::see_other(list);
            Ok(())
        }
        outcome => answer(outcome, list, |notice| notice, back),
    }
}

#[server(prefix = "/api", endpoint = "konfiguration/veroeffentlichen")]
pub async fn publish_config(slug: String) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let lang = request::lang();
    let t = super::texts::texts(lang);
    let outcome = setup().publish(&viewer, &slug, lang).await;
    answer(
        outcome,
        &config_path(&slug),
        |number| crate::i18n::fill(t.published, &[&number.to_string()]),
        &config_path(&slug),
    )
}

#[server(prefix = "/api", endpoint = "konfiguration/verwerfen")]
pub async fn discard_config(slug: String) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let t = super::texts::texts(request::lang());
    let outcome = setup().discard(&viewer, &slug).await;
    answer(
        outcome,
        &config_path(&slug),
        |()| t.discarded.to_owned(),
        &config_path(&slug),
    )
}

#[server(prefix = "/api", endpoint = "konfiguration/wiederherstellen")]
pub async fn restore_config(slug: String, number: i64) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let lang = request::lang();
    let t = super::texts::texts(lang);
    let outcome = setup().restore(&viewer, &slug, number, lang).await;
    answer(
        outcome,
        &draft_path(&slug),
        |()| crate::i18n::fill(t.restored, &[&number.to_string()]),
        &config_path(&slug),
    )
}

#[server(prefix = "/api", endpoint = "konfiguration/startkatalog")]
pub async fn adopt_starter(slug: String) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let outcome = setup().adopt_starter(&viewer, &slug, request::lang()).await;
    answer(
        outcome,
        &draft_path(&slug),
        |notice| notice,
        &config_path(&slug),
    )
}

#[server(prefix = "/api", endpoint = "konfiguration/abteilungen")]
pub async fn load_departments(slug: String) -> Result<Option<DepartmentsView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = setup()
        .departments(&viewer, &slug, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "konfiguration/abteilung")]
pub async fn load_department(
    slug: String,
    code: String,
) -> Result<Option<DepartmentFormView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = setup()
        .department(
            &viewer,
            &slug,
            &code,
            request::take_flash(),
            request::lang(),
        )
        .await?;
    Ok(found(view))
}

/// The department form: into the draft (on to the departments), or back to the form with
/// every problem and the values as typed.
#[server(prefix = "/api", endpoint = "konfiguration/abteilung-speichern")]
pub async fn save_department(
    slug: String,
    editing: String,
    code: String,
    name_de: String,
    name_en: String,
    emails: String,
) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let form = super::model::DepartmentForm {
        slug: slug.clone(),
        editing,
        code,
        name_de,
        name_en,
        emails,
    };
    let back = department_path(&slug, &form.editing);
    let values = form.values();
    let outcome = setup()
        .save_department(&viewer, form, request::lang())
        .await;
    form_answer(
        outcome,
        values,
        &back,
        &departments_path(&slug),
        "departments",
    )
}

#[server(prefix = "/api", endpoint = "konfiguration/regeln")]
pub async fn load_rules(slug: String) -> Result<Option<RulesView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = setup()
        .rules(&viewer, &slug, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

/// The new rule: into the draft, or back with every problem and the values as chosen.
#[server(prefix = "/api", endpoint = "konfiguration/regel-hinzufuegen")]
pub async fn add_rule(
    slug: String,
    what: String,
    area: String,
    department: String,
    priority: String,
) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let form = super::model::RuleForm {
        slug: slug.clone(),
        what,
        area,
        department,
        priority,
    };
    let back = rules_path(&slug);
    let values = form.values();
    let outcome = setup().add_rule(&viewer, form, request::lang()).await;
    form_answer(outcome, values, &back, &back, "rules")
}

#[server(prefix = "/api", endpoint = "konfiguration/regel-entfernen")]
pub async fn remove_rule(slug: String, rule: String) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let outcome = setup()
        .remove_rule(&viewer, &slug, &rule, request::lang())
        .await;
    let back = rules_path(&slug);
    answer(outcome, &back, |notice| notice, &back)
}

#[server(prefix = "/api", endpoint = "konfiguration/kategorien")]
pub async fn load_categories(slug: String) -> Result<Option<CategoriesView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = setup()
        .categories(&viewer, &slug, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "konfiguration/kategorie")]
pub async fn load_category(
    slug: String,
    code: String,
) -> Result<Option<CategoryFormView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = setup()
        .category(
            &viewer,
            &slug,
            &code,
            request::take_flash(),
            request::lang(),
        )
        .await?;
    Ok(found(view))
}

/// The category form: into the draft (on to the categories), or back to the form with every
/// problem and the values as typed.
#[server(prefix = "/api", endpoint = "konfiguration/kategorie-speichern")]
pub async fn save_category(
    slug: String,
    editing: String,
    code: String,
    group: String,
    name_de: String,
    name_en: String,
    hint_de: String,
    hint_en: String,
    accept_days: String,
    resolve_days: String,
) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let form = super::model::CategoryForm {
        slug: slug.clone(),
        editing,
        code,
        group,
        name_de,
        name_en,
        hint_de,
        hint_en,
        accept_days,
        resolve_days,
    };
    let back = category_path(&slug, &form.editing);
    let values = form.values();
    let outcome = setup().save_category(&viewer, form, request::lang()).await;
    form_answer(
        outcome,
        values,
        &back,
        &categories_path(&slug),
        "categories",
    )
}

#[server(prefix = "/api", endpoint = "konfiguration/frage")]
pub async fn load_question(
    slug: String,
    category: String,
    code: String,
) -> Result<Option<QuestionFormView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = setup()
        .question(
            &viewer,
            &slug,
            &category,
            &code,
            request::take_flash(),
            request::lang(),
        )
        .await?;
    Ok(found(view))
}

/// The question form: into the draft (on to its category's form, which lists the questions),
/// or back to the form with every problem and the values as typed.
#[server(prefix = "/api", endpoint = "konfiguration/frage-speichern")]
pub async fn save_question(
    slug: String,
    category: String,
    editing: String,
    code: String,
    label_de: String,
    label_en: String,
    hint_de: String,
    hint_en: String,
    #[server(default)] required: String,
    #[server(default)] kind: String,
    max_len: String,
    choices: String,
) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let form = super::model::QuestionForm {
        slug: slug.clone(),
        category,
        editing,
        code,
        label_de,
        label_en,
        hint_de,
        hint_en,
        required,
        kind,
        max_len,
        choices,
    };
    let back = question_path(&slug, &form.category, &form.editing);
    let list = category_path(&slug, &form.category);
    let values = form.values();
    let outcome = setup().save_question(&viewer, form, request::lang()).await;
    question_answer(outcome, values, &back, &list, &slug)
}

/// After a question's form: as [`form_answer`] with its category's form as the list, but a
/// category gone from the draft said on the categories' list.
#[cfg(feature = "ssr")]
fn question_answer(
    outcome: Result<String, PortError<SetupRefusal>>,
    values: Vec<(String, String)>,
    back: &str,
    list: &str,
    slug: &str,
) -> Result<(), ServerFnError> {
    match outcome {
        Err(PortError::Refused(SetupRefusal::Invalid(messages))) => form_answer(
            Err(PortError::Refused(SetupRefusal::Invalid(messages))),
            values,
            back,
            &categories_path(slug),
            "categories",
        ),
        outcome => form_answer(outcome, values, back, list, "questions"),
    }
}

/// Removes a question, or asks it one place earlier (`action` is `entfernen` or `nach-oben`):
/// back to its category's form with the notice or the refusal.
#[server(prefix = "/api", endpoint = "konfiguration/frage-umstellen")]
pub async fn rearrange_question(
    slug: String,
    category: String,
    code: String,
    action: String,
) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let lang = request::lang();
    let outcome = if action == REMOVE {
        setup()
            .remove_question(&viewer, &slug, &category, &code, lang)
            .await
    } else {
        setup()
            .move_question_up(&viewer, &slug, &category, &code, lang)
            .await
    };
    let back = category_path(&slug, &category);
    question_answer(outcome, Vec::new(), &back, &back, &slug)
}

/// The value of the question list's "remove" buttons (`action`); every other moves up.
pub const REMOVE: &str = "entfernen";
