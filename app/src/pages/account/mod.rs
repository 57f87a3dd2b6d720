//! Bürger-ID: signing in and up with passkeys, the account, recovery and invitations.

pub mod forms;
pub mod overview;
pub mod passkey_pages;
