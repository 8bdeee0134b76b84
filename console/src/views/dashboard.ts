import { api, describeError } from "../api";
import { formatDateTime, h } from "../dom";
import type { DashboardStats } from "../types";
import type { View } from "./view";

const SVG = "http://www.w3.org/2000/svg";

/** The platform's figures, and a chart of its activity. */
export function dashboardView(): View {
  const figures = h("dl", { className: "figures" });
  const chart = h("figure", { className: "card chart" });
  const message = h("p", { className: "error", role: "alert" });
  const generated = h("p", { className: "hint" });

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
      chart.replaceChildren(h("figcaption", {}, h("h2", {}, "Activity")), activityChart(stats));
      generated.textContent = `Figures as of ${formatDateTime(stats.generated_at)}.`;
    })
    .catch((error: unknown) => {
      message.textContent = describeError(error);
    });

  return { element: h("section", {}, h("h1", {}, "Dashboard"), message, figures, chart, generated) };
}

function figure(term: string, value: string, detail?: string): HTMLElement[] {
  return [h("div", { className: "card figure" }, h("dt", {}, term), h("dd", {}, h("strong", {}, value), detail ? ` ${detail}` : ""))];
}

/**
 * A horizontal bar per activity figure, scaled to the largest. Drawn as SVG from the figures (no chart library);
 * each bar carries its number as text, and the chart as a whole is one image with the figures in its name.
 */
function activityChart(stats: DashboardStats): SVGSVGElement {
  const bars = [
    { label: "Active users", value: stats.users.active },
    { label: "Open enrollments", value: stats.active_enrollments },
    { label: "Open memberships", value: stats.active_memberships },
    { label: "Lessons completed", value: stats.lesson_completions },
    { label: "Comments, last 7 days", value: stats.comments_last_7_days },
  ];
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const rowHeight = 34;
  const labelWidth = 170;
  const barWidth = 300;
  const svg = svgElement("svg", { viewBox: `0 0 ${labelWidth + barWidth + 60} ${bars.length * rowHeight}`, role: "img", class: "bars" });
  svg.setAttribute("aria-label", `Activity: ${bars.map((bar) => `${bar.label} ${bar.value}`).join(", ")}`);
  bars.forEach((bar, index) => {
    const y = index * rowHeight;
    const width = Math.round((bar.value / max) * barWidth);
    const group = svgElement("g", { "data-label": bar.label, "data-value": String(bar.value) });
    group.append(
      svgText(bar.label, { x: "0", y: String(y + 21), class: "bar-label" }),
      svgElement("rect", { x: String(labelWidth), y: String(y + 6), width: String(Math.max(width, 2)), height: "20", rx: "3", class: "bar" }),
      svgText(String(bar.value), { x: String(labelWidth + Math.max(width, 2) + 8), y: String(y + 21), class: "bar-value" }),
    );
    svg.append(group);
  });
  return svg;
}

function svgElement<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function svgText(text: string, attributes: Record<string, string>): SVGTextElement {
  const element = svgElement("text", attributes);
  element.textContent = text;
  return element;
}
