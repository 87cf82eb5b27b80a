//! What FHIR R4 (4.0.1) allows, for the parts the import reads: the resource types, the elements of
//! the resources and data types it reads, and the codes of their required bindings. Read from the R4
//! specification's structure definitions (as `fhir.resources` 6.4.0, an R4 4.0.1 model, declares
//! them); an element R4 does not have is refused, so a STU3 or R5 resource is not misread as R4.

/// Every R4 resource type (a `resourceType` outside this list is not FHIR R4).
#[rustfmt::skip]
pub(super) const RESOURCE_TYPES: &[&str] = &[
    "Account", "ActivityDefinition", "AdverseEvent", "AllergyIntolerance", "Appointment",
    "AppointmentResponse", "AuditEvent", "Basic", "Binary", "BiologicallyDerivedProduct",
    "BodyStructure", "Bundle", "CapabilityStatement", "CarePlan", "CareTeam", "CatalogEntry",
    "ChargeItem", "ChargeItemDefinition", "Claim", "ClaimResponse", "ClinicalImpression",
    "CodeSystem", "Communication", "CommunicationRequest", "CompartmentDefinition", "Composition",
    "ConceptMap", "Condition", "Consent", "Contract", "Coverage", "CoverageEligibilityRequest",
    "CoverageEligibilityResponse", "DetectedIssue", "Device", "DeviceDefinition", "DeviceMetric",
    "DeviceRequest", "DeviceUseStatement", "DiagnosticReport", "DocumentManifest",
    "DocumentReference", "EffectEvidenceSynthesis", "Encounter", "Endpoint", "EnrollmentRequest",
    "EnrollmentResponse", "EpisodeOfCare", "EventDefinition", "Evidence", "EvidenceVariable",
    "ExampleScenario", "ExplanationOfBenefit", "FamilyMemberHistory", "Flag", "Goal",
    "GraphDefinition", "Group", "GuidanceResponse", "HealthcareService", "ImagingStudy",
    "Immunization", "ImmunizationEvaluation", "ImmunizationRecommendation", "ImplementationGuide",
    "InsurancePlan", "Invoice", "Library", "Linkage", "List", "Location", "Measure",
    "MeasureReport", "Media", "Medication", "MedicationAdministration", "MedicationDispense",
    "MedicationKnowledge", "MedicationRequest", "MedicationStatement", "MedicinalProduct",
    "MedicinalProductAuthorization", "MedicinalProductContraindication",
    "MedicinalProductIndication", "MedicinalProductIngredient", "MedicinalProductInteraction",
    "MedicinalProductManufactured", "MedicinalProductPackaged", "MedicinalProductPharmaceutical",
    "MedicinalProductUndesirableEffect", "MessageDefinition", "MessageHeader", "MolecularSequence",
    "NamingSystem", "NutritionOrder", "Observation", "ObservationDefinition",
    "OperationDefinition", "OperationOutcome", "Organization", "OrganizationAffiliation",
    "Parameters", "Patient", "PaymentNotice", "PaymentReconciliation", "Person", "PlanDefinition",
    "Practitioner", "PractitionerRole", "Procedure", "Provenance", "Questionnaire",
    "QuestionnaireResponse", "RelatedPerson", "RequestGroup", "ResearchDefinition",
    "ResearchElementDefinition", "ResearchStudy", "ResearchSubject", "RiskAssessment",
    "RiskEvidenceSynthesis", "Schedule", "SearchParameter", "ServiceRequest", "Slot", "Specimen",
    "SpecimenDefinition", "StructureDefinition", "StructureMap", "Subscription", "Substance",
    "SubstanceNucleicAcid", "SubstancePolymer", "SubstanceProtein",
    "SubstanceReferenceInformation", "SubstanceSourceMaterial", "SubstanceSpecification",
    "SupplyDelivery", "SupplyRequest", "Task", "TerminologyCapabilities", "TestReport",
    "TestScript", "ValueSet", "VerificationResult", "VisionPrescription",
];

/// The elements every resource has (Resource and DomainResource).
const RESOURCE: &[&str] = &[
    "resourceType",
    "id",
    "meta",
    "implicitRules",
    "language",
    "text",
    "contained",
    "extension",
    "modifierExtension",
];

/// The elements of a resource type the import reads, beside [`RESOURCE`]'s; `None` for the others
/// (whose elements are not looked at).
#[rustfmt::skip]
pub(super) fn elements(resource_type: &str) -> Option<&'static [&'static str]> {
    Some(match resource_type {
        "Bundle" => &[
            "identifier", "type", "timestamp", "total", "link", "entry", "signature",
        ],
        "Patient" => &[
            "identifier", "active", "name", "telecom", "gender", "birthDate", "deceasedBoolean",
            "deceasedDateTime", "address", "maritalStatus", "multipleBirthBoolean",
            "multipleBirthInteger", "photo", "contact", "communication", "generalPractitioner",
            "managingOrganization", "link",
        ],
        "Observation" => &[
            "identifier", "basedOn", "partOf", "status", "category", "code", "subject", "focus",
            "encounter", "effectiveDateTime", "effectivePeriod", "effectiveTiming",
            "effectiveInstant", "issued", "performer", "valueQuantity", "valueCodeableConcept",
            "valueString", "valueBoolean", "valueInteger", "valueRange", "valueRatio",
            "valueSampledData", "valueTime", "valueDateTime", "valuePeriod", "dataAbsentReason",
            "interpretation", "note", "bodySite", "method", "specimen", "device", "referenceRange",
            "hasMember", "derivedFrom", "component",
        ],
        "DiagnosticReport" => &[
            "identifier", "basedOn", "status", "category", "code", "subject", "encounter",
            "effectiveDateTime", "effectivePeriod", "issued", "performer", "resultsInterpreter",
            "specimen", "result", "imagingStudy", "media", "conclusion", "conclusionCode",
            "presentedForm",
        ],
        "Procedure" => &[
            "identifier", "instantiatesCanonical", "instantiatesUri", "basedOn", "partOf",
            "status", "statusReason", "category", "code", "subject", "encounter",
            "performedDateTime", "performedPeriod", "performedString", "performedAge",
            "performedRange", "recorder", "asserter", "performer", "location", "reasonCode",
            "reasonReference", "bodySite", "outcome", "report", "complication",
            "complicationDetail", "followUp", "note", "focalDevice", "usedReference", "usedCode",
        ],
        "Condition" => &[
            "identifier", "clinicalStatus", "verificationStatus", "category", "severity", "code",
            "bodySite", "subject", "encounter", "onsetDateTime", "onsetAge", "onsetPeriod",
            "onsetRange", "onsetString", "abatementDateTime", "abatementAge", "abatementPeriod",
            "abatementRange", "abatementString", "recordedDate", "recorder", "asserter", "stage",
            "evidence", "note",
        ],
        "FamilyMemberHistory" => &[
            "identifier", "instantiatesCanonical", "instantiatesUri", "status", "dataAbsentReason",
            "patient", "date", "name", "relationship", "sex", "bornPeriod", "bornDate",
            "bornString", "ageAge", "ageRange", "ageString", "estimatedAge", "deceasedBoolean",
            "deceasedAge", "deceasedRange", "deceasedDate", "deceasedString", "reasonCode",
            "reasonReference", "note", "condition",
        ],
        "Immunization" => &[
            "identifier", "status", "statusReason", "vaccineCode", "patient", "encounter",
            "occurrenceDateTime", "occurrenceString", "recorded", "primarySource", "reportOrigin",
            "location", "manufacturer", "lotNumber", "expirationDate", "site", "route",
            "doseQuantity", "performer", "note", "reasonCode", "reasonReference", "isSubpotent",
            "subpotentReason", "education", "programEligibility", "fundingSource", "reaction",
            "protocolApplied",
        ],
        "List" => &[
            "identifier", "status", "mode", "title", "code", "subject", "encounter", "date",
            "source", "orderedBy", "note", "entry", "emptyReason",
        ],
        _ => return None,
    })
}

/// Whether `name` is an element of a resource of a type [`elements`] knows (its own or
/// Resource's), or the `_name` holding a primitive element's id and extensions.
pub(super) fn is_element(own: &[&str], name: &str) -> bool {
    let base = name.strip_prefix('_').unwrap_or(name);
    (base != "resourceType" || name == base) && (RESOURCE.contains(&base) || own.contains(&base))
}

/// Bundle.entry, FamilyMemberHistory.condition and List.entry (backbone elements), and the data
/// types the import reads.
pub(super) const ENTRY: &[&str] = &[
    "id",
    "extension",
    "modifierExtension",
    "link",
    "fullUrl",
    "resource",
    "search",
    "request",
    "response",
];
pub(super) const FAMILY_CONDITION: &[&str] = &[
    "id",
    "extension",
    "modifierExtension",
    "code",
    "outcome",
    "contributedToDeath",
    "onsetAge",
    "onsetRange",
    "onsetPeriod",
    "onsetString",
    "note",
];
pub(super) const LIST_ENTRY: &[&str] = &[
    "id",
    "extension",
    "modifierExtension",
    "flag",
    "deleted",
    "date",
    "item",
];
/// Observation.component (a backbone element): a blood pressure's systolic and diastolic values.
pub(super) const OBSERVATION_COMPONENT: &[&str] = &[
    "id",
    "extension",
    "modifierExtension",
    "code",
    "valueQuantity",
    "valueCodeableConcept",
    "valueString",
    "valueBoolean",
    "valueInteger",
    "valueRange",
    "valueRatio",
    "valueSampledData",
    "valueTime",
    "valueDateTime",
    "valuePeriod",
    "dataAbsentReason",
    "interpretation",
    "referenceRange",
];
pub(super) const CODEABLE_CONCEPT: &[&str] = &["id", "extension", "coding", "text"];
pub(super) const CODING: &[&str] = &[
    "id",
    "extension",
    "system",
    "version",
    "code",
    "display",
    "userSelected",
];
pub(super) const QUANTITY: &[&str] = &[
    "id",
    "extension",
    "value",
    "comparator",
    "unit",
    "system",
    "code",
];
pub(super) const RANGE: &[&str] = &["id", "extension", "low", "high"];
pub(super) const PERIOD: &[&str] = &["id", "extension", "start", "end"];
pub(super) const REFERENCE: &[&str] = &[
    "id",
    "extension",
    "reference",
    "type",
    "identifier",
    "display",
];

/// Whether `name` is an element of a data type or backbone element (or its `_name`).
pub(super) fn is_field(own: &[&str], name: &str) -> bool {
    own.contains(&name.strip_prefix('_').unwrap_or(name))
}

/// Bundle.type (required binding, bundle-type).
pub(super) const BUNDLE_TYPES: &[&str] = &[
    "document",
    "message",
    "transaction",
    "transaction-response",
    "batch",
    "batch-response",
    "history",
    "searchset",
    "collection",
];
/// Patient.gender and FamilyMemberHistory.sex's codes (administrative-gender).
pub(super) const GENDERS: &[&str] = &["male", "female", "other", "unknown"];
/// Observation.status (observation-status).
pub(super) const OBSERVATION_STATUSES: &[&str] = &[
    "registered",
    "preliminary",
    "final",
    "amended",
    "corrected",
    "cancelled",
    "entered-in-error",
    "unknown",
];
/// DiagnosticReport.status (diagnostic-report-status).
pub(super) const REPORT_STATUSES: &[&str] = &[
    "registered",
    "partial",
    "preliminary",
    "final",
    "amended",
    "corrected",
    "appended",
    "cancelled",
    "entered-in-error",
    "unknown",
];
/// Procedure.status (event-status).
pub(super) const PROCEDURE_STATUSES: &[&str] = &[
    "preparation",
    "in-progress",
    "not-done",
    "on-hold",
    "stopped",
    "completed",
    "entered-in-error",
    "unknown",
];
/// Immunization.status (immunization-status).
pub(super) const IMMUNIZATION_STATUSES: &[&str] = &["completed", "entered-in-error", "not-done"];
/// FamilyMemberHistory.status (history-status).
pub(super) const FAMILY_STATUSES: &[&str] =
    &["partial", "completed", "entered-in-error", "health-unknown"];
/// List.status (list-status) and List.mode (list-mode).
pub(super) const LIST_STATUSES: &[&str] = &["current", "retired", "entered-in-error"];
pub(super) const LIST_MODES: &[&str] = &["working", "snapshot", "changes"];
/// Condition.clinicalStatus (condition-clinical) and Condition.verificationStatus
/// (condition-ver-status): their code systems and codes.
pub(super) const CLINICAL_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
pub(super) const CLINICAL_STATUSES: &[&str] = &[
    "active",
    "recurrence",
    "relapse",
    "inactive",
    "remission",
    "resolved",
];
pub(super) const VERIFICATION_SYSTEM: &str =
    "http://terminology.hl7.org/CodeSystem/condition-ver-status";
pub(super) const VERIFICATION_STATUSES: &[&str] = &[
    "unconfirmed",
    "provisional",
    "differential",
    "confirmed",
    "refuted",
    "entered-in-error",
];
/// Quantity.comparator (quantity-comparator).
pub(super) const COMPARATORS: &[&str] = &["<", "<=", ">=", ">"];
/// UCUM, the system of units of Age and of the measurements read.
pub(super) const UCUM: &str = "http://unitsofmeasure.org";
/// Observation.dataAbsentReason codes saying that nothing was done (data-absent-reason).
pub(super) const NOT_PERFORMED: &[&str] = &["not-performed", "not-permitted"];
pub(super) const DATA_ABSENT_SYSTEM: &str =
    "http://terminology.hl7.org/CodeSystem/data-absent-reason";
