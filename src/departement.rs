//! French département codes (INSEE's Code officiel géographique): the profile's optional
//! `departement` (docs/contract.md §1 v1.1) and the keys of a rule set's `[directory.*]` tables.
//!
//! 101 codes: `01`–`19`, `2A`, `2B` (Corsica; there is no `20` since 1976), `21`–`95`, and the
//! overseas départements `971` Guadeloupe, `972` Martinique, `973` Guyane, `974` La Réunion,
//! `976` Mayotte (`975` Saint-Pierre-et-Miquelon and `977`+ are overseas collectivities, not
//! départements, and have no CRCDC of their own).

/// How an accepted code is written, for error messages.
pub const EXPECTED: &str = "a French département code as text: \"01\" to \"19\", \"2A\", \"2B\", \"21\" to \"95\", \"971\", \"972\", \"973\", \"974\" or \"976\"";

/// The overseas départements.
pub const OVERSEAS: &[&str] = &["971", "972", "973", "974", "976"];

/// Whether `code` is a département code, written as INSEE writes it (two digits with a leading
/// zero, `2A`/`2B` in capitals, three digits overseas).
pub fn is_code(code: &str) -> bool {
    match code.as_bytes() {
        [b'2', b'A' | b'B'] => true,
        [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
            let n = u32::from(a - b'0') * 10 + u32::from(b - b'0');
            (1..=95).contains(&n) && n != 20
        }
        _ => OVERSEAS.contains(&code),
    }
}

/// Every code, in INSEE order (`01` … `19`, `2A`, `2B`, `21` … `95`, `971` … `976`).
pub fn all() -> Vec<String> {
    let mut codes: Vec<String> = (1..=19).map(|n| format!("{n:02}")).collect();
    codes.push("2A".to_string());
    codes.push("2B".to_string());
    codes.extend((21..=95).map(|n| format!("{n:02}")));
    codes.extend(OVERSEAS.iter().map(|c| c.to_string()));
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_101_departements_and_each_is_a_code() {
        let all = all();
        assert_eq!(all.len(), 101);
        assert!(all.iter().all(|c| is_code(c)));
    }

    #[test]
    fn departement_codes_refuse_what_insee_does_not_write() {
        for bad in [
            "20", "00", "96", "975", "977", "1", "7", "075", "75001", "2a", "2C", " 75", "",
        ] {
            assert!(!is_code(bad), "{bad:?} must be refused");
        }
        for good in [
            "01", "19", "2A", "2B", "21", "75", "95", "971", "974", "976",
        ] {
            assert!(is_code(good), "{good:?} must be accepted");
        }
    }
}
