// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { PeriodPicker } from '@/components/readings/period-picker';

afterEach(cleanup);

/** The parent owns the period, as the readings and billing screens do, and can change it from elsewhere. */
function Parent({ onChange }: { onChange?: (p: string) => void }) {
  const [period, setPeriod] = useState('2026-03');
  return (
    <>
      <PeriodPicker
        value={period}
        max="2026-06"
        onChange={(p) => {
          onChange?.(p);
          setPeriod(p);
        }}
      />
      <button type="button" onClick={() => setPeriod('2026-05')}>
        Kỳ khác
      </button>
    </>
  );
}

describe('PeriodPicker follows the period its parent holds', () => {
  it('shows a period the parent changes, replacing the text being typed and its invalid mark', async () => {
    const user = userEvent.setup();
    render(<Parent />);
    const input = screen.getByTestId('period-input');
    expect(input).toHaveProperty('value', '03/2026');

    await user.clear(input);
    await user.type(input, '13/2026{Enter}');
    expect(input.getAttribute('aria-invalid')).toBe('true');

    await user.click(screen.getByRole('button', { name: 'Kỳ khác' }));
    expect(input).toHaveProperty('value', '05/2026');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(input.getAttribute('data-period')).toBe('2026-05');
  });

  it('applies a typed period, and steps with the arrows within the latest period allowed', async () => {
    const user = userEvent.setup();
    const asked: string[] = [];
    render(<Parent onChange={(p) => asked.push(p)} />);
    const input = screen.getByTestId('period-input');

    await user.clear(input);
    await user.type(input, '4/2026{Enter}');
    expect(input).toHaveProperty('value', '04/2026');

    await user.click(screen.getByRole('button', { name: 'Kỳ sau' }));
    expect(input).toHaveProperty('value', '05/2026');
    expect(asked).toEqual(['2026-04', '2026-05']);
  });
});
