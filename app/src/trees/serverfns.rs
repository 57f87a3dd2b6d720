//! The tree pages' server functions: each page's data, and the forms (adopt, water, change and
//! delete a watering), answered with a redirect (post/redirect/get) and a notice, or back to
//! the form with its errors and what was typed.

use super::model::{
    MyTreesView, NearbyQuery, NearbyView, PumpCard, RegisterAdmin, ReminderSettings, TreeCard,
    TreeMapView, TreePlaces, TreeStatistics, WateringEdit,
};
#[cfg(feature = "ssr")]
use super::{
    model::{Adoption, TreeRefusal, FIELD_AT, FIELD_LITRES},
    port::SharedTrees,
    texts::texts,
};
#[cfg(feature = "ssr")]
use crate::request::{self, found, signed_in};
#[cfg(feature = "ssr")]
use crate::{
    model::{Flash, Problem},
    port::PortError,
};
use leptos::prelude::*;

pub const PLACES_PATH: &str = "/baeume";

/// "Bäume in meiner Nähe".
pub fn nearby_path(slug: &str) -> String {
    format!("/baeume/{slug}")
}

/// The map of the municipality's trees.
pub fn map_path(slug: &str) -> String {
    format!("/baeume/{slug}/karte")
}

/// The address of the map's tiles, `{z}/{x}/{y}` to be filled in (see the server's
/// `trees::tiles`).
pub fn tiles_path(slug: &str) -> String {
    format!("/baeume/{slug}/kacheln/{{z}}/{{x}}/{{y}}.mvt")
}

/// The address of the overlay of adopted, watered and thirsty trees of a zoom-15 tile.
pub fn overlay_path(slug: &str) -> String {
    format!("/baeume/{slug}/pflege/{{z}}/{{x}}/{{y}}")
}

/// The version of the overlays, asked for every two seconds.
pub fn care_stand_path(slug: &str) -> String {
    format!("/baeume/{slug}/pflege/stand")
}

/// The map, opened close at a place.
pub fn map_at_path(slug: &str, lat: f64, lon: f64) -> String {
    format!("/baeume/{slug}/karte?lat={lat:.6}&lon={lon:.6}")
}

pub fn tree_path(slug: &str, id: i64) -> String {
    format!("/baeume/{slug}/baum/{id}")
}

/// [`tree_path`] with `{id}` to be filled in (by the map's script).
pub fn tree_path_template(slug: &str) -> String {
    format!("/baeume/{slug}/baum/{{id}}")
}

/// The adopter's reminder setting.
pub fn reminders_path() -> &'static str {
    "/baeume/erinnerungen"
}

/// A reminder's one-click unsubscribe address (RFC 8058): a page with a button, and what mail
/// programs post to.
pub fn unsubscribe_path(token: &str) -> String {
    format!("/baeume/erinnerungen/abmelden/{token}")
}

/// Where unsubscribing in the browser ends (`?gueltig=nein` when the link was not known).
pub const UNSUBSCRIBED_PATH: &str = "/baeume/erinnerungen/abgemeldet";

/// The municipality's tree statistics.
pub fn statistics_path(slug: &str) -> String {
    format!("/baeume/{slug}/statistik")
}

pub fn pump_path(slug: &str, osm_id: i64) -> String {
    format!("/baeume/{slug}/pumpe/{osm_id}")
}

/// [`pump_path`] with `{id}` to be filled in (by the map's script).
pub fn pump_path_template(slug: &str) -> String {
    format!("/baeume/{slug}/pumpe/{{id}}")
}

pub fn mine_path(slug: &str) -> String {
    format!("/baeume/{slug}/meine")
}

pub fn watering_path(slug: &str, id: i64) -> String {
    format!("/baeume/{slug}/giessen/{id}")
}

/// The register's administration page.
pub fn register_admin_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/baeume")
}

/// Where the register upload posts (multipart).
pub fn register_upload_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/baeume/hochladen")
}

/// Where a waiting upload is applied.
pub fn register_apply_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/baeume/uebernehmen")
}

/// Where a waiting upload is discarded.
pub fn register_discard_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/baeume/verwerfen")
}

#[cfg(feature = "ssr")]
fn trees() -> SharedTrees {
    expect_context::<SharedTrees>()
}

#[server(prefix = "/api", endpoint = "baeume/orte")]
pub async fn load_places() -> Result<Option<TreePlaces>, ServerFnError> {
    Ok(Some(trees().places().await?))
}

#[server(prefix = "/api", endpoint = "baeume/naehe")]
pub async fn load_nearby(
    slug: String,
    query: NearbyQuery,
) -> Result<Option<NearbyView>, ServerFnError> {
    let viewer = request::viewer();
    let view = trees()
        .nearby(viewer.as_ref(), &slug, query, request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "baeume/karte")]
pub async fn load_map(slug: String) -> Result<Option<TreeMapView>, ServerFnError> {
    Ok(found(trees().map(&slug, request::lang()).await?))
}

#[server(prefix = "/api", endpoint = "baeume/baum")]
pub async fn load_tree(slug: String, id: i64) -> Result<Option<TreeCard>, ServerFnError> {
    let viewer = request::viewer();
    let view = trees()
        .tree(
            viewer.as_ref(),
            &slug,
            id,
            request::take_flash(),
            request::lang(),
        )
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "baeume/statistik")]
pub async fn load_statistics(slug: String) -> Result<Option<TreeStatistics>, ServerFnError> {
    Ok(found(trees().statistics(&slug, request::lang()).await?))
}

#[server(prefix = "/api", endpoint = "baeume/erinnerungen-laden")]
pub async fn load_reminders() -> Result<Option<ReminderSettings>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    Ok(Some(
        trees().reminders(&viewer, request::take_flash()).await?,
    ))
}

/// "Erinnerungen bestellen" (`an=ja`) or "abbestellen" (`an=nein`).
#[server(prefix = "/api", endpoint = "baeume/erinnerungen")]
pub async fn set_reminders(an: String) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let asked = an == "ja";
    let on = trees().set_reminders(&viewer, asked).await?;
    let t = texts(request::lang());
    // Asked for without a confirmed address: the page says what is missing.
    if on == asked {
        let notice = if on {
            t.reminders_on_done
        } else {
            t.reminders_off_done
        };
        request::set_flash(&Flash::notice(notice.to_owned()));
    }
    request::see_other(reminders_path());
    Ok(())
}

#[server(prefix = "/api", endpoint = "baeume/pumpe")]
pub async fn load_pump(slug: String, osm_id: i64) -> Result<Option<PumpCard>, ServerFnError> {
    Ok(found(trees().pump(&slug, osm_id, request::lang()).await?))
}

#[server(prefix = "/api", endpoint = "baeume/meine")]
pub async fn load_mine(slug: String) -> Result<Option<MyTreesView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = trees()
        .mine(&viewer, &slug, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "baeume/kataster")]
pub async fn load_register(slug: String) -> Result<Option<RegisterAdmin>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = trees()
        .register(&viewer, &slug, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "baeume/giessung")]
pub async fn load_watering(slug: String, id: i64) -> Result<Option<WateringEdit>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = trees()
        .watering(&viewer, &slug, id, request::take_flash())
        .await?;
    Ok(found(view))
}

/// After a form: on to `next` with the notice, or back to `back` with the errors and the
/// values typed.
#[cfg(feature = "ssr")]
fn answer<T>(
    outcome: Result<T, PortError<TreeRefusal>>,
    next: impl FnOnce(&T) -> (String, String),
    back: &str,
    typed: &[(&str, &str)],
) -> Result<(), ServerFnError> {
    match outcome {
        Ok(value) => {
            let (path, notice) = next(&value);
            request::set_flash(&Flash::notice(notice));
            request::see_other(&path);
        }
        Err(PortError::Refused(TreeRefusal::NotFound)) => {
            let gone = texts(request::lang()).err_gone;
            request::set_flash(&Flash::errors(vec![crate::model::FieldError::new(
                "inhalt",
                Problem::Worded(gone.to_owned()),
            )]));
            request::see_other(back);
        }
        Err(PortError::Refused(TreeRefusal::Invalid(errors))) => {
            let mut flash = Flash::errors(errors);
            flash.values = typed
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            request::set_flash(&flash);
            request::see_other(back);
        }
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

/// "Baum adoptieren" (`aktion=adoptieren`, with `name=zeigen` when the adopter shows their
/// display name), "Meinen Namen zeigen" / "… nicht mehr zeigen" (`aktion=name-zeigen` /
/// `name-verbergen`) or "Patenschaft beenden" (`aktion=beenden`).
#[server(prefix = "/api", endpoint = "baeume/adoptieren")]
pub async fn adopt_tree(
    slug: String,
    baum: i64,
    aktion: String,
    #[server(default)] name: Option<String>,
) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let t = texts(request::lang());
    let (adoption, notice) = match aktion.as_str() {
        "beenden" => (Adoption::End, t.done_unadopted),
        "name-zeigen" => (Adoption::ShowName(true), t.done_name_shown),
        "name-verbergen" => (Adoption::ShowName(false), t.done_name_hidden),
        _ => (
            Adoption::Adopt {
                show_name: name.as_deref() == Some("zeigen"),
            },
            t.done_adopted,
        ),
    };
    let back = tree_path(&slug, baum);
    let outcome = trees().adopt(&viewer, &slug, baum, adoption).await;
    answer(outcome, |_| (back.clone(), notice.to_owned()), &back, &[])
}

#[server(prefix = "/api", endpoint = "baeume/giessen")]
pub async fn water_tree(
    slug: String,
    baum: i64,
    liter: String,
    zeitpunkt: String,
) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let lang = request::lang();
    let t = texts(lang);
    let back = tree_path(&slug, baum);
    let outcome = trees()
        .water(&viewer, &slug, baum, &liter, &zeitpunkt, lang)
        .await;
    answer(
        outcome,
        |litres| {
            (
                back.clone(),
                crate::i18n::fill(t.done_watered, &[&litres.to_string()]),
            )
        },
        &back,
        &[(FIELD_LITRES, &liter), (FIELD_AT, &zeitpunkt)],
    )
}

#[server(prefix = "/api", endpoint = "baeume/giessung/aendern")]
pub async fn edit_watering(
    slug: String,
    giessung: i64,
    liter: String,
    zeitpunkt: String,
) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let lang = request::lang();
    let t = texts(lang);
    let outcome = trees()
        .edit_watering(&viewer, &slug, giessung, &liter, &zeitpunkt, lang)
        .await;
    answer(
        outcome,
        |tree| (tree_path(&slug, *tree), t.done_edited.to_owned()),
        &watering_path(&slug, giessung),
        &[(FIELD_LITRES, &liter), (FIELD_AT, &zeitpunkt)],
    )
}

#[server(prefix = "/api", endpoint = "baeume/giessung/loeschen")]
pub async fn delete_watering(slug: String, giessung: i64) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let t = texts(request::lang());
    let outcome = trees().delete_watering(&viewer, &slug, giessung).await;
    answer(
        outcome,
        |tree| (tree_path(&slug, *tree), t.done_deleted.to_owned()),
        &mine_path(&slug),
        &[],
    )
}
