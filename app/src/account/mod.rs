//! Bürger-ID: signing up and in with passkeys, the account page, recovery, invitations, the
//! municipal administration of staff, and the developers' outbox.

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;
pub mod serverfns;
