/**
 * The API's shapes, as the OpenAPI document states them (api-schema.d.ts, generated): the console knows the API
 * only through its document, and a change of the document that the console does not follow fails the type check.
 */
import type { FetchResponse } from "openapi-fetch";
import type { components, paths } from "./api-schema";

type Schemas = components["schemas"];

/**
 * An operation's success data as openapi-fetch types it. It differs from the schema where a property's type is just
 * `null` (`access.via` of a course without access): openapi-fetch 0.17 drops such properties from answers
 * (openapi-ts/openapi-typescript#2717), so a view must take the client's type, not the schema's.
 */
type Answer<Operation extends Record<string | number, unknown>> = Extract<FetchResponse<Operation, object, "application/json">, { error?: never }>["data"];

export type Problem = Schemas["Problem"];
export type TokenPair = Schemas["TokenPairResponse"];
export type User = Schemas["UserResponse"];
export type UserProgress = Schemas["UserProgress"];
export type Course = Schemas["CourseResponse"];
export type CoursePage = Answer<paths["/api/courses/{id}"]["get"]>;
export type Lesson = Schemas["LessonResponse"];
export type Recipe = Schemas["RecipeResponse"];
export type PresignedUpload = Schemas["PresignedUploadResponse"];
export type Comment = Schemas["Comment"];
export type DashboardStats = Schemas["DashboardStats"];
export type DashboardActivity = Schemas["DashboardActivity"];
export type Enrollment = Schemas["EnrollmentResponse"];
export type Membership = Schemas["MembershipResponse"];
export type AuditGroup = Schemas["AuditGroup"];
export type AuditChange = Schemas["AuditChange"];
export type EnrollmentImport = Schemas["ImportResponse"];
export type ImportReport = NonNullable<EnrollmentImport["dry_run"]>;
export type Review = Schemas["Review"];
export type Certificate = Schemas["Certificate"];
export type CertificateVerification = Schemas["CertificateVerification"];

/** The states of an uploaded file (recipe photo, lesson video, course thumbnail) as the pipeline reports them. */
export type MediaStatus = Recipe["image_status"];
