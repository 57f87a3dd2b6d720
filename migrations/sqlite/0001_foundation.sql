-- Tenants and their configuration: departments, categories, areas, routing rules.
create table municipalities (
    id integer primary key,
    slug text not null unique,
    name text not null,
    reference_prefix text not null unique,
    boundary text not null,
    created_at integer not null,
    updated_at integer not null
);

create table departments (
    id integer primary key,
    municipality_id integer not null references municipalities (id) on delete cascade,
    code text not null,
    name_de text not null,
    name_en text not null,
    email text not null,
    unique (municipality_id, code)
);

create table category_groups (
    id integer primary key,
    municipality_id integer not null references municipalities (id) on delete cascade,
    code text not null,
    name_de text not null,
    name_en text not null,
    position integer not null,
    unique (municipality_id, code)
);

create table categories (
    id integer primary key,
    municipality_id integer not null references municipalities (id) on delete cascade,
    group_id integer not null references category_groups (id) on delete cascade,
    code text not null,
    name_de text not null,
    name_en text not null,
    hint_de text,
    hint_en text,
    questions text not null default '[]',
    position integer not null,
    active integer not null default 1,
    unique (municipality_id, code)
);

create table areas (
    id integer primary key,
    municipality_id integer not null references municipalities (id) on delete cascade,
    code text not null,
    name text not null,
    kind text not null,
    geometry text not null,
    unique (municipality_id, code)
);

create table routing_rules (
    id integer primary key,
    municipality_id integer not null references municipalities (id) on delete cascade,
    category_id integer references categories (id) on delete cascade,
    group_id integer references category_groups (id) on delete cascade,
    area_id integer references areas (id) on delete cascade,
    department_id integer not null references departments (id) on delete cascade,
    priority integer not null default 0,
    check (category_id is null or group_id is null)
);

create table api_keys (
    id integer primary key,
    municipality_id integer not null references municipalities (id) on delete cascade,
    name text not null,
    key_hash text not null unique,
    created_at integer not null,
    revoked_at integer
);

-- Reports and what happened to them.
create table reports (
    id integer primary key,
    municipality_id integer not null references municipalities (id),
    reference text not null unique,
    year integer not null,
    seq integer not null,
    category_id integer not null references categories (id),
    area_id integer references areas (id),
    department_id integer not null references departments (id),
    status text not null,
    lat real,
    lon real,
    address text,
    description text not null,
    answers text not null default '{}',
    reporter_email text,
    access_hash text not null,
    channel text not null,
    api_key_id integer references api_keys (id),
    created_at integer not null,
    updated_at integer not null,
    unique (municipality_id, year, seq)
);

create index reports_by_municipality_created on reports (municipality_id, created_at);

create table report_sequences (
    municipality_id integer not null references municipalities (id) on delete cascade,
    year integer not null,
    last integer not null,
    primary key (municipality_id, year)
);

create table report_photos (
    id integer primary key,
    report_id integer not null references reports (id) on delete cascade,
    position integer not null,
    storage_key text not null unique,
    width integer not null,
    height integer not null,
    created_at integer not null
);

create index report_photos_by_report on report_photos (report_id, position);

create table report_events (
    id integer primary key,
    report_id integer not null references reports (id) on delete cascade,
    kind text not null,
    visibility text not null check (visibility in ('public', 'internal')),
    data text not null default '{}',
    created_at integer not null
);

create index report_events_by_report on report_events (report_id, id);

-- The web flow's answers before submission; the id is the SHA-256 of the cookie token.
-- A submitted draft remembers its report until it expires, so a repeated submit (double
-- click, reload) shows the same confirmation instead of an error.
create table drafts (
    id text primary key,
    data text not null,
    flash text,
    submitted_reference text,
    submitted_access text,
    created_at integer not null,
    updated_at integer not null,
    expires_at integer not null
);

create index drafts_by_expiry on drafts (expires_at);

create table draft_photos (
    id integer primary key,
    draft_id text not null references drafts (id) on delete cascade,
    storage_key text not null unique,
    width integer not null,
    height integer not null,
    gps_lat real,
    gps_lon real,
    created_at integer not null
);

create index draft_photos_by_draft on draft_photos (draft_id, id);
