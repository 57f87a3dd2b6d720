//! Identifiers that travel between the pages and the server: database ids as their own types
//! (an account's id cannot be passed where a department's is meant), and report references.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id {
    ($(#[doc = $doc:literal])* $name:ident) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse().map($name)
            }
        }
    };
}

id! {
    /// A report's database id (the public name is its [`Reference`]).
    ReportId
}
id! {
    /// A person's account.
    AccountId
}
id! {
    /// A department of a municipality.
    DepartmentId
}
id! {
    /// A municipality (tenant).
    MunicipalityId
}

/// A report's public reference: the municipality's prefix, the year of submission in Berlin
/// and a number per year, `BER-2026-000123`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
pub struct Reference(String);

impl Reference {
    pub fn new(prefix: &str, year: i64, seq: i64) -> Reference {
        Reference(format!("{prefix}-{year}-{seq:06}"))
    }

    /// A typed reference, normalised ("ber-2026-123" → "BER-2026-000123"); `None` if it
    /// cannot be one.
    pub fn parse(input: &str) -> Option<Reference> {
        let input = input.trim().to_ascii_uppercase();
        let mut parts = input.split('-');
        let (prefix, year, seq) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some()
            || prefix.is_empty()
            || prefix.len() > 8
            || !prefix.chars().all(|c| c.is_ascii_uppercase())
            || year.len() != 4
        {
            return None;
        }
        let year: i64 = year.parse().ok()?;
        let seq: i64 = seq.parse().ok().filter(|s| *s > 0)?;
        Some(Reference::new(prefix, year, seq))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Decoding and encoding of an enum stored as text: `code()` is written, `parse()` reads, and
/// a value the enum does not know is an error — never a default that hides a bad row.
#[cfg(feature = "ssr")]
#[macro_export]
macro_rules! stored_as_text {
    ($type:ty) => {
        impl sqlx::Type<sqlx::Any> for $type {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <str as sqlx::Type<sqlx::Any>>::type_info()
            }
        }

        impl<'r> sqlx::Decode<'r, sqlx::Any> for $type {
            fn decode(
                value: <sqlx::Any as sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let code = <String as sqlx::Decode<'r, sqlx::Any>>::decode(value)?;
                <$type>::parse(&code)
                    .ok_or_else(|| format!("unknown {} {code:?}", stringify!($type)).into())
            }
        }

        impl<'q> sqlx::Encode<'q, sqlx::Any> for $type {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'q, sqlx::Any>>::encode(self.code(), buf)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_zero_padded_and_normalised() {
        assert_eq!(Reference::new("BER", 2026, 123).as_str(), "BER-2026-000123");
        assert_eq!(
            Reference::parse(" ber-2026-123 ")
                .map(|r| r.to_string())
                .as_deref(),
            Some("BER-2026-000123")
        );
        assert_eq!(Reference::parse("BER-2026-0"), None);
        assert_eq!(Reference::parse("BER-26-1"), None);
        assert_eq!(Reference::parse("BER-2026-1-2"), None);
        assert_eq!(Reference::parse("../etc"), None);
    }

    #[test]
    fn ids_read_from_form_values_and_print_as_numbers() {
        assert_eq!(" 42 ".parse::<DepartmentId>(), Ok(DepartmentId(42)));
        assert!("x".parse::<AccountId>().is_err());
        assert_eq!(MunicipalityId(7).to_string(), "7");
    }
}
