-- State that several servers behind a load balancer must share.

-- Rate-limit token buckets, one per limit and client (an IP address or an API key's id).
-- Rows of clients quiet for longer than a full refill are deleted by the background jobs.
create table rate_limits (
    scope text not null,
    client text not null,
    tokens real not null,
    -- Whether the last request was let through; written by the same upsert that takes a token.
    allowed integer not null,
    updated_at integer not null,
    primary key (scope, client)
);

create index rate_limits_by_age on rate_limits (updated_at);

-- The version of the municipalities' configuration: every import raises it in its
-- transaction, and every server polls it and reloads the configuration when it changed.
create table config_version (
    id integer primary key check (id = 1),
    version integer not null
);

insert into config_version (id, version) values (1, 1);
