//! What every page and component knows about its request, provided once per page by the app:
//! the language and the signed-in person.

use crate::i18n::Lang;
use crate::model::Viewer;
use leptos::prelude::*;

/// The request's language, decided once per page and shared with every component.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The signed-in person, if any (resolved by the server from the session cookie).
pub fn use_viewer() -> Option<Viewer> {
    use_context::<Option<Viewer>>().flatten()
}
