import { builder } from '@/graphql/builder';
import { ERROR_CODES } from '@/services/error-codes';

/*
 * No field returns it: the enum is published so the printed schema carries the one documented list of
 * `extensions.code` values that clients and partners may branch on.
 */
builder.enumType('ErrorCode', {
  description:
    'Every stable `extensions.code` an error of this API can carry. Branch on the code, show the (Vietnamese) message; new codes are only ever added.',
  values: Object.fromEntries(Object.entries(ERROR_CODES).map(([code, description]) => [code, { description }])),
});
