import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

/** How many courses one path holds: a path is read whole, with one BatchGet of its courses. */
export const MAX_PATH_COURSES = 50;

/**
 * A learning path (issue 17): courses an admin groups in an order. Its own partition (one GetItem by id); gsi1 holds
 * every path under one key (`paths`), so the list is one Query, never a Scan: there are a few dozen at most, and the
 * student's list reads them all and keeps those with a course the caller can open. The courses are referenced by
 * id, in the path's order; a course deleted later drops out when the path is read (deleting a course does not
 * rewrite the paths that name it).
 */
export const LearningPathEntity = new Entity({
  model: { entity: "learningPath", version: "1", service: SERVICE },
  attributes: {
    path_id: { type: "string", required: true, readOnly: true },
    title: { type: "string", required: true },
    description: { type: "string", required: true, default: "" },
    course_ids: { type: "list", items: { type: "string" }, required: true },
    /** false: a draft, shown to admins only. */
    is_active: { type: "boolean", required: true, default: true },
    created_by: { type: "string", required: true, readOnly: true },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["path_id"] },
      sk: { field: "sk", composite: [] },
    },
    all: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: [], template: "paths" },
      sk: { field: "gsi1sk", composite: ["path_id"] },
    },
  },
});
