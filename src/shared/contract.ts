/**
 * The one contract between the renderer and the host. Every host method and every host→renderer event is
 * named here once, with a runtime schema for its arguments and a type for its result. Main, preload, the web
 * host and the renderer all import this file; adding a method is one entry here plus one handler.
 */
import { z } from 'zod';
import { COLOUR_FORMS, parseColour } from './colour.ts';
import type { FloatingOptions, WindowEventType, WindowProps } from './window-types.ts';
import type {
  AuthenticatedResponse,
  AuthState,
  DeviceAuthorization,
  ProvidersOverview,
  UserProfile,
  VaultInfo,
} from './auth-types.ts';
import type { EventName, MethodName } from './contract-names.ts';
import type { Result } from './errors.ts';
import { FLET_ITERATIONS, type DecryptDetails } from './flet-encryption.ts';
import { POPUP_SIZE, type WindowCapabilities, type WindowState } from './window-types.ts';
import type { JsonValue } from './json.ts';
import type { UpdateState } from './update-types.ts';
import type { AppPolicy } from './app-policy.ts';
import { LIMITS } from './limits.ts';
import { ACCOUNT_ID_PATTERN } from './account-ids.ts';
import { authorizationParamsSchema } from './authorization-params.ts';
import { JsonValueSchema, StorageKey, Url } from './schemas.ts';

export interface MethodSpec<A extends z.ZodType<readonly unknown[]>, R> {
  args: A;
  /** Phantom: carries the result type only. */
  result?: R;
}

/** `method<Result>()(argsSchema)`: curried so the result type can be named while the schema is inferred. */
const method =
  <R>() =>
  <A extends z.ZodType<readonly unknown[]>>(args: A): MethodSpec<A, R> => ({ args });

const none = z.tuple([]);

export interface AppInfo {
  name: string;
  version: string;
  transport: 'electron' | 'web';
  platform: string;
  /** What the page may have from the host (src/shared/app-policy.ts; README "App policy"). */
  policy: AppPolicy;
}

/** What the renderer may read of the app's settings. */
export interface AppSettingsInfo {
  /** The area shown when the app was last used, or null. */
  lastArea: string | null;
}

/** What client storage found wrong in its files at start-up, counted; every count is 0 when nothing was. */
export interface StorageDamage {
  /** Journal lines whose checksum, sequence number or form did not hold: skipped. */
  corruptLines: number;
  /** Sequence numbers missing between journal lines (lines lost from the middle). */
  missingLines: number;
  /** Bytes after the journal's last newline that are not a whole line (a torn write or a truncation): dropped. */
  tornBytes: number;
  /** A last line that had lost its final newline but whose checksum held: kept. */
  repairedLines: number;
  /** Entries over the key or value limit (LIMITS.maxKeyLength, LIMITS.maxValueBytes): skipped. */
  overLimitEntries: number;
  /** Entries that would have taken the store past its quota (LIMITS.maxClientStorageBytes): skipped. */
  overQuotaEntries: number;
}

/** A damaged store file that was moved aside at start-up instead of being lost or crashing the app. */
export interface StorageRecovery {
  file: string;
  movedTo: string;
  reason: string;
  at: string;
  /** What was found in that file, counted (absent for a snapshot that could not be read at all). */
  damage?: StorageDamage;
}

/** A change to client storage, as the store reports it and the event carries it. */
export interface StorageChange {
  /** Keys set or removed; empty with `cleared`. */
  keys: string[];
  cleared: boolean;
}

export interface ClientStorageStatus {
  /** Where the store lives (the snapshot; the journal is beside it with `.journal`). */
  file: string | null;
  keys: number;
  recovered: StorageRecovery[];
  /** What was found wrong at start-up, summed over `recovered` (all 0 when nothing was). */
  damage: StorageDamage;
  /** UTF-8 bytes of every key and value's JSON text, counted against `quotaBytes`. */
  usedBytes: number;
  /** The store's total quota (LIMITS.maxClientStorageBytes). */
  quotaBytes: number;
  /** Why the store is unavailable, when it is (for example another process owns the data directory). */
  error: string | null;
}

const ProviderId = z.string({ error: 'a provider id must be a string' }).min(1).max(40);
const AccountId = z
  .string({ error: 'an account id must be a string' })
  .regex(ACCOUNT_ID_PATTERN, { error: 'not an account id (auth.providers lists them)' });
const Scopes = z
  .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, { error: 'not a scope token' }))
  .max(50);
const ResultPageHtml = z.string().max(64 * 1024, { error: 'a result page is at most 64 KiB' });
const SignInOptionsSchema = z
  .object({
    fetchUser: z.boolean().optional(),
    fetchGroups: z.boolean().optional(),
    scopes: Scopes.optional(),
    rememberMe: z.boolean().optional(),
    accountId: AccountId.optional(),
    addAccount: z.boolean().optional(),
    openBrowser: z.boolean().optional(),
    completePageHtml: ResultPageHtml.optional(),
    errorPageHtml: ResultPageHtml.optional(),
    authorizationParams: authorizationParamsSchema().optional(),
  })
  .strict()
  .optional();
/** Which account a call is about (default: the provider's active one). */
const AccountOptionsSchema = z.object({ accountId: AccountId.optional() }).strict().optional();
const TokenOptionsSchema = z
  .object({ accountId: AccountId.optional(), scopes: Scopes.optional() })
  .strict()
  .optional();
const AuthRequestSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z
      .string()
      .max(LIMITS.maxRequestBytes / 2)
      .optional(),
  })
  .strict();
const Int = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number` })
    .min(min)
    .max(max);
const BoundsSchema = z
  .object({
    left: Int(-100_000, 100_000, 'left').optional(),
    top: Int(-100_000, 100_000, 'top').optional(),
    width: Int(50, 20_000, 'width').optional(),
    height: Int(50, 20_000, 'height').optional(),
  })
  .strict();
/** Flet's colour forms, parsed once (src/shared/colour.ts): the handler gets red, green, blue and alpha. */
const ColourSchema = z
  .string({ error: `must be ${COLOUR_FORMS}` })
  .max(64, { error: `must be ${COLOUR_FORMS}` })
  .transform((text, ctx) => {
    const parsed = parseColour(text);
    if (parsed.ok) return parsed.colour;
    ctx.addIssue({ code: 'custom', message: parsed.problem });
    return z.NEVER;
  });
const Fraction = (what: string) =>
  z
    .number({ error: `${what} must be a number from 0 to 1` })
    .min(0, { error: `${what} must be from 0 to 1` })
    .max(1, { error: `${what} must be from 0 to 1` });
const Flag = (what: string) => z.boolean({ error: `${what} must be true or false` }).optional();
/** A size limit in pixels, or null for none. */
const SizeLimit = (what: string) => Int(1, 20_000, what).nullable().optional();
const WindowPropsSchema = z
  .strictObject({
    opacity: Fraction('opacity').optional(),
    minWidth: SizeLimit('minWidth'),
    minHeight: SizeLimit('minHeight'),
    maxWidth: SizeLimit('maxWidth'),
    maxHeight: SizeLimit('maxHeight'),
    resizable: Flag('resizable'),
    fullScreen: Flag('fullScreen'),
    preventClose: Flag('preventClose'),
    skipTaskBar: Flag('skipTaskBar'),
    progressBar: Fraction('progressBar').nullable().optional(),
    frameless: Flag('frameless'),
    titleBarHidden: Flag('titleBarHidden'),
    transparent: Flag('transparent'),
  })
  .refine((p) => !(p.minWidth && p.maxWidth && p.minWidth > p.maxWidth), {
    error: 'minWidth must not be more than maxWidth',
    path: ['minWidth'],
  })
  .refine((p) => !(p.minHeight && p.maxHeight && p.minHeight > p.maxHeight), {
    error: 'minHeight must not be more than maxHeight',
    path: ['minHeight'],
  }) satisfies z.ZodType<WindowProps, WindowProps>;
const FloatingSchema = BoundsSchema.extend({
  area: z
    .string()
    .regex(/^[a-z-]{1,32}$/, { error: 'an area id is 1–32 of a-z and -' })
    .optional(),
}) satisfies z.ZodType<FloatingOptions, FloatingOptions>;
const OpenUrlSchema = z
  .object({
    target: z
      .string()
      .regex(/^(_blank|_self|[A-Za-z0-9_-]{1,64})$/, {
        error: 'target must be _blank, _self or a window name',
      })
      .optional(),
    popup: z.boolean().optional(),
    width: Int(POPUP_SIZE.width.min, POPUP_SIZE.width.max, 'width').optional(),
    height: Int(POPUP_SIZE.height.min, POPUP_SIZE.height.max, 'height').optional(),
  })
  .strict()
  .optional();
const Prefix = z.string().max(LIMITS.maxKeyLength).optional();
const Passphrase = z.string({ error: 'the passphrase must be a string' });
const CryptoText = z.string({ error: 'the text must be a string' });
const ITERATIONS_ERROR = `iterations must be ${FLET_ITERATIONS.current} (Flet 0.27.5 and later) or ${FLET_ITERATIONS.legacy} (Flet 0.1.60 – 0.27.4)`;
const Iterations = z.union([z.literal(FLET_ITERATIONS.current), z.literal(FLET_ITERATIONS.legacy)], {
  error: ITERATIONS_ERROR,
});
const EncryptOptionsSchema = z.strictObject({ iterations: Iterations.optional() }).optional();
const DecryptOptionsSchema = z
  .strictObject({
    iterations: z
      .union([Iterations, z.literal('auto')], { error: `${ITERATIONS_ERROR}, or 'auto'` })
      .optional(),
  })
  .optional();

export const methods = {
  'app.info': method<AppInfo>()(none),
  // Small settings kept across launches (electron-store in the desktop app, conf in web mode).
  'app.settings': method<AppSettingsInfo>()(none),
  'app.setLastArea': method<void>()(
    z.tuple([z.string().regex(/^[a-z-]{1,32}$/, { error: 'an area id is 1–32 of a-z and -' })]),
  ),
  // The desktop app's log folder in the file manager (web mode logs to stderr: unsupported).
  'app.openLogsFolder': method<void>()(none),
  /** The page saw the network come back (its `online` event): sessions look at their expiry again. */
  'app.networkOnline': method<void>()(none),
  // Updates (the installed desktop app only; elsewhere the state says unsupported).
  'update.state': method<UpdateState>()(none),
  'update.check': method<UpdateState>()(none),
  // Quits and installs a downloaded update: false when none is ready.
  'update.install': method<boolean>()(none),

  // Session storage (Flet's page.session): one store per window / page load, gone when it closes.
  'session.set': method<void>()(z.tuple([StorageKey, JsonValueSchema])),
  'session.get': method<JsonValue | null>()(z.tuple([StorageKey])),
  'session.containsKey': method<boolean>()(z.tuple([StorageKey])),
  'session.remove': method<boolean>()(z.tuple([StorageKey])),
  'session.getKeys': method<string[]>()(none),
  'session.entries': method<Array<[string, JsonValue]>>()(none),
  'session.clear': method<void>()(none),

  // Client storage (Flet's page.client_storage): persistent, shared by all windows, durable when a call resolves.
  'clientStorage.set': method<void>()(z.tuple([StorageKey, JsonValueSchema])),
  'clientStorage.setMany': method<void>()(
    z.tuple([
      z
        .array(z.tuple([StorageKey, JsonValueSchema]))
        .max(LIMITS.maxBatchEntries, { error: `at most ${LIMITS.maxBatchEntries} entries per call` }),
    ]),
  ),
  'clientStorage.get': method<JsonValue | null>()(z.tuple([StorageKey])),
  'clientStorage.containsKey': method<boolean>()(z.tuple([StorageKey])),
  'clientStorage.remove': method<boolean>()(z.tuple([StorageKey])),
  'clientStorage.getKeys': method<string[]>()(z.tuple([Prefix])),
  'clientStorage.entries': method<Array<[string, JsonValue]>>()(z.tuple([Prefix])),
  'clientStorage.clear': method<void>()(none),
  'clientStorage.status': method<ClientStorageStatus>()(none),

  // Sign-in (OAuth 2.0 / OpenID Connect). Tokens stay in the host; only auth.getAccessToken hands one out.
  'auth.providers': method<ProvidersOverview>()(none),
  'auth.signIn': method<{ authorizationUrl: string; openedByHost: boolean }>()(
    z.tuple([ProviderId, SignInOptionsSchema]),
  ),
  'auth.signInWithDevice': method<DeviceAuthorization>()(z.tuple([ProviderId, SignInOptionsSchema])),
  'auth.cancel': method<boolean>()(z.tuple([ProviderId])),
  /** Completes a pending browser sign-in with the address pasted from the browser (refused unless it is that sign-in's). */
  'auth.completeWithAddress': method<{ accepted: true }>()(
    z.tuple([ProviderId, z.string().min(1).max(8192)]),
  ),
  'auth.refresh': method<AuthState>()(z.tuple([ProviderId, AccountOptionsSchema])),
  'auth.signOut': method<{ endSessionUrl: string | null }>()(z.tuple([ProviderId, AccountOptionsSchema])),
  'auth.getAccessToken': method<{ accessToken: string; tokenType: string; expiresAt: number | null }>()(
    z.tuple([ProviderId, TokenOptionsSchema]),
  ),
  'auth.request': method<AuthenticatedResponse>()(
    z.tuple([ProviderId, AuthRequestSchema, AccountOptionsSchema]),
  ),
  /** Which of a provider's accounts calls without an `accountId` use (remembered for the next launch). */
  'auth.setActiveAccount': method<void>()(z.tuple([ProviderId, AccountId])),
  // Remembered sign-ins (the token vault).
  'auth.vault': method<VaultInfo>()(none),
  'auth.forgetAll': method<void>()(none),
  'auth.setAllowWeakProtection': method<VaultInfo>()(
    z.tuple([z.boolean({ error: 'must be true or false' })]),
  ),
  // Flet's token JSON, for apps moving from Flet's saved_token. Export hands the token out on purpose.
  'auth.exportToken': method<string>()(z.tuple([ProviderId, AccountOptionsSchema])),
  'auth.importToken': method<AuthState>()(
    z.tuple([ProviderId, z.string().max(64 * 1024), SignInOptionsSchema]),
  ),

  // Window controls (Flet's window options). In a browser most are unsupported: see window.capabilities.
  'window.capabilities': method<WindowCapabilities>()(none),
  'window.getState': method<WindowState>()(none),
  'window.toFront': method<void>()(none),
  'window.minimize': method<void>()(none),
  'window.toggleMaximize': method<WindowState>()(none),
  'window.close': method<void>()(none),
  'window.setBounds': method<WindowState>()(z.tuple([BoundsSchema])),
  'window.setAlwaysOnTop': method<WindowState>()(z.tuple([z.boolean({ error: 'must be true or false' })])),
  // Flet's colours: #rrggbb, #aarrggbb (alpha first, as Flet and Electron read 8 digits), a CSS name, transparent.
  'window.setBackgroundColor': method<WindowState>()(z.tuple([ColourSchema])),
  // Flet's page.window properties; only those given change (see WindowProps).
  'window.update': method<WindowState>()(z.tuple([WindowPropsSchema])),
  'window.center': method<WindowState>()(none),
  // Closes the window at once, even with preventClose and without asking the page (Flet's window.destroy()).
  'window.destroy': method<void>()(none),
  'window.openFloating': method<void>()(z.tuple([FloatingSchema.optional()])),
  'window.closeFloating': method<void>()(none),
  'clipboard.read': method<string>()(none),
  'clipboard.write': method<void>()(
    z.tuple([z.string({ error: 'the text must be a string' }).max(LIMITS.maxValueBytes)]),
  ),
  // Flet's launch_url: http, https, mailto (subject/body/cc/bcc only), tel, sms (body only) and the schemes
  // in APP_POLICY.linkSchemes; at most OPEN_RATE opens a minute per window (README "Links").
  'link.open': method<{ openedIn: 'browser' | 'popup' }>()(z.tuple([Url, OpenUrlSchema])),
  // Flet's can_launch_url: link.open would take it and (desktop) the OS has a program for it.
  'link.canOpen': method<boolean>()(z.tuple([Url])),
  'link.closeInAppWebView': method<boolean>()(none),

  // Passphrase encryption, byte-compatible with Flet's flet.security. The passphrase is never stored or logged.
  // `iterations`: 600000 (default; Flet 0.27.5 and later) or 100000 (Flet 0.1.60 – 0.27.4); decrypt also 'auto'.
  'crypto.encrypt': method<string>()(z.tuple([CryptoText, Passphrase, EncryptOptionsSchema])),
  'crypto.decrypt': method<string>()(z.tuple([CryptoText, Passphrase, DecryptOptionsSchema])),
  // The same decryption, saying which iteration count (and so which Flet versions) it matched.
  'crypto.decryptDetailed': method<DecryptDetails>()(z.tuple([CryptoText, Passphrase, DecryptOptionsSchema])),
} as const;

export type Methods = typeof methods;
export type { MethodName };
export type MethodArgs<K extends MethodName> = z.input<Methods[K]['args']>;
export type ParsedArgs<K extends MethodName> = z.output<Methods[K]['args']>;
export type MethodResult<K extends MethodName> = Exclude<Methods[K]['result'], undefined>;

/*
 * The names file and the schemas cannot drift apart: contract-names.ts must list exactly the methods above
 * (and the events below). When it does not, tsc names each difference and where it goes, e.g.
 *   Type 'MissingFromContractNames<"area.verb">' does not satisfy the constraint 'true'.
 * Types only: nothing of this reaches the bundles.
 */
/** In contract.ts but not in contract-names.ts: add `Name` to METHOD_NAMES (or EVENT_NAMES) there. */
interface MissingFromContractNames<Name extends string> {
  addToContractNames: Name;
}
/** In contract-names.ts but not in contract.ts: give `Name` a schema here, or remove it there. */
interface MissingFromContract<Name extends string> {
  addToContractOrRemoveFromNames: Name;
}
type InStep<Here extends string, Named extends string> = [Exclude<Here, Named>] extends [never]
  ? [Exclude<Named, Here>] extends [never]
    ? true
    : MissingFromContract<Exclude<Named, Here>>
  : MissingFromContractNames<Exclude<Here, Named>>;
type AssertInStep<T extends true> = T;
type _MethodNamesInStep = AssertInStep<InStep<keyof Methods, MethodName>>;

/** Host → renderer events and their payloads. */
export interface Events {
  /** The host is shutting down or the web connection was replaced. */
  'host.closing': { reason: string };
  /** Events may have been lost (web mode dropped a stream that read too slowly): read everything again. */
  'host.resync': Record<string, never>;
  /** Client storage changed (from any window). */
  'clientStorage.changed': StorageChange;
  /** Flet's on_login, success. */
  'auth.signedIn': { providerId: string; accountId: string; user: UserProfile | null };
  /** Flet's on_login with an error: `error` is an OAuth error code (access_denied, invalid_grant, …) or a host code. */
  'auth.signInFailed': { providerId: string; error: string; errorDescription: string };
  /** Flet's on_logout; `reason` is set when the host ended the session (e.g. invalid_grant). */
  'auth.signedOut': { providerId: string; accountId: string; reason?: string };
  /** A provider's state changed (pending, refreshed, …): read it again with auth.providers. */
  'auth.changed': { providerId: string; accountId?: string };
  /** The host asks the window to come to the front (after a sign-in). */
  'window.bringToFront': Record<string, never>;
  /** This window's state changed (focus, maximise, minimise, move, resize). */
  'window.state': WindowState;
  /** Flet's window `on_event`: what happened to this window, by Flet's name. */
  'window.event': { type: WindowEventType };
  /** The user asked to close this window while preventClose is on: the app calls window.close() or window.destroy(). */
  'window.closeRequested': Record<string, never>;
  /** The update state changed (checking, progress, ready, error). */
  'update.changed': UpdateState;
  /** Show this area (a deep link, the About menu item); an unknown id is ignored. */
  'app.showArea': { area: string };
}
export type { EventName };
type _EventNamesInStep = AssertInStep<InStep<keyof Events, EventName>>;

/** The typed API the renderer sees, whichever transport carries it. */
export type HostApi = {
  [K in MethodName]: (...args: MethodArgs<K>) => Promise<MethodResult<K>>;
};

/** What a transport exposes: every method answers a Result, never throws across the boundary. */
export interface HostTransport {
  call(name: MethodName, args: readonly unknown[]): Promise<Result<unknown>>;
  on<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void;
}
