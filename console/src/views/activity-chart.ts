import { api, describeError } from "../api";
import { count, h } from "../dom";
import { axisTicks } from "../scale";
import type { DashboardActivity } from "../types";
import type { View } from "./view";

const SVG = "http://www.w3.org/2000/svg";
type Day = DashboardActivity["days"][number];
type Key = Exclude<keyof Day, "date">;

/**
 * The four counters, each told apart by colour, marker shape and dash pattern (not by colour alone). Every colour
 * reads at 4.8:1 or more on the card's white, above the 3:1 that WCAG asks of graphics.
 */
const SERIES: ReadonlyArray<{ key: Key; name: string; one: string; many: string; colour: string; marker: Marker; dash: string }> = [
  { key: "new_users", name: "New users", one: "new user", many: "new users", colour: "#0b5fa5", marker: "circle", dash: "" },
  { key: "new_enrollments", name: "New enrollments", one: "new enrollment", many: "new enrollments", colour: "#c0430c", marker: "square", dash: "7 4" },
  { key: "lesson_completions", name: "Lessons completed", one: "lesson completed", many: "lessons completed", colour: "#1b7a5a", marker: "triangle", dash: "2 3" },
  { key: "comments", name: "Comments", one: "comment", many: "comments", colour: "#7b3294", marker: "diamond", dash: "9 3 2 3" },
];
type Marker = "circle" | "square" | "triangle" | "diamond";

const RANGES = [7, 30, 90] as const;
const DEFAULT_RANGE = 30;
/** The chart's room around the plot, in CSS pixels (the SVG is drawn at its box's width, one unit a pixel). */
const MARGIN = { top: 14, right: 26, bottom: 30 };

/**
 * The platform's activity per UTC day (GET /api/dashboard/activity): a line per counter over the last 7, 30 or 90
 * days, a legend with each counter's total, and the same figures as a table. Drawn as SVG from the data (no chart
 * library), at the width of its box: redrawn when that changes, so its text stays the page's size on a phone.
 */
export function activityChart(): View {
  const message = h("p", { className: "error", role: "alert" });
  const status = h("p", { className: "hint", role: "status" });
  const plot = h("div", { className: "plot" });
  const legend = h("ul", { className: "legend" });
  legend.setAttribute("aria-label", "Totals over the period");
  // Scrolls sideways when the table is wider than a phone: focusable, so that a keyboard can scroll it too.
  const table = h("div", { className: "table-wrap", tabIndex: 0, role: "region", ariaLabel: "Activity per day, as a table" });
  // The figure is named by its heading alone, not by the whole caption with the period's buttons.
  const heading = h("h2", { id: "activity-heading" }, "Activity");
  const range = h("fieldset", { className: "range" }, h("legend", {}, "Period"));
  for (const days of RANGES) {
    const input = h("input", { type: "radio", name: "activity-range", value: String(days), checked: days === DEFAULT_RANGE });
    input.addEventListener("change", () => input.checked && load(days));
    range.append(h("label", {}, input, `${days} days`));
  }

  let data: Day[] | undefined;
  let width = 0;
  let latest = 0;
  const draw = () => {
    if (data && width > 0) plot.replaceChildren(lineChart(data, width));
  };
  const observer = new ResizeObserver(([entry]) => {
    const next = Math.round(entry?.contentRect.width ?? 0);
    if (next === width) return;
    width = next;
    draw();
  });
  observer.observe(plot);

  function load(days: number): void {
    const request = (latest += 1);
    plot.setAttribute("aria-busy", "true");
    status.textContent = `Loading the last ${days} days…`;
    message.textContent = "";
    api((c, headers) => c.GET("/api/dashboard/activity", { headers, params: { query: { days } } }))
      .then((activity) => {
        // A slower answer for a period no longer chosen is dropped.
        if (request !== latest) return;
        data = activity.days;
        draw();
        legend.replaceChildren(...SERIES.map((series) => legendItem(series, total(activity.days, series.key))));
        table.replaceChildren(dayTable(activity.days));
        status.textContent = `Per UTC day, the last ${days} days, today included.`;
      })
      .catch((error: unknown) => {
        if (request !== latest) return;
        // Nothing of the period chosen before is left to be read as this one's.
        data = undefined;
        for (const shown of [plot, legend, table]) shown.replaceChildren();
        status.textContent = "";
        message.textContent = describeError(error);
      })
      .finally(() => request === latest && plot.removeAttribute("aria-busy"));
  }
  load(DEFAULT_RANGE);

  const element = h(
    "figure",
    { className: "card chart activity" },
    h("figcaption", {}, heading, range),
    status,
    message,
    plot,
    legend,
    h("details", {}, h("summary", {}, "Show the figures as a table"), table),
  );
  element.setAttribute("aria-labelledby", heading.id);
  return { element, dispose: () => observer.disconnect() };
}

const total = (days: Day[], key: Key) => days.reduce((sum, day) => sum + day[key], 0);

/** "8 Dec" (or "Dec 8", as the browser's language writes it): the API's dates are UTC days. */
const shortDate = (date: string) => new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
const round = (n: number) => Math.round(n * 100) / 100;

function lineChart(days: Day[], width: number): SVGSVGElement {
  const height = Math.round(Math.min(320, Math.max(200, width * 0.4)));
  const ticks = axisTicks(Math.max(0, ...days.flatMap((day) => SERIES.map((series) => day[series.key]))));
  const top = ticks.at(-1)!;
  const left = 16 + 8 * String(top).length;
  const plotWidth = width - left - MARGIN.right;
  const bottom = height - MARGIN.bottom;
  const x = (index: number) => round(days.length === 1 ? left + plotWidth / 2 : left + (index / (days.length - 1)) * plotWidth);
  const y = (value: number) => round(bottom - (value / top) * (bottom - MARGIN.top));

  const svg = svgElement("svg", { viewBox: `0 0 ${width} ${height}`, role: "img" });
  const totals = SERIES.map((series) => count(total(days, series.key), series.one, series.many)).join(", ");
  svg.setAttribute("aria-label", `Activity per day over the last ${count(days.length, "day")}, a line per figure. Totals: ${totals}.`);

  const yAxis = svgElement("g", { class: "y-axis" });
  for (const tick of ticks) {
    yAxis.append(
      svgElement("line", { x1: String(left), x2: String(left + plotWidth), y1: String(y(tick)), y2: String(y(tick)), class: tick === 0 ? "baseline" : "grid" }),
      svgText(String(tick), { x: String(left - 8), y: String(y(tick)), "text-anchor": "end", "dominant-baseline": "middle", "data-value": String(tick) }),
    );
  }

  // As many date labels as fit (one per 64 px), evenly spaced and counted back from today, which always has one.
  const xAxis = svgElement("g", { class: "x-axis" });
  const step = Math.max(1, Math.ceil(days.length / Math.max(1, Math.floor(plotWidth / 64))));
  for (let index = days.length - 1; index >= 0; index -= step) {
    xAxis.append(
      svgElement("line", { x1: String(x(index)), x2: String(x(index)), y1: String(bottom), y2: String(bottom + 4) }),
      svgText(shortDate(days[index]!.date), { x: String(x(index)), y: String(bottom + 18), "text-anchor": "middle" }),
    );
  }

  // Markers shrink with the room per day, so that 90 days at phone width stay a line and not a smear.
  const size = Math.max(1.6, Math.min(4, plotWidth / Math.max(1, days.length - 1) / 3));
  const lines = SERIES.map((series) => {
    const group = svgElement("g", { class: "series", "data-series": series.key, stroke: series.colour, fill: series.colour });
    group.append(
      svgElement("polyline", { points: days.map((day, index) => `${x(index)},${y(day[series.key])}`).join(" "), fill: "none", "stroke-dasharray": series.dash }),
      ...days.map((day, index) => {
        const point = svgElement("path", { d: markerPath(series.marker, size), transform: `translate(${x(index)} ${y(day[series.key])})`, "data-date": day.date, class: "point" });
        point.append(svgText(`${shortDate(day.date)}: ${count(day[series.key], series.one, series.many)}`, {}, "title"));
        return point;
      }),
    );
    return group;
  });
  svg.append(yAxis, xAxis, ...lines);
  return svg;
}

/** A marker's outline centred on 0,0, about `size` from its centre to its edge. */
function markerPath(marker: Marker, size: number): string {
  const s = round(size);
  const t = round(size * 1.25);
  switch (marker) {
    case "circle": return `M ${-s} 0 a ${s} ${s} 0 1 0 ${2 * s} 0 a ${s} ${s} 0 1 0 ${-2 * s} 0 Z`;
    case "square": return `M ${-s} ${-s} H ${s} V ${s} H ${-s} Z`;
    case "triangle": return `M 0 ${-t} L ${t} ${round(t * 0.8)} H ${-t} Z`;
    case "diamond": return `M 0 ${-t} L ${t} 0 L 0 ${t} L ${-t} 0 Z`;
  }
}

function legendItem(series: (typeof SERIES)[number], sum: number): HTMLLIElement {
  const swatch = svgElement("svg", { viewBox: "0 0 28 12", width: "28", height: "12", "aria-hidden": "true", stroke: series.colour, fill: series.colour });
  swatch.append(
    svgElement("line", { x1: "1", x2: "27", y1: "6", y2: "6", "stroke-dasharray": series.dash }),
    svgElement("path", { d: markerPath(series.marker, 3.5), transform: "translate(14 6)", class: "point" }),
  );
  return h("li", { className: "legend-item" }, swatch, h("span", { className: "name" }, series.name), " ", h("strong", { className: "total" }, String(sum)));
}

function dayTable(days: Day[]): HTMLTableElement {
  return h(
    "table",
    { className: "days" },
    h("caption", {}, `Activity per UTC day, the last ${count(days.length, "day")}, oldest first`),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Day"), ...SERIES.map((series) => h("th", { scope: "col" }, series.name)))),
    h(
      "tbody",
      {},
      ...days.map((day) =>
        h("tr", {}, h("th", { scope: "row" }, h("time", { dateTime: day.date }, shortDate(day.date))), ...SERIES.map((series) => h("td", {}, String(day[series.key])))),
      ),
    ),
    h("tfoot", {}, h("tr", {}, h("th", { scope: "row" }, "Total"), ...SERIES.map((series) => h("td", {}, String(total(days, series.key)))))),
  );
}

function svgElement<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== "") element.setAttribute(name, value);
  return element;
}

function svgText(text: string, attributes: Record<string, string>, tag: "text" | "title" = "text"): SVGElement {
  const element = svgElement(tag, attributes);
  element.textContent = text;
  return element;
}
