import type { EntityItem } from "electrodb";
import type { CourseEntity } from "../db/entities/course";
import type { CourseResponse } from "./schemas";

export type CourseRecord = EntityItem<typeof CourseEntity>;

/**
 * What the API shows of a course. `withAccess` = the caller may see everything of it (admin or an active grant);
 * otherwise the private parts (the WhatsApp group) are left out.
 */
export function toCourseResponse(course: CourseRecord, withAccess: boolean): CourseResponse {
  return {
    id: course.course_id,
    title: course.title,
    description: course.description,
    difficulty_level: course.difficulty_level,
    estimated_duration_minutes: course.estimated_duration_minutes,
    order: course.order,
    is_active: course.is_active,
    created_by: course.created_by,
    created_at: course.created_at,
    updated_at: course.updated_at,
    thumbnail_url: null,
    whatsapp_group_url: withAccess ? (course.whatsapp_group_url ?? null) : null,
    lessons_count: course.lessons_count,
    recipes_count: course.recipes_count,
    enrolled_count: course.enrolled_count,
    comments_count: course.comments_count,
  };
}
