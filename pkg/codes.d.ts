// Types of the closed code lists, from src/codes.rs. Do not edit: `VIGIE_BLESS=1 cargo test
// typescript_codes` rewrites it, and the test fails when it is out of date.

export type Sex =
  | 'female'
  | 'male';

export type Organ =
  | 'cervix'
  | 'uterus'
  | 'ovaries'
  | 'breasts'
  | 'prostate';

export type SmokingStatus =
  | 'never'
  | 'former'
  | 'current';

export type Condition =
  | 'breast-cancer'
  | 'ductal-carcinoma-in-situ'
  | 'lobular-carcinoma-in-situ'
  | 'atypical-breast-hyperplasia'
  | 'chest-radiotherapy'
  | 'breast-symptoms'
  | 'ovarian-cancer'
  | 'colorectal-cancer'
  | 'colorectal-adenoma'
  | 'inflammatory-bowel-disease'
  | 'familial-adenomatous-polyposis'
  | 'digestive-symptoms'
  | 'lynch-syndrome'
  | 'brca1'
  | 'brca2'
  | 'cervical-cancer'
  | 'hysterectomy-total'
  | 'hysterectomy-subtotal'
  | 'never-sexually-active'
  | 'diabetes'
  | 'prediabetes'
  | 'gestational-diabetes'
  | 'hypertension'
  | 'dyslipidaemia'
  | 'chronic-respiratory-disease'
  | 'chronic-heart-disease'
  | 'chronic-kidney-disease'
  | 'immunocompromised'
  | 'aortic-aneurysm'
  | 'lung-cancer';

export type TestCode =
  | 'mammography'
  | 'breast-mri'
  | 'breast-ultrasound'
  | 'fit'
  | 'colonoscopy'
  | 'cervical-cytology'
  | 'hpv-test'
  | 'low-dose-ct'
  | 'fasting-glucose'
  | 'lipid-panel'
  | 'aaa-ultrasound'
  | 'prevention-checkup';

export type TestResult =
  | 'normal'
  | 'abnormal'
  | 'unknown';

export type VaccineCode =
  | 'dtp'
  | 'dtp-pertussis'
  | 'influenza'
  | 'covid-19'
  | 'pneumococcal'
  | 'shingles'
  | 'hpv'
  | 'rsv';

export type Relation =
  | 'mother'
  | 'father'
  | 'sister'
  | 'brother'
  | 'daughter'
  | 'son'
  | 'maternal-grandmother'
  | 'maternal-grandfather'
  | 'paternal-grandmother'
  | 'paternal-grandfather'
  | 'maternal-aunt'
  | 'maternal-uncle'
  | 'paternal-aunt'
  | 'paternal-uncle'
  | 'niece'
  | 'nephew'
  | 'maternal-female-cousin'
  | 'maternal-male-cousin'
  | 'paternal-female-cousin'
  | 'paternal-male-cousin';

export type ProgramCode =
  | 'breast-cancer-screening'
  | 'colorectal-cancer-screening'
  | 'cervical-cancer-screening'
  | 'prevention-checkup'
  | 'vaccine-dtp'
  | 'vaccine-influenza'
  | 'vaccine-covid-19'
  | 'vaccine-pneumococcal'
  | 'vaccine-shingles'
  | 'vaccine-hpv'
  | 'vaccine-rsv'
  | 'lung-cancer-screening'
  | 'diabetes-screening'
  | 'lipid-screening'
  | 'aaa-screening'
  | 'smoking-cessation';
