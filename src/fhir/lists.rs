//! Lists that say "none": a current List, with no entries, whose `emptyReason` is nil-known ("no
//! known items for this list after reasonable investigation", https://hl7.org/fhir/R4/list.html)
//! and whose code names a list of the profile (lists.toml). Any other List says nothing the
//! profile takes: an empty one for another reason (not asked, withheld …) leaves the answer
//! unknown, and one with entries points to records read on their own.

use super::assemble::Found;
use super::ledger::NotUsedKind;
use super::r4;
use super::read::Node;
use super::Import;

pub(super) fn read(import: &mut Import<'_>, entry: usize, node: &Node<'_>) {
    let status = import
        .reader
        .required_code(node, "status", r4::LIST_STATUSES);
    import.reader.required_code(node, "mode", r4::LIST_MODES);
    let code = import.reader.concept(node, "code");
    let empty_reason = import.reader.concept(node, "emptyReason");
    let items: Vec<_> = import.reader.list(node, "entry");
    let mut listed = 0;
    for (path, value) in &items {
        if let Some(item) = import
            .reader
            .object(path, value, r4::LIST_ENTRY, "List.entry")
        {
            if import.reader.boolean(&item, "deleted") != Some(true) {
                listed += 1;
            }
        }
    }
    if !import.admissible(entry, node, "subject", false) {
        return;
    }
    let Some(status) = status else {
        return;
    };
    let maps = import.ctx.maps;
    let field = code.as_ref().and_then(|code| {
        maps.lists
            .list
            .iter()
            .find(|kind| code.codings.iter().any(|c| maps.is_one_of(&kind.codes, c)))
    });
    let Some(field) = field else {
        let what = code.map_or("no code".to_string(), |c| c.described());
        let reason = if listed > 0 {
            format!("a list ({what}): its entries are read on their own")
        } else {
            format!("a list ({what}) that is none of the profile's (problems, family history, immunizations)")
        };
        import.skip(entry, &node.path, NotUsedKind::NotRead, reason);
        return;
    };
    if status != "current" {
        import.skip(
            entry,
            &node.at("status"),
            NotUsedKind::Status,
            format!("its status is \"{status}\": only a current list counts"),
        );
        return;
    }
    if listed > 0 {
        import.skip(
            entry,
            &node.path,
            NotUsedKind::NotRead,
            format!(
                "a {} list of {listed} records: its entries are read on their own",
                field.field
            ),
        );
        return;
    }
    let nil = empty_reason.as_ref().is_some_and(|r| {
        r.codings
            .iter()
            .any(|c| maps.is_one_of(&maps.lists.nil_known, c))
    });
    if !nil {
        let why = empty_reason.map_or("no emptyReason".to_string(), |r| {
            format!("the reason {}", r.described())
        });
        import.skip(
            entry,
            &node.path,
            NotUsedKind::NoValue,
            format!(
                "an empty {} list with {why}: only \"nil known\" says there are none",
                field.field
            ),
        );
        return;
    }
    let name: &'static str = match field.field.as_str() {
        "conditions" => "conditions",
        "familyHistory" => "familyHistory",
        _ => "vaccinations",
    };
    import.draft.nil_known.push(Found {
        entry,
        path: node.path.clone(),
        value: name,
        note: None,
    });
}
