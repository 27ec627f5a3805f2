/**
 * In-call keyboard shortcuts, the ones Google Meet users already know. Pure: the event in,
 * the action out (unit-tested); components/meeting/call-shortcuts.tsx wires it to the call, and
 * components/meeting/shortcut-help.tsx lists them.
 */

export type ShortcutAction = "toggle-microphone" | "toggle-camera" | "toggle-hand" | "show-help";

interface KeyEventLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  target: EventTarget | null;
}

interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
}

/** Typing in chat (or any field) never triggers a shortcut. */
export function isTypingTarget(target: EventTarget | TargetLike | null): boolean {
  const element = target as TargetLike | null;
  if (!element?.tagName) return false;
  if (element.isContentEditable) return true;
  const tag = element.tagName.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  // Check boxes and buttons take no text.
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color"].includes((element.type ?? "text").toLowerCase());
}

export function shortcutFor(event: KeyEventLike): ShortcutAction | null {
  if (isTypingTarget(event.target)) return null;
  const mod = event.ctrlKey || event.metaKey;
  // event.code: Alt/Option changes event.key on macOS (Option+H is "˙").
  if (mod && event.altKey && event.code === "KeyH") return "toggle-hand";
  if (mod && !event.altKey && !event.shiftKey && event.code === "KeyD") return "toggle-microphone";
  if (mod && !event.altKey && !event.shiftKey && event.code === "KeyE") return "toggle-camera";
  if (!mod && !event.altKey && event.key === "?") return "show-help";
  return null;
}
