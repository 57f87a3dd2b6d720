//! The extra questions of a category, in forms: add one, change its wording, whether it must be
//! answered, free text or a choice (and the answers to choose from), remove it, ask it earlier.
//! Every change goes through [`edit_draft`] as the other forms' do.
//!
//! A question's code never changes, and a kept answer keeps its value: a changed list of answers
//! matches each line to the answer it was (by its German or its English wording) and gives only
//! new lines new values, never one an earlier answer had. Reports already sent keep their
//! answers as worded then (the reports domain keeps them so), so nothing here can change them.

use super::setup_forms::{edit_draft, hints, name};
use crate::core::port::internal;
use crate::core::Core;
use crate::tenants::config::{is_code, CategoryConfig, ChoiceConfig, QuestionConfig, LIMITS};
use crate::tenants::publishing::{self, change};
use crate::tenants::Municipality;
use kiezwerk_app::admin::model::{QuestionForm, QuestionFormView, QuestionRow, SetupRefusal};
use kiezwerk_app::admin::texts::texts;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::{FieldError, Flash, Problem, Viewer};
use kiezwerk_app::port::PortError;
use std::collections::HashSet;

/// The category's questions as its form lists them.
pub(super) fn question_rows(category: &CategoryConfig, lang: Lang) -> Vec<QuestionRow> {
    let s = texts(lang);
    category
        .questions
        .iter()
        .map(|q| QuestionRow {
            code: q.code.clone(),
            label: q.label(lang).to_owned(),
            kind: if q.choices.is_empty() {
                fill(s.kind_text, &[&q.max_len.to_string()])
            } else {
                fill(s.kind_choice, &[&q.choices.len().to_string()])
            },
            required: q.required,
        })
        .collect()
}

/// The form of question `code` of `category` as the draft (or the configuration in force) has
/// it, or of a new question when `code` is empty: free text of up to 200 characters, required.
fn question_form(slug: &str, category: &CategoryConfig, code: &str) -> Option<QuestionForm> {
    let mut form = QuestionForm {
        slug: slug.to_owned(),
        category: category.code.clone(),
        required: QuestionForm::YES.into(),
        kind: QuestionForm::TEXT.into(),
        max_len: "200".into(),
        ..QuestionForm::default()
    };
    if code.is_empty() {
        return Some(form);
    }
    let q = category.questions.iter().find(|q| q.code == code)?;
    form.editing = q.code.clone();
    form.code = q.code.clone();
    form.label_de = q.label_de.clone();
    form.label_en = q.label_en.clone();
    form.hint_de = q.hint_de.clone().unwrap_or_default();
    form.hint_en = q.hint_en.clone().unwrap_or_default();
    form.required = if q.required {
        QuestionForm::YES
    } else {
        QuestionForm::NO
    }
    .into();
    form.kind = if q.choices.is_empty() {
        QuestionForm::TEXT
    } else {
        QuestionForm::CHOICE
    }
    .into();
    form.max_len = q.max_len.to_string();
    form.choices = q
        .choices
        .iter()
        .map(|c| format!("{} | {}", c.label_de, c.label_en))
        .collect::<Vec<_>>()
        .join("\n");
    Some(form)
}

/// The form of question `code` of category `category` (a new question when `code` is empty);
/// `None` when the draft has no such category or question.
pub(super) async fn question(
    core: &Core,
    municipality: &Municipality,
    (category, code): (&str, &str),
    flash: Flash,
    lang: Lang,
) -> Result<Option<QuestionFormView>, PortError> {
    let (config, _) = publishing::editable(&core.db, municipality.id)
        .await
        .map_err(internal)?;
    let Some(c) = config
        .groups
        .iter()
        .flat_map(|g| &g.categories)
        .find(|c| c.code == category)
    else {
        return Ok(None);
    };
    Ok(
        question_form(&municipality.slug, c, code).map(|form| QuestionFormView {
            municipality: config.name.clone(),
            category_name: lang.pick(&c.name_de, &c.name_en).clone(),
            flash,
            form,
        }),
    )
}

/// The question as the form states it, or every problem with its field. `existing` is the
/// question changed (its code and its answers' values are kept), `None` for a new one.
fn question_from(
    form: &QuestionForm,
    category: &CategoryConfig,
    existing: Option<&QuestionConfig>,
    lang: Lang,
) -> Result<QuestionConfig, Vec<FieldError>> {
    let s = texts(lang);
    let mut errors = Vec::new();
    let mut refuse = |field: &str, message: String| {
        errors.push(FieldError::new(field, Problem::Worded(message)));
    };
    let code = match existing {
        Some(q) => q.code.clone(),
        None => {
            let code = form.code.trim();
            if !is_code(code) {
                refuse("code", s.err_code.to_owned());
            } else if category.questions.iter().any(|q| q.code == code) {
                refuse("code", fill(s.err_question_code_taken, &[code]));
            }
            code.to_owned()
        }
    };
    let (label_de, label_en) = (name(&form.label_de), name(&form.label_en));
    if label_de.is_none() {
        refuse("label_de", s.err_label_de.to_owned());
    }
    if label_en.is_none() {
        refuse("label_en", s.err_label_en.to_owned());
    }
    let (hint_de, hint_en) = hints(&form.hint_de, &form.hint_en, lang, &mut refuse);
    let required = match form.required.as_str() {
        QuestionForm::YES => Some(true),
        QuestionForm::NO => Some(false),
        _ => None,
    };
    if required.is_none() {
        refuse("required", s.err_required.to_owned());
    }
    let mut max_len = existing.map_or(200, |q| q.max_len);
    let mut choices = Vec::new();
    match form.kind.as_str() {
        QuestionForm::TEXT => match form.max_len.trim().parse::<usize>() {
            Ok(n) if (1..=LIMITS.answer_chars).contains(&n) => max_len = n,
            _ => refuse("max_len", s.err_max_len.to_owned()),
        },
        QuestionForm::CHOICE => {
            match choices_from(
                &form.choices,
                existing.map_or(&[][..], |q| &q.choices),
                lang,
            ) {
                Ok(list) => choices = list,
                Err(message) => refuse("choices", message),
            }
        }
        _ => refuse("kind", s.err_kind.to_owned()),
    }
    match (label_de, label_en, required) {
        (Some(label_de), Some(label_en), Some(required)) if errors.is_empty() => {
            Ok(QuestionConfig {
                code,
                label_de,
                label_en,
                hint_de,
                hint_en,
                required,
                choices,
                max_len,
            })
        }
        _ => Err(errors),
    }
}

/// The answers to choose from, one per line (`Deutsch | English`; empty lines skipped): each
/// line that words an answer of `before` (in German or in English) keeps its value, a new one
/// gets a value made from its German wording that no answer of `before` had.
fn choices_from(
    text: &str,
    before: &[ChoiceConfig],
    lang: Lang,
) -> Result<Vec<ChoiceConfig>, String> {
    let s = texts(lang);
    let mut lines = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = (n + 1).to_string();
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let fits = |t: &str| !t.is_empty() && t.chars().count() <= LIMITS.name_chars;
        let [de, en] = parts[..] else {
            return Err(fill(s.err_choice_line, &[&number]));
        };
        if !fits(de) || !fits(en) {
            return Err(fill(s.err_choice_line, &[&number]));
        }
        let repeated = |(d, e): &(String, String)| {
            d.to_lowercase() == de.to_lowercase() || e.to_lowercase() == en.to_lowercase()
        };
        if lines.iter().any(repeated) {
            return Err(fill(s.err_choice_repeated, &[&number]));
        }
        lines.push((de.to_owned(), en.to_owned()));
    }
    if lines.len() < 2 {
        return Err(s.err_choices_few.to_owned());
    }
    if lines.len() > LIMITS.choices {
        return Err(s.err_choices_many.to_owned());
    }
    let mut kept: HashSet<&str> = HashSet::new();
    let matched: Vec<Option<String>> = lines
        .iter()
        .map(|(de, en)| {
            let found = before.iter().find(|c| {
                !kept.contains(c.value.as_str()) && (&c.label_de == de || &c.label_en == en)
            })?;
            kept.insert(&found.value);
            Some(found.value.clone())
        })
        .collect();
    let mut taken: HashSet<String> = before.iter().map(|c| c.value.clone()).collect();
    Ok(lines
        .into_iter()
        .zip(matched)
        .map(|((label_de, label_en), value)| {
            let value = value.unwrap_or_else(|| new_value(&label_de, &mut taken));
            ChoiceConfig {
                value,
                label_de,
                label_en,
            }
        })
        .collect())
}

/// A code made from `label` (lowercase ASCII, umlauts spelt out, other characters as dashes;
/// at most 40 characters) that is not in `taken`, which it then joins.
fn new_value(label: &str, taken: &mut HashSet<String>) -> String {
    let mut base = String::new();
    for c in label.to_lowercase().chars() {
        match c {
            'ä' => base.push_str("ae"),
            'ö' => base.push_str("oe"),
            'ü' => base.push_str("ue"),
            'ß' => base.push_str("ss"),
            c if c.is_ascii_alphanumeric() => base.push(c),
            _ if !base.is_empty() && !base.ends_with('-') => base.push('-'),
            _ => {}
        }
    }
    base.truncate(40);
    let base = match base.trim_end_matches('-') {
        "" => "antwort".to_owned(),
        b => b.to_owned(),
    };
    let value = (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|v| !taken.contains(v))
        .unwrap_or(base);
    taken.insert(value.clone());
    value
}

/// The category `code` of the configuration, to change.
fn category_mut<'a>(
    config: &'a mut crate::tenants::config::MunicipalityConfig,
    code: &str,
    lang: Lang,
) -> Result<&'a mut CategoryConfig, SetupRefusal> {
    config
        .groups
        .iter_mut()
        .flat_map(|g| g.categories.iter_mut())
        .find(|c| c.code == code)
        .ok_or_else(|| SetupRefusal::Invalid(vec![fill(texts(lang).err_no_category, &[code])]))
}

/// Adds or changes a question in the draft: the notice.
pub(super) async fn save_question(
    core: &Core,
    viewer: &Viewer,
    municipality: &Municipality,
    form: QuestionForm,
    lang: Lang,
) -> Result<String, PortError<SetupRefusal>> {
    let s = texts(lang);
    edit_draft(core, viewer, municipality, lang, "label_de", |config| {
        let category = category_mut(config, &form.category, lang)?;
        let at = if form.editing.is_empty() {
            if category.questions.len() >= LIMITS.questions {
                return Err(SetupRefusal::Fields(vec![FieldError::new(
                    "label_de",
                    Problem::Worded(s.err_too_many_questions.to_owned()),
                )]));
            }
            None
        } else {
            let at = category
                .questions
                .iter()
                .position(|q| q.code == form.editing)
                .ok_or_else(|| {
                    SetupRefusal::Invalid(vec![fill(s.err_no_question, &[&form.editing])])
                })?;
            Some(at)
        };
        let question = question_from(&form, category, at.map(|i| &category.questions[i]), lang)
            .map_err(SetupRefusal::Fields)?;
        let (de, en, code) = (
            question.label_de.clone(),
            question.label_en.clone(),
            format!("{}/{}", category.code, question.code),
        );
        let label = lang.pick(&de, &en).clone();
        Ok(match at {
            None => {
                category.questions.push(question);
                (
                    change(
                        format!("Frage hinzugefügt: {de} ({code})."),
                        format!("Question added: {en} ({code})."),
                    ),
                    fill(s.question_added, &[&label]),
                )
            }
            Some(i) => {
                category.questions[i] = question;
                (
                    change(
                        format!("Frage geändert: {de} ({code})."),
                        format!("Question changed: {en} ({code})."),
                    ),
                    fill(s.question_changed, &[&label]),
                )
            }
        })
    })
    .await
}

/// Removes question `code` of `category`, or asks it one place earlier: the notice.
pub(super) async fn rearrange_question(
    core: &Core,
    viewer: &Viewer,
    municipality: &Municipality,
    (category, code): (&str, &str),
    remove: bool,
    lang: Lang,
) -> Result<String, PortError<SetupRefusal>> {
    let s = texts(lang);
    edit_draft(core, viewer, municipality, lang, "questions", |config| {
        let c = category_mut(config, category, lang)?;
        let Some(at) = c.questions.iter().position(|q| q.code == code) else {
            return Err(SetupRefusal::Fields(vec![FieldError::new(
                "questions",
                Problem::Worded(fill(s.err_no_question, &[code])),
            )]));
        };
        let (de, en) = (
            c.questions[at].label_de.clone(),
            c.questions[at].label_en.clone(),
        );
        let label = lang.pick(&de, &en).clone();
        let at_code = format!("{category}/{code}");
        if remove {
            c.questions.remove(at);
            return Ok((
                change(
                    format!("Frage entfernt: {de} ({at_code})."),
                    format!("Question removed: {en} ({at_code})."),
                ),
                fill(s.question_removed, &[&label]),
            ));
        }
        if at > 0 {
            c.questions.swap(at - 1, at);
        }
        Ok((
            change(
                format!("Frage nach oben: {de} ({at_code})."),
                format!("Question moved up: {en} ({at_code})."),
            ),
            fill(s.question_moved, &[&label]),
        ))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(questions: Vec<QuestionConfig>) -> CategoryConfig {
        CategoryConfig {
            code: "rehe".into(),
            name_de: "Rehe".into(),
            name_en: "Deer".into(),
            hint_de: None,
            hint_en: None,
            questions,
            accept_days: 2,
            resolve_days: 10,
        }
    }

    fn form(code: &str, kind: &str, choices: &str) -> QuestionForm {
        QuestionForm {
            slug: "x".into(),
            category: "rehe".into(),
            code: code.into(),
            label_de: "Wie viele?".into(),
            label_en: "How many?".into(),
            required: QuestionForm::YES.into(),
            kind: kind.into(),
            max_len: "200".into(),
            choices: choices.into(),
            ..QuestionForm::default()
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_choice_question_gets_values_made_from_its_german_answers() {
        let q = question_from(
            &form(
                "anzahl",
                QuestionForm::CHOICE,
                "Eins | One\n\nZwei oder mehr Tiere | Two or more\n",
            ),
            &category(vec![]),
            None,
            Lang::De,
        )
        .expect("valid");
        let values: Vec<&str> = q.choices.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(values, ["eins", "zwei-oder-mehr-tiere"]);
        assert!(q.required);
        assert_eq!(
            new_value("Größe: über 1 m³!", &mut HashSet::new()),
            "groesse-ueber-1-m"
        );
        assert_eq!(new_value("…", &mut HashSet::new()), "antwort");
    }

    #[test]
    fn a_changed_answer_keeps_its_value_and_a_new_one_never_takes_a_removed_ones() {
        let before = question_from(
            &form(
                "anzahl",
                QuestionForm::CHOICE,
                "Eins | One\nZwei | Two\nViele | Many",
            ),
            &category(vec![]),
            None,
            Lang::De,
        )
        .expect("valid");
        let c = category(vec![before.clone()]);
        // "Eins" reworded in German only, "Zwei" removed, "Viele" kept, a new "Zwei" added.
        let after = question_from(
            &form(
                "",
                QuestionForm::CHOICE,
                "Ein Tier | One\nViele | Many\nZwei | Two animals",
            ),
            &c,
            Some(&before),
            Lang::De,
        )
        .expect("valid");
        let values: Vec<(&str, &str)> = after
            .choices
            .iter()
            .map(|c| (c.label_de.as_str(), c.value.as_str()))
            .collect();
        assert_eq!(
            values,
            [("Ein Tier", "eins"), ("Viele", "viele"), ("Zwei", "zwei")]
        );
        assert_eq!(
            after.code, "anzahl",
            "the code stays whatever the form says"
        );
    }

    #[test]
    fn every_problem_is_named_at_its_field() {
        let taken = category(vec![question_from(
            &form("anzahl", QuestionForm::TEXT, ""),
            &category(vec![]),
            None,
            Lang::De,
        )
        .expect("valid")]);
        let mut bad = form("anzahl", "", "");
        bad.label_en = " ".into();
        bad.required = String::new();
        assert_eq!(
            fields(question_from(&bad, &taken, None, Lang::De).expect_err("refused")),
            ["code", "label_en", "required", "kind"]
        );
        let mut long = form("Bad Code", QuestionForm::TEXT, "");
        long.max_len = "5001".into();
        assert_eq!(
            fields(question_from(&long, &taken, None, Lang::En).expect_err("refused")),
            ["code", "max_len"]
        );
        for choices in [
            "Nur eine | Only one",
            "Eins | One\nZwei",
            "Eins | One\neins | Two",
        ] {
            assert_eq!(
                fields(
                    question_from(
                        &form("neu", QuestionForm::CHOICE, choices),
                        &taken,
                        None,
                        Lang::De
                    )
                    .expect_err("refused")
                ),
                ["choices"],
                "{choices}"
            );
        }
    }
}
