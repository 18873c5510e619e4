/** The stored consent: decision per category, per service and per separate-consent item. */
export interface Consent {
  categories: Record<string, boolean>;
  services: Record<string, boolean>;
  separate: Record<string, boolean>;
  action: 'accept_all' | 'reject_all' | 'custom' | 'withdraw' | 'disagree';
  policy_version: string;
  policy_sha256: string;
  subject_id: string;
  language: string;
  /** When the consent was given, last changed, and when its configured lifetime ends (ms). */
  decided_at: number;
  updated_at: number;
  expires_at?: number;
  [key: string]: unknown;
}

export type MingshiEvent = 'consent' | 'change' | 'withdraw';

/** How a receipt's decision was given (its `collection_method`): `api` is the page's script
 * (or a mini-program host), `withdrawal` every withdrawal (`withdraw()`), `placeholder` the
 * visitor's click on a blocked iframe's button. */
export type CollectionMethod =
  | 'first_run_dialog' | 're_consent' | 'preference_centre' | 'withdrawal' | 'api' | 'placeholder';

/** Where a wasm module comes from: its URL (default: next to the package's files), a fetch
 * response, its bytes, or an already compiled module. */
export type WasmSource = string | URL | Response | BufferSource | WebAssembly.Module;

export interface StartOptions {
  /** The component's wasm (`mingshi-wasm_bg.wasm`). */
  wasmUrl?: WasmSource | Promise<WasmSource>;
  /** The policy engine's wasm (`mingshi-policy_bg.wasm`), loaded only for a policy given as text or by URL. */
  policyWasmUrl?: WasmSource | Promise<WasmSource>;
  /** The configuration messages' wasm (`mingshi-messages_bg.wasm`), loaded only to say what is wrong with a configuration the component refused. */
  messagesWasmUrl?: WasmSource | Promise<WasmSource>;
}

export interface MingshiApi {
  /** Resolves once the component is running; `dialogShown` tells if it asked. */
  ready: Promise<MingshiApi> | null;
  dialogShown?: boolean;
  /** Beacons dropped because their category was not granted. */
  droppedBeacons: number;
  /** 'wechat' or 'alipay' inside a mini-program web-view, else null. */
  miniProgram: 'wechat' | 'alipay' | null;
  /** Whether the browser sends Global Privacy Control. */
  readonly gpc: boolean;
  /** Consent Mode type -> category, from the stub's `data-gcm` (with the script tag and the stub). */
  gcm?: Record<string, string>;
  start(config: object | string, options?: StartOptions): Promise<MingshiApi>;
  /** Before `start` resolves, the queries answer from the stored decision and the actions
   * (show … reset) wait, then run in order once the component runs. */
  acceptedCategory(id: string): boolean;
  acceptedService(id: string): boolean;
  getConsent(): Consent | null;
  /** Opens the first-run dialog (again). */
  show(): void;
  /** Opens the preference centre. */
  showPreferences(): void;
  acceptAll(): void;
  rejectAll(): void;
  /** Withdraws every optional consent, separate consents included (collection_method `withdrawal`). */
  withdraw(): void;
  /** Forgets the stored decision: nothing optional is granted, and the next page asks again. */
  reset(): void;
  /** Analyses policy text; resolves to the precompiled form (units with key flags and tags). */
  analyzePolicy(text: string): Promise<{ mingshi_policy: number; source_sha256: string; languages: unknown[] }>;
  /** Subscribes to an event; returns a function that unsubscribes. Another event name is
   * an error naming it (also on the stub, before the component runs). */
  on(event: MingshiEvent, cb: (consent: Consent | null) => void): () => void;
}

/** 'wechat', 'alipay' or null when not inside a mini-program web-view. */
export declare function miniProgramHost(w?: Window): 'wechat' | 'alipay' | null;
/** Reports decisions to the host mini-program; called by start() automatically. */
export declare function connectMiniProgram(api: MingshiApi, options?: { resultPage?: string }, w?: Window): 'wechat' | 'alipay' | null;

/** Starts the component with a configuration (an object or its JSON text); resolves to the
 * API, or rejects with an error naming what is wrong and where. Once per page: a second call
 * returns the first call's promise, and its configuration is not read (the console warns when
 * it differs from the first). */
export declare function start(config: object | string, options?: StartOptions): Promise<MingshiApi>;
export declare const api: MingshiApi;
export default api;

declare global {
  interface Window { Mingshi?: MingshiApi; }
}
