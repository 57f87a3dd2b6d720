-- API keys managed in the browser by a municipality's administrators: what a key may do
-- (read, or read and write), its first characters to recognise it by, who created and who
-- revoked it, and when it was last used.
alter table api_keys add column access text not null default 'write' check (access in ('read', 'write'));
alter table api_keys add column hint text not null default '';
alter table api_keys add column created_by integer references accounts (id) on delete set null;
alter table api_keys add column revoked_by integer references accounts (id) on delete set null;
alter table api_keys add column last_used_at integer;

-- The open-data page and catalogue give each municipality's data date: its latest change.
create index reports_by_municipality_updated on reports (municipality_id, updated_at);
