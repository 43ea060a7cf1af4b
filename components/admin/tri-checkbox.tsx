'use client';

import { useEffect, useRef, type InputHTMLAttributes } from 'react';

/** Props of `<TriCheckbox>`: a checkbox that can also show "some ticked" (indeterminate). */
export interface TriCheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'onChange'> {
  checked: boolean;
  indeterminate?: boolean;
  onChange: (checked: boolean) => void;
}

export function TriCheckbox({ checked, indeterminate = false, onChange, className = '', ...rest }: TriCheckboxProps) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate && !checked;
  }, [indeterminate, checked]);
  return (
    <input
      ref={ref}
      type="checkbox"
      checked={checked}
      aria-checked={indeterminate && !checked ? 'mixed' : checked}
      onChange={(e) => onChange(e.target.checked)}
      className={`h-4 w-4 cursor-pointer rounded border-slate-300 accent-brand-600 disabled:cursor-not-allowed ${className}`}
      {...rest}
    />
  );
}
