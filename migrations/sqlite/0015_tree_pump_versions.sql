-- The version of a municipality's street pumps: one more with every import that changed one.
-- The map's tiles carry the pumps beside the trees, so their tags hold it.
create table tree_pump_versions (
    municipality_id integer primary key references municipalities (id) on delete cascade,
    version integer not null
);
