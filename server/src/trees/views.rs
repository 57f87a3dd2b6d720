//! What the tree pages show: the municipalities with trees, the nearby list (by place or by
//! street), a tree's card, and the viewer's trees and waterings (on their page and on the
//! account page). Adopters are counted, and named only where they chose to show their display
//! name; others' waterings carry no name.

use super::grid::{self, placeholders};
use super::need::{self, week_start, AgeClass};
use super::register::search_key;
use super::{pumps, rain, year_of, Trees};
use crate::core::db::Db;
use crate::core::geo::Coordinates;
use crate::core::personal::Sections;
use crate::core::time::{format_day, format_time, local_value};
use crate::tenants::Municipality;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::{
    AccountId, AccountItem, AccountSection, FieldError, Flash, MunicipalityId, Problem, Viewer,
};
use kiezwerk_app::trees::model::{
    MyTreesView, NearbyQuery, NearbyView, NeedLevel, NeedView, PumpCard, RegisterAdmin,
    RegisterPreview, TreeCard, TreeMapView, TreePlaces, TreeRow, WateringEdit, WateringView,
    DAMAGE_CATEGORY, PUMP_CATEGORY,
};
use kiezwerk_app::trees::serverfns::{mine_path, tree_path};
use kiezwerk_app::trees::texts::{need_words, texts};
use std::sync::Arc;

/// How far around a place the pumps are shown, and a tree's card looks for a pump.
pub const NEARBY_RADIUS_M: f64 = 500.0;
/// The nearby list looks this far around a place first, and twice as far while it has not
/// found enough trees for the page asked for ...
const FIRST_RADIUS_M: f64 = 100.0;
/// ... up to this far.
pub const MAX_RADIUS_M: f64 = 2_000.0;
/// Trees on one page of a list.
pub const LIST_LIMIT: usize = 30;
/// Pages of a list: enough for every tree in a few streets' reach.
pub const MAX_PAGES: u32 = 50;
/// Most waterings on a card.
const HISTORY_LIMIT: i64 = 20;
/// Most pumps beside the nearby list.
const PUMPS_LIMIT: usize = 5;

/// The columns every tree list reads, with the adopters and the last week's litres.
const TREE_COLUMNS: &str = "t.id, t.species_de, t.genus_de, t.street, t.house_number, t.place_name, \
     t.planting_year, t.age_years, t.lat, t.lon, \
     (select count(*) from tree_adoptions a where a.tree_id = t.id), \
     (select cast(coalesce(sum(w.litres), 0) as bigint) from tree_waterings w where w.tree_id = t.id and w.watered_at >= $2)";

/// The ids of the municipality's live trees nearest `place` with their distance in metres,
/// nearest first, after the `skip` nearest and at most `take` of them, within
/// [`MAX_RADIUS_M`]; and whether more follow. Reads the grid cells around the place (see
/// [`grid`]), widening the circle until it holds enough trees.
pub async fn nearest(
    db: &Db,
    municipality_id: i64,
    place: Coordinates,
    skip: usize,
    take: usize,
) -> Result<(Vec<(i64, u32)>, bool), sqlx::Error> {
    let wanted = skip + take + 1;
    let mut radius = FIRST_RADIUS_M;
    loop {
        let cells = grid::cells_around(place, radius);
        // The box around the circle, checked on the index's entries: only the trees in it
        // come back.
        let rows =
            grid::live_trees(db, municipality_id, &cells, place.bounding_box(radius)).await?;
        let mut found: Vec<(f64, i64)> = rows
            .into_iter()
            .filter_map(|(id, lat, lon)| {
                let distance = place.distance_m(Coordinates::new(lat, lon)?);
                (distance <= radius).then_some((distance, id))
            })
            .collect();
        if found.len() >= wanted || radius >= MAX_RADIUS_M {
            found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let more = found.len() > skip + take;
            let page = found
                .into_iter()
                .skip(skip)
                .take(take)
                .map(|(distance, id)| (id, distance.round() as u32))
                .collect();
            return Ok((page, more));
        }
        radius = (radius * 2.0).min(MAX_RADIUS_M);
    }
}

/// The trees of `ids` as lists show them, in the order of `ids`.
async fn listed_by_ids(
    db: &Db,
    municipality_id: i64,
    since: i64,
    ids: &[i64],
    (data_year, this_year): (i64, i64),
) -> Result<Vec<Listed>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Only generated placeholders: SQLite numbers `?` apart from `$n`, so they must not mix.
    let columns = TREE_COLUMNS.replace("$2", &placeholders(db.backend, 0, 1));
    let sql = format!(
        "select {columns} from trees t where t.municipality_id = {} and t.id in ({})",
        placeholders(db.backend, 1, 1),
        placeholders(db.backend, 2, ids.len())
    );
    let mut query = sqlx::query_as::<_, TreeColumns>(&sql)
        .bind(since)
        .bind(municipality_id);
    for id in ids {
        query = query.bind(id);
    }
    let rows = query.persistent(false).fetch_all(&db.pool).await?;
    let mut by_id: std::collections::HashMap<i64, Listed> = rows
        .into_iter()
        .map(|r| {
            let tree = listed(r, data_year, this_year);
            (tree.id, tree)
        })
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

type TreeColumns = (
    i64,
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    f64,
    f64,
    i64,
    i64,
);

/// A tree as lists show it.
struct Listed {
    id: i64,
    species: String,
    address: String,
    age: Option<i64>,
    position: Option<Coordinates>,
    adopters: i64,
    watered: i64,
}

fn listed(row: TreeColumns, data_year: i64, this_year: i64) -> Listed {
    let (
        id,
        species_de,
        genus_de,
        street,
        house_number,
        place_name,
        planted,
        age_years,
        lat,
        lon,
        adopters,
        watered,
    ) = row;
    Listed {
        id,
        species: species_name(&species_de, &genus_de),
        address: address(&street, &house_number, &place_name),
        age: need::age(planted, age_years, data_year, this_year),
        position: Coordinates::new(lat, lon),
        adopters,
        watered,
    }
}

pub(super) fn species_name(species: &str, genus: &str) -> String {
    if !species.is_empty() {
        species.to_owned()
    } else if !genus.is_empty() {
        genus.to_owned()
    } else {
        "–".to_owned()
    }
}

/// "Robinie, Schönholzer Heide": a tree named in a line.
fn label(species: &str, genus: &str, street: &str, number: &str, place: &str) -> String {
    format!(
        "{}, {}",
        species_name(species, genus),
        address(street, number, place)
    )
}

/// "Schönholzer Straße 12", or the green space for trees without an address.
pub(super) fn address(street: &str, house_number: &str, place_name: &str) -> String {
    match (street.is_empty(), house_number.is_empty()) {
        (false, false) => format!("{street} {house_number}"),
        (false, true) => street.to_owned(),
        (true, _) if !place_name.is_empty() => place_name.to_owned(),
        _ => "–".to_owned(),
    }
}

pub fn need_view(age: Option<i64>, watered: i64, rain: u32, lang: Lang) -> NeedView {
    let t = texts(lang);
    let n = need::need(age, u32::try_from(watered.max(0)).unwrap_or(u32::MAX), rain);
    NeedView {
        level: n.level,
        label: match n.level {
            NeedLevel::Low => t.need_low,
            NeedLevel::Medium => t.need_medium,
            NeedLevel::High => t.need_high,
        }
        .to_owned(),
        weekly_litres: n.weekly,
        watered_litres: n.watered,
        rain_litres: n.rain,
        still_needed: n.still,
        reason: match n.class {
            AgeClass::Planted => t.reason_planted,
            AgeClass::Young => t.reason_young,
            AgeClass::Growing => t.reason_growing,
            AgeClass::Established => t.reason_old,
            AgeClass::Unknown => t.reason_unknown,
        }
        .to_owned(),
    }
}

fn age_text(age: Option<i64>, lang: Lang) -> String {
    let t = texts(lang);
    age.map_or(t.age_unknown.to_owned(), |a| {
        fill(t.age_years, &[&a.to_string()])
    })
}

fn row(tree: Listed, from: Option<Coordinates>, rain: u32, lang: Lang) -> TreeRow {
    TreeRow {
        id: tree.id,
        species: tree.species,
        address: tree.address,
        age: age_text(tree.age, lang),
        need: need_view(tree.age, tree.watered, rain, lang),
        adopters: u32::try_from(tree.adopters).unwrap_or(0),
        distance_m: from
            .zip(tree.position)
            .map(|(a, b)| a.distance_m(b).round() as u32),
    }
}

/// The day in Berlin at `now_ms`.
pub fn today(now_ms: i64) -> jiff::civil::Date {
    jiff::Timestamp::from_millisecond(now_ms)
        .map(|ts| ts.to_zoned(crate::core::time::berlin()).date())
        .unwrap_or_default()
}

/// The trees as list rows, with the last week's rain counted in their need.
async fn rows(
    state: &Trees,
    municipality_id: i64,
    trees: Vec<Listed>,
    from: Option<Coordinates>,
    lang: Lang,
) -> Result<Vec<TreeRow>, sqlx::Error> {
    let places: Vec<Option<Coordinates>> = trees.iter().map(|t| t.position).collect();
    let rain = rain::last_week_at(
        &state.core.db,
        municipality_id,
        today(state.core.clock.now_ms()),
        &places,
    )
    .await?;
    Ok(trees
        .into_iter()
        .zip(rain)
        .map(|(tree, litres)| row(tree, from, litres, lang))
        .collect())
}

/// What the municipality's last import recorded.
pub(super) struct Register {
    /// YYYY-MM-DD.
    pub date: String,
    /// The year the data describes.
    pub year: i64,
    pub trees: i64,
    pub districts: Vec<String>,
}

pub(super) async fn register(
    state: &Trees,
    municipality_id: i64,
) -> Result<Option<Register>, sqlx::Error> {
    let row: Option<(String, i64, String)> = sqlx::query_as(
        "select data_date, tree_count, districts from tree_registers where municipality_id = $1",
    )
    .bind(municipality_id)
    .fetch_optional(&state.core.db.pool)
    .await?;
    Ok(row.map(|(date, trees, districts)| Register {
        year: date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2000),
        date,
        trees,
        districts: serde_json::from_str(&districts).unwrap_or_default(),
    }))
}

/// Every municipality with the trees of its register (0 without one).
pub async fn places(state: &Trees) -> Result<TreePlaces, sqlx::Error> {
    let counts: std::collections::HashMap<i64, i64> =
        sqlx::query_as::<_, (i64, i64)>("select municipality_id, tree_count from tree_registers")
            .fetch_all(&state.core.db.pool)
            .await?
            .into_iter()
            .collect();
    let mut places: Vec<(String, String, u64)> = state
        .tenants
        .registry
        .municipalities
        .iter()
        .map(|m| {
            let count = counts.get(&m.id.0).copied().unwrap_or(0);
            (
                m.slug.clone(),
                m.name.clone(),
                u64::try_from(count).unwrap_or(0),
            )
        })
        .collect();
    places.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(TreePlaces { places })
}

/// The map of the municipality's trees: the register's date and size and where the map opens.
pub async fn map(
    state: &Trees,
    municipality: &Municipality,
    lang: Lang,
) -> Result<TreeMapView, sqlx::Error> {
    let register = register(state, municipality.id.0).await?;
    let [min_x, min_y, max_x, max_y] = municipality.boundary.bounding_box();
    let settings = &state.core.settings;
    Ok(TreeMapView {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        tree_count: register
            .as_ref()
            .map_or(0, |r| u64::try_from(r.trees).unwrap_or(0)),
        data_date: register.map(|r| format_day(&r.date, lang)),
        bounds: [min_y, min_x, max_y, max_x],
        background: settings.map_tile_url.clone(),
        attribution: settings.map_attribution.clone(),
    })
}

pub async fn nearby(
    state: &Trees,
    viewer: Option<&Viewer>,
    municipality: &Municipality,
    query: NearbyQuery,
    lang: Lang,
) -> Result<NearbyView, sqlx::Error> {
    let t = texts(lang);
    let db = &state.core.db;
    let now = state.core.clock.now_ms();
    let id = municipality.id.0;
    let register = register(state, id).await?;
    let data_year = register.as_ref().map_or(year_of(now), |r| r.year);
    let this_year = year_of(now);
    let (tree_count, districts) = register
        .as_ref()
        .map(|r| (r.trees, r.districts.clone()))
        .unwrap_or_default();
    let mut errors = Vec::new();
    let worded =
        |field: &str, message: &str| FieldError::new(field, Problem::Worded(message.to_owned()));
    let since = week_start(now);
    let mut pumps_near = Vec::new();
    let page = query.page.clamp(1, MAX_PAGES);
    let skip = (page as usize - 1) * LIST_LIMIT;
    let mut has_more = false;
    let trees = if query.by_place() {
        let lat = query
            .lat
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| (-90.0..=90.0).contains(v));
        let lon = query
            .lon
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| (-180.0..=180.0).contains(v));
        if lat.is_none() {
            errors.push(worded("lat", t.err_lat));
        }
        if lon.is_none() {
            errors.push(worded("lon", t.err_lon));
        }
        match lat
            .zip(lon)
            .and_then(|(lat, lon)| Coordinates::new(lat, lon))
        {
            Some(place) => {
                let (ids, more) = nearest(db, id, place, skip, LIST_LIMIT).await?;
                has_more = more;
                let ids: Vec<i64> = ids.into_iter().map(|(id, _)| id).collect();
                let found = listed_by_ids(db, id, since, &ids, (data_year, this_year)).await?;
                pumps_near =
                    pumps::near_place(db, id, place, NEARBY_RADIUS_M, PUMPS_LIMIT, lang).await?;
                pumps::with_reports(db, municipality, &mut pumps_near, lang).await?;
                Some(rows(state, id, found, Some(place), lang).await?)
            }
            None => None,
        }
    } else if query.by_street() {
        let district = query.district.trim();
        if !district.is_empty() && !districts.iter().any(|d| d == district) {
            errors.push(worded("bezirk", t.err_district));
        }
        let street = query.street.trim();
        if street.chars().count() < 2 {
            errors.push(worded("strasse", t.err_street));
        }
        if errors.is_empty() {
            // The names beginning so, as ranges of the two indexes of lower-case names; the
            // page's ids first, then the columns of those trees only.
            let low = search_key(street);
            let high = format!("{low}\u{10ffff}");
            let ids: Vec<i64> = sqlx::query_scalar(&format!(
                "select t.id from trees t where t.id in ( \
                 select id from trees where municipality_id = $1 and retired_at is null \
                 and street_key >= $2 and street_key < $3 \
                 union select id from trees where municipality_id = $1 and retired_at is null \
                 and place_key >= $2 and place_key < $3) \
                 and ($4 = '' or t.district = $4) \
                 order by t.street, t.house_number, t.place_name, t.id limit {} offset {skip}",
                LIST_LIMIT + 1
            ))
            .bind(id)
            .bind(&low)
            .bind(&high)
            .bind(district)
            .fetch_all(&db.pool)
            .await?;
            has_more = ids.len() > LIST_LIMIT;
            let ids = &ids[..ids.len().min(LIST_LIMIT)];
            let found = listed_by_ids(db, id, since, ids, (data_year, this_year)).await?;
            Some(rows(state, id, found, None, lang).await?)
        } else {
            None
        }
    } else {
        None
    };
    Ok(NearbyView {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        data_date: register.map(|r| format_day(&r.date, lang)),
        tree_count: u64::try_from(tree_count).unwrap_or(0),
        districts,
        query,
        trees: if errors.is_empty() { trees } else { None },
        page,
        first: skip + 1,
        has_more: has_more && page < MAX_PAGES,
        pumps: pumps_near,
        can_report_pump: offers(municipality, PUMP_CATEGORY),
        signed_in: viewer.is_some(),
        flash: Flash::errors(errors),
    })
}

/// Whether the municipality takes reports in the category `code`.
fn offers(municipality: &Municipality, code: &str) -> bool {
    municipality
        .categories
        .iter()
        .any(|c| c.active && c.code == code)
}

/// "8 m", "8,5 m".
fn metres(cm: i64, lang: Lang) -> String {
    let t = texts(lang);
    let value = if cm % 100 == 0 {
        (cm / 100).to_string()
    } else {
        let text = format!("{:.1}", cm as f64 / 100.0);
        match lang {
            Lang::De => text.replace('.', ","),
            Lang::En => text,
        }
    };
    fill(t.unit_m, &[&value])
}

type CardColumns = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    f64,
    f64,
    String,
);

pub async fn card(
    state: &Trees,
    viewer: Option<&Viewer>,
    municipality: &Municipality,
    id: i64,
    flash: Flash,
    lang: Lang,
) -> Result<Option<TreeCard>, sqlx::Error> {
    let t = texts(lang);
    let db = &state.core.db;
    let now = state.core.clock.now_ms();
    let columns: Option<CardColumns> = sqlx::query_as(
        "select register_id, species_de, species_bot, genus_de, street, house_number, place_name, district, \
         planting_year, age_years, trunk_cm, height_cm, crown_cm, lat, lon, genus \
         from trees where id = $1 and municipality_id = $2 and retired_at is null",
    )
    .bind(id)
    .bind(municipality.id.0)
    .fetch_optional(&db.pool)
    .await?;
    let Some((
        register_id,
        species_de,
        species_bot,
        genus_de,
        street,
        house_number,
        place_name,
        district,
        planted,
        age_years,
        trunk,
        height,
        crown,
        lat,
        lon,
        genus,
    )) = columns
    else {
        return Ok(None);
    };
    let register = register(state, municipality.id.0).await?;
    let data_year = register.as_ref().map_or(year_of(now), |r| r.year);
    let age = need::age(planted, age_years, data_year, year_of(now));
    // Every adopter: the account, whether it shows its name (never a disabled account's), and
    // the name.
    let adoptions: Vec<(i64, i64, String)> = sqlx::query_as(
        "select a.account_id, case when c.disabled_at is null then a.show_name else 0 end, \
         c.display_name from tree_adoptions a \
         join accounts c on c.id = a.account_id where a.tree_id = $1 \
         order by a.adopted_at, a.account_id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let adopters = adoptions.len();
    let me = viewer.map(|v| v.account_id);
    let mine = adoptions
        .iter()
        .find(|(account, ..)| Some(*account) == me.map(|a| a.0));
    let adopted_by_me = mine.is_some();
    let my_name_shown = mine.is_some_and(|(_, shown, _)| *shown != 0);
    let adopter_names: Vec<String> = adoptions
        .into_iter()
        .filter(|(_, shown, _)| *shown != 0)
        .map(|(_, _, name)| name)
        .collect();
    let waterings: Vec<(i64, Option<i64>, i64, i64)> = sqlx::query_as(
        "select id, account_id, litres, watered_at from tree_waterings where tree_id = $1 \
         order by watered_at desc, id desc limit $2",
    )
    .bind(id)
    .bind(HISTORY_LIMIT)
    .fetch_all(&db.pool)
    .await?;
    let watered: i64 = sqlx::query_scalar(
        "select cast(coalesce(sum(litres), 0) as bigint) from tree_waterings where tree_id = $1 and watered_at >= $2",
    )
    .bind(id)
    .bind(week_start(now))
    .fetch_one(&db.pool)
    .await?;
    let position = Coordinates::new(lat, lon);
    let (rain_litres, rain_note) = rain_of(state, municipality.id.0, position, lang).await?;
    let mut pump = match position {
        Some(place) => pumps::near_place(db, municipality.id.0, place, NEARBY_RADIUS_M, 1, lang)
            .await?
            .pop(),
        None => None,
    };
    if let Some(pump) = pump.as_mut() {
        pumps::with_reports(db, municipality, std::slice::from_mut(pump), lang).await?;
    }
    Ok(Some(TreeCard {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        id,
        register_id,
        species_de: species_name(&species_de, &genus_de),
        species_bot,
        genus: if genus_de.is_empty() { genus } else { genus_de },
        planting_year: planted,
        age: age_text(age, lang),
        height: height.filter(|h| *h > 0).map(|h| metres(h, lang)),
        trunk: trunk
            .filter(|c| *c > 0)
            .map(|c| fill(t.unit_cm, &[&c.to_string()])),
        crown: crown.filter(|c| *c > 0).map(|c| metres(c, lang)),
        address: address(&street, &house_number, &place_name),
        district,
        lat,
        lon,
        need: need_view(age, watered, rain_litres, lang),
        rain_note,
        pump,
        adopters: u32::try_from(adopters).unwrap_or(0),
        adopter_names,
        adopted_by_me,
        my_name_shown,
        my_name: viewer.map(|v| v.name.clone()),
        waterings: waterings
            .into_iter()
            .map(|(wid, by, litres, at)| WateringView {
                id: wid,
                when: format_time(at, lang),
                litres: u32::try_from(litres).unwrap_or(0),
                mine: by.is_some() && by == me.map(|a| a.0),
            })
            .collect(),
        signed_in: viewer.is_some(),
        data_date: register.map(|r| format_day(&r.date, lang)),
        now_value: local_value(now),
        can_report: offers(municipality, DAMAGE_CATEGORY),
        can_report_pump: offers(municipality, PUMP_CATEGORY),
        flash,
    }))
}

/// How far from a pump the tree lies whose address its card names.
const PUMP_ADDRESS_RADIUS_M: u32 = 100;

/// A street pump's card: its state, an open report about it, and the nearest tree's address
/// to find it by; `None` for a pump the municipality does not have.
pub async fn pump_card(
    state: &Trees,
    municipality: &Municipality,
    osm_id: i64,
    lang: Lang,
) -> Result<Option<PumpCard>, sqlx::Error> {
    let db = &state.core.db;
    let id = municipality.id.0;
    let Some(mut pump) = pumps::by_osm_id(db, id, osm_id, lang).await? else {
        return Ok(None);
    };
    pumps::with_reports(db, municipality, std::slice::from_mut(&mut pump), lang).await?;
    let mut near = None;
    if let Some(place) = Coordinates::new(pump.lat, pump.lon) {
        let (nearest, _) = nearest(db, id, place, 0, 1).await?;
        if let Some(&(tree, distance)) = nearest.first() {
            if distance <= PUMP_ADDRESS_RADIUS_M {
                let (street, number, place_name): (String, String, String) = sqlx::query_as(
                    "select street, house_number, place_name from trees where id = $1",
                )
                .bind(tree)
                .fetch_one(&db.pool)
                .await?;
                near = Some(address(&street, &number, &place_name)).filter(|a| a != "–");
            }
        }
    }
    Ok(Some(PumpCard {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        pump,
        near,
        can_report_pump: offers(municipality, PUMP_CATEGORY),
    }))
}

/// The last week's rain at a tree in litres, and where it comes from or why none counts.
async fn rain_of(
    state: &Trees,
    municipality_id: i64,
    position: Option<Coordinates>,
    lang: Lang,
) -> Result<(u32, Option<String>), sqlx::Error> {
    let t = texts(lang);
    let db = &state.core.db;
    let Some(period) = rain::period(db, municipality_id).await? else {
        return Ok((0, None));
    };
    let day = |d: jiff::civil::Date| format_day(&d.to_string(), lang);
    let share = period.share_of_last_week(today(state.core.clock.now_ms()));
    if share <= 0.0 {
        return Ok((0, Some(fill(t.rain_stale, &[&day(period.end)]))));
    }
    let mm = rain::at_places(db, municipality_id, &[position])
        .await?
        .pop()
        .flatten();
    Ok(match mm {
        None => (0, Some(t.rain_outside.to_owned())),
        Some(mm) => {
            let amount = match lang {
                Lang::De => format!("{mm:.1}").replace('.', ","),
                Lang::En => format!("{mm:.1}"),
            };
            (
                rain::litres_last_week(Some(mm), share),
                Some(fill(
                    t.rain_counted,
                    &[&amount, &day(period.start), &day(period.end)],
                )),
            )
        }
    })
}

/// A watering of the viewer's: its id, the tree's id, species, genus, street, house number and
/// green space, the litres and when.
type MyWatering = (i64, i64, String, String, String, String, String, i64, i64);

/// The account's adopted trees in the municipality as list rows, the latest adoption first.
async fn adopted(
    state: &Trees,
    account: AccountId,
    municipality_id: i64,
    lang: Lang,
) -> Result<Vec<TreeRow>, sqlx::Error> {
    let now = state.core.clock.now_ms();
    let data_year = register(state, municipality_id)
        .await?
        .map_or(year_of(now), |r| r.year);
    let this_year = year_of(now);
    let adopted: Vec<TreeColumns> = sqlx::query_as(&format!(
        "select {TREE_COLUMNS} from trees t join tree_adoptions mine on mine.tree_id = t.id \
         where t.municipality_id = $1 and mine.account_id = $3 and t.retired_at is null \
         order by mine.adopted_at desc"
    ))
    .bind(municipality_id)
    .bind(week_start(now))
    .bind(account)
    .fetch_all(&state.core.db.pool)
    .await?;
    let trees = adopted
        .into_iter()
        .map(|r| listed(r, data_year, this_year))
        .collect();
    rows(state, municipality_id, trees, None, lang).await
}

/// "Meine Bäume" on the account page: the account's adopted trees in every municipality, each
/// with its water need now, and the way to each municipality's "Meine Bäume".
pub fn account_section(state: Trees) -> Sections {
    Arc::new(move |account, lang| {
        let state = state.clone();
        Box::pin(async move { account_trees(&state, account, lang).await })
    })
}

async fn account_trees(
    state: &Trees,
    account: AccountId,
    lang: Lang,
) -> Result<Vec<AccountSection>, sqlx::Error> {
    let t = texts(lang);
    let ids: Vec<i64> = sqlx::query_scalar(
        "select distinct t.municipality_id from tree_adoptions a join trees t on t.id = a.tree_id \
         where a.account_id = $1 and t.retired_at is null",
    )
    .bind(account)
    .fetch_all(&state.core.db.pool)
    .await?;
    let mut municipalities: Vec<&Municipality> = ids
        .into_iter()
        .filter_map(|id| state.tenants.registry.by_id(MunicipalityId(id)))
        .collect();
    if municipalities.is_empty() {
        return Ok(Vec::new());
    }
    municipalities.sort_by(|a, b| a.name.cmp(&b.name));
    let several = municipalities.len() > 1;
    let mut section = AccountSection {
        title: t.my_trees_link.to_owned(),
        items: Vec::new(),
        more: Vec::new(),
    };
    for municipality in municipalities {
        for row in adopted(state, account, municipality.id.0, lang).await? {
            let label = if several {
                format!("{}, {} ({})", row.species, row.address, municipality.name)
            } else {
                format!("{}, {}", row.species, row.address)
            };
            section.items.push(AccountItem {
                label,
                href: tree_path(&municipality.slug, row.id),
                detail: format!("{}: {}", t.need_title, need_words(t, &row.need)),
            });
        }
        section.more.push((
            mine_path(&municipality.slug),
            fill(t.my_title, &[&municipality.name]),
        ));
    }
    Ok(vec![section])
}

pub async fn mine(
    state: &Trees,
    viewer: &Viewer,
    municipality: &Municipality,
    flash: Flash,
    lang: Lang,
) -> Result<MyTreesView, sqlx::Error> {
    let db = &state.core.db;
    let id = municipality.id.0;
    let waterings: Vec<MyWatering> = sqlx::query_as(
        "select w.id, t.id, t.species_de, t.genus_de, t.street, t.house_number, t.place_name, w.litres, w.watered_at \
         from tree_waterings w join trees t on t.id = w.tree_id \
         where t.municipality_id = $1 and w.account_id = $2 order by w.watered_at desc, w.id desc limit 100",
    )
    .bind(id)
    .bind(viewer.account_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(MyTreesView {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        trees: adopted(state, viewer.account_id, id, lang).await?,
        waterings: waterings
            .into_iter()
            .map(
                |(wid, tree_id, species, genus, street, number, place, litres, at)| {
                    (
                        tree_id,
                        label(&species, &genus, &street, &number, &place),
                        WateringView {
                            id: wid,
                            when: format_time(at, lang),
                            litres: u32::try_from(litres).unwrap_or(0),
                            mine: true,
                        },
                    )
                },
            )
            .collect(),
        flash,
    })
}

pub async fn watering(
    state: &Trees,
    viewer: &Viewer,
    municipality: &Municipality,
    id: i64,
    flash: Flash,
) -> Result<Option<WateringEdit>, sqlx::Error> {
    let db = &state.core.db;
    let Some((tree_id, litres, at)) =
        super::care::own_watering(db, municipality.id.0, viewer.account_id, id).await?
    else {
        return Ok(None);
    };
    let (species, genus, street, number, place): (String, String, String, String, String) =
        sqlx::query_as(
            "select species_de, genus_de, street, house_number, place_name from trees where id = $1",
        )
        .bind(tree_id)
        .fetch_one(&db.pool)
        .await?;
    Ok(Some(WateringEdit {
        slug: municipality.slug.clone(),
        tree_id,
        tree: label(&species, &genus, &street, &number, &place),
        id,
        litres: litres.to_string(),
        at: local_value(at),
        flash,
    }))
}

/// The register's administration page.
pub async fn register_admin(
    state: &Trees,
    municipality: &Municipality,
    flash: Flash,
    lang: Lang,
) -> Result<RegisterAdmin, sqlx::Error> {
    let row: Option<(String, i64, i64, String)> = sqlx::query_as(
        "select data_date, tree_count, imported_at, source from tree_registers \
         where municipality_id = $1",
    )
    .bind(municipality.id.0)
    .fetch_optional(&state.core.db.pool)
    .await?;
    let max_mb = u32::try_from(super::http::UPLOAD_MAX_BYTES / (1024 * 1024)).unwrap_or(50);
    let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let now = state.core.clock.now_ms();
    let preview = super::uploads::waiting(&state.core.db, municipality.id.0, now)
        .await?
        .map(|w| RegisterPreview {
            file_name: w.file_name,
            added: count(w.preview.added),
            updated: count(w.preview.updated),
            unchanged: count(w.preview.unchanged),
            retired: count(w.preview.retired),
            retired_cared_for: count(w.preview.retired_cared_for),
            uploaded_at: w.uploaded_at,
        });
    Ok(RegisterAdmin {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        data_date: row.as_ref().map(|(date, ..)| format_day(date, lang)),
        tree_count: row
            .as_ref()
            .map_or(0, |(_, count, ..)| u64::try_from(*count).unwrap_or(0)),
        imported: row.map(|(_, _, at, source)| (format_time(at, lang), source)),
        max_mb,
        preview,
        flash,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_falls_back_to_the_green_space() {
        assert_eq!(address("Hauptstraße", "5", "x"), "Hauptstraße 5");
        assert_eq!(address("Hauptstraße", "", "x"), "Hauptstraße");
        assert_eq!(address("", "", "Schönholzer Heide"), "Schönholzer Heide");
        assert_eq!(address("", "", ""), "–");
    }

    #[test]
    fn heights_read_in_the_pages_language() {
        assert_eq!(metres(800, Lang::De), "8 m");
        assert_eq!(metres(850, Lang::De), "8,5 m");
        assert_eq!(metres(850, Lang::En), "8.5 m");
    }
}
