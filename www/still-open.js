// What an unknown left open, on the results (issue 17 item 4): each question that could still change a
// nudge — answered "I don't know" or not asked because the person stopped — in words graded by what its
// answer could lead to (a referral: "talk to your doctor"; a date: "it may change when"), with the
// programs it concerns. The rule set may word it itself (`ifUnknown`); otherwise the page's words.

const $ = (sel) => document.querySelector(sel);

const table = {
  fr: {
    title: 'Ce qui pourrait encore changer ces conseils',
    unknown: 'Vous avez répondu «\u00a0Je ne sais pas\u00a0» : {question}',
    notAsked: 'Question non posée : {question}',
    refer: 'Si la réponse est oui pour vous, parlez-en plutôt à votre médecin : {programs} pourrait demander un suivi adapté.',
    due: 'Si vous retrouvez la réponse (carnet de santé, compte rendu, votre médecin), elle peut changer ce qui est à faire pour : {programs}.',
    other: 'Sa réponse peut changer ce que Vigie vous dit pour : {programs}.',
  },
  en: {
    title: 'What could still change this advice',
    unknown: 'You answered "I don\'t know": {question}',
    notAsked: 'Question not asked: {question}',
    refer: 'If the answer is yes for you, talk to your doctor instead: {programs} may need a follow-up suited to you.',
    due: 'If you find the answer (health record, report, your doctor), it may change what to do for: {programs}.',
    other: 'Its answer may change what Vigie tells you for: {programs}.',
  },
};

function fill(text, vars) {
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/**
 * Fills the results' "still open" section from the path's open questions (`open`: the report's
 * `questions`, each with `answered`: 'unknown' | 'not-asked' | 'given'); empty: the section is hidden.
 * `programTitles`: program code → its title (`vigie.programs()`), for programs without a nudge.
 */
export function renderStillOpen(open, report, locale, programTitles = new Map()) {
  const box = $('#still-open');
  if (!box) return;
  const words = table[locale] ?? table.fr;
  const items = (open ?? []).filter((q) => q.answered !== 'given');
  box.hidden = items.length === 0;
  $('#still-open-title').textContent = words.title;
  const titles = new Map((report?.nudges ?? []).map((n) => [n.program, n.title]));
  $('#still-open-list').replaceChildren(...items.map((q) => {
    const li = document.createElement('li');
    li.dataset.question = q.id;
    const head = document.createElement('strong');
    head.textContent = fill(q.answered === 'unknown' ? words.unknown : words.notAsked, { question: q.text });
    const programs = (q.affects ?? []).map((p) => titles.get(p) ?? programTitles.get(p) ?? p).join(', ');
    const grade = q.ifUnknown ?? fill(words[q.consequence === 'refer' ? 'refer' : q.consequence === 'due' ? 'due' : 'other'], { programs });
    const line = document.createElement('span');
    line.textContent = ` ${grade}`;
    li.append(head, line);
    return li;
  }));
}
