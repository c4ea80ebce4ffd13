"use client";
// Keyboard shortcuts for "My reviews", so hundreds of items can be worked
// through without the mouse: j/k (or ↓/↑) move between items, c certifies,
// r revokes, m modifies, a reassigns, x selects for a bulk decision, ? shows
// the list. They are ignored while typing in a field or while a dialog is open.
import { useEffect } from "react";

export type ReviewKeyAction = "certify" | "revoke" | "modify" | "reassign" | "select" | "help";

const ACTIONS: Record<string, ReviewKeyAction> = { c: "certify", r: "revoke", m: "modify", a: "reassign", x: "select", "?": "help" };

export const REVIEW_SHORTCUTS: [string, string][] = [
  ["j / ↓", "next item"],
  ["k / ↑", "previous item"],
  ["c", "certify"],
  ["r", "revoke (asks for a comment)"],
  ["m", "modify (narrow, re-tier or change owner)"],
  ["a", "reassign to another reviewer"],
  ["x", "select for a bulk decision"],
  ["?", "show these shortcuts"],
];

function typing(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(element?.closest("input, textarea, select, [contenteditable='true'], dialog[open]"));
}

export function useReviewKeys(options: { ids: string[]; active: string | null; setActive: (id: string | null) => void; onAction: (action: ReviewKeyAction, id: string | null) => void; disabled: boolean }) {
  const { ids, active, setActive, onAction, disabled } = options;
  useEffect(() => {
    if (disabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target) || document.querySelector("dialog[open]")) return;
      const index = active ? ids.indexOf(active) : -1;
      let next: string | undefined;
      if (event.key === "j" || event.key === "ArrowDown") next = ids[Math.min(index + 1, ids.length - 1)];
      else if (event.key === "k" || event.key === "ArrowUp") next = ids[Math.max(index - 1, 0)];
      if (next) {
        event.preventDefault();
        setActive(next);
        document.querySelector(`[data-row-id="${next}"]`)?.scrollIntoView({ block: "nearest" });
        return;
      }
      const action = ACTIONS[event.key];
      if (!action) return;
      event.preventDefault();
      onAction(action, active);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [ids, active, setActive, onAction, disabled]);
}
