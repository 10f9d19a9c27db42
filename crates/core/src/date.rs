use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
    Unknown,
    /// Not stated anywhere: inferred for an undated article (see
    /// [`crate::InferredDate`]).
    Inferred,
}

impl DatePrecision {
    /// Stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Week => "week",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
            DatePrecision::Unknown => "unknown",
            DatePrecision::Inferred => "inferred",
        }
    }
}

/// A date with its precision: "last week" is the Monday of that week with
/// [`DatePrecision::Week`]; "in 2019" is 2019-01-01 with [`DatePrecision::Year`].
///
/// ```
/// use entente_core::{EventDate, DatePrecision};
/// let d = EventDate::parse_iso("2014-09-25T10:00:00Z").unwrap();
/// assert_eq!(d.to_string(), "2014-09-25");
/// assert_eq!(d.precision, DatePrecision::Day);
/// assert!(EventDate::parse_iso("sometime").is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EventDate {
    pub date: NaiveDate,
    pub precision: DatePrecision,
}

impl EventDate {
    /// A day-precise date.
    pub fn day(date: NaiveDate) -> EventDate {
        EventDate {
            date,
            precision: DatePrecision::Day,
        }
    }

    /// Reads the date part of an ISO 8601 date or date-time (`2014-09-25`,
    /// `2014-09-25T10:00:00-05:00`, `2014-09`, `2014`).
    pub fn parse_iso(s: &str) -> Option<EventDate> {
        let s = s.trim();
        let head = s.get(..10).unwrap_or(s);
        if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
            return Some(EventDate::day(d));
        }
        if s.len() == 7 {
            if let Ok(d) = NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d") {
                return Some(EventDate {
                    date: d,
                    precision: DatePrecision::Month,
                });
            }
        }
        if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
            let y: i32 = s.parse().ok()?;
            let d = NaiveDate::from_ymd_opt(y, 1, 1)?;
            return Some(EventDate {
                date: d,
                precision: DatePrecision::Year,
            });
        }
        None
    }
}

impl std::fmt::Display for EventDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.date.format("%Y-%m-%d"))
    }
}
