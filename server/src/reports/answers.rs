//! The answers to a category's extra questions: as a draft holds them (codes and values, worded
//! by the category as it is now) and as a sent report keeps them — worded in both languages as
//! they were when it was sent, so that changing a question later (its wording, its choices, or
//! removing it) changes nothing of what a report answered.

use crate::tenants::Category;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::report::model::Answer;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One answer as a sent report keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Kept {
    code: String,
    value: String,
    question_de: String,
    question_en: String,
    answer_de: String,
    answer_en: String,
}

/// Answers (code → value) worded by `category` as it is now, in question order; answers to no
/// question of it are left out (a draft's answers to a category it no longer has).
pub fn summary(category: &Category, answers: &BTreeMap<String, String>, lang: Lang) -> Vec<Answer> {
    category
        .questions
        .iter()
        .filter_map(|q| {
            let value = answers.get(&q.code)?;
            let answer = q
                .choices
                .iter()
                .find(|c| &c.value == value)
                .map(|c| c.label(lang).to_owned())
                .unwrap_or_else(|| value.clone());
            Some(Answer {
                code: q.code.clone(),
                question: q.label(lang).to_owned(),
                answer,
            })
        })
        .collect()
}

/// The checked answers (code, value; in question order) as a report keeps them in
/// `reports.answers`: a JSON list with the question and the answer in both languages.
pub fn keep(category: &Category, answers: &[(String, String)]) -> String {
    let kept: Vec<Kept> = answers
        .iter()
        .filter_map(|(code, value)| {
            let q = category.questions.iter().find(|q| &q.code == code)?;
            let choice = q.choices.iter().find(|c| &c.value == value);
            Some(Kept {
                code: code.clone(),
                value: value.clone(),
                question_de: q.label_de.clone(),
                question_en: q.label_en.clone(),
                answer_de: choice.map_or_else(|| value.clone(), |c| c.label_de.clone()),
                answer_en: choice.map_or_else(|| value.clone(), |c| c.label_en.clone()),
            })
        })
        .collect();
    serde_json::to_string(&kept).unwrap_or_else(|_| "[]".into())
}

/// A sent report's answers in `lang`, as worded when it was sent. Reports sent before answers
/// were kept so hold only codes and values (a JSON object): they are worded by `category` as it
/// is now, and an answer whose question is gone shows its code and value rather than nothing.
pub fn sent(stored: &str, category: Option<&Category>, lang: Lang) -> Vec<Answer> {
    if let Ok(kept) = serde_json::from_str::<Vec<Kept>>(stored) {
        return kept
            .into_iter()
            .map(|k| Answer {
                code: k.code,
                question: lang.pick(k.question_de, k.question_en),
                answer: lang.pick(k.answer_de, k.answer_en),
            })
            .collect();
    }
    let values: BTreeMap<String, String> = serde_json::from_str(stored).unwrap_or_default();
    let mut shown = category
        .map(|c| summary(c, &values, lang))
        .unwrap_or_default();
    for (code, value) in &values {
        if !shown.iter().any(|a| &a.code == code) {
            shown.push(Answer {
                code: code.clone(),
                question: code.clone(),
                answer: value.clone(),
            });
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tenants::config::{ChoiceConfig, QuestionConfig};

    fn category(questions: Vec<QuestionConfig>) -> Category {
        Category {
            id: 1,
            group_id: 1,
            code: "dumping".into(),
            name_de: "Müll".into(),
            name_en: "Waste".into(),
            hint_de: None,
            hint_en: None,
            questions,
            active: true,
            accept_days: 2,
            resolve_days: 10,
        }
    }

    fn question(code: &str, de: &str, en: &str, choices: &[(&str, &str, &str)]) -> QuestionConfig {
        QuestionConfig {
            code: code.into(),
            label_de: de.into(),
            label_en: en.into(),
            hint_de: None,
            hint_en: None,
            required: true,
            choices: choices
                .iter()
                .map(|(value, de, en)| ChoiceConfig {
                    value: (*value).into(),
                    label_de: (*de).into(),
                    label_en: (*en).into(),
                })
                .collect(),
            max_len: 200,
        }
    }

    fn pairs(answers: &[Answer]) -> Vec<(&str, &str)> {
        answers
            .iter()
            .map(|a| (a.question.as_str(), a.answer.as_str()))
            .collect()
    }

    #[test]
    fn a_sent_report_keeps_its_answers_as_worded_when_the_question_changes_or_goes() {
        let before = category(vec![
            question(
                "kind",
                "Was für Abfall?",
                "What waste?",
                &[("furniture", "Möbel", "Furniture")],
            ),
            question("note", "Bemerkung", "Note", &[]),
        ]);
        let stored = keep(
            &before,
            &[
                ("kind".into(), "furniture".into()),
                ("note".into(), "hinter dem Zaun".into()),
            ],
        );
        // The question is reworded, its choice removed, the other question removed.
        let after = category(vec![question(
            "kind",
            "Welche Art?",
            "Which kind?",
            &[("tyres", "Reifen", "Tyres")],
        )]);
        assert_eq!(
            pairs(&sent(&stored, Some(&after), Lang::De)),
            [
                ("Was für Abfall?", "Möbel"),
                ("Bemerkung", "hinter dem Zaun")
            ]
        );
        assert_eq!(
            pairs(&sent(&stored, None, Lang::En)),
            [("What waste?", "Furniture"), ("Note", "hinter dem Zaun")]
        );
    }

    #[test]
    fn an_older_report_is_worded_by_the_category_now_and_an_answer_without_its_question_still_shows(
    ) {
        let now = category(vec![question(
            "kind",
            "Was für Abfall?",
            "What waste?",
            &[("furniture", "Möbel", "Furniture")],
        )]);
        let stored = r#"{"kind":"furniture","volume":"large"}"#;
        assert_eq!(
            pairs(&sent(stored, Some(&now), Lang::De)),
            [("Was für Abfall?", "Möbel"), ("volume", "large")]
        );
        assert!(sent("not json", Some(&now), Lang::De).is_empty());
    }
}
