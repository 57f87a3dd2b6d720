-- A register file uploaded in the browser, waiting for its administrator to look at what it
-- would change and apply it (or discard it): one per municipality, the newest.
create table tree_register_uploads (
    municipality_id bigint primary key references municipalities (id) on delete cascade,
    account_id bigint references accounts (id) on delete set null,
    file_name text not null,
    content bytea not null,
    -- The register's version (`tree_registers.imported_at`, 0 without one) the preview was
    -- made against: a preview of a register that changed since is not applied.
    register_version bigint not null,
    added bigint not null,
    updated bigint not null,
    unchanged bigint not null,
    retired bigint not null,
    retired_cared_for bigint not null,
    uploaded_at bigint not null
);
