import { api, describeError } from "../api";
import { formatDateTime, h } from "../dom";
import { activityChart } from "./activity-chart";
import type { View } from "./view";

/** The platform's figures, and a chart of its activity per day. */
export function dashboardView(): View {
  const figures = h("dl", { className: "figures" });
  const message = h("p", { className: "error", role: "alert" });
  const generated = h("p", { className: "hint" });
  const activity = activityChart();

  api((c, headers) => c.GET("/api/dashboard/stats", { headers }))
    .then((stats) => {
      figures.replaceChildren(
        ...figure("Users", `${stats.users.active} active`, `of ${stats.users.total}`),
        ...figure("Courses", `${stats.courses.active} active`, `of ${stats.courses.total}`),
        ...figure("Open enrollments", String(stats.active_enrollments)),
        ...figure("Open memberships", String(stats.active_memberships)),
        ...figure("Lessons completed", String(stats.lesson_completions)),
        ...figure("Comments, last 7 days", String(stats.comments_last_7_days)),
      );
      generated.textContent = `Figures as of ${formatDateTime(stats.generated_at)}.`;
    })
    .catch((error: unknown) => {
      message.textContent = describeError(error);
    });

  return { element: h("section", {}, h("h1", {}, "Dashboard"), message, figures, generated, activity.element), dispose: activity.dispose };
}

function figure(term: string, value: string, detail?: string): HTMLElement[] {
  return [h("div", { className: "card figure" }, h("dt", {}, term), h("dd", {}, h("strong", {}, value), detail ? ` ${detail}` : ""))];
}
