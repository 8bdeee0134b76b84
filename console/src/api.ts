/**
 * The console's client of the DulceVicio API: where it is, who is signed in, JSON in and out, problem+json errors.
 */
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

/** The server's problem, or a failure to reach it at all (`problem` undefined). */
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

/** What a person reads: the server's `detail`, then its field errors when it gave some. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError && error.problem) {
    const fields = (error.problem.errors ?? []).map((field) => `${field.path} ${field.message}`);
    return fields.length > 0 ? `${error.problem.detail} (${fields.join("; ")})` : error.problem.detail;
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

export async function signIn(email: string, password: string): Promise<TokenPair> {
  const pair = await call<TokenPair>("POST", "/api/auth/login", { email, password }, undefined);
  if (pair.user.role !== "ADMIN") throw new Error("This console is for admins; this account is a student's.");
  saveSession(pair);
  return pair;
}

export async function signOut(): Promise<void> {
  const current = session();
  endSession(undefined);
  // Ends the session on the server too; the console is signed out whatever the answer.
  if (current) await call("POST", "/api/auth/logout", { refresh_token: current.refresh_token }, undefined).catch(() => {});
}

/** A signed-in call. On 401 the access token is refreshed once (it lives 15 minutes) and the call repeated. */
export async function request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const current = session();
  if (!current) throw new ApiError(401, undefined, "You are signed out.");
  try {
    return await call<T>(method, path, body, current.access_token);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
    const latest = session();
    if (!latest) throw error;
    // Another call may have refreshed while this one was under way: its new pair is the one to use.
    const renewed = latest.access_token === current.access_token ? await refreshOnce(latest.refresh_token) : latest;
    return call<T>(method, path, body, renewed.access_token);
  }
}

let refreshing: Promise<TokenPair> | undefined;

/**
 * Concurrent calls that all meet a 401 share one refresh: a refresh token works once, and presenting a spent one
 * revokes the whole session.
 */
function refreshOnce(refreshToken: string): Promise<TokenPair> {
  refreshing ??= call<TokenPair>("POST", "/api/auth/refresh", { refresh_token: refreshToken }, undefined)
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

async function call<T>(method: string, path: string, body: unknown, token: string | undefined): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(`${apiBase()}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    // The browser tells scripts nothing more: a wrong URL, a server that is down and a CORS refusal look the same.
    throw new ApiError(0, undefined, `Could not reach the API at ${apiBase()} (is the URL right, and is this page's origin in its ALLOWED_ORIGINS?).`);
  }
  if (response.status === 204) return undefined as T;
  const isJson = /json/.test(response.headers.get("content-type") ?? "");
  const payload: unknown = isJson ? await response.json() : await response.text();
  if (response.ok) return payload as T;
  const problem = isJson && typeof payload === "object" && payload !== null && "detail" in payload ? (payload as Problem) : undefined;
  throw new ApiError(response.status, problem, problem?.detail ?? `The API answered ${response.status} ${response.statusText}.`);
}
