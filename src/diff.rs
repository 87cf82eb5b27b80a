//! `vigie diff A B`: what publishing B instead of A changes — over both rule sets' cases, and over
//! a seeded synthetic population — by program and status, with how many people, by age band and sex.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::cases::Case;
use crate::catalog;
use crate::files::Files;
use crate::population::{self, age_band};
use crate::{date, Options, Profile, Report, RuleSet, RuleSetId, RuleSetSources};

/// What to compare on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffOptions {
    /// How many synthetic people.
    pub people: u64,
    /// Which population (the same seed gives the same people).
    pub seed: u64,
    /// The day both rule sets are applied to the population.
    pub as_of: NaiveDate,
    /// Threads to share the population across.
    pub threads: usize,
}

/// One program's outcome for one person under one rule set: a status word, `absent` (no nudge)
/// or `error` (the rule failed), and the due date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Outcome {
    /// `due`, `up-to-date`, `upcoming`, `refer`, `info`, `absent` or `error`.
    pub status: String,
    /// The nudge's due date.
    #[serde(rename = "dueDate", skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
}

/// A change of one program's outcome between the two rule sets.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Transition {
    /// The program.
    pub program: String,
    /// Status under A.
    pub from: String,
    /// Status under B.
    pub to: String,
    /// Same status, another due date.
    #[serde(rename = "dateOnly")]
    pub date_only: bool,
}

/// How many people a transition concerns, and who they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// People.
    pub people: u64,
    /// By age band (`45-54`).
    #[serde(rename = "byAgeBand")]
    pub by_age_band: BTreeMap<String, u64>,
    /// By sex.
    #[serde(rename = "bySex")]
    pub by_sex: BTreeMap<String, u64>,
    /// The youngest and oldest age (whole years on the population's date) among these people:
    /// bands are ten years wide, a guideline's age limits are not.
    pub ages: Option<AgeRange>,
}

/// The ages of the people a transition concerns, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AgeRange {
    /// The youngest.
    pub youngest: i64,
    /// The oldest.
    pub oldest: i64,
}

impl AgeRange {
    fn widened(range: Option<AgeRange>, other: AgeRange) -> AgeRange {
        match range {
            None => other,
            Some(r) => AgeRange {
                youngest: r.youngest.min(other.youngest),
                oldest: r.oldest.max(other.oldest),
            },
        }
    }
}

impl Tally {
    fn add(&mut self, age: i64, sex: &str, n: u64) {
        let band = age_band(age);
        self.ages = Some(AgeRange::widened(
            self.ages,
            AgeRange {
                youngest: age,
                oldest: age,
            },
        ));
        self.people += n;
        *self.by_age_band.entry(band).or_default() += n;
        *self.by_sex.entry(sex.to_string()).or_default() += n;
    }

    fn merge(&mut self, other: &Tally) {
        if let Some(ages) = other.ages {
            self.ages = Some(AgeRange::widened(self.ages, ages));
        }
        self.people += other.people;
        for (band, n) in &other.by_age_band {
            *self.by_age_band.entry(band.clone()).or_default() += n;
        }
        for (sex, n) in &other.by_sex {
            *self.by_sex.entry(sex.clone()).or_default() += n;
        }
    }
}

/// A case whose outcome changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseChange {
    /// Which rule set's cases it comes from (`A` or `B`), its file and name.
    pub from: String,
    /// `cases/<file>.json`.
    pub file: String,
    /// The case's name.
    pub name: String,
    /// The case's date.
    #[serde(rename = "asOf")]
    pub as_of: String,
    /// The program that changes.
    pub program: String,
    /// Outcome under A.
    pub a: Outcome,
    /// Outcome under B.
    pub b: Outcome,
}

/// The whole comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// Rule set A.
    pub a: RuleSetId,
    /// Rule set B.
    pub b: RuleSetId,
    /// Cases compared (both rule sets' own cases, each on its own date).
    #[serde(rename = "casesCompared")]
    pub cases_compared: usize,
    /// Cases whose outcome changes, program by program.
    #[serde(rename = "caseChanges")]
    pub case_changes: Vec<CaseChange>,
    /// The population's date.
    #[serde(rename = "asOf")]
    pub as_of: String,
    /// People in the synthetic population.
    pub people: u64,
    /// Its seed.
    pub seed: u64,
    /// Changes in the population.
    pub population: Vec<(Transition, Tally)>,
    /// Programs with no change in the population.
    pub unchanged: Vec<String>,
    /// Wall-clock seconds for the population, and threads used (measured, not part of the result).
    #[serde(skip)]
    pub seconds: f64,
    /// Threads used.
    #[serde(skip)]
    pub threads: usize,
}

fn outcomes(report: &Report, programs: &[String]) -> BTreeMap<String, Outcome> {
    programs
        .iter()
        .map(|program| {
            let outcome = if report.errors.iter().any(|e| &e.program == program) {
                Outcome {
                    status: "error".to_string(),
                    due_date: None,
                }
            } else {
                match report.nudge(program) {
                    Some(n) => Outcome {
                        status: n.status.as_str().to_string(),
                        due_date: n.due_date.clone(),
                    },
                    None => Outcome {
                        status: "absent".to_string(),
                        due_date: None,
                    },
                }
            };
            (program.clone(), outcome)
        })
        .collect()
}

/// The programs whose outcome may differ between `a` and `b` for someone: those whose rules —
/// ids, order and Rhai sources — differ, and those with a rule that reads the calendar when the
/// versioned facts differ (or the directory when the directories differ). A rule's decision
/// depends only on its script, the profile, the day, the calendar and the directories (the same
/// sandbox runs both), so any other program gives the same outcome under
/// both and need not be evaluated. Messages only change words, never a status or a date.
pub fn changed_programs(a: &RuleSet, b: &RuleSet, programs: &[String]) -> BTreeSet<String> {
    let same_calendar = a.periods == b.periods;
    let same_directories = a.directories == b.directories;
    let rules_of = |set: &RuleSet, program: &str| -> Vec<(String, Option<String>)> {
        set.rules
            .iter()
            .filter(|rule| rule.program == program)
            .map(|rule| (rule.id.clone(), set.effective.rules.get(&rule.id).cloned()))
            .collect()
    };
    programs
        .iter()
        .filter(|program| {
            let (in_a, in_b) = (rules_of(a, program), rules_of(b, program));
            let reads_calendar = in_a
                .iter()
                .chain(&in_b)
                .any(|(_, source)| source.as_deref().is_none_or(|s| s.contains("calendar")));
            let reads_directory = in_a
                .iter()
                .chain(&in_b)
                .any(|(_, source)| source.as_deref().is_none_or(|s| s.contains("directory")));
            in_a != in_b
                || (reads_calendar && !same_calendar)
                || (reads_directory && !same_directories)
        })
        .cloned()
        .collect()
}

/// Every program either rule set decides, in a stable order.
pub fn programs_of(a: &RuleSet, b: &RuleSet) -> Vec<String> {
    let mut programs: Vec<String> = a
        .effective()
        .manifest
        .rules
        .iter()
        .chain(b.effective().manifest.rules.iter())
        .map(|r| r.program.clone())
        .collect();
    programs.sort();
    programs.dedup();
    programs
}

/// The cases of the folder a name designates on `day` (none for a bundle).
fn cases_of(fs: &dyn Files, name: &str, day: NaiveDate) -> Result<Vec<(String, Case)>, String> {
    let dir: Option<PathBuf> = match catalog::resolve_in(fs, name).map_err(|e| e.to_string())? {
        catalog::Named::Bundle(_) => None,
        catalog::Named::Folder(dir, _) => Some(dir),
        catalog::Named::Versions(_, all) => catalog::applicable(&all, day).map(|v| v.dir.clone()),
    };
    match dir {
        None => Ok(Vec::new()),
        Some(dir) => crate::cases::read_dir_in(fs, &dir).map_err(|problems| {
            problems
                .iter()
                .map(|p| format!("{}: {p}", dir.display()))
                .collect::<Vec<_>>()
                .join("\n")
        }),
    }
}

/// Compares rule sets `a` and `b` (names as the command line takes them), on disk.
#[cfg(not(target_arch = "wasm32"))]
pub fn diff(a_name: &str, b_name: &str, options: &DiffOptions) -> Result<Diff, String> {
    let started = std::time::Instant::now();
    let clock = move || started.elapsed().as_secs_f64();
    diff_in(
        &crate::files::NativeFiles,
        &clock,
        &|_, _| {},
        a_name,
        b_name,
        options,
    )
}

/// [`diff`], reading through `fs`; `clock` gives seconds from any origin (to time the
/// population: `std::time::Instant` traps on wasm32-unknown-unknown, where the host keeps time);
/// `progress(done, total)` hears how far the population is, on one thread only (see
/// [`population_part`]): the threaded native path runs quickly and says nothing.
pub fn diff_in(
    fs: &dyn Files,
    clock: &dyn Fn() -> f64,
    progress: &dyn Fn(u64, u64),
    a_name: &str,
    b_name: &str,
    options: &DiffOptions,
) -> Result<Diff, String> {
    let a = open(fs, a_name, options.as_of)?;
    let b = open(fs, b_name, options.as_of)?;
    let programs = programs_of(&a, &b);
    let (cases_compared, case_changes) =
        compare_cases(fs, a_name, b_name, &a, &b, &programs, options)?;
    let started = clock();
    let threads = options.threads.max(1);
    let population = compare_population(&a, &b, &programs, threads, options, progress)?;
    let seconds = clock() - started;
    let unchanged = programs
        .iter()
        .filter(|p| !population.keys().any(|t| &t.program == *p))
        .cloned()
        .collect();
    Ok(Diff {
        a: a.id(),
        b: b.id(),
        cases_compared,
        case_changes,
        as_of: options.as_of.to_string(),
        people: options.people,
        seed: options.seed,
        population: population.into_iter().collect(),
        unchanged,
        seconds,
        threads,
    })
}

/// The rule set a name designates on `day`, with its problems as lines.
fn open(fs: &dyn Files, name: &str, day: NaiveDate) -> Result<RuleSet, String> {
    catalog::open_in(fs, name, day).map_err(|err| err.lines().join("\n"))
}

/// The same rule set compiled again from its sources (a rule set is not shared between threads;
/// its sources are), valid until the same day.
fn twin(sources: RuleSetSources, valid_until: Option<NaiveDate>) -> Result<RuleSet, String> {
    let mut twin = RuleSet::from_sources(sources).map_err(|err| err.to_string())?;
    twin.valid_until = valid_until;
    Ok(twin)
}

/// Both rule sets' own cases, each on its own date: how many were compared, and every change of
/// outcome, program by program.
fn compare_cases(
    fs: &dyn Files,
    a_name: &str,
    b_name: &str,
    a: &RuleSet,
    b: &RuleSet,
    programs: &[String],
    options: &DiffOptions,
) -> Result<(usize, Vec<CaseChange>), String> {
    let mut compared = 0;
    let mut changes = Vec::new();
    for (from, name) in [("A", a_name), ("B", b_name)] {
        for (file, case) in cases_of(fs, name, options.as_of)? {
            let Some(day) = date::parse(&case.as_of) else {
                continue;
            };
            let Ok(profile) = Profile::from_value(&case.profile, day) else {
                continue;
            };
            let run = |ruleset: &RuleSet| {
                ruleset
                    .evaluate(&profile, &Options::on(day))
                    .map(|report| outcomes(&report, programs))
                    .map_err(|e| e.to_string())
            };
            let (before, after) = (run(a)?, run(b)?);
            compared += 1;
            for program in programs {
                let (Some(x), Some(y)) = (before.get(program), after.get(program)) else {
                    continue;
                };
                if x != y {
                    changes.push(CaseChange {
                        from: from.to_string(),
                        file: file.clone(),
                        name: case.name.clone(),
                        as_of: case.as_of.clone(),
                        program: program.clone(),
                        a: x.clone(),
                        b: y.clone(),
                    });
                }
            }
        }
    }
    Ok((compared, changes))
}

/// The synthetic population, split between threads (each compiles its own twins of the rule sets:
/// a rule set is not shared between threads): every change of outcome, tallied by age band and
/// sex. One thread runs here, without spawning (the authoring wasm module has no threads).
fn compare_population(
    a: &RuleSet,
    b: &RuleSet,
    programs: &[String],
    threads: usize,
    options: &DiffOptions,
    progress: &dyn Fn(u64, u64),
) -> Result<BTreeMap<Transition, Tally>, String> {
    let results: Vec<Result<BTreeMap<Transition, Tally>, String>> = if threads <= 1 {
        let everyone = 0..options.people;
        vec![population_part(
            a,
            b,
            programs,
            everyone,
            options,
            Some(progress),
        )]
    } else {
        compare_population_threaded(a, b, programs, threads, options)
    };
    let mut population: BTreeMap<Transition, Tally> = BTreeMap::new();
    for part in results {
        for (key, tally) in part? {
            population.entry(key).or_default().merge(&tally);
        }
    }
    Ok(population)
}

/// [`compare_population`] shared between `threads` threads.
fn compare_population_threaded(
    a: &RuleSet,
    b: &RuleSet,
    programs: &[String],
    threads: usize,
    options: &DiffOptions,
) -> Vec<Result<BTreeMap<Transition, Tally>, String>> {
    let chunk = options.people.div_ceil(threads as u64);
    let (a_sources, a_until) = (a.sources(), a.valid_until());
    let (b_sources, b_until) = (b.sources(), b.valid_until());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads as u64)
            .map(|t| {
                let people = t * chunk..((t + 1) * chunk).min(options.people);
                scope.spawn(move || {
                    let a = twin(a_sources.clone(), a_until)?;
                    let b = twin(b_sources.clone(), b_until)?;
                    population_part(&a, &b, programs, people, options, None)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a worker thread stopped".to_string()))
            })
            .collect()
    })
}

/// One thread's share of the population. With `progress`, says how many of its people are done
/// about every 1 % (at least every [`PROGRESS_EVERY`] people), and once at the end with all done.
fn population_part(
    a: &RuleSet,
    b: &RuleSet,
    programs: &[String],
    people: std::ops::Range<u64>,
    options: &DiffOptions,
    progress: Option<&dyn Fn(u64, u64)>,
) -> Result<BTreeMap<Transition, Tally>, String> {
    let total = people.end.saturating_sub(people.start);
    let step = (total / 100).clamp(1, PROGRESS_EVERY);
    let first = people.start;
    let mut tallies: BTreeMap<Transition, Tally> = BTreeMap::new();
    let on = Options::on(options.as_of);
    // Programs whose rules are the same in A and B cannot change: not run.
    let changed = changed_programs(a, b, programs);
    let programs: Vec<String> = changed.iter().cloned().collect();
    for index in people {
        let value = population::person(options.seed, index, options.as_of);
        let profile = Profile::from_value(&value, options.as_of)
            .map_err(|e| format!("synthetic person {index} refused: {e}"))?;
        let run = |ruleset: &RuleSet| {
            ruleset
                .evaluate_programs(&profile, &on, Some(&changed))
                .map(|report| outcomes(&report, &programs))
                .map_err(|e| e.to_string())
        };
        let (before, after) = (run(a)?, run(b)?);
        let (age, sex) = age_and_sex(&value, options.as_of);
        for program in &programs {
            let (Some(x), Some(y)) = (before.get(program), after.get(program)) else {
                continue;
            };
            if x == y {
                continue;
            }
            let key = Transition {
                program: program.clone(),
                from: x.status.clone(),
                to: y.status.clone(),
                date_only: x.status == y.status,
            };
            tallies.entry(key).or_default().add(age, sex, 1);
        }
        let done = index - first + 1;
        if let Some(progress) = progress.filter(|_| done % step == 0 && done < total) {
            progress(done, total);
        }
    }
    if let Some(progress) = progress {
        progress(total, total);
    }
    Ok(tallies)
}

/// The most people between two calls of a diff's progress callback.
const PROGRESS_EVERY: u64 = 500;

/// A synthetic person's age on `day` and sex, as the tallies count them.
fn age_and_sex(person: &serde_json::Value, day: NaiveDate) -> (i64, &str) {
    let born = person
        .get("birthDate")
        .and_then(serde_json::Value::as_str)
        .and_then(date::parse)
        .unwrap_or(day);
    let age = date::years_between(born, day);
    let sex = person
        .get("sex")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("unknown");
    (age, sex)
}

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "0 %".to_string();
    }
    format!("{:.1} %", part as f64 * 100.0 / whole as f64)
}

fn breakdown(map: &BTreeMap<String, u64>, order: &[String]) -> String {
    order
        .iter()
        .filter_map(|k| map.get(k).map(|n| format!("{k}: {n}")))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Diff {
    /// The comparison in words, for a public-health team.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let name = |id: &RuleSetId| format!("{}@{} ({})", id.id, id.version, id.digest);
        out.push_str(&format!("A: {}\nB: {}\n\n", name(&self.a), name(&self.b)));
        out.push_str(&format!(
            "Cases: {} compared (both rule sets' own cases, each on its own date); {} program outcome(s) change\n",
            self.cases_compared,
            self.case_changes.len()
        ));
        // Grouped by program and change, with a few examples each: a change usually shows in
        // many cases written for other programs.
        let mut groups: BTreeMap<(String, String, String), Vec<&CaseChange>> = BTreeMap::new();
        for c in &self.case_changes {
            groups
                .entry((c.program.clone(), c.a.status.clone(), c.b.status.clone()))
                .or_default()
                .push(c);
        }
        for ((program, from, to), changes) in &groups {
            let what = if from == to {
                format!("{from} (another due date)")
            } else {
                format!("{from} → {to}")
            };
            out.push_str(&format!(
                "  {program}: {what}: {} case(s), for example\n",
                changes.len()
            ));
            for c in changes.iter().take(3) {
                out.push_str(&format!(
                    "      {} → {}   {} {} — {} (asOf {})\n",
                    shown(&c.a),
                    shown(&c.b),
                    c.from,
                    c.file,
                    c.name,
                    c.as_of
                ));
            }
        }
        out.push_str(&format!(
            "\nSynthetic population: {} people, seed {}, on {} ({:.2} s on {} thread(s))\n",
            self.people, self.seed, self.as_of, self.seconds, self.threads
        ));
        let bands: Vec<String> = population::AGE_BANDS
            .iter()
            .map(|(low, _)| age_band(*low))
            .collect();
        let sexes = vec!["female".to_string(), "male".to_string()];
        let mut programs: Vec<&String> = self.population.iter().map(|(t, _)| &t.program).collect();
        programs.dedup();
        if programs.is_empty() {
            out.push_str("  no program changes for anyone\n");
        }
        for program in programs {
            let mut total = Tally::default();
            for (_, tally) in self
                .population
                .iter()
                .filter(|(t, _)| &t.program == program)
            {
                total.merge(tally);
            }
            out.push_str(&format!(
                "  {program}: {} people ({}){}\n",
                total.people,
                percent(total.people, self.people),
                aged(total.ages)
            ));
            for (t, tally) in self
                .population
                .iter()
                .filter(|(t, _)| &t.program == program)
            {
                let what = if t.date_only {
                    format!("{} (another due date)", t.from)
                } else {
                    format!("{} → {}", t.from, t.to)
                };
                out.push_str(&format!(
                    "    {what}: {}{}\n",
                    tally.people,
                    aged(tally.ages)
                ));
                out.push_str(&format!(
                    "      by age: {}\n",
                    breakdown(&tally.by_age_band, &bands)
                ));
                out.push_str(&format!(
                    "      by sex: {}\n",
                    breakdown(&tally.by_sex, &sexes)
                ));
            }
        }
        out.push_str(&format!(
            "\nUnchanged programs: {}\n",
            if self.unchanged.is_empty() {
                "none".to_string()
            } else {
                self.unchanged.join(", ")
            }
        ));
        out
    }

    /// The comparison as JSON (timings left out, so the same inputs give the same bytes).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// `, aged 40 to 49` for a text line.
fn aged(ages: Option<AgeRange>) -> String {
    match ages {
        Some(r) if r.youngest == r.oldest => format!(", aged {}", r.youngest),
        Some(r) => format!(", aged {} to {}", r.youngest, r.oldest),
        None => String::new(),
    }
}

fn shown(o: &Outcome) -> String {
    match &o.due_date {
        Some(day) => format!("{} {day}", o.status),
        None => o.status.clone(),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::cell::RefCell;

    use super::*;

    /// On one thread (the authoring wasm module's path), the progress callback hears a count that
    /// never goes back, at most 500 people apart, ending with everyone done.
    #[test]
    fn progress_on_one_thread_climbs_to_everyone() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/fr");
        let (a, b) = (format!("{root}@2025.1.0"), format!("{root}@2026.1.0"));
        let heard = RefCell::new(Vec::new());
        let options = DiffOptions {
            people: 1234,
            seed: 1,
            as_of: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            threads: 1,
        };
        let progress = |done, total| heard.borrow_mut().push((done, total));
        let diff = diff_in(
            &crate::files::NativeFiles,
            &|| 0.0,
            &progress,
            &a,
            &b,
            &options,
        );
        assert!(diff.is_ok(), "{:?}", diff.err());
        let heard = heard.into_inner();
        assert_eq!(heard.last(), Some(&(1234, 1234)), "{heard:?}");
        assert!(heard.len() >= 100, "about every 1 %: {}", heard.len());
        let mut before = 0;
        for &(done, total) in &heard {
            assert_eq!(total, 1234);
            assert!(done >= before && done - before <= 500, "{heard:?}");
            before = done;
        }
        // Threads: nothing is heard (the threaded native path does not report).
        let quiet = RefCell::new(0);
        let threaded = DiffOptions {
            threads: 2,
            ..options
        };
        let count = |_, _| *quiet.borrow_mut() += 1;
        assert!(diff_in(
            &crate::files::NativeFiles,
            &|| 0.0,
            &count,
            &a,
            &b,
            &threaded
        )
        .is_ok());
        assert_eq!(quiet.into_inner(), 0);
    }
}
