-- Street trees: each municipality's tree register (several side by side), the citizens who
-- adopt trees and the waterings they log.

-- What the register of a municipality describes ("Baumdaten: Stand …").
create table tree_registers (
    municipality_id integer primary key references municipalities (id) on delete cascade,
    -- The date of the data (YYYY-MM-DD), from the file's newest `updated_at` or the import.
    data_date text not null,
    imported_at integer not null,
    source text not null,
    -- Kept with each import, so that pages need not count a million rows: the trees shown,
    -- and the districts they stand in (a JSON array of names, sorted).
    tree_count integer not null,
    districts text not null
);

create table trees (
    id integer primary key,
    municipality_id integer not null references municipalities (id) on delete cascade,
    -- The register's own key (Berlin: `00008100:002db6b6`); imports match trees by it.
    register_id text not null,
    lat real not null,
    lon real not null,
    -- The cell of the nearest-trees grid (about 100 m a side) the tree stands in.
    cell integer not null,
    species_de text not null,
    species_bot text not null,
    genus_de text not null,
    genus text not null,
    street text not null,
    house_number text not null,
    -- The street or green space the register files the tree under (`namenr`).
    place_name text not null,
    -- Street and green space in lower case: the search by the beginning of a name reads them
    -- as a range of an index (compared byte by byte).
    street_key text not null,
    place_key text not null,
    district text not null,
    owner text not null,
    planting_year integer,
    -- The age the register gives (years, on `data_date`), for trees without a planting year.
    age_years integer,
    trunk_cm integer,
    height_cm integer,
    crown_cm integer,
    street_tree integer not null,
    -- A hash of the register's fields: an import updates only the trees that changed.
    fingerprint integer not null,
    updated_at integer not null,
    -- Gone from the register; kept (not shown) while adoptions or waterings refer to it.
    retired_at integer,
    unique (municipality_id, register_id)
);

-- The nearest-trees lookup reads the live trees of a few cells from this index alone.
create index trees_by_cell on trees (municipality_id, cell, lat, lon, id) where retired_at is null;
create index trees_by_street on trees (municipality_id, street_key) where retired_at is null;
create index trees_by_place_name on trees (municipality_id, place_key) where retired_at is null;

create table tree_adoptions (
    tree_id integer not null references trees (id) on delete cascade,
    account_id integer not null references accounts (id) on delete cascade,
    adopted_at integer not null,
    primary key (tree_id, account_id)
);

create index tree_adoptions_by_account on tree_adoptions (account_id);

create table tree_waterings (
    id integer primary key,
    tree_id integer not null references trees (id) on delete cascade,
    -- Who watered; empty after the account was deleted (the litres stay in the statistics).
    account_id integer references accounts (id) on delete set null,
    litres integer not null,
    watered_at integer not null,
    recorded_at integer not null,
    edited_at integer
);

create index tree_waterings_by_tree on tree_waterings (tree_id, watered_at);
create index tree_waterings_by_account on tree_waterings (account_id);
