use leptos::prelude::*;

/// Switches the interface language and returns to the page the citizen was on.
#[server(prefix = "/api", endpoint = "sprache")]
pub async fn switch_language(lang: String, next: String) -> Result<(), ServerFnError> {
    use crate::{i18n::Lang, request};
    request::set_lang_cookie(Lang::parse(&lang).unwrap_or_default());
    request::see_other(request::local_path(&next));
    Ok(())
}
