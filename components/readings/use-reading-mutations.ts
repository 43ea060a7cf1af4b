'use client';

import { useMemo } from 'react';
import { useClient, type AnyVariables, type TypedDocumentNode } from 'urql';
import { apiError, type ApiError } from '@/lib/graphql/errors';
import { readFragment, type FragmentOf, type VariablesOf } from '@/lib/graphql/graphql';
import {
  ADJUSTMENT_TYPENAMES,
  AdjustmentFragment,
  ClearReadingMutation,
  CorrectMeterReplacementMutation,
  CorrectPreviousIndexMutation,
  CreateBackBillMutation,
  DeclareMeterReplacementMutation,
  DeclareSuspensionMutation,
  DeleteAdjustmentMutation,
  DeleteSuspensionMutation,
  EndSuspensionMutation,
  QUEUE_TYPENAMES,
  ReadingSheetQuery,
  SaveReadingMutation,
  SheetRowFragment,
  SpreadOwedConsumptionMutation,
  SUSPENSION_TYPENAMES,
  SuspensionFragment,
  type SheetRow,
} from './readings.documents';

/** A rejected mutation, carrying the API's message, code and per-field problems. */
class ReadingApiError extends Error {
  constructor(readonly api: ApiError) {
    super(api.message);
  }
}

/** The errors of a form: per field when the API names one, else under `_` (above the submit button). */
export function formErrorsOf(e: unknown, fallback: string): Record<string, string> {
  const api = e instanceof ReadingApiError ? e.api : apiError(e, fallback);
  const out: Record<string, string> = {};
  for (const i of api.issues ?? []) out[i.path.split('.').pop() ?? '_'] = i.message;
  if (api.field) out[api.field] = api.message;
  if (Object.keys(out).length === 0) out._ = api.message || fallback;
  return out;
}

/**
 * The writes of the entry sheet and its declarations, through the one client: each result invalidates the
 * cached queries holding its types (a saved row, a new suspension…). Imperative rather than `useMutation`
 * because the sheet saves many rows at once (four at a time) and each form awaits its answer to move on.
 * Rows a new reading may flag are also in the anomaly queue, so saves name its types too.
 */
export function useReadingMutations() {
  const client = useClient();
  return useMemo(() => {
    async function run<Data, Variables extends AnyVariables>(
      doc: TypedDocumentNode<Data, Variables>,
      variables: Variables,
      additionalTypenames: string[] = [],
    ): Promise<Data> {
      const result = await client.mutation(doc, variables, { additionalTypenames }).toPromise();
      if (result.error || !result.data) throw new ReadingApiError(apiError(result.error, 'Không lưu được.'));
      return result.data;
    }
    const row = (r: FragmentOf<typeof SheetRowFragment>): SheetRow => readFragment(SheetRowFragment, r);
    const queue = QUEUE_TYPENAMES;
    return {
      saveReading: async (input: VariablesOf<typeof SaveReadingMutation>['input']) =>
        row((await run(SaveReadingMutation, { input }, queue)).saveReading),
      clearReading: async (v: { customerId: number; period: string; meterId: number; version: number | null }) =>
        row((await run(ClearReadingMutation, v, queue)).clearReading),
      declareMeterReplacement: async (
        input: { customerId: number; period: string; finalIndex: number; removedOn: string },
        newMeter: { serial: string; initialIndex: number; installedOn: string; sealNo?: string | null },
      ) =>
        readFragment(
          SheetRowFragment,
          (await run(DeclareMeterReplacementMutation, { input, newMeter }, queue)).declareMeterReplacement,
        ).slice(),
      correctMeterReplacement: async (input: {
        customerId: number;
        meterId: number;
        finalIndex: number;
        reason: string;
      }) => {
        await run(CorrectMeterReplacementMutation, { input }, queue);
      },
      declareSuspension: async (input: {
        customerId: number;
        fromPeriod: string;
        toPeriod: string | null;
        reason: string;
      }) =>
        readFragment(
          SuspensionFragment,
          (await run(DeclareSuspensionMutation, { input }, SUSPENSION_TYPENAMES)).declareSuspension,
        ),
      endSuspension: async (id: number, toPeriod: string) => {
        await run(EndSuspensionMutation, { id, toPeriod });
      },
      deleteSuspension: async (id: number) => {
        await run(DeleteSuspensionMutation, { id }, SUSPENSION_TYPENAMES);
      },
      correctPreviousIndex: async (input: {
        customerId: number;
        period: string;
        meterId: number;
        previousIndex: number;
        currentIndex: number | null;
        reason: string;
      }) => row((await run(CorrectPreviousIndexMutation, { input }, queue)).correctPreviousIndex),
      createBackBill: async (input: {
        customerId: number;
        tariffPeriod: string;
        billPeriod: string;
        quantity: number | null;
        amount: number | null;
        reason: string;
      }) =>
        readFragment(
          AdjustmentFragment,
          (await run(CreateBackBillMutation, { input }, ADJUSTMENT_TYPENAMES)).createBackBill,
        ),
      spreadOwedConsumption: async (input: {
        customerId: number;
        quantity: number;
        firstPeriod: string;
        periods: number;
        reason: string;
      }) =>
        readFragment(
          AdjustmentFragment,
          (await run(SpreadOwedConsumptionMutation, { input }, ADJUSTMENT_TYPENAMES)).spreadOwedConsumption,
        ),
      deleteAdjustment: async (id: number, wholeGroup: boolean) =>
        (await run(DeleteAdjustmentMutation, { id, wholeGroup }, ADJUSTMENT_TYPENAMES)).deleteAdjustment,
      /** The rows of one customer now (a search by code, then the exact customer: codes are prefixes of one another). */
      customerRows: async (
        bookId: number,
        period: string,
        customerId: number,
        customerCode: string,
      ): Promise<SheetRow[]> => {
        const result = await client
          .query(ReadingSheetQuery, { bookId, period, search: customerCode }, { requestPolicy: 'network-only' })
          .toPromise();
        if (result.error || !result.data)
          throw new ReadingApiError(apiError(result.error, 'Không tải lại được dòng của khách hàng.'));
        return readFragment(SheetRowFragment, result.data.readingSheet.rows).filter((r) => r.customerId === customerId);
      },
    };
  }, [client]);
}

export type ReadingMutations = ReturnType<typeof useReadingMutations>;
