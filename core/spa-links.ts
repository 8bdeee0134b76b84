/**
 * Links to the SPA and to the API's own public pages, as emails carry them. The base URLs come from the stage's
 * configuration (stacks/config.ts `SPA_BASE_URL`; the API's URL from the stack), set on every function that writes
 * links; the local runtime sets its own. Read when used: importing this must not need the environment.
 */
function base(variable: "SPA_BASE_URL" | "API_BASE_URL"): string {
  const value = process.env[variable];
  if (!value) throw new Error(`${variable} is not set: links cannot be written (stacks/config.ts; dev/bindings.ts locally)`);
  return value.replace(/\/+$/, "");
}

/** The SPA's pages that notifications point to. */
export const spa = {
  course: (courseId: string) => `${base("SPA_BASE_URL")}/courses/${encodeURIComponent(courseId)}`,
  thread: (courseId: string, threadId: string) => `${base("SPA_BASE_URL")}/courses/${encodeURIComponent(courseId)}/forum/${encodeURIComponent(threadId)}`,
  lesson: (courseId: string, lessonId: string) => `${base("SPA_BASE_URL")}/courses/${encodeURIComponent(courseId)}/lessons/${encodeURIComponent(lessonId)}`,
  courses: () => `${base("SPA_BASE_URL")}/courses`,
  notificationSettings: () => `${base("SPA_BASE_URL")}/account/notifications`,
};

/** A path of this API as an absolute URL (the one-click unsubscribe link, which works without the SPA). */
export const apiUrl = (path: string): string => `${base("API_BASE_URL")}${path}`;
