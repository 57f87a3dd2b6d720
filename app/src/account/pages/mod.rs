//! Bürger-ID: signing in and up with passkeys, the account, recovery and invitations.

pub mod admin;
pub mod forms;
pub mod outbox;
pub mod overview;
pub mod passkey_pages;
pub mod platform;
