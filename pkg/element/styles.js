// The styles of <vigie-check> and <vigie-nudges>, adopted by their shadow roots (a constructed
// stylesheet: nothing inline, so a strict style-src holds).
export const CSS = `
/* <vigie-check>: the citizen path. Themable: every colour is a custom property on :host (set them on
   the element from the host page), and the main blocks are ::part()s. Large text and targets, high contrast, flexible layout (rem, wrapping),
   no motion when the person asks for none. */

:host {
  display: block;
  --ink: #1b1b1b;
  --muted: #474c55;
  --primary: #0b4f8a;
  --primary-dark: #073a66;
  --primary-light: #e6f0fa;
  --panel: #f2f5f9;
  --line: #8a94a3;
  --field: #5a6472;
  --error: #a4001d;
  --focus: #ffd43b;
  --ok: #1d6b32;
  --ok-light: #eaf5ec;
  --due: #0b4f8a;
  --upcoming: #136352;
  --refer: #5b3391;
  --info: #56606d;
  color-scheme: light;
}

*, *::before, *::after { box-sizing: border-box; }

html {
  font-size: 112.5%; /* 18 px with the default setting; follows the person's own size */
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}

@media (prefers-reduced-motion: no-preference) {
  html { scroll-behavior: smooth; }
}

:host {
  margin: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
  line-height: 1.55;
  color: var(--ink);
  background: #fff;
  overflow-wrap: break-word;
}

[hidden] { display: none !important; }

h1, h2, h3, h4 { line-height: 1.25; margin: 1.5rem 0 0.75rem; }
h1 { font-size: 1.75rem; margin-top: 1.25rem; }
h2 { font-size: 1.5rem; }
h3 { font-size: 1.2rem; }
h4 { font-size: 1.1rem; }
p { margin: 0 0 0.75rem; }

a { color: var(--primary); text-decoration-thickness: 0.08em; text-underline-offset: 0.15em; }
a:hover { color: var(--primary-dark); text-decoration-thickness: 0.15em; }

code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; overflow-wrap: anywhere; }

.wrap { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }

/* ---------------------------------------------------------------- focus */

:focus-visible {
  outline: 3px solid var(--ink);
  outline-offset: 2px;
  box-shadow: 0 0 0 2px var(--focus);
}
[tabindex="-1"]:focus { outline: none; box-shadow: none; }
[tabindex="-1"]:focus-visible { outline: 3px solid var(--ink); outline-offset: 4px; box-shadow: none; }
input:focus-visible, select:focus-visible {
  outline: 3px solid var(--ink);
  outline-offset: 2px;
  box-shadow: 0 0 0 3px var(--focus);
}

.visually-hidden {
  position: absolute !important;
  width: 1px; height: 1px;
  margin: -1px; padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}

.header-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
.lang-switch { display: flex; gap: 0.25rem; }
.lang-switch button {
  min-height: 2.75rem;
  min-width: 2.75rem;
  padding: 0.3rem 0.8rem;
  font: inherit;
  font-size: 0.95rem;
  color: #fff;
  background: transparent;
  border: 2px solid #fff;
  border-radius: 0.4rem;
  cursor: pointer;
}
.lang-switch button[aria-pressed="true"] { background: #fff; color: var(--primary-dark); font-weight: 700; }
.lang-switch button:disabled { opacity: 0.6; cursor: not-allowed; text-decoration: line-through; }
.rules-switch { display: flex; align-items: center; gap: 0.4rem; font-size: 0.95rem; }
.rules-switch select {
  min-height: 2.75rem;
  font: inherit;
  font-size: 0.95rem;
  padding: 0.2rem 0.4rem;
  border: 2px solid #fff;
  border-radius: 0.4rem;
}
.notice { margin: 0.5rem 0; padding: 0.6rem 0.8rem; border-left: 4px solid var(--primary); background: #eef3fb; }
.about-link {
  color: #fff;
  display: inline-flex;
  align-items: center;
  min-height: 2.75rem;
  font-size: 0.95rem;
}
.about-link:hover { color: #fff; }
/* ---------------------------------------------------------------- loading, intro, progress */

.loading { font-size: 1.2rem; padding: 2rem 0; }
.load-error {
  border-left: 6px solid var(--info);
  background: var(--panel);
  padding: 1rem 1.25rem;
  font-size: 1.1rem;
}

.intro { background: var(--primary-light); border-radius: 0.5rem; padding: 1rem 1.25rem; margin-bottom: 1.25rem; }
.intro p:last-child { margin-bottom: 0; }

.progress-block { margin: 0.5rem 0 0.25rem; }
.progress-text { font-weight: 700; margin-bottom: 0.35rem; color: var(--muted); }
progress {
  display: block;
  width: 100%;
  height: 0.75rem;
  appearance: none;
  border: 1px solid var(--field);
  border-radius: 1rem;
  background: #e3e8ee;
  overflow: hidden;
}
progress::-webkit-progress-bar { background: #e3e8ee; border-radius: 1rem; }
progress::-webkit-progress-value { background: var(--primary); border-radius: 1rem; }
progress::-moz-progress-bar { background: var(--primary); border-radius: 1rem; }

/* ---------------------------------------------------------------- form */

.step h2 { margin-top: 1.25rem; }

fieldset { border: 0; margin: 0 0 1.5rem; padding: 0; min-width: 0; }
legend { font-weight: 700; font-size: 1.1rem; padding: 0; margin-bottom: 0.5rem; }
.hint { color: var(--muted); margin: 0.15rem 0 0.6rem; }

.field { margin: 0 0 1.5rem; }
.field > label, .date-part > label { display: block; font-weight: 700; margin-bottom: 0.25rem; }

input[type="text"], input[type="date"], select {
  font: inherit;
  color: var(--ink);
  background: #fff;
  min-height: 3rem;
  padding: 0.35rem 0.6rem;
  border: 2px solid var(--field);
  border-radius: 0.4rem;
  max-width: 100%;
}
select { width: 100%; max-width: 30rem; }
.w-2 { width: 4.5rem; }
.w-3 { width: 5.5rem; }
.w-4 { width: 7rem; }
.w-date { width: 12rem; }

.date-inputs { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; }

.choices { display: flex; flex-direction: column; gap: 0.5rem; }
.choices.inline { flex-direction: row; flex-wrap: wrap; }
.choices.inline .choice { flex: 1 1 9rem; }

.choice {
  display: flex;
  align-items: flex-start;
  gap: 0.75rem;
  padding: 0 0.9rem;
  border: 2px solid #b9c2ce;
  border-radius: 0.5rem;
  background: #fff;
}
.choice:has(input:checked) { border-color: var(--primary); background: var(--primary-light); }
.choice:hover { border-color: var(--primary); }
.choice input {
  flex: none;
  width: 1.5rem;
  height: 1.5rem;
  margin: 0.8rem 0 0;
  accent-color: var(--primary);
  cursor: pointer;
}
.choice label {
  flex: 1;
  min-height: 3rem;
  padding: 0.65rem 0;
  cursor: pointer;
}
.choice.check { margin: 0 0 1.5rem; }

details.organs { margin: 0 0 1.5rem; border: 2px solid #b9c2ce; border-radius: 0.5rem; }
details.organs > summary {
  cursor: pointer;
  padding: 0.75rem 1rem;
  min-height: 2.75rem;
  font-weight: 700;
  color: var(--primary);
  text-decoration: underline;
  text-underline-offset: 0.15em;
}
.organs-body { padding: 0 1rem 0.5rem; }
.organ { margin-bottom: 1rem; }
.organ legend { font-size: 1rem; }

.rows-block { margin: 0 0 1.5rem; }
.rows:empty { display: none; }
.relative, .screening, .vaccination {
  border: 2px solid #b9c2ce;
  border-radius: 0.5rem;
  background: var(--panel);
  padding: 0.25rem 1rem 0.75rem;
  margin: 0 0 1rem;
}
.row-title { font-size: 1.1rem; margin: 0.75rem 0; }
.relative .field, .screening .field, .vaccination .field { margin-bottom: 1rem; }

/* ---------------------------------------------------------------- buttons */

button, .button {
  font: inherit;
  display: inline-flex;
  align-items: center;
  justify-content: center;
  min-height: 3rem;
  padding: 0.5rem 1.2rem;
  border-radius: 0.5rem;
  border: 2px solid var(--primary);
  cursor: pointer;
  text-align: center;
  line-height: 1.3;
}
.primary { background: var(--primary); color: #fff; font-weight: 700; }
.primary:hover { background: var(--primary-dark); border-color: var(--primary-dark); }
.secondary { background: #fff; color: var(--primary); font-weight: 600; }
.secondary:hover { background: var(--primary-light); }
.link-button {
  background: none;
  border-color: transparent;
  color: var(--primary);
  text-decoration: underline;
  text-underline-offset: 0.15em;
  padding: 0.5rem 0.25rem;
  min-height: 2.75rem;
}
.link-button:hover { color: var(--primary-dark); text-decoration-thickness: 0.15em; }

.nav-buttons {
  display: flex;
  flex-wrap: wrap;
  gap: 0.75rem;
  margin: 2rem 0 1rem;
  padding-top: 1.25rem;
  border-top: 1px solid #d3d9e0;
}
.nav-buttons #next { margin-left: auto; min-width: 10rem; }

.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1.25rem 0 0.75rem; }

.file-button { position: relative; display: inline-flex; }
.file-input {
  position: absolute;
  inset: 0;
  width: 100%;
  height: 100%;
  opacity: 0;
  cursor: pointer;
}
.file-button:focus-within .button {
  outline: 3px solid var(--ink);
  outline-offset: 2px;
  box-shadow: 0 0 0 2px var(--focus);
}
.file-button:hover .button { background: var(--primary-light); }

.status-line:empty { display: none; }
.status-line {
  border-left: 5px solid var(--ok);
  background: var(--ok-light);
  padding: 0.6rem 0.9rem;
  margin: 0.75rem 0;
}

/* ---------------------------------------------------------------- errors */

.field-error { color: var(--error); font-weight: 700; margin: 0.2rem 0 0.5rem; }
.has-error { border-left: 5px solid var(--error); padding-left: 0.85rem; }
fieldset.has-error { padding-left: 0.85rem; }
[aria-invalid="true"]:is(input[type="text"], input[type="date"], select) { border-color: var(--error); border-width: 3px; }

.error-summary {
  border: 4px solid var(--error);
  border-radius: 0.4rem;
  padding: 0.75rem 1.1rem;
  margin: 0 0 1.5rem;
}
.error-summary h3 { margin: 0.25rem 0 0.5rem; font-size: 1.15rem; }
.error-summary ul { margin: 0; padding-left: 1.2rem; }
.error-summary li { margin: 0.35rem 0; }
.error-summary a { color: var(--error); font-weight: 700; }

/* ---------------------------------------------------------------- results */

/* Long French words on a narrow screen or at 200 % zoom: hyphenated where the language allows,
   never cut anywhere (the page's lang attribute picks the hyphenation). */
.results { hyphens: auto; -webkit-hyphens: auto; }
.results-intro { font-size: 1.05rem; margin-bottom: 0.5rem; }

.summary {
  border: 2px solid var(--primary);
  border-radius: 0.5rem;
  padding: 0 1rem 0.5rem;
  margin: 0.75rem 0 1rem;
}
.summary h3 { margin: 0.6rem 0 0.4rem; }
.summary-list { margin: 0; padding-left: 1.4rem; }
.summary-item { margin: 0 0 0.5rem; }
.summary-link { font-weight: 700; }
.summary-line { display: block; }
.summary-status { font-weight: 700; }
.summary-more { margin: 0.25rem 0 0.25rem; color: var(--muted); }

.responsible {
  border-left: 5px solid var(--primary);
  background: var(--primary-light);
  padding: 0.6rem 0.9rem;
}

.doing-well {
  background: var(--ok-light);
  border-radius: 0.5rem;
  padding: 0.25rem 1.1rem 0.75rem;
  margin: 1.25rem 0;
}
.doing-well h3 { color: var(--ok); }
.well-list { list-style: none; margin: 0; padding: 0; }
.well-list > li { margin: 0 0 0.25rem; }
.nudge.compact details.why > summary { padding: 0.2rem 0; min-height: 2.75rem; }
.nudge.compact { border: 0; padding: 0; margin: 0; background: none; }
.nudge.compact .nudge-title { font-size: 1.05rem; margin: 0.5rem 0 0.1rem; font-weight: 700; }
.tick { color: var(--ok); font-weight: 800; }
.nudge-sub { font-weight: 700; }

.nudge {
  border: 2px solid #c8cfd8;
  border-left: 0.5rem solid var(--due);
  border-radius: 0.5rem;
  background: #fff;
  padding: 0.1rem 1rem 0.1rem;
  margin: 0 0 0.75rem;
}
.nudge.status-upcoming { border-left-color: var(--upcoming); }
.nudge.status-refer { border-left-color: var(--refer); }
.nudge.status-info { border-left-color: var(--info); }
.nudge-title { margin: 0.6rem 0 0.35rem; font-size: 1.15rem; }
.nudge-meta { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.35rem 0.75rem; }
.status-badge {
  display: inline-block;
  max-width: 100%;
  overflow-wrap: anywhere; /* only if one word is wider than a 200 %-zoomed phone */
  font-weight: 700;
  font-size: 0.95rem;
  padding: 0.1rem 0.6rem;
  border-radius: 1rem;
  background: #e3eefb;
  color: #06345c;
}
.status-upcoming .status-badge { background: #ddf1ea; color: #0b4a3d; }
.status-refer .status-badge { background: #eee6f8; color: #43226f; }
.status-info .status-badge { background: #eceff3; color: #2f353d; }
.when { font-weight: 700; }
.action { background: var(--panel); border-radius: 0.4rem; padding: 0.6rem 0.9rem; margin: 0 0 0.75rem; }
.action p { margin: 0; }
.action .action-label { font-weight: 700; }

details.card > summary {
  display: block;
  list-style: none;
  cursor: pointer;
  position: relative;
  padding: 0.15rem 0 0.6rem 0;
  min-height: 2.75rem;
}
details.card > summary .nudge-title { padding-right: 1.75rem; }
details.card > summary::-webkit-details-marker { display: none; }
/* The open/closed sign: a chevron drawn in CSS, the state itself is announced by <summary>. */
details.card > summary::after {
  content: "";
  position: absolute;
  right: 0.25rem;
  top: 1.05rem;
  width: 0.7rem;
  height: 0.7rem;
  border-right: 3px solid var(--primary);
  border-bottom: 3px solid var(--primary);
  transform: rotate(45deg);
}
details.card[open] > summary::after { transform: rotate(225deg); top: 1.35rem; }
details.card > summary .nudge-title { color: var(--primary); text-decoration: underline; text-underline-offset: 0.15em; text-decoration-thickness: 0.06em; }
details.card > summary:hover .nudge-title { text-decoration-thickness: 0.15em; }
.card-body { padding-top: 0.25rem; }
.nudge .nudge-meta { display: flex; }

details.why > summary {
  cursor: pointer;
  display: list-item;
  padding: 0.55rem 0;
  min-height: 2.75rem;
  color: var(--primary);
  font-weight: 700;
  text-decoration: underline;
  text-underline-offset: 0.15em;
}
.why-body { font-size: 0.95rem; padding: 0 0 0.25rem; }
.why-body ul { margin: 0 0 0.75rem; padding-left: 1.2rem; }
.why-label { font-weight: 700; margin-bottom: 0.25rem; }
.sources a { overflow-wrap: anywhere; }
.checked { color: var(--muted); }
.ruleset-id, .ruleset-line { color: var(--muted); font-size: 0.9rem; overflow-wrap: anywhere; }
.ruleset-line { margin-top: 1rem; }

.report-errors { border-left: 5px solid var(--info); background: var(--panel); padding: 0.6rem 0.9rem; }
.report-warnings { border-left: 5px solid var(--info); background: var(--panel); padding: 0.6rem 0.9rem; margin: 0.8rem 0; }
.report-warnings p { margin: 0.3rem 0; }

.answers-summary { margin-top: 2rem; }
.answers-list { margin: 0; }
.answers-list dt { font-weight: 700; }
.answers-list dd { margin: 0 0 0.6rem; }
@media (min-width: 40rem) {
  .answers-list { display: grid; grid-template-columns: minmax(8rem, 13rem) 1fr; gap: 0.3rem 1rem; }
  .answers-list dd { margin: 0; }
}

.print-only { display: none; }

/* ---------------------------------------------------------------- privacy and about */

.privacy {
  margin-top: 3rem;
  background: var(--panel);
  border-radius: 0.5rem;
  padding: 0.25rem 1.25rem 0.75rem;
}
.privacy h2 { font-size: 1.25rem; }
.privacy .choice.check { margin-bottom: 0.25rem; }

.about h3 { margin-top: 2rem; }
.about-ruleset dt, .about-programs dt { font-weight: 700; }
.about-ruleset dd, .about-programs dd { margin: 0 0 0.5rem; }
.digest { overflow-wrap: anywhere; } /* a hash: no word to keep whole */
.sources li { margin-bottom: 0.4rem; }

/* ---------------------------------------------------------------- small screens */

@media (max-width: 30rem) {
  h1 { font-size: 1.3rem; margin-top: 1rem; }
  .brand-tag { display: none; }
  .header-inner { padding-top: 0.35rem; padding-bottom: 0.35rem; }
  .header-tools { display: contents; }
  .lang-switch { margin-left: auto; }
  .lang-switch button { padding: 0.3rem 0.55rem; }
  .about-link { font-size: 0.9rem; }
  h2 { font-size: 1.3rem; }
  .nav-buttons button { flex: 1 1 8rem; }
  .nav-buttons #next { min-width: 0; }
  .actions > * { flex: 1 1 100%; }
  .actions .button { width: 100%; }
  .nudge { padding: 0.1rem 0.75rem 0.1rem; }
  /* On the results, the page title gives way to the results' own: the summary fits the first screen. */
  #main .wrap:has(#results:not([hidden])) > h1 { font-size: 1.05rem; margin: 0.5rem 0 0; }
  .results h2 { margin-top: 0.5rem; }
}

/* 200 % zoom on a phone (about 190 px): the text gets the width the margins gave up. */
@media (max-width: 16rem) {
  .wrap { padding: 0 0.5rem; }
  .nudge { padding: 0.1rem 0.4rem; border-left-width: 0.3rem; }
  .summary { padding: 0 0.5rem 0.4rem; }
  .summary-list { padding-left: 1.1rem; }
  .status-badge { padding: 0.1rem 0.4rem; }
  .header-inner, .lang-switch { flex-wrap: wrap; }
  .lang-switch { margin-left: 0; }
  .lang-switch button { padding: 0.3rem 0.4rem; }
  button, .button { padding-left: 0.6rem; padding-right: 0.6rem; max-width: 100%; }
}

dialog.confirm {
  max-width: min(30rem, calc(100vw - 2rem));
  border: 3px solid var(--ink);
  border-radius: 0.5rem;
  padding: 0.5rem 1.25rem 1rem;
  color: var(--ink);
}
dialog.confirm::backdrop { background: rgb(0 0 0 / 0.45); }
dialog.confirm h2 { margin-top: 0.75rem; font-size: 1.3rem; }
.dialog-buttons { display: flex; flex-wrap: wrap; gap: 0.75rem; }
.dialog-buttons button { flex: 1 1 10rem; }
.danger { background: var(--error); border-color: var(--error); }
.danger:hover { background: #7d0016; border-color: #7d0016; }

@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after {
    animation-duration: 0.01ms !important;
    animation-iteration-count: 1 !important;
    transition-duration: 0.01ms !important;
    scroll-behavior: auto !important;
  }
}

@media (forced-colors: active) {
  .choice:has(input:checked) { border-color: Highlight; }
  .nudge { border-left-color: CanvasText; }
}

/* ---------------------------------------------------------------- print: one page for the professional */

@media print {
  @page { margin: 12mm; }
  html { font-size: 8.5pt; }
  body { color: #000; background: #fff; line-height: 1.3; }
  .site-header, .site-footer, .skip-link, h1, #loading, #intro, #progress-block, #questionnaire, #privacy, #about,
  .actions, .status-line, details.why, .nudge .message, #announcer, #load-error, .screen-only, .card-body,
  details.card > summary::after, dialog, #well-none, .doing-well:not(:has(#well-list > li)) { display: none !important; }
  .wrap { max-width: none; padding: 0; }
  .print-only { display: block; }
  p { margin: 0 0 0.3rem; }
  #results h2 { margin: 0 0 0.1rem; font-size: 1.4rem; }
  .results-intro, .responsible { margin: 0 0 0.3rem; }
  .responsible { background: none; border-left-width: 3px; padding: 0.1rem 0.5rem; }
  h3 { font-size: 1.1rem; margin: 0.4rem 0 0.2rem; }
  .doing-well { background: none; border: 1px solid #777; padding: 0.1rem 0.6rem 0.2rem; margin: 0.3rem 0; }
  .doing-well h3 { color: #000; }
  .nudge { border: 0; border-left: 3px solid #555; border-radius: 0; padding: 0 0 0 0.5rem; margin: 0 0 0.3rem; break-inside: avoid; }
  .nudge.compact { border: 0; padding: 0; }
  .nudge-title { font-size: 1rem; margin: 0; }
  .status-badge { border: 1px solid #000; background: none !important; color: #000 !important; padding: 0 0.3rem; font-size: 0.9rem; }
  .action { background: none; padding: 0; margin: 0; }
  .action .action-label { display: inline; }
  .action .action-label::after { content: " "; }
  .action p { display: inline; }
  .print-line { margin: 0; }
  .results { hyphens: manual; }
  .summary { border: 2px solid #000; padding: 0 0.6rem 0.15rem; margin: 0.2rem 0; break-inside: avoid; }
  .summary h3 { margin: 0.2rem 0 0.1rem; }
  .summary-item { margin: 0; }
  .summary-line { display: inline; }
  .summary-line::before { content: " — "; }
  .summary-more { display: none; }
  details.card > summary { padding: 0; min-height: 0; }
  details.card > summary .nudge-title { color: #000; text-decoration: none; display: inline; padding: 0; }
  .nudge details.card > summary .nudge-meta { display: inline; margin-left: 0.4rem; }
  .answers-summary { margin-top: 0.3rem; break-inside: avoid; }
  .answers-list { display: grid; grid-template-columns: auto 1fr auto 1fr; gap: 0 0.6rem; }
  .answers-list dt { font-weight: 700; }
  .answers-list dd { margin: 0; }
  .ruleset-line { color: #000; margin: 0.3rem 0 0.1rem; font-size: 0.9rem; }
  a { color: #000; text-decoration: none; }
}

/* ------------------------------------------------------------------ the adaptive path (path.js) */
.path-question { margin: 0 0 1rem; }
.ask-text { margin-top: 0.5rem; }
.ask-why { color: var(--muted); margin: 0 0 1rem; }
.ask-error { color: var(--error); font-weight: 700; margin: 0.5rem 0; }
.ask-answers { display: flex; flex-wrap: wrap; gap: 0.6rem; margin: 0 0 1rem; }
.ask-answers .answer { flex: 1 1 9rem; min-height: 3rem; }
.answer[aria-pressed="true"] { outline: 3px solid var(--primary); outline-offset: 2px; }
.ask .group { border: 0; padding: 0; margin: 0 0 1rem; }
.ask .choice.check { margin: 0 0 0.5rem; }
.relative-row { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin-bottom: 0.5rem; }
.relative-row .choice { flex: 1 1 12rem; margin: 0; }
.relative-row .field.age { margin: 0; }
.provisional { background: var(--panel); border-left: 0.35rem solid var(--primary); padding: 0.75rem 1rem; margin: 0 0 1.25rem; }
.provisional-title { font-size: 1.05rem; margin: 0 0 0.25rem; }
.provisional-open { margin: 0 0 0.5rem; }
.provisional-list { margin: 0; padding-left: 1.2rem; }
.path-nav { display: flex; flex-wrap: wrap; gap: 0.6rem; margin: 1rem 0; }
.link-button { background: none; border: 0; padding: 0.25rem 0; color: var(--primary); text-decoration: underline; font: inherit; cursor: pointer; min-height: auto; }
.review-list { padding-left: 1.2rem; }
.review-list li { margin-bottom: 0.6rem; }
.review-list .change { margin-left: 0.4rem; padding: 0.2rem 0.8rem; min-height: 2.4rem; }
.organs .group.organ { margin: 0.75rem 0; }
.still-open { margin: 1.5rem 0; }
.still-open-list { padding-left: 1.2rem; }
.still-open-list li { margin-bottom: 0.5rem; }
@media print { .path, .still-open { break-inside: avoid; } #path { display: none; } }

/* ---------------------------------------------------------------- inside a host page */

:host([hidden]) { display: none !important; }
.vigie-root { padding-bottom: 1rem; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; justify-content: flex-end; gap: 0.5rem 1rem; margin: 0.5rem 0; }
.toolbar .lang-switch button { color: var(--primary-dark); border-color: var(--primary); background: #fff; }
.toolbar .lang-switch button[aria-pressed="true"] { background: var(--primary); color: #fff; }
.toolbar .rules-switch select { border-color: var(--field); }
.toolbar .about-link, .toolbar .about-link:hover { color: var(--primary); }
@media print { .toolbar { display: none !important; } }

`;
