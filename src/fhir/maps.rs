//! The mapping tables (`src/fhir/maps/*.toml`, embedded as canonical JSON by `build.rs`): which code
//! of which system gives which answer of the profile. Read once, indexed by (system URI, code).

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The tables as `build.rs` embeds them, and their digest.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/fhir_maps.rs"));
}

/// Which mapping tables an import used: their version and digest (the SHA-256 of the canonical
/// JSON of every table, docs/fhir.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MappingsId {
    /// The tables' version (`src/fhir/maps/manifest.toml`).
    pub version: String,
    /// `sha256:` of their canonical form.
    pub digest: String,
    /// The day they were last checked against their sources.
    pub checked: String,
    /// The day by which they should be checked again.
    #[serde(rename = "reviewBy")]
    pub review_by: String,
}

/// The code system URIs of a short name (`loinc` → `http://loinc.org`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct Manifest {
    pub version: String,
    pub checked: String,
    pub review_by: String,
    pub systems: BTreeMap<String, Vec<String>>,
}

/// What every table says of itself.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct Table<G> {
    pub checked: String,
    pub review_by: String,
    #[serde(default = "Vec::new")]
    pub group: Vec<G>,
}

/// A group of codes with the same meaning, from one source.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct Group {
    /// A test of the profile (tests.toml).
    pub test: Option<String>,
    /// A result (results.toml).
    pub result: Option<String>,
    /// A condition of the profile (conditions.toml).
    pub condition: Option<String>,
    /// Organs the person no longer has (conditions.toml).
    pub organs: Option<BTreeMap<String, bool>>,
    /// One breast removed: `left` or `right` (conditions.toml).
    pub breast: Option<String>,
    /// A positive statement that there are no known problems (conditions.toml).
    pub no_known_problems: Option<bool>,
    /// The antigens a vaccine carries (vaccines.toml).
    pub antigens: Option<Vec<String>>,
    /// A relation of the profile (relations.toml).
    pub relation: Option<String>,
    /// An ancestry of the profile (ancestry.toml).
    pub ancestry: Option<String>,
    /// The relation when the relative is female, and when male (relations.toml).
    pub female: Option<String>,
    pub male: Option<String>,
    /// The codes are categories of a hierarchical classification (ICD-10): a code counts when it
    /// is one of them or below one (`C50` holds `C50.9` and `C509`).
    #[serde(default)]
    pub prefix: bool,
    /// Why codes that look relevant give nothing to the profile.
    pub not_used: Option<String>,
    /// A caveat reported when the group is used.
    pub note: Option<String>,
    /// Where the codes come from (a key of sources.toml).
    #[allow(dead_code)] // read by the tests: every code has a source
    pub source: String,
    /// `system:code`.
    pub codes: Vec<String>,
}

/// conditions.toml: the groups, and the conditions that count when they are past.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct ConditionsTable {
    pub checked: String,
    pub review_by: String,
    pub history: Vec<String>,
    /// Conditions that are never a relative's history.
    pub personal_only: Vec<String>,
    pub group: Vec<Group>,
}

/// vaccines.toml: the antigens each vaccine of the profile needs, and the groups.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct VaccinesTable {
    pub checked: String,
    pub review_by: String,
    pub vaccines: BTreeMap<String, Vec<String>>,
    pub group: Vec<Group>,
}

/// An answer to an observation (smoking status, pregnancy).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct Answer {
    pub status: Option<String>,
    pub pregnant: Option<bool>,
    pub not_used: Option<String>,
    #[allow(dead_code)] // read by the tests: every code has a source
    pub source: String,
    pub codes: Vec<String>,
}

/// One kind of observation: its codes, its answers or its units.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct ObservationKind {
    #[allow(dead_code)] // read by the tests: every code has a source
    pub source: String,
    pub codes: Vec<String>,
    #[serde(default)]
    pub answer: Vec<Answer>,
    /// UCUM code → factor to the profile's unit.
    #[serde(default)]
    pub units: BTreeMap<String, f64>,
}

/// observations.toml.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct ObservationsTable {
    pub checked: String,
    pub review_by: String,
    pub smoking: ObservationKind,
    pub pack_years: ObservationKind,
    pub height: ObservationKind,
    pub weight: ObservationKind,
    pub pregnancy: ObservationKind,
}

/// lists.toml: the lists that can say "none".
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct ListsTable {
    pub checked: String,
    pub review_by: String,
    pub nil_known: Vec<String>,
    pub list: Vec<ListKind>,
}

/// A list of the profile and the List codes that name it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct ListKind {
    pub field: String,
    #[allow(dead_code)] // read by the tests: every code has a source
    pub source: String,
    pub codes: Vec<String>,
}

/// ancestry.toml: the race extension read, its codes, and the extensions of the same kind not read.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct AncestryTable {
    pub checked: String,
    pub review_by: String,
    /// The URL of the race extension (US Core).
    pub race: String,
    pub not_read: Vec<NotReadExtension>,
    pub group: Vec<Group>,
}

/// A Patient extension that gives no ancestry, and why.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct NotReadExtension {
    pub url: String,
    pub reason: String,
    #[allow(dead_code)] // read by the tests: every code has a source
    pub source: String,
}

/// sex.toml.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct SexTable {
    pub checked: String,
    pub review_by: String,
    pub birth_sex_types: Vec<String>,
    pub extension: Vec<SexExtension>,
    pub code: Vec<SexCode>,
}

/// A Patient extension about sex, and how it is read.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct SexExtension {
    pub url: String,
    pub reading: String,
    #[allow(dead_code)] // read by the tests: every code has a source
    pub source: String,
}

/// Codes that say female or male.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct SexCode {
    pub sex: String,
    #[allow(dead_code)] // read by the tests: every code has a source
    pub source: String,
    pub codes: Vec<String>,
}

/// sources.toml: where the codes come from (read by the tests, which check that every table cites
/// its sources and every source is dated).
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(super) struct Source {
    pub title: String,
    pub url: String,
    pub via: String,
    pub note: Option<String>,
    pub checked: String,
}

/// Every table, read and indexed.
pub(super) struct Maps {
    pub id: MappingsId,
    pub manifest: Manifest,
    pub tests: Table<Group>,
    pub results: Table<Group>,
    pub conditions: ConditionsTable,
    pub vaccines: VaccinesTable,
    pub relations: Table<Group>,
    pub observations: ObservationsTable,
    pub lists: ListsTable,
    pub sex: SexTable,
    pub ancestry: AncestryTable,
    #[allow(dead_code)] // read by the tests
    pub sources: BTreeMap<String, Source>,
    /// (system URI, code) → the groups of each table that hold it.
    index: HashMap<(String, String), Vec<(Kind, usize)>>,
    /// (system URI, category) of the groups whose codes are categories (`prefix`).
    categories: Vec<(String, String, Kind, usize)>,
}

/// Which table a group belongs to, in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Test,
    Result,
    Condition,
    Vaccine,
    Relation,
    Ancestry,
}

/// A coding as a resource writes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Coding {
    pub system: Option<String>,
    pub code: Option<String>,
    pub display: Option<String>,
}

impl Coding {
    /// `system|code`, as FHIR writes a token, for reasons.
    pub(super) fn token(&self) -> String {
        format!(
            "{}|{}",
            self.system.as_deref().unwrap_or(""),
            self.code.as_deref().unwrap_or("")
        )
    }
}

/// Whether an ICD-10 code is the category or below it: `C50`, `C50.9`, `C509` are below `C50`;
/// `C501A` is too, `C5` and `C51` are not.
fn is_below(code: &str, category: &str) -> bool {
    match code.strip_prefix(category) {
        Some(rest) => {
            rest.is_empty()
                || rest.starts_with('.')
                || rest.starts_with(|c: char| c.is_ascii_digit())
        }
        None => false,
    }
}

/// CVX codes are numbers: written `01` or `1` alike. Every other code is compared as written.
fn normalized(system: &str, code: &str) -> String {
    if system == "http://hl7.org/fhir/sid/cvx" {
        let trimmed = code.trim_start_matches('0');
        if trimmed.is_empty() { "0" } else { trimmed }.to_string()
    } else {
        code.to_string()
    }
}

impl Maps {
    /// The groups of table `kind` holding the coding.
    pub(super) fn groups(&self, kind: Kind, coding: &Coding) -> Vec<&Group> {
        let (Some(system), Some(code)) = (&coding.system, &coding.code) else {
            return Vec::new();
        };
        let key = (system.clone(), normalized(system, code));
        let below = self
            .categories
            .iter()
            .filter(|(s, category, k, _)| *k == kind && s == system && is_below(code, category))
            .map(|(_, _, k, i)| (*k, *i));
        self.index
            .get(&key)
            .into_iter()
            .flatten()
            .copied()
            .chain(below)
            .filter(|(k, _)| *k == kind)
            .filter_map(|(k, i)| self.table(k).get(i))
            .collect()
    }

    fn table(&self, kind: Kind) -> &[Group] {
        match kind {
            Kind::Test => &self.tests.group,
            Kind::Result => &self.results.group,
            Kind::Condition => &self.conditions.group,
            Kind::Vaccine => &self.vaccines.group,
            Kind::Relation => &self.relations.group,
            Kind::Ancestry => &self.ancestry.group,
        }
    }

    /// Whether one of `codes` (`system:code`) is the coding.
    pub(super) fn is_one_of(&self, codes: &[String], coding: &Coding) -> bool {
        let (Some(system), Some(code)) = (&coding.system, &coding.code) else {
            return false;
        };
        codes.iter().any(|short| {
            self.resolve(short)
                .iter()
                .any(|(s, c)| s == system && *c == normalized(system, code))
        })
    }

    /// `loinc:8302-2` → every (system URI, code) it stands for.
    fn resolve(&self, short: &str) -> Vec<(String, String)> {
        let Some((name, code)) = short.split_once(':') else {
            return Vec::new();
        };
        self.manifest
            .systems
            .get(name)
            .into_iter()
            .flatten()
            .map(|uri| (uri.clone(), normalized(uri, code)))
            .collect()
    }

    /// Every table's name with its checked and review-by dates.
    pub(super) fn reviews(&self) -> Vec<(&'static str, &str, &str)> {
        vec![
            ("manifest", &self.manifest.checked, &self.manifest.review_by),
            ("tests", &self.tests.checked, &self.tests.review_by),
            ("results", &self.results.checked, &self.results.review_by),
            (
                "conditions",
                &self.conditions.checked,
                &self.conditions.review_by,
            ),
            ("vaccines", &self.vaccines.checked, &self.vaccines.review_by),
            (
                "relations",
                &self.relations.checked,
                &self.relations.review_by,
            ),
            (
                "observations",
                &self.observations.checked,
                &self.observations.review_by,
            ),
            ("lists", &self.lists.checked, &self.lists.review_by),
            ("sex", &self.sex.checked, &self.sex.review_by),
            ("ancestry", &self.ancestry.checked, &self.ancestry.review_by),
        ]
        .into_iter()
        .map(|(name, checked, review_by)| (name, checked.as_str(), review_by.as_str()))
        .collect()
    }
}

fn table<T: serde::de::DeserializeOwned>(name: &str) -> Result<T, String> {
    let text = embedded::TABLES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .ok_or_else(|| format!("src/fhir/maps/{name}.toml is missing"))?;
    serde_json::from_str(text).map_err(|err| format!("src/fhir/maps/{name}.toml: {err}"))
}

fn load() -> Result<Maps, String> {
    let manifest: Manifest = table("manifest")?;
    let mut maps = Maps {
        id: MappingsId {
            version: manifest.version.clone(),
            digest: embedded::DIGEST.to_string(),
            checked: manifest.checked.clone(),
            review_by: manifest.review_by.clone(),
        },
        manifest,
        tests: table("tests")?,
        results: table("results")?,
        conditions: table("conditions")?,
        vaccines: table("vaccines")?,
        relations: table("relations")?,
        observations: table("observations")?,
        lists: table("lists")?,
        sex: table("sex")?,
        ancestry: table("ancestry")?,
        sources: table("sources")?,
        index: HashMap::new(),
        categories: Vec::new(),
    };
    let mut index: HashMap<(String, String), Vec<(Kind, usize)>> = HashMap::new();
    let mut categories = Vec::new();
    for kind in [
        Kind::Test,
        Kind::Result,
        Kind::Condition,
        Kind::Vaccine,
        Kind::Relation,
        Kind::Ancestry,
    ] {
        for (i, group) in maps.table(kind).iter().enumerate() {
            for short in &group.codes {
                let resolved = maps.resolve(short);
                if resolved.is_empty() {
                    return Err(format!("`{short}`: no such code system in manifest.toml"));
                }
                for (system, code) in resolved {
                    if group.prefix {
                        categories.push((system, code, kind, i));
                    } else {
                        index.entry((system, code)).or_default().push((kind, i));
                    }
                }
            }
        }
    }
    maps.index = index;
    maps.categories = categories;
    Ok(maps)
}

/// The tables, read on first use.
pub(super) fn maps() -> Result<&'static Maps, String> {
    static MAPS: OnceLock<Result<Maps, String>> = OnceLock::new();
    MAPS.get_or_init(load).as_ref().map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::{
        Ancestry, Condition, Organ, Relation, Sex, SmokingStatus, Test, TestResult, Vaccine,
    };

    fn all_groups(maps: &Maps) -> Vec<&Group> {
        [
            Kind::Test,
            Kind::Result,
            Kind::Condition,
            Kind::Vaccine,
            Kind::Relation,
            Kind::Ancestry,
        ]
        .into_iter()
        .flat_map(|kind| maps.table(kind))
        .collect()
    }

    #[test]
    fn every_table_loads_and_names_only_the_profiles_codes() {
        let maps = maps().unwrap();
        for group in &maps.tests.group {
            assert!(
                group
                    .test
                    .as_deref()
                    .map_or(group.not_used.is_some(), |t| Test::parse(t).is_some()),
                "{group:?}"
            );
        }
        for group in &maps.results.group {
            assert!(
                group
                    .result
                    .as_deref()
                    .map_or(group.not_used.is_some(), |r| TestResult::parse(r).is_some()),
                "{group:?}"
            );
        }
        for group in &maps.conditions.group {
            let said = usize::from(group.condition.is_some())
                + usize::from(group.organs.is_some())
                + usize::from(group.breast.is_some())
                + usize::from(group.no_known_problems.is_some())
                + usize::from(group.not_used.is_some());
            assert_eq!(said, 1, "{group:?}");
            if let Some(condition) = &group.condition {
                assert!(Condition::parse(condition).is_some(), "{condition}");
            }
            for organ in group.organs.iter().flat_map(|o| o.keys()) {
                assert!(Organ::parse(organ).is_some(), "{organ}");
            }
            if let Some(side) = &group.breast {
                assert!(side == "left" || side == "right", "{side}");
            }
        }
        for condition in maps
            .conditions
            .history
            .iter()
            .chain(&maps.conditions.personal_only)
        {
            assert!(Condition::parse(condition).is_some(), "{condition}");
        }
        for (vaccine, antigens) in &maps.vaccines.vaccines {
            assert!(Vaccine::parse(vaccine).is_some(), "{vaccine}");
            assert!(!antigens.is_empty());
        }
        for group in &maps.relations.group {
            for relation in [&group.relation, &group.female, &group.male]
                .into_iter()
                .flatten()
            {
                assert!(Relation::parse(relation).is_some(), "{relation}");
            }
            assert!(group.relation.is_some() || group.female.is_some() || group.not_used.is_some());
            assert_eq!(group.female.is_some(), group.male.is_some(), "{group:?}");
        }
        for answer in &maps.observations.smoking.answer {
            assert!(answer
                .status
                .as_deref()
                .map_or(answer.not_used.is_some(), |s| SmokingStatus::parse(s)
                    .is_some()));
        }
        for field in maps.lists.list.iter().map(|l| l.field.as_str()) {
            assert!(
                ["conditions", "familyHistory", "vaccinations"].contains(&field),
                "{field}"
            );
        }
        for code in &maps.sex.code {
            assert!(Sex::parse(&code.sex).is_some());
        }
        for group in &maps.ancestry.group {
            assert!(
                group
                    .ancestry
                    .as_deref()
                    .map_or(group.not_used.is_some(), |a| Ancestry::parse(a).is_some()),
                "{group:?}"
            );
        }
        for extension in &maps.sex.extension {
            assert!(
                ["birth-sex", "birth-sex-if-typed", "recorded-sex", "not-sex"]
                    .contains(&extension.reading.as_str())
            );
        }
    }

    #[test]
    fn every_source_is_cited_and_every_table_is_dated() {
        let maps = maps().unwrap();
        let mut cited: Vec<&str> = all_groups(maps).iter().map(|g| g.source.as_str()).collect();
        let o = &maps.observations;
        for kind in [
            &o.smoking,
            &o.pack_years,
            &o.height,
            &o.weight,
            &o.pregnancy,
        ] {
            cited.push(&kind.source);
            cited.extend(kind.answer.iter().map(|a| a.source.as_str()));
        }
        cited.extend(maps.lists.list.iter().map(|l| l.source.as_str()));
        cited.extend(maps.sex.extension.iter().map(|e| e.source.as_str()));
        cited.extend(maps.sex.code.iter().map(|c| c.source.as_str()));
        cited.extend(maps.ancestry.not_read.iter().map(|e| e.source.as_str()));
        for source in &cited {
            let found = maps.sources.get(*source);
            assert!(found.is_some(), "source `{source}` is not in sources.toml");
        }
        for (key, source) in &maps.sources {
            assert!(
                cited.contains(&key.as_str()),
                "sources.toml: `{key}` is cited by no table"
            );
            assert!(crate::date::parse(&source.checked).is_some(), "{key}");
            assert!(source.url.starts_with("http"), "{key}");
            assert!(!source.title.is_empty() && !source.via.is_empty());
        }
        for (name, checked, review_by) in maps.reviews() {
            let checked = crate::date::parse(checked).unwrap();
            let review_by = crate::date::parse(review_by).unwrap();
            assert!(checked < review_by, "{name}");
        }
        assert!(maps.id.digest.starts_with("sha256:") && maps.id.digest.len() == 71);
    }

    #[test]
    fn icd10_categories_hold_the_codes_below_them() {
        assert!(is_below("C50", "C50") && is_below("C50.9", "C50") && is_below("C509", "C50"));
        assert!(!is_below("C5", "C50") && !is_below("C51", "C50") && !is_below("C50X", "C50"));
        let maps = maps().unwrap();
        let cim10 = Coding {
            system: Some("https://smt.esante.gouv.fr/terminologie-cim-10".to_string()),
            code: Some("C50.4".to_string()),
            display: None,
        };
        let found = maps.groups(Kind::Condition, &cim10);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].condition.as_deref(), Some("breast-cancer"));
    }

    #[test]
    fn cvx_codes_are_numbers_and_tdap_carries_no_polio() {
        let maps = maps().unwrap();
        let cvx = |code: &str| Coding {
            system: Some("http://hl7.org/fhir/sid/cvx".to_string()),
            code: Some(code.to_string()),
            display: None,
        };
        let tdap = maps.groups(Kind::Vaccine, &cvx("115"));
        assert_eq!(tdap.len(), 1);
        let antigens = tdap[0].antigens.clone().unwrap();
        assert!(!antigens.contains(&"polio".to_string()), "{antigens:?}");
        assert_eq!(maps.groups(Kind::Vaccine, &cvx("01")).len(), 1);
        assert_eq!(maps.groups(Kind::Vaccine, &cvx("1")).len(), 1);
        let cis = |system: &str| Coding {
            system: Some(system.to_string()),
            code: Some("60917345".to_string()),
            display: None,
        };
        for system in [
            "https://smt.esante.gouv.fr/terminologie-bdpm",
            "urn:oid:1.2.250.1.213.2.3.1",
        ] {
            assert_eq!(
                maps.groups(Kind::Vaccine, &cis(system)).len(),
                1,
                "{system}"
            );
        }
    }
}
