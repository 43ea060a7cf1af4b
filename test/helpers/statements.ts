import type { OpenOptions } from '@/db/client';
import { createTestDatabase } from './db';

/**
 * Counts the SQL statements Drizzle sends, so a test can assert that a screen's operation costs a fixed
 * number of round trips whatever the number of rows (an N+1 query makes the count grow and fails).
 */
class StatementCounter {
  private active = false;
  readonly statements: string[] = [];
  /** The bound parameters of each statement (to EXPLAIN it as sent). */
  readonly params: unknown[][] = [];

  /** The hook to give openDatabase / createTestDatabase. */
  readonly onQuery: NonNullable<OpenOptions['onQuery']> = (query, params) => {
    if (!this.active) return;
    this.statements.push(query);
    this.params.push(params);
  };

  /** Runs `fn` and returns what it returned with the statements it sent (only one measurement at a time). */
  async measure<T>(
    fn: () => Promise<T>,
  ): Promise<{ result: T; count: number; statements: string[]; params: unknown[][] }> {
    if (this.active) throw new Error('StatementCounter.measure does not nest');
    this.statements.length = 0;
    this.params.length = 0;
    this.active = true;
    try {
      const result = await fn();
      return { result, count: this.statements.length, statements: [...this.statements], params: [...this.params] };
    } finally {
      this.active = false;
    }
  }
}

/** A fresh test database whose statements can be counted. */
export async function createCountedTestDatabase() {
  const counter = new StatementCounter();
  const database = await createTestDatabase({ onQuery: counter.onQuery });
  return { ...database, counter };
}
