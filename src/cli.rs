//! The `vigie` command: `eval`, `check`, `test`, `diff`, `bundle`, `programs` (docs/contract.md §4) and
//! `import fhir` (docs/contract.md §5).
//!
//! The command is a function over a [`World`]: arguments in; text on stdout and stderr and an exit
//! code out; files read (and `bundle -o` written) through [`Files`]. The native binary gives it
//! the machine ([`main`]); the authoring wasm module gives it Node (`npx vigie`,
//! docs/authoring.md), so that both print the same bytes.

use std::path::{Path, PathBuf};

use crate as vigie;
use crate::bundle::{self, Bundle, BundleCheck};
use crate::catalog::{self, Named};
use crate::cds_hooks::{self, CardOptions};
use crate::fhir::{FhirInput, FhirProblem, FhirProblemKind, MAX_BUNDLE_BYTES};
use crate::files::Files;
use crate::{cases, date, Diagnostic, Options, Problem, Profile, ProfileInput, Report, RuleSet};
use chrono::NaiveDate;

/// What the command runs in: where its files are, where its text goes, what day it is.
pub trait World {
    /// Where files are read and written.
    fn files(&self) -> &dyn Files;
    /// Writes text on stdout.
    fn out(&mut self, text: &str);
    /// Writes text on stderr.
    fn err(&mut self, text: &str);
    /// At most `limit` and one more bytes of stdin (for `-`).
    fn stdin(&mut self, limit: usize) -> std::io::Result<Vec<u8>>;
    /// Today, in the local time zone (`--as-of` by default).
    fn today(&self) -> NaiveDate;
    /// Seconds from any origin, to time `diff`'s population.
    fn seconds(&self) -> f64;
    /// Threads `diff` may use by default.
    fn threads(&self) -> usize;
    /// How far `diff`'s synthetic population is: `done` of `total` people (on one thread only,
    /// about every 1 %, and once at the end; the studio shows it as a progress bar).
    fn progress(&self, _done: u64, _total: u64) {}
}

/// A line on stdout.
macro_rules! println {
    ($w:expr) => { $w.out("\n") };
    ($w:expr, $($arg:tt)*) => { $w.out(&format!("{}\n", format_args!($($arg)*))) };
}

/// Text on stdout.
macro_rules! print {
    ($w:expr, $($arg:tt)*) => { $w.out(&format!($($arg)*)) };
}

/// A line on stderr.
macro_rules! eprintln {
    ($w:expr, $($arg:tt)*) => { $w.err(&format!("{}\n", format_args!($($arg)*))) };
}

// After the macros above, which they use.
mod check_json;
mod unbundle;

const USAGE: &str = "\
vigie — prevention and screening nudges from a versioned rule set

A rule set is named by its folder (rules/fr/2025.1.0), by a folder of versions side by side
(rules/fr: the newest version in force on the day), by one of those versions (rules/fr@2024.1.0),
or by a bundle file (fr.json).

usage:
  vigie eval --rules <rule set> [--expect-digest sha256:…] [--as-of YYYY-MM-DD] [--locale fr|en]
             [--trace] [--errors text|json] [--fhir] [--format report|cds-hooks [--all]]
             [--questions] <profile.json | ->
      print the report for a profile (exit 2 if the profile is refused: its problems on stderr,
      as lines, or with --errors json as one {\"problems\": […]} document); with --expect-digest,
      refuse (exit 1) a rule set whose digest (or, for a bundle, whose bundle digest) is another;
      with --fhir, the input is a FHIR R4 Bundle, imported first (the report's \"import\" says
      what was not used, and why); with --format cds-hooks, print a CDS Hooks response
      {\"cards\": […]} instead of the report (a card per nudge that asks for something; --all:
      up-to-date ones too); with --questions, the report's \"questions\" lists the open questions
      that could change a nudge, most consequential first (docs/questions.md)
  vigie questions --rules <rule set> [--locale fr|en]
      print the rule set's questionnaire: every question with its words, and the priority
  vigie answers --rules <rule set> [--as-of YYYY-MM-DD] [--errors text|json] <answers.json | ->
      print the profile {\"answers\": {\"<id>\": answer, …}} makes (exit 2 with every problem at
      answers.<id> if the answers are refused)
  vigie import fhir [--as-of YYYY-MM-DD] [--errors text|json] <bundle.json | ->
      print the profile a FHIR R4 Bundle gives, {\"profile\": …, \"notUsed\": […], \"notes\": […],
      \"mappings\": …}; exit 2 if the bundle is refused (its problems on stderr, as for eval)
  vigie check <rule set> [--json]
      check a rule set (every version of a folder of versions); problems as file:line:col: message
      (with --json, one JSON document on stdout: {\"ok\", \"errors\", \"versions\": […]})
  vigie test <rule set> [--json]
      run the cases (of every version of a folder of versions); ends with `N passed, M failed`
      (with --json, one JSON document on stdout: each case with its expectations and nudges)
  vigie diff <rule set A> <rule set B> [--people N] [--seed S] [--as-of YYYY-MM-DD]
      what changes from A to B: over both rule sets' cases, and over N synthetic people
      (default 100000, seed 1): which programs and statuses change, for how many, by age and sex
  vigie bundle <rule set> -o <file.json>
      write the rule set as one self-contained file (manifest, rules, messages, digest)
  vigie unbundle <bundle.json> -o <folder>
      write a bundle's rule set back as a folder (ruleset.toml, rules/, messages/, questions.toml)
      in a new or empty folder; regenerated from the bundle: the same digest, not the author's
      comments or layout (an overlay's base is not written: it must be found above the folder)
  vigie programs --rules <rule set> [--as-of YYYY-MM-DD] [--locale fr|en]
      print what the rule set covers, as JSON: each program's code, title and short description
  vigie --version | --help";

/// A command-line mistake: message, exit 2.
struct Usage(String);

/// Runs the command line on the machine: the process's arguments, files, stdin, stdout and
/// stderr.
#[cfg(not(target_arch = "wasm32"))]
pub fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut machine = Machine {
        started: std::time::Instant::now(),
    };
    std::process::ExitCode::from(run(&args, &mut machine))
}

/// The native world.
#[cfg(not(target_arch = "wasm32"))]
struct Machine {
    started: std::time::Instant,
}

#[cfg(not(target_arch = "wasm32"))]
impl World for Machine {
    fn files(&self) -> &dyn Files {
        &crate::files::NativeFiles
    }

    /// Never panics: when stdout is a closed pipe (`vigie eval … | head`), the command ends
    /// quietly as Unix tools do, instead of a panic and its backtrace.
    fn out(&mut self, text: &str) {
        use std::io::Write as _;
        let mut stdout = std::io::stdout().lock();
        if let Err(err) = stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
        {
            stdout_failed(&err)
        }
    }

    fn err(&mut self, text: &str) {
        use std::io::Write as _;
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }

    fn stdin(&mut self, limit: usize) -> std::io::Result<Vec<u8>> {
        catalog::read_capped(std::io::stdin().lock(), limit)
    }

    fn today(&self) -> NaiveDate {
        chrono::Local::now().date_naive()
    }

    fn seconds(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    fn threads(&self) -> usize {
        std::thread::available_parallelism().map_or(1, usize::from)
    }
}

/// Stdout could not be written: a closed pipe ends the command with success (the reader has what
/// it wanted); anything else is said on stderr.
#[cfg(not(target_arch = "wasm32"))]
fn stdout_failed(err: &std::io::Error) -> ! {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    std::eprintln!("vigie: cannot write to stdout: {err}");
    std::process::exit(1);
}

/// Runs the command line `args` (without the program's name) in `w`; the exit code.
pub fn run(args: &[String], w: &mut dyn World) -> u8 {
    let outcome = match args.first().map(String::as_str) {
        Some("eval") => eval(w, args.get(1..).unwrap_or_default()),
        Some("check") => name_and_json(args.get(1..).unwrap_or_default()).map(|(name, json)| {
            if json {
                check_json::check(w, &name)
            } else {
                check(w, &name)
            }
        }),
        Some("test") => name_and_json(args.get(1..).unwrap_or_default()).map(|(name, json)| {
            if json {
                check_json::test(w, &name)
            } else {
                test(w, &name)
            }
        }),
        Some("diff") => diff(w, args.get(1..).unwrap_or_default()),
        Some("bundle") => bundle(w, args.get(1..).unwrap_or_default()),
        Some("unbundle") => unbundle::unbundle(w, args.get(1..).unwrap_or_default()),
        Some("programs") => programs(w, args.get(1..).unwrap_or_default()),
        Some("import") => import(w, args.get(1..).unwrap_or_default()),
        Some("questions") => questions(w, args.get(1..).unwrap_or_default()),
        Some("answers") => answers(w, args.get(1..).unwrap_or_default()),
        Some("--version" | "-V") => {
            println!(w, "vigie {}", env!("CARGO_PKG_VERSION"));
            Ok(0)
        }
        Some("--help" | "-h" | "help") => {
            println!(w, "{USAGE}");
            Ok(0)
        }
        Some(other) => Err(Usage(format!("unknown command `{other}`"))),
        None => Err(Usage("a command is required".to_string())),
    };
    match outcome {
        Ok(code) => code,
        Err(Usage(message)) => {
            eprintln!(w, "vigie: {message}\n\n{USAGE}");
            2
        }
    }
}

/// The rule set `check` and `test` take, and whether `--json` was given (before or after it).
fn name_and_json(args: &[String]) -> Result<(String, bool), Usage> {
    let json = args.iter().any(|a| a == "--json");
    let rest: Vec<String> = args.iter().filter(|a| *a != "--json").cloned().collect();
    one_name(&rest).map(|name| (name, json))
}

fn one_name(args: &[String]) -> Result<String, Usage> {
    match args {
        [name] if !name.starts_with('-') => Ok(name.clone()),
        [] => Err(Usage("a rule set is required".to_string())),
        _ => Err(Usage(format!(
            "expected one rule set, got `{}`",
            args.join(" ")
        ))),
    }
}

/// Opens a named rule set as it applies on `day`, printing its problems.
fn load(w: &mut dyn World, name: &str, day: NaiveDate) -> Option<RuleSet> {
    load_checked(w, name, day, &BundleCheck::default())
}

/// [`load`], refusing a rule set that is not what `check` requires.
fn load_checked(
    w: &mut dyn World,
    name: &str,
    day: NaiveDate,
    check: &BundleCheck,
) -> Option<RuleSet> {
    match catalog::open_checked_in(w.files(), name, day, check) {
        Ok(ruleset) => Some(ruleset),
        Err(err) => {
            for line in err.lines() {
                eprintln!(w, "{line}");
            }
            None
        }
    }
}

/// The folders a name designates for `check` and `test`: every version of a folder of versions.
fn folders(w: &mut dyn World, name: &str) -> Result<Vec<(String, PathBuf)>, Vec<String>> {
    match catalog::resolve_in(w.files(), name) {
        Ok(Named::Folder(dir, _)) => Ok(vec![(name.to_string(), dir)]),
        Ok(Named::Versions(dir, all)) => Ok(all
            .into_iter()
            .map(|v| (format!("{}@{}", dir.display(), v.version), v.dir))
            .collect()),
        Ok(Named::Bundle(path)) => Err(vec![format!(
            "{}: a bundle has no cases or sources to check; name a rule-set folder",
            path.display()
        )]),
        Err(err) => Err(err.lines()),
    }
}

/// Prints diagnostics with paths from the rule-set folder.
fn print_diagnostics(w: &mut dyn World, dir: &Path, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!(
            w,
            "{}:{}:{}: {}",
            dir.join(&d.file).display(),
            d.line,
            d.column,
            d.message
        );
    }
}

/// Reads the value of `--as-of`.
fn as_of_arg(text: String) -> Result<NaiveDate, Usage> {
    date::parse(&text).ok_or_else(|| Usage(format!("--as-of `{text}` is not a date (YYYY-MM-DD)")))
}

fn bundle(w: &mut dyn World, args: &[String]) -> Result<u8, Usage> {
    let (name, output) = match args {
        [name, flag, output] if flag == "-o" || flag == "--output" => (name, output),
        _ => {
            return Err(Usage(
                "usage: vigie bundle <rule set> -o <file.json>".to_string(),
            ))
        }
    };
    if w.files().is_file(Path::new(name)) {
        return Err(Usage(format!(
            "{name} is a file; bundle takes a rule-set folder"
        )));
    }
    let today = w.today();
    let Some(ruleset) = load(w, name, today) else {
        return Ok(1);
    };
    let bundle = Bundle::of(&ruleset);
    let json = bundle.to_json();
    let written = w.files().write(Path::new(output), (json + "\n").as_bytes());
    match written {
        Ok(()) => {
            let id = ruleset.id();
            println!(
                w,
                "{output}: {} {} {} (bundle digest {})",
                id.id,
                id.version,
                id.digest,
                bundle.bundle_digest.as_deref().unwrap_or("")
            );
            Ok(0)
        }
        Err(err) => {
            eprintln!(w, "vigie: cannot write {output}: {err}");
            Ok(1)
        }
    }
}

/// The value after `flag` on the command line.
fn flag_value(rest: &mut std::slice::Iter<'_, String>, flag: &str) -> Result<String, Usage> {
    rest.next()
        .cloned()
        .ok_or_else(|| Usage(format!("{flag} needs a value")))
}

/// How `vigie eval` writes a refused profile's problems on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ErrorsFormat {
    /// One `source: path: message` line each, then a count.
    Text,
    /// One JSON document, `{"problems": [...]}`, each problem as the library serializes it.
    Json,
}

/// What `vigie eval` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OutputFormat {
    /// The report (docs/contract.md §2).
    Report,
    /// A CDS Hooks response (docs/contract.md §6); with `all`, `up-to-date` nudges get cards too.
    CdsHooks { all: bool },
}

/// Reads the value of `--format`.
fn format_arg(text: String) -> Result<OutputFormat, Usage> {
    match text.as_str() {
        "report" => Ok(OutputFormat::Report),
        "cds-hooks" => Ok(OutputFormat::CdsHooks { all: false }),
        _ => Err(Usage(format!(
            "--format `{text}` is not report or cds-hooks"
        ))),
    }
}

/// What `vigie eval` was asked.
struct EvalArgs {
    rules: String,
    as_of: NaiveDate,
    locale: Option<String>,
    trace: bool,
    expect_digest: Option<String>,
    /// A file, or `-` for stdin.
    input: String,
    errors: ErrorsFormat,
    format: OutputFormat,
    /// The input is a FHIR R4 Bundle.
    fhir: bool,
    /// Add the open questions that could change a nudge (docs/questions.md §5).
    questions: bool,
}

impl EvalArgs {
    fn parse(args: &[String], today: NaiveDate) -> Result<EvalArgs, Usage> {
        let (mut rules, mut as_of, mut locale, mut trace) = (None, None, None, false);
        let (mut expect_digest, mut input, mut errors) = (None, None, ErrorsFormat::Text);
        let (mut format, mut all) = (OutputFormat::Report, false);
        let (mut fhir, mut questions) = (false, false);
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let mut value = |flag: &str| flag_value(&mut rest, flag);
            match arg.as_str() {
                "--rules" => rules = Some(value("--rules")?),
                "--as-of" => as_of = Some(as_of_arg(value("--as-of")?)?),
                "--locale" => locale = Some(value("--locale")?),
                "--trace" => trace = true,
                "--expect-digest" => expect_digest = Some(value("--expect-digest")?),
                "--errors" => errors = errors_arg(value("--errors")?)?,
                "--format" => format = format_arg(value("--format")?)?,
                "--all" => all = true,
                "--fhir" => fhir = true,
                "--questions" => questions = true,
                "-" => input = Some("-".to_string()),
                flag if flag.starts_with("--") => {
                    return Err(Usage(format!("unknown option `{flag}`")))
                }
                path if input.is_none() => input = Some(path.to_string()),
                extra => return Err(Usage(format!("unexpected argument `{extra}`"))),
            }
        }
        let args = EvalArgs {
            rules: rules.ok_or_else(|| Usage("--rules <dir-or-bundle> is required".to_string()))?,
            as_of: as_of.unwrap_or(today),
            locale,
            trace,
            expect_digest,
            input: input
                .ok_or_else(|| Usage("a profile file (or - for stdin) is required".to_string()))?,
            errors,
            format: match (format, all, trace) {
                (OutputFormat::CdsHooks { .. }, _, true) => {
                    return Err(Usage(
                        "--trace goes with the report; cards carry no trace".to_string(),
                    ))
                }
                (OutputFormat::CdsHooks { .. }, all, false) => OutputFormat::CdsHooks { all },
                (OutputFormat::Report, true, _) => {
                    return Err(Usage("--all goes with --format cds-hooks".to_string()))
                }
                (OutputFormat::Report, false, _) => OutputFormat::Report,
            },
            fhir,
            questions,
        };
        if args.questions && (args.fhir || args.format != OutputFormat::Report) {
            return Err(Usage(
                "--questions goes with a profile and the report (not --fhir, not cards)"
                    .to_string(),
            ));
        }
        if let Some(expect) = &args.expect_digest {
            bundle::check_digest_form(expect, "--expect-digest")
                .map_err(|err| Usage(err.to_string()))?;
        }
        Ok(args)
    }

    /// What problems name as their source: the file, or `stdin`.
    fn source(&self) -> &str {
        if self.input == "-" {
            "stdin"
        } else {
            &self.input
        }
    }
}

/// Reads the value of `--errors`.
fn errors_arg(text: String) -> Result<ErrorsFormat, Usage> {
    match text.as_str() {
        "text" => Ok(ErrorsFormat::Text),
        "json" => Ok(ErrorsFormat::Json),
        _ => Err(Usage(format!("--errors `{text}` is not text or json"))),
    }
}

/// The profile's bytes, at most one more than the limit, so that `/dev/zero` is refused at once.
/// Bytes, not text: the library says where text that is not UTF-8 goes wrong.
fn read_profile(w: &mut dyn World, input: &str) -> Result<Vec<u8>, String> {
    read_input(w, input, Profile::MAX_JSON_BYTES, "the profile")
}

/// At most `limit` and one more bytes of a file, or of stdin for `-`.
fn read_input(w: &mut dyn World, input: &str, limit: usize, what: &str) -> Result<Vec<u8>, String> {
    if input == "-" {
        w.stdin(limit)
            .map_err(|err| format!("cannot read {what} from stdin: {err}"))
    } else {
        w.files()
            .read(Path::new(input), limit)
            .map_err(|err| format!("cannot read {input}: {err}"))
    }
}

/// A bundle longer than the limit, of which only the limit and one byte were read.
fn bundle_too_long() -> Vec<FhirProblem> {
    vec![FhirProblem::new(
        "",
        FhirProblemKind::TooLarge,
        format!(
            "is more than {MAX_BUNDLE_BYTES} bytes long; a bundle may be at most {MAX_BUNDLE_BYTES} bytes (5 MB)"
        ),
    )]
}

/// A profile longer than the limit, of which only the limit and one byte were read: refused as
/// the library refuses a long profile, saying "more than" since its length is not known.
fn too_long(bytes: &[u8], as_of: NaiveDate) -> Vec<Problem> {
    let limit = Profile::MAX_JSON_BYTES;
    let mut problems = Profile::from_json_bytes(bytes, as_of)
        .err()
        .map(|err| err.problems)
        .unwrap_or_default();
    for problem in &mut problems {
        problem.message = format!(
            "is more than {limit} bytes long; a profile may be at most {limit} bytes (1 MB)"
        );
    }
    problems
}

/// Writes a refused profile's problems on stderr.
fn print_problems(w: &mut dyn World, source: &str, problems: &[Problem], format: ErrorsFormat) {
    print_refused(w, source, problems, format, "the profile was not evaluated");
}

/// Writes every problem on stderr: one `source: path: message` line each and a count saying what
/// was not done, or one JSON document `{"problems": […]}`.
fn print_refused<P: std::fmt::Display + serde::Serialize>(
    w: &mut dyn World,
    source: &str,
    problems: &[P],
    format: ErrorsFormat,
    outcome: &str,
) {
    match format {
        ErrorsFormat::Text => {
            for problem in problems {
                eprintln!(w, "{source}: {problem}");
            }
            eprintln!(w, "{} problem(s): {outcome}", problems.len());
        }
        ErrorsFormat::Json => {
            #[derive(serde::Serialize)]
            struct Refused<'a, P> {
                problems: &'a [P],
            }
            let json = serde_json::to_string(&Refused { problems }).unwrap_or_default();
            eprintln!(w, "{json}");
        }
    }
}

/// Prints what `vigie eval` was asked for: the report, or its cards.
fn print_answer(w: &mut dyn World, report: &Report, format: OutputFormat) {
    match format {
        OutputFormat::Report => println!(w, "{}", report.to_json_pretty()),
        OutputFormat::CdsHooks { all } => {
            let response = cds_hooks::cards(report, &CardOptions { all });
            println!(w, "{}", response.to_json_pretty());
        }
    }
}

fn eval(w: &mut dyn World, args: &[String]) -> Result<u8, Usage> {
    let args = EvalArgs::parse(args, w.today())?;
    if args.fhir {
        return eval_fhir(w, &args);
    }
    let bytes = match read_profile(w, &args.input) {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!(w, "vigie: {message}");
            return Ok(2);
        }
    };
    if bytes.len() > Profile::MAX_JSON_BYTES {
        print_problems(w, args.source(), &too_long(&bytes, args.as_of), args.errors);
        return Ok(2);
    }
    evaluate(w, &args, ProfileInput::Bytes(bytes.as_slice()))
}

/// Loads the rule set and prints the report of `input`, or why there is none.
fn evaluate(w: &mut dyn World, args: &EvalArgs, input: ProfileInput<'_>) -> Result<u8, Usage> {
    let check = BundleCheck {
        expect_digest: args.expect_digest.clone(),
    };
    let Some(ruleset) = load_checked(w, &args.rules, args.as_of, &check) else {
        return Ok(1);
    };
    let options = Options {
        as_of: args.as_of,
        locale: args.locale.clone(),
        trace: args.trace,
    };
    let profile_json = match (&input, args.questions) {
        (ProfileInput::Bytes(bytes), true) => {
            serde_json::from_slice::<serde_json::Value>(bytes).ok()
        }
        _ => None,
    };
    match vigie::evaluate(&ruleset, input, &options) {
        Ok(mut report) => {
            if let Some(profile) = &profile_json {
                match vigie::questions::open_questions(&ruleset, profile, &options) {
                    Ok(open) => report.questions = Some(open),
                    Err(err) => return Err(Usage(err.to_string())),
                }
            }
            print_answer(w, &report, args.format);
            Ok(0)
        }
        Err(vigie::Error::Profile(err)) => {
            print_problems(w, args.source(), &err.problems, args.errors);
            Ok(2)
        }
        Err(vigie::Error::Evaluate(err)) => Err(Usage(err.to_string())),
        Err(vigie::Error::Fhir(err)) => {
            print_refused(
                w,
                args.source(),
                &err.problems,
                args.errors,
                "the bundle was not evaluated",
            );
            Ok(2)
        }
    }
}

/// A bundle's bytes (at most the limit and one more), or the exit code of why there are none:
/// unreadable, or too long (its problem printed, saying what was `not_done`).
fn read_bundle(
    w: &mut dyn World,
    input: &str,
    source: &str,
    errors: ErrorsFormat,
    not_done: &str,
) -> Result<Vec<u8>, u8> {
    let bytes = read_input(w, input, MAX_BUNDLE_BYTES, "the bundle").map_err(|message| {
        eprintln!(w, "vigie: {message}");
        2
    })?;
    if bytes.len() > MAX_BUNDLE_BYTES {
        print_refused(w, source, &bundle_too_long(), errors, not_done);
        return Err(2);
    }
    Ok(bytes)
}

/// `vigie eval --fhir`: the profile imported from a FHIR bundle, evaluated.
fn eval_fhir(w: &mut dyn World, args: &EvalArgs) -> Result<u8, Usage> {
    let not_done = "the bundle was not evaluated";
    match read_bundle(w, &args.input, args.source(), args.errors, not_done) {
        Ok(bytes) => evaluate(
            w,
            args,
            ProfileInput::Fhir(FhirInput::Bytes(bytes.as_slice())),
        ),
        Err(code) => Ok(code),
    }
}

/// `vigie import fhir`: the profile a FHIR R4 bundle gives, and what was not used.
fn import(w: &mut dyn World, args: &[String]) -> Result<u8, Usage> {
    let usage =
        "usage: vigie import fhir [--as-of YYYY-MM-DD] [--errors text|json] <bundle.json | ->";
    let Some((format, rest)) = args.split_first() else {
        return Err(Usage(usage.to_string()));
    };
    if format != "fhir" {
        return Err(Usage(format!(
            "vigie import reads `fhir` only, not `{format}`; {usage}"
        )));
    }
    let (mut as_of, mut errors, mut input) = (None, ErrorsFormat::Text, None);
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        let mut value = |flag: &str| flag_value(&mut rest, flag);
        match arg.as_str() {
            "--as-of" => as_of = Some(as_of_arg(value("--as-of")?)?),
            "--errors" => errors = errors_arg(value("--errors")?)?,
            "-" => input = Some("-".to_string()),
            flag if flag.starts_with("--") => {
                return Err(Usage(format!("unknown option `{flag}`")))
            }
            path if input.is_none() => input = Some(path.to_string()),
            extra => return Err(Usage(format!("unexpected argument `{extra}`"))),
        }
    }
    let input = input.ok_or_else(|| {
        Usage(format!(
            "a bundle file (or - for stdin) is required; {usage}"
        ))
    })?;
    let source = if input == "-" {
        "stdin"
    } else {
        input.as_str()
    };
    let not_done = "the bundle was not imported";
    let bytes = match read_bundle(w, &input, source, errors, not_done) {
        Ok(bytes) => bytes,
        Err(code) => return Ok(code),
    };
    match vigie::fhir::import(bytes.as_slice(), as_of.unwrap_or_else(|| w.today())) {
        Ok(imported) => {
            println!(w, "{}", imported.to_json_pretty());
            Ok(0)
        }
        Err(err) => {
            print_refused(
                w,
                source,
                &err.problems,
                errors,
                "the bundle was not imported",
            );
            Ok(2)
        }
    }
}

fn check(w: &mut dyn World, name: &str) -> u8 {
    let folders = match folders(w, name) {
        Ok(folders) => folders,
        Err(lines) => {
            lines.iter().for_each(|l| eprintln!(w, "{l}"));
            return 1;
        }
    };
    let mut ok = true;
    for (_, dir) in folders {
        match catalog::open_in(w.files(), &dir.to_string_lossy(), w.today()) {
            Ok(ruleset) => {
                let id = ruleset.id();
                let base = id
                    .extends
                    .as_ref()
                    .map(|b| format!(", extends {}@{}", b.id, b.version))
                    .unwrap_or_default();
                println!(
                    w,
                    "{}: rule set {} {} ({} rules{base}), {}: no problems",
                    dir.display(),
                    id.id,
                    id.version,
                    ruleset.effective().manifest.rules.len(),
                    id.digest
                );
            }
            Err(err) => {
                err.lines().iter().for_each(|l| eprintln!(w, "{l}"));
                ok = false;
            }
        }
    }
    if ok {
        0
    } else {
        1
    }
}

fn test(w: &mut dyn World, name: &str) -> u8 {
    let folders = match folders(w, name) {
        Ok(folders) => folders,
        Err(lines) => {
            lines.iter().for_each(|l| eprintln!(w, "{l}"));
            println!(w, "0 passed, 0 failed");
            return 1;
        }
    };
    let several = folders.len() > 1;
    let (mut passed, mut failed, mut broken) = (0, 0, false);
    for (label, dir) in &folders {
        let today = w.today();
        let Some(ruleset) = load(w, &dir.to_string_lossy(), today) else {
            broken = true;
            continue;
        };
        let results = match cases::run_dir_in(w.files(), &ruleset, dir) {
            Ok(results) => results,
            Err(problems) => {
                print_diagnostics(w, dir, &problems);
                broken = true;
                continue;
            }
        };
        let failures: Vec<_> = results.iter().filter(|r| !r.passed()).collect();
        for result in &failures {
            println!(
                w,
                "FAIL {} — {}",
                dir.join(&result.file).display(),
                result.name
            );
            for failure in &result.failures {
                println!(w, "     {failure}");
            }
        }
        if results.is_empty() {
            println!(w, "{label}: no cases");
            broken = true;
        }
        if several {
            println!(
                w,
                "{label}: {} passed, {} failed",
                results.len() - failures.len(),
                failures.len()
            );
        }
        passed += results.len() - failures.len();
        failed += failures.len();
    }
    println!(w, "{passed} passed, {failed} failed");
    if failed == 0 && !broken {
        0
    } else {
        1
    }
}

fn diff(w: &mut dyn World, args: &[String]) -> Result<u8, Usage> {
    let mut names = Vec::new();
    let mut options = vigie::diff::DiffOptions {
        people: 100_000,
        seed: 1,
        as_of: w.today(),
        threads: w.threads(),
    };
    let mut json = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |flag: &str| flag_value(&mut rest, flag);
        let number = |flag: &str, text: String| {
            text.replace('_', "")
                .parse::<u64>()
                .map_err(|_| Usage(format!("{flag} `{text}` is not a whole number")))
        };
        match arg.as_str() {
            "--people" => options.people = number("--people", value("--people")?)?,
            "--seed" => options.seed = number("--seed", value("--seed")?)?,
            "--threads" => {
                options.threads =
                    usize::try_from(number("--threads", value("--threads")?)?).unwrap_or(1)
            }
            "--as-of" => options.as_of = as_of_arg(value("--as-of")?)?,
            "--json" => json = true,
            flag if flag.starts_with("--") => {
                return Err(Usage(format!("unknown option `{flag}`")))
            }
            name => names.push(name.to_string()),
        }
    }
    let [a, b] = names.as_slice() else {
        return Err(Usage(
            "usage: vigie diff <rule set A> <rule set B> [--people N] [--seed S] [--as-of YYYY-MM-DD] [--json]"
                .to_string(),
        ));
    };
    let progress = |done, total| w.progress(done, total);
    let compared = vigie::diff::diff_in(w.files(), &|| w.seconds(), &progress, a, b, &options);
    match compared {
        Ok(result) => {
            if json {
                println!(w, "{}", result.to_json());
            } else {
                print!(w, "{}", result.to_text());
            }
            Ok(0)
        }
        Err(message) => {
            eprintln!(w, "{message}");
            Ok(1)
        }
    }
}

/// The arguments of the commands that word a rule set (`programs`, `questions`): `--rules`
/// (required), `--as-of` (today by default) and `--locale`.
fn rules_and_locale(
    w: &mut dyn World,
    args: &[String],
) -> Result<(String, NaiveDate, Option<String>), Usage> {
    let (mut rules, mut as_of, mut locale) = (None, None, None);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |flag: &str| flag_value(&mut rest, flag);
        match arg.as_str() {
            "--rules" => rules = Some(value("--rules")?),
            "--as-of" => as_of = Some(as_of_arg(value("--as-of")?)?),
            "--locale" => locale = Some(value("--locale")?),
            other => return Err(Usage(format!("unexpected argument `{other}`"))),
        }
    }
    let rules = rules.ok_or_else(|| Usage("--rules <dir-or-bundle> is required".to_string()))?;
    Ok((rules, as_of.unwrap_or_else(|| w.today()), locale))
}

/// `vigie programs`: the programs a rule set covers, in the engine's order, worded in a locale.
fn programs(w: &mut dyn World, args: &[String]) -> Result<u8, Usage> {
    let (rules, as_of, locale) = rules_and_locale(w, args)?;
    let Some(ruleset) = load(w, &rules, as_of) else {
        return Ok(1);
    };
    let programs = ruleset
        .programs(locale.as_deref())
        .map_err(|err| Usage(err.to_string()))?;
    println!(
        w,
        "{}",
        serde_json::to_string_pretty(&programs).unwrap_or_default()
    );
    Ok(0)
}

/// `vigie questions`: every declared question, worded, and the priority (docs/questions.md §5).
fn questions(w: &mut dyn World, args: &[String]) -> Result<u8, Usage> {
    let (rules, as_of, locale) = rules_and_locale(w, args)?;
    let Some(ruleset) = load(w, &rules, as_of) else {
        return Ok(1);
    };
    let questionnaire = vigie::questions::questionnaire(&ruleset, locale.as_deref())
        .map_err(|err| Usage(err.to_string()))?;
    println!(
        w,
        "{}",
        serde_json::to_string_pretty(&questionnaire).unwrap_or_default()
    );
    Ok(0)
}

/// `vigie answers`: the profile `{"answers": {…}}` makes (exit 2 with every problem if none).
fn answers(w: &mut dyn World, args: &[String]) -> Result<u8, Usage> {
    let (mut rules, mut as_of, mut input, mut errors) = (None, None, None, ErrorsFormat::Text);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |flag: &str| flag_value(&mut rest, flag);
        match arg.as_str() {
            "--rules" => rules = Some(value("--rules")?),
            "--as-of" => as_of = Some(as_of_arg(value("--as-of")?)?),
            "--errors" => errors = errors_arg(value("--errors")?)?,
            "-" => input = Some("-".to_string()),
            flag if flag.starts_with("--") => {
                return Err(Usage(format!("unknown option `{flag}`")))
            }
            path if input.is_none() => input = Some(path.to_string()),
            extra => return Err(Usage(format!("unexpected argument `{extra}`"))),
        }
    }
    let rules = rules.ok_or_else(|| Usage("--rules <dir-or-bundle> is required".to_string()))?;
    let input =
        input.ok_or_else(|| Usage("an answers file (or - for stdin) is required".to_string()))?;
    let as_of = as_of.unwrap_or_else(|| w.today());
    let Some(ruleset) = load(w, &rules, as_of) else {
        return Ok(1);
    };
    let source = if input == "-" {
        "stdin"
    } else {
        input.as_str()
    };
    let bytes = match read_input(w, &input, Profile::MAX_JSON_BYTES, "the answers") {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!(w, "vigie: {message}");
            return Ok(2);
        }
    };
    let given: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(value) => value,
        Err(err) => {
            let problem = Problem::new(
                "",
                vigie::ProblemKind::NotJson,
                format!("is not valid JSON: {err}"),
            );
            print_refused(w, source, &[problem], errors, "no profile was made");
            return Ok(2);
        }
    };
    match vigie::questions::profile_from_answers(
        ruleset.effective().questions.as_ref(),
        &given,
        as_of,
    ) {
        Ok(profile) => {
            println!(
                w,
                "{}",
                serde_json::to_string_pretty(&profile).unwrap_or_default()
            );
            Ok(0)
        }
        Err(err) => {
            print_refused(w, source, &err.problems, errors, "no profile was made");
            Ok(2)
        }
    }
}
