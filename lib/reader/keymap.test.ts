import { describe, expect, it } from "vitest";
import { KEYMAP, ariaKeys, chordMatches, commandFor, helpSections, parseChord, type KeyPress } from "./keymap";

const press = (key: string, mods: Partial<Omit<KeyPress, "key">> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe("the reader's keymap", () => {
  it("maps key presses to commands per scope", () => {
    expect(commandFor(press("n"), "reader")).toBe("nextSpan");
    expect(commandFor(press("N", { shiftKey: true }), "reader")).toBe("nextSpan");
    expect(commandFor(press("?", { shiftKey: true }), "reader")).toBe("help");
    expect(commandFor(press("3"), "reader")).toBe("focusPane");
    expect(commandFor(press("z", { ctrlKey: true }), "reader")).toBe("undo");
    expect(commandFor(press("z", { metaKey: true }), "reader")).toBe("undo");
    expect(commandFor(press("Z", { ctrlKey: true, shiftKey: true }), "reader")).toBe("redo");
    expect(commandFor(press("y", { ctrlKey: true }), "reader")).toBe("redo");
    expect(commandFor(press("n", { ctrlKey: true }), "reader")).toBeNull();
    expect(commandFor(press("n", { altKey: true }), "reader")).toBeNull();
    expect(commandFor(press("x"), "reader")).toBeNull();
    expect(commandFor(press("ArrowLeft", { shiftKey: true }), "caret")).toBe("caretLeft");
    expect(commandFor(press("ArrowLeft", { ctrlKey: true, shiftKey: true }), "caret")).toBe("caretWordLeft");
    expect(commandFor(press("ArrowRight", { altKey: true }), "caret")).toBe("caretWordRight");
    expect(commandFor(press("Enter"), "suggestions")).toBe("suggestionAccept");
    expect(commandFor(press("a"), "picker")).toBeNull(); // letters filter in the picker
  });

  it("binds no chord twice in one scope, and every chord parses", () => {
    const seen = new Map<string, string>();
    for (const b of KEYMAP) {
      for (const chord of b.chords) {
        const c = parseChord(chord);
        const key = `${b.scope}|${c.mod}|${c.alt}|${c.shift}|${c.key.toLowerCase()}`;
        expect(seen.get(key), `${chord} in ${b.scope}`).toBeUndefined();
        seen.set(key, b.command);
        // Each chord reaches its own command (no earlier binding shadows it).
        const e = press(c.key, { ctrlKey: c.mod, altKey: c.alt, shiftKey: c.shift });
        expect(commandFor(e, b.scope), chord).toBe(b.command);
      }
    }
    expect(() => parseChord("Hyper+x")).toThrow();
    expect(chordMatches("Shift++", press("+", { shiftKey: true }))).toBe(true);
  });

  it("the help lists every binding, and viewers only what they can use", () => {
    const editor = helpSections(true).flatMap((s) => s.rows.map((r) => r.keys));
    for (const b of KEYMAP) if (!b.sharesRowWith) expect(editor).toContain(b.keys);
    const viewer = helpSections(false);
    expect(viewer.map((s) => s.scope)).toEqual(["reader"]);
    expect(viewer[0]!.rows.map((r) => r.keys)).toEqual(["Tab", "1 – 4", "n / p", "Esc", "?"]);
    // Rows that share one line name their partner's keys there.
    expect(helpSections(true)[0]!.rows.find((r) => r.keys.startsWith("Ctrl+Z"))?.what).toMatch(/redo/);
    expect(ariaKeys("undo")).toBe("Control+Z");
    expect(ariaKeys("linkEntity")).toBe("E");
  });
});
