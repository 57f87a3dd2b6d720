-- A municipality's configuration as its administrators change it in the browser: the draft
-- they uploaded (one per municipality) and every publication, with who published it and the
-- whole configuration as published, so that any earlier version can be restored.

create table config_drafts (
    municipality_id integer primary key references municipalities (id) on delete cascade,
    account_id integer references accounts (id) on delete set null,
    config text not null,
    -- The publication the draft was made from (its changes are shown against the current one).
    based_on integer,
    -- A restored earlier publication names it here.
    restores integer,
    uploaded_at integer not null
);

create table config_publications (
    id integer primary key,
    municipality_id integer not null references municipalities (id) on delete cascade,
    -- 1, 2, 3 … per municipality.
    number integer not null,
    -- Null when published on the command line.
    account_id integer references accounts (id) on delete set null,
    published_at integer not null,
    config text not null,
    -- What changed against the previous publication, one line each (German; English below).
    changes_de text not null,
    changes_en text not null,
    restores integer,
    unique (municipality_id, number)
);
