import { newId } from "../../core/ids";
import { workers } from "./runtime";

/**
 * Keeps the sender's only slot (the local queue runs one batch at a time) busy until released: what is asked for
 * meanwhile waits, and goes out as one batch. The slot is held by a request about nobody, which the sender skips.
 */
export async function holdSender(): Promise<() => void> {
  const queue = workers().queues.Notifications;
  const marker = `hold:${newId()}`;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = new Promise<void>((resolve) => {
    const stop = queue.onBatchSettled(async ({ records }) => {
      if (!records.some((record) => record.body.includes(marker))) return;
      stop();
      resolve();
      await released;
    });
  });
  queue.send(JSON.stringify({ event_key: marker, user_id: "nobody", kind: "new_lesson", occurred_at: new Date().toISOString(), lesson: { course_id: "none", lesson_id: "none" } }));
  await held;
  return release;
}
