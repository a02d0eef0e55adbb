import { describe, expect, it } from "vitest";
import { Handoff } from "../../../src/lib/core/handoff.ts";

describe("Handoff", () => {
  it("gives a value to be taken once", () => {
    const handoff = new Handoff<number>();
    handoff.give(3);
    expect(handoff.take()).toBe(3);
    expect(handoff.take()).toBeUndefined();
  });

  it("has nothing before anything was given, and keeps the latest value", () => {
    const handoff = new Handoff<string>();
    expect(handoff.take()).toBeUndefined();
    handoff.give("first");
    handoff.give("second");
    expect(handoff.take()).toBe("second");
  });
});

describe("Handoff.next", () => {
  it("resolves with the value given since the last take, or waits for the next one given", async () => {
    const handoff = new Handoff<string>();
    handoff.give("before");
    await expect(handoff.next()).resolves.toBe("before");
    expect(handoff.take()).toBeUndefined(); // taken by next()
    const waiting = handoff.next();
    handoff.give("after");
    await expect(waiting).resolves.toBe("after");
    // Handed to the one waiting, not kept for a later take.
    expect(handoff.take()).toBeUndefined();
  });
});
