/** Why an upload was refused; `reason` is shown to the admin as is. */
export class MediaRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "MediaRejected";
  }
}
