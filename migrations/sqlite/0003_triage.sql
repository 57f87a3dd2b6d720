-- Dispatcher triage: who works a report, its deadlines, its place in the queue, forwarding,
-- duplicates, followers, the audit trail and the daily digest.

-- Deadlines per category, in working days (Monday to Friday).
alter table categories add column accept_days integer not null default 2;
alter table categories add column resolve_days integer not null default 10;

-- Every change bumps the version; a form carries the version it was shown with, and a change
-- against another version is refused ("changed meanwhile").
alter table reports add column version integer not null default 1;
alter table reports add column priority text not null default 'normal';
alter table reports add column assignee_id integer references accounts (id) on delete set null;
alter table reports add column accepted_at integer;
alter table reports add column closed_at integer;
alter table reports add column accept_due_at integer;
alter table reports add column resolve_due_at integer;
-- The queue's order: 0 = waiting to be accepted, 1 = being worked on, 2 = closed; within a stage
-- by the deadline that matters now (for closed reports: when they were closed).
alter table reports add column stage integer not null default 0;
alter table reports add column due_at integer not null default 0;
alter table reports add column forwarded_from_department_id integer references departments (id);
alter table reports add column duplicate_of_id integer references reports (id);
alter table reports add column photo_count integer not null default 0;
-- Citizens who found the report already made and supported it instead of filing their own.
alter table reports add column supporters integer not null default 0;

-- Reports made before: deadlines from their submission, closed ones closed when last changed.
update reports set
    accept_due_at = created_at + 2 * 86400000,
    resolve_due_at = created_at + 14 * 86400000,
    closed_at = case when status in ('resolved', 'closed_not_fixed', 'duplicate') then updated_at end,
    stage = case when status in ('new', 'forwarded') then 0
                 when status in ('accepted', 'in_progress') then 1 else 2 end,
    due_at = case when status in ('new', 'forwarded') then created_at + 2 * 86400000
                  when status in ('accepted', 'in_progress') then created_at + 14 * 86400000
                  else updated_at end,
    photo_count = (select count(*) from report_photos p where p.report_id = reports.id);

create index reports_queue_by_department on reports (department_id, stage, due_at, id);
create index reports_queue_by_municipality on reports (municipality_id, stage, due_at, id);
-- Open reports near a point (possible duplicates).
create index reports_open_near on reports (municipality_id, stage, lat);

alter table report_events add column actor_id integer references accounts (id) on delete set null;

-- People who follow a report besides its reporter: reporters of merged duplicates.
create table report_followers (
    id integer primary key,
    report_id integer not null references reports (id) on delete cascade,
    email text not null,
    created_at integer not null,
    unique (report_id, email)
);

-- One digest per department and day; the server that inserts the row sends it.
create table digest_runs (
    department_id integer not null references departments (id) on delete cascade,
    day text not null,
    created_at integer not null,
    primary key (department_id, day)
);
