use super::{FlowPage, ReturnField, StepContext};
use crate::components::form::{
    BackLink, ErrorSummary, InlineError, RadioOption, Radios, SubmitButton, TextField,
};
use crate::components::layout::{Page, StepCounter};
use crate::context::use_lang;
use crate::i18n::fill;
use crate::report::flow::{question_path, Step};
use crate::report::model::Question;
use crate::report::serverfns::AnswerQuestions;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// The category's extra questions (e.g. what kind of waste), only for categories that ask any:
/// one page per question, `/melden/angaben?frage={code}`.
#[component]
pub fn DetailsStep() -> impl IntoView {
    view! { <FlowPage step=Step::Details content=details_form /> }
}

/// Which question a page shows: the one asked for, else the first required one still without
/// an answer (where a citizen sent back by a missing answer must go), else the first.
pub fn question_index(
    questions: &[Question],
    answers: &[(String, String)],
    asked: Option<&str>,
) -> usize {
    asked
        .and_then(|code| questions.iter().position(|q| q.code == code))
        .or_else(|| {
            questions
                .iter()
                .position(|q| q.required && !answers.iter().any(|(c, _)| c == &q.code))
        })
        .unwrap_or(0)
}

fn details_form(cx: StepContext) -> impl IntoView {
    let t = use_lang().texts();
    let asked = use_query_map().read_untracked().get("frage");
    let questions = &cx.draft.questions;
    let index = question_index(questions, &cx.draft.answers, asked.as_deref());
    // The flow only opens this step for categories with questions.
    let q = questions.get(index).cloned().unwrap_or_else(|| Question {
        code: String::new(),
        label: String::new(),
        hint: None,
        required: false,
        choices: Vec::new(),
        max_len: 0,
    });
    let category = cx
        .draft
        .category
        .as_ref()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let caption = if questions.len() > 1 {
        fill(
            t.details_caption_numbered,
            &[
                &category,
                &(index + 1).to_string(),
                &questions.len().to_string(),
            ],
        )
    } else {
        category
    };
    // Back to the previous question; from a change link, back to the summary.
    let back = if index > 0 && !cx.returning {
        question_path(&questions[index - 1].code, false)
    } else {
        cx.back.clone()
    };
    let has_errors = cx.flash.is_some();
    let id = format!("answer-{}", q.code);
    let name = format!("antworten[{}]", q.code);
    let problem = cx.flash.as_ref().and_then(|f| f.error(&id)).cloned();
    let value = cx
        .flash
        .as_ref()
        .and_then(|f| f.value(&q.code).map(str::to_owned))
        .or_else(|| {
            cx.draft
                .answers
                .iter()
                .find(|(c, _)| c == &q.code)
                .map(|(_, v)| v.clone())
        })
        .unwrap_or_default();
    let optional = (!q.required).then(|| {
        view! { " " <span class="kern-label__optional">{t.optional}</span> }
    });
    let heading = view! {
        <StepCounter current=cx.position.0 total=cx.position.1 />
        <p class="kern-preline question-caption">{caption}</p>
    };
    let question = if q.choices.is_empty() {
        view! {
            {heading}
            <TextField
                id
                name
                label=q.label.clone()
                hint=q.hint.clone().unwrap_or_default()
                problem
                value
                optional=!q.required
                label_is_heading=true
            />
        }
        .into_any()
    } else {
        let has_error = problem.is_some();
        let options = q
            .choices
            .iter()
            .map(|c| RadioOption {
                value: c.value.clone(),
                label: c.label.clone(),
                hint: None,
            })
            .collect();
        view! {
            <fieldset class="kern-fieldset" class:kern-fieldset--error=has_error>
                <legend>
                    {heading}
                    <h1 class="kern-heading-large">{q.label.clone()} {optional}</h1>
                </legend>
                {q.hint.clone().map(|hint| view! { <div class="kern-hint">{hint}</div> })}
                <InlineError field=id.clone() problem />
                <Radios id name options selected=value has_error />
            </fieldset>
        }
        .into_any()
    };
    view! {
        <Page title=q.label.clone() has_errors>
            <BackLink href=back />
            <ErrorSummary flash=cx.flash.clone() />
            <form method="post" action=AnswerQuestions::url() novalidate class="stack">
                <ReturnField returning=cx.returning />
                <input type="hidden" name="frage" value=q.code.clone() />
                {question}
                <SubmitButton label=if cx.returning { t.save_and_back } else { t.continue_button } />
            </form>
        </Page>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::flow::next_question;

    fn question(code: &str, required: bool) -> Question {
        Question {
            code: code.into(),
            label: code.into(),
            hint: None,
            required,
            choices: Vec::new(),
            max_len: 40,
        }
    }

    #[test]
    fn a_page_shows_the_asked_question_else_the_first_required_one_unanswered() {
        let qs = [
            question("kind", true),
            question("amount", true),
            question("note", false),
        ];
        let answered = [("kind".to_owned(), "bulky".to_owned())];
        assert_eq!(question_index(&qs, &[], None), 0);
        assert_eq!(question_index(&qs, &answered, None), 1);
        assert_eq!(question_index(&qs, &answered, Some("note")), 2);
        assert_eq!(question_index(&qs, &answered, Some("unknown")), 1);
        let all = [
            ("kind".to_owned(), "bulky".to_owned()),
            ("amount".to_owned(), "small".to_owned()),
        ];
        assert_eq!(
            question_index(&qs, &all, None),
            0,
            "the optional one is not forced"
        );
    }

    #[test]
    fn questions_follow_each_other_and_the_last_leads_on() {
        let qs = [question("kind", true), question("amount", true)];
        assert_eq!(next_question(&qs, "kind"), Some("amount"));
        assert_eq!(next_question(&qs, "amount"), None);
        assert_eq!(next_question(&qs, "unknown"), None);
        assert_eq!(
            question_path("amount", false),
            "/melden/angaben?frage=amount"
        );
        assert_eq!(
            question_path("amount", true),
            "/melden/angaben?frage=amount&zurueck=pruefen"
        );
    }
}
