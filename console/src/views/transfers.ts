import { describeError } from "../api";
import { h } from "../dom";
import { MULTIPART_FROM_BYTES, uploadFile, uploadVideoInParts } from "../upload";
import type { MediaStatus } from "../types";

/** How long an uploaded file may keep its old status before we stop waiting for the pipeline to pick it up. */
const PICKUP_TIMEOUT_MS = 30_000;

type Transfer = { fraction: number } | { error: string };

export interface FileState {
  text: string;
  /** For styling: the status class of the badge. */
  tone: MediaStatus;
  /** 0..1 while the file is on its way to storage. */
  progress?: number;
  /** Stops a transfer that can be stopped (a video in parts: the server drops what it received). */
  cancel?: () => void;
}

/**
 * The files of a page (recipe photos, lesson videos), keyed by their owner's id, as far as this browser knows
 * before the server does: a transfer under way or failed, and an upload S3 has but the pipeline has not picked up
 * yet (S3 tells the pipeline a moment later: until then the server still shows the status from before).
 */
export class Transfers {
  private transfers = new Map<string, Transfer>();
  private pickups = new Map<string, { before: MediaStatus; until: number }>();
  /** The cancellable transfers (videos in parts), by owner. */
  private cancels = new Map<string, AbortController>();

  constructor(
    /** Shows an owner's state again (the progress moved, the transfer ended). */
    private readonly repaint: (ownerId: string) => void,
    /** A file reached storage: time to watch the server. */
    private readonly uploaded: () => void,
  ) {}

  /** Sends a file; true once storage has it, false when it was refused or never arrived (the state says why). */
  send(ownerId: string, statusBefore: MediaStatus, presignPath: string, file: File): Promise<boolean> {
    return this.track(ownerId, statusBefore, (onProgress) => uploadFile(presignPath, file, onProgress));
  }

  private async track(ownerId: string, statusBefore: MediaStatus, transfer: (onProgress: (fraction: number) => void) => Promise<void>): Promise<boolean> {
    this.setTransfer(ownerId, { fraction: 0 });
    try {
      await transfer((fraction) => this.setTransfer(ownerId, { fraction }));
      this.transfers.delete(ownerId);
      this.pickups.set(ownerId, { before: statusBefore, until: Date.now() + PICKUP_TIMEOUT_MS });
      this.repaint(ownerId);
      this.uploaded();
      return true;
    } catch (error) {
      this.setTransfer(ownerId, { error: describeError(error) });
      return false;
    }
  }

  /**
   * Sends a lesson video: in parts (resumable after a reload, cancellable) when it is larger than one part, else as
   * one presigned POST.
   */
  async sendVideo(lessonId: string, statusBefore: MediaStatus, file: File): Promise<boolean> {
    if (file.size <= MULTIPART_FROM_BYTES) return this.send(lessonId, statusBefore, `/api/lessons/${lessonId}/upload-video`, file);
    const controller = new AbortController();
    this.cancels.set(lessonId, controller);
    try {
      return await this.track(lessonId, statusBefore, (onProgress) => uploadVideoInParts(lessonId, file, onProgress, controller.signal));
    } finally {
      this.cancels.delete(lessonId);
      if (controller.signal.aborted) {
        this.transfers.delete(lessonId);
        this.repaint(lessonId);
      }
    }
  }

  /** Why the last transfer of an owner failed, if it did. */
  failure(ownerId: string): string | undefined {
    const transfer = this.transfers.get(ownerId);
    return transfer && "error" in transfer ? transfer.error : undefined;
  }

  /** Forgets an owner (its recipe was removed). */
  forget(ownerId: string): void {
    this.transfers.delete(ownerId);
    this.pickups.delete(ownerId);
  }

  /** Called with each status the server reports: the pipeline took the upload once the status moved. */
  observe(ownerId: string, status: MediaStatus): void {
    const pickup = this.pickups.get(ownerId);
    if (pickup && (status !== pickup.before || Date.now() >= pickup.until)) this.pickups.delete(ownerId);
  }

  /** True while an uploaded file is not yet picked up: the page must keep asking the server. */
  get awaitingPickup(): boolean {
    return this.pickups.size > 0;
  }

  /** What to show for an owner's file, given what the server says (`noun`: "photo", "video"). */
  describe(ownerId: string, noun: string, status: MediaStatus, error: string | null): FileState {
    const transfer = this.transfers.get(ownerId);
    if (transfer && "fraction" in transfer) {
      const controller = this.cancels.get(ownerId);
      return { text: `Uploading… ${Math.floor(transfer.fraction * 100)}%`, tone: "pending", progress: transfer.fraction, cancel: controller && (() => controller.abort()) };
    }
    if (transfer) return { text: `Upload failed: ${transfer.error}`, tone: "rejected" };
    if (this.pickups.has(ownerId)) return { text: "Uploaded; checking…", tone: "pending" };
    switch (status) {
      case "none":
        return { text: `No ${noun}`, tone: "none" };
      case "pending":
        return { text: "Checking…", tone: "pending" };
      case "ready":
        return { text: "Ready", tone: "ready" };
      case "rejected":
        return { text: `Rejected: ${error ?? "no reason given"}`, tone: "rejected" };
    }
  }

  private setTransfer(ownerId: string, transfer: Transfer): void {
    this.transfers.set(ownerId, transfer);
    this.repaint(ownerId);
  }
}

/** Shows a file's state in `target`: a badge and, while uploading, a progress bar. */
export function showFileState(target: HTMLElement, state: FileState): void {
  target.className = `file-state ${state.tone}`;
  const badge = h("span", { className: "badge" }, state.text);
  if (state.progress === undefined) return target.replaceChildren(badge);
  // The bar is updated in place while the transfer runs, so the Cancel button under the pointer stays the same one.
  const bar = target.querySelector("progress") ?? h("progress", { max: 1, ariaLabel: "Upload progress" });
  bar.value = state.progress;
  const cancel = state.cancel;
  const cancelButton = cancel ? (target.querySelector<HTMLButtonElement>("button.cancel") ?? h("button", { type: "button", className: "cancel" }, "Cancel upload")) : "";
  if (cancelButton) cancelButton.onclick = cancel!;
  target.replaceChildren(badge, bar, cancelButton);
}
