-- Adopters who asked for a mail when one of their trees is thirsty and nobody watered it for a
-- week: at most one a week (the server that moves `last_sent_at` on sends it).
create table tree_reminders (
    account_id integer primary key references accounts (id) on delete cascade,
    subscribed_at integer not null,
    last_sent_at integer,
    -- When the job last looked for thirsty trees of this person: at most daily.
    checked_at integer
);

-- Each reminder's unsubscribe link (only its SHA-256 kept): every one of them unsubscribes,
-- with one click (RFC 8058), also from an older mail.
create table tree_reminder_tokens (
    token_hash text primary key,
    account_id integer not null references accounts (id) on delete cascade,
    created_at integer not null
);
create index tree_reminder_tokens_by_account on tree_reminder_tokens (account_id);

-- A mail may carry a one-click unsubscribe address (`List-Unsubscribe`, RFC 8058).
alter table outbox add column list_unsubscribe text;
