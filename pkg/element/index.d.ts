// Types of `vigie/element`: importing it defines <vigie-check> and <vigie-nudges>.
import type { Report, Profile } from '../index.js';

/** The whole citizen path (pkg/element/check.js says every attribute and event). */
export declare class VigieCheck extends HTMLElement {
  /** Prefills the answers from a profile (e.g. `importFhir(bundle).profile`), then shows the results. */
  set profile(profile: Profile);
  /** A rule-set bundle to run instead of the built-in rules (the object, or its JSON text). */
  set ruleset(bundle: object | string);
  /** The last report shown, or null. */
  get report(): Report | null;
}

/** Cards only: from a report, or from a FHIR R4 bundle evaluated in a worker. */
export declare class VigieNudges extends HTMLElement {
  set report(report: Report | string);
  set bundle(bundle: object | string);
}

/**
 * Where the worker script and `vigie_bg.wasm` are, for bundlers that do not find them on their own
 * (esbuild, Rollup: README "Bundlers"). Call it in the module that imports `vigie/element`; engines
 * opened afterwards use them. Throws a `VigieError` `invalid-options` for any other key.
 */
export declare function configure(options: {
  /** The worker script's URL (a relative one is the page's): `vigie/worker/worker.js` as built. */
  worker?: string | URL;
  /**
   * `vigie_bg.wasm`: its URL, bytes or compiled module, as `createVigie({ wasm })` takes it, or a
   * Promise of one (a page can start downloading and compiling the module before the element opens
   * its engine: `WebAssembly.compileStreaming(fetch(url))`).
   */
  wasm?: URL | string | Response | BufferSource | WebAssembly.Module
    | Promise<URL | string | Response | BufferSource | WebAssembly.Module>;
}): void;

export interface VigieReportEvent extends CustomEvent<{ report: Report; profile?: Profile; source?: 'path' | 'form' }> {}

declare global {
  interface HTMLElementTagNameMap {
    'vigie-check': VigieCheck;
    'vigie-nudges': VigieNudges;
  }
  interface HTMLElementEventMap {
    'vigie-report': VigieReportEvent;
    'vigie-ready': CustomEvent<{ ruleset: { id: string; version: string; digest: string } }>;
    'vigie-locale': CustomEvent<{ locale: string }>;
    'vigie-rules': CustomEvent<{ rules: string }>;
    'vigie-erase': CustomEvent<{ waitUntil(promise: Promise<unknown>): void }>;
    'vigie-error': CustomEvent<{ error: unknown }>;
  }
}
