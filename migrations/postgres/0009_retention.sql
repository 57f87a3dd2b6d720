-- Storage limitation (DSGVO Art. 5 (1) e): how long after a report is closed its reporter's and
-- followers' contact data, and then its photos, are kept; set per municipality.
alter table municipalities add column contact_retention_days bigint not null default 90;
alter table municipalities add column photo_retention_days bigint not null default 365;
create index reports_by_municipality_closed on reports (municipality_id, closed_at);
