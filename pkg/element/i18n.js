// Every word the page shows, in French (default) and English.
//
// Static text is written in French in template.js (and the self-check page's frame in www/index.html), on elements marked `data-i18n="key"`; the French
// strings are read from the page once, at start, so they are written only once. The English ones are
// below (`en`). Text built by the scripts (rows, errors, results) has both languages below.
// The words for codes are the engine's (src/locale/), given by the package (`useCodeWords`).
import { $$ } from './dom.js';
import { STATUS_LABELS } from '../labels.js';

const dynamic = {
  fr: {
    'step.of': 'Étape {n} sur {total}',
    'step.announce': 'Étape {n} sur {total} : {title}',
    'nav.next': 'Continuer',
    'nav.results': 'Voir mes résultats',
    'choose': 'Choisissez…',
    'yes': 'Oui',
    'no': 'Non',
    'unknown': 'Je ne sais pas',
    'newtab': '(s\'ouvre dans un nouvel onglet)',
    'rules.unknown': 'L\'adresse demande les règles « {value} », que cette page ne connaît pas : voici les règles françaises.',
    'ruleset.bad': 'Ces règles n\'ont pas pu être utilisées : {why}. Les règles précédentes restent en place.',
    'asOf.bad': 'La date de calcul « {value} » n\'est pas une date AAAA-MM-JJ : Vigie calcule pour aujourd\'hui.',
    'rules.onlyIn': 'Ces règles ne sont écrites qu\'en : {language}',
    'rules.failed': 'Ces règles n\'ont pas pu être chargées ; la page garde les précédentes. Vos réponses sont intactes.',
    'sum.pregnant': 'Grossesse',
    'sum.ancestry': 'Origines',

    // rows
    'relative.title': 'Proche {n}',
    'relative.relation': 'Qui ?',
    'relative.condition': 'Quelle maladie ou mutation ?',
    'relative.age': 'À quel âge ? (si vous le savez)',
    'relative.age.hint': 'Son âge quand la maladie a été découverte. Laissez vide si vous ne savez pas.',
    'relative.remove': 'Retirer ce proche',
    'screening.title': 'Examen {n}',
    'screening.test': 'Quel examen ?',
    'screening.date': 'Date de l\'examen',
    'screening.date.hint': 'Si vous ne connaissez pas le jour, choisissez le 1er du mois.',
    'screening.result': 'Résultat',
    'screening.remove': 'Retirer cet examen',
    'vaccination.title': 'Vaccin {n}',
    'vaccination.vaccine': 'Quel vaccin ?',
    'vaccination.date': 'Date du dernier vaccin',
    'vaccination.date.hint': 'Si vous ne connaissez pas le jour, choisissez le 1er du mois.',
    'vaccination.remove': 'Retirer ce vaccin',
    'row.removed': 'Ligne retirée.',

    // errors
    'err.summary.title': 'Une réponse est à vérifier',
    'err.summary.title.many': '{n} réponses sont à vérifier',
    'err.summary.other-step': '(étape {n} : {title})',
    'err.prefix': 'À vérifier\u00a0:',
    'err.birthRequired': 'Indiquez votre date de naissance, ou cochez «\u00a0Je ne connais pas ma date de naissance exacte\u00a0».',
    'err.dateIncomplete': 'Cette date n\'est pas complète : indiquez le jour, le mois et l\'année.',
    'err.dateDigits': 'Écrivez la date avec des chiffres, par exemple 2, 3 et 1971.',
    'err.yearFour': 'Écrivez l\'année avec 4 chiffres, par exemple 1971.',
    'err.dateNotExist': 'Cette date n\'existe pas.',
    'err.dateFuture': 'Cette date est dans le futur. Indiquez une date passée.',
    'err.beforeBirth': 'Cette date est avant votre naissance.',
    'err.tooOld': 'Vérifiez l\'année : cela ferait plus de 120 ans.',
    'err.ageRequired': 'Indiquez votre âge, en années.',
    'err.ageNumber': 'Indiquez votre âge en années, avec des chiffres. Par exemple : 67.',
    'err.sexRequired': 'Choisissez «\u00a0Féminin\u00a0» ou «\u00a0Masculin\u00a0».',
    'err.number': 'Écrivez un nombre, avec des chiffres. Par exemple : {example}.',
    'err.wholeNumber': 'Écrivez un nombre entier, sans virgule.',
    'err.departement': 'Écrivez le numéro de votre département : de 01 à 95 (2A ou 2B pour la Corse), ou 971, 972, 973, 974 ou 976 outre-mer. Ou laissez vide.',
    'err.range': 'Indiquez un nombre entre {min} et {max}{unit}.',
    'err.required': 'Cette réponse est nécessaire.',
    'err.quitBoth': 'Indiquez le mois et l\'année, ou laissez les deux cases vides.',
    'err.monthRange': 'Le mois est un nombre de 1 à 12.',
    'err.chooseRelation': 'Choisissez de quel proche il s\'agit.',
    'err.chooseCondition': 'Choisissez la maladie ou la mutation.',
    'err.chooseTest': 'Choisissez l\'examen.',
    'err.chooseVaccine': 'Choisissez le vaccin.',
    'err.dateRequired': 'Indiquez la date. Si vous ne connaissez pas le jour, choisissez le 1er du mois.',
    'err.addRelative': 'Ajoutez le proche avec le bouton «\u00a0Ajouter un proche\u00a0», ou choisissez une autre réponse.',
    'err.addScreening': 'Ajoutez l\'examen avec le bouton «\u00a0Ajouter un examen\u00a0», ou choisissez une autre réponse.',
    'err.addVaccination': 'Ajoutez le vaccin avec le bouton «\u00a0Ajouter un vaccin\u00a0», ou choisissez une autre réponse.',
    'err.unknownCode': 'Cette valeur n\'est pas reconnue par Vigie.',
    'err.unknownField': 'Cette information n\'est pas utilisée par Vigie ({path}).',
    'err.duplicateEntry': 'Cette ligne est déjà dans la liste : retirez l\'une des deux.',
    'err.engine': '{message}',
    'unit.cm': ' cm',
    'unit.kg': ' kg',
    'unit.pack-years': ' paquets-années',
    'unit.years': ' ans',

    'summary.title': 'À faire en premier',
    'summary.more': 'Et {n} autres points, plus bas.',
    'summary.more.one': 'Et 1 autre point, plus bas.',
    'todo.refer': 'Prenez rendez-vous avec un professionnel pour en parler.',
    'todo.info': 'Pour information, sans urgence.',
    'sum.partial': 'ceux dont je me souviens',
    'sum.notKnown': 'non renseigné : {what}',
    'sum.notKnownMany': ' ; {n} autres non renseignés',
    'date.year.on': 'en {year}',
    'date.month.on': 'en {when}',
    'date.day.on': 'le {date}',
    'import.carried': 'Ces réponses du fichier sont gardées telles quelles : elles comptent dans vos résultats et restent dans le fichier que vous enregistrez, mais cette page ne peut pas encore les afficher pour les modifier : {fields}.',
    'import.carriedRefused': 'Cette version de Vigie ne lit pas encore ces réponses du fichier : elles ne comptent pas dans vos résultats, mais restent dans le fichier que vous enregistrez : {fields}.',
    'carried.unknown': 'ce que vous ne savez pas',

    // results
    'results.intro': 'Le {date}, d\'après vos réponses. Ce qui est à faire d\'abord est en premier.',
    'results.none': 'D\'après vos réponses, Vigie n\'a rien à vous proposer pour le moment. Continuez à voir votre médecin comme d\'habitude.',
    'results.nothingElse': 'Rien d\'autre à faire pour le moment, d\'après vos réponses.',
    'results.well.none': 'Merci d\'avoir pris le temps de répondre. C\'est un premier pas pour prendre soin de vous.',
    'results.errors': 'Une partie des règles n\'a pas pu répondre ({rules}). Parlez-en à votre médecin ou à votre pharmacien.',
    'warning.review-overdue': 'Ces règles ont été vérifiées le {checked} et devaient être revues avant le {reviewBy} : certaines recommandations ont pu changer depuis.',
    'warning.review-overdue.unchecked': 'Ces règles devaient être revues avant le {reviewBy} : certaines recommandations ont pu changer depuis.',
    'warning.facts': 'Les dates de la campagne de vaccination de cette saison n\'y figurent peut-être pas. Dates peut-être dépassées :',
    'warning.action': 'Demandez confirmation à votre pharmacien ou à votre médecin.',
    'warning.before-in-force': 'Ces règles ne s\'appliquaient pas encore à cette date.',
    'warning.after-validity': 'Une version plus récente de ces règles s\'applique à cette date.',
    'warning.directory': 'Les noms et sites indiqués ({what}) devaient être revus avant le {reviewBy} : ils ont pu changer.',
    'when.since': 'Prévu depuis {when} : vous pouvez le faire dès maintenant.',
    'when.now': 'À faire dès maintenant.',
    'when.in': 'À prévoir en {when}.',
    'when.next': 'Le prochain : en {when}.',
    'well.until': '{subject} est à jour jusqu\'en {when}.',
    'well.done': '{subject} est à jour.',
    'card.action': 'Que faire ?',
    'card.why': 'Pourquoi ?',
    'why.reasons': 'Ce que Vigie a pris en compte\u00a0:',
    'why.rule': 'Règle\u00a0:',
    'why.sources': 'Sources\u00a0:',
    'why.checked': 'vérifiée le {date}',
    'why.ruleset': 'Règles «\u00a0{id}\u00a0», version {version}, empreinte {digest}',
    'ruleset.line': 'Calculé par Vigie avec les règles «\u00a0{id}\u00a0», version {version}, le {date}.',
    'ics.none': 'Aucun rappel à ajouter à votre agenda pour le moment.',
    'ics.done': 'Le fichier vigie-rappels.ics est téléchargé. Ouvrez-le pour ajouter les rappels à votre agenda.',
    'ics.title': 'Rappels Vigie',
    'ics.refer': 'Prendre rendez-vous : {title}',
    'ics.overdue': 'À faire dès que possible.',

    // answers summary
    'sum.birth': 'Date de naissance',
    'sum.age': 'Âge indiqué',
    'sum.ageValue': '{age} ans',
    'sum.sex': 'Sexe à la naissance',
    'sum.organs': 'Organes',
    'sum.conditions': 'Santé',
    'sum.smoking': 'Tabac',
    'sum.packYears': '{n} paquets-années',
    'sum.quit': 'arrêt en {when}',
    'sum.body': 'Taille et poids',
    'sum.departement': 'Département',
    'sum.height': '{n} cm',
    'sum.weight': '{n} kg',
    'sum.family': 'Famille',
    'sum.screenings': 'Examens',
    'sum.vaccinations': 'Vaccins',
    'sum.unknown': 'Non renseigné',
    'sum.none': 'Aucun',
    'sum.nothing': 'Rien de signalé',
    'sum.atAge': 'à {age} ans',
    'sum.on': 'le {date}',
    'sum.present': 'présent',
    'sum.absent': 'absent',

    // privacy
    'privacy.saved': 'Vos réponses seront gardées sur cet appareil, dans ce navigateur.',
    'privacy.unsaved': 'Vos réponses ne sont plus gardées sur cet appareil : elles disparaîtront quand vous fermerez cet onglet.',
    'privacy.restored': 'Vos réponses gardées sur cet appareil ont été reprises.',
    'privacy.erased': 'C\'est fait : vos réponses sont effacées de cet appareil.',
    'privacy.exported': 'Le fichier vigie-reponses.json est téléchargé. Gardez-le en lieu sûr : il contient vos réponses.',
    'privacy.exportPartial': 'Le fichier est téléchargé, sans les réponses à vérifier.',
    'privacy.imported': 'Vos réponses ont été chargées depuis le fichier. Vérifiez-les, puis continuez.',
    'privacy.importedProblems': 'Vos réponses ont été chargées depuis le fichier. Certaines sont à vérifier.',
    'privacy.importBad': 'Ce fichier ne peut pas être lu. Choisissez un fichier vigie-reponses.json enregistré avec Vigie.',
    'privacy.storageFailed': 'Ce navigateur ne permet pas de garder vos réponses.',
    'privacy.ignored': 'Ces informations du fichier ne sont pas demandées par cette page et n\'ont pas été reprises : {fields}.',
    'storage.unreadable': 'Les réponses gardées sur cet appareil n\'ont pas pu être lues : elles n\'ont pas été reprises. Le bouton « Effacer mes réponses de cet appareil » les supprime.',
    'storage.tooLarge': 'Les réponses gardées sur cet appareil dépassent {max} caractères : elles n\'ont pas été reprises. Le bouton « Effacer mes réponses de cet appareil » les supprime.',
    'storage.partial': 'Vos réponses gardées sur cet appareil ont été reprises, sauf : {fields}.',
    'import.tooLarge': 'Ce fichier est trop gros ({size} octets, {max} au plus) : il n\'a pas été lu. Vos réponses actuelles sont gardées.',
    'import.tooManyRows': 'Ce fichier n\'a pas été repris : {lists}. Vos réponses actuelles sont gardées.',
    'import.refused': 'Ces réponses du fichier n\'ont pas été reprises : {fields}.',
    'refused.rows': '{field} ({count} lignes, {max} au plus)',
    'refused.text': '{field} (plus de {max} caractères)',
    'refused.type': '{field} (illisible)',
    'rows.max': 'Pas plus de {max} lignes ici.',
    'engine.trapped': 'Vigie a rencontré une erreur interne et a redémarré. Vos réponses sont gardées : réessayez.',

    // about
    'about.ruleset.id': 'Nom',
    'about.ruleset.version': 'Version',
    'about.ruleset.digest': 'Empreinte (elle identifie ces règles exactement)',

    'load.error': 'Vigie n\'a pas pu démarrer dans ce navigateur. Essayez de recharger la page, ou d\'utiliser un navigateur plus récent (Firefox, Chrome, Edge ou Safari à jour). Vous pouvez aussi parler de vos dépistages directement à votre médecin ou à votre pharmacien.',
  },
  en: {
    'step.of': 'Step {n} of {total}',
    'step.announce': 'Step {n} of {total}: {title}',
    'nav.next': 'Continue',
    'nav.results': 'See my results',
    'choose': 'Choose…',
    'yes': 'Yes',
    'no': 'No',
    'unknown': 'I don\'t know',
    'newtab': '(opens in a new tab)',
    'rules.unknown': 'The address asks for the rules “{value}”, which this page does not know: here are the French rules.',
    'ruleset.bad': 'These rules could not be used: {why}. The previous rules stay in place.',
    'asOf.bad': 'The evaluation date “{value}” is not a YYYY-MM-DD date: Vigie works for today.',
    'rules.onlyIn': 'These rules are written only in: {language}',
    'rules.failed': 'These rules could not be loaded; the page keeps the previous ones. Your answers are untouched.',
    'sum.pregnant': 'Pregnancy',
    'sum.ancestry': 'Ancestry',

    'relative.title': 'Relative {n}',
    'relative.relation': 'Who?',
    'relative.condition': 'Which disease or mutation?',
    'relative.age': 'At what age? (if you know)',
    'relative.age.hint': 'Their age when it was found. Leave empty if you don\'t know.',
    'relative.remove': 'Remove this relative',
    'screening.title': 'Test {n}',
    'screening.test': 'Which test?',
    'screening.date': 'Date of the test',
    'screening.date.hint': 'If you don\'t know the day, choose the 1st of the month.',
    'screening.result': 'Result',
    'screening.remove': 'Remove this test',
    'vaccination.title': 'Vaccine {n}',
    'vaccination.vaccine': 'Which vaccine?',
    'vaccination.date': 'Date of the last dose',
    'vaccination.date.hint': 'If you don\'t know the day, choose the 1st of the month.',
    'vaccination.remove': 'Remove this vaccine',
    'row.removed': 'Row removed.',

    'err.summary.title': 'One answer needs checking',
    'err.summary.title.many': '{n} answers need checking',
    'err.summary.other-step': '(step {n}: {title})',
    'err.prefix': 'Please check:',
    'err.birthRequired': 'Enter your date of birth, or tick “I don\'t know my exact date of birth”.',
    'err.dateIncomplete': 'This date is not complete: enter the day, the month and the year.',
    'err.dateDigits': 'Write the date in figures, for example 2, 3 and 1971.',
    'err.yearFour': 'Write the year with 4 figures, for example 1971.',
    'err.dateNotExist': 'This date does not exist.',
    'err.dateFuture': 'This date is in the future. Enter a past date.',
    'err.beforeBirth': 'This date is before you were born.',
    'err.tooOld': 'Check the year: that would be more than 120 years.',
    'err.ageRequired': 'Enter your age, in years.',
    'err.ageNumber': 'Enter your age in years, in figures. For example: 67.',
    'err.sexRequired': 'Choose “Female” or “Male”.',
    'err.number': 'Write a number, in figures. For example: {example}.',
    'err.wholeNumber': 'Write a whole number, without decimals.',
    'err.departement': 'Write your département\'s number: 01 to 95 (2A or 2B for Corsica), or 971, 972, 973, 974 or 976 overseas. Or leave it empty.',
    'err.range': 'Enter a number between {min} and {max}{unit}.',
    'err.required': 'This answer is needed.',
    'err.quitBoth': 'Enter the month and the year, or leave both empty.',
    'err.monthRange': 'The month is a number from 1 to 12.',
    'err.chooseRelation': 'Choose which relative.',
    'err.chooseCondition': 'Choose the disease or mutation.',
    'err.chooseTest': 'Choose the test.',
    'err.chooseVaccine': 'Choose the vaccine.',
    'err.dateRequired': 'Enter the date. If you don\'t know the day, choose the 1st of the month.',
    'err.addRelative': 'Add the relative with the “Add a relative” button, or choose another answer.',
    'err.addScreening': 'Add the test with the “Add a test” button, or choose another answer.',
    'err.addVaccination': 'Add the vaccine with the “Add a vaccine” button, or choose another answer.',
    'err.unknownCode': 'Vigie does not recognise this value.',
    'err.unknownField': 'Vigie does not use this information ({path}).',
    'err.duplicateEntry': 'This row is already in the list: remove one of the two.',
    'err.engine': '{message}',
    'unit.cm': ' cm',
    'unit.kg': ' kg',
    'unit.pack-years': ' pack-years',
    'unit.years': ' years',

    'summary.title': 'What to do first',
    'summary.more': 'And {n} more, further down.',
    'summary.more.one': 'And 1 more, further down.',
    'todo.refer': 'Make an appointment with a professional to talk about it.',
    'todo.info': 'For information, not urgent.',
    'sum.partial': 'the ones I remember',
    'sum.notKnown': 'not reported: {what}',
    'sum.notKnownMany': '; {n} others not reported',
    'date.year.on': 'in {year}',
    'date.month.on': 'in {when}',
    'date.day.on': 'on {date}',
    'import.carried': 'These answers from the file are kept as they are: they count in your results and stay in the file you save, but this page cannot show them for changing yet: {fields}.',
    'import.carriedRefused': 'This version of Vigie does not read these answers from the file yet: they do not count in your results, but stay in the file you save: {fields}.',
    'carried.unknown': 'what you do not know',

    'results.intro': 'On {date}, from your answers. What to do first comes first.',
    'results.none': 'From your answers, Vigie has nothing to suggest for now. Keep seeing your doctor as usual.',
    'results.nothingElse': 'Nothing else to do for now, from your answers.',
    'results.well.none': 'Thank you for taking the time to answer. It is a first step in looking after yourself.',
    'results.errors': 'Part of the rules could not answer ({rules}). Talk about it with your doctor or pharmacist.',
    'warning.review-overdue': 'These rules were checked on {checked} and were due to be reviewed before {reviewBy}: some recommendations may have changed since.',
    'warning.review-overdue.unchecked': 'These rules were due to be reviewed before {reviewBy}: some recommendations may have changed since.',
    'warning.facts': 'This season\'s vaccination campaign dates may not be in them. Dates that may be out of date:',
    'warning.action': 'Ask your pharmacist or your doctor to confirm.',
    'warning.before-in-force': 'These rules did not apply yet on that date.',
    'warning.after-validity': 'A newer version of these rules applies on that date.',
    'warning.directory': 'The names and websites given ({what}) were due to be reviewed before {reviewBy}: they may have changed.',
    'when.since': 'Due since {when}: you can do it now.',
    'when.now': 'Due now: you can do it straight away.',
    'when.in': 'To plan in {when}.',
    'when.next': 'Next one: in {when}.',
    'well.until': '{subject} is up to date until {when}.',
    'well.done': '{subject} is up to date.',
    'card.action': 'What to do?',
    'card.why': 'Why?',
    'why.reasons': 'What Vigie took into account:',
    'why.rule': 'Rule:',
    'why.sources': 'Sources:',
    'why.checked': 'checked on {date}',
    'why.ruleset': 'Rule set “{id}”, version {version}, digest {digest}',
    'ruleset.line': 'Worked out by Vigie with rule set “{id}”, version {version}, on {date}.',
    'ics.none': 'No date to add to your calendar for now.',
    'ics.done': 'The file vigie-rappels.ics is downloaded. Open it to add the reminders to your calendar.',
    'ics.title': 'Vigie reminders',
    'ics.refer': 'Make an appointment: {title}',
    'ics.overdue': 'To do as soon as possible.',

    'sum.birth': 'Date of birth',
    'sum.age': 'Age given',
    'sum.ageValue': '{age} years',
    'sum.sex': 'Sex at birth',
    'sum.organs': 'Organs',
    'sum.conditions': 'Health',
    'sum.smoking': 'Smoking',
    'sum.packYears': '{n} pack-years',
    'sum.quit': 'stopped in {when}',
    'sum.body': 'Height and weight',
    'sum.departement': 'Département',
    'sum.height': '{n} cm',
    'sum.weight': '{n} kg',
    'sum.family': 'Family',
    'sum.screenings': 'Tests',
    'sum.vaccinations': 'Vaccines',
    'sum.unknown': 'Not reported',
    'sum.none': 'None',
    'sum.nothing': 'Nothing reported',
    'sum.atAge': 'at {age}',
    'sum.on': 'on {date}',
    'sum.present': 'present',
    'sum.absent': 'absent',

    'privacy.saved': 'Your answers will be kept on this device, in this browser.',
    'privacy.unsaved': 'Your answers are no longer kept on this device: they will disappear when you close this tab.',
    'privacy.restored': 'Your answers kept on this device have been loaded.',
    'privacy.erased': 'Done: your answers are erased from this device.',
    'privacy.exported': 'The file vigie-reponses.json is downloaded. Keep it safe: it holds your answers.',
    'privacy.exportPartial': 'The file is downloaded, without the answers that need checking.',
    'privacy.imported': 'Your answers have been loaded from the file. Check them, then continue.',
    'privacy.importedProblems': 'Your answers have been loaded from the file. Some need checking.',
    'privacy.importBad': 'This file cannot be read. Choose a vigie-reponses.json file saved with Vigie.',
    'privacy.storageFailed': 'This browser does not allow keeping your answers.',
    'privacy.ignored': 'This page does not ask for this information from the file, so it was not loaded: {fields}.',
    'storage.unreadable': 'The answers kept on this device could not be read, so they were not loaded. The “Erase my answers from this device” button removes them.',
    'storage.tooLarge': 'The answers kept on this device are over {max} characters long, so they were not loaded. The “Erase my answers from this device” button removes them.',
    'storage.partial': 'Your answers kept on this device have been loaded, except: {fields}.',
    'import.tooLarge': 'This file is too large ({size} bytes, at most {max}): it was not read. Your current answers are kept.',
    'import.tooManyRows': 'This file was not loaded: {lists}. Your current answers are kept.',
    'import.refused': 'These answers from the file were not loaded: {fields}.',
    'refused.rows': '{field} ({count} rows, at most {max})',
    'refused.text': '{field} (over {max} characters)',
    'refused.type': '{field} (not readable)',
    'rows.max': 'No more than {max} rows here.',
    'engine.trapped': 'Vigie hit an internal error and restarted. Your answers are kept: try again.',

    'about.ruleset.id': 'Name',
    'about.ruleset.version': 'Version',
    'about.ruleset.digest': 'Digest (it identifies these rules exactly)',

    'load.error': 'Vigie could not start in this browser. Try reloading the page, or use a more recent browser (an up-to-date Firefox, Chrome, Edge or Safari). You can also talk about your screenings directly with your doctor or pharmacist.',
  },
};

// The status badges: the package's words (pkg/labels.js), one source for every portal and the page.
for (const locale of ['fr', 'en']) {
  for (const [status, word] of Object.entries(STATUS_LABELS[locale])) dynamic[locale][`status.${status}`] = word;
}

// English for the text written in index.html (French is read from the page).
const staticEn = {
  'doc.title': 'Vigie — your screenings, check-ups and vaccines',
  'skip': 'Skip to content',
  'brand.tag': 'Screenings, check-ups and vaccines',
  'lang.label': 'Language',
  'about.link': 'About Vigie',
  'rules.label': 'Rules',
  'rules.fr': 'France',
  'rules.us': 'United States (USPSTF)',
  'pregnant.legend': 'Are you pregnant?',
  'pregnant.yes': 'Yes',
  'pregnant.no': 'No',
  'pregnant.unknown': 'I don\'t know',
  'ancestry.legend': 'Does your family come from one of these backgrounds? (optional)',
  'ancestry.hint': 'Some recommendations take it into account: the weight threshold for diabetes screening, the risk of high blood pressure, the family risk of cancer. Tick what applies. Like all your answers, it stays on this device.',
  'ancestry.none': 'None of these',
  'h1': 'Check where you stand with your screenings and vaccines',
  'loading': 'Loading…',
  'intro.1': 'Vigie asks only the questions that can change its advice, the most important first, and shows you a first result straight away. You can stop whenever you like.',
  'path.label': 'Questions',
  'intro.2': 'Your answers stay on this device: nothing is sent. You can answer “I don\'t know” to every question.',
  'nav.back': 'Back',

  'birth.title': 'Your date of birth',
  'birth.legend': 'Date of birth',
  'birth.hint': 'For example: 2, 3 and 1971 for 2 March 1971.',
  'birth.day': 'Day',
  'birth.month': 'Month',
  'birth.year': 'Year',
  'birth.unknown': 'I don\'t know my exact date of birth',
  'age.label': 'Your age, in years',
  'age.hint': 'For example: 67',
  'departement.label': 'Your département (optional)',
  'departement.hint': 'Its number, for example 75, 2A or 974. It is used to tell you the cancer-screening centre of your region. Like all your answers, it stays on this device.',

  'sex.title': 'Your sex at birth',
  'sex.legend': 'Sex at birth',
  'sex.hint': 'The one recorded at your birth. It tells which screenings are for you.',
  'sex.female': 'Female',
  'sex.male': 'Male',
  'organs.summary': 'After an operation, or if you are a trans or intersex person',
  'organs.hint': 'For each organ, say whether you have it today. If you don\'t know, leave “I don\'t know”: Vigie then goes by your sex at birth.',

  'health.title': 'Your health',
  'health.hint': 'Tick what applies to you, now or in the past. If nothing applies, tick nothing.',
  'health.group.breast': 'Breasts',
  'health.group.bowel': 'Bowel (colon, rectum)',
  'health.group.cervix': 'Uterus and cervix',
  'health.group.genes': 'Genes (found by a genetic test)',
  'health.group.other': 'Other',
  'conditions-known.legend': 'Is this complete?',
  'conditions-known.yes': 'Yes: I ticked what applies to me, or nothing applies',
  'conditions-known.unknown': 'I don\'t know',

  'smoking.title': 'Smoking',
  'smoking.legend': 'Do you smoke, or have you smoked?',
  'smoking.never': 'I have never smoked',
  'smoking.former': 'I smoked, but I stopped',
  'smoking.current': 'I smoke',
  'smoking.unknown': 'I don\'t know',
  'pack-years.label': 'How many pack-years? (optional)',
  'pack-years.hint': 'Packs of 20 cigarettes a day, times the number of years. Example: 1 pack a day for 20 years = 20. Leave empty if you don\'t know.',
  'quit.legend': 'When did you stop? (optional)',
  'quit.hint': 'Leave empty if you don\'t know.',
  'quit.month': 'Month',
  'quit.year': 'Year',

  'body.title': 'Your height and weight',
  'body.hint': 'Both are optional. Leave empty if you don\'t know.',
  'height.label': 'Your height, in centimetres',
  'height.hint': 'For example: 165',
  'weight.label': 'Your weight, in kilos',
  'weight.hint': 'For example: 70',

  'family.title': 'Your family',
  'family.legend': 'In your family, has anyone had breast, ovarian or colorectal cancer, or a genetic mutation (BRCA, Lynch)?',
  'family.hint': 'Parents, brothers, sisters, children, grandparents, aunts, uncles, nephews, nieces and cousins.',
  'family.yes': 'Yes',
  'family.no': 'No, nobody that I know of',
  'family.unknown': 'I don\'t know',
  'family.rows.hint': 'Add one line per relative and per disease.',
  'family.add': 'Add a relative',

  'screenings.title': 'Your screening tests',
  'screenings.legend': 'Have you ever had one of these tests: mammogram, home colorectal test, colonoscopy, smear test, HPV test, prevention check-up?',
  'screenings.yes': 'Yes',
  'screenings.no': 'No, never',
  'screenings.unknown': 'I don\'t know',
  'screenings.rows.hint': 'Give at least the last test of each kind. Your test letters or your doctor can help.',
  'screenings.add': 'Add a test',

  'vaccinations.title': 'Your vaccines',
  'vaccinations.legend': 'Do you know the dates of your last vaccines?',
  'vaccinations.hint': 'Look in your vaccination record or health record, or ask your pharmacist.',
  'vaccinations.yes': 'Yes',
  'vaccinations.no': 'No, I have had none of these vaccines',
  'vaccinations.unknown': 'I don\'t know',
  'vaccinations.rows.hint': 'Give the last dose of each vaccine.',
  'vaccinations.add': 'Add a vaccine',

  'results.title': 'Your results',
  'responsible': 'Vigie points the way; your doctor, your midwife or your pharmacist remains responsible.',
  'well.title': 'What you already do well',
  'nudges.title': 'What Vigie suggests',
  'answers.title': 'Your answers',
  'print': 'Print or save as PDF',
  'ics': 'Add reminders to my calendar',
  'edit': 'Change my answers',
  'print.for': 'Vigie: summary to show your doctor, midwife or pharmacist.',

  'privacy.title': 'Your answers stay on this device',
  'privacy.hint': 'Nothing is sent over the Internet. No account, no cookie.',
  'remember': 'Remember my answers on this device',
  'remember.hint': 'Useful on your own device. On a shared device, leave it unticked.',
  'erase': 'Erase my answers from this device',
  'export': 'Save my answers to a file',
  'import.label': 'Load my answers from a file',

  'about.title': 'About Vigie',
  'about.close': 'Close',
  'about.how.title': 'How Vigie works',
  'about.how.1': 'You answer a few questions. Vigie compares your answers with rules written from official French recommendations (Assurance Maladie, Institut national du cancer, Haute Autorité de santé).',
  'about.how.2': 'It then tells you what is to do, when, why, and whom to see. Each suggestion shows the rule and the sources it comes from.',
  'about.data.title': 'Your data',
  'about.data.1': 'Vigie only uses your answers: date of birth or age, sex at birth, health, smoking, height and weight, family history, screening tests and vaccines, and your département if you give it.',
  'about.data.2': 'Everything is worked out in your browser, on this device. There is no account and no cookie, and the page sends nothing over the Internet.',
  'about.data.3': 'If you tick “Remember my answers on this device”, they are kept in this browser until you erase them. Otherwise, they are kept only in this tab, so that reloading the page loses nothing, and they disappear when you close it.',
  'nudges.hint': 'Open a card to see what to do and why.',
  'erase.confirm.title': 'Erase your answers?',
  'erase.confirm.text': 'Your answers will be erased from this page and from this device. This cannot be undone. To keep them, save them to a file first.',
  'erase.confirm.yes': 'Yes, erase',
  'erase.confirm.no': 'No, keep my answers',
  'about.limits.title': 'Its limits',
  'about.limits.1': 'Vigie points the way: it does not make a diagnosis and does not replace a consultation. Your doctor, your midwife or your pharmacist remains responsible.',
  'about.limits.2': 'Vigie only knows what you tell it. If you notice something unusual in your body, see a doctor without waiting.',
  'about.programs': 'This version of the rules covers:',
  'about.rules.title': 'The rules',
  'about.sources.title': 'The sources of the rules',
  'about.who.title': 'Who made it',
  'about.who.1': 'Vigie is made by the Vigie project team. It is free software (MIT or Apache 2.0 licence): its code and its rules can be read and checked by anyone.',
  'footer': 'Vigie points the way; it does not replace a consultation.',
  'noscript': 'This page needs JavaScript to work. You can also talk about your screenings directly with your doctor or pharmacist.',
};

const frStatic = {};
let current = 'fr';

/** Reads the French text of the page once (before any switch). */
export function captureStatic(root) {
  for (const el of $$('[data-i18n]', root)) {
    frStatic[el.dataset.i18n] = el.textContent.replace(/[ \t\r\n]+/g, ' ').trim();
  }
  for (const el of $$('[data-i18n-label]', root)) {
    frStatic[el.dataset.i18nLabel] = el.getAttribute('aria-label');
  }
}

export const lang = () => current;

/** The text of `key` in the current language, with `{name}` replaced from `vars`. */
export function t(key, vars = {}, locale = current) {
  let text = dynamic[locale]?.[key] ?? (locale === 'fr' ? frStatic[key] : staticEn[key]);
  if (text === undefined) text = dynamic.fr[key] ?? frStatic[key] ?? key;
  return text.replace(/\{(\w[\w-]*)\}/g, (m, name) => (vars[name] ?? m));
}

/**
 * Switches the static text to `locale`: the element's (the current root, dom.js) and any other
 * `roots` given (the self-check page's own frame).
 */
export function applyStatic(locale, roots = [undefined]) {
  current = locale;
  for (const root of roots) {
    for (const el of $$('[data-i18n]', root)) el.textContent = t(el.dataset.i18n);
    for (const el of $$('[data-i18n-label]', root)) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  }
}

/** Runs `fn` with the words of `locale` (a display in another language than the path's). */
export function withLocale(locale, fn) {
  const before = current;
  current = locale === 'en' ? 'en' : 'fr';
  try {
    return fn();
  } finally {
    current = before;
  }
}

/** For the check script: static keys without English. */
export function missingEnglish(keys) {
  return keys.filter((k) => !(k in staticEn) && !(k in dynamic.en));
}

// ------------------------------------------------------------------ dates

const months = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "mars 2025" / "March 2025" from "2025-03-14". */
export function monthYear(iso, locale = current) {
  const [y, m] = iso.split('-');
  return `${months[locale][Number(m) - 1]} ${y}`;
}

/** "2 mars 2025" ("1er mars") / "2 March 2025" from "2025-03-02". */
export function longDate(iso, locale = current) {
  const [y, m, d] = iso.split('-').map(Number);
  const day = locale === 'fr' && d === 1 ? '1er' : String(d);
  return `${day} ${months[locale][m - 1]} ${y}`;
}

/**
 * A date as the person gave it (contract §1 v1.1): "2022" → "2022", "2022-03" → "mars 2022",
 * "2022-03-14" → "14 mars 2022" (or "mars 2022" with `day: false`); with `on`, the preposition that
 * fits ("en 2022", "le 14 mars 2022"). Never adds a day that was not given; anything else as it is.
 */
export function givenDate(value, { on = false, day = true } = {}, locale = current) {
  const text = String(value);
  let key;
  let vars;
  if (/^\d{4}$/.test(text)) [key, vars] = ['date.year.on', { year: text }];
  else if (/^\d{4}-\d{2}$/.test(text) || (!day && /^\d{4}-\d{2}-\d{2}$/.test(text))) [key, vars] = ['date.month.on', { when: monthYear(text, locale) }];
  else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) [key, vars] = ['date.day.on', { date: longDate(text, locale) }];
  else return text;
  if (on) return t(key, vars, locale);
  return vars.year ?? vars.when ?? vars.date;
}

// ------------------------------------------------------------------ codes

// How the questionnaire says each code, as a person answering says it (first person where it reads
// better), and how the results speak of each program: the engine's words, which the package gives
// (`vigie.codeLabels({ locale }).answers`), so the page keeps no copy of its own.
const answers = { fr: {}, en: {} };

/** Takes the engine's words for codes, in each language of the page, from a loaded Vigie. */
export function useCodeWords(vigie) {
  for (const locale of Object.keys(answers)) {
    try {
      answers[locale] = vigie.codeLabels({ locale }).answers;
    } catch (err) {
      // A rule set that does not speak the language: its codes are said in French (below).
      if (err?.code !== 'unknown-locale') throw err;
    }
  }
}

/** The label of a code of `list` ("relation", "test" …) in the current language; the code itself if none. */
export function label(list, code, locale = current) {
  return answers[locale][list]?.[code] ?? answers[locale].condition?.[code] ?? answers.fr[list]?.[code] ?? code;
}
