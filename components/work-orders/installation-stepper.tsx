'use client';

import type { ReactNode } from 'react';

/** The installation pipeline (SPEC §7): each step moves the request to the status named after it. */
const INSTALLATION_STEPS = [
  { key: 'survey', label: 'Khảo sát', reaches: 'SURVEYED' },
  { key: 'quote', label: 'Báo giá', reaches: 'QUOTED' },
  { key: 'contract', label: 'Ký hợp đồng', reaches: 'CONTRACTED' },
  { key: 'install', label: 'Lắp đặt', reaches: 'INSTALLED' },
  { key: 'handover', label: 'Bàn giao', reaches: 'DONE' },
] as const;

export type InstallationStep = (typeof INSTALLATION_STEPS)[number]['key'];

/** How far each status has gone along the pipeline (the number of steps done). */
const PROGRESS: Record<string, number> = {
  RECEIVED: 0,
  ASSIGNED: 0,
  IN_PROGRESS: 0,
  SURVEYED: 1,
  QUOTED: 2,
  CONTRACTED: 3,
  INSTALLED: 4,
  DONE: 5,
};

export type StepState = 'done' | 'current' | 'upcoming' | 'stopped';

/** The state of every step for a status; a rejected or cancelled request stops where it was. */
export function installationSteps(
  status: string,
  /** Steps done before a rejection or cancellation (from the timeline), when known. */
  reachedBeforeStop = 0,
): { key: InstallationStep; label: string; state: StepState }[] {
  const stopped = status === 'REJECTED' || status === 'CANCELLED';
  const done = stopped ? reachedBeforeStop : (PROGRESS[status] ?? 0);
  return INSTALLATION_STEPS.map((s, i) => ({
    key: s.key,
    label: s.label,
    state: i < done ? 'done' : stopped ? 'stopped' : i === done ? 'current' : 'upcoming',
  }));
}

/** The step the request waits for, or null when it is done, rejected or cancelled. */
export function currentInstallationStep(status: string): InstallationStep | null {
  return installationSteps(status).find((s) => s.state === 'current')?.key ?? null;
}

const DOT: Record<StepState, string> = {
  done: 'border-emerald-600 bg-emerald-600 text-white',
  current: 'border-brand-600 bg-white text-brand-700',
  upcoming: 'border-slate-300 bg-white text-slate-400',
  stopped: 'border-slate-300 bg-slate-100 text-slate-400',
};

const STATE_TEXT: Record<StepState, string> = {
  done: 'đã xong',
  current: 'đang chờ',
  upcoming: 'chưa đến',
  stopped: 'đã dừng',
};

/**
 * The five steps of a new connection as a horizontal stepper; the current step's form (given by the screen, which
 * knows the user's rights) shows under it. Pure: status in, form slot out.
 */
export function InstallationStepper({
  status,
  reachedBeforeStop,
  children,
}: {
  status: string;
  reachedBeforeStop?: number;
  /** The form of the current step (or nothing when the user may not act). */
  children?: ReactNode;
}) {
  const steps = installationSteps(status, reachedBeforeStop);
  return (
    <section aria-label="Quy trình lắp đặt" data-testid="installation-stepper" className="space-y-3">
      <ol className="flex items-start gap-1">
        {steps.map((s, i) => (
          <li
            key={s.key}
            data-testid={`step-${s.key}`}
            data-state={s.state}
            aria-current={s.state === 'current' ? 'step' : undefined}
            className="flex min-w-0 flex-1 flex-col items-center gap-1 text-center"
          >
            <div className="flex w-full items-center">
              <span
                className={`h-0.5 flex-1 ${i === 0 ? 'invisible' : s.state === 'done' || s.state === 'current' ? 'bg-emerald-500' : 'bg-slate-200'}`}
              />
              <span
                aria-hidden="true"
                className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full border-2 text-xs font-semibold ${DOT[s.state]}`}
              >
                {s.state === 'done' ? '✓' : i + 1}
              </span>
              <span
                className={`h-0.5 flex-1 ${i === steps.length - 1 ? 'invisible' : s.state === 'done' ? 'bg-emerald-500' : 'bg-slate-200'}`}
              />
            </div>
            <span
              className={`text-xs ${s.state === 'current' ? 'font-semibold text-brand-700' : s.state === 'done' ? 'text-slate-700' : 'text-slate-400'}`}
            >
              {s.label}
              <span className="sr-only"> ({STATE_TEXT[s.state]})</span>
            </span>
          </li>
        ))}
      </ol>
      {children && <div className="rounded-md border border-slate-200 p-3">{children}</div>}
    </section>
  );
}
