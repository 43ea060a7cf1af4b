import { describe, expect, it } from 'vitest';
import { disconnectionDeadlines } from '@/domain/notices/deadlines';
import { workOrderDeadline } from '@/domain/work-orders/deadline';

describe('a cut-off’s deadline waits for its disconnection notice', () => {
  it('is never earlier than the disconnection date', () => {
    // A household told on Monday 16/11/2026 may be cut after 21/12; the kind's 7 days would say 23/11.
    const household = disconnectionDeadlines('2026-11-16', true).disconnectOn;
    expect(household).toBe('2026-12-21');
    expect(workOrderDeadline('CUT_OFF', '2026-11-16', null, household)).toBe('2026-12-21');
    // Another customer: 15 working days.
    const agency = disconnectionDeadlines('2026-11-16', false).disconnectOn;
    expect(agency).toBe('2026-12-07');
    expect(workOrderDeadline('CUT_OFF', '2026-11-16', null, agency)).toBe('2026-12-07');
  });

  it('keeps a later deadline of its own, and its own rule without a floor', () => {
    expect(workOrderDeadline('CUT_OFF', '2026-11-16', 60, '2026-12-21')).toBe('2027-01-15');
    expect(workOrderDeadline('CUT_OFF', '2026-11-16')).toBe('2026-11-23');
    expect(workOrderDeadline('CUT_OFF', '2026-11-16', null, null)).toBe('2026-11-23');
  });
});
