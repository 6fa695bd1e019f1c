/**
 * The reader's keyboard shortcuts, in one table: the key handlers ask
 * `commandFor(event, scope)` which command a key press means, and the help
 * dialog lists the same table. A key added here is handled and documented
 * at once; a key that is not here does nothing.
 *
 * Chords are written "Mod+Shift+z": Mod is Ctrl (or ⌘ on a Mac), Alt is
 * Alt/⌥. A chord with Mod or Alt needs exactly its modifiers, Shift
 * included. A chord without them ignores Shift, so "?" (Shift+/ on most
 * layouts) and "N" match, and Shift+← reaches the caret's ← (Shift extends).
 */

/** Where a key press happens; each scope's handler asks only for its own commands. */
export type KeyScope = "reader" | "caret" | "picker" | "suggestions" | "curation";

export type ReaderCommand =
  | "help"
  | "focusPane"
  | "nextSpan"
  | "previousSpan"
  | "clear"
  | "caretMode"
  | "relabel"
  | "linkEntity"
  | "linkClaim"
  | "deleteSpan"
  | "undo"
  | "redo"
  | "caretLeft"
  | "caretRight"
  | "caretWordLeft"
  | "caretWordRight"
  | "caretUp"
  | "caretDown"
  | "caretHome"
  | "caretEnd"
  | "caretTag"
  | "caretLeave"
  | "pickerNext"
  | "pickerPrevious"
  | "pickerFirst"
  | "pickerLast"
  | "pickerChoose"
  | "pickerCancel"
  | "suggestionAccept"
  | "suggestionReject"
  | "suggestionNext"
  | "suggestionPrevious"
  | "suggestionsClose"
  | "nextDisagreement"
  | "previousDisagreement"
  | "takeVersion"
  | "rejectAll"
  | "editVersion"
  | "acceptAgreed"
  | "adjustBoundaries"
  | "curationHelp";

export interface KeyBinding {
  command: ReaderCommand;
  scope: KeyScope;
  chords: readonly string[];
  /** How the help dialog writes the keys. */
  keys: string;
  what: string;
  /** Only for people who may annotate (the help dialog leaves it out for viewers). */
  editors?: boolean;
  /** Listed under the row before it rather than as its own row (e.g. p beside n). */
  sharesRowWith?: ReaderCommand;
}

/** A row of the help dialog that is not a key press (mouse gestures, typing in a field). */
export interface HelpNote {
  scope: KeyScope;
  keys: string;
  what: string;
  editors?: boolean;
}

export const KEYMAP: readonly KeyBinding[] = [
  // The reader, when focus is not in a text field.
  {
    command: "focusPane",
    scope: "reader",
    chords: ["1", "2", "3", "4"],
    keys: "1 – 4",
    what: "Focus pane 1 to 4 (then ↑ ↓ Page Up/Down scroll it; the others follow)",
  },
  {
    command: "nextSpan",
    scope: "reader",
    chords: ["n"],
    keys: "n / p",
    what: "Select the next / previous span in the focused pane",
  },
  { command: "previousSpan", scope: "reader", chords: ["p"], keys: "p", what: "", sharesRowWith: "nextSpan" },
  { command: "clear", scope: "reader", chords: ["Escape"], keys: "Esc", what: "Clear the selection, close a menu" },
  {
    command: "caretMode",
    scope: "reader",
    chords: ["c"],
    keys: "c",
    what: "Caret mode in the focused pane",
    editors: true,
  },
  { command: "relabel", scope: "reader", chords: ["l"], keys: "l", what: "Relabel the selected span", editors: true },
  {
    command: "linkEntity",
    scope: "reader",
    chords: ["e"],
    keys: "e",
    what: "Link the selected entity span to an entity (search by name and alias, or create one)",
    editors: true,
  },
  {
    command: "linkClaim",
    scope: "reader",
    chords: ["k"],
    keys: "k",
    what: "Link the selected claim span to a claim (search the story's claims, or create one)",
    editors: true,
  },
  {
    command: "deleteSpan",
    scope: "reader",
    chords: ["Delete", "Backspace"],
    keys: "Delete",
    what: "Delete the selected span",
    editors: true,
  },
  {
    command: "undo",
    scope: "reader",
    chords: ["Mod+z"],
    keys: "Ctrl+Z / Ctrl+Shift+Z",
    what: "Undo / redo (Ctrl+Y also redoes)",
    editors: true,
  },
  {
    command: "redo",
    scope: "reader",
    chords: ["Mod+Shift+z", "Mod+y"],
    keys: "",
    what: "",
    editors: true,
    sharesRowWith: "undo",
  },
  { command: "help", scope: "reader", chords: ["?"], keys: "?", what: "This list" },

  // Caret mode (after c).
  {
    command: "caretLeft",
    scope: "caret",
    chords: ["ArrowLeft"],
    keys: "← → (Shift extends)",
    what: "Move by character; with Shift, extend the selection",
    editors: true,
  },
  {
    command: "caretRight",
    scope: "caret",
    chords: ["ArrowRight"],
    keys: "",
    what: "",
    editors: true,
    sharesRowWith: "caretLeft",
  },
  {
    command: "caretWordLeft",
    scope: "caret",
    chords: ["Mod+ArrowLeft", "Mod+Shift+ArrowLeft", "Alt+ArrowLeft", "Alt+Shift+ArrowLeft"],
    keys: "Ctrl+← →",
    what: "Move by word (Shift extends)",
    editors: true,
  },
  {
    command: "caretWordRight",
    scope: "caret",
    chords: ["Mod+ArrowRight", "Mod+Shift+ArrowRight", "Alt+ArrowRight", "Alt+Shift+ArrowRight"],
    keys: "",
    what: "",
    editors: true,
    sharesRowWith: "caretWordLeft",
  },
  {
    command: "caretUp",
    scope: "caret",
    chords: ["ArrowUp"],
    keys: "↑ ↓",
    what: "Previous / next paragraph",
    editors: true,
  },
  {
    command: "caretDown",
    scope: "caret",
    chords: ["ArrowDown"],
    keys: "",
    what: "",
    editors: true,
    sharesRowWith: "caretUp",
  },
  {
    command: "caretHome",
    scope: "caret",
    chords: ["Home"],
    keys: "Home / End",
    what: "Paragraph start / end",
    editors: true,
  },
  {
    command: "caretEnd",
    scope: "caret",
    chords: ["End"],
    keys: "",
    what: "",
    editors: true,
    sharesRowWith: "caretHome",
  },
  {
    command: "caretTag",
    scope: "caret",
    chords: ["Enter"],
    keys: "Enter",
    what: "Tag the selection (opens the label picker)",
    editors: true,
  },
  { command: "caretLeave", scope: "caret", chords: ["Escape"], keys: "Esc", what: "Leave caret mode", editors: true },

  // The label picker (its filter box has focus).
  {
    command: "pickerNext",
    scope: "picker",
    chords: ["ArrowDown"],
    keys: "↑ ↓",
    what: "Move through the labels",
    editors: true,
  },
  {
    command: "pickerPrevious",
    scope: "picker",
    chords: ["ArrowUp"],
    keys: "",
    what: "",
    editors: true,
    sharesRowWith: "pickerNext",
  },
  {
    command: "pickerFirst",
    scope: "picker",
    chords: ["Home"],
    keys: "Home / End",
    what: "First / last label",
    editors: true,
  },
  {
    command: "pickerLast",
    scope: "picker",
    chords: ["End"],
    keys: "",
    what: "",
    editors: true,
    sharesRowWith: "pickerFirst",
  },
  {
    command: "pickerChoose",
    scope: "picker",
    chords: ["Enter"],
    keys: "Enter",
    what: "Tag with the highlighted label",
    editors: true,
  },
  {
    command: "pickerCancel",
    scope: "picker",
    chords: ["Escape"],
    keys: "Esc",
    what: "Close the picker",
    editors: true,
  },

  // Suggestions (after linking an entity; a suggestion has focus).
  {
    command: "suggestionAccept",
    scope: "suggestions",
    chords: ["a", "Enter"],
    keys: "a / Enter",
    what: "Accept the focused mention",
    editors: true,
  },
  {
    command: "suggestionReject",
    scope: "suggestions",
    chords: ["r", "Delete"],
    keys: "r / Delete",
    what: "Reject the focused mention (reviewers)",
    editors: true,
  },
  {
    command: "suggestionNext",
    scope: "suggestions",
    chords: ["ArrowDown"],
    keys: "↑ ↓",
    what: "Move between mentions; the text follows",
    editors: true,
  },
  {
    command: "suggestionPrevious",
    scope: "suggestions",
    chords: ["ArrowUp"],
    keys: "",
    what: "",
    editors: true,
    sharesRowWith: "suggestionNext",
  },
  {
    command: "suggestionsClose",
    scope: "suggestions",
    chords: ["Escape"],
    keys: "Esc",
    what: "Close the suggestions",
    editors: true,
  },

  // Curation (/stories/KEY/curate): the annotators' layers side by side, and the curated one.
  {
    command: "nextDisagreement",
    scope: "curation",
    chords: ["n"],
    keys: "n / p",
    what: "Go to the next / previous disagreement between the annotators",
    editors: true,
  },
  {
    command: "previousDisagreement",
    scope: "curation",
    chords: ["p"],
    keys: "",
    what: "",
    editors: true,
    sharesRowWith: "nextDisagreement",
  },
  {
    command: "takeVersion",
    scope: "curation",
    chords: ["1", "2", "3", "4", "5", "6", "7", "8", "9"],
    keys: "1 – 9",
    what: "Accept annotator 1, 2, …’s version of this place into the curated layer",
    editors: true,
  },
  {
    command: "rejectAll",
    scope: "curation",
    chords: ["x", "Delete"],
    keys: "x / Delete",
    what: "Reject every version of this place (nothing curated here)",
    editors: true,
  },
  {
    command: "editVersion",
    scope: "curation",
    chords: ["e"],
    keys: "e",
    what: "Edit: accept a version with another label (then 1 – 9 chooses whose, letters the label)",
    editors: true,
  },
  {
    command: "acceptAgreed",
    scope: "curation",
    chords: ["Shift+a"],
    keys: "Shift+A",
    what: "Accept everything all annotators agree on, in one step",
    editors: true,
  },
  {
    command: "adjustBoundaries",
    scope: "curation",
    chords: ["b"],
    keys: "b",
    what: "Move this place's curated span's boundaries (again: the next curated span here)",
    editors: true,
  },
  { command: "curationHelp", scope: "curation", chords: ["?"], keys: "?", what: "This list", editors: true },
];

/** Help rows that are not key presses handled through the table. */
export const HELP_NOTES: readonly HelpNote[] = [
  { scope: "reader", keys: "Tab", what: "Move between panes and controls" },
  {
    scope: "reader",
    keys: "Mouse",
    what: "Select text to tag it: the selection widens to whole words; hold Alt (⌥) while releasing for single characters",
    editors: true,
  },
  {
    scope: "picker",
    keys: "Letters",
    what: "Filter the labels by name or key (type a whole name, then Enter). A label's shortcut key tags at once only when no label's name or key starts with it",
    editors: true,
  },
  {
    scope: "curation",
    keys: "← → / Shift+← →",
    what: "While moving boundaries: the start / the end by one character (mirrored in right-to-left text); Enter saves, Esc cancels",
    editors: true,
  },
];

export const SCOPE_TITLES: Record<KeyScope, string> = {
  reader: "Reader",
  caret: "Caret mode (after c)",
  picker: "Label picker",
  suggestions: "Suggestions",
  curation: "Curation",
};

interface Chord {
  key: string;
  mod: boolean;
  alt: boolean;
  shift: boolean;
}

export function parseChord(chord: string): Chord {
  const parts = chord.split("+");
  // "+" itself as a key would be "Shift++": the last part is empty.
  const key = parts.at(-1) === "" ? "+" : parts.at(-1)!;
  const mods = new Set(parts.slice(0, parts.at(-1) === "" ? -2 : -1));
  for (const m of mods) if (!["Mod", "Alt", "Shift"].includes(m)) throw new Error(`Unknown modifier ${m} in ${chord}`);
  return { key, mod: mods.has("Mod"), alt: mods.has("Alt"), shift: mods.has("Shift") };
}

/** The parts of a keyboard event a chord is matched against. */
export type KeyPress = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">;

const sameKey = (a: string, b: string) =>
  a === b || (a.length === 1 && b.length === 1 && a.toLowerCase() === b.toLowerCase());

export function chordMatches(chord: string, e: KeyPress): boolean {
  const c = parseChord(chord);
  const mod = e.ctrlKey || e.metaKey;
  if (!sameKey(c.key, e.key) || c.mod !== mod || c.alt !== e.altKey) return false;
  return c.mod || c.alt ? c.shift === e.shiftKey : !c.shift || e.shiftKey;
}

const byScope = new Map<KeyScope, KeyBinding[]>();
for (const b of KEYMAP) byScope.set(b.scope, [...(byScope.get(b.scope) ?? []), b]);

/** The command a key press means in `scope`, or null. */
export function commandFor(e: KeyPress, scope: KeyScope): ReaderCommand | null {
  for (const b of byScope.get(scope) ?? []) if (b.chords.some((c) => chordMatches(c, e))) return b.command;
  return null;
}

/** The binding of a command (its keys for buttons' aria-keyshortcuts and hints). */
export function bindingOf(command: ReaderCommand): KeyBinding {
  const b = KEYMAP.find((x) => x.command === command);
  if (!b) throw new Error(`No binding for ${command}`);
  return b;
}

/** The ARIA form of a command's first chord ("Control+Z"), for aria-keyshortcuts. */
export function ariaKeys(command: ReaderCommand): string {
  const c = parseChord(bindingOf(command).chords[0]!);
  return [
    c.mod ? "Control" : "",
    c.alt ? "Alt" : "",
    c.shift ? "Shift" : "",
    c.key.length === 1 ? c.key.toUpperCase() : c.key,
  ]
    .filter(Boolean)
    .join("+");
}

export interface HelpSection {
  scope: KeyScope;
  title: string;
  rows: { keys: string; what: string }[];
}

/** What the help dialog lists: every binding and note of the table, grouped by scope, for this role. */
export function helpSections(
  canAnnotate: boolean,
  scopes: readonly KeyScope[] = Object.keys(SCOPE_TITLES) as KeyScope[],
): HelpSection[] {
  return scopes
    .map((scope) => {
      const rows = [
        ...HELP_NOTES.filter((n) => n.scope === scope && (canAnnotate || !n.editors)).map(({ keys, what }) => ({
          keys,
          what,
        })),
        ...KEYMAP.filter((b) => b.scope === scope && !b.sharesRowWith && (canAnnotate || !b.editors)).map(
          ({ keys, what }) => ({
            keys,
            what,
          }),
        ),
      ];
      return { scope, title: SCOPE_TITLES[scope], rows };
    })
    .filter((s) => s.rows.length > 0);
}
