/** A screen of the console: its element, and what to stop (timers, uploads' repaints) when it is left. */
export interface View {
  element: HTMLElement;
  dispose?(): void;
}
