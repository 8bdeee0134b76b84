/**
 * The console's client of the DulceVicio API: openapi-fetch over the types generated from the OpenAPI document
 * (api-schema.d.ts), plus where the API is, who is signed in, and problem+json errors told in words for a person.
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./api-schema";
import type { Problem, TokenPair } from "./types";

const API_BASE_KEY = "dulcevicio.console.api";
const SESSION_KEY = "dulcevicio.console.session";

/** The API: this page's origin (`npm run dev`), or a deployed stage's URL saved on the sign-in screen. */
export function apiBase(): string {
  return localStorage.getItem(API_BASE_KEY) ?? location.origin;
}

export function setApiBase(url: string): void {
  const base = url.trim().replace(/\/+$/, "");
  if (base === "" || base === location.origin) localStorage.removeItem(API_BASE_KEY);
  else localStorage.setItem(API_BASE_KEY, base);
}

export type ApiClient = Client<paths>;
let clientFor: { base: string; client: ApiClient } | undefined;

/** The typed client for the API as now configured (a new one when the sign-in screen changed the URL). */
function client(): ApiClient {
  const base = apiBase();
  if (clientFor?.base !== base) clientFor = { base, client: createClient<paths>({ baseUrl: base }) };
  return clientFor.client;
}

/** The server's problem, or a failure to reach it at all (status 0, `problem` undefined). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** How the fields the API names (`body.whatsapp_group_url`) are called on screen. */
const FIELD_NAMES: Record<string, string> = {
  content_type: "the file's type",
  filename: "the file's name",
  full_name: "the name",
  whatsapp_group_url: "the WhatsApp link",
  difficulty_level: "the difficulty",
  estimated_duration_minutes: "the duration",
  expires_at: "the end date",
  start_date: "the start date",
  end_date: "the end date",
  recipe_text: "the recipe text",
  avatar_url: "the avatar link",
  user_id: "the user",
  course_id: "the course",
  is_active: "active",
  content: "the comment",
  q: "the search",
};

/** "body.whatsapp_group_url" -> "the WhatsApp link"; a field not listed reads as its name ("the title"). */
function fieldName(path: string): string {
  const field = path.split(".").at(-1) ?? path;
  return FIELD_NAMES[field] ?? `the ${field.replace(/_/g, " ")}`;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const sentence = (text: string) => capitalized(/[.!?]$/.test(text) ? text : `${text}.`);

/**
 * What a person reads. A refused field becomes a sentence about that field ("The title must not be empty."), not the
 * API's account of its request; other problems are the server's `detail`, which is written for people already.
 */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.problem?.errors ?? [];
    // Most messages are a predicate ("must not be empty"); a few name their subject already ("a file of type text/plain
    // is not accepted here"), and are read as they are.
    if (fields.length > 0) return fields.map((field) => sentence(/^an? file\b/.test(field.message) ? field.message : `${fieldName(field.path)} ${field.message}`)).join(" ");
    if (error.status >= 500) return "The server could not do that just now. Try again in a moment.";
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

// Tokens live in sessionStorage: they die with the tab, and a refresh token is not left behind on a shared computer.
export function session(): TokenPair | undefined {
  const saved = sessionStorage.getItem(SESSION_KEY);
  return saved ? (JSON.parse(saved) as TokenPair) : undefined;
}

function saveSession(pair: TokenPair | undefined): void {
  if (pair) sessionStorage.setItem(SESSION_KEY, JSON.stringify(pair));
  else sessionStorage.removeItem(SESSION_KEY);
}

const signedOutListeners: Array<(reason: string | undefined) => void> = [];

/** Called when the session ends: by signing out, or when the API no longer accepts it (`reason` says why). */
export function onSignedOut(listener: (reason: string | undefined) => void): void {
  signedOutListeners.push(listener);
}

function endSession(reason: string | undefined): void {
  saveSession(undefined);
  for (const listener of signedOutListeners) listener(reason);
}

/** What openapi-fetch answers: `data` on success, `error` (the parsed problem) otherwise. */
interface Sent {
  data?: unknown;
  error?: unknown;
  response: Response;
}
/** The success branch's data of an openapi-fetch answer. */
type DataOf<R> = R extends { data: infer D } ? D : never;

/** Sends once; a network failure or an answer that is not 2xx becomes an ApiError. */
async function sendOnce<R extends Sent>(send: () => Promise<R>): Promise<DataOf<R>> {
  let result: R;
  try {
    result = await send();
  } catch {
    // The browser tells scripts nothing more: a wrong URL, a server that is down and a CORS refusal look the same.
    throw new ApiError(0, undefined, `Could not reach the API at ${apiBase()}. Check the API address, and that this page's origin is in the API's ALLOWED_ORIGINS.`);
  }
  const { response } = result;
  if (response.ok) return result.data as DataOf<R>;
  const problem = isProblem(result.error) ? result.error : undefined;
  throw new ApiError(response.status, problem, problem?.detail ?? `The API answered ${response.status} ${response.statusText}.`);
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && typeof (value as Problem).detail === "string";
}

export async function signIn(email: string, password: string): Promise<TokenPair> {
  const pair = await sendOnce(() => client().POST("/api/auth/login", { body: { email, password } }));
  if (pair.user.role !== "ADMIN") throw new Error("This console is for admins; this account is a student's.");
  saveSession(pair);
  return pair;
}

export async function signOut(): Promise<void> {
  const current = session();
  endSession(undefined);
  // Ends the session on the server too; the console is signed out whatever the answer.
  if (current) await sendOnce(() => client().POST("/api/auth/logout", { body: { refresh_token: current.refresh_token } })).catch(() => {});
}

/** The bearer header of a signed-in call (a plain record, as openapi-fetch's `headers` takes). */
export type Auth = Record<string, string>;

/**
 * A signed-in call through the typed client: `api((c, headers) => c.GET("/api/users", { headers }))`. On 401 the
 * access token is refreshed once (it lives 15 minutes) and the call sent again (`send` builds it anew, body included).
 */
export async function api<R extends Sent>(send: (client: ApiClient, headers: Auth) => Promise<R>): Promise<DataOf<R>> {
  const current = session();
  if (!current) throw new ApiError(401, undefined, "You are signed out.");
  const attempt = (token: string) => sendOnce(() => send(client(), { authorization: `Bearer ${token}` }));
  try {
    return await attempt(current.access_token);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
    const latest = session();
    if (!latest) throw error;
    // Another call may have refreshed while this one was under way: its new pair is the one to use.
    const renewed = latest.access_token === current.access_token ? await refreshOnce(latest.refresh_token) : latest;
    return attempt(renewed.access_token);
  }
}

/** The presigned-POST endpoints, which upload.ts calls with the path it is handed. */
const PRESIGN_PATH = /^\/api\/(recipes|lessons|courses)\/([^/]+)\/(upload-image|upload-video|upload-thumbnail)$/;
type PresignPath = "/api/recipes/{id}/upload-image" | "/api/lessons/{id}/upload-video" | "/api/courses/{id}/upload-thumbnail";
type PresignBody = paths[PresignPath]["post"]["requestBody"]["content"]["application/json"];

/**
 * upload.ts's one call: a presign request for a path with its id filled in (`/api/recipes/01H…/upload-image`).
 * The declared type is the browser's guess from the file (any string): the API is the one that judges it.
 */
export async function request<T>(method: "POST", path: string, body: { content_type: string; filename?: string }): Promise<T> {
  const match = PRESIGN_PATH.exec(path);
  if (method !== "POST" || !match) throw new Error(`Not a presign endpoint: ${method} ${path}`);
  const template = `/api/${match[1]}/{id}/${match[3]}` as PresignPath;
  const data = await api((c, headers) => c.POST(template, { headers, params: { path: { id: decodeURIComponent(match[2]!) } }, body: body as PresignBody }));
  return data as T;
}

let refreshing: Promise<TokenPair> | undefined;

/**
 * Concurrent calls that all meet a 401 share one refresh: a refresh token works once, and presenting a spent one
 * revokes the whole session.
 */
function refreshOnce(refreshToken: string): Promise<TokenPair> {
  refreshing ??= sendOnce(() => client().POST("/api/auth/refresh", { body: { refresh_token: refreshToken } }))
    .then((pair) => {
      saveSession(pair);
      return pair;
    })
    .catch((error: unknown) => {
      // Refused by the API (expired, revoked): sign in again. A network failure keeps the session for a retry.
      if (error instanceof ApiError && error.status !== 0) endSession("Your session has ended; sign in again.");
      throw error;
    })
    .finally(() => {
      refreshing = undefined;
    });
  return refreshing;
}
