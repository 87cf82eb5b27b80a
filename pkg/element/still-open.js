// What an unknown left open, on the results (issue 17 item 4): each question answered "I don't know"
// that could still change a nudge, in words graded by what its answer could lead to (a referral:
// "talk to your doctor about it"; otherwise: "it may change what to do"), with the programs it
// concerns; and how many questions were not asked because the person stopped, with a way back to
// them. Questions a group answered "I don't know" covers are not listed again (the group says it).

import { el, $ } from './dom.js';


const table = {
  fr: {
    title: 'Ce qui pourrait encore changer ces conseils',
    unknown: '«\u00a0{question}\u00a0» : vous ne savez pas.',
    refer: 'Selon la réponse, un suivi adapté pourrait être conseillé ({programs}) : si vous avez un doute, parlez-en à votre médecin.',
    other: 'Selon la réponse, ce qui est à faire pourrait changer ({programs}) : votre médecin ou votre carnet de santé peuvent vous aider à répondre.',
    notAsked: '{n} autres questions n\'ont pas été posées ; elles pourraient changer ces conseils.',
    notAskedOne: 'Une autre question n\'a pas été posée ; elle pourrait changer ces conseils.',
    resume: 'Reprendre les questions',
  },
  en: {
    title: 'What could still change this advice',
    unknown: '"{question}": you do not know.',
    refer: 'Depending on the answer, a follow-up suited to you may be advised ({programs}): if in doubt, talk to your doctor.',
    other: 'Depending on the answer, what to do may change ({programs}): your doctor or your health record can help you answer.',
    notAsked: '{n} more questions were not asked; they could change this advice.',
    notAskedOne: 'One more question was not asked; it could change this advice.',
    resume: 'Go back to the questions',
  },
};

function fill(text, vars) {
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}


/**
 * Fills the results' "still open" section from the path's open questions (`open`: the report's
 * `questions`, each with `answered`: 'unknown' | 'not-asked' | 'given'); nothing open: hidden.
 * `programTitles`: program code → its short title (`vigie.programs()`); `onResume`: back to the path.
 */
export function renderStillOpen(open, report, locale, programTitles = new Map(), onResume = null) {
  const box = $('#still-open');
  if (!box) return;
  const words = table[locale] ?? table.fr;
  const covered = new Set((open ?? []).filter((q) => q.answered === 'unknown').flatMap((q) => q.covers ?? []));
  const unknown = (open ?? []).filter((q) => q.answered === 'unknown' && !covered.has(q.id));
  const notAsked = (open ?? []).filter((q) => q.answered === 'not-asked' && !covered.has(q.id)).length;
  box.hidden = unknown.length === 0 && notAsked === 0;
  $('#still-open-title').textContent = words.title;
  const name = (p) => programTitles.get(p) ?? (report?.nudges ?? []).find((n) => n.program === p)?.title ?? p;
  $('#still-open-list').replaceChildren(...unknown.map((q) => {
    const li = el('li', { 'data-question': q.id });
    const programs = (q.affects ?? []).map(name).join(', ');
    li.append(el('strong', { text: fill(words.unknown, { question: q.text }) }), ' ',
      q.ifUnknown ?? fill(q.consequence === 'refer' ? words.refer : words.other, { programs }));
    return li;
  }));
  const more = $('#still-open-more');
  more.replaceChildren();
  more.hidden = notAsked === 0;
  if (notAsked > 0) {
    more.append(notAsked === 1 ? words.notAskedOne : fill(words.notAsked, { n: notAsked }));
    if (onResume) {
      const button = el('button', { type: 'button', class: 'secondary resume', text: words.resume });
      button.addEventListener('click', onResume);
      more.append(' ', button);
    }
  }
}
