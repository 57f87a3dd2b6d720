-- A register file uploaded in the browser, waiting for its administrator to look at what it
-- would change and apply it (or discard it): one per municipality, the newest.
create table tree_register_uploads (
    municipality_id integer primary key references municipalities (id) on delete cascade,
    account_id integer references accounts (id) on delete set null,
    file_name text not null,
    content blob not null,
    -- The register's version (`tree_registers.imported_at`, 0 without one) the preview was
    -- made against: a preview of a register that changed since is not applied.
    register_version integer not null,
    added integer not null,
    updated integer not null,
    unchanged integer not null,
    retired integer not null,
    retired_cared_for integer not null,
    uploaded_at integer not null
);
