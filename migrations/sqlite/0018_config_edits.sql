-- Every change made to a municipality's configuration draft in the browser — a form, the
-- starter catalogue, an upload, a restore, a discard: who, when and what (German and English).
-- The configuration's audit trail beside its publications (`config_publications`).
create table config_edits (
    id integer primary key,
    municipality_id integer not null references municipalities (id) on delete cascade,
    account_id integer references accounts (id) on delete set null,
    at integer not null,
    what_de text not null,
    what_en text not null
);
create index config_edits_by_municipality on config_edits (municipality_id, at);
