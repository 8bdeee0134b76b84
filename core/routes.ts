/**
 * The route table: every HTTP endpoint of the API, listed once.
 *
 * Read by `stacks/Api.ts` (one Lambda per row), by the local API gateway in `dev/` and by the handler
 * factory (which takes the caller's required auth level from here, keyed by API Gateway's `routeKey`).
 * Adding an endpoint = one handler file under `functions/` + one row here.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Who may call a route: anyone, any signed-in active user, or an admin. */
export type AuthLevel = "public" | "user" | "admin";

/**
 * What a route's function touches, beyond the caller lookup that every `user`/`admin` route gets.
 * The stack turns each into the narrowest IAM grant and binding; nothing is granted that is not listed.
 */
export type Resource =
  | "table:read" // GetItem/Query/BatchGet on the Main table
  | "table:write" // plus PutItem/UpdateItem/DeleteItem/TransactWrite
  | "bucket:read" // GetObject (presigned GETs)
  | "bucket:write" // PutObject/DeleteObject (presigned POSTs, cleanup)
  | "jwt:sign"; // the ES256 private key (only the functions that issue tokens)

export interface Route {
  method: HttpMethod;
  /** API Gateway path syntax: `/api/users/{id}`. */
  path: string;
  /** Handler file under `functions/`, without extension; it exports `handler`. */
  handler: string;
  auth: AuthLevel;
  uses: readonly Resource[];
  /** One line for humans and for the OpenAPI document. */
  summary: string;
}

export const routes = [
  { method: "GET", path: "/api/health", handler: "health/get", auth: "public", uses: ["table:read"], summary: "Liveness: answers once the API can reach its table" },
  { method: "GET", path: "/.well-known/jwks.json", handler: "auth/jwks", auth: "public", uses: [], summary: "The public keys that verify access tokens (JWKS)" },

  { method: "POST", path: "/api/auth/login", handler: "auth/login", auth: "public", uses: ["table:write", "jwt:sign"], summary: "Exchange email and password for an access and a refresh token" },
  { method: "POST", path: "/api/auth/refresh", handler: "auth/refresh", auth: "public", uses: ["table:write", "jwt:sign"], summary: "Exchange a refresh token for a new pair (the old one is spent)" },
  { method: "POST", path: "/api/auth/logout", handler: "auth/logout", auth: "public", uses: ["table:write"], summary: "Revoke a refresh token and every token rotated from it" },
  { method: "GET", path: "/api/auth/me", handler: "auth/get-me", auth: "user", uses: [], summary: "The signed-in user's profile" },
  { method: "PUT", path: "/api/auth/me", handler: "auth/update-me", auth: "user", uses: ["table:write"], summary: "Update the signed-in user's profile" },
  { method: "PUT", path: "/api/auth/change-password", handler: "auth/change-password", auth: "user", uses: ["table:write"], summary: "Change the password; earlier access tokens stop working" },

  { method: "POST", path: "/api/users", handler: "users/create", auth: "admin", uses: ["table:write"], summary: "Create a user (only an admin creates admins)" },
] as const satisfies readonly Route[];

/** API Gateway's `routeKey` for a route: `"GET /api/users/{id}"`. */
export function routeKey(route: Pick<Route, "method" | "path">): string {
  return `${route.method} ${route.path}`;
}

const byRouteKey = new Map<string, Route>(routes.map((route) => [routeKey(route), route]));

export function findRoute(key: string): Route | undefined {
  return byRouteKey.get(key);
}
