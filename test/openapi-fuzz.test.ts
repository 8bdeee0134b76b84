/**
 * A seeded, property-based fuzz of the whole contract: requests generated from the OpenAPI document the API serves
 * (test/support/schema-values.ts turns its JSON Schemas into fast-check arbitraries), sent to every operation over
 * HTTP, on real DynamoDB Local and S3, and held to what the document says:
 *
 * - no 5xx, ever, and no status the operation does not document;
 * - every 2xx body validates against its documented schema (Ajv, JSON Schema 2020-12), with its documented headers;
 * - every problem is `application/problem+json` with the documented shape, and its `status` is the response's;
 * - a request the document calls valid is accepted: a 2xx, or a documented 4xx that one of the stated rules in
 *   `EXPLANATIONS` accounts for (an id that does not exist, the access rule, a taken email, a stale ETag…), each
 *   checked against what the fuzz itself has seen of the data;
 * - a request the document calls invalid (one field, parameter or header broken) is a 400 naming what is broken.
 *
 * The data is tracked from the answers themselves (`World`), so "this id does not exist" or "this student has no
 * access" is a fact the fuzz knows, not a guess. Same seed, same requests.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import fc from "fast-check";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../core/openapi/document";
import { EMAIL_TOPICS } from "../core/notifications/kinds";
import { tokenFor } from "../core/notifications/unsubscribe";
import { findRoute } from "../core/routes";
import { useTestApi, type ApiResponse } from "./support/api";
import { SchemaValues, type Json } from "./support/schema-values";
import { workers } from "./support/runtime";
import { givenUser, signIn } from "./support/users";

const api = useTestApi();

const SEED = 19_10_2026;
/** core/auth/throttle.ts's limits, per account and per address. */
const THROTTLE = { account: 5, ip: 50 };
const VALID_PER_OPERATION = 36;
const INVALID_PER_OPERATION = 14;
const DICE = 12;

type Role = "admin" | "student" | "keeper";
interface Account {
  id: string;
  email: string;
  password: string;
  token: string;
}

interface Operation {
  key: string;
  method: string;
  path: string;
  spec: Json;
  parameters: Json[];
  bodySchema?: Json;
}

/** A request as generated: values from the document, and dice for the choices only the run can make (which id). */
interface Planned {
  path: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body: unknown;
  dice: number[];
}

interface Sent {
  operation: Operation;
  caller?: Role;
  path: string;
  /** The path's parameters as sent (before encoding). */
  pathValues: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  /** The ids the request names, with the kind of thing each must be. */
  ids: { kind: Kind; id: string }[];
  /** For an invalid request: where the 400 must point. */
  broken?: string;
}

type Kind = "user" | "course" | "lesson" | "recipe" | "comment" | "enrollment" | "membership" | "notification" | "certificate" | "review" | "import" | "path" | "upload";

interface Thing {
  kind: Kind;
  id: string;
  live: boolean;
  courseId?: string;
  userId?: string;
  threadId?: string;
  isActive?: boolean;
  isPreview?: boolean;
  isDeleted?: boolean;
  expiresAt?: string | null;
  startDate?: string;
  endDate?: string;
  /** Lessons (issue 17): a text lesson; a drip release rule (available_at or available_after_days). */
  isText?: boolean;
  dripped?: boolean;
  /** Certificates (issue 17): revoked (by an admin, or replaced by a reissue). */
  revoked?: boolean;
  /** An enrollment import's status. */
  status?: string;
  /** A lesson's video upload (issue 14): its lesson, and whether every part has arrived (so it can be completed). */
  lessonId?: string;
  allPartsSent?: boolean;
  /** A recipe whose source is a photo that is ready (issue 15: what OCR can read again). */
  photoReady?: boolean;
  /** Learning paths (issue 17): the courses it names, in order. */
  courseIds?: string[];
}

interface RefreshToken {
  userId: string;
  family: number;
  spent: boolean;
}

/** What the fuzz knows of the data, learnt from the API's own answers. */
class World {
  readonly things = new Map<string, Thing>();
  readonly emails = new Set<string>();
  readonly usernames = new Set<string>();
  readonly passwords = new Map<string, { email: string; password: string }>();
  readonly refreshTokens = new Map<string, RefreshToken>();
  readonly deadFamilies = new Set<number>();
  readonly deadUsers = new Set<string>();
  readonly cursors = new Map<string, Set<string>>();
  readonly etags = new Map<string, string>();
  /** Failed sign-ins (a wrong password at login or at a password change) by account, and in all from this address. */
  readonly failedSignIns = new Map<string, number>();
  failedFromHere = 0;
  private families = 0;

  constructor(readonly accounts: Record<Role, Account>) {
    for (const account of Object.values(accounts)) this.passwords.set(account.id, { email: account.email, password: account.password });
  }

  live(kind: Kind): Thing[] {
    return [...this.things.values()].filter((thing) => thing.kind === kind && thing.live);
  }

  all(kind: Kind): Thing[] {
    return [...this.things.values()].filter((thing) => thing.kind === kind);
  }

  isLive(kind: Kind, id: string): boolean {
    const thing = this.things.get(id);
    return thing?.kind === kind && thing.live;
  }

  /** Reviews (issue 17): one per user and course, learnt from the answers, gone with a deleted review or course. */
  hasReviewed(userId: string, courseId: string): boolean {
    return this.live("review").some((review) => review.userId === userId && review.courseId === courseId);
  }

  courseOf(id: string): Thing | undefined {
    const thing = this.things.get(id);
    return thing?.kind === "course" ? thing : thing?.courseId ? this.things.get(thing.courseId) : undefined;
  }

  /** The access rule (core/access/access.ts), from the grants the fuzz has seen. */
  studentReaches(courseId: string | undefined): boolean {
    const student = this.accounts.student.id;
    const now = Date.now();
    const grants = [...this.things.values()].filter((thing) => thing.live && thing.userId === student);
    return grants.some(
      (grant) =>
        (grant.kind === "membership" && grant.isActive && Date.parse(grant.startDate!) <= now && now < Date.parse(grant.endDate!)) ||
        (grant.kind === "enrollment" && grant.courseId === courseId && grant.isActive && (grant.expiresAt == null || now < Date.parse(grant.expiresAt))),
    );
  }

  newFamily(): number {
    return ++this.families;
  }

  /** Everything with an id in an answer, by its shape. */
  learn(value: unknown): void {
    if (Array.isArray(value)) return value.forEach((item) => this.learn(item));
    if (typeof value !== "object" || value === null) return;
    const object = value as Json;
    for (const item of Object.values(object)) this.learn(item);
    const kind = kindOf(object);
    if (!kind || typeof object.id !== "string") return;
    const thing: Thing = this.things.get(object.id) ?? { kind, id: object.id, live: true };
    thing.live = true;
    if (typeof object.course_id === "string") thing.courseId = object.course_id;
    if (typeof object.user_id === "string") thing.userId = object.user_id;
    if (typeof object.thread_id === "string") thing.threadId = object.thread_id;
    if (typeof object.is_active === "boolean") thing.isActive = object.is_active;
    if (typeof object.is_preview === "boolean") thing.isPreview = object.is_preview;
    if (typeof object.is_deleted === "boolean") thing.isDeleted = object.is_deleted;
    if ("expires_at" in object) thing.expiresAt = object.expires_at as string | null;
    if (typeof object.start_date === "string") thing.startDate = object.start_date;
    if (typeof object.end_date === "string") thing.endDate = object.end_date;
    if (kind === "lesson" && typeof object.kind === "string") thing.isText = object.kind === "text";
    if (kind === "certificate" && typeof object.status === "string") thing.revoked = object.status === "revoked";
    if (kind === "lesson" && "available_after_days" in object) thing.dripped = object.available_at != null || object.available_after_days != null;
    if (kind === "import" && typeof object.status === "string") thing.status = object.status;
    if (kind === "recipe" && typeof object.source === "string") thing.photoReady = object.source === "image" && object.image_status === "ready";
    if (kind === "path" && Array.isArray(object.course_ids)) thing.courseIds = object.course_ids as string[];
    if (kind === "user") {
      this.emails.add(String(object.email).toLowerCase());
      if (typeof object.username === "string") this.usernames.add(object.username.toLowerCase());
      if (object.is_active === true) this.deadUsers.delete(object.id);
    }
    this.things.set(object.id, thing);
  }

  /** A video upload the API answered a start for (its answer has no `id`: `upload_id`). */
  startedUpload(uploadId: string, lessonId: string): Thing {
    const upload: Thing = { kind: "upload", id: uploadId, live: true, lessonId, courseId: this.things.get(lessonId)?.courseId };
    this.things.set(uploadId, upload);
    return upload;
  }

  /** A 204 DELETE: the thing is gone, and with a course everything in it. */
  removed(kind: Kind, id: string): void {
    const thing = this.things.get(id);
    if (thing?.kind !== kind) return;
    if (kind === "user") return this.deactivated(id);
    thing.live = false;
    thing.isDeleted = true;
    if (kind === "course") for (const child of this.things.values()) if (child.courseId === id) child.live = false;
  }

  deactivated(userId: string): void {
    const user = this.things.get(userId);
    if (user) user.isActive = false;
    this.deadUsers.add(userId);
    for (const token of this.refreshTokens.values()) if (token.userId === userId) this.deadFamilies.add(token.family);
  }
}

function kindOf(object: Json): Kind | undefined {
  if ("dry_run" in object && "status" in object) return "import";
  if ("course_ids" in object && "progress" in object) return "path";
  if ("membership_type" in object) return "membership";
  if ("completed_on" in object && "course_title" in object) return "certificate";
  if ("author_name" in object && "rating" in object) return "review";
  if ("enrolled_at" in object && "granted_by" in object) return "enrollment";
  if ("thread_id" in object) return "comment";
  if ("video_status" in object) return "lesson";
  if ("image_status" in object) return "recipe";
  if ("lessons_count" in object) return "course";
  if ("email" in object && "role" in object) return "user";
  if ("read_at" in object && "link" in object) return "notification";
  return undefined;
}

/** The kind of thing a path's `{id}` names. */
function pathKind(path: string): Kind | undefined {
  if (path.startsWith("/api/enrollments/import/{id}")) return "import";
  const area = /^\/api\/(\w+)\/\{id\}/.exec(path)?.[1];
  const kinds: Record<string, Kind> = { users: "user", courses: "course", lessons: "lesson", recipes: "recipe", comments: "comment", enrollments: "enrollment", memberships: "membership", notifications: "notification", certificates: "certificate", reviews: "review", paths: "path" };
  return area ? kinds[area] : undefined;
}

const ID_FIELDS: Record<string, Kind> = { user_id: "user", course_id: "course" };

// ---------------------------------------------------------------------------------------------------------------

let document: OpenApiDocument;
let values: SchemaValues;
let world: World;
const validators = new Map<string, ValidateFunction>();
let ajv: Ajv2020;

function validatorFor(key: string, schema: Json): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    const relinked = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"#/$defs/')) as Json;
    const defs = JSON.parse(JSON.stringify(document.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/')) as Json;
    validate = ajv.compile({ ...relinked, $defs: defs });
    validators.set(key, validate);
  }
  return validate;
}

function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, spec]) => {
      const raw = spec as unknown as Json;
      const body = raw.requestBody ? values.resolve(raw.requestBody as Json) : undefined;
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        spec: raw,
        parameters: (raw.parameters as Json[] | undefined) ?? [],
        bodySchema: body ? (body.content as Record<string, { schema: Json }>)["application/json"]!.schema : undefined,
      };
    }),
  );
}

/** Writes first (they make the data the rest reads), then reads, sign-ins, and deletions last, children before courses. */
function runOrder(operation: Operation): number {
  if (operation.method === "DELETE") return 10 + ["comments", "recipes", "lessons", "enrollments", "memberships", "users", "courses"].indexOf(operation.path.split("/")[2]!);
  // A password change before the sign-ins: their failures would soon throttle it (core/auth/throttle.ts).
  if (operation.key === "PUT /api/auth/change-password") return 4;
  if (operation.path.startsWith("/api/auth/")) return 5;
  return operation.method === "GET" ? 2 : 1;
}

function plannedArbitrary(operation: Operation): fc.Arbitrary<Planned> {
  const of = (location: string) => operation.parameters.filter((parameter) => parameter.in === location);
  const record = (parameters: Json[], text: "any" | "header") =>
    fc.record(
      Object.fromEntries(parameters.map((parameter) => [parameter.name as string, values.valid(parameter.schema as Json, { text })])),
      { requiredKeys: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name as string) },
    );
  return fc.record({
    path: record(of("path"), "any") as fc.Arbitrary<Record<string, string>>,
    query: record(of("query"), "any"),
    headers: record(of("header"), "header") as fc.Arbitrary<Record<string, string>>,
    body: operation.bodySchema ? values.valid(operation.bodySchema) : fc.constant(undefined),
    dice: fc.array(fc.nat(999), { minLength: DICE, maxLength: DICE }),
  });
}

/** One way to break a valid request, and where the 400 must point. */
interface Breakage {
  where: string;
  apply: (request: Sent) => void;
}

function breakagesOf(operation: Operation): Breakage[] {
  const list: Breakage[] = [];
  for (const parameter of operation.parameters) {
    const name = parameter.name as string;
    const schema = values.resolve(parameter.schema as Json);
    const location = parameter.in as string;
    const where = `${location}.${location === "header" ? name.toLowerCase() : name}`;
    const candidates = values.violations(schema).filter((value) => typeof value === "string" || typeof value === "number");
    if (schema.type === "integer") candidates.push("1e1", " 7", "07", "7.0");
    for (const value of candidates) {
      if (location === "path" && value === "") continue; // an empty segment is another route
      list.push({
        where,
        apply: (request) => {
          // Rebuilt from the template, not found by its value: a value that is empty or repeats elsewhere would land in the wrong place.
          if (location === "path") request.path = request.operation.path.replace(/\{(\w+)\}/g, (_, segment: string) => encodeURIComponent(segment === name ? String(value) : request.pathValues[segment]!));
          else if (location === "query") request.query[name] = String(value);
          else request.headers[name] = String(value);
        },
      });
    }
  }
  list.push({ where: "query.zz_unknown", apply: (request) => (request.query.zz_unknown = "1") });
  const body = operation.bodySchema ? values.resolve(operation.bodySchema) : undefined;
  if (body) {
    const properties = (body.properties ?? {}) as Record<string, Json>;
    for (const [name, property] of Object.entries(properties)) {
      for (const value of values.violations(property)) list.push({ where: `body.${name}`, apply: (request) => ((request.body as Json)[name] = value) });
    }
    for (const name of (body.required ?? []) as string[]) list.push({ where: `body.${name}`, apply: (request) => delete (request.body as Json)[name] });
    list.push({ where: "body.zz_unknown", apply: (request) => ((request.body as Json).zz_unknown = 1) });
    list.push({ where: "body", apply: (request) => (request.body = [request.body]) });
    if (body.minProperties === 1) list.push({ where: "body", apply: (request) => (request.body = {}) });
  }
  return list;
}

/** Turns a planned request into one for this moment of the run: real ids, a caller, and the hints that reach 2xx. */
function resolve(operation: Operation, planned: Planned): Sent {
  const dice = [...planned.dice];
  const roll = () => dice.shift() ?? 0;
  const auth = findRoute(operation.key)!.auth;
  const caller: Role | undefined =
    auth === "public" ? undefined : operation.key === "PUT /api/auth/change-password" ? "keeper" : auth === "admin" ? "admin" : roll() < 500 ? "admin" : "student";
  const callers = new Set(Object.values(world.accounts).map((account) => account.id));
  const ids: Sent["ids"] = [];
  const pick = (kind: Kind, generated: string, usable: (thing: Thing) => boolean = () => true): string => {
    const die = roll();
    const pool = (die < 700 ? world.live(kind) : world.all(kind)).filter(usable);
    const id = die < 750 && pool.length > 0 ? pool[die % pool.length]!.id : generated;
    ids.push({ kind, id });
    return id;
  };

  let path = operation.path;
  const pathValues: Record<string, string> = {};
  // A video upload's `{upload_id}` is picked before its lesson's `{id}`, so that most requests name the pair right.
  const pathParameters = Object.entries(planned.path).sort(([a], [b]) => Number(b === "upload_id") - Number(a === "upload_id"));
  for (const [name, value] of pathParameters) {
    if (name === "upload_id") {
      // Only one upload has every part sent (the seed's): completing is tried on it, everything else on any.
      const upload = pick("upload", value, (thing) => !operation.key.endsWith("/complete") || thing.allPartsSent === true);
      pathValues[name] = upload;
      path = path.replace(`{${name}}`, encodeURIComponent(upload));
      continue;
    }
    const uploadLesson = pathValues.upload_id ? world.things.get(pathValues.upload_id)?.lessonId : undefined;
    if (name === "id" && uploadLesson && roll() < 900) {
      ids.push({ kind: "lesson", id: uploadLesson });
      pathValues[name] = uploadLesson;
      path = path.replace(`{${name}}`, encodeURIComponent(uploadLesson));
      continue;
    }
    // Only `{id}` names a thing; another parameter (a reaction's `{kind}`, issue 17) keeps the document's value.
    const kind = name === "id" ? pathKind(operation.path) : undefined;
    // The callers' own accounts are left alone: deactivating the fuzz's student would end the run's student half.
    const resolved = kind ? pick(kind, value, (thing) => kind !== "user" || !callers.has(thing.id)) : name !== "asset" ? value : roll() < 600 ? ["swagger-ui-bundle.js", "swagger-ui.css"][roll() % 2]! : value;
    pathValues[name] = resolved;
    path = path.replace(`{${name}}`, encodeURIComponent(resolved));
  }
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(planned.query)) {
    query[name] = ID_FIELDS[name] ? pick(ID_FIELDS[name]!, String(value)) : String(value);
  }
  let body = planned.body === undefined ? undefined : structuredClone(planned.body);
  if (body && typeof body === "object") {
    for (const [name, kind] of Object.entries(ID_FIELDS)) if (typeof (body as Json)[name] === "string") (body as Json)[name] = pick(kind, (body as Json)[name] as string);
  }
  const headers = { ...planned.headers };

  // Hints: values the document allows that only the run knows (a real password, a live refresh token, an ETag).
  if ("cursor" in query) {
    const mine = [...(world.cursors.get(`${path} ${caller}`) ?? [])];
    const die = roll();
    if (die < 450 && mine.length > 0) query.cursor = mine[die % mine.length]!;
    else if (die < 700) delete query.cursor;
  }
  if (operation.key === "POST /api/auth/login" && roll() < 600) {
    const known = [...world.passwords.values()];
    body = { ...known[roll() % known.length]! };
  }
  if ((operation.key === "POST /api/auth/refresh" || operation.key === "POST /api/auth/logout") && roll() < 600) {
    const tokens = [...world.refreshTokens.keys()];
    if (tokens.length > 0) body = { refresh_token: tokens[roll() % tokens.length]! };
  }
  if (operation.key === "PUT /api/auth/change-password" && body) {
    const request = body as Json;
    if (roll() < 850) request.current_password = world.accounts.keeper.password;
    if (roll() < 850) request.confirm_password = request.new_password;
  }
  // The link of an email the student got: a token the API signed (the fuzz runs with its key).
  if (operation.path === "/api/notifications/unsubscribe" && roll() < 600) query.token = tokenFor({ userId: world.accounts.student.id, topic: EMAIL_TOPICS[roll() % EMAIL_TOPICS.length]! });
  // A path of courses that exist (issue 17): the generated ids name none.
  if ((operation.key === "POST /api/paths" || operation.key === "PUT /api/paths/{id}") && body && Array.isArray((body as Json).course_ids) && roll() < 600) {
    const courses = world.live("course");
    const start = roll();
    const count = Math.min(((body as Json).course_ids as string[]).length, courses.length);
    if (count > 0) (body as Json).course_ids = Array.from({ length: count }, (_, n) => courses[(start + n) % courses.length]!.id);
  }
  if (operation.key === "PUT /api/courses/{id}" && "If-Match" in headers && roll() < 500) {
    const etag = world.etags.get(ids[0]!.id);
    if (etag) headers["If-Match"] = etag;
  }
  return { operation, caller, path, pathValues, query, headers, body, ids };
}

// ---------------------------------------------------------------------------------------------------------------

type Explanation = (request: Sent, problem: { status: number; detail: string; errors?: { path: string; message: string }[] }) => boolean;

const errorAt = (problem: Parameters<Explanation>[1], path: string, message?: RegExp) =>
  (problem.errors ?? []).some((error) => error.path === path && (!message || message.test(error.message)));
const isStudent = (request: Sent) => request.caller === "student";
const involvedCourse = (request: Sent) => request.ids.map(({ id }) => world.courseOf(id)).find(Boolean);
const bodyOf = (request: Sent) => (request.body ?? {}) as Json;

/**
 * The stated rules that turn a request the document calls valid into a 4xx, each as narrow as the fuzz can check.
 * Only a status the operation documents is ever explained.
 */
const explainedBy = new Map<string, number>();
const EXPLANATIONS: Record<number, [string, Explanation][]> = {
  400: [
    // The fuzz keeps only cursors of unfiltered lists: a cursor sent with filters is never one it was handed for them.
    ["a cursor works only on the list, filters and account it came from", (request, problem) => {
      const filters = Object.entries(request.query).filter(([name]) => name !== "cursor" && name !== "limit").sort();
      const handed = world.cursors.get(`${request.path} ${request.caller}`);
      return errorAt(problem, "query.cursor") && !(handed?.has(request.query.cursor!) && filters.length === 0);
    }],
    ["a membership ends after it starts", (request, problem) => {
      if (request.operation.key === "POST /api/memberships") return errorAt(problem, "body.end_date", /after start_date/) && Date.parse(String(bodyOf(request).end_date)) <= Date.parse(String(bodyOf(request).start_date));
      if (request.operation.key !== "PUT /api/memberships/{id}") return false;
      const stored = world.things.get(request.ids[0]!.id);
      const start = (bodyOf(request).start_date as string | undefined) ?? stored?.startDate;
      const end = (bodyOf(request).end_date as string | undefined) ?? stored?.endDate;
      return /must end after it starts/.test(problem.detail) && start !== undefined && end !== undefined && Date.parse(end) <= Date.parse(start);
    }],
    // The fuzz has no email to take a link from: every token it sends is one the API did not sign.
    ["an unsubscribe link carries a token the API signed", (request, problem) => /^(GET|POST) \/api\/notifications\/unsubscribe$/.test(request.operation.key) && errorAt(problem, "query.token", /unsubscribe token/)],
    // Issue 17: cross-field rules of lessons the JSON Schema cannot state.
    ["a text lesson has a body and a video lesson none; one drip rule at a time; the text renders to at most 280 kB", (request, problem) => {
      const key = request.operation.key;
      if (key !== "POST /api/courses/{id}/lessons" && key !== "PUT /api/lessons/{id}") return false;
      const body = bodyOf(request);
      const bothRules = body.available_at != null && body.available_after_days != null;
      const lesson = key === "PUT /api/lessons/{id}" ? world.things.get(request.ids[0]!.id) : undefined;
      const bodyMisfits = key === "POST /api/courses/{id}/lessons" ? (body.kind === "text") !== (body.body !== undefined) : body.body !== undefined && lesson?.isText === false;
      return (
        (errorAt(problem, "body.available_after_days", /not both/) && bothRules) ||
        (errorAt(problem, "body.body", /text lesson/) && bodyMisfits) ||
        (errorAt(problem, "body.body", /too much HTML/) && typeof body.body === "string" && body.body.length > 50_000)
      );
    }],
    ["a learning path holds courses that exist", (request, problem) =>
      ["POST /api/paths", "PUT /api/paths/{id}"].includes(request.operation.key) && errorAt(problem, "body.course_ids", /no course with id/) &&
      ((bodyOf(request).course_ids ?? []) as string[]).some((id) => !world.isLive("course", id))],
    ["the audit log's to comes after its from", (request, problem) =>
      request.operation.key === "GET /api/audit" && errorAt(problem, "query.to", /after from/) && Date.parse(request.query.to!) <= Date.parse(request.query.from!)],
    ["an enrollment is created to end in the future", (request, problem) =>
      request.operation.key === "POST /api/enrollments" && errorAt(problem, "body.expires_at", /future/) && Date.parse(String(bodyOf(request).expires_at)) <= Date.now()],
    ["a new password is confirmed, and the current one is the account's", (request, problem) => {
      if (request.operation.key !== "PUT /api/auth/change-password") return false;
      const body = bodyOf(request);
      if (errorAt(problem, "body.confirm_password")) return body.confirm_password !== body.new_password;
      return errorAt(problem, "body.current_password", /incorrect/) && body.current_password !== world.accounts.keeper.password;
    }],
  ],
  401: [
    ["sign-in needs an account's email and password", (request) =>
      request.operation.key === "POST /api/auth/login" && ![...world.passwords.values()].some((known) => known.email === String(bodyOf(request).email).toLowerCase() && known.password === bodyOf(request).password)],
    ["a refresh token is good once, for a live session of an active user", (request) => {
      if (request.operation.key !== "POST /api/auth/refresh") return false;
      const token = world.refreshTokens.get(String(bodyOf(request).refresh_token));
      return !token || token.spent || world.deadFamilies.has(token.family) || world.deadUsers.has(token.userId);
    }],
  ],
  403: [
    ["a deactivated account cannot sign in", (request) => {
      if (request.operation.key !== "POST /api/auth/login") return false;
      const account = [...world.passwords.entries()].find(([, known]) => known.email === String(bodyOf(request).email).toLowerCase());
      return account !== undefined && world.deadUsers.has(account[0]);
    }],
    ["course content is for those the access rule admits (preview lessons: anyone signed in)", (request) => {
      const course = involvedCourse(request);
      if (!isStudent(request) || !course) return false;
      const lesson = request.ids.map(({ id }) => world.things.get(id)).find((thing) => thing?.kind === "lesson");
      if (lesson?.isPreview && lesson.isActive) return false;
      return !world.studentReaches(course?.id) || (lesson !== undefined && !lesson.isActive) || request.ids.some(({ id }) => world.things.get(id)?.isActive === false);
    }],
    ["a lesson not yet open for the student (drip release) takes no progress", (request, problem) => {
      if (!isStudent(request) || !["POST /api/lessons/{id}/progress", "PUT /api/lessons/{id}/complete"].includes(request.operation.key)) return false;
      const lesson = world.things.get(request.ids[0]!.id);
      return /opens/.test(problem.detail) && lesson?.dripped === true && lesson.isPreview !== true;
    }],
    ["only the author edits a comment; a student deletes only their own", (request) => {
      const comment = world.things.get(request.ids[0]?.id ?? "");
      if (comment?.kind !== "comment") return false;
      const author = comment.userId;
      const me = world.accounts[request.caller ?? "admin"].id;
      return (request.operation.key === "PUT /api/comments/{id}" || (request.operation.key === "DELETE /api/comments/{id}" && isStudent(request))) && author !== me;
    }],
  ],
  404: [
    ["a video upload is named under the lesson it was started for", (request) => {
      const upload = world.things.get(request.pathValues.upload_id ?? "");
      return upload?.kind === "upload" && upload.lessonId !== request.pathValues.id;
    }],
    ["a notification is only its owner's", (request) =>
      request.operation.key === "PUT /api/notifications/{id}/read" && world.things.get(request.ids[0]!.id)?.userId !== world.accounts[request.caller ?? "admin"].id],
    ["nothing with that id", (request) => request.ids.some(({ kind, id }) => !world.isLive(kind, id)) || (request.operation.key === "GET /api/docs/{asset}" && !/\/swagger-ui(-bundle\.js|\.css)$/.test(request.path))],
    ["a review is changed or deleted by the student who posted it", (request, problem) =>
      ["PUT /api/courses/{id}/review", "DELETE /api/courses/{id}/review"].includes(request.operation.key) && /not reviewed/.test(problem.detail) && !world.hasReviewed(world.accounts[request.caller ?? "admin"].id, request.ids[0]!.id)],
    ["a student sees an active learning path holding an active course they can open", (request) => {
      const path = world.things.get(request.ids[0]?.id ?? "");
      if (!isStudent(request) || request.operation.key !== "GET /api/paths/{id}" || path?.kind !== "path") return false;
      const followable = (path.courseIds ?? []).some((id) => world.isLive("course", id) && world.things.get(id)?.isActive !== false && world.studentReaches(id));
      return path.isActive === false || !followable;
    }],
    ["students do not see inactive courses, hidden content, or a thread deleted with nothing left", (request) =>
      isStudent(request) &&
      request.ids.some(({ id }) => {
        const thing = world.things.get(id);
        const thread = thing?.threadId ? world.things.get(thing.threadId) : undefined;
        return thing?.isActive === false || world.courseOf(id)?.isActive === false || thing?.isDeleted === true || thread?.isActive === false || thread?.isDeleted === true;
      })],
  ],
  409: [
    ["an email or username is taken", (request, problem) => {
      if (!["POST /api/users", "PUT /api/users/{id}", "PUT /api/auth/me"].includes(request.operation.key)) return false;
      const body = bodyOf(request);
      if (/already exists/.test(problem.detail)) return world.emails.has(String(body.email).toLowerCase());
      return /is taken/.test(problem.detail) && typeof body.username === "string" && world.usernames.has(body.username.toLowerCase());
    }],
    ["one enrollment per user and course", (request, problem) =>
      request.operation.key === "POST /api/enrollments" && /already enrolled/.test(problem.detail) &&
      world.live("enrollment").some((enrollment) => enrollment.userId === bodyOf(request).user_id && enrollment.courseId === bodyOf(request).course_id)],
    ["a text lesson has no video: no position, no upload", (request) =>
      ["POST /api/lessons/{id}/progress", "POST /api/lessons/{id}/upload-video", "POST /api/lessons/{id}/video-uploads"].includes(request.operation.key) && world.things.get(request.ids[0]!.id)?.isText === true],
    ["OCR reads a recipe's photo: a recipe without a ready one has nothing to read", (request, problem) =>
      request.operation.key === "POST /api/recipes/{id}/ocr" && /no photo to read/.test(problem.detail) && world.things.get(request.ids[0]!.id)?.photoReady !== true],
    ["a video upload is completed once every part has arrived", (request, problem) =>
      request.operation.key === "POST /api/lessons/{id}/video-uploads/{upload_id}/complete" && /cannot be completed yet/.test(problem.detail) && world.things.get(request.pathValues.upload_id!)?.allPartsSent !== true],
    ["a certificate is revoked once; a revoked one is reissued at most once", (request) =>
      ["POST /api/certificates/{id}/revoke", "POST /api/certificates/{id}/reissue"].includes(request.operation.key) && world.things.get(request.ids[0]!.id)?.revoked === true],
    ["one review per student and course", (request, problem) =>
      request.operation.key === "POST /api/courses/{id}/review" && /already reviewed/.test(problem.detail) && world.hasReviewed(world.accounts[request.caller ?? "admin"].id, request.ids[0]!.id)],
    ["an enrollment import is applied once, after its dry run", (request, problem) =>
      request.operation.key === "POST /api/enrollments/import/{id}/apply" && /cannot be applied/.test(problem.detail) && world.things.get(request.ids[0]!.id)?.status !== "checked"],
    ["a deleted comment takes no reply", (request, problem) =>
      request.operation.key === "POST /api/comments/{id}/reply" && /was deleted/.test(problem.detail) && world.things.get(request.ids[0]!.id)?.isDeleted === true],
  ],
  412: [
    ["If-Match must hold the course's current ETag", (request) =>
      request.operation.key === "PUT /api/courses/{id}" && request.headers["If-Match"] !== undefined && request.headers["If-Match"] !== world.etags.get(request.ids[0]!.id)],
  ],
  429: [
    ["too many failed sign-ins for the account (5) or from this address (50) in 15 minutes", (request) => {
      const email = request.operation.key === "POST /api/auth/login" ? String(bodyOf(request).email).toLowerCase() : request.operation.key === "PUT /api/auth/change-password" ? world.accounts.keeper.email : undefined;
      return email !== undefined && ((world.failedSignIns.get(email) ?? 0) >= THROTTLE.account || world.failedFromHere >= THROTTLE.ip);
    }],
  ],
};

// ---------------------------------------------------------------------------------------------------------------

async function send(request: Sent): Promise<ApiResponse> {
  const search = new URLSearchParams(request.query).toString();
  const token = request.caller ? world.accounts[request.caller].token : undefined;
  return api.request(request.operation.method, `${request.path}${search ? `?${search}` : ""}`, {
    token,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
}

/** What the answer says about the data, for the requests after it. */
function observe(request: Sent, response: ApiResponse): void {
  const key = request.operation.key;
  if (response.status >= 200 && response.status < 300) {
    world.learn(response.body);
    const etag = response.headers.get("etag");
    const courseId = (response.body as Json | undefined)?.id;
    // A course write that answers no ETag (the WhatsApp link) still moved the course's version.
    if (etag && typeof courseId === "string") world.etags.set(courseId, etag);
    else if (request.operation.method !== "GET" && pathKind(request.operation.path) === "course") world.etags.delete(request.ids[0]!.id);
    const next = (response.body as Json | undefined)?.next_cursor;
    const filters = Object.keys(request.query).filter((name) => name !== "cursor" && name !== "limit");
    if (typeof next === "string" && filters.length === 0) {
      const handed = world.cursors.get(`${request.path} ${request.caller}`) ?? new Set<string>();
      world.cursors.set(`${request.path} ${request.caller}`, handed.add(next));
    }
    // `/api/<things>/{id}` itself: DELETE /api/courses/{id}/review removes the review, not the course.
    if (request.operation.method === "DELETE" && response.status === 204 && /^\/api\/\w+\/\{id\}$/.test(request.operation.path)) {
      const kind = pathKind(request.operation.path);
      if (kind) world.removed(kind, request.ids[0]!.id);
    }
    if (key === "PUT /api/users/{id}" && bodyOf(request).is_active === false) world.deactivated(request.ids[0]!.id);
    if (key === "POST /api/lessons/{id}/video-uploads") world.startedUpload((response.body as Json).upload_id as string, request.ids[0]!.id);
    // Completed or aborted, the upload is over.
    if (/^(POST \/api\/lessons\/\{id\}\/video-uploads\/\{upload_id\}\/complete|DELETE \/api\/lessons\/\{id\}\/video-uploads\/\{upload_id\})$/.test(key)) world.things.get(request.pathValues.upload_id!)!.live = false;
    // A notification's answer does not name its owner: the caller who listed it.
    if (key === "GET /api/notifications") for (const item of (response.body as { items: Json[] }).items) world.things.get(item.id as string)!.userId = world.accounts[request.caller!].id;
    if (key === "DELETE /api/courses/{id}/review" && response.status === 204) {
      const me = world.accounts[request.caller ?? "admin"].id;
      for (const review of world.live("review")) if (review.userId === me && review.courseId === request.ids[0]!.id) review.live = false;
    }
    // A reissue revokes the certificate it replaces (its answer is the new one).
    if (key === "POST /api/certificates/{id}/reissue") {
      const replaced = world.things.get(request.ids[0]!.id);
      if (replaced) replaced.revoked = true;
    }
    if (key === "POST /api/users") {
      const created = response.body as Json;
      world.passwords.set(created.id as string, { email: String(created.email), password: String(bodyOf(request).password) });
    }
    if (typeof response.body === "object" && response.body !== null && "refresh_token" in response.body) {
      const pair = response.body as { refresh_token: string; access_token: string; user: { id: string } };
      const used = key === "POST /api/auth/refresh" ? world.refreshTokens.get(String(bodyOf(request).refresh_token)) : undefined;
      if (used) used.spent = true;
      world.refreshTokens.set(pair.refresh_token, { userId: pair.user.id, family: used?.family ?? world.newFamily(), spent: false });
    }
    if (key === "PUT /api/auth/change-password") {
      const keeper = world.accounts.keeper;
      keeper.password = String(bodyOf(request).new_password);
      keeper.token = (response.body as { access_token: string }).access_token;
      world.passwords.set(keeper.id, { email: keeper.email, password: keeper.password });
      for (const token of world.refreshTokens.values()) if (token.userId === keeper.id) world.deadFamilies.add(token.family);
      const fresh = world.refreshTokens.get((response.body as { refresh_token: string }).refresh_token);
      if (fresh) world.deadFamilies.delete(fresh.family);
    }
    if (key === "POST /api/auth/logout") {
      const token = world.refreshTokens.get(String(bodyOf(request).refresh_token));
      if (token) world.deadFamilies.add(token.family);
    }
  }
  if (key === "POST /api/auth/refresh" && response.status === 401) {
    // Reusing a spent token ends its whole family (core/auth/sessions.ts).
    const token = world.refreshTokens.get(String(bodyOf(request).refresh_token));
    if (token) world.deadFamilies.add(token.family);
  }
  const failedAs =
    key === "POST /api/auth/login" && response.status === 401
      ? String(bodyOf(request).email).toLowerCase()
      : key === "PUT /api/auth/change-password" && errorAt(response.body as Parameters<Explanation>[1], "body.current_password", /incorrect/)
        ? world.accounts.keeper.email
        : undefined;
  if (failedAs !== undefined) {
    world.failedSignIns.set(failedAs, (world.failedSignIns.get(failedAs) ?? 0) + 1);
    world.failedFromHere += 1;
  }
}

/** Everything wrong with one answer (nothing: an empty list). */
function check(request: Sent, response: ApiResponse): string[] {
  const { operation } = request;
  const status = response.status;
  const documented = (operation.spec.responses as Record<string, Json>)[String(status)];
  const failures: string[] = [];
  if (status >= 500) failures.push(`a ${status}`);
  if (!documented) return [...failures, `status ${status} is not documented for ${operation.key}`];
  const answer = values.resolve(documented);
  const contentType = response.headers.get("content-type") ?? "";

  if (status < 300) {
    if (request.broken) failures.push(`accepted a request broken at ${request.broken}`);
    const content = answer.content as Record<string, { schema: Json }> | undefined;
    if (!content) {
      if (response.body !== "") failures.push("a body where none is documented");
    } else {
      const [mediaType, { schema }] = Object.entries(content)[0]!;
      const matches = mediaType.endsWith("/*") ? contentType.startsWith(mediaType.slice(0, -1)) : contentType.startsWith(mediaType);
      if (!matches) failures.push(`content-type ${contentType}, documented ${mediaType}`);
      if (mediaType === "application/json") {
        const validate = validatorFor(`${operation.key} ${status}`, schema);
        if (!validate(response.body)) failures.push(`the body does not match its schema: ${ajv.errorsText(validate.errors)}`);
      }
    }
    for (const [name, header] of Object.entries((answer.headers ?? {}) as Record<string, { schema: Json }>)) {
      const value = response.headers.get(name);
      if (value === null) failures.push(`no ${name} header`);
      else if (!validatorFor(`${operation.key} ${status} ${name}`, header.schema)(value)) failures.push(`${name}: ${value} does not match its schema`);
    }
    return failures;
  }

  if (contentType !== "application/problem+json") return [...failures, `a ${status} as ${contentType}, not application/problem+json`];
  const problem = response.body as Parameters<Explanation>[1];
  const validate = validatorFor("Problem", (values.resolve(documented).content as Record<string, { schema: Json }>)["application/problem+json"]!.schema);
  if (!validate(problem)) failures.push(`the problem does not match its schema: ${ajv.errorsText(validate.errors)}`);
  if (problem.status !== status) failures.push(`problem.status ${problem.status} on a ${status}`);
  if (request.broken) {
    if (status !== 400 || !(problem.errors ?? []).some((error) => error.path === request.broken)) failures.push(`broken at ${request.broken}, answered ${status} ${JSON.stringify(problem.errors ?? problem.detail)}`);
    return failures;
  }
  const rule = (EXPLANATIONS[status] ?? []).find(([, applies]) => applies(request, problem));
  const explained = rule !== undefined;
  if (rule) explainedBy.set(rule[0], (explainedBy.get(rule[0]) ?? 0) + 1);
  if (!explained) failures.push(`a valid request answered ${status} with no stated rule to explain it: ${problem.detail} ${JSON.stringify(problem.errors ?? [])}`);
  return failures;
}

// ---------------------------------------------------------------------------------------------------------------

async function account(role: "ADMIN" | "USER"): Promise<Account> {
  const user = await givenUser(role);
  return { ...user, token: (await signIn(api, user)).access_token };
}

/** The data every operation starts from, made through the API (so the world learns it from the answers). */
async function seed(): Promise<number> {
  let requests = 0;
  const as = async (role: Role, method: string, path: string, body?: unknown) => {
    requests += 1;
    const response = await api.request(method, path, { token: world.accounts[role].token, body });
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    world.learn(response.body);
    return response.body as Json;
  };
  const { student } = world.accounts;
  for (const course of [{ title: "Macarons", description: "Paso a paso" }, { title: "Oculto", description: "d", is_active: false }]) {
    const { id } = await as("admin", "POST", "/api/courses", course);
    const lessons = [await as("admin", "POST", `/api/courses/${id}/lessons`, { title: "Merengue", is_preview: true }), await as("admin", "POST", `/api/courses/${id}/lessons`, { title: "Ganache" })];
    const recipe = await as("admin", "POST", `/api/courses/${id}/recipes`, { title: "Base", recipe_text: "200 g" });
    if (course.is_active === false) continue;
    // Issue 15: a recipe with a photo, so that reading it again (OCR) can succeed.
    const presigned = await as("admin", "POST", `/api/recipes/${recipe.id as string}/upload-image`, { content_type: "image/jpeg" });
    const photo = new FormData();
    for (const [name, value] of Object.entries(presigned.fields as Record<string, string>)) photo.append(name, value);
    photo.append("file", new Blob([new Uint8Array(await sharp({ create: { width: 64, height: 64, channels: 3, background: "#f5e6d3" } }).jpeg().toBuffer())], { type: "image/jpeg" }));
    expect((await fetch(presigned.url as string, { method: "POST", body: photo })).status).toBeLessThan(300);
    await workers().settle();
    expect((await as("admin", "GET", `/api/recipes/${recipe.id as string}`)).image_status).toBe("ready");
    // Issue 14: a video upload with its one part sent, so that completing one can succeed.
    const video = Buffer.from("not yet a video");
    const videoUpload = await as("admin", "POST", `/api/lessons/${lessons[1]!.id as string}/video-uploads`, { content_type: "video/mp4", size: video.length });
    const [part] = videoUpload.parts as { n: number; url: string }[];
    expect((await fetch(part!.url, { method: "PUT", body: video })).status).toBe(200);
    world.startedUpload(videoUpload.upload_id as string, lessons[1]!.id as string).allPartsSent = true;
    await as("admin", "POST", "/api/enrollments", { user_id: student.id, course_id: id });
    const thread = await as("student", "POST", `/api/courses/${id}/comments`, { content: "¿Mantequilla fría?" });
    await as("admin", "POST", `/api/comments/${thread.id as string}/reply`, { content: "Fría." });
    // Issue 17: a review, and a completed course whose certificate the stream issues.
    await as("student", "POST", `/api/courses/${id}/review`, { rating: 4 });
    for (const lesson of lessons) await as("student", "PUT", `/api/lessons/${lesson.id as string}/complete`, { completed: true });
    await workers().settle();
    await as("student", "GET", "/api/dashboard/my-certificates");
  }
  const other = await as("admin", "POST", "/api/users", { email: "fuzz-other@example.com", password: "una clave larga", full_name: "Otra" });
  world.passwords.set(other.id as string, { email: "fuzz-other@example.com", password: "una clave larga" });
  await as("admin", "POST", "/api/memberships", { user_id: other.id, start_date: "2020-01-01T00:00:00Z", end_date: "2099-01-01T00:00:00Z" });
  // The notices these writes caused (the stream and the sender run in this process), learnt with their owner: a
  // notification's answer does not name it.
  await workers().settle();
  for (const role of ["student", "admin"] as const) {
    const page = await as(role, "GET", "/api/notifications");
    for (const item of page.items as Json[]) world.things.get(item.id as string)!.userId = world.accounts[role].id;
  }
  // An enrollment import with its dry run done, so that applying one can succeed (its one row names no course, so
  // applying it enrolls nobody the fuzz does not know of).
  const started = await as("admin", "POST", "/api/enrollments/import", { content_type: "text/csv" });
  const upload = started.upload as { url: string; fields: Record<string, string> };
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append("file", new Blob([`${other.email as string},Ningún curso,\n`], { type: "text/csv" }));
  expect((await fetch(upload.url, { method: "POST", body: form })).status).toBeLessThan(300);
  await workers().settle();
  await as("admin", "GET", `/api/enrollments/import/${(started.import as Json).id as string}`);
  return requests;
}

beforeAll(async () => {
  const response = await api.request<OpenApiDocument>("GET", "/api/openapi.json");
  expect(response.status).toBe(200);
  document = response.body;
  values = new SchemaValues(document as unknown as Json);
  ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats.default(ajv);
  world = new World({ admin: await account("ADMIN"), student: await account("USER"), keeper: await account("USER") });
  for (const account of Object.values(world.accounts)) world.learn((await api.request("GET", "/api/auth/me", { token: account.token })).body);
});

describe("the whole document, fuzzed", () => {
  it(`every operation: ${VALID_PER_OPERATION} valid and ${INVALID_PER_OPERATION} broken requests, each answered as documented`, async () => {
    const started = Date.now();
    let requests = await seed();
    const operations = operationsOf(document).sort((a, b) => runOrder(a) - runOrder(b));
    expect(operations).toHaveLength(Object.values(document.paths).reduce((count, item) => count + Object.keys(item).length, 0));
    const failures: string[] = [];
    const outcomes = new Map<string, Map<number, number>>();

    for (const [index, operation] of operations.entries()) {
      const planned = plannedArbitrary(operation);
      const breakages = breakagesOf(operation);
      const valid = fc.sample(planned, { seed: SEED + index, numRuns: VALID_PER_OPERATION });
      const broken = fc.sample(fc.tuple(planned, fc.nat(breakages.length - 1)), { seed: SEED + 1000 + index, numRuns: INVALID_PER_OPERATION });
      // Resolved one at a time, just before it is sent: ids, tokens and passwords are those of that moment.
      const runs: (() => Sent)[] = [
        ...valid.map((plan) => () => resolve(operation, plan)),
        ...broken.map(([plan, which]) => () => {
          const request = resolve(operation, plan);
          const breakage = breakages[which]!;
          if (request.body && typeof request.body === "object" && !Array.isArray(request.body)) request.body = { ...(request.body as Json) };
          breakage.apply(request);
          return { ...request, broken: breakage.where };
        }),
      ];
      for (const next of runs) {
        const request = next();
        const response = await send(request);
        requests += 1;
        const byStatus = outcomes.get(operation.key) ?? new Map<number, number>();
        outcomes.set(operation.key, byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1));
        for (const failure of check(request, response)) {
          failures.push(`${request.operation.method} ${request.path}?${new URLSearchParams(request.query)} as ${request.caller ?? "nobody"} ${JSON.stringify(request.headers)} ${JSON.stringify(request.body)?.slice(0, 300)}\n    -> ${failure}`);
        }
        observe(request, response);
      }
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const successes = [...outcomes.values()].reduce((sum, byStatus) => sum + [...byStatus].filter(([status]) => status < 300).reduce((n, [, count]) => n + count, 0), 0);
    console.warn(
      `openapi fuzz: ${requests} requests to ${operations.length} operations in ${seconds} s (seed ${SEED}); ${successes} answered 2xx; ` +
        `4xx to valid requests, by the rule that explains them: ${[...explainedBy].map(([rule, count]) => `${count} ${rule}`).join("; ")}`,
    );
    expect(failures.slice(0, 40), `${failures.length} failures`).toEqual([]);
    // A fuzz that never gets past validation proves little: every operation must have succeeded at least once.
    const neverSucceeded = operations.filter((operation) => ![...(outcomes.get(operation.key) ?? new Map()).keys()].some((status) => status < 300)).map((operation) => operation.key);
    expect(neverSucceeded).toEqual([]);
  }, 240_000);
});
