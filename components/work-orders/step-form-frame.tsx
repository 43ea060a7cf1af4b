'use client';

import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { EnterForm } from '@/components/ui/form-field';
import { ROOT_ERROR_CLASS } from './form-errors';

/** The Alt+S of a step form (the stepper is not a dialog, so the form listens itself). */
const altS = (submit: () => void) => (e: React.KeyboardEvent) => {
  if (e.altKey && (e.key === 's' || e.key === 'S' || e.code === 'KeyS')) {
    e.preventDefault();
    submit();
  }
};

// Literal class names, so Tailwind finds them in the source.
const GRID = { 1: 'grid gap-3', 2: 'grid grid-cols-2 gap-3', 3: 'grid grid-cols-3 gap-3' } as const;
const ROOT_ERROR = {
  1: ROOT_ERROR_CLASS,
  2: `col-span-2 ${ROOT_ERROR_CLASS}`,
  3: `col-span-3 ${ROOT_ERROR_CLASS}`,
} as const;

/**
 * The frame of a work order's step or completion form: a grid of `columns`, the form-wide error line on top, the
 * save button (Alt+S) at the bottom right.
 */
export function StepFormFrame({
  columns,
  onSubmit,
  rootError,
  busy,
  saveLabel,
  saveTestId,
  testId,
  children,
}: {
  columns: 1 | 2 | 3;
  onSubmit: () => void;
  rootError: string | undefined;
  busy: boolean;
  saveLabel: string;
  saveTestId: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <EnterForm onSubmit={onSubmit} onKeyDownCapture={altS(onSubmit)} className={GRID[columns]} data-testid={testId}>
      {rootError && (
        <p role="alert" className={ROOT_ERROR[columns]}>
          {rootError}
        </p>
      )}
      {children}
      <div className="col-span-full flex justify-end">
        <Button type="submit" variant="primary" disabled={busy} shortcut="Alt+S" data-testid={saveTestId}>
          {busy ? 'Đang lưu…' : saveLabel}
        </Button>
      </div>
    </EnterForm>
  );
}
