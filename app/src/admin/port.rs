//! The configuration pages' port (see [`crate::port`]). Every call answers `None` (or
//! `Forbidden`) when the viewer may not configure the municipality.

use super::model::{
    CategoriesView, CategoryForm, CategoryFormView, ConfigView, DepartmentForm, DepartmentFormView,
    DepartmentsView, DraftView, HistoryView, PlaceQuery, PlaceView, QuestionForm, QuestionFormView,
    RuleForm, RulesView, SetupRefusal,
};
use crate::i18n::Lang;
use crate::model::{Flash, Viewer};
use crate::port::PortError;
use std::sync::Arc;

#[async_trait::async_trait]
pub trait Setup: Send + Sync + 'static {
    async fn overview(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<ConfigView>, PortError>;

    /// The draft with its changes and where recent reports would go.
    async fn draft(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<DraftView>, PortError>;

    /// Publishes the draft; the publication's number.
    async fn publish(
        &self,
        viewer: &Viewer,
        slug: &str,
        lang: Lang,
    ) -> Result<i64, PortError<SetupRefusal>>;

    async fn discard(&self, viewer: &Viewer, slug: &str) -> Result<(), PortError<SetupRefusal>>;

    /// Makes publication `number` the draft, to be checked and published again.
    async fn restore(
        &self,
        viewer: &Viewer,
        slug: &str,
        number: i64,
        lang: Lang,
    ) -> Result<(), PortError<SetupRefusal>>;

    async fn history(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<HistoryView>, PortError>;

    /// How a report at the place would be routed now (nothing tested while the form is empty).
    async fn test_place(
        &self,
        viewer: &Viewer,
        slug: &str,
        query: PlaceQuery,
        lang: Lang,
    ) -> Result<Option<PlaceView>, PortError>;

    /// Adds the starter catalogue to the draft; the notice saying what it added.
    async fn adopt_starter(
        &self,
        viewer: &Viewer,
        slug: &str,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>>;

    /// The departments the forms change: the draft's, or those in force without a draft.
    async fn departments(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<DepartmentsView>, PortError>;

    /// The form for department `code`, or for a new one when `code` is empty; `None` also for
    /// a code the draft does not have.
    async fn department(
        &self,
        viewer: &Viewer,
        slug: &str,
        code: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<DepartmentFormView>, PortError>;

    /// The categories the forms change: the draft's, or those in force without a draft.
    async fn categories(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<CategoriesView>, PortError>;

    /// The form for category `code`, or for a new one when `code` is empty; `None` also for a
    /// code the draft does not have.
    async fn category(
        &self,
        viewer: &Viewer,
        slug: &str,
        code: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<CategoryFormView>, PortError>;

    /// Adds or changes a category in the draft; the notice.
    async fn save_category(
        &self,
        viewer: &Viewer,
        form: CategoryForm,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>>;

    /// The form for question `code` of category `category`, or for a new question of it when
    /// `code` is empty; `None` when the draft has no such category or question.
    async fn question(
        &self,
        viewer: &Viewer,
        slug: &str,
        category: &str,
        code: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<QuestionFormView>, PortError>;

    /// Adds or changes an extra question in the draft; the notice.
    async fn save_question(
        &self,
        viewer: &Viewer,
        form: QuestionForm,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>>;

    /// Removes question `code` of category `category` from the draft (reports that answered it
    /// keep their answers); the notice.
    async fn remove_question(
        &self,
        viewer: &Viewer,
        slug: &str,
        category: &str,
        code: &str,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>>;

    /// Asks question `code` of category `category` one place earlier; the notice.
    async fn move_question_up(
        &self,
        viewer: &Viewer,
        slug: &str,
        category: &str,
        code: &str,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>>;

    /// The rules the forms change, with what a new one can name.
    async fn rules(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<RulesView>, PortError>;

    /// Adds a rule to the draft; the notice.
    async fn add_rule(
        &self,
        viewer: &Viewer,
        form: RuleForm,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>>;

    /// Removes the rule `key` ([`super::model::RuleRow::key`]) from the draft; the notice.
    async fn remove_rule(
        &self,
        viewer: &Viewer,
        slug: &str,
        key: &str,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>>;

    /// Adds or changes a department in the draft; the notice.
    async fn save_department(
        &self,
        viewer: &Viewer,
        form: DepartmentForm,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>>;
}

pub type SharedSetup = Arc<dyn Setup>;
