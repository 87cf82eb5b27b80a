//! The closed lists of codes a profile and a rule may use.
//!
//! Every list is kebab-case words; an unknown word is refused with the accepted ones. Adding a code is
//! a backward-compatible change of the contract; renaming or removing one is not.

/// Declares a closed list of codes: a `Copy` enum with `parse`, `as_str` and `ALL`.
macro_rules! code_list {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(missing_docs)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every code of this list, in documentation order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// What one code of this list is called in error messages.
            pub const WHAT: &'static str = $what;

            /// The code as written in profiles and rules.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Reads a code; `None` when it is not in the list.
            pub fn parse(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// The accepted codes, comma-separated, for error messages.
            pub fn accepted() -> String {
                Self::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

code_list!(
    /// Sex as recorded at birth.
    Sex, "sex" { Female => "female", Male => "male" }
);

code_list!(
    /// Organs whose presence decides some screenings; `organs` in a profile overrides what sex implies.
    Organ, "organ" {
        Cervix => "cervix", Uterus => "uterus", Ovaries => "ovaries",
        Breasts => "breasts", Prostate => "prostate",
    }
);

impl Organ {
    /// Whether a person of this sex at birth has the organ, unless the profile says otherwise.
    pub fn implied_by(self, sex: Sex) -> bool {
        match self {
            Organ::Cervix | Organ::Uterus | Organ::Ovaries | Organ::Breasts => sex == Sex::Female,
            Organ::Prostate => sex == Sex::Male,
        }
    }
}

code_list!(
    /// Smoking status.
    SmokingStatus, "smoking status" { Never => "never", Former => "former", Current => "current" }
);

code_list!(
    /// A person's own conditions and the conditions of relatives.
    Condition, "condition" {
        BreastCancer => "breast-cancer",
        DuctalCarcinomaInSitu => "ductal-carcinoma-in-situ",
        LobularCarcinomaInSitu => "lobular-carcinoma-in-situ",
        AtypicalBreastHyperplasia => "atypical-breast-hyperplasia",
        ChestRadiotherapy => "chest-radiotherapy",
        BreastSymptoms => "breast-symptoms",
        OvarianCancer => "ovarian-cancer",
        ColorectalCancer => "colorectal-cancer",
        ColorectalAdenoma => "colorectal-adenoma",
        InflammatoryBowelDisease => "inflammatory-bowel-disease",
        FamilialAdenomatousPolyposis => "familial-adenomatous-polyposis",
        DigestiveSymptoms => "digestive-symptoms",
        LynchSyndrome => "lynch-syndrome",
        Brca1 => "brca1",
        Brca2 => "brca2",
        CervicalCancer => "cervical-cancer",
        HysterectomyTotal => "hysterectomy-total",
        HysterectomySubtotal => "hysterectomy-subtotal",
        NeverSexuallyActive => "never-sexually-active",
        Diabetes => "diabetes",
        Prediabetes => "prediabetes",
        GestationalDiabetes => "gestational-diabetes",
        Hypertension => "hypertension",
        Dyslipidaemia => "dyslipidaemia",
        ChronicRespiratoryDisease => "chronic-respiratory-disease",
        ChronicHeartDisease => "chronic-heart-disease",
        ChronicKidneyDisease => "chronic-kidney-disease",
        Immunocompromised => "immunocompromised",
        AorticAneurysm => "aortic-aneurysm",
        LungCancer => "lung-cancer",
        HighGradeCervicalLesion => "high-grade-cervical-lesion",
        DesExposureInUtero => "des-exposure-in-utero",
        OsteoporosisRisk => "osteoporosis-risk",
        Osteoporosis => "osteoporosis",
        FallopianTubeCancer => "fallopian-tube-cancer",
        PeritonealCancer => "peritoneal-cancer",
        CardiovascularDisease => "cardiovascular-disease",
        HepatitisC => "hepatitis-c",
        Hiv => "hiv",
    }
);

code_list!(
    /// Screening and check-up tests.
    Test, "test" {
        Mammography => "mammography",
        BreastMri => "breast-mri",
        BreastUltrasound => "breast-ultrasound",
        Fit => "fit",
        Colonoscopy => "colonoscopy",
        CervicalCytology => "cervical-cytology",
        HpvTest => "hpv-test",
        LowDoseCt => "low-dose-ct",
        FastingGlucose => "fasting-glucose",
        LipidPanel => "lipid-panel",
        AaaUltrasound => "aaa-ultrasound",
        PreventionCheckup => "prevention-checkup",
        StoolDnaFit => "stool-dna-fit",
        Gfobt => "gfobt",
        CtColonography => "ct-colonography",
        FlexibleSigmoidoscopy => "flexible-sigmoidoscopy",
        BoneDensity => "bone-density",
        HepatitisCTest => "hepatitis-c-test",
        HivTest => "hiv-test",
        BloodPressure => "blood-pressure",
        Hba1c => "hba1c",
        OralGlucoseTolerance => "oral-glucose-tolerance",
    }
);

code_list!(
    /// Ancestry a guideline names (docs/contract.md §1, v1.1 extension): the USPSTF lowers the BMI
    /// threshold of diabetes screening for Asian Americans, counts Black adults at higher risk of
    /// hypertension, and names Ashkenazi Jewish ancestry among BRCA1/2 risk factors. Optional, as the
    /// person says it; it never leaves the device.
    Ancestry, "ancestry" {
        Asian => "asian",
        Black => "black",
        AshkenaziJewish => "ashkenazi-jewish",
    }
);

code_list!(
    /// A test's result.
    TestResult, "result" { Normal => "normal", Abnormal => "abnormal", Unknown => "unknown" }
);

code_list!(
    /// Vaccines.
    Vaccine, "vaccine" {
        Dtp => "dtp",
        DtpPertussis => "dtp-pertussis",
        Influenza => "influenza",
        Covid19 => "covid-19",
        Pneumococcal => "pneumococcal",
        Shingles => "shingles",
        Hpv => "hpv",
        Rsv => "rsv",
    }
);

code_list!(
    /// Side of the family a relative belongs to; siblings and children belong to both.
    Branch, "branch" { Maternal => "maternal", Paternal => "paternal", Both => "both" }
);

code_list!(
    /// A relative, seen from the person.
    Relation, "relation" {
        Mother => "mother", Father => "father",
        Sister => "sister", Brother => "brother",
        Daughter => "daughter", Son => "son",
        MaternalGrandmother => "maternal-grandmother", MaternalGrandfather => "maternal-grandfather",
        PaternalGrandmother => "paternal-grandmother", PaternalGrandfather => "paternal-grandfather",
        MaternalAunt => "maternal-aunt", MaternalUncle => "maternal-uncle",
        PaternalAunt => "paternal-aunt", PaternalUncle => "paternal-uncle",
        Niece => "niece", Nephew => "nephew",
        MaternalFemaleCousin => "maternal-female-cousin", MaternalMaleCousin => "maternal-male-cousin",
        PaternalFemaleCousin => "paternal-female-cousin", PaternalMaleCousin => "paternal-male-cousin",
    }
);

impl Relation {
    /// Degree of kinship: 1 parents, siblings, children; 2 grandparents, aunts, uncles, nieces,
    /// nephews; 3 cousins.
    pub fn degree(self) -> i64 {
        use Relation::*;
        match self {
            Mother | Father | Sister | Brother | Daughter | Son => 1,
            MaternalGrandmother | MaternalGrandfather | PaternalGrandmother
            | PaternalGrandfather | MaternalAunt | MaternalUncle | PaternalAunt | PaternalUncle
            | Niece | Nephew => 2,
            MaternalFemaleCousin | MaternalMaleCousin | PaternalFemaleCousin
            | PaternalMaleCousin => 3,
        }
    }

    /// Parental branch (the reading of `rules/fr`: siblings, children, nieces and nephews share
    /// both parents' branches).
    pub fn branch(self) -> Branch {
        use Relation::*;
        match self {
            Mother | MaternalGrandmother | MaternalGrandfather | MaternalAunt | MaternalUncle
            | MaternalFemaleCousin | MaternalMaleCousin => Branch::Maternal,
            Father | PaternalGrandmother | PaternalGrandfather | PaternalAunt | PaternalUncle
            | PaternalFemaleCousin | PaternalMaleCousin => Branch::Paternal,
            Sister | Brother | Daughter | Son | Niece | Nephew => Branch::Both,
        }
    }

    /// The relative's sex at birth.
    pub fn sex(self) -> Sex {
        use Relation::*;
        match self {
            Mother | Sister | Daughter | MaternalGrandmother | PaternalGrandmother
            | MaternalAunt | PaternalAunt | Niece | MaternalFemaleCousin | PaternalFemaleCousin => {
                Sex::Female
            }
            Father | Brother | Son | MaternalGrandfather | PaternalGrandfather | MaternalUncle
            | PaternalUncle | Nephew | MaternalMaleCousin | PaternalMaleCousin => Sex::Male,
        }
    }
}

code_list!(
    /// Program codes (docs/contract.md §3): stable identifiers of what a nudge is about.
    Program, "program" {
        BreastCancerScreening => "breast-cancer-screening",
        ColorectalCancerScreening => "colorectal-cancer-screening",
        CervicalCancerScreening => "cervical-cancer-screening",
        PreventionCheckup => "prevention-checkup",
        VaccineDtp => "vaccine-dtp",
        VaccineInfluenza => "vaccine-influenza",
        VaccineCovid19 => "vaccine-covid-19",
        VaccinePneumococcal => "vaccine-pneumococcal",
        VaccineShingles => "vaccine-shingles",
        VaccineHpv => "vaccine-hpv",
        VaccineRsv => "vaccine-rsv",
        LungCancerScreening => "lung-cancer-screening",
        DiabetesScreening => "diabetes-screening",
        LipidScreening => "lipid-screening",
        AaaScreening => "aaa-screening",
        SmokingCessation => "smoking-cessation",
        HypertensionScreening => "hypertension-screening",
        HepatitisCScreening => "hepatitis-c-screening",
        HivScreening => "hiv-screening",
        OsteoporosisScreening => "osteoporosis-screening",
        StatinPrevention => "statin-prevention",
        BrcaRiskAssessment => "brca-risk-assessment",
    }
);

/// Every code of every list, for label checks in messages files.
pub fn all_codes() -> Vec<&'static str> {
    let mut all = Vec::new();
    all.extend(Sex::ALL.iter().map(|c| c.as_str()));
    all.extend(Organ::ALL.iter().map(|c| c.as_str()));
    all.extend(SmokingStatus::ALL.iter().map(|c| c.as_str()));
    all.extend(Condition::ALL.iter().map(|c| c.as_str()));
    all.extend(Test::ALL.iter().map(|c| c.as_str()));
    all.extend(TestResult::ALL.iter().map(|c| c.as_str()));
    all.extend(Vaccine::ALL.iter().map(|c| c.as_str()));
    all.extend(Relation::ALL.iter().map(|c| c.as_str()));
    all.extend(Ancestry::ALL.iter().map(|c| c.as_str()));
    all.push("unknown");
    all.sort_unstable();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips() {
        for r in Relation::ALL {
            assert_eq!(Relation::parse(r.as_str()), Some(*r));
        }
        for c in Condition::ALL {
            assert_eq!(Condition::parse(c.as_str()), Some(*c));
        }
        assert_eq!(Test::parse("mamography"), None);
    }

    #[test]
    fn siblings_belong_to_both_branches_and_cousins_are_third_degree() {
        assert_eq!(Relation::Sister.branch(), Branch::Both);
        assert_eq!(Relation::PaternalAunt.branch(), Branch::Paternal);
        assert_eq!(Relation::MaternalMaleCousin.degree(), 3);
        assert_eq!(Relation::Brother.sex(), Sex::Male);
    }
}
