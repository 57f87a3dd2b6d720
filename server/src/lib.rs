//! The Kiezwerk server: citizens' reports routed to the responsible department, with the
//! web interface (Leptos), the Open311 API and the municipal configuration behind them.
//!
//! [`core`] is the lower layer and knows no domain. Above it one module per domain, each with
//! its routes, its SQL, the port its pages use and its tests; domains import each other only
//! downwards, in this order: [`tenants`], [`routing`], [`photos`], [`reports`], [`auth`],
//! [`triage`], [`open311`], [`ops`], [`equipment`]. [`server`] assembles them into one application; [`jobs`]
//! runs their background work; [`cli`] is the command line. See ARCHITECTURE.md.

pub mod core;

pub mod auth;
pub mod equipment;
pub mod open311;
pub mod ops;
pub mod photos;
pub mod reports;
pub mod routing;
pub mod tenants;
pub mod trees;
pub mod triage;

pub mod cli;
pub mod demo;
pub mod jobs;
pub mod server;
