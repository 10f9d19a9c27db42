//! Dated look-ups: the code changes before, during and after a term, for
//! people of many countries.

mod common;

use chrono::NaiveDate;
use common::actors;

fn code(name: &str, date: &str) -> String {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let r = actors()
        .kb()
        .lookup(name, Some(d))
        .unwrap_or_else(|| panic!("{name} not in the knowledge base"));
    assert!(!r.why.is_empty());
    r.code.map(|c| c.to_string()).unwrap_or_default()
}

/// (name, country, before, code, during, code, after, code)
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[test]
fn codes_change_with_terms_of_office() {
    let cases: &[Case] = &[
        (
            "Barack Obama",
            "USA",
            "2006-06-01",
            "USALEG",
            "2014-09-25",
            "USAGOV",
            "2020-01-01",
            "USAELI",
        ),
        (
            "John Kerry",
            "USA",
            "2000-01-01",
            "USALEG",
            "2015-06-01",
            "USAGOV",
            "2018-01-01",
            "USAELI",
        ),
        (
            "Hillary Clinton",
            "USA",
            "2005-01-01",
            "USALEG",
            "2010-01-01",
            "USAGOV",
            "2015-01-01",
            "USAELI",
        ),
        (
            "Mike Pompeo",
            "USA",
            "2015-01-01",
            "USALEG",
            "2019-01-01",
            "USAGOV",
            "2022-01-01",
            "USAELI",
        ),
        (
            "David Cameron",
            "GBR",
            "2007-01-01",
            "GBROPP",
            "2014-09-25",
            "GBRGOV",
            "2019-01-01",
            "GBRELI",
        ),
        (
            "Rishi Sunak",
            "GBR",
            "2019-01-01",
            "GBRELI",
            "2023-01-01",
            "GBRGOV",
            "2024-09-01",
            "GBROPP",
        ),
        (
            "Ebrahim Raisi",
            "IRN",
            "2020-01-01",
            "IRNJUD",
            "2022-01-01",
            "IRNGOV",
            "2024-06-01",
            "IRNELI",
        ),
        (
            "Hassan Rouhani",
            "IRN",
            "2010-01-01",
            "IRNELI",
            "2014-09-25",
            "IRNGOV",
            "2023-01-01",
            "IRNELI",
        ),
        (
            "Sergei Shoigu",
            "RUS",
            "2000-01-01",
            "RUSGOV",
            "2013-01-01",
            "RUSGOVMIL",
            "2025-01-01",
            "RUSGOV",
        ),
        (
            "Francois Hollande",
            "FRA",
            "2000-01-01",
            "FRAOPP",
            "2014-01-01",
            "FRAGOV",
            "2020-01-01",
            "FRAELI",
        ),
        (
            "Angela Merkel",
            "DEU",
            "2003-01-01",
            "DEUOPP",
            "2010-01-01",
            "DEUGOV",
            "2023-01-01",
            "DEUELI",
        ),
        (
            "Benjamin Netanyahu",
            "ISR",
            "2007-01-01",
            "ISROPP",
            "2012-01-01",
            "ISRGOV",
            "2022-01-01",
            "ISROPP",
        ),
        (
            "Ahmet Davutoglu",
            "TUR",
            "2005-01-01",
            "TURELI",
            "2015-01-01",
            "TURGOV",
            "2018-01-01",
            "TURELI",
        ),
        (
            "Mohamed Morsi",
            "EGY",
            "2011-06-01",
            "EGYOPP",
            "2013-01-01",
            "EGYGOV",
            "2014-01-01",
            "EGYELI",
        ),
        (
            "Manmohan Singh",
            "IND",
            "2000-01-01",
            "INDOPP",
            "2010-01-01",
            "INDGOV",
            "2015-01-01",
            "INDELI",
        ),
        (
            "Shinzo Abe",
            "JPN",
            "2010-01-01",
            "JPNELI",
            "2015-01-01",
            "JPNGOV",
            "2021-01-01",
            "JPNELI",
        ),
        (
            "Justin Trudeau",
            "CAN",
            "2014-01-01",
            "CANOPP",
            "2016-01-01",
            "CANGOV",
            "2025-06-01",
            "CANELI",
        ),
        (
            "Jair Bolsonaro",
            "BRA",
            "2010-01-01",
            "BRALEG",
            "2020-01-01",
            "BRAGOV",
            "2023-06-01",
            "BRAELI",
        ),
        (
            "Yoon Suk Yeol",
            "KOR",
            "2020-01-01",
            "KORJUD",
            "2023-01-01",
            "KORGOV",
            "2025-06-01",
            "KORELI",
        ),
        (
            "Haider al-Abadi",
            "IRQ",
            "2010-01-01",
            "IRQLEG",
            "2016-01-01",
            "IRQGOV",
            "2020-01-01",
            "IRQELI",
        ),
        (
            "Jens Stoltenberg",
            "NOR",
            "2010-01-01",
            "NORGOV",
            "2016-01-01",
            "IGOWSTNAT",
            "2025-06-01",
            "NORGOV",
        ),
        (
            "Bashar al-Assad",
            "SYR",
            "1999-01-01",
            "SYRELI",
            "2014-09-25",
            "SYRGOV",
            "2025-03-01",
            "SYRELI",
        ),
        (
            "Tony Abbott",
            "AUS",
            "2011-01-01",
            "AUSOPP",
            "2014-01-01",
            "AUSGOV",
            "2016-01-01",
            "AUSELI",
        ),
        (
            "Nicolas Maduro",
            "VEN",
            "2010-01-01",
            "VENGOV",
            "2014-01-01",
            "VENGOV",
            "2005-01-01",
            "VENELI",
        ),
    ];
    let mut people = 0;
    let mut countries = std::collections::BTreeSet::new();
    for &(name, country, b, bc, d, dc, a, ac) in cases {
        assert_eq!(code(name, b), bc, "{name} on {b}");
        assert_eq!(code(name, d), dc, "{name} on {d}");
        assert_eq!(code(name, a), ac, "{name} on {a}");
        if bc != dc && dc != ac {
            people += 1;
            countries.insert(country);
        }
    }
    assert!(people >= 20, "{people} people with a term-specific code");
    assert!(countries.len() >= 10, "{} countries", countries.len());
}

#[test]
fn curated_dates_override_stale_imported_ones() {
    // Phoenix codes John Kerry USAGOV from 2013 with no end; the curated
    // entry ends the term on 2017-01-20.
    assert_eq!(
        code("Secretary of State John Kerry", "2018-06-01"),
        "USAELI"
    );
    // Donald Trump: two non-consecutive terms.
    assert_eq!(code("Donald Trump", "2018-06-01"), "USAGOV");
    assert_eq!(code("Donald Trump", "2022-06-01"), "USAELI");
    assert_eq!(code("Trump", "2025-06-01"), "USAGOV");
}

#[test]
fn lookup_explains_and_handles_unknowns() {
    let kb = actors().kb();
    let d = NaiveDate::from_ymd_opt(2014, 9, 25);
    let r = kb.lookup("Hassan Rouhani", d).unwrap();
    assert_eq!(r.code.unwrap().as_str(), "IRNGOV");
    assert!(r.why.contains("President of Iran"), "{}", r.why);
    assert!(r.why.contains("2013-08-03"), "{}", r.why);
    let t = kb.lookup("Tehran", d).unwrap();
    assert_eq!(t.code.unwrap().as_str(), "IRNGOV");
    assert!(t.why.contains("GOV"));
    assert_eq!(
        kb.lookup("the West", d).unwrap().code.unwrap().as_str(),
        "WST"
    );
    assert_eq!(kb.lookup("U.S.", d).unwrap().code.unwrap().as_str(), "USA");
    assert!(kb.lookup("Zyxwv Qwerty", d).is_none());
    // Without a date: the most recent role.
    assert_eq!(
        kb.lookup("Rouhani", None).unwrap().code.unwrap().as_str(),
        "IRNGOV"
    );
}
