import { api, describeError } from "../api";
import { count, formatDateTime, h } from "../dom";
import type { EnrollmentImport, ImportReport } from "../types";
import { IMPORT_ACCEPT, uploadImportFile } from "../upload";
import type { View } from "./view";

/** How often the page asks for the import while its dry run or its application runs off the request. */
const POLL_MS = 1000;

/** What each row's result means, in words. */
const RESULTS: Record<keyof ImportReport["summary"], string> = {
  rows: "Rows",
  created: "Created",
  already_enrolled: "Already enrolled",
  extended: "Extended",
  unknown_email: "Unknown email",
  unknown_course: "Unknown course",
  bad_date: "Bad date",
  duplicate: "Duplicate",
  invalid: "Invalid",
};
const PROBLEMS = new Set(["unknown_email", "unknown_course", "bad_date", "duplicate", "invalid"]);

/**
 * Bulk enrollment from a CSV (`email, course id or title, expires_at?`): the file goes to storage, the API checks it
 * off the request and reports row by row what applying would do; the admin reads that dry run, then applies it.
 */
export function importsView(): View {
  const file = h("input", { type: "file", name: "file", accept: IMPORT_ACCEPT, required: true });
  const send = h("button", { type: "submit" }, "Upload and check");
  const progress = h("progress", { max: 1, value: 0, hidden: true, ariaLabel: "Upload" });
  const message = h("p", { className: "error", role: "alert" });
  const status = h("p", { className: "hint", role: "status" });
  const apply = h("button", { type: "button", hidden: true }, "Apply");
  const report = h("div", { className: "report" });
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const form = h(
    "form",
    { className: "grid-form" },
    h("label", {}, "CSV file (email, course id or title, end date; comma or semicolon)", file),
    progress,
    h("div", { className: "actions" }, send),
  );

  function show(current: EnrollmentImport): void {
    const name = current.filename ?? "The file";
    apply.hidden = current.status !== "checked";
    switch (current.status) {
      case "awaiting_upload":
      case "checking":
        status.textContent = `Checking ${name}…`;
        break;
      case "checked":
        status.textContent = `Dry run of ${name}: nothing is changed until you apply it.`;
        break;
      case "applying":
        status.textContent = `Applying ${name}…`;
        break;
      case "applied":
        status.textContent = `Applied ${current.applied_at ? formatDateTime(current.applied_at) : ""}.`;
        break;
      case "failed":
        status.textContent = "";
        message.textContent = current.error ?? `${name} could not be read.`;
        break;
    }
    const shown = current.applied ?? current.dry_run;
    report.replaceChildren(shown ? reportTable(shown, current.applied ? "Applied" : "Dry run") : "");
  }

  /** Follows the import until it waits for the admin (checked) or is over (applied, failed). */
  function follow(id: string): void {
    clearTimeout(timer);
    api((c, headers) => c.GET("/api/enrollments/import/{id}", { headers, params: { path: { id } } }))
      .then((current) => {
        if (disposed) return;
        show(current);
        if (current.status === "awaiting_upload" || current.status === "checking" || current.status === "applying") timer = setTimeout(() => follow(id), POLL_MS);
      })
      .catch((error: unknown) => {
        message.textContent = describeError(error);
      });
  }

  let importId: string | undefined;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return;
    message.textContent = "";
    report.replaceChildren();
    apply.hidden = true;
    send.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    uploadImportFile(chosen, (fraction) => (progress.value = fraction))
      .then((started) => {
        importId = started.id;
        show(started);
        follow(started.id);
      })
      .catch((error: unknown) => {
        message.textContent = describeError(error);
      })
      .finally(() => {
        send.disabled = false;
        progress.hidden = true;
      });
  });

  apply.addEventListener("click", () => {
    if (!importId) return;
    const id = importId;
    apply.disabled = true;
    message.textContent = "";
    api((c, headers) => c.POST("/api/enrollments/import/{id}/apply", { headers, params: { path: { id } } }))
      .then((current) => {
        show(current);
        follow(id);
      })
      .catch((error: unknown) => {
        message.textContent = describeError(error);
      })
      .finally(() => {
        apply.disabled = false;
      });
  });

  return {
    element: h(
      "section",
      {},
      h("h1", {}, "Enrollment import"),
      h(
        "p",
        { className: "hint" },
        "Enroll many students at once from a spreadsheet saved as CSV (UTF-8), at most 5,000 rows: email, course (its id or its exact title), and an optional end date. The file is checked first; nothing changes until you apply it, and applying the same file again changes nothing.",
      ),
      form,
      message,
      h("div", { className: "actions" }, status, apply),
      report,
    ),
    dispose: () => {
      disposed = true;
      clearTimeout(timer);
    },
  };
}

function reportTable(shown: ImportReport, title: string): HTMLElement {
  const totals = (Object.keys(RESULTS) as Array<keyof ImportReport["summary"]>).filter((key) => key === "rows" || shown.summary[key] > 0);
  return h(
    "div",
    {},
    h("h2", {}, title),
    h("ul", { className: "summary", ariaLabel: `${title} summary` }, ...totals.map((key) => h("li", {}, `${RESULTS[key]}: ${shown.summary[key]}`))),
    h("p", {}, h("a", { href: shown.report_url, download: "" }, `Download the report (${count(shown.rows.length, "row")}, CSV)`)),
    h(
      "div",
      // A region the keyboard can reach: on a phone the table scrolls sideways inside it.
      { className: "table-wrap", tabIndex: 0, role: "region", ariaLabel: `${title}, row by row` },
      h(
        "table",
        {},
        h("caption", { className: "visually-hidden" }, `${title}, row by row`),
        h("thead", {}, h("tr", {}, ...["Line", "Email", "Course", "Ends", "Result", "Detail"].map((label) => h("th", { scope: "col" }, label)))),
        h(
          "tbody",
          {},
          ...shown.rows.map((row) =>
            h(
              "tr",
              { className: PROBLEMS.has(row.result) ? "problem" : "" },
              h("td", {}, String(row.line)),
              h("td", {}, row.email),
              h("td", {}, row.course),
              h("td", {}, row.expires_at || "—"),
              h("td", {}, h("span", { className: `badge ${PROBLEMS.has(row.result) ? "off" : "ok"}` }, RESULTS[row.result])),
              h("td", {}, row.detail),
            ),
          ),
        ),
      ),
    ),
  );
}
