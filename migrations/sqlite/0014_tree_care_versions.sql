-- The version of a municipality's care state (adoptions and waterings): one more with every
-- change, in the change's transaction. The map's overlay of adopted, watered and thirsty trees
-- is revalidated against it, so every server of a deployment shows a change at once.
create table tree_care_versions (
    municipality_id integer primary key references municipalities (id) on delete cascade,
    version integer not null
);

-- An adopter may show their display name on the tree's page; by default adopters are only
-- counted.
alter table tree_adoptions add column show_name integer not null default 0;
