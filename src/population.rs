//! A seeded synthetic population of adults, for `vigie diff` and benchmarks: the same seed and date
//! always give the same people. The mix is shaped like an adult population — more people in middle
//! age, a few more women, common chronic conditions and smoking, partial screening and vaccination
//! histories, and unanswered questions — but the proportions are rough, chosen to exercise every
//! rule and its boundaries, not census or prevalence data.

use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use crate::date;

/// A small, fast, seeded generator (SplitMix64): good enough to spread synthetic people.
#[derive(Debug, Clone)]
pub struct Seeded(u64);

impl Seeded {
    /// A generator for person `index` of population `seed`: independent of how work is split.
    pub fn for_person(seed: u64, index: u64) -> Seeded {
        let mut g = Seeded(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        g.next_u64();
        g
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        // 53 random bits, exactly representable.
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// `true` with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A whole number in `[low, high]`.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        let span = u64::try_from(high - low + 1).unwrap_or(1).max(1);
        low + i64::try_from(self.next_u64() % span).unwrap_or(0)
    }

    /// One item of a non-empty list.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let at = usize::try_from(self.between(0, items.len() as i64 - 1)).ok()?;
        items.get(at)
    }
}

/// Age bands used to report who a change affects.
pub const AGE_BANDS: &[(i64, i64)] = &[
    (18, 24),
    (25, 34),
    (35, 44),
    (45, 54),
    (55, 64),
    (65, 74),
    (75, 84),
    (85, 120),
];

/// The band label of an age (`"45-54"`, `"85+"`).
pub fn age_band(age: i64) -> String {
    match AGE_BANDS
        .iter()
        .find(|(low, high)| (*low..=*high).contains(&age))
    {
        Some((low, 120)) => format!("{low}+"),
        Some((low, high)) => format!("{low}-{high}"),
        None => "under 18".to_string(),
    }
}

/// Relative weights of ages 18 to 95, by decade: a rough adult age pyramid.
const AGE_WEIGHTS: &[(i64, i64, f64)] = &[
    (18, 24, 1.0),
    (25, 34, 1.2),
    (35, 44, 1.25),
    (45, 54, 1.3),
    (55, 64, 1.25),
    (65, 74, 1.1),
    (75, 84, 0.7),
    (85, 95, 0.3),
];

fn age(g: &mut Seeded) -> i64 {
    let total: f64 = AGE_WEIGHTS
        .iter()
        .map(|(low, high, w)| w * (high - low + 1) as f64)
        .sum();
    let mut at = g.unit() * total;
    for (low, high, w) in AGE_WEIGHTS {
        let span = w * (high - low + 1) as f64;
        if at < span {
            return low + (at / w) as i64;
        }
        at -= span;
    }
    95
}

/// A day between `from` and `to` (inclusive), or `to` when the range is empty.
fn day_between(g: &mut Seeded, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let days = (to - from).num_days();
    if days <= 0 {
        return to;
    }
    date::plus_days(from, g.between(0, days)).unwrap_or(to)
}

fn years_before(day: NaiveDate, years: i64) -> NaiveDate {
    date::plus_years(day, -years).unwrap_or(day)
}

/// One synthetic person as a profile (JSON, docs/contract.md §1), valid on `as_of`. Each part is drawn in
/// a fixed order from the person's own generator, so the same seed always gives the same person.
pub fn person(seed: u64, index: u64, as_of: NaiveDate) -> Value {
    let g = &mut Seeded::for_person(seed, index);
    let age = age(g);
    let born = day_between(
        g,
        date::plus_days(years_before(as_of, age + 1), 1).unwrap_or(as_of),
        years_before(as_of, age),
    );
    let female = g.chance(0.52);
    let who = Who {
        as_of,
        age,
        born,
        female,
        adult: date::plus_years(born, 18).unwrap_or(born),
        older: age >= 50,
    };
    let mut profile = Map::new();
    profile.insert("birthDate".into(), json!(born.to_string()));
    profile.insert("sex".into(), json!(if female { "female" } else { "male" }));
    if female && age <= 45 && g.chance(0.6) {
        profile.insert("pregnant".into(), json!(g.chance(0.06)));
    }
    // Each part is answered with its chance (else it stays unknown), in this order.
    let parts: [(f64, Draw); 6] = [
        (0.8, smoking),
        (0.7, height_and_weight),
        (0.7, conditions),
        (0.6, family_history),
        (0.75, screenings),
        (0.6, vaccinations),
    ];
    for (chance, draw) in parts {
        if g.chance(chance) {
            profile.extend(draw(g, &who));
        }
    }
    Value::Object(profile)
}

/// What the parts of a person depend on, drawn first.
struct Who {
    as_of: NaiveDate,
    age: i64,
    born: NaiveDate,
    female: bool,
    /// The 18th birthday.
    adult: NaiveDate,
    /// 50 or older.
    older: bool,
}

/// Draws one part of a profile: its fields.
type Draw = fn(&mut Seeded, &Who) -> Map<String, Value>;

fn one(key: &str, value: Value) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert(key.into(), value);
    map
}

fn smoking(g: &mut Seeded, who: &Who) -> Map<String, Value> {
    let roll = g.unit();
    let status = if roll < 0.25 {
        "current"
    } else if roll < 0.55 {
        "former"
    } else {
        "never"
    };
    let mut smoking = Map::new();
    smoking.insert("status".into(), json!(status));
    if status != "never" && g.chance(0.7) {
        smoking.insert("packYears".into(), json!(g.between(1, 50)));
    }
    if status == "former" && g.chance(0.8) {
        smoking.insert(
            "quitDate".into(),
            json!(day_between(g, who.adult, who.as_of).to_string()),
        );
    }
    one("smoking", Value::Object(smoking))
}

fn height_and_weight(g: &mut Seeded, who: &Who) -> Map<String, Value> {
    let height = if who.female {
        g.between(150, 178)
    } else {
        g.between(162, 192)
    };
    let bmi = 19.0 + g.unit() * 14.0 + if g.chance(0.08) { 10.0 } else { 0.0 };
    let weight = (bmi * (height as f64 / 100.0).powi(2)).round();
    let mut body = one("heightCm", json!(height));
    body.insert("weightKg".into(), json!(weight));
    body
}

fn conditions(g: &mut Seeded, who: &Who) -> Map<String, Value> {
    let mut conditions = Vec::new();
    let common: &[(&str, f64, f64)] = &[
        // (condition, chance under 50, chance from 50)
        ("hypertension", 0.08, 0.30),
        ("diabetes", 0.03, 0.10),
        ("prediabetes", 0.03, 0.06),
        ("dyslipidaemia", 0.05, 0.15),
        ("chronic-respiratory-disease", 0.05, 0.07),
        ("chronic-heart-disease", 0.01, 0.07),
        ("chronic-kidney-disease", 0.01, 0.03),
        ("immunocompromised", 0.02, 0.03),
        ("colorectal-adenoma", 0.005, 0.03),
        ("inflammatory-bowel-disease", 0.01, 0.01),
    ];
    for (code, young, old) in common {
        if g.chance(if who.older { *old } else { *young }) {
            conditions.push(*code);
        }
    }
    if who.female {
        if g.chance(if who.older { 0.06 } else { 0.01 }) {
            conditions.push("hysterectomy-total");
        }
        if g.chance(0.04) {
            conditions.push("gestational-diabetes");
        }
        if who.older && g.chance(0.02) {
            conditions.push("breast-cancer");
        }
    }
    if g.chance(0.005) {
        conditions.push(if who.female { "brca1" } else { "brca2" });
    }
    one("conditions", json!(conditions))
}

fn family_history(g: &mut Seeded, _: &Who) -> Map<String, Value> {
    let relations = [
        "mother",
        "father",
        "sister",
        "brother",
        "maternal-aunt",
        "paternal-aunt",
        "maternal-grandmother",
        "paternal-grandfather",
    ];
    let family_conditions = [
        "breast-cancer",
        "colorectal-cancer",
        "ovarian-cancer",
        "diabetes",
        "aortic-aneurysm",
    ];
    let mut family = Vec::new();
    for _ in 0..g.between(0, 3) {
        let (Some(relation), Some(condition)) = (
            g.pick(&relations).copied(),
            g.pick(&family_conditions).copied(),
        ) else {
            continue;
        };
        let mut entry = one("relation", json!(relation));
        entry.insert("condition".into(), json!(condition));
        if g.chance(0.8) {
            entry.insert("ageAtDiagnosis".into(), json!(g.between(28, 85)));
        }
        family.push(Value::Object(entry));
    }
    one("familyHistory", Value::Array(family))
}

fn screenings(g: &mut Seeded, who: &Who) -> Map<String, Value> {
    let mut tests: Vec<&str> = vec!["fit", "colonoscopy", "fasting-glucose", "lipid-panel"];
    if who.female {
        tests.extend(["mammography", "cervical-cytology", "hpv-test"]);
    } else if who.age >= 60 {
        tests.push("aaa-ultrasound");
    }
    tests.push("prevention-checkup");
    let mut screenings = Vec::new();
    for test in tests {
        if g.chance(if who.older { 0.45 } else { 0.2 }) {
            let since = years_before(who.as_of, 7).max(who.adult);
            let result = if g.chance(0.04) {
                "abnormal"
            } else if g.chance(0.05) {
                "unknown"
            } else {
                "normal"
            };
            screenings.push(json!({
                "test": test,
                "date": day_between(g, since, who.as_of).to_string(),
                "result": result,
            }));
        }
    }
    one("screenings", Value::Array(screenings))
}

fn vaccinations(g: &mut Seeded, who: &Who) -> Map<String, Value> {
    let age = who.age;
    // (vaccine, chance, within how many years)
    let doses: [(&str, f64, i64); 7] = [
        ("dtp", 0.6, 25),
        ("influenza", if age >= 65 { 0.55 } else { 0.15 }, 2),
        ("covid-19", if age >= 65 { 0.35 } else { 0.1 }, 3),
        ("pneumococcal", if age >= 65 { 0.2 } else { 0.02 }, 5),
        ("shingles", if age >= 65 { 0.15 } else { 0.01 }, 3),
        ("hpv", if age <= 30 { 0.4 } else { 0.05 }, 15),
        ("rsv", if age >= 75 { 0.2 } else { 0.01 }, 2),
    ];
    let mut vaccinations = Vec::new();
    for (vaccine, chance, years) in doses {
        if g.chance(chance) {
            let since = years_before(who.as_of, years).max(who.born);
            vaccinations.push(json!({
                "vaccine": vaccine,
                "date": day_between(g, since, who.as_of).to_string(),
            }));
        }
    }
    one("vaccinations", Value::Array(vaccinations))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;

    #[test]
    fn the_same_seed_gives_the_same_people_and_every_person_is_valid() {
        let as_of = date::parse("2026-11-24").unwrap();
        for index in 0..2000 {
            let a = person(7, index, as_of);
            assert_eq!(a, person(7, index, as_of));
            if let Err(err) = Profile::from_value(&a, as_of) {
                panic!("person {index} is refused: {err:?}\n{a}");
            }
        }
        assert_ne!(person(7, 1, as_of), person(8, 1, as_of));
    }

    #[test]
    fn ages_span_adulthood_and_bands_name_them() {
        let as_of = date::parse("2026-11-24").unwrap();
        let ages: Vec<i64> = (0..5000)
            .map(|i| {
                let born = person(1, i, as_of)["birthDate"]
                    .as_str()
                    .unwrap()
                    .to_string();
                date::years_between(date::parse(&born).unwrap(), as_of)
            })
            .collect();
        assert_eq!(*ages.iter().min().unwrap(), 18);
        assert!(*ages.iter().max().unwrap() >= 90);
        assert_eq!(age_band(18), "18-24");
        assert_eq!(age_band(90), "85+");
    }
}
