import { describe, expect, it } from "vitest";
import { isTypingTarget, shortcutFor } from "@/lib/shortcuts";

const key = (over: Partial<Parameters<typeof shortcutFor>[0]>) => ({
  key: "",
  code: "",
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  target: { tagName: "BODY" } as unknown as EventTarget,
  ...over,
});

describe("call shortcuts", () => {
  it("maps Google Meet's keys, with Ctrl or Cmd", () => {
    expect(shortcutFor(key({ code: "KeyD", key: "d", ctrlKey: true }))).toBe("toggle-microphone");
    expect(shortcutFor(key({ code: "KeyD", key: "d", metaKey: true }))).toBe("toggle-microphone");
    expect(shortcutFor(key({ code: "KeyE", key: "e", ctrlKey: true }))).toBe("toggle-camera");
    expect(shortcutFor(key({ code: "KeyH", key: "˙", metaKey: true, altKey: true }))).toBe("toggle-hand");
    expect(shortcutFor(key({ key: "?", code: "Slash", shiftKey: true }))).toBe("show-help");
  });

  it("leaves other keys alone", () => {
    expect(shortcutFor(key({ code: "KeyD", key: "d" }))).toBeNull();
    expect(shortcutFor(key({ code: "KeyH", key: "h", ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key({ code: "KeyD", key: "D", ctrlKey: true, shiftKey: true }))).toBeNull();
  });

  it("never fires while typing in a text field, a text area or an editable element", () => {
    for (const target of [{ tagName: "INPUT", type: "text" }, { tagName: "TEXTAREA" }, { tagName: "DIV", isContentEditable: true }]) {
      const t = target as unknown as EventTarget;
      expect(shortcutFor(key({ code: "KeyD", key: "d", ctrlKey: true, target: t }))).toBeNull();
      expect(shortcutFor(key({ key: "?", target: t }))).toBeNull();
    }
    expect(isTypingTarget({ tagName: "INPUT", type: "checkbox" })).toBe(false);
  });
});
