//! The Kiezwerk server: citizens' reports routed to the responsible department, with the
//! web interface (Leptos), the Open311 API and the municipal configuration behind them.

pub mod apikeys;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod drafts;
pub mod http;
pub mod jobs;
pub mod open311;
pub mod ops;
pub mod photos;
pub mod reports;
pub mod routing;
pub mod spatial;
pub mod state;
pub mod tenants;
pub mod triage;
pub mod web;
