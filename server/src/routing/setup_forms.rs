//! The configuration's forms: each changes the municipality's draft — made from the
//! configuration in force when there is none — checked as an uploaded file is checked, saved
//! only if nobody changed the draft meanwhile (else read again and changed again), and recorded
//! with who and what. Publishing stays the draft page's one step. The forms so far: the
//! starter catalogue, the departments, the categories (texts, deadlines, group; their questions
//! in [`super::setup_questions`]) and the routing rules.

use super::setup_questions::question_rows;
use crate::core::port::internal;
use crate::core::Core;
use crate::tenants::config::{
    is_code, CategoryConfig, DepartmentConfig, Emails, MunicipalityConfig, RuleConfig,
};
use crate::tenants::config::{LIMITS, MAX_EMAILS};
use crate::tenants::publishing::{self, change, describe_rule, Change, Edit, PublishRefusal};
use crate::tenants::{starter, Municipality};
use kiezwerk_app::admin::model::{
    CategoriesView, CategoryForm, CategoryFormView, CategoryRow, DepartmentForm,
    DepartmentFormView, DepartmentRow, DepartmentsView, RuleForm, RuleRow, RulesView, SetupRefusal,
};
use kiezwerk_app::admin::texts::texts;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::{Choice, FieldError, Flash, MunicipalityId, Problem, Viewer};
use kiezwerk_app::port::PortError;

/// How often an edit is tried again when somebody else changed the draft in between.
const ATTEMPTS: usize = 3;

/// Applies `edit` to the draft and saves it: the change `edit` made. `field` is where a problem
/// the whole configuration's check finds is shown (a form field, or the configuration page's
/// file field).
pub(super) async fn edit_draft<T>(
    core: &Core,
    viewer: &Viewer,
    municipality: &Municipality,
    lang: Lang,
    field: &str,
    edit: impl Fn(&mut MunicipalityConfig) -> Result<(Change, T), SetupRefusal>,
) -> Result<T, PortError<SetupRefusal>> {
    let db = &core.db;
    for _ in 0..ATTEMPTS {
        let (mut config, basis) = publishing::editable(db, municipality.id)
            .await
            .map_err(internal)?;
        let (what, answer) = edit(&mut config).map_err(PortError::Refused)?;
        // The whole configuration's rules (a large city's polygons take a moment): off the
        // executor.
        let (config, problems) = tokio::task::spawn_blocking(move || {
            let problems = config.check(lang).err().unwrap_or_default();
            (config, problems)
        })
        .await
        .map_err(internal)?;
        if !problems.is_empty() {
            // At most a screenful, as for an uploaded file (and the flash stays small).
            return Err(PortError::Refused(SetupRefusal::Fields(
                at_most(problems, MAX_LINES, texts(lang).more_problems)
                    .into_iter()
                    .map(|p| FieldError::new(field, Problem::Worded(p)))
                    .collect(),
            )));
        }
        let edit = Edit {
            account_id: viewer.account_id.0,
            now: core.clock.now_ms(),
            what: &what,
        };
        if publishing::save_edit(db, municipality.id, &basis, &config, edit)
            .await
            .map_err(internal)?
        {
            tracing::info!(
                slug = municipality.slug,
                account = viewer.account_id.0,
                change = what.en,
                "configuration draft changed"
            );
            return Ok(answer);
        }
    }
    Err(PortError::Refused(SetupRefusal::Fields(vec![
        FieldError::new(field, Problem::Worded(texts(lang).err_busy.to_owned())),
    ])))
}

/// Adds the starter catalogue to the draft: the notice saying what came.
pub(super) async fn adopt_starter(
    core: &Core,
    viewer: &Viewer,
    municipality: &Municipality,
    lang: Lang,
) -> Result<String, PortError<SetupRefusal>> {
    let s = texts(lang);
    edit_draft(core, viewer, municipality, lang, "config-file", |config| {
        if config.groups.iter().any(|g| !g.categories.is_empty()) {
            return Err(SetupRefusal::Invalid(vec![s
                .err_starter_has_categories
                .to_owned()]));
        }
        let adopted = starter::adopt(config);
        let counts =
            [adopted.departments, adopted.categories, adopted.rules].map(|n| n.to_string());
        let what = change(
            format!(
                "Startkatalog übernommen: {} Abteilungen, {} Kategorien, {} Regeln.",
                counts[0], counts[1], counts[2]
            ),
            format!(
                "Starter catalogue adopted: {} departments, {} categories, {} rules.",
                counts[0], counts[1], counts[2]
            ),
        );
        Ok((
            what,
            fill(s.starter_adopted, &[&counts[0], &counts[1], &counts[2]]),
        ))
    })
    .await
}

/// What the forms' lists show: the configuration they change, whether it is the draft, and —
/// for a draft — the warning that it cannot be published as it is.
async fn editing(
    core: &Core,
    municipality: &Municipality,
    lang: Lang,
) -> Result<(MunicipalityConfig, bool, Option<String>), PortError> {
    let (config, basis) = publishing::editable(&core.db, municipality.id)
        .await
        .map_err(internal)?;
    let from_draft = matches!(basis, publishing::Basis::Draft { .. });
    let stale = if from_draft {
        stale_warning(core, municipality.id, lang)
            .await
            .map_err(internal)?
    } else {
        None
    };
    Ok((config, from_draft, stale))
}

/// The rows of the departments table.
pub(super) fn department_rows(config: &MunicipalityConfig, lang: Lang) -> Vec<DepartmentRow> {
    config
        .departments
        .iter()
        .map(|d| DepartmentRow {
            code: d.code.clone(),
            name: lang.pick(&d.name_de, &d.name_en).clone(),
            email: d.email.joined(),
        })
        .collect()
}

pub(super) async fn departments(
    core: &Core,
    municipality: &Municipality,
    flash: Flash,
    lang: Lang,
) -> Result<DepartmentsView, PortError> {
    let (config, from_draft, stale) = editing(core, municipality, lang).await?;
    Ok(DepartmentsView {
        slug: municipality.slug.clone(),
        municipality: config.name.clone(),
        flash,
        from_draft,
        stale,
        departments: department_rows(&config, lang),
    })
}

/// The form of department `code` (a new one when empty); `None` when the draft has no such
/// department.
pub(super) async fn department(
    core: &Core,
    municipality: &Municipality,
    code: &str,
    flash: Flash,
) -> Result<Option<DepartmentFormView>, PortError> {
    let (config, _) = publishing::editable(&core.db, municipality.id)
        .await
        .map_err(internal)?;
    let form = if code.is_empty() {
        DepartmentForm {
            slug: municipality.slug.clone(),
            ..DepartmentForm::default()
        }
    } else {
        let Some(d) = config.departments.iter().find(|d| d.code == code) else {
            return Ok(None);
        };
        DepartmentForm {
            slug: municipality.slug.clone(),
            editing: d.code.clone(),
            code: d.code.clone(),
            name_de: d.name_de.clone(),
            name_en: d.name_en.clone(),
            emails: d.email.0.join("\n"),
        }
    };
    Ok(Some(DepartmentFormView {
        municipality: config.name,
        flash,
        form,
    }))
}

/// The department as the form states it, or every problem with its field. `taken` says whether
/// a code is already used by another department.
fn department_from(
    form: &DepartmentForm,
    taken: impl Fn(&str) -> bool,
    lang: Lang,
) -> Result<DepartmentConfig, Vec<FieldError>> {
    let s = texts(lang);
    let mut errors = Vec::new();
    let mut refuse = |field: &str, message: String| {
        errors.push(FieldError::new(field, Problem::Worded(message)));
    };
    let code = form.code.trim();
    if form.editing.is_empty() {
        if !is_code(code) {
            refuse("code", s.err_code.to_owned());
        } else if taken(code) {
            refuse("code", fill(s.err_code_taken, &[code]));
        }
    }
    let (name_de, name_en) = (name(&form.name_de), name(&form.name_en));
    if name_de.is_none() {
        refuse("name_de", s.err_name_de.to_owned());
    }
    if name_en.is_none() {
        refuse("name_en", s.err_name_en.to_owned());
    }
    let emails = Emails::split(&form.emails);
    if emails.0.is_empty() {
        refuse("emails", s.err_emails_missing.to_owned());
    } else if emails.0.len() > MAX_EMAILS {
        refuse(
            "emails",
            fill(s.err_emails_many, &[&MAX_EMAILS.to_string()]),
        );
    } else if let Some(wrong) = emails.invalid().first() {
        refuse("emails", fill(s.err_emails_invalid, &[wrong]));
    }
    match (name_de, name_en) {
        (Some(name_de), Some(name_en)) if errors.is_empty() => Ok(DepartmentConfig {
            code: if form.editing.is_empty() {
                code.to_owned()
            } else {
                form.editing.clone()
            },
            name_de,
            name_en,
            email: emails,
        }),
        _ => Err(errors),
    }
}

/// Adds or changes a department in the draft: the notice.
pub(super) async fn save_department(
    core: &Core,
    viewer: &Viewer,
    municipality: &Municipality,
    form: DepartmentForm,
    lang: Lang,
) -> Result<String, PortError<SetupRefusal>> {
    let s = texts(lang);
    let field = if form.editing.is_empty() {
        "code"
    } else {
        "name_de"
    };
    edit_draft(core, viewer, municipality, lang, field, |config| {
        let department = department_from(
            &form,
            |code| config.departments.iter().any(|d| d.code == code),
            lang,
        )
        .map_err(SetupRefusal::Fields)?;
        let (de, en) = (department.name_de.clone(), department.name_en.clone());
        let code = department.code.clone();
        if form.editing.is_empty() {
            config.departments.push(department);
            let what = change(
                format!("Abteilung hinzugefügt: {de} ({code})."),
                format!("Department added: {en} ({code})."),
            );
            return Ok((
                what,
                fill(s.department_added, &[lang.pick(&de, &en).as_str()]),
            ));
        }
        let Some(slot) = config.departments.iter_mut().find(|d| d.code == code) else {
            // Its form is gone with it: said on the departments' page.
            return Err(SetupRefusal::Invalid(vec![fill(
                s.err_no_department,
                &[&code],
            )]));
        };
        *slot = department;
        let what = change(
            format!("Abteilung geändert: {de} ({code})."),
            format!("Department changed: {en} ({code})."),
        );
        Ok((
            what,
            fill(s.department_changed, &[lang.pick(&de, &en).as_str()]),
        ))
    })
    .await
}

pub(super) async fn rules(
    core: &Core,
    municipality: &Municipality,
    flash: Flash,
    lang: Lang,
) -> Result<RulesView, PortError> {
    let s = texts(lang);
    let (config, from_draft, stale) = editing(core, municipality, lang).await?;
    let choice = |value: String, label: &str| Choice {
        value,
        label: label.to_owned(),
    };
    let mut whats = vec![choice(String::new(), s.any_category)];
    for g in &config.groups {
        whats.push(choice(
            format!("{}{}", RuleForm::GROUP, g.code),
            &fill(s.group_prefix, &[lang.pick(&g.name_de, &g.name_en)]),
        ));
    }
    for c in config.groups.iter().flat_map(|g| &g.categories) {
        whats.push(choice(
            format!("{}{}", RuleForm::CATEGORY, c.code),
            lang.pick(&c.name_de, &c.name_en),
        ));
    }
    let areas = std::iter::once(choice(String::new(), s.anywhere))
        .chain(config.areas.iter().map(|a| choice(a.code.clone(), &a.name)))
        .collect();
    let departments = config
        .departments
        .iter()
        .map(|d| choice(d.code.clone(), lang.pick(&d.name_de, &d.name_en)))
        .collect();
    Ok(RulesView {
        slug: municipality.slug.clone(),
        municipality: config.name.clone(),
        flash,
        from_draft,
        stale,
        rules: rule_rows(&config, lang),
        whats,
        areas,
        departments,
    })
}

/// The rule as the form states it against `config`, or every problem with its field.
fn rule_from(
    form: &RuleForm,
    config: &MunicipalityConfig,
    lang: Lang,
) -> Result<RuleConfig, Vec<FieldError>> {
    let s = texts(lang);
    let mut errors = Vec::new();
    let mut refuse = |field: &str, message: &str| {
        errors.push(FieldError::new(field, Problem::Worded(message.to_owned())));
    };
    let categories = || config.groups.iter().flat_map(|g| &g.categories);
    let (mut category, mut group) = (None, None);
    if let Some(code) = form.what.strip_prefix(RuleForm::CATEGORY) {
        category = Some(code.to_owned());
        if !categories().any(|c| c.code == code) {
            refuse("what", s.err_what);
        }
    } else if let Some(code) = form.what.strip_prefix(RuleForm::GROUP) {
        group = Some(code.to_owned());
        if !config.groups.iter().any(|g| g.code == code) {
            refuse("what", s.err_what);
        }
    } else if !form.what.is_empty() {
        refuse("what", s.err_what);
    }
    let area = (!form.area.is_empty()).then(|| form.area.clone());
    if area
        .as_ref()
        .is_some_and(|code| !config.areas.iter().any(|a| &a.code == code))
    {
        refuse("area", s.err_area);
    }
    if !config.departments.iter().any(|d| d.code == form.department) {
        refuse("department", s.err_department);
    }
    let priority = form
        .priority
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|p| (-MAX_PRIORITY..=MAX_PRIORITY).contains(p));
    if priority.is_none() {
        refuse("priority", s.err_priority);
    }
    let rule = RuleConfig {
        category,
        group,
        area,
        department: form.department.clone(),
        priority: priority.unwrap_or_default(),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    // A rule of the same reports, place and priority is tried first (it is older): the new
    // one would never apply.
    let same = config.rules.iter().find(|r| {
        r.category == rule.category
            && r.group == rule.group
            && r.area == rule.area
            && r.priority == rule.priority
    });
    if let Some(existing) = same {
        let message = if existing.department == rule.department {
            s.err_rule_exists.to_owned()
        } else {
            let department = config
                .departments
                .iter()
                .find(|d| d.code == existing.department)
                .map_or(existing.department.as_str(), |d| {
                    lang.pick(d.name_de.as_str(), d.name_en.as_str())
                });
            fill(s.err_rule_shadowed, &[department])
        };
        return Err(vec![FieldError::new("what", Problem::Worded(message))]);
    }
    Ok(rule)
}

/// The highest priority a rule may have (and the lowest, negated): far beyond any need, and
/// short to read.
const MAX_PRIORITY: i64 = 1000;

pub(super) async fn add_rule(
    core: &Core,
    viewer: &Viewer,
    municipality: &Municipality,
    form: RuleForm,
    lang: Lang,
) -> Result<String, PortError<SetupRefusal>> {
    let s = texts(lang);
    edit_draft(core, viewer, municipality, lang, "what", |config| {
        let rule = rule_from(&form, config, lang).map_err(SetupRefusal::Fields)?;
        let line = describe_rule(&rule);
        config.rules.push(rule);
        let what = change(
            format!("Regel hinzugefügt: {line}."),
            format!("Rule added: {line}."),
        );
        Ok((what, fill(s.rule_added, &[&line])))
    })
    .await
}

/// Removes the rule `key` ([`describe_rule`]) from the draft. Removing the last fallback rule
/// is refused by the configuration's check.
pub(super) async fn remove_rule(
    core: &Core,
    viewer: &Viewer,
    municipality: &Municipality,
    key: &str,
    lang: Lang,
) -> Result<String, PortError<SetupRefusal>> {
    let s = texts(lang);
    edit_draft(core, viewer, municipality, lang, "rules", |config| {
        let Some(at) = config.rules.iter().position(|r| describe_rule(r) == key) else {
            return Err(SetupRefusal::Fields(vec![FieldError::new(
                "rules",
                Problem::Worded(s.err_no_rule.to_owned()),
            )]));
        };
        config.rules.remove(at);
        let what = change(
            format!("Regel entfernt: {key}."),
            format!("Rule removed: {key}."),
        );
        Ok((what, fill(s.rule_removed, &[key])))
    })
    .await
}

/// The categories in display order, named in `lang`, with their group, questions and deadlines.
pub(super) fn category_rows(config: &MunicipalityConfig, lang: Lang) -> Vec<CategoryRow> {
    let s = texts(lang);
    config
        .groups
        .iter()
        .flat_map(|g| g.categories.iter().map(move |c| (g, c)))
        .map(|(g, c)| CategoryRow {
            code: c.code.clone(),
            group: lang.pick(&g.name_de, &g.name_en).clone(),
            name: lang.pick(&c.name_de, &c.name_en).clone(),
            questions: c.questions.len(),
            deadlines: fill(
                s.working_days,
                &[&c.accept_days.to_string(), &c.resolve_days.to_string()],
            ),
        })
        .collect()
}

pub(super) async fn categories(
    core: &Core,
    municipality: &Municipality,
    flash: Flash,
    lang: Lang,
) -> Result<CategoriesView, PortError> {
    let (config, from_draft, stale) = editing(core, municipality, lang).await?;
    Ok(CategoriesView {
        slug: municipality.slug.clone(),
        municipality: config.name.clone(),
        flash,
        from_draft,
        stale,
        categories: category_rows(&config, lang),
    })
}

/// The form of category `code` (a new one when empty, with the usual deadlines of 2 and 10
/// working days); `None` when the draft has no such category.
pub(super) async fn category(
    core: &Core,
    municipality: &Municipality,
    code: &str,
    flash: Flash,
    lang: Lang,
) -> Result<Option<CategoryFormView>, PortError> {
    let (config, _) = publishing::editable(&core.db, municipality.id)
        .await
        .map_err(internal)?;
    let mut questions = Vec::new();
    let form = if code.is_empty() {
        CategoryForm {
            slug: municipality.slug.clone(),
            accept_days: "2".into(),
            resolve_days: "10".into(),
            ..CategoryForm::default()
        }
    } else {
        let found = config
            .groups
            .iter()
            .find_map(|g| g.categories.iter().find(|c| c.code == code).map(|c| (g, c)));
        let Some((group, c)) = found else {
            return Ok(None);
        };
        questions = question_rows(c, lang);
        CategoryForm {
            slug: municipality.slug.clone(),
            editing: c.code.clone(),
            code: c.code.clone(),
            group: group.code.clone(),
            name_de: c.name_de.clone(),
            name_en: c.name_en.clone(),
            hint_de: c.hint_de.clone().unwrap_or_default(),
            hint_en: c.hint_en.clone().unwrap_or_default(),
            accept_days: c.accept_days.to_string(),
            resolve_days: c.resolve_days.to_string(),
        }
    };
    let groups = config
        .groups
        .iter()
        .map(|g| Choice {
            value: g.code.clone(),
            label: lang.pick(&g.name_de, &g.name_en).clone(),
        })
        .collect();
    Ok(Some(CategoryFormView {
        municipality: config.name,
        flash,
        form,
        groups,
        questions,
    }))
}

/// The category's texts and deadlines as the form states them (its questions are kept
/// elsewhere), with the group it goes into, or every problem with its field.
fn category_from(
    form: &CategoryForm,
    config: &MunicipalityConfig,
    lang: Lang,
) -> Result<(String, CategoryConfig), Vec<FieldError>> {
    let s = texts(lang);
    let mut errors = Vec::new();
    let mut refuse = |field: &str, message: String| {
        errors.push(FieldError::new(field, Problem::Worded(message)));
    };
    let code = form.code.trim();
    if form.editing.is_empty() {
        let taken = config
            .groups
            .iter()
            .flat_map(|g| &g.categories)
            .any(|c| c.code == code);
        if !is_code(code) {
            refuse("code", s.err_code.to_owned());
        } else if taken {
            refuse("code", fill(s.err_category_code_taken, &[code]));
        }
    }
    if config.groups.is_empty() {
        refuse("group", s.err_no_groups.to_owned());
    } else if !config.groups.iter().any(|g| g.code == form.group) {
        refuse("group", s.err_group.to_owned());
    }
    let (name_de, name_en) = (name(&form.name_de), name(&form.name_en));
    if name_de.is_none() {
        refuse("name_de", s.err_name_de.to_owned());
    }
    if name_en.is_none() {
        refuse("name_en", s.err_name_en.to_owned());
    }
    let (hint_de, hint_en) = hints(&form.hint_de, &form.hint_en, lang, &mut refuse);
    let days = |text: &str| text.trim().parse::<i64>().ok();
    let accept_days = days(&form.accept_days).filter(|d| (1..=60).contains(d));
    if accept_days.is_none() {
        refuse("accept_days", s.err_accept_days.to_owned());
    }
    let resolve_days =
        days(&form.resolve_days).filter(|d| (accept_days.unwrap_or(1)..=365).contains(d));
    if resolve_days.is_none() {
        refuse("resolve_days", s.err_resolve_days.to_owned());
    }
    match (name_de, name_en, accept_days, resolve_days) {
        (Some(name_de), Some(name_en), Some(accept_days), Some(resolve_days))
            if errors.is_empty() =>
        {
            let code = if form.editing.is_empty() {
                code.to_owned()
            } else {
                form.editing.clone()
            };
            Ok((
                form.group.clone(),
                CategoryConfig {
                    code,
                    name_de,
                    name_en,
                    hint_de,
                    hint_en,
                    questions: Vec::new(),
                    accept_days,
                    resolve_days,
                },
            ))
        }
        _ => Err(errors),
    }
}

/// A name as a form gives it: trimmed, present and at most [`LIMITS`]`.name_chars` long, else
/// `None`.
pub(super) fn name(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty() && text.chars().count() <= LIMITS.name_chars).then(|| text.to_owned())
}

/// The German and English help texts as a form gives them: trimmed, an empty one none; one
/// longer than [`LIMITS`]`.hint_chars` refused at its field (`hint_de`, `hint_en`).
pub(super) fn hints(
    de: &str,
    en: &str,
    lang: Lang,
    refuse: &mut impl FnMut(&str, String),
) -> (Option<String>, Option<String>) {
    let s = texts(lang);
    let mut hint = |text: &str, field: &str, message: &str| {
        let text = text.trim();
        if text.chars().count() > LIMITS.hint_chars {
            refuse(field, message.to_owned());
        }
        (!text.is_empty()).then(|| text.to_owned())
    };
    (
        hint(de, "hint_de", s.err_hint_de),
        hint(en, "hint_en", s.err_hint_en),
    )
}

/// Adds or changes a category in the draft: the notice. A changed category keeps its questions
/// and its place in its group, or goes to the end of another group.
pub(super) async fn save_category(
    core: &Core,
    viewer: &Viewer,
    municipality: &Municipality,
    form: CategoryForm,
    lang: Lang,
) -> Result<String, PortError<SetupRefusal>> {
    let s = texts(lang);
    let field = if form.editing.is_empty() {
        "code"
    } else {
        "group"
    };
    edit_draft(core, viewer, municipality, lang, field, |config| {
        let (group, mut category) =
            category_from(&form, config, lang).map_err(SetupRefusal::Fields)?;
        let (de, en, code) = (
            category.name_de.clone(),
            category.name_en.clone(),
            category.code.clone(),
        );
        let name = lang.pick(&de, &en).clone();
        if form.editing.is_empty() {
            if let Some(g) = config.groups.iter_mut().find(|g| g.code == group) {
                g.categories.push(category);
            }
            let what = change(
                format!("Kategorie hinzugefügt: {de} ({code})."),
                format!("Category added: {en} ({code})."),
            );
            return Ok((what, fill(s.category_added, &[&name])));
        }
        let at = config.groups.iter().enumerate().find_map(|(g, grp)| {
            grp.categories
                .iter()
                .position(|c| c.code == code)
                .map(|c| (g, c))
        });
        let Some((g, c)) = at else {
            return Err(SetupRefusal::Invalid(vec![fill(
                s.err_no_category,
                &[&code],
            )]));
        };
        category.questions = std::mem::take(&mut config.groups[g].categories[c].questions);
        if config.groups[g].code == group {
            config.groups[g].categories[c] = category;
        } else {
            config.groups[g].categories.remove(c);
            if let Some(target) = config.groups.iter_mut().find(|x| x.code == group) {
                target.categories.push(category);
            }
        }
        let what = change(
            format!("Kategorie geändert: {de} ({code})."),
            format!("Category changed: {en} ({code})."),
        );
        Ok((what, fill(s.category_changed, &[&name])))
    })
    .await
}

/// The warning that the draft cannot be published as it is — another version came into force
/// since it was made — for every page that shows or changes it.
pub(super) async fn stale_warning(
    core: &Core,
    municipality_id: MunicipalityId,
    lang: Lang,
) -> anyhow::Result<Option<String>> {
    let Some(draft) = publishing::draft(&core.db, municipality_id).await? else {
        return Ok(None);
    };
    Ok(
        match publishing::staleness(&core.db, &draft, municipality_id).await? {
            Some(PublishRefusal::Stale {
                based_on, in_force, ..
            }) => Some(fill(
                texts(lang).draft_stale,
                &[
                    &based_on.map_or_else(|| "?".into(), |n| n.to_string()),
                    &in_force.to_string(),
                ],
            )),
            _ => None,
        },
    )
}

/// The most lines one refusal shows (they travel in a cookie); the rest are counted.
pub(super) const MAX_LINES: usize = 8;

/// `lines`, at most `max` of them, the last saying how many more there are.
pub(super) fn at_most(mut lines: Vec<String>, max: usize, more: &str) -> Vec<String> {
    if lines.len() > max {
        let rest = lines.len() - (max - 1);
        lines.truncate(max - 1);
        lines.push(fill(more, &[&rest.to_string()]));
    }
    lines
}

/// The rules in the order routing tries them (priority, then specificity, then the file's
/// order), named in `lang`, each with its key ([`describe_rule`]).
pub(super) fn rule_rows(config: &MunicipalityConfig, lang: Lang) -> Vec<RuleRow> {
    let s = texts(lang);
    let department_name = |code: &str| {
        config
            .departments
            .iter()
            .find(|d| d.code == code)
            .map(|d| lang.pick(&d.name_de, &d.name_en).clone())
            .unwrap_or_else(|| code.to_owned())
    };
    let mut rules: Vec<(usize, &crate::tenants::config::RuleConfig)> =
        config.rules.iter().enumerate().collect();
    rules.sort_by(|(i, a), (j, b)| {
        b.priority
            .cmp(&a.priority)
            .then(b.specificity().cmp(&a.specificity()))
            .then(i.cmp(j))
    });
    rules
        .into_iter()
        .map(|(_, r)| RuleRow {
            key: describe_rule(r),
            what: match (&r.category, &r.group) {
                (Some(code), _) => config
                    .groups
                    .iter()
                    .flat_map(|g| &g.categories)
                    .find(|c| &c.code == code)
                    .map(|c| lang.pick(&c.name_de, &c.name_en).clone())
                    .unwrap_or_else(|| code.clone()),
                (None, Some(code)) => fill(
                    s.group_prefix,
                    &[&config
                        .groups
                        .iter()
                        .find(|g| &g.code == code)
                        .map(|g| lang.pick(&g.name_de, &g.name_en).clone())
                        .unwrap_or_else(|| code.clone())],
                ),
                (None, None) => s.any.to_owned(),
            },
            area: r
                .area
                .as_ref()
                .map(|code| {
                    config
                        .areas
                        .iter()
                        .find(|a| &a.code == code)
                        .map(|a| a.name.clone())
                        .unwrap_or_else(|| code.clone())
                })
                .unwrap_or_else(|| s.any.to_owned()),
            department: department_name(&r.department),
            priority: r.priority,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(code: &str, emails: &str) -> DepartmentForm {
        DepartmentForm {
            slug: "berlin".into(),
            editing: String::new(),
            code: code.into(),
            name_de: "Wildtierberatung".into(),
            name_en: "Wildlife advice".into(),
            emails: emails.into(),
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn several_addresses_by_comma_or_line_make_one_department() {
        let department = department_from(
            &form("wildtiere", "wild@example.org,\n Tiere@Example.ORG ; "),
            |_| false,
            Lang::De,
        )
        .expect("valid");
        assert_eq!(department.code, "wildtiere");
        assert_eq!(department.email.0.len(), 2);
        assert_eq!(department.email.0[0], "wild@example.org");
    }

    #[test]
    fn a_bad_code_a_taken_code_a_missing_name_and_a_bad_address_are_each_named_at_their_field() {
        let refused = department_from(&form("Wild Tiere", "wild@example.org"), |_| false, Lang::De);
        assert_eq!(fields(refused.expect_err("bad code")), ["code"]);
        let refused = department_from(
            &form("wildtiere", "wild@example.org"),
            |c| c == "wildtiere",
            Lang::En,
        );
        let errors = refused.expect_err("taken");
        assert!(matches!(&errors[0].problem, Problem::Worded(m) if m.contains("“wildtiere”")));
        let mut nameless = form("wildtiere", "kein-at-zeichen");
        nameless.name_en = "  ".into();
        let errors = department_from(&nameless, |_| false, Lang::De).expect_err("invalid");
        assert_eq!(fields(errors.clone()), ["name_en", "emails"]);
        assert!(
            matches!(&errors[1].problem, Problem::Worded(m) if m.contains("„kein-at-zeichen“")),
            "{errors:?}"
        );
        let none = department_from(&form("wildtiere", " \n "), |_| false, Lang::De);
        assert_eq!(fields(none.expect_err("no address")), ["emails"]);
    }

    #[test]
    fn a_changed_department_keeps_its_code_whatever_the_form_says() {
        let mut changed = form("anders", "wild@example.org");
        changed.editing = "wildtiere".into();
        let department = department_from(&changed, |_| true, Lang::De).expect("valid");
        assert_eq!(department.code, "wildtiere");
    }
}
