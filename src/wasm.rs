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
