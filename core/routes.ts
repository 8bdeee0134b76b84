/**
 * The route table: every HTTP endpoint of the API, listed once.
 *
 * Read by `stacks/Api.ts` (one Lambda per row), by the local API gateway in `dev/` and by the handler
 * factory (which takes the caller's required auth level from here, keyed by API Gateway's `routeKey`).
 * Adding an endpoint = one handler file under `functions/` + one row here.
 */

import type { QueueName } from "./consumers";
import type { BucketPrefix } from "./media/keys";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Who may call a route: anyone, any signed-in active user, or an admin. */
export type AuthLevel = "public" | "user" | "admin";

/**
 * What a function touches, beyond the caller lookup that every `user`/`admin` route gets. The stack turns each into
 * the narrowest IAM grant and binding (stacks/grants.ts); nothing is granted that is not listed. The media consumers
 * (core/consumers.ts) use the same words.
 */
export type Resource =
  | "table:read" // GetItem/Query/BatchGet on the Main table
  | "table:write" // plus PutItem/UpdateItem/DeleteItem/BatchWrite
  | `s3:get:${BucketPrefix}` // GetObject under that prefix (also what a presigned GET needs: a URL works only if its signer may read)
  | `s3:put:${BucketPrefix}` // PutObject under that prefix (also what a presigned POST needs)
  | `s3:delete:${BucketPrefix}` // DeleteObject under that prefix, and ListBucket of it (removal lists first)
  | `s3:multipart:${BucketPrefix}` // start, list the parts of, complete and abort multipart uploads under that prefix
  | `queue:${QueueName}` // SendMessage to a queue of core/consumers.ts
  | "jwt:sign" // the ES256 private key (only the functions that issue tokens)
  | "mail:send" // ses:SendEmail from the stage's sender through its configuration set, and the unsubscribe-link key
  | "mail:unsubscribe"; // the unsubscribe-link key alone (reading the links emails carry)

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
  /** Memory of this route's function when the API default (512 MB) is not enough, as measured by a benchmark. */
  memoryMB?: number;
}

export const routes = [
  { method: "GET", path: "/api/health", handler: "health/get", auth: "public", uses: ["table:read"], summary: "Liveness: answers once the API can reach its table" },
  { method: "GET", path: "/.well-known/jwks.json", handler: "auth/jwks", auth: "public", uses: [], summary: "The public keys that verify access tokens (JWKS)" },
  { method: "GET", path: "/api/openapi.json", handler: "docs/openapi", auth: "public", uses: [], summary: "This API's OpenAPI 3.1 document, generated from the route table and the handlers' schemas" },
  { method: "GET", path: "/api/docs", handler: "docs/page", auth: "public", uses: [], summary: "The interactive API reference (Swagger UI)" },
  { method: "GET", path: "/api/docs/{asset}", handler: "docs/asset", auth: "public", uses: [], summary: "A script or stylesheet of the API reference page" },

  { method: "POST", path: "/api/auth/login", handler: "auth/login", auth: "public", uses: ["table:write", "jwt:sign", "s3:get:avatars"], summary: "Exchange email and password for an access and a refresh token" },
  { method: "POST", path: "/api/auth/refresh", handler: "auth/refresh", auth: "public", uses: ["table:write", "jwt:sign", "s3:get:avatars"], summary: "Exchange a refresh token for a new pair (the old one is spent)" },
  { method: "POST", path: "/api/auth/logout", handler: "auth/logout", auth: "public", uses: ["table:write"], summary: "Revoke a refresh token and every token rotated from it" },
  { method: "GET", path: "/api/auth/me", handler: "auth/get-me", auth: "user", uses: ["s3:get:avatars"], summary: "The signed-in user's profile" },
  { method: "PUT", path: "/api/auth/me", handler: "auth/update-me", auth: "user", uses: ["table:write", "s3:get:avatars", "s3:delete:avatars"], summary: "Update the signed-in user's profile" },
  // Media issue #14: the avatar a user uploads (user responses carry it as a presigned GET: s3:get:avatars above).
  { method: "POST", path: "/api/auth/me/upload-avatar", handler: "auth/upload-avatar", auth: "user", uses: ["s3:put:uploads"], summary: "A presigned POST to upload the signed-in user's avatar straight to S3 (made a 256×256 JPEG)" },
  { method: "PUT", path: "/api/auth/change-password", handler: "auth/change-password", auth: "user", uses: ["table:write", "s3:get:avatars"], summary: "Change the password; earlier access tokens stop working" },

  { method: "GET", path: "/api/users", handler: "users/list", auth: "admin", uses: ["table:read", "s3:get:avatars"], summary: "List users (filters: role, is_active, email prefix q)" },
  { method: "POST", path: "/api/users", handler: "users/create", auth: "admin", uses: ["table:write", "s3:get:avatars"], summary: "Create a user (only an admin creates admins)" },
  { method: "GET", path: "/api/users/{id}", handler: "users/get", auth: "admin", uses: ["table:read", "s3:get:avatars"], summary: "A user" },
  { method: "PUT", path: "/api/users/{id}", handler: "users/update", auth: "admin", uses: ["table:write", "s3:get:avatars", "s3:delete:avatars"], summary: "Update a user; is_active=true reactivates" },
  { method: "DELETE", path: "/api/users/{id}", handler: "users/deactivate", auth: "admin", uses: ["table:write"], summary: "Deactivate a user: their tokens stop working at once; nothing is deleted" },
  { method: "GET", path: "/api/users/{id}/progress", handler: "users/progress", auth: "admin", uses: ["table:read"], summary: "A user's progress in every course" },

  { method: "GET", path: "/api/courses", handler: "courses/list", auth: "user", uses: ["table:read", "s3:get:media"], summary: "Courses: all for an admin, the accessible active ones for a student" },
  { method: "POST", path: "/api/courses", handler: "courses/create", auth: "admin", uses: ["table:write", "s3:get:media"], summary: "Create a course" },
  { method: "GET", path: "/api/courses/{id}", handler: "courses/get", auth: "user", uses: ["table:read", "s3:get:media"], summary: "A course with its lessons and recipes (a summary and preview lessons without access)" },
  { method: "PUT", path: "/api/courses/{id}", handler: "courses/update", auth: "admin", uses: ["table:write", "s3:get:media", "queue:PdfRebuilds"], summary: "Update a course (If-Match: its ETag refuses a stale write)" },
  { method: "DELETE", path: "/api/courses/{id}", handler: "courses/delete", auth: "admin", uses: ["table:write", "s3:delete:recipeImages", "s3:delete:thumbnails", "s3:delete:videos", "s3:delete:pdfs"], summary: "Delete a course and everything in it" },
  { method: "PUT", path: "/api/courses/{id}/whatsapp-group", handler: "courses/set-whatsapp-group", auth: "admin", uses: ["table:write", "s3:get:media"], summary: "Set or clear the course's WhatsApp group link" },
  { method: "POST", path: "/api/courses/{id}/upload-thumbnail", handler: "courses/upload-thumbnail", auth: "admin", uses: ["table:read", "s3:put:uploads"], summary: "A presigned POST to upload the course thumbnail straight to S3" },
  { method: "POST", path: "/api/courses/{id}/generate-recipe-pdf", handler: "courses/generate-recipe-pdf", auth: "admin", uses: ["table:write", "s3:get:media", "queue:PdfRebuilds"], summary: "Rebuild the course's consolidated recipe PDF now" },
  { method: "GET", path: "/api/courses/{id}/students", handler: "courses/students", auth: "admin", uses: ["table:read", "s3:get:avatars"], summary: "The course's enrolled students" },

  { method: "GET", path: "/api/courses/{id}/lessons", handler: "lessons/list", auth: "user", uses: ["table:read", "s3:get:media"], summary: "A course's lessons in order (preview lessons only without access)" },
  { method: "POST", path: "/api/courses/{id}/lessons", handler: "lessons/create", auth: "admin", uses: ["table:write", "s3:get:media"], summary: "Add a lesson to a course" },
  { method: "GET", path: "/api/lessons/{id}", handler: "lessons/get", auth: "user", uses: ["table:read", "s3:get:media"], summary: "A lesson (with access, or a preview lesson)" },
  { method: "PUT", path: "/api/lessons/{id}", handler: "lessons/update", auth: "admin", uses: ["table:write", "s3:get:media"], summary: "Update a lesson" },
  { method: "DELETE", path: "/api/lessons/{id}", handler: "lessons/delete", auth: "admin", uses: ["table:write", "s3:delete:videos"], summary: "Delete a lesson" },

  { method: "POST", path: "/api/lessons/{id}/upload-video", handler: "lessons/upload-video", auth: "admin", uses: ["table:read", "s3:put:videos"], summary: "A presigned POST to upload the lesson video straight to S3" },
  // Media issue #14 item 4: lesson videos of up to 20 GB in parts, resumable (core/media/multipart.ts).
  { method: "POST", path: "/api/lessons/{id}/video-uploads", handler: "lessons/start-video-upload", auth: "admin", uses: ["table:write", "s3:multipart:videos"], summary: "Start uploading the lesson video in parts: a presigned PUT per part" },
  { method: "GET", path: "/api/lessons/{id}/video-uploads/{upload_id}", handler: "lessons/get-video-upload", auth: "admin", uses: ["table:read", "s3:multipart:videos"], summary: "The parts of a video upload S3 holds, and fresh URLs for the missing ones (to resume)" },
  { method: "POST", path: "/api/lessons/{id}/video-uploads/{upload_id}/complete", handler: "lessons/complete-video-upload", auth: "admin", uses: ["table:write", "s3:multipart:videos"], summary: "Complete a video upload once every part has arrived with the declared size" },
  { method: "DELETE", path: "/api/lessons/{id}/video-uploads/{upload_id}", handler: "lessons/abort-video-upload", auth: "admin", uses: ["table:write", "s3:multipart:videos"], summary: "Abort a video upload and drop its parts" },

  { method: "GET", path: "/api/courses/{id}/recipes", handler: "recipes/list", auth: "user", uses: ["table:read", "s3:get:media"], summary: "A course's recipes in order (with access)" },
  { method: "POST", path: "/api/courses/{id}/recipes", handler: "recipes/create", auth: "admin", uses: ["table:write", "s3:get:media"], summary: "Add a recipe to a course" },
  { method: "GET", path: "/api/recipes/{id}", handler: "recipes/get", auth: "user", uses: ["table:read", "s3:get:media"], summary: "A recipe (with access)" },
  { method: "PUT", path: "/api/recipes/{id}", handler: "recipes/update", auth: "admin", uses: ["table:write", "s3:get:media", "queue:PdfRebuilds"], summary: "Update a recipe" },
  { method: "DELETE", path: "/api/recipes/{id}", handler: "recipes/delete", auth: "admin", uses: ["table:write", "s3:delete:recipeImages"], summary: "Delete a recipe" },

  { method: "POST", path: "/api/recipes/{id}/upload-image", handler: "recipes/upload-image", auth: "admin", uses: ["table:read", "s3:put:uploads"], summary: "A presigned POST to upload the recipe photo straight to S3" },
  // Media issue #14: a recipe that arrives as a PDF.
  { method: "POST", path: "/api/recipes/{id}/upload-pdf", handler: "recipes/upload-pdf", auth: "admin", uses: ["table:read", "s3:put:uploads"], summary: "A presigned POST to upload the recipe as a PDF (at most 20 pages) straight to S3" },
  // OCR (issue 15): read the recipe's photo again.
  { method: "POST", path: "/api/recipes/{id}/ocr", handler: "recipes/ocr", auth: "admin", uses: ["table:write", "s3:get:media", "queue:RecipeOcr"], summary: "Read the text of the recipe's photo again (OCR, queued)" },

  { method: "GET", path: "/api/courses/{id}/progress", handler: "progress/course", auth: "user", uses: ["table:read"], summary: "The caller's progress in each lesson of a course; for an admin, every student's too" },
  { method: "POST", path: "/api/lessons/{id}/progress", handler: "progress/record-position", auth: "user", uses: ["table:write"], summary: "Save where the caller is in the lesson's video" },
  { method: "PUT", path: "/api/lessons/{id}/complete", handler: "progress/set-completed", auth: "user", uses: ["table:write"], summary: "Mark the lesson completed (or not) for the caller" },

  { method: "GET", path: "/api/courses/{id}/comments", handler: "comments/list", auth: "user", uses: ["table:read"], summary: "The course forum: threads newest first, each with its replies" },
  { method: "POST", path: "/api/courses/{id}/comments", handler: "comments/create", auth: "user", uses: ["table:write"], summary: "Start a thread in the course forum" },
  { method: "GET", path: "/api/comments/{id}", handler: "comments/get", auth: "user", uses: ["table:read"], summary: "A thread with its replies, or one reply" },
  { method: "PUT", path: "/api/comments/{id}", handler: "comments/update", auth: "user", uses: ["table:write"], summary: "Edit your own comment" },
  { method: "DELETE", path: "/api/comments/{id}", handler: "comments/delete", auth: "user", uses: ["table:write"], summary: "Delete your own comment (an admin deletes any)" },
  { method: "POST", path: "/api/comments/{id}/reply", handler: "comments/reply", auth: "user", uses: ["table:write"], summary: "Reply to a comment (the reply joins its thread)" },
  { method: "PUT", path: "/api/comments/{id}/moderate", handler: "comments/moderate", auth: "admin", uses: ["table:write"], summary: "Hide or show a comment" },
  // Reactions (issue 17).
  { method: "PUT", path: "/api/comments/{id}/reactions/{kind}", handler: "comments/react", auth: "user", uses: ["table:write"], summary: "React to a comment (one of each kind per user)" },
  { method: "DELETE", path: "/api/comments/{id}/reactions/{kind}", handler: "comments/unreact", auth: "user", uses: ["table:write"], summary: "Take your reaction back" },

  // Reviews (issue 17).
  { method: "GET", path: "/api/courses/{id}/reviews", handler: "reviews/list", auth: "user", uses: ["table:read"], summary: "A course's reviews, newest first (hidden ones for admins only)" },
  { method: "POST", path: "/api/courses/{id}/review", handler: "reviews/create", auth: "user", uses: ["table:write"], summary: "Review a course you have access to (one per student)" },
  { method: "PUT", path: "/api/courses/{id}/review", handler: "reviews/update", auth: "user", uses: ["table:write"], summary: "Change your review of a course" },
  { method: "DELETE", path: "/api/courses/{id}/review", handler: "reviews/delete", auth: "user", uses: ["table:write"], summary: "Delete your review of a course" },
  { method: "PUT", path: "/api/reviews/{id}/moderate", handler: "reviews/moderate", auth: "admin", uses: ["table:write"], summary: "Hide or show a review" },

  { method: "GET", path: "/api/dashboard/stats", handler: "dashboard/stats", auth: "admin", uses: ["table:read"], summary: "Platform figures: users, courses, active access, completions, recent comments" },
  // Activity chart (issue 18 item 4): daily counters kept by the DashboardActivity stream consumer.
  { method: "GET", path: "/api/dashboard/activity", handler: "dashboard/activity", auth: "admin", uses: ["table:read"], summary: "Daily counts for the last days: new users, enrollments, lesson completions, comments" },
  { method: "GET", path: "/api/dashboard/my-courses", handler: "dashboard/my-courses", auth: "user", uses: ["table:read", "s3:get:media"], summary: "The caller's courses with their progress and when access ends" },
  { method: "GET", path: "/api/dashboard/my-progress", handler: "dashboard/my-progress", auth: "user", uses: ["table:read", "s3:get:media"], summary: "The caller's progress over all their courses" },
  // Certificates (issue 17).
  { method: "GET", path: "/api/dashboard/my-certificates", handler: "dashboard/my-certificates", auth: "user", uses: ["table:read", "s3:get:certificates"], summary: "The caller's certificates of completion, with a link to each PDF" },

  { method: "GET", path: "/api/enrollments", handler: "enrollments/list", auth: "admin", uses: ["table:read", "s3:get:media"], summary: "Enrollments (filters: user_id, course_id, active)" },
  { method: "POST", path: "/api/enrollments", handler: "enrollments/create", auth: "admin", uses: ["table:write", "s3:get:media"], summary: "Enroll a user in a course (one per user and course)" },
  { method: "GET", path: "/api/enrollments/{id}", handler: "enrollments/get", auth: "admin", uses: ["table:read", "s3:get:media"], summary: "An enrollment" },
  { method: "PUT", path: "/api/enrollments/{id}", handler: "enrollments/update", auth: "admin", uses: ["table:write", "s3:get:media"], summary: "Extend, end (expires_at <= now) or switch an enrollment" },
  { method: "DELETE", path: "/api/enrollments/{id}", handler: "enrollments/delete", auth: "admin", uses: ["table:write"], summary: "Revoke an enrollment" },

  { method: "GET", path: "/api/memberships", handler: "memberships/list", auth: "admin", uses: ["table:read", "s3:get:avatars"], summary: "Memberships (filters: user_id, active)" },
  { method: "POST", path: "/api/memberships", handler: "memberships/create", auth: "admin", uses: ["table:write", "s3:get:avatars"], summary: "Grant a membership (every course, for a period)" },
  { method: "GET", path: "/api/memberships/{id}", handler: "memberships/get", auth: "admin", uses: ["table:read", "s3:get:avatars"], summary: "A membership" },
  { method: "PUT", path: "/api/memberships/{id}", handler: "memberships/update", auth: "admin", uses: ["table:write", "s3:get:avatars"], summary: "Extend, shorten or switch a membership" },
  { method: "DELETE", path: "/api/memberships/{id}", handler: "memberships/delete", auth: "admin", uses: ["table:write"], summary: "Delete a membership" },

  // notifications (core/notifications/)
  { method: "GET", path: "/api/notifications", handler: "notifications/list", auth: "user", uses: ["table:read"], summary: "The caller's in-app notifications, newest first, with the unread count" },
  { method: "PUT", path: "/api/notifications/{id}/read", handler: "notifications/read", auth: "user", uses: ["table:write"], summary: "Mark one of the caller's notifications read" },
  { method: "POST", path: "/api/notifications/read-all", handler: "notifications/read-all", auth: "user", uses: ["table:write"], summary: "Mark every notification of the caller read" },
  { method: "GET", path: "/api/auth/me/notifications", handler: "notifications/get-settings", auth: "user", uses: ["table:read"], summary: "The caller's email settings per topic" },
  { method: "PUT", path: "/api/auth/me/notifications", handler: "notifications/update-settings", auth: "user", uses: ["table:write"], summary: "Switch email per topic on or off" },
  { method: "GET", path: "/api/notifications/unsubscribe", handler: "notifications/unsubscribe-page", auth: "public", uses: ["mail:unsubscribe"], summary: "The page an email's unsubscribe link opens: what it switches off, with a button (no sign-in)" },
  { method: "POST", path: "/api/notifications/unsubscribe", handler: "notifications/unsubscribe", auth: "public", uses: ["table:write", "mail:unsubscribe"], summary: "RFC 8058 one-click unsubscribe: switch that topic's email off (no sign-in)" },
  // Certificates (issue 17): verification is public (the QR code on the PDF); admins revoke and reissue.
  { method: "GET", path: "/api/certificates/{id}", handler: "certificates/verify", auth: "public", uses: ["table:read"], summary: "Verify a certificate: valid or revoked, with the name, the course and the date" },
  { method: "POST", path: "/api/certificates/{id}/revoke", handler: "certificates/revoke", auth: "admin", uses: ["table:write", "s3:get:certificates"], summary: "Revoke a certificate" },
  { method: "POST", path: "/api/certificates/{id}/reissue", handler: "certificates/reissue", auth: "admin", uses: ["table:write", "s3:get:certificates"], summary: "Reissue a certificate with the student's current name (the old one is revoked)" },
  { method: "POST", path: "/api/enrollments/import", handler: "enrollments/import", auth: "admin", uses: ["table:write", "s3:put:uploads"], summary: "Start a bulk enrollment from a CSV: a presigned POST for the file, whose dry run follows off the request" },
  { method: "GET", path: "/api/enrollments/import/{id}", handler: "enrollments/import-get", auth: "admin", uses: ["table:read", "s3:get:imports"], summary: "An enrollment import: its status, and its dry-run and applied reports row by row" },
  { method: "POST", path: "/api/enrollments/import/{id}/apply", handler: "enrollments/import-apply", auth: "admin", uses: ["table:write", "s3:get:imports"], summary: "Apply a checked enrollment import (off the request; idempotent)" },

  // The export is built off the request (the PersonalDataExports stream consumer): the GET starts one or answers the latest.
  { method: "GET", path: "/api/users/{id}/export", handler: "users/export", auth: "admin", uses: ["table:write", "s3:get:exports"], summary: "Everything stored about a user: starts building a JSON document, or answers the latest with its download (presigned)" },
  { method: "GET", path: "/api/auth/me/export", handler: "auth/export", auth: "user", uses: ["table:write", "s3:get:exports"], summary: "Everything stored about the signed-in user: starts building a JSON document, or answers the latest with its download (presigned)" },
  // A user's certificates for the console's user page (gsi1 by user, no Scan).
  { method: "GET", path: "/api/users/{id}/certificates", handler: "users/certificates", auth: "admin", uses: ["table:read", "s3:get:certificates"], summary: "A user's certificates, newest first (revoked ones too), with a link to each ready PDF" },

  { method: "GET", path: "/api/audit", handler: "audit/list", auth: "admin", uses: ["table:read"], summary: "The audit log: every admin change with old and new values, grouped by request (filters: target, actor, from, to)" },

  // Learning paths (issue 17): admins group courses in an order; students read the paths holding a course they can open.
  { method: "GET", path: "/api/paths", handler: "paths/list", auth: "user", uses: ["table:read"], summary: "Learning paths with the caller's progress along each: all for an admin, for a student those holding a course they can open" },
  { method: "POST", path: "/api/paths", handler: "paths/create", auth: "admin", uses: ["table:write"], summary: "Create a learning path: courses in an order" },
  { method: "GET", path: "/api/paths/{id}", handler: "paths/get", auth: "user", uses: ["table:read"], summary: "A learning path with the caller's progress in each of its courses" },
  { method: "PUT", path: "/api/paths/{id}", handler: "paths/update", auth: "admin", uses: ["table:write"], summary: "Change a learning path (its course list is replaced whole)" },
  { method: "DELETE", path: "/api/paths/{id}", handler: "paths/delete", auth: "admin", uses: ["table:write"], summary: "Delete a learning path (its courses stay)" },

  // Search (issue 15, core/search/): the catalog index from S3, loaded once per warm function.
  { method: "GET", path: "/api/search", handler: "search/query", auth: "user", uses: ["table:read", "s3:get:searchIndex"],
    // The warm index of 1,000 courses / 20,000 recipes takes about 100 MB RSS (bench:search, docs/search.md); the
    // memory is for the CPU Lambda gives with it (about 0.6 vCPU at 1,024 MB): a query is CPU-bound scoring.
    memoryMB: 1024, summary: "Search courses, lessons and recipes the caller may see (accents, plurals and typos forgiven), with a highlighted snippet" },
] as const satisfies readonly Route[];

/** API Gateway's `routeKey` for a route: `"GET /api/users/{id}"`. */
export function routeKey(route: Pick<Route, "method" | "path">): string {
  return `${route.method} ${route.path}`;
}

const byRouteKey = new Map<string, Route>(routes.map((route) => [routeKey(route), route]));

export function findRoute(key: string): Route | undefined {
  return byRouteKey.get(key);
}
