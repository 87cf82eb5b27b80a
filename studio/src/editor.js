// The code editor: CodeMirror 6, one view whose state is swapped per file (each file keeps its
// own undo history), with the command line's `check` diagnostics shown at their line and column.
import { basicSetup } from 'codemirror';
import { EditorState, StateEffect } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { StreamLanguage } from '@codemirror/language';
import { linter, lintGutter } from '@codemirror/lint';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { rust } from '@codemirror/lang-rust';
import { toml } from '@codemirror/legacy-modes/mode/toml';

/** Rhai reads like Rust (its syntax is close enough for highlighting and brackets). */
function languageOf(path) {
  if (path.endsWith('.rhai')) return [rust()];
  if (path.endsWith('.json')) return [json()];
  if (path.endsWith('.toml')) return [StreamLanguage.define(toml)];
  return [];
}

/** An offset in `doc` for a 1-based line and column, clamped to the text. */
export function offsetOf(doc, line, column) {
  const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(at.from + Math.max(column - 1, 0), at.to);
}

/** The word (or one character) starting at `from`, so that a diagnostic has something to underline. */
function extentAt(doc, from) {
  const line = doc.lineAt(from);
  const rest = doc.sliceString(from, line.to);
  const word = rest.match(/^[\w.-]+/);
  if (word) return from + word[0].length;
  return Math.min(from + 1, line.to) > from ? from + 1 : from;
}

/** Dispatched when new diagnostics came from the worker: the linter runs again for them. */
const diagnosticsCame = StateEffect.define();

/** Size and focus ring (custom properties from studio.css cross the shadow root). */
const layout = EditorView.theme({
  '&': { height: 'var(--editor-height, 70vh)', fontSize: '0.92rem' },
  '&.cm-focused': { outline: '3px solid var(--accent, #0b5cad)' },
  '.cm-scroller': { fontFamily: 'ui-monospace, monospace' },
});

export class Editor {
  #view;
  #states = new Map();
  #path = null;
  #problems = () => [];
  #onChange;
  #shadow;
  #inPanel = false;

  /**
   * @param {HTMLElement} parent
   * @param {{ onChange: (path: string, text: string) => void, problems: (path: string) => Array<{line:number,column:number,message:string}>, keys: object[] , label: string }} options
   */
  constructor(parent, { onChange, problems, keys = [], label }) {
    this.#onChange = onChange;
    this.#problems = problems;
    this.keys = keys;
    this.label = label;
    // In a shadow root: CodeMirror's styles then go into a constructed stylesheet, which the
    // page's Content-Security-Policy (`style-src 'self'`, no inline <style>) allows.
    const shadow = parent.attachShadow({ mode: 'open' });
    this.#shadow = shadow;
    this.#view = new EditorView({ parent: shadow, root: shadow, state: EditorState.create({ doc: '' }) });
    // CodeMirror gives the focus back to the text when a panel (go to line, search) closes only
    // if `document.activeElement` was in it, which is never true in a shadow root: do it here.
    shadow.addEventListener('focusin', (event) => {
      this.#inPanel = Boolean(event.target.closest?.('.cm-panels'));
    });
  }

  #extensions(path) {
    const external = linter(
      (view) => {
        const doc = view.state.doc;
        const found = this.#problems(path).map((p) => {
          const from = offsetOf(doc, p.line, p.column);
          return { from, to: extentAt(doc, from), severity: 'error', message: p.message, source: 'vigie check' };
        });
        if (path.endsWith('.json')) found.push(...jsonParseLinter()(view));
        return found;
      },
      {
        delay: 100,
        needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(diagnosticsCame))),
      },
    );
    return [
      basicSetup,
      layout,
      EditorView.lineWrapping,
      keymap.of(this.keys),
      languageOf(path),
      lintGutter(),
      external,
      // An explicit tabindex: the text is reached with Tab like any field (and axe-core sees it).
      EditorView.contentAttributes.of({ 'aria-label': `${this.label} ${path}`, tabindex: '0' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) this.#onChange(path, update.state.doc.toString());
        if (this.#inPanel && this.#shadow.activeElement === null) {
          this.#inPanel = false;
          update.view.focus();
        }
      }),
    ];
  }

  /** Shows `path` with `text` (the state kept for it is reused while its text is the same). */
  open(path, text) {
    if (this.#path !== null) this.#states.set(this.#path, this.#view.state);
    let state = this.#states.get(path);
    if (!state || state.doc.toString() !== text) {
      state = EditorState.create({ doc: text, extensions: this.#extensions(path) });
    }
    this.#path = path;
    this.#view.setState(state);
    this.refresh();
  }

  /** Forgets one file's state (it was deleted). */
  forget(path) {
    this.#states.delete(path);
    if (this.#path === path) this.#path = null;
  }

  /** Forgets every file's state (another rule set is open). */
  reset() {
    this.#states.clear();
    this.#path = null;
    this.#view.setState(EditorState.create({ doc: '' }));
  }

  get path() {
    return this.#path;
  }

  /** New diagnostics came: show them now. */
  refresh() {
    if (this.#path !== null) this.#view.dispatch({ effects: diagnosticsCame.of(null) });
  }

  /** Puts the cursor at a line and column and gives the editor the focus. */
  goTo(line, column = 1) {
    const doc = this.#view.state.doc;
    const at = offsetOf(doc, line, column);
    this.#view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
    this.#view.focus();
  }

  get view() {
    return this.#view;
  }
}
