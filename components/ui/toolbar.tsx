'use client';

import type { ReactNode } from 'react';
import { Button, type ButtonVariant } from './button';

/** Props of `<Toolbar>`: a horizontal `role="toolbar"` strip; `label` is its accessible name. */
export interface ToolbarProps {
  label: string;
  children: ReactNode;
  className?: string;
}

/** Container for the screen's command buttons (Thêm (F4), Sửa (F2), Xóa (F3) …). */
export function Toolbar({ label, children, className = '' }: ToolbarProps) {
  return (
    <div role="toolbar" aria-label={label} className={`flex flex-wrap items-center gap-1.5 ${className}`}>
      {children}
    </div>
  );
}

/** Props of `<ToolbarButton>`: `label` + optional `shortcut` render as "Thêm (F4)". */
export interface ToolbarButtonProps {
  label: string;
  /** Key name as useHotkeys spells it, e.g. "F4", "Alt+S". */
  shortcut?: string;
  onClick: () => void;
  disabled?: boolean;
  variant?: ButtonVariant;
  /** Optional leading icon (decorative). */
  icon?: ReactNode;
  /** Tooltip; defaults to the label. */
  title?: string;
  /** Why the user cannot run this command (a missing right …): disables the button and says why (see Button). */
  disabledReason?: string | null;
  'data-testid'?: string;
}

/** A toolbar command button that shows its keyboard shortcut. */
export function ToolbarButton({
  label,
  shortcut,
  onClick,
  disabled,
  variant = 'secondary',
  icon,
  title,
  disabledReason,
  ...rest
}: ToolbarButtonProps) {
  return (
    <Button
      variant={variant}
      shortcut={shortcut}
      onClick={onClick}
      disabled={disabled}
      disabledReason={disabledReason}
      title={title ?? (shortcut ? `${label} (${shortcut})` : label)}
      data-testid={rest['data-testid']}
    >
      {icon && <span aria-hidden="true">{icon}</span>}
      {label}
    </Button>
  );
}

/** A thin vertical divider between toolbar groups. */
export function ToolbarSeparator() {
  return <span role="separator" aria-orientation="vertical" className="mx-1 h-5 w-px bg-slate-300" />;
}

/** Pushes the following toolbar items to the right edge. */
export function ToolbarSpacer() {
  return <span className="flex-1" />;
}
