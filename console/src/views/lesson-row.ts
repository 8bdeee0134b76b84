import { describeError } from "../api";
import type { components } from "../api-schema";
import { h, setValueUnlessEditing } from "../dom";
import type { Lesson } from "../types";
import { showFileState, type FileState } from "./transfers";

type LessonChanges = components["requestBodies"]["UpdateLessonRequest"]["content"]["application/json"];

export interface LessonActions {
  update(lessonId: string, changes: LessonChanges): Promise<void>;
  uploadVideo(lesson: Lesson, file: File): void;
}

/** One lesson: its title, its video (playable once ready) and its state, and a form for its text and visibility. */
export class LessonRow {
  readonly element: HTMLLIElement;
  private lesson: Lesson;
  private readonly heading = h("span", { className: "title" });
  private readonly fileState = h("div");
  private readonly chooseLabel = h("span");
  private readonly player = h("div", { className: "player" });
  private readonly duration = h("span", { className: "duration" });
  private readonly title = h("input", { name: "title", required: true });
  private readonly description = h("textarea", { name: "description", rows: 3 });
  private readonly preview = h("input", { type: "checkbox", name: "is_preview" });
  private readonly active = h("input", { type: "checkbox", name: "is_active" });
  private readonly message = h("p", { className: "error", role: "alert" });
  /** The stored video's path: presigned URLs change on every refresh, and a new src would restart the player. */
  private shownVideo: string | undefined;

  constructor(lesson: Lesson, state: FileState, private readonly actions: LessonActions) {
    this.lesson = lesson;
    const chooser = h("input", { type: "file", accept: "video/mp4,video/webm,video/quicktime", className: "visually-hidden" });
    chooser.addEventListener("change", () => {
      const file = chooser.files?.[0];
      if (file) this.actions.uploadVideo(this.lesson, file);
      chooser.value = "";
    });
    const save = h("button", { type: "submit" }, "Save lesson");
    const form = h(
      "form",
      { className: "edit" },
      h("label", {}, "Lesson title", this.title),
      h("label", {}, "Lesson description", this.description),
      h("label", { className: "check" }, this.preview, "Preview: anyone signed in may watch it"),
      h("label", { className: "check" }, this.active, "Active"),
      h("div", { className: "actions" }, save),
      this.message,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.save();
    });
    this.element = h(
      "li",
      { className: "lesson" },
      h("div", { className: "lesson-head" }, this.heading, this.fileState, this.duration, h("label", { className: "button" }, this.chooseLabel, chooser)),
      this.player,
      h("details", {}, h("summary", {}, "Edit lesson"), form),
    );
    this.update(lesson, state);
  }

  update(lesson: Lesson, state: FileState): void {
    this.lesson = lesson;
    this.element.setAttribute("aria-label", lesson.title);
    this.heading.textContent = `${lesson.order}. ${lesson.title}${lesson.is_active ? "" : " (inactive)"}`;
    this.chooseLabel.textContent = lesson.video_status === "none" ? "Upload video" : "Replace video";
    setValueUnlessEditing(this.title, lesson.title);
    if (document.activeElement !== this.description) this.description.value = lesson.description ?? "";
    if (document.activeElement !== this.preview) this.preview.checked = lesson.is_preview;
    if (document.activeElement !== this.active) this.active.checked = lesson.is_active;
    this.showState(state);
    this.showVideo(lesson.video_status === "ready" ? lesson.video_url : null);
    this.duration.textContent = lesson.video_status === "ready" && lesson.video_duration !== null ? `Length ${formatDuration(lesson.video_duration)}` : "";
  }

  showState(state: FileState): void {
    showFileState(this.fileState, state);
  }

  private showVideo(url: string | null): void {
    const path = url === null ? undefined : new URL(url).pathname;
    if (path === this.shownVideo) return;
    this.shownVideo = path;
    this.player.replaceChildren(
      url === null ? "" : h("video", { src: url, controls: true, preload: "metadata", playsInline: true, ariaLabel: `Video of ${this.lesson.title}` }),
    );
  }

  private async save(): Promise<void> {
    const lesson = this.lesson;
    const changes: LessonChanges = {};
    if (this.title.value !== lesson.title) changes.title = this.title.value;
    const description = this.description.value === "" ? null : this.description.value;
    if (description !== lesson.description) changes.description = description;
    if (this.preview.checked !== lesson.is_preview) changes.is_preview = this.preview.checked;
    if (this.active.checked !== lesson.is_active) changes.is_active = this.active.checked;
    this.message.textContent = "";
    if (Object.keys(changes).length === 0) return;
    try {
      await this.actions.update(lesson.id, changes);
    } catch (error) {
      this.message.textContent = describeError(error);
    }
  }
}

/** A video's length as a clock reads it: 0:07, 12:30, 1:02:05. */
function formatDuration(seconds: number): string {
  const total = Math.round(seconds);
  const [hours, minutes, rest] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (n: number) => String(n).padStart(2, "0");
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(rest)}` : `${minutes}:${pad(rest)}`;
}
