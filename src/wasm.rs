//! The WebAssembly layer (feature `wasm`): the only file with `#[wasm_bindgen]` items. It wraps
//! [`crate::ffi`]: JSON text in, JSON text out, failures as tagged JSON in the thrown value. The
//! package's hand-written JavaScript (`pkg/`) turns those into objects and `VigieError`s.

use wasm_bindgen::prelude::*;

use crate::bundle::{self, Bundle, BundleCheck};
use crate::ffi::{self, Failure, Layout};
use crate::RuleSet;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Installs a panic hook when the module starts, so that a bug shows its message in the console
/// instead of a bare `unreachable` trap. A trap leaves this instance's state (borrows, the
/// allocator) half changed: the package never calls into the instance again, and runs each later
/// call in a fresh instance whose start runs this again (`pkg/core.js`, `Runtime`).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| console_error(&format!("vigie: {info}"))));
}

fn thrown(failure: impl Into<Failure>) -> JsValue {
    JsValue::from_str(&failure.into().to_json())
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The files of a built-in rule set (`fr`), by path relative to its folder.
pub fn built_in_files(id: &str) -> Option<std::collections::BTreeMap<String, String>> {
    crate::builtin::files(id)
}

/// One loaded rule set. Each instance is independent: several can live side by side.
#[wasm_bindgen]
pub struct Engine {
    ruleset: RuleSet,
}

#[wasm_bindgen]
impl Engine {
    /// A rule set built into the module (`fr`).
    #[wasm_bindgen(js_name = builtIn)]
    pub fn built_in(id: &str) -> Result<Engine, JsValue> {
        let files = built_in_files(id).ok_or_else(|| {
            thrown(Failure::InvalidBundle {
                message: format!(
                    "no built-in rule set `{id}`; built in: {}",
                    crate::builtin::IDS.join(", ")
                ),
                diagnostics: Vec::new(),
            })
        })?;
        RuleSet::from_files(files)
            .map(|ruleset| Engine { ruleset })
            .map_err(|err| {
                thrown(Failure::InvalidBundle {
                    message: err.to_string(),
                    diagnostics: err.diagnostics,
                })
            })
    }

    /// A rule set from a bundle written by `vigie bundle` (refused if its digest does not match).
    #[wasm_bindgen(js_name = fromBundle)]
    pub fn from_bundle(json: &str) -> Result<Engine, JsValue> {
        Bundle::load(json)
            .map(|ruleset| Engine { ruleset })
            .map_err(thrown)
    }

    /// `builtIn`, refused unless the rule set's digest is `expect_digest` (when given).
    #[wasm_bindgen(js_name = builtInExpecting)]
    pub fn built_in_expecting(id: &str, expect_digest: Option<String>) -> Result<Engine, JsValue> {
        if let Some(expect) = &expect_digest {
            bundle::check_digest_form(expect, "expectDigest").map_err(thrown)?;
        }
        let engine = Engine::built_in(id)?;
        bundle::check_expected_digest(expect_digest.as_deref(), &engine.ruleset.id(), None)
            .map_err(thrown)?;
        Ok(engine)
    }

    /// `fromBundle`, refused before it is compiled unless its digest (the rule set's or the
    /// whole bundle's) is `expect_digest` (when given).
    #[wasm_bindgen(js_name = fromBundleExpecting)]
    pub fn from_bundle_expecting(
        json: &str,
        expect_digest: Option<String>,
    ) -> Result<Engine, JsValue> {
        let check = BundleCheck { expect_digest };
        Bundle::load_checked(json, &check)
            .map(|ruleset| Engine { ruleset })
            .map_err(thrown)
    }

    /// Evaluates a JSON profile; the report as JSON text, byte-identical to `vigie eval`.
    #[wasm_bindgen(js_name = evaluateJson)]
    pub fn evaluate_json(&self, profile: &str, options: &str) -> Result<String, JsValue> {
        ffi::evaluate(&self.ruleset, profile, options, today(), Layout::Pretty).map_err(thrown)
    }

    /// As `evaluateJson`, the report without layout (what `evaluate` parses).
    #[wasm_bindgen(js_name = evaluateCompactJson)]
    pub fn evaluate_compact_json(&self, profile: &str, options: &str) -> Result<String, JsValue> {
        ffi::evaluate(&self.ruleset, profile, options, today(), Layout::Compact).map_err(thrown)
    }

    /// Validates a JSON profile: `{"valid": …, "problems": […]}`.
    #[wasm_bindgen(js_name = validateJson)]
    pub fn validate_json(&self, profile: &str, options: &str) -> Result<String, JsValue> {
        ffi::validate(profile, options, today()).map_err(thrown)
    }

    /// `{"id", "version", "digest"}` of the loaded rule set.
    #[wasm_bindgen(js_name = rulesetJson)]
    pub fn ruleset_json(&self) -> String {
        ffi::ruleset_id(&self.ruleset)
    }
}

#[wasm_bindgen]
impl Engine {
    /// `[{"program", "title", "description"}, …]`: the programs the rule set covers.
    #[wasm_bindgen(js_name = programsJson)]
    pub fn programs_json(&self, options: &str) -> Result<String, JsValue> {
        ffi::programs(&self.ruleset, options).map_err(thrown)
    }

    /// `{"locale", "codes", "answers"}`: the labels of codes, and a questionnaire's words.
    #[wasm_bindgen(js_name = codeLabelsJson)]
    pub fn code_labels_json(&self, options: &str) -> Result<String, JsValue> {
        ffi::code_labels(&self.ruleset, options).map_err(thrown)
    }

    /// `[{"label", "url", "checked"}, …]`: every source the rule set cites.
    #[wasm_bindgen(js_name = sourcesJson)]
    pub fn sources_json(&self) -> String {
        ffi::cited_sources(&self.ruleset)
    }
}

/// How a JSON answer is written: pretty as the command line prints it, or compact to be parsed.
fn layout(compact: bool) -> Layout {
    if compact {
        Layout::Compact
    } else {
        Layout::Pretty
    }
}

#[wasm_bindgen]
impl Engine {
    /// Evaluates a JSON profile; CDS Hooks cards `{"cards": […]}` as JSON text (not compact:
    /// byte-identical to `vigie eval --format cds-hooks`).
    #[wasm_bindgen(js_name = evaluateCardsJson)]
    pub fn evaluate_cards_json(
        &self,
        profile: &str,
        options: &str,
        compact: bool,
    ) -> Result<String, JsValue> {
        ffi::evaluate_cards(&self.ruleset, profile, options, today(), layout(compact))
            .map_err(thrown)
    }

    /// Evaluates a FHIR R4 bundle (JSON text): the report with its `import` section, as JSON text
    /// (not compact: byte-identical to `vigie eval --fhir`).
    #[wasm_bindgen(js_name = evaluateFhirJson)]
    pub fn evaluate_fhir_json(
        &self,
        bundle: &str,
        options: &str,
        compact: bool,
    ) -> Result<String, JsValue> {
        ffi::evaluate_fhir(&self.ruleset, bundle, options, today(), layout(compact)).map_err(thrown)
    }

    /// Evaluates a FHIR R4 bundle; CDS Hooks cards as JSON text (not compact: byte-identical to
    /// `vigie eval --fhir --format cds-hooks`).
    #[wasm_bindgen(js_name = evaluateFhirCardsJson)]
    pub fn evaluate_fhir_cards_json(
        &self,
        bundle: &str,
        options: &str,
        compact: bool,
    ) -> Result<String, JsValue> {
        ffi::evaluate_fhir_cards(&self.ruleset, bundle, options, today(), layout(compact))
            .map_err(thrown)
    }

    /// Imports a FHIR R4 bundle: `{"profile", "notUsed", "notes", "mappings"}` as JSON text (not
    /// compact: byte-identical to `vigie import fhir`; options `{"asOf"}`).
    #[wasm_bindgen(js_name = importFhirJson)]
    pub fn import_fhir_json(
        &self,
        bundle: &str,
        options: &str,
        compact: bool,
    ) -> Result<String, JsValue> {
        ffi::import_fhir_laid_out(bundle, options, today(), layout(compact)).map_err(thrown)
    }

    /// `{"locale", "priority", "questions"}`: every declared question worded in `{"locale"}` (not
    /// compact: byte-identical to `vigie questions`).
    #[wasm_bindgen(js_name = questionnaireJson)]
    pub fn questionnaire_json(&self, options: &str, compact: bool) -> Result<String, JsValue> {
        ffi::questionnaire(&self.ruleset, options, layout(compact)).map_err(thrown)
    }

    /// The profile `{"answers": {…}}` makes, as JSON text (not compact: byte-identical to
    /// `vigie answers`; options `{"asOf"}`); refused answers throw `invalid-answers`.
    #[wasm_bindgen(js_name = profileFromAnswersJson)]
    pub fn profile_from_answers_json(
        &self,
        answers: &str,
        options: &str,
        compact: bool,
    ) -> Result<String, JsValue> {
        ffi::profile_from_answers(&self.ruleset, answers, options, today(), layout(compact))
            .map_err(thrown)
    }

    /// A report's JSON as CDS Hooks cards (options `{"all": bool}`).
    #[wasm_bindgen(js_name = cardsJson)]
    pub fn cards_json(
        &self,
        report: &str,
        options: &str,
        compact: bool,
    ) -> Result<String, JsValue> {
        ffi::cards(report, options, layout(compact)).map_err(thrown)
    }
}

/// The authoring module's command line (feature `authoring`; docs/authoring.md): `npx vigie …`
/// runs [`crate::cli::run`] here, over files its host (`pkg/bin/vigie.mjs`, on Node's `fs`) reads
/// and writes for it, so that it prints what the native command prints.
#[cfg(feature = "authoring")]
mod authoring {
    use std::io;
    use std::path::{Path, PathBuf};

    use wasm_bindgen::prelude::*;

    use crate::cli::{self, World};
    use crate::files::{FileKind, Files};

    #[wasm_bindgen]
    extern "C" {
        /// What `npx vigie` gives the command: Node's files, stdin and clock. Each method throws
        /// the text of the system error (`No such file or directory (os error 2)`), worded as
        /// the native command words it.
        pub type AuthoringHost;
        /// `file:<bytes>`, `dir`, `link` or `other`, links not followed.
        #[wasm_bindgen(method, catch)]
        fn kind(this: &AuthoringHost, path: &str) -> Result<String, JsValue>;
        /// The same, links followed; `""` when nothing is there.
        #[wasm_bindgen(method)]
        fn followed(this: &AuthoringHost, path: &str) -> String;
        /// A folder's entries, each `<kind letter f|d|l|o><name>`, separated by NUL.
        #[wasm_bindgen(method, catch)]
        fn list(this: &AuthoringHost, path: &str) -> Result<String, JsValue>;
        /// At most `limit` and one more bytes of a file.
        #[wasm_bindgen(method, catch)]
        fn read(this: &AuthoringHost, path: &str, limit: f64) -> Result<Vec<u8>, JsValue>;
        /// The real, absolute path.
        #[wasm_bindgen(method, catch)]
        fn realpath(this: &AuthoringHost, path: &str) -> Result<String, JsValue>;
        /// Writes a whole file.
        #[wasm_bindgen(method, catch)]
        fn write(this: &AuthoringHost, path: &str, bytes: &[u8]) -> Result<(), JsValue>;
        /// At most `limit` and one more bytes of stdin.
        #[wasm_bindgen(method, catch)]
        fn stdin(this: &AuthoringHost, limit: f64) -> Result<Vec<u8>, JsValue>;
        /// Seconds from any origin.
        #[wasm_bindgen(method)]
        fn seconds(this: &AuthoringHost) -> f64;
        /// Creates a folder and the folders above it that are missing (`vigie unbundle`).
        #[wasm_bindgen(method, catch)]
        fn mkdir(this: &AuthoringHost, path: &str) -> Result<(), JsValue>;
        /// The host's `progress` property, if any: a function `(done, total)` that hears how far
        /// `diff`'s population is (the studio's progress bar). Optional: read first, called only
        /// when it is a function (a binding, not js-sys: one property read needs no new crate).
        #[wasm_bindgen(method, getter, js_name = progress)]
        fn progress_property(this: &AuthoringHost) -> JsValue;
        /// Calls the host's `progress(done, total)`; what it throws is caught.
        #[wasm_bindgen(method, catch, js_name = progress)]
        fn call_progress(this: &AuthoringHost, done: f64, total: f64) -> Result<JsValue, JsValue>;
    }

    fn io_error(thrown: JsValue) -> io::Error {
        io::Error::other(thrown.as_string().unwrap_or_else(|| format!("{thrown:?}")))
    }

    fn text(path: &Path) -> std::borrow::Cow<'_, str> {
        path.to_string_lossy()
    }

    fn limit(bytes: usize) -> f64 {
        // Limits are a few megabytes: exact in an f64.
        bytes as f64
    }

    fn kind_of(word: &str) -> Option<FileKind> {
        match word {
            "dir" => Some(FileKind::Folder),
            "link" => Some(FileKind::Link),
            "other" => Some(FileKind::Other),
            _ => word
                .strip_prefix("file:")
                .and_then(|n| n.parse().ok())
                .map(FileKind::File),
        }
    }

    struct HostFiles(AuthoringHost);

    impl Files for HostFiles {
        fn kind(&self, path: &Path) -> io::Result<FileKind> {
            let word = self.0.kind(&text(path)).map_err(io_error)?;
            kind_of(&word).ok_or_else(|| io::Error::other(format!("unknown kind `{word}`")))
        }

        fn followed(&self, path: &Path) -> Option<FileKind> {
            kind_of(&self.0.followed(&text(path)))
        }

        fn list(&self, dir: &Path) -> io::Result<Vec<(String, FileKind)>> {
            let listed = self.0.list(&text(dir)).map_err(io_error)?;
            Ok(listed
                .split('\0')
                .filter(|entry| !entry.is_empty())
                .map(|entry| {
                    let mut chars = entry.chars();
                    let kind = match chars.next() {
                        Some('f') => FileKind::File(0),
                        Some('d') => FileKind::Folder,
                        Some('l') => FileKind::Link,
                        _ => FileKind::Other,
                    };
                    (chars.as_str().to_string(), kind)
                })
                .collect())
        }

        fn read(&self, path: &Path, bytes: usize) -> io::Result<Vec<u8>> {
            self.0.read(&text(path), limit(bytes)).map_err(io_error)
        }

        fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
            self.0
                .realpath(&text(path))
                .map(PathBuf::from)
                .map_err(io_error)
        }

        fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
            self.0.write(&text(path), bytes).map_err(io_error)
        }

        fn create_dir_all(&self, path: &Path) -> io::Result<()> {
            self.0.mkdir(&text(path)).map_err(io_error)
        }
    }

    struct Host {
        files: HostFiles,
        today: chrono::NaiveDate,
        stdout: String,
        stderr: String,
    }

    impl World for Host {
        fn files(&self) -> &dyn Files {
            &self.files
        }

        fn out(&mut self, text: &str) {
            self.stdout.push_str(text);
        }

        fn err(&mut self, text: &str) {
            self.stderr.push_str(text);
        }

        fn stdin(&mut self, bytes: usize) -> io::Result<Vec<u8>> {
            self.files.0.stdin(limit(bytes)).map_err(io_error)
        }

        fn today(&self) -> chrono::NaiveDate {
            self.today
        }

        fn seconds(&self) -> f64 {
            self.files.0.seconds()
        }

        fn threads(&self) -> usize {
            1
        }

        /// Only when the host has a `progress` function (`npx vigie`'s has none); a callback
        /// that throws is ignored: progress never changes what the command prints.
        fn progress(&self, done: u64, total: u64) {
            let host = &self.files.0;
            if host.progress_property().is_function() {
                // Counts of people: exact in an f64.
                let _ = host.call_progress(done as f64, total as f64);
            }
        }
    }

    /// What one run printed, and its exit code.
    #[derive(serde::Serialize)]
    struct Ran {
        stdout: String,
        stderr: String,
        code: u8,
    }

    /// Runs `vigie <args>` (`args_json`: a JSON array of strings, without the program's name) on
    /// `host`'s files, `today` (`YYYY-MM-DD`, the host's local date) being the default `--as-of`:
    /// `{"stdout": "…", "stderr": "…", "code": 0}` as JSON.
    #[wasm_bindgen(js_name = runCli)]
    pub fn run_cli(args_json: &str, host: AuthoringHost, today: &str) -> Result<String, JsValue> {
        let args: Vec<String> = serde_json::from_str(args_json).map_err(|err| {
            JsValue::from_str(&format!("runCli: args are not a list of strings: {err}"))
        })?;
        let today = crate::date::parse(today)
            .ok_or_else(|| JsValue::from_str(&format!("runCli: today `{today}` is not a date")))?;
        let mut world = Host {
            files: HostFiles(host),
            today,
            stdout: String::new(),
            stderr: String::new(),
        };
        let code = cli::run(&args, &mut world);
        let ran = Ran {
            stdout: world.stdout,
            stderr: world.stderr,
            code,
        };
        serde_json::to_string(&ran).map_err(|err| JsValue::from_str(&err.to_string()))
    }
}
