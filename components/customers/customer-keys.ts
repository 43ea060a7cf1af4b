'use client';

import { useHotkeys } from '@/components/ui/use-hotkeys';

/**
 * The keyboard map of the customers screen, in one place. In the grid: ↑↓ PageUp/PageDown move, Enter edits,
 * Ctrl+click and Shift+click select several (the DataGrid's own keys). The form adds Alt+S (save) and Enter
 * moves to the next field (customer-form.tsx); the dialogs save with Alt+S and close with Esc (ui/dialog).
 */
export const CUSTOMER_KEYS = {
  add: 'F4',
  edit: 'F2',
  /** Delete in the grid; cancel while adding or editing. */
  deleteOrCancel: 'F3',
  cancel: 'Escape',
  save: 'Alt+S',
  filter: 'Ctrl+F',
} as const;

export function useCustomerKeys(
  editing: boolean,
  commands: {
    add: () => void;
    edit: () => void;
    deleteOrCancel: () => void;
    cancel: () => void;
    focusFilter: () => void;
  },
) {
  useHotkeys({
    [CUSTOMER_KEYS.add]: commands.add,
    [CUSTOMER_KEYS.edit]: commands.edit,
    [CUSTOMER_KEYS.deleteOrCancel]: commands.deleteOrCancel,
    ...(editing ? { [CUSTOMER_KEYS.cancel]: commands.cancel } : {}),
    [CUSTOMER_KEYS.filter]: commands.focusFilter,
  });
}
