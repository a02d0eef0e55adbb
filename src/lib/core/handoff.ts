/**
 * A value one part of a build gives and a later part of the same build takes: the plugin that
 * loads the articles gives what it loaded, the audit takes it. Taking empties it, so a build
 * never sees what an earlier build gave.
 */
export class Handoff<T> {
  private value: T | undefined;
  private waiting: Array<(value: T) => void> = [];

  give(value: T): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(value);
    else this.value = value;
  }

  /** The value given since the last take, or undefined. */
  take(): T | undefined {
    const value = this.value;
    this.value = undefined;
    return value;
  }

  /**
   * The value given since the last take, or else the next one given: a part of the build that
   * starts before the value exists (the search indexer waits for the articles) takes it so.
   */
  next(): Promise<T> {
    const value = this.take();
    return value !== undefined ? Promise.resolve(value) : new Promise((resolve) => this.waiting.push(resolve));
  }
}
