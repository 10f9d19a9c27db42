//! Code tables: Goldstein scores, CAMEO → PLOVER, and the PETRARCH internal
//! coding ontology used to combine a verb with the verb it governs.

use std::collections::HashMap;

/// PLOVER event, mode and context of a CAMEO code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plover {
    pub event: String,
    pub mode: Option<String>,
    pub context: Option<String>,
}

/// All the tables, read once.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    goldstein: HashMap<String, f32>,
    plover: HashMap<String, Plover>,
    /// CAMEO code → internal hex value.
    pico: HashMap<String, i64>,
    /// internal hex value → CAMEO code (first listed wins).
    pico_rev: HashMap<i64, String>,
}

fn eval_hex(expr: &str) -> Option<i64> {
    // `0x2040`, `-0xFFFF+0x0070`, `0x1007f`
    let mut total: i64 = 0;
    let mut sign = 1;
    let mut cur = String::new();
    let flush = |cur: &mut String, sign: i64, total: &mut i64| -> Option<()> {
        if cur.is_empty() {
            return Some(());
        }
        let v =
            i64::from_str_radix(cur.trim_start_matches("0x").trim_start_matches("0X"), 16).ok()?;
        *total += sign * v;
        cur.clear();
        Some(())
    };
    for c in expr.trim().chars() {
        match c {
            '+' => {
                flush(&mut cur, sign, &mut total)?;
                sign = 1;
            }
            '-' => {
                flush(&mut cur, sign, &mut total)?;
                sign = -1;
            }
            c if c.is_whitespace() => {}
            c => cur.push(c),
        }
    }
    flush(&mut cur, sign, &mut total)?;
    Some(total)
}

impl Tables {
    /// Reads the three tables from their text.
    pub fn parse(goldstein_tsv: &str, cameo2plover: &str, pico: &str) -> Tables {
        let mut t = Tables::default();
        for line in goldstein_tsv.lines().skip(1) {
            let mut it = line.split('\t');
            if let (Some(code), Some(g)) = (it.next(), it.next()) {
                if let Ok(g) = g.trim().parse::<f32>() {
                    t.goldstein.insert(code.trim().to_string(), g);
                }
            }
        }
        for line in cameo2plover.lines() {
            let line = line.trim();
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let body = line.split('#').next().unwrap_or("");
            let Some((code, rest)) = body.split_once(':') else {
                continue;
            };
            let code = code.trim();
            if !code.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let mut parts = rest.split(',').map(str::trim);
            let event = parts.next().unwrap_or("").to_string();
            if event.is_empty() {
                continue;
            }
            let nz = |s: Option<&str>| s.filter(|x| !x.is_empty()).map(str::to_string);
            let mode = nz(parts.next());
            let context = nz(parts.next());
            t.plover.insert(
                code.to_string(),
                Plover {
                    event,
                    mode,
                    context,
                },
            );
        }
        for line in pico.lines() {
            let line = line.trim();
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let Some((code, rest)) = line.split_once(':') else {
                continue;
            };
            let code = code.trim();
            if !code.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let first = rest.split('#').next().unwrap_or("");
            if let Some(v) = eval_hex(first) {
                t.pico.insert(code.to_string(), v);
                t.pico_rev.entry(v).or_insert_with(|| code.to_string());
            }
        }
        // PETRARCH's reverse table has one extra entry: an intent to attack
        // (030 + 190) is a threat of military force
        t.pico_rev
            .entry(0x30A0)
            .or_insert_with(|| "138".to_string());
        t
    }

    /// The embedded tables.
    pub fn embedded() -> Tables {
        Tables::parse(
            include_str!("../data/CAMEO.goldstein.phoenix.tsv"),
            include_str!("../data/CAMEO2PLOVER-2021.txt"),
            include_str!("../data/PETR.Internal.Coding.Ontology.txt"),
        )
    }

    /// Goldstein score of a code, falling back to its 3- and 2-digit parents.
    pub fn goldstein(&self, code: &str) -> f32 {
        let mut c = code;
        loop {
            if let Some(&g) = self.goldstein.get(c) {
                return g;
            }
            if c.len() <= 2 {
                return 0.0;
            }
            c = &c[..c.len() - 1];
        }
    }

    /// PLOVER mapping of a code, falling back to parents. The 2021 table
    /// leaves CAMEO 02 (appeal) out; entente maps an appeal like the
    /// corresponding demand (02x → 10x: REQUEST), since PLOVER's REQUEST
    /// covers both.
    pub fn plover(&self, code: &str) -> Option<&Plover> {
        if let Some(rest) = code.strip_prefix("02") {
            let demand = format!("10{rest}");
            return self.plover_table(&demand);
        }
        self.plover_table(code)
    }

    fn plover_table(&self, code: &str) -> Option<&Plover> {
        let mut c = code;
        loop {
            if let Some(p) = self.plover.get(c) {
                return Some(p);
            }
            if c.len() <= 2 {
                return None;
            }
            c = &c[..c.len() - 1];
        }
    }

    /// Combines an outer verb (e.g. "urge", 020 = 0x2000) with the verb it
    /// governs (e.g. "help", 070 = 0x0040) into one code (0x2040 = 023), the
    /// way PETRARCH-2's internal ontology adds them. `None` when the sum is
    /// not a code.
    pub fn combine(&self, outer: &str, inner: &str) -> Option<String> {
        let o = *self.pico.get(outer)?;
        let i = *self.pico.get(inner)?;
        // Only a pure "modifier" outer code (top nibble, nothing below) adds
        // to an inner code that has no top nibble of its own.
        if o <= 0 || o & 0x0FFF != 0 || i & 0xF000 != 0 || i <= 0 {
            return None;
        }
        self.pico_rev.get(&(o + i)).cloned()
    }

    /// The negation of a code in the internal ontology (110 ↔ 050, 060 →
    /// 121), when there is one.
    pub fn negate(&self, code: &str) -> Option<String> {
        let v = *self.pico.get(code)?;
        let n = if !(0..=0xFFFF).contains(&v) {
            v + if v < 0 { 0xFFFF } else { -0xFFFF }
        } else {
            v - 0xFFFF
        };
        self.pico_rev.get(&n).cloned()
    }

    /// The "refuse / reject" version of a code (12x), when the ontology has one.
    pub fn refuse(&self, inner: &str) -> Option<String> {
        let i = *self.pico.get(inner)?;
        self.pico_rev.get(&(i - 0xFFFF)).cloned()
    }
}

/// PLOVER 0.5 names renamed in 0.8 (DEMAND→REQUEST, DISAPPROVE and
/// INVESTIGATE→ACCUSE, FIGHT→ASSAULT).
pub fn plover_08(name: &str) -> &str {
    match name {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_read_and_combine() {
        let t = Tables::embedded();
        assert_eq!(t.goldstein("190"), -10.0);
        assert_eq!(t.goldstein("0421"), t.goldstein("042"));
        assert_eq!(t.plover("042").unwrap().event, "CONSULT");
        assert_eq!(t.plover("195").unwrap().event, "ASSAULT");
        assert_eq!(t.combine("020", "070").as_deref(), Some("023"));
        assert_eq!(t.combine("070", "020"), None);
        assert_eq!(t.refuse("060").as_deref(), Some("121"));
        assert_eq!(plover_08("FIGHT"), "ASSAULT");
        assert_eq!(t.plover("023").unwrap().event, "REQUEST");
        assert!(t.plover("010").is_none());
    }
}
