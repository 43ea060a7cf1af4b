/**
 * The keyboard map of the invoice screen, in one place. In the grid (the DataGrid's own keys): ↑ ↓ PageUp
 * PageDown Home End move the selection, Enter (or a double click) opens the invoice's detail, Ctrl+click and
 * Shift+click select several. On the grid, Delete opens the cancel dialog of the selected invoice.
 *
 * On the screen (INVOICE_HOTKEYS): F9 issues the drafts (confirm dialog first), Ctrl+P previews the selected
 * invoice's PDF for printing, Escape closes the detail panel. The dialogs save with Alt+S and close with Esc
 * (ui/dialog); in the series catalog F4 adds and F2 edits (SERIES_HOTKEYS).
 */
export const INVOICE_HOTKEYS = {
  issue: 'F9',
  print: 'Ctrl+P',
  closeDetail: 'Escape',
} as const;

/** Handled by the grid's own keydown (not screen-wide): a Delete typed in a filter field must not cancel anything. */
export const INVOICE_GRID_KEYS = {
  cancel: 'Delete',
  open: 'Enter',
} as const;

export const SERIES_HOTKEYS = {
  add: 'F4',
  edit: 'F2',
} as const;
