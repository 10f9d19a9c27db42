//! Event dates from the article date and the words of the event's clause
//! ("on Monday", "last week", "on 19 September", "earlier this year",
//! "a week later"). Without an article date nothing relative is resolved:
//! a date is never invented.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use entente_core::{DatePrecision, EventDate};

fn month(w: &str) -> Option<u32> {
    let w = w.to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w.to_ascii_lowercase().as_str() {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn number(w: &str) -> Option<i64> {
    if let Ok(n) = w.parse::<i64>() {
        return Some(n);
    }
    Some(match w.to_ascii_lowercase().as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "several" | "few" => 3,
        _ => return None,
    })
}

fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

fn day_of(d: NaiveDate, p: DatePrecision) -> EventDate {
    EventDate {
        date: d,
        precision: p,
    }
}

/// A date expression found in a run of words.
///
/// `words` are the words of the event's clause in text order; `article` is
/// the article date; `reference` the date of the previous dated event (for
/// "a week later"). Returns `None` when no expression resolves.
pub fn resolve(
    words: &[&str],
    article: Option<EventDate>,
    reference: Option<EventDate>,
) -> Option<EventDate> {
    let lw: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    let at = |i: usize| lw.get(i).map(String::as_str).unwrap_or("");
    // Absolute dates carrying a year are usable without an article date.
    for i in 0..lw.len() {
        if let Some(m) = month(at(i)) {
            // "19 September 2014", "September 19, 2014", "September 2014", "19 September"
            let (day, year) = if let Ok(d) = at(i.wrapping_sub(1)).parse::<u32>() {
                let y = at(i + 1).parse::<i32>().ok().filter(|y| *y > 1000);
                (Some(d), y)
            } else if let Ok(d) = at(i + 1).trim_end_matches(',').parse::<u32>() {
                if d > 31 {
                    (None, Some(d as i32))
                } else {
                    let y = at(i + 2).parse::<i32>().ok().filter(|y| *y > 1000);
                    (Some(d), y)
                }
            } else {
                (None, None)
            };
            if at(i) == "may" && day.is_none() && year.is_none() {
                continue; // the modal verb
            }
            let year = year.or_else(|| {
                let a = article?;
                // a month after the article's month is last year's
                let y = a.date.year();
                Some(if m > a.date.month() + 1 { y - 1 } else { y })
            })?;
            return match day {
                Some(d) => {
                    NaiveDate::from_ymd_opt(year, m, d).map(|x| day_of(x, DatePrecision::Day))
                }
                None => {
                    NaiveDate::from_ymd_opt(year, m, 1).map(|x| day_of(x, DatePrecision::Month))
                }
            };
        }
        if at(i).len() == 4
            && at(i).bytes().all(|b| b.is_ascii_digit())
            && matches!(at(i.wrapping_sub(1)), "in" | "during" | "since")
        {
            let y: i32 = at(i).parse().ok()?;
            if (1900..2100).contains(&y) {
                return NaiveDate::from_ymd_opt(y, 1, 1).map(|x| day_of(x, DatePrecision::Year));
            }
        }
    }
    let a = article?;
    let d = a.date;
    for i in 0..lw.len() {
        let w = at(i);
        if let Some(wd) = weekday(w) {
            // the most recent such day on or before the article date
            let back = (7 + d.weekday().num_days_from_monday() as i64
                - wd.num_days_from_monday() as i64)
                % 7;
            let next = matches!(at(i.wrapping_sub(1)), "next" | "coming");
            let date = if next {
                d + Duration::days((7 - back) % 7)
            } else {
                d - Duration::days(back)
            };
            return Some(day_of(date, DatePrecision::Day));
        }
        match w {
            "today" | "tonight" => return Some(day_of(d, DatePrecision::Day)),
            "yesterday" => return Some(day_of(d - Duration::days(1), DatePrecision::Day)),
            "tomorrow" => return Some(day_of(d + Duration::days(1), DatePrecision::Day)),
            "week" | "month" | "year" => {
                let prev = at(i.wrapping_sub(1));
                let off: i64 = match prev {
                    "last" | "past" | "previous" => -1,
                    "next" | "coming" => 1,
                    "this" => 0,
                    _ => {
                        // "a week later", "two weeks ago" handled below
                        continue;
                    }
                };
                return Some(match w {
                    "week" => day_of(monday(d) + Duration::weeks(off), DatePrecision::Week),
                    "month" => {
                        let (mut y, mut m) = (d.year(), d.month() as i32 + off as i32);
                        if m < 1 {
                            m += 12;
                            y -= 1;
                        } else if m > 12 {
                            m -= 12;
                            y += 1;
                        }
                        day_of(
                            NaiveDate::from_ymd_opt(y, m as u32, 1)?,
                            DatePrecision::Month,
                        )
                    }
                    _ => day_of(
                        NaiveDate::from_ymd_opt(d.year() + off as i32, 1, 1)?,
                        DatePrecision::Year,
                    ),
                });
            }
            "weeks" | "days" | "months" | "years" => {}
            _ => {}
        }
        // "N days/weeks ago", "a week later"
        if matches!(
            at(i + 1),
            "day" | "days" | "week" | "weeks" | "month" | "months" | "year" | "years"
        ) && matches!(at(i + 2), "ago" | "later" | "earlier" | "after" | "before")
        {
            if let Some(k) = number(w) {
                let unit = at(i + 1).trim_end_matches('s');
                let base = if matches!(at(i + 2), "later" | "after") {
                    reference.unwrap_or(a).date
                } else {
                    d
                };
                let sign = if matches!(at(i + 2), "ago" | "earlier" | "before") {
                    -1
                } else {
                    1
                };
                let (delta, prec) = match unit {
                    "day" => (Duration::days(k), DatePrecision::Day),
                    "week" => (Duration::weeks(k), DatePrecision::Week),
                    "month" => (Duration::days(30 * k), DatePrecision::Month),
                    _ => (Duration::days(365 * k), DatePrecision::Year),
                };
                let date = if sign < 0 { base - delta } else { base + delta };
                return Some(day_of(date, prec));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art() -> Option<EventDate> {
        EventDate::parse_iso("2014-09-25") // a Thursday
    }

    #[test]
    fn relative_dates() {
        let r = resolve(&["on", "Monday"], art(), None).unwrap();
        assert_eq!(r.to_string(), "2014-09-22");
        let r = resolve(&["last", "week"], art(), None).unwrap();
        assert_eq!(
            (r.to_string().as_str(), r.precision),
            ("2014-09-15", DatePrecision::Week)
        );
        let r = resolve(&["on", "19", "September"], art(), None).unwrap();
        assert_eq!(r.to_string(), "2014-09-19");
        let r = resolve(&["earlier", "this", "year"], art(), None).unwrap();
        assert_eq!(
            (r.to_string().as_str(), r.precision),
            ("2014-01-01", DatePrecision::Year)
        );
        let prev = resolve(&["last", "week"], art(), None);
        let r = resolve(&["a", "week", "later"], art(), prev).unwrap();
        assert_eq!(r.to_string(), "2014-09-22");
    }

    #[test]
    fn nothing_without_article_date() {
        assert!(resolve(&["last", "week"], None, None).is_none());
        assert!(resolve(&["on", "Monday"], None, None).is_none());
        assert!(resolve(&["they", "may", "meet"], art(), None).is_none());
        // an explicit year needs no article date
        assert_eq!(
            resolve(&["on", "19", "September", "2014"], None, None)
                .unwrap()
                .to_string(),
            "2014-09-19"
        );
    }
}
