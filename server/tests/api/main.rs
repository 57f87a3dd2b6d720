//! API tests: the real router on a real database, each on SQLite and PostgreSQL.

mod accounts;
mod api_keys;
mod authenticator;
mod backup;
mod boundaries;
mod configuration;
mod configuration_forms;
mod equipment;
mod helpers;
mod object_storage;
mod open311;
mod open311_extensions;
mod open_data;
mod ops_and_security;
mod platform;
mod report_flow;
mod retention;
mod trees;
mod triage;
mod two_processes;
mod two_servers;
