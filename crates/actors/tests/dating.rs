//! Undated articles get a date window from the office-holders they name in
//! their office, narrowed by a day named in the text, stored as inferred.

mod common;

use chrono::NaiveDate;
use common::{annotate, shared};
use entente_core::DatePrecision;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn seed_without_a_date_gets_an_inferred_window() {
    let Some(dir) = shared() else {
        eprintln!("shared/ not found: skipped");
        return;
    };
    let text = std::fs::read_to_string(dir.join("seed/iran-west-common-enemy.txt")).unwrap();
    let doc = annotate(&text, None);
    let inf = doc.inferred_date.as_ref().expect("a date is inferred");
    eprintln!("{inf:?}");
    assert!(
        inf.from >= d("2013-08-03") && inf.to <= d("2016-07-13"),
        "{inf:?}"
    );
    assert!(
        inf.from <= d("2014-09-19") && d("2014-09-19") <= inf.to,
        "{inf:?}"
    );
    assert!(inf.reason.contains("office-holders named in office"));
    let date = doc.date().unwrap();
    assert_eq!(date.precision, DatePrecision::Inferred);
    assert!(doc
        .article
        .notes
        .iter()
        .any(|n| n.starts_with("date inferred")));
}

#[test]
fn terms_of_office_intersect_and_a_weekday_picks_the_day() {
    // Hollande 2012-05-15..2017-05-14, Merkel 2005..2021, Obama 2009..2017:
    // Friday 13 November in that window is 2015 only.
    let text = "French President Francois Hollande spoke with German Chancellor Angela Merkel \
                and US President Barack Obama on Friday, 13 November, about the attacks.";
    let doc = annotate(text, None);
    let inf = doc.inferred_date.as_ref().expect("a date is inferred");
    assert_eq!(inf.date, d("2015-11-13"), "{inf:?}");
    assert_eq!((inf.from, inf.to), (d("2015-11-13"), d("2015-11-13")));
}

#[test]
fn dated_articles_and_names_without_office_are_left_alone() {
    let text = "Prime Minister David Cameron met President Barack Obama on 3 May.";
    let doc = annotate(text, Some("2012-05-04"));
    assert!(doc.inferred_date.is_none());
    // Names alone (no office written) say nothing about the date.
    let doc = annotate("David Cameron and Barack Obama talked.", None);
    assert!(doc.inferred_date.is_none());
}
