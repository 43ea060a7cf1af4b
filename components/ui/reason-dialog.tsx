'use client';

import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Button } from './button';
import { Dialog } from './dialog';
import { FormField } from './form-field';

export interface ReasonDialogProps {
  title: string;
  description: string;
  /** The reason's label ("Lý do hủy") and its registered field. */
  label: string;
  field: UseFormRegisterReturn;
  fieldError?: string;
  /** A refusal that belongs to no field. */
  formError?: string;
  saveLabel: string;
  busyLabel?: string;
  variant: 'primary' | 'danger';
  busy: boolean;
  onSubmit: () => void;
  onClose: () => void;
  testIds: { dialog: string; save: string; field: string; close?: string; formError?: string };
  /** What the action does, shown above the reason. */
  children?: ReactNode;
}

/**
 * The one-reason dialog of the actions that undo or set aside money or a request (reverse a payment, ignore a bank
 * line, resolve a reconciliation difference): a required text of up to 500 characters, Alt+S to save, Esc to close
 * unless saving. The caller owns the form and the mutation; this draws it the same way everywhere.
 */
export function ReasonDialog(p: ReasonDialogProps) {
  return (
    <Dialog
      open
      title={p.title}
      description={p.description}
      onClose={p.busy ? () => {} : p.onClose}
      onSave={p.onSubmit}
      closeOnBackdrop={false}
      data-testid={p.testIds.dialog}
      footer={
        <>
          <Button onClick={p.onClose} disabled={p.busy} data-testid={p.testIds.close}>
            Đóng
          </Button>
          <Button
            variant={p.variant}
            onClick={p.onSubmit}
            disabled={p.busy}
            shortcut="Alt+S"
            data-testid={p.testIds.save}
          >
            {p.busy ? (p.busyLabel ?? 'Đang lưu…') : p.saveLabel}
          </Button>
        </>
      }
    >
      <form
        noValidate
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          p.onSubmit();
        }}
      >
        {p.children}
        {p.formError && (
          <p
            role="alert"
            data-testid={p.testIds.formError}
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
          >
            {p.formError}
          </p>
        )}
        <FormField label={p.label} required error={p.fieldError} name={p.field.name}>
          {(ids) => (
            <textarea
              {...ids}
              {...p.field}
              rows={3}
              maxLength={500}
              data-autofocus=""
              data-testid={p.testIds.field}
              className={`w-full rounded-md border bg-white px-2.5 py-1.5 text-sm text-slate-900 ${p.fieldError ? 'border-red-500 bg-red-50/40' : 'border-slate-300 focus:border-brand-500'}`}
            />
          )}
        </FormField>
      </form>
    </Dialog>
  );
}
