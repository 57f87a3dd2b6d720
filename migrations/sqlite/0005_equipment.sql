-- Bauhof: equipment of the works yards, breakdowns reported from the field, replacements
-- reserved without overlaps (the database refuses them), repairs, and lending between
-- municipalities that agreed to share.

-- Kinds of machines, shared by all municipalities so that partners can lend to each other.
create table equipment_types (
    id integer primary key,
    code text not null unique,
    name_de text not null,
    name_en text not null,
    position integer not null default 0
);

insert into equipment_types (code, name_de, name_en, position) values
    ('aufsitzmaeher', 'Aufsitzmäher', 'Ride-on mower', 1),
    ('freischneider', 'Freischneider', 'Brush cutter', 2),
    ('laubblaeser', 'Laubbläser', 'Leaf blower', 3),
    ('kleintransporter', 'Kleintransporter', 'Small van', 4),
    ('kehrmaschine', 'Kehrmaschine', 'Street sweeper', 5),
    ('motorsaege', 'Motorsäge', 'Chainsaw', 6),
    ('heckenschere', 'Heckenschere', 'Hedge trimmer', 7),
    ('radlader', 'Radlader', 'Wheel loader', 8);

create table yards (
    id integer primary key,
    municipality_id integer not null references municipalities (id) on delete cascade,
    -- The office the yard belongs to; Bauhof staff of that department work from it.
    department_id integer references departments (id) on delete set null,
    code text not null,
    name text not null,
    address text not null,
    lat real not null,
    lon real not null,
    unique (municipality_id, code)
);

create table units (
    id integer primary key,
    municipality_id integer not null references municipalities (id) on delete cascade,
    yard_id integer not null references yards (id),
    type_id integer not null references equipment_types (id),
    inventory_number text not null,
    -- available, in_use, in_repair, retired
    status text not null default 'available',
    notes text not null default '',
    photo_key text,
    version integer not null default 1,
    created_at integer not null,
    updated_at integer not null,
    unique (municipality_id, inventory_number)
);

create index units_by_type on units (municipality_id, type_id, status);

-- A unit published to a partner municipality, which may then borrow it.
create table unit_shares (
    unit_id integer not null references units (id) on delete cascade,
    partner_id integer not null references municipalities (id) on delete cascade,
    created_at integer not null,
    primary key (unit_id, partner_id)
);

-- A breakdown reported from the field, with the replacement asked for (if any).
create table breakdowns (
    id integer primary key,
    municipality_id integer not null references municipalities (id) on delete cascade,
    requester_id integer references accounts (id) on delete set null,
    unit_id integer not null references units (id),
    damage text not null,
    description text not null default '',
    photo_key text,
    lat real,
    lon real,
    place text not null default '',
    needs_replacement integer not null default 0,
    wanted_type_id integer references equipment_types (id),
    wanted_from integer,
    wanted_until integer,
    -- deliver, pickup
    delivery text,
    -- requested, allocated, on_the_way, ready_for_pickup, done, declined
    status text not null default 'requested',
    reason text,
    version integer not null default 1,
    created_at integer not null,
    updated_at integer not null
);

create index breakdowns_open on breakdowns (municipality_id, status, created_at);
create index breakdowns_by_requester on breakdowns (requester_id, created_at);

-- Who has a unit when. Overlapping reservations of one unit are impossible: the triggers
-- below refuse them (also an extension into another reservation); back-to-back ones are fine
-- ([start, end) ranges). Writers take the write lock first, so two managers allocating at the
-- same moment are serialised and the second sees the first's reservation.
create table reservations (
    id integer primary key,
    unit_id integer not null references units (id) on delete cascade,
    breakdown_id integer references breakdowns (id) on delete set null,
    -- The municipality that has the unit (its own, or a partner that borrows it).
    borrower_id integer not null references municipalities (id) on delete cascade,
    -- Who has it in hand: the worker it replaces a machine for, or who checked it out.
    holder_id integer references accounts (id) on delete set null,
    starts_at integer not null,
    ends_at integer not null,
    -- What it is for, for reservations planned ahead ("Grünpflege Bürgerpark").
    note text not null default '',
    created_by integer references accounts (id) on delete set null,
    created_at integer not null,
    cancelled_at integer,
    check (ends_at > starts_at)
);

create trigger reservations_no_overlap_insert before insert on reservations
when new.cancelled_at is null
begin
    select raise(abort, 'reservations_no_overlap')
    where exists (select 1 from reservations r where r.unit_id = new.unit_id
        and r.cancelled_at is null and r.starts_at < new.ends_at and new.starts_at < r.ends_at);
end;

create trigger reservations_no_overlap_update before update of unit_id, starts_at, ends_at, cancelled_at on reservations
when new.cancelled_at is null
begin
    select raise(abort, 'reservations_no_overlap')
    where exists (select 1 from reservations r where r.unit_id = new.unit_id and r.id <> new.id
        and r.cancelled_at is null and r.starts_at < new.ends_at and new.starts_at < r.ends_at);
end;

create index reservations_by_unit on reservations (unit_id, starts_at);

create table repairs (
    id integer primary key,
    unit_id integer not null references units (id) on delete cascade,
    breakdown_id integer references breakdowns (id) on delete set null,
    what text not null,
    since integer not null,
    reported_by integer references accounts (id) on delete set null,
    closed_at integer,
    closed_by integer references accounts (id) on delete set null,
    outcome text
);

create index repairs_open on repairs (unit_id, closed_at);

-- A request the own yard cannot serve, asked of a partner's fleet manager.
create table loan_requests (
    id integer primary key,
    breakdown_id integer not null references breakdowns (id) on delete cascade,
    lender_id integer not null references municipalities (id) on delete cascade,
    -- The shared unit asked for; the lender may give another free one of the same type.
    unit_id integer not null references units (id) on delete cascade,
    -- asked, accepted, declined
    status text not null default 'asked',
    reservation_id integer references reservations (id) on delete set null,
    reason text,
    created_at integer not null,
    decided_at integer,
    decided_by integer references accounts (id) on delete set null
);

create index loan_requests_by_lender on loan_requests (lender_id, status, created_at);

-- Every change to units, breakdowns, reservations, repairs and loans: who, when, what.
create table equipment_log (
    id integer primary key,
    municipality_id integer not null references municipalities (id) on delete cascade,
    unit_id integer references units (id) on delete cascade,
    breakdown_id integer references breakdowns (id) on delete cascade,
    kind text not null,
    detail text not null default '',
    actor_id integer references accounts (id) on delete set null,
    created_at integer not null
);

create index equipment_log_by_unit on equipment_log (unit_id, id);

-- A worker's breakdown report in progress (one question per page), one per account.
create table breakdown_drafts (
    account_id integer primary key references accounts (id) on delete cascade,
    municipality_id integer not null references municipalities (id) on delete cascade,
    data text not null,
    updated_at integer not null
);
