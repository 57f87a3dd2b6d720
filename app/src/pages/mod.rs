//! One module per page; the report flow's steps live in `report`.

pub mod account;
pub mod admin;
pub mod home;
pub mod info;
pub mod lookup;
pub mod not_found;
pub mod outbox;
pub mod report;
pub mod status;
pub mod triage;
