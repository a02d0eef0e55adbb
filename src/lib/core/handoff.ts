/**
 * A value one part of a build gives and a later part of the same build takes: the plugin that
 * loads the articles gives what it loaded, the audit takes it. Taking empties it, so a build
 * never sees what an earlier build gave.
 */
export class Handoff<T> {
  private value: T | undefined;

  give(value: T): void {
    this.value = value;
  }

  /** The value given since the last take, or undefined. */
  take(): T | undefined {
    const value = this.value;
    this.value = undefined;
    return value;
  }
}
