-- Street trees' water: the public street pumps near them (OpenStreetMap) and the rain the DWD
-- RADOLAN grid measured over them, each kept per municipality.

create table tree_pumps (
    id integer primary key,
    municipality_id integer not null references municipalities (id) on delete cascade,
    -- The OpenStreetMap node; imports match pumps by it.
    osm_id integer not null,
    lat real not null,
    lon real not null,
    -- OSM `pump:status` as mapped: funktionsfähig, defekt, unbekannt, locked, blocked, …
    status text not null,
    -- OSM `check_date` (YYYY-MM-DD), empty when never checked.
    check_date text not null,
    unique (municipality_id, osm_id)
);

create index tree_pumps_by_place on tree_pumps (municipality_id, lat, lon);

-- The rain grid a municipality's water need counts: the days its sums cover.
create table tree_rain (
    municipality_id integer primary key references municipalities (id) on delete cascade,
    -- First and last day (YYYY-MM-DD, Berlin time) of the period the cells' sums cover.
    period_start text not null,
    period_end text not null,
    imported_at integer not null,
    source text not null
);

-- One cell of the grid (about 1 km²): its outline and the rain of the period.
create table tree_rain_cells (
    municipality_id integer not null references municipalities (id) on delete cascade,
    cell integer not null,
    south real not null,
    north real not null,
    west real not null,
    east real not null,
    -- The outline as a JSON array of [lon, lat].
    ring text not null,
    -- The period's rain in tenths of a millimetre.
    rain_tenth_mm integer not null,
    primary key (municipality_id, cell)
);

create index tree_rain_cells_by_place on tree_rain_cells (municipality_id, south, north);

-- Waterings imported from another system ("Gieß den Kiez") carry that system's key, so that
-- importing the same file again adds nothing.
alter table tree_waterings add column import_key text;
create unique index tree_waterings_imported on tree_waterings (tree_id, import_key);
