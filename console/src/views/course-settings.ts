import { describeError } from "../api";
import type { components } from "../api-schema";
import { h, setValueUnlessEditing, statusLine } from "../dom";
import type { Course } from "../types";
import { showFileState, type FileState } from "./transfers";

type CourseChanges = components["requestBodies"]["UpdateCourseRequest"]["content"]["application/json"];
type Difficulty = Course["difficulty_level"];

const DIFFICULTIES: Record<Difficulty, string> = { BEGINNER: "Beginner", INTERMEDIATE: "Intermediate", ADVANCED: "Advanced" };

export interface CourseSettingsActions {
  update(changes: CourseChanges): Promise<void>;
  setWhatsappGroup(url: string | null): Promise<void>;
  uploadThumbnail(course: Course, file: File): void;
}

/**
 * A course's settings: its text, difficulty, duration, whether students see it, its WhatsApp group link and its
 * thumbnail. Saved with one button; only what changed is sent (the link has an endpoint of its own).
 */
export class CourseSettings {
  readonly element: HTMLElement;
  private course: Course | undefined;
  private readonly title = h("input", { name: "title", required: true });
  private readonly description = h("textarea", { name: "description", rows: 2 });
  private readonly difficulty = h("select", { name: "difficulty_level" }, ...Object.entries(DIFFICULTIES).map(([value, label]) => h("option", { value }, label)));
  private readonly minutes = h("input", { type: "number", name: "estimated_duration_minutes", min: "0", step: "1" });
  private readonly active = h("input", { type: "checkbox", name: "is_active" });
  private readonly whatsapp = h("input", { type: "url", name: "whatsapp_group_url", placeholder: "https://chat.whatsapp.com/…" });
  private readonly thumbnail = h("div", { className: "thumbnail" });
  private readonly thumbnailState = h("div");
  private readonly thumbnailLabel = h("span");
  private readonly message = h("p", { className: "error", role: "alert" });
  private readonly saved = statusLine();
  private shownThumbnail: string | undefined;

  constructor(private readonly actions: CourseSettingsActions) {
    const chooser = h("input", { type: "file", accept: "image/jpeg,image/png,image/webp", className: "visually-hidden" });
    chooser.addEventListener("change", () => {
      const file = chooser.files?.[0];
      if (file && this.course) this.actions.uploadThumbnail(this.course, file);
      chooser.value = "";
    });
    const save = h("button", { type: "submit" }, "Save settings");
    const form = h(
      "form",
      { className: "settings-fields" },
      h("label", {}, "Course title", this.title),
      h("label", { className: "wide" }, "Course description", this.description),
      h("label", {}, "Difficulty", this.difficulty),
      h("label", {}, "Duration (minutes)", this.minutes),
      h("label", { className: "wide" }, "WhatsApp group link", this.whatsapp),
      h("label", { className: "check" }, this.active, "Active: students can see the course"),
      h("div", { className: "actions wide" }, save, this.saved),
      this.message,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      save.disabled = true;
      void this.save().finally(() => {
        save.disabled = false;
      });
    });
    this.element = h(
      "details",
      { className: "card settings" },
      h("summary", {}, h("h2", {}, "Course settings")),
      h(
        "div",
        { className: "settings-body" },
        h("div", { className: "thumbnail-box" }, this.thumbnail, this.thumbnailState, h("label", { className: "button" }, this.thumbnailLabel, chooser)),
        form,
      ),
    );
  }

  show(course: Course, thumbnail: FileState): void {
    this.course = course;
    setValueUnlessEditing(this.title, course.title);
    if (document.activeElement !== this.description) this.description.value = course.description;
    if (document.activeElement !== this.difficulty) this.difficulty.value = course.difficulty_level;
    setValueUnlessEditing(this.minutes, String(course.estimated_duration_minutes));
    if (document.activeElement !== this.active) this.active.checked = course.is_active;
    setValueUnlessEditing(this.whatsapp, course.whatsapp_group_url ?? "");
    this.thumbnailLabel.textContent = course.thumbnail_status === "none" ? "Add thumbnail" : "Replace thumbnail";
    this.showThumbnailState(thumbnail);
    const url = course.thumbnail_url;
    const path = url === null ? undefined : new URL(url).pathname;
    if (path !== this.shownThumbnail) {
      this.shownThumbnail = path;
      this.thumbnail.replaceChildren(url === null ? h("span", { className: "hint" }, "No thumbnail") : h("img", { src: url, alt: `Thumbnail of ${course.title}` }));
    }
  }

  showThumbnailState(state: FileState): void {
    showFileState(this.thumbnailState, state);
  }

  private async save(): Promise<void> {
    const course = this.course;
    if (!course) return;
    this.message.textContent = "";
    this.saved.textContent = "";
    const changes: CourseChanges = {};
    if (this.title.value !== course.title) changes.title = this.title.value;
    if (this.description.value !== course.description) changes.description = this.description.value;
    if (this.difficulty.value !== course.difficulty_level) changes.difficulty_level = this.difficulty.value as Difficulty;
    if (this.minutes.valueAsNumber !== course.estimated_duration_minutes) changes.estimated_duration_minutes = this.minutes.valueAsNumber;
    if (this.active.checked !== course.is_active) changes.is_active = this.active.checked;
    const link = this.whatsapp.value.trim() === "" ? null : this.whatsapp.value.trim();
    try {
      if (Object.keys(changes).length > 0) await this.actions.update(changes);
      if (link !== course.whatsapp_group_url) await this.actions.setWhatsappGroup(link);
      this.saved.textContent = "Saved.";
    } catch (error) {
      this.message.textContent = describeError(error);
    }
  }
}
