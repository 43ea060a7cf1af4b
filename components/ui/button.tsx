'use client';

import { forwardRef, type ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

/** Props of `<Button>`: a native button (type="button" by default) with a visual `variant` and `size`. */
export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'sm' | 'md';
  /** Shortcut shown after the label, e.g. "F4" renders "Thêm (F4)"; also sets aria-keyshortcuts. */
  shortcut?: string;
  /**
   * Why the user cannot use this button (missing right, locked period …): disables it and says why on
   * hover and to screen readers (the title is the button's accessible description, its label being the name),
   * instead of a button that only refuses after it is pressed.
   */
  disabledReason?: string | null;
}

const VARIANTS: Record<ButtonVariant, string> = {
  primary: 'border-brand-600 bg-brand-600 text-white hover:bg-brand-700 hover:border-brand-700',
  secondary: 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50',
  danger: 'border-red-600 bg-red-600 text-white hover:bg-red-700 hover:border-red-700',
  ghost: 'border-transparent bg-transparent text-slate-700 hover:bg-slate-100',
};

/** Standard button of the back office. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  {
    variant = 'secondary',
    size = 'md',
    shortcut,
    disabledReason,
    className = '',
    type = 'button',
    children,
    disabled,
    title,
    ...rest
  },
  ref,
) {
  const sz = size === 'sm' ? 'px-2 py-1 text-xs' : 'px-3 py-1.5 text-sm';
  return (
    <button
      ref={ref}
      type={type}
      aria-keyshortcuts={shortcut ? shortcut.replace(/Ctrl/g, 'Control') : undefined}
      className={`inline-flex items-center justify-center gap-1 whitespace-nowrap rounded-md border font-medium disabled:cursor-not-allowed disabled:opacity-50 ${sz} ${VARIANTS[variant]} ${className}`}
      disabled={disabled || !!disabledReason}
      title={disabledReason || title}
      {...rest}
    >
      {children}
      {shortcut && <span className="opacity-70">({shortcut})</span>}
    </button>
  );
});
