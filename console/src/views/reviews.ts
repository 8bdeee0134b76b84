import { api, describeError } from "../api";
import { count, formatDateTime, h } from "../dom";
import type { Course, Review } from "../types";

/** Reviews shown on a course's page, newest first. */
const PAGE_SIZE = 50;

/**
 * A course's reviews and its rating: each review to hide (it leaves the course's rating and students' lists) or show
 * again. The rating is the course's, as the API counts it (shown reviews only).
 */
export function reviewsPanel(courseId: string, courseChanged: () => void): { element: HTMLElement; show(course: Course): void; load(): void } {
  const rating = h("p", { className: "rating", role: "status" });
  const list = h("ul", { className: "rows reviews" });
  const message = h("p", { className: "error", role: "alert" });

  function load(): void {
    api((c, headers) => c.GET("/api/courses/{id}/reviews", { headers, params: { path: { id: courseId }, query: { limit: PAGE_SIZE } } }))
      .then((page) => {
        list.replaceChildren(...(page.items.length ? page.items.map(reviewItem) : [h("li", { className: "hint" }, "No reviews yet.")]));
      })
      .catch((error: unknown) => {
        message.textContent = describeError(error);
      });
  }

  function reviewItem(review: Review): HTMLElement {
    const errors = h("p", { className: "error", role: "alert" });
    const toggle = h("button", { type: "button" }, review.is_active ? "Hide" : "Show");
    const author = review.author_name ?? "A deleted user";
    toggle.addEventListener("click", () => {
      errors.textContent = "";
      toggle.disabled = true;
      api((c, headers) => c.PUT("/api/reviews/{id}/moderate", { headers, params: { path: { id: review.id } }, body: { is_active: !review.is_active } }))
        .then(() => {
          load();
          courseChanged();
        })
        .catch((error: unknown) => {
          errors.textContent = describeError(error);
          toggle.disabled = false;
        });
    });
    return h(
      "li",
      { className: `row review${review.is_active ? "" : " hidden-comment"}`, ariaLabel: `Review by ${author}` },
      h("p", { className: "meta" }, h("strong", {}, author), ` · ${stars(review.rating)} · ${formatDateTime(review.created_at)}`),
      h("p", { className: "content" }, review.text ?? "(a rating without text)"),
      h("span", { className: review.is_active ? "badge ok" : "badge off" }, review.is_active ? "Visible" : "Hidden"),
      h("div", { className: "actions" }, toggle),
      errors,
    );
  }

  return {
    element: h(
      "section",
      { className: "reviews-panel" },
      h("h2", {}, "Reviews"),
      rating,
      h("p", { className: "hint" }, "A hidden review disappears for students and no longer counts in the rating; it can be shown again."),
      message,
      list,
    ),
    show(course) {
      rating.textContent = course.rating_avg === null ? "No rating yet." : `Rating ${course.rating_avg.toFixed(2)} of 5 from ${count(course.rating_count, "review")}.`;
    },
    load,
  };
}

/** "4 of 5" as a person reads it (the stars alone would say nothing to a screen reader). */
const stars = (rating: number) => `${"★".repeat(rating)}${"☆".repeat(Math.max(0, 5 - rating))} (${rating} of 5)`;
