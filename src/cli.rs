//! The `vigie` command: `eval`, `check`, `test` and `bundle` (CONTRACT §4).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use vigie::ffi::{Bundle, Failure};
use vigie::{cases, date, Diagnostic, Options, RuleSet};

const USAGE: &str = "\
vigie — prevention and screening nudges from a versioned rule set

usage:
  vigie eval --rules <dir-or-bundle> [--as-of YYYY-MM-DD] [--locale fr|en] [--trace] <profile.json | ->
      print the report for a profile (exit 2 if the profile is refused)
  vigie check <rule-set dir>
      check a rule set; problems as file:line:col: message (exit 1 if any)
  vigie test <rule-set dir>
      run the rule set's cases; ends with `N passed, M failed` (exit 1 if any failed)
  vigie bundle <rule-set dir> -o <file.json>
      write the rule set as one self-contained file (manifest, rules, messages, digest)
  vigie --version | --help";

/// A command-line mistake: message, exit 2.
struct Usage(String);

/// Runs the command line.
pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("eval") => eval(args.get(1..).unwrap_or_default()),
        Some("check") => one_dir(args.get(1..).unwrap_or_default()).map(|dir| check(&dir)),
        Some("test") => one_dir(args.get(1..).unwrap_or_default()).map(|dir| test(&dir)),
        Some("bundle") => bundle(args.get(1..).unwrap_or_default()),
        Some("--version" | "-V") => {
            println!("vigie {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(Usage(format!("unknown command `{other}`"))),
        None => Err(Usage("a command is required".to_string())),
    };
    match outcome {
        Ok(code) => code,
        Err(Usage(message)) => {
            eprintln!("vigie: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn one_dir(args: &[String]) -> Result<PathBuf, Usage> {
    match args {
        [dir] if !dir.starts_with('-') => Ok(PathBuf::from(dir)),
        [] => Err(Usage("a rule-set folder is required".to_string())),
        _ => Err(Usage(format!(
            "expected one rule-set folder, got `{}`",
            args.join(" ")
        ))),
    }
}

/// Prints diagnostics with paths from the rule-set folder given on the command line.
fn print_diagnostics(dir: &Path, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!(
            "{}:{}:{}: {}",
            dir.join(&d.file).display(),
            d.line,
            d.column,
            d.message
        );
    }
}

/// Loads a rule-set folder, or a bundle file.
fn load(dir: &Path) -> Option<RuleSet> {
    if dir.is_file() {
        let loaded = std::fs::read_to_string(dir)
            .map_err(|err| format!("cannot read {}: {err}", dir.display()))
            .and_then(|json| Bundle::load(&json).map_err(|failure| describe(dir, &failure)));
        return match loaded {
            Ok(ruleset) => Some(ruleset),
            Err(message) => {
                eprintln!("{message}");
                None
            }
        };
    }
    match RuleSet::load(dir) {
        Ok(ruleset) => Some(ruleset),
        Err(err) => {
            print_diagnostics(dir, &err.diagnostics);
            eprintln!("{} problem(s) in {}", err.diagnostics.len(), dir.display());
            None
        }
    }
}

fn describe(path: &Path, failure: &Failure) -> String {
    match failure {
        Failure::InvalidBundle {
            message,
            diagnostics,
        } if !diagnostics.is_empty() => diagnostics
            .iter()
            .map(|d| format!("{}: {d}", path.display()))
            .chain(std::iter::once(format!("{}: {message}", path.display())))
            .collect::<Vec<_>>()
            .join("\n"),
        other => format!("{}: {other}", path.display()),
    }
}

fn bundle(args: &[String]) -> Result<ExitCode, Usage> {
    let (dir, output) = match args {
        [dir, flag, output] if flag == "-o" || flag == "--output" => (dir, output),
        _ => {
            return Err(Usage(
                "usage: vigie bundle <rule-set dir> -o <file.json>".to_string(),
            ))
        }
    };
    let dir = PathBuf::from(dir);
    if dir.is_file() {
        return Err(Usage(format!(
            "{} is a file; bundle takes a rule-set folder",
            dir.display()
        )));
    }
    let Some(ruleset) = load(&dir) else {
        return Ok(ExitCode::from(1));
    };
    let json = Bundle::of(&ruleset).to_json();
    match std::fs::write(output, json + "\n") {
        Ok(()) => {
            let id = ruleset.id();
            println!("{output}: {} {} {}", id.id, id.version, id.digest);
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            eprintln!("vigie: cannot write {output}: {err}");
            Ok(ExitCode::from(1))
        }
    }
}

fn eval(args: &[String]) -> Result<ExitCode, Usage> {
    let mut rules = None;
    let mut as_of = None;
    let mut locale = None;
    let mut trace = false;
    let mut input = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |flag: &str| {
            rest.next()
                .cloned()
                .ok_or_else(|| Usage(format!("{flag} needs a value")))
        };
        match arg.as_str() {
            "--rules" => rules = Some(PathBuf::from(value("--rules")?)),
            "--as-of" => {
                let text = value("--as-of")?;
                as_of = Some(date::parse(&text).ok_or_else(|| {
                    Usage(format!("--as-of `{text}` is not a date (YYYY-MM-DD)"))
                })?);
            }
            "--locale" => locale = Some(value("--locale")?),
            "--trace" => trace = true,
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
        input.ok_or_else(|| Usage("a profile file (or - for stdin) is required".to_string()))?;
    let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());

    let text = if input == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map(|_| text)
            .map_err(|err| format!("cannot read the profile from stdin: {err}"))
    } else {
        std::fs::read_to_string(&input).map_err(|err| format!("cannot read {input}: {err}"))
    };
    let text = match text {
        Ok(text) => text,
        Err(message) => {
            eprintln!("vigie: {message}");
            return Ok(ExitCode::from(2));
        }
    };
    let Some(ruleset) = load(&rules) else {
        return Ok(ExitCode::from(1));
    };
    let options = Options {
        as_of,
        locale,
        trace,
    };
    match vigie::evaluate_json(&ruleset, &text, &options) {
        Ok(report) => {
            println!("{}", report.to_json_pretty());
            Ok(ExitCode::SUCCESS)
        }
        Err(vigie::Error::Profile(err)) => {
            let source = if input == "-" {
                "stdin"
            } else {
                input.as_str()
            };
            for problem in &err.problems {
                eprintln!("{source}: {problem}");
            }
            eprintln!(
                "{} problem(s): the profile was not evaluated",
                err.problems.len()
            );
            Ok(ExitCode::from(2))
        }
        Err(vigie::Error::Evaluate(err)) => Err(Usage(err.to_string())),
    }
}

fn check(dir: &Path) -> ExitCode {
    match load(dir) {
        Some(ruleset) => {
            let id = ruleset.id();
            println!(
                "{}: rule set {} {} ({} rules), {}: no problems",
                dir.display(),
                id.id,
                id.version,
                ruleset.manifest().rules.len(),
                id.digest
            );
            ExitCode::SUCCESS
        }
        None => ExitCode::from(1),
    }
}

fn test(dir: &Path) -> ExitCode {
    let Some(ruleset) = load(dir) else {
        println!("0 passed, 0 failed");
        return ExitCode::from(1);
    };
    let results = match cases::run_dir(&ruleset, dir) {
        Ok(results) => results,
        Err(problems) => {
            print_diagnostics(dir, &problems);
            println!("0 passed, 0 failed");
            return ExitCode::from(1);
        }
    };
    let failed: Vec<_> = results.iter().filter(|r| !r.passed()).collect();
    for result in &failed {
        println!(
            "FAIL {} — {}",
            dir.join(&result.file).display(),
            result.name
        );
        for failure in &result.failures {
            println!("     {failure}");
        }
    }
    let passed = results.len() - failed.len();
    println!("{passed} passed, {} failed", failed.len());
    if failed.is_empty() && !results.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
