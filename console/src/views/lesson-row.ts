import { h } from "../dom";
import type { Lesson } from "../types";
import { showFileState, type FileState } from "./transfers";

/** One lesson: its title, its video's state and a button to upload the video. */
export class LessonRow {
  readonly element: HTMLLIElement;
  private lesson: Lesson;
  private readonly title = h("span", { className: "title" });
  private readonly fileState = h("div");
  private readonly chooseLabel = h("span");

  constructor(lesson: Lesson, state: FileState, uploadVideo: (lesson: Lesson, file: File) => void) {
    this.lesson = lesson;
    const chooser = h("input", { type: "file", accept: "video/mp4,video/webm,video/quicktime", className: "visually-hidden" });
    chooser.addEventListener("change", () => {
      const file = chooser.files?.[0];
      if (file) uploadVideo(this.lesson, file);
      chooser.value = "";
    });
    this.element = h("li", { className: "lesson" }, this.title, this.fileState, h("label", { className: "button" }, this.chooseLabel, chooser));
    this.update(lesson, state);
  }

  update(lesson: Lesson, state: FileState): void {
    this.lesson = lesson;
    this.element.setAttribute("aria-label", lesson.title);
    this.title.textContent = `${lesson.order}. ${lesson.title}`;
    this.chooseLabel.textContent = lesson.video_status === "none" ? "Upload video" : "Replace video";
    this.showState(state);
  }

  showState(state: FileState): void {
    showFileState(this.fileState, state);
  }
}
