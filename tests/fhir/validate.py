#!/usr/bin/env python3
"""Validates every tests/fhir/*.json as a FHIR R4 (4.0.1) resource and checks the verdict expected in tests/fhir/manifest.json:
a bundle said `valid` that the validator rejects, or one said invalid that it accepts, fails the run (exit 1).
From the issue-15 research (/work/research-15/validate.py), with the same checks.

Validator: PyPI `fhir.resources` 6.4.0 -- the last release whose default package is FHIR R4 4.0.1
(`fhir.resources.__fhir_version__ == "4.0.1"`); 6.5.0 and later are R4B (4.3.0) by default and 7.x/8.x are R5
with an `R4B` sub-package (no R4 4.0.1 sub-package exists). 6.4.0 needs pydantic 1.x:
    scripts/setup installs it in target/fhir-venv (python3 -m venv; pip install "fhir.resources==6.4.0" "pydantic[email]<2")
Run: bash scripts/validate-fhir               (exit 0 when every file got its expected verdict)

What `fhir.resources` checks: JSON structure, element names (unknown elements are errors), cardinality, primitive
formats (date, dateTime with time needs a zone, code/id/uri...), choice types [x], the resourceType of every
contained/entry resource, required elements. What it does NOT check: invariants (FHIRPath constraints such as
fhs-1, lst-1, con-5), terminology bindings, profiles (US Core, FR Core), reference resolution.
Vigie-specific checks here: the top-level resource must be a Bundle.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLES = HERE


def validate_r4(obj):
    """Returns (ok, message) using fhir.resources (R4 4.0.1 default package)."""
    import fhir.resources as fr
    from fhir.resources import get_fhir_model_class
    assert fr.__fhir_version__ == "4.0.1", f"fhir.resources {fr.__version__} is FHIR {fr.__fhir_version__}, not R4 4.0.1"
    rt = obj.get("resourceType") if isinstance(obj, dict) else None
    if not isinstance(rt, str):
        return False, "no resourceType"
    try:
        klass = get_fhir_model_class(rt)
    except KeyError:
        return False, f"unknown resourceType {rt!r}"
    try:
        klass.parse_obj(obj)
    except Exception as e:  # pydantic.ValidationError
        msg = str(e).replace("\n", " | ")
        return False, msg[:600]
    return True, "ok"


# R4 datatypes.html regexes. fhir.resources 6.4.0 accepts "2024-03-01T23:30:00" (a time without a zone), which the
# R4 dateTime regex and rule ("If hours and minutes are specified, a time zone SHALL be populated") forbid, so every
# JSON string that looks like a date with a time is checked against the R4 dateTime regex as a supplementary rule.
DATETIME_R4 = re.compile(r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])"
                         r"(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?")
LOOKS_DATETIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T")


def supplementary_r4(obj, path="$"):
    """Yields (path, message) for R4 rules fhir.resources 6.4.0 does not enforce."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from supplementary_r4(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from supplementary_r4(v, f"{path}[{i}]")
    elif isinstance(obj, str) and LOOKS_DATETIME.match(obj) and not DATETIME_R4.fullmatch(obj):
        yield path, f"{obj!r} is not an R4 dateTime/instant (a time needs seconds and a time zone)"


def main():
    import fhir.resources as fr
    import pydantic
    print(f"validator: fhir.resources {fr.__version__} (FHIR {fr.__fhir_version__}), pydantic {pydantic.VERSION}")
    manifest = json.load(open(os.path.join(BUNDLES, "manifest.json")))
    bad = 0
    names = sorted(n for n in os.listdir(BUNDLES) if n.endswith(".json") and n != "manifest.json")
    missing = sorted(set(names) ^ set(manifest))
    if missing:
        print(f"FAIL  manifest.json and the files differ: {', '.join(missing)}")
        return 1
    for name in names:
        path = os.path.join(BUNDLES, name)
        expect = manifest.get(name, {}).get("expect", "?")
        try:
            obj = json.load(open(path, encoding="utf-8"))
        except Exception as e:
            verdict, msg = "invalid-json", f"not JSON: {e}"
        else:
            ok, msg = validate_r4(obj)
            extra = list(supplementary_r4(obj)) if ok else []
            if extra:
                ok, msg = False, "; ".join(f"{p}: {m}" for p, m in extra)
            if not ok:
                verdict = "invalid-fhir"
            elif obj.get("resourceType") != "Bundle":
                verdict, msg = "not-a-bundle", f"valid FHIR R4 {obj.get('resourceType')}, but not a Bundle"
            else:
                n = len(obj.get("entry", []))
                verdict, msg = "valid", f"valid FHIR R4 Bundle ({obj.get('type')}, {n} entries)"
        good = verdict == expect
        bad += not good
        print(f"{'PASS' if good else 'FAIL'}  {name}: {verdict} (expected {expect}) - {msg}")
    print(f"{len(names) - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
