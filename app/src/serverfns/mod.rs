//! Server functions: the HTTP endpoints behind the pages' forms and data. Each form posts to one
//! of these as a plain HTML form, so everything works without JavaScript; each answers with a
//! `303 See Other` to the next page (post/redirect/get).

pub mod account;
pub mod language;
pub mod report_flow;
pub mod status;
pub mod triage;
