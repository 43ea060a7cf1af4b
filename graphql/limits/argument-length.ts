import {
  defaultFieldResolver,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { AppError } from '@/services/errors';
import { API_LIMITS } from './api-limits';

/** Search boxes: enough for a name, an address or a code, short enough to keep a search cheap. */
const SEARCH_MAX_LENGTH = 100;
/** Free-text notes and reasons typed by staff. */
const NOTE_MAX_LENGTH = 1000;

/**
 * Fields whose limit differs from API_LIMITS.maxStringLength, by schema coordinate (`Type.field` for input
 * fields, `Type.field(arg:)` for arguments). Every other String, ID or JSON value gets the default.
 */
export const STRING_LENGTH_OVERRIDES: Readonly<Record<string, number>> = {
  'Query.bookCustomers(search:)': SEARCH_MAX_LENGTH,
  'Query.searchCustomers(query:)': SEARCH_MAX_LENGTH,
  'Query.readingSheet(search:)': SEARCH_MAX_LENGTH,
  'CatalogQuery.search': SEARCH_MAX_LENGTH,
  'ColumnFilter.value': SEARCH_MAX_LENGTH,
  'ColumnFilter.value2': SEARCH_MAX_LENGTH,
  'Mutation.resolveAnomalies(note:)': NOTE_MAX_LENGTH,
  'SaveReadingInput.note': NOTE_MAX_LENGTH,
  'DeviceReadingInput.note': NOTE_MAX_LENGTH,
  'TariffVersionInput.note': NOTE_MAX_LENGTH,
  'TariffVersionUpdateInput.note': NOTE_MAX_LENGTH,
  'BackBillInput.reason': NOTE_MAX_LENGTH,
  'CorrectPreviousIndexInput.reason': NOTE_MAX_LENGTH,
  'SpreadOwedConsumptionInput.reason': NOTE_MAX_LENGTH,
  'SuspensionInput.reason': NOTE_MAX_LENGTH,
  'PortalConnectionRequestInput.description': NOTE_MAX_LENGTH,
  'PortalServiceRequestInput.description': NOTE_MAX_LENGTH,
  // The company's address and office hours (schemas/company-profile.ts checks the exact limits).
  'CompanyProfileInput.address': 300,
  'CompanyProfileInput.officeHours': 300,
};

const TEXT_SCALARS = new Set(['String', 'ID', 'JSON']);

function tooLong(max: number, path: string): AppError {
  return new AppError('ARGUMENT_TOO_LONG', `Nội dung nhập quá dài (tối đa ${max} ký tự).`, { field: path });
}

/** Length as the user sees it: decomposed input (NFD) is not penalised for its combining marks. */
const visibleLength = (s: string) => s.normalize('NFC').length;

function checkValue(value: unknown, type: GraphQLInputType, max: number, path: string): void {
  if (value === null || value === undefined) return;
  const t = getNullableType(type);
  if (isListType(t)) {
    if (Array.isArray(value)) value.forEach((v, i) => checkValue(v, t.ofType, max, `${path}.${i}`));
    else checkValue(value, t.ofType, max, path);
    return;
  }
  if (isInputObjectType(t)) {
    const fields = t.getFields();
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (!field) continue;
      checkValue(
        v,
        field.type,
        STRING_LENGTH_OVERRIDES[`${t.name}.${name}`] ?? API_LIMITS.maxStringLength,
        `${path}.${name}`,
      );
    }
    return;
  }
  if (isScalarType(t) && TEXT_SCALARS.has(t.name)) checkJsonStrings(value, max, path);
}

/** Every string inside the value (a JSON scalar may nest them in objects and arrays). */
function checkJsonStrings(value: unknown, max: number, path: string): void {
  if (typeof value === 'string') {
    if (value.length > max && visibleLength(value) > max) throw tooLong(max, path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkJsonStrings(v, max, `${path}.${i}`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.length > max) throw tooLong(max, path);
      checkJsonStrings(v, max, `${path}.${k}`);
    }
  }
}

function carriesText(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const t = getNullableType(type);
  if (isListType(t)) return carriesText(t.ofType, seen);
  if (isInputObjectType(t)) {
    if (seen.has(t.name)) return false;
    seen.add(t.name);
    return Object.values(t.getFields()).some((f) => carriesText(f.type, seen));
  }
  return isScalarType(t) && TEXT_SCALARS.has(t.name);
}

/**
 * Wraps every resolver that takes text so its (coerced) arguments are length-checked before anything else
 * runs: one central rule instead of a `max()` on each of the schema's text inputs, applied to the variables
 * and literals alike. A refusal is ARGUMENT_TOO_LONG with the argument's path in `extensions.field`.
 */
export function enforceArgumentLengths(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const textArgs = field.args.filter((a) => carriesText(a.type));
      if (textArgs.length === 0) continue;
      const limits = textArgs.map((a: GraphQLArgument) => ({
        arg: a,
        max: STRING_LENGTH_OVERRIDES[`${type.name}.${field.name}(${a.name}:)`] ?? API_LIMITS.maxStringLength,
      }));
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        for (const { arg, max } of limits) checkValue(args[arg.name], arg.type, max, arg.name);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
