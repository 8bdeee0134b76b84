import { describeError } from "../api";
import { h } from "../dom";
import { uploadFile } from "../upload";
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
}

/**
 * The files of a page (recipe photos, lesson videos), keyed by their owner's id, as far as this browser knows
 * before the server does: a transfer under way or failed, and an upload S3 has but the pipeline has not picked up
 * yet (S3 tells the pipeline a moment later: until then the server still shows the status from before).
 */
export class Transfers {
  private transfers = new Map<string, Transfer>();
  private pickups = new Map<string, { before: MediaStatus; until: number }>();

  constructor(
    /** Shows an owner's state again (the progress moved, the transfer ended). */
    private readonly repaint: (ownerId: string) => void,
    /** A file reached storage: time to watch the server. */
    private readonly uploaded: () => void,
  ) {}

  /** Sends a file; true once storage has it, false when it was refused or never arrived (the state says why). */
  async send(ownerId: string, statusBefore: MediaStatus, presignPath: string, file: File): Promise<boolean> {
    this.setTransfer(ownerId, { fraction: 0 });
    try {
      await uploadFile(presignPath, file, (fraction) => this.setTransfer(ownerId, { fraction }));
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
    if (transfer && "fraction" in transfer) return { text: `Uploading… ${Math.floor(transfer.fraction * 100)}%`, tone: "pending", progress: transfer.fraction };
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
  target.replaceChildren(h("span", { className: "badge" }, state.text), state.progress === undefined ? "" : h("progress", { max: 1, value: state.progress }));
}
