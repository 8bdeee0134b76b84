import type { EntityItem } from "electrodb";
import type { CourseEntity } from "../db/entities/course";
import { fileUrl, pdfDownloadName, pdfStatus } from "../media/urls";
import type { CourseResponse } from "./schemas";
import { ratingOf } from "../reviews/rating";

export type CourseRecord = EntityItem<typeof CourseEntity>;

/**
 * What the API shows of a course. `withAccess` = the caller may see everything of it (admin or an active grant);
 * otherwise the private parts (the WhatsApp group, every file URL) are left out. Async because file URLs are
 * presigned (computed locally, no request).
 */
export async function toCourseResponse(course: CourseRecord, withAccess: boolean): Promise<CourseResponse> {
  return {
    id: course.course_id,
    title: course.title,
    description: course.description,
    difficulty_level: course.difficulty_level,
    estimated_duration_minutes: course.estimated_duration_minutes,
    order: course.order,
    is_active: course.is_active,
    tags: course.tags ?? [],
    created_by: course.created_by,
    created_at: course.created_at,
    updated_at: course.updated_at,
    thumbnail_url: await fileUrl(course.thumbnail_key, withAccess),
    thumbnail_status: course.thumbnail_status,
    thumbnail_error: course.thumbnail_error ?? null,
    whatsapp_group_url: withAccess ? (course.whatsapp_group_url ?? null) : null,
    lessons_count: course.lessons_count,
    recipes_count: course.recipes_count,
    enrolled_count: course.enrolled_count,
    comments_count: course.comments_count,
    ...ratingOf(course),
    consolidated_recipe_pdf: {
      status: pdfStatus(course),
      revision: course.pdf_revision,
      page_count: course.pdf_page_count ?? null,
      size_bytes: course.pdf_size_bytes ?? null,
      updated_at: course.pdf_updated_at ?? null,
    },
    consolidated_recipe_pdf_url: await fileUrl(course.pdf_key, withAccess, pdfDownloadName(course)),
  };
}
