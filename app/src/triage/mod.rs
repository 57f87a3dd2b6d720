//! The dispatchers' triage: the queue of a department, a report as staff see and work it, and
//! the statistics.

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;
pub mod serverfns;
