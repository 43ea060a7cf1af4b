/**
 * The keyboard map of the reading entry, in one place. Inside a row's index input or code select:
 *
 *   Enter / Shift+Enter   save the row, next / previous row
 *   ↓ / ↑                 save the row, next / previous row (in the code select only with Ctrl: plain arrows pick a code)
 *   PageDown / PageUp     save the row, 15 rows down / up
 *   Escape                back to the stored values (when something was typed; else it bubbles on)
 *   any other key         stays in the input (the grid's own keys must not act on it)
 *
 * On the screen (READING_HOTKEYS): Alt+S saves every typed row, F8 opens the declarations, Ctrl+F the search,
 * F2 back to the active row's input.
 */
import { PAGE_ROWS } from './reading-columns';

export type InputKeyAction =
  /** Save the row, then move `delta` rows (negative: up). */
  | { kind: 'save-move'; delta: number }
  | { kind: 'revert' }
  /** Let the browser handle it (the select's own arrows), but keep it from the grid. */
  | { kind: 'native' }
  /** Not handled here: it bubbles on (Escape with nothing typed closes what the screen has open). */
  | { kind: 'pass' }
  /** Not ours: typed text. */
  | { kind: 'type' };

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
}

/** What a key pressed in a row's input or select does; `changed`: the row holds typed values. */
export function inputKeyAction(e: KeyLike, inSelect: boolean, changed: boolean): InputKeyAction {
  switch (e.key) {
    case 'Enter':
      return { kind: 'save-move', delta: e.shiftKey ? -1 : 1 };
    case 'ArrowDown':
    case 'ArrowUp':
      if (inSelect && !e.ctrlKey) return { kind: 'native' };
      return { kind: 'save-move', delta: e.key === 'ArrowDown' ? 1 : -1 };
    case 'PageDown':
    case 'PageUp':
      return { kind: 'save-move', delta: e.key === 'PageDown' ? PAGE_ROWS : -PAGE_ROWS };
    case 'Escape':
      return changed ? { kind: 'revert' } : { kind: 'pass' };
    default:
      return { kind: 'type' };
  }
}

/** The screen's shortcuts, named after useHotkeys' key spelling. */
export const READING_HOTKEYS = {
  saveAll: 'Alt+S',
  declare: 'F8',
  search: 'Ctrl+F',
  backToRow: 'F2',
} as const;
