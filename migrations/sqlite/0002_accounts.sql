-- Bürger-ID: accounts with passkeys, sessions, roles per municipality, recovery, mail, audit.

create table accounts (
    -- Never reused: an id names one person for good (enrolments, audit entries).
    id integer primary key autoincrement,
    -- The WebAuthn user handle (a UUID): what a discoverable passkey says it belongs to.
    user_handle text not null unique,
    display_name text not null,
    email text,
    email_confirmed_at integer,
    pending_email text,
    disabled_at integer,
    created_at integer not null,
    updated_at integer not null
);

create unique index accounts_by_confirmed_email on accounts (lower(email)) where email_confirmed_at is not null;

create table passkeys (
    id integer primary key,
    account_id integer not null references accounts (id) on delete cascade,
    credential_id text not null unique,
    name text not null,
    -- The credential as webauthn-rs keeps it (public key, counter, flags), JSON.
    passkey text not null,
    created_at integer not null,
    last_used_at integer,
    -- Set when the signature counter went backwards (a cloned authenticator?): never accepted again.
    flagged_at integer
);

create index passkeys_by_account on passkeys (account_id);

-- The id is the SHA-256 of the cookie token.
create table sessions (
    id text primary key,
    account_id integer not null references accounts (id) on delete cascade,
    created_at integer not null,
    last_seen_at integer not null
);

create index sessions_by_account on sessions (account_id);

-- Passkey ceremonies in progress and the context that allows them (sign-up data, recovery
-- grant, invitation); the id is the SHA-256 of the token the browser holds. Single use.
create table ceremonies (
    id text primary key,
    kind text not null,
    account_id integer references accounts (id) on delete cascade,
    context text not null default '{}',
    state text,
    created_at integer not null,
    expires_at integer not null
);

create index ceremonies_by_expiry on ceremonies (expires_at);

-- Links sent by e-mail (confirmation of an address, recovery); the id is the SHA-256 of the token.
create table email_tokens (
    id text primary key,
    account_id integer not null references accounts (id) on delete cascade,
    purpose text not null check (purpose in ('confirm', 'recover')),
    email text not null,
    created_at integer not null,
    expires_at integer not null,
    used_at integer
);

-- Codes handed over in person at the Bürgerbüro; the id is the SHA-256 of the code.
create table recovery_codes (
    id text primary key,
    account_id integer not null references accounts (id) on delete cascade,
    issued_by integer references accounts (id) on delete set null,
    created_at integer not null,
    expires_at integer not null,
    used_at integer
);

-- Roles per municipality; a platform administrator has no municipality.
create table role_grants (
    id integer primary key,
    account_id integer not null references accounts (id) on delete cascade,
    role text not null,
    municipality_id integer references municipalities (id) on delete cascade,
    department_id integer references departments (id) on delete cascade,
    granted_by integer references accounts (id) on delete set null,
    created_at integer not null
);

create index role_grants_by_account on role_grants (account_id);

create table invitations (
    id text primary key,
    role text not null,
    municipality_id integer references municipalities (id) on delete cascade,
    department_id integer references departments (id) on delete cascade,
    note text not null default '',
    created_by integer references accounts (id) on delete set null,
    created_at integer not null,
    expires_at integer not null,
    used_at integer,
    used_by integer references accounts (id) on delete set null
);

-- Mail to send; without SMTP configured it stays here (the developers' outbox).
create table outbox (
    id integer primary key,
    to_address text not null,
    subject text not null,
    body text not null,
    created_at integer not null,
    sent_at integer,
    attempts integer not null default 0,
    -- A server sending this mail holds it until then; after a failure it is retried later.
    claimed_until integer,
    last_error text
);

create index outbox_unsent on outbox (sent_at, id);

-- Sign-in and security events. Never secrets; the IP address for abuse handling.
create table audit_log (
    id integer primary key,
    at integer not null,
    event text not null,
    account_id integer,
    actor_id integer,
    municipality_id integer,
    ip text,
    detail text not null default ''
);

create index audit_log_by_account on audit_log (account_id, id);
create index audit_log_by_municipality on audit_log (municipality_id, id);

alter table reports add column account_id integer references accounts (id) on delete set null;
create index reports_by_account on reports (account_id);
