import { api, describeError } from "../api";
import { count, formatDateTime, h } from "../dom";
import type { AuditChange, AuditGroup } from "../types";
import type { View } from "./view";

/** Changes per page (the API's `limit` counts changes, not requests). */
const PAGE_SIZE = 50;

/**
 * The audit log: every admin change, grouped by the request that made it, newest first, with each field's old and new
 * value. Filters: an item's id (its whole history), an admin's id, and a period (whole days in the admin's time zone).
 */
export function auditView(): View {
  const target = h("input", { name: "target", autocomplete: "off" });
  const actor = h("input", { name: "actor", autocomplete: "off" });
  const from = h("input", { type: "date", name: "from" });
  const to = h("input", { type: "date", name: "to" });
  const message = h("p", { className: "error", role: "alert" });
  const summary = h("p", { className: "hint", role: "status" }, "Loading the audit log…");
  const list = h("ol", { className: "rows audit" });
  const more = h("button", { type: "button", hidden: true }, "Load more");
  let cursor: string | null = null;
  let shown = 0;

  const filters = h(
    "form",
    { className: "filters", role: "search", ariaLabel: "Filter the audit log" },
    h("label", {}, "Item id", target),
    h("label", {}, "Admin's user id", actor),
    h("label", {}, "From (day)", from),
    h("label", {}, "To (day, included)", to),
    h("button", { type: "submit" }, "Filter"),
  );

  function query() {
    const day = (value: string, offsetDays: number) => {
      const start = new Date(`${value}T00:00:00`);
      start.setDate(start.getDate() + offsetDays);
      return start.toISOString();
    };
    return {
      limit: PAGE_SIZE,
      ...(target.value.trim() ? { target: target.value.trim() } : {}),
      ...(actor.value.trim() ? { actor: actor.value.trim() } : {}),
      ...(from.value ? { from: day(from.value, 0) } : {}),
      // "To" names the last day wanted: the API's `to` is exclusive, so it is the start of the next day.
      ...(to.value ? { to: day(to.value, 1) } : {}),
    };
  }

  async function load(append: boolean): Promise<void> {
    message.textContent = "";
    if (from.value && to.value && to.value < from.value) {
      message.textContent = "The last day must not come before the first.";
      return;
    }
    more.disabled = true;
    try {
      const page = await api((c, headers) => c.GET("/api/audit", { headers, params: { query: { ...query(), ...(append && cursor ? { cursor } : {}) } } }));
      if (!append) {
        list.replaceChildren();
        shown = 0;
      }
      list.append(...page.items.map(groupItem));
      shown += page.items.reduce((sum, group) => sum + group.changes.length, 0);
      cursor = page.next_cursor;
      more.hidden = cursor === null;
      summary.textContent = shown === 0 ? "No change matches." : `${count(shown, "change")} shown${cursor ? "; more below" : ""}.`;
    } catch (error) {
      message.textContent = describeError(error);
    } finally {
      more.disabled = false;
    }
  }

  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    void load(false);
  });
  more.addEventListener("click", () => void load(true));
  void load(false);

  return {
    element: h(
      "section",
      {},
      h("h1", {}, "Audit log"),
      h("p", { className: "hint" }, "Who changed what, and when: every admin write, with the old and new value of each field. Secrets are never shown."),
      filters,
      message,
      summary,
      list,
      more,
    ),
  };
}

function groupItem(group: AuditGroup): HTMLElement {
  const who = group.actor.full_name ?? group.actor.email ?? group.actor.id;
  return h(
    "li",
    { className: "row audit-group", ariaLabel: `${group.route} by ${who}` },
    h("p", { className: "meta" }, h("strong", {}, group.route), ` · ${who}`, group.actor.email && group.actor.full_name ? ` (${group.actor.email})` : "", ` · ${formatDateTime(group.at)}`),
    h("ul", { className: "changes" }, ...group.changes.map(changeItem)),
  );
}

function changeItem(change: AuditChange): HTMLElement {
  return h(
    "li",
    {},
    h("p", {}, h("span", { className: `badge ${change.action === "deleted" ? "off" : "ok"}` }, change.action), ` ${change.target.type} `, h("code", {}, change.target.id)),
    change.fields.length === 0
      ? ""
      : h(
          "div",
          // A region the keyboard can reach: on a phone a wide table scrolls sideways inside it.
          { className: "table-wrap", tabIndex: 0, role: "region", ariaLabel: `Fields of ${change.target.type} ${change.target.id}` },
          h(
            "table",
            {},
            h("caption", { className: "visually-hidden" }, `Fields of the ${change.target.type} ${change.action}`),
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Field"), h("th", { scope: "col" }, "Before"), h("th", { scope: "col" }, "After"))),
            h(
              "tbody",
              {},
              ...change.fields.map((field) =>
                h("tr", {}, h("th", { scope: "row" }, field.name), h("td", {}, field.redacted ? "(secret)" : shownValue(field.old)), h("td", {}, field.redacted ? "(secret, changed)" : shownValue(field.new, field.truncated))),
              ),
            ),
          ),
        ),
  );
}

/** A field's value as text: strings as they are, none as a dash, anything else as JSON. */
function shownValue(value: unknown, truncated?: boolean): string {
  const text = value === null || value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value);
  return truncated ? `${text} …` : text;
}
