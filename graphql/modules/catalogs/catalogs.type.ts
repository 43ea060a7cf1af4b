import { z } from 'zod';
import { builder } from '@/graphql/builder';
import type { CatalogColumnInfo, CatalogRow } from '@/services/catalogs/catalog.service';
import { COLUMN_KINDS, FILTER_OPS, MAX_FILTERS } from '@/services/catalogs/filter';
import {
  CATALOG_NAMES,
  CATALOGS,
  writableColumns,
  type CatalogDef,
  type CatalogName,
} from '@/services/catalogs/registry';

export const CatalogNameEnum = builder.enumType('CatalogName', {
  description: 'The catalogs (danh mục) served by the generic catalog screen; each value is also its list query.',
  values: CATALOG_NAMES,
});

const CatalogColumnKindEnum = builder.enumType('CatalogColumnKind', {
  values: COLUMN_KINDS,
});

const FilterOpEnum = builder.enumType('FilterOp', {
  description:
    'eq =, ne ≠, contains/startsWith (case- and accent-insensitive), lt <, lte ≤, gt >, gte ≥, between [value, value2].',
  values: FILTER_OPS,
});

const CatalogOptionRef = builder.objectRef<{ value: string; label: string }>('CatalogOption').implement({
  fields: (t) => ({
    value: t.exposeString('value'),
    label: t.exposeString('label'),
  }),
});

export const CatalogColumnRef = builder.objectRef<CatalogColumnInfo>('CatalogColumn').implement({
  description: 'A column of a catalog: what the generic screen shows, filters and edits.',
  fields: (t) => ({
    name: t.exposeString('name'),
    label: t.exposeString('label'),
    kind: t.field({ type: CatalogColumnKindEnum, resolve: (c) => c.kind }),
    ref: t.field({
      type: CatalogNameEnum,
      nullable: true,
      description: 'For `ref` columns: the catalog pointed at.',
      resolve: (c) => c.ref,
    }),
    required: t.exposeBoolean('required'),
    nullable: t.exposeBoolean('nullable'),
    readOnly: t.exposeBoolean('readOnly', { description: 'Computed for display; not part of the input.' }),
    options: t.field({ type: [CatalogOptionRef], resolve: (c) => c.options }),
  }),
});

export interface CatalogInfo {
  name: CatalogName;
  label: string;
  typeName: string;
  canAdd: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canExport: boolean;
}

export const CatalogInfoRef = builder.objectRef<CatalogInfo>('CatalogInfo').implement({
  fields: (t) => ({
    name: t.field({ type: CatalogNameEnum, resolve: (c) => c.name }),
    label: t.exposeString('label'),
    typeName: t.exposeString('typeName'),
    canAdd: t.exposeBoolean('canAdd'),
    canEdit: t.exposeBoolean('canEdit'),
    canDelete: t.exposeBoolean('canDelete'),
    canExport: t.exposeBoolean('canExport'),
  }),
});

// ---------------------------------------------------------------- list arguments

const ColumnFilterInput = builder.inputType('ColumnFilter', {
  description:
    'One condition of the filter bar. Values are typed as text and cast by the column kind (dates as YYYY-MM-DD or dd/mm/yyyy).',
  fields: (t) => ({
    column: t.string({ required: true }),
    op: t.field({ type: FilterOpEnum, required: true }),
    value: t.string(),
    value2: t.string({ description: 'Upper bound for `between`.' }),
  }),
});

const CatalogOrderInput = builder.inputType('CatalogOrder', {
  fields: (t) => ({
    column: t.string({ required: true }),
    desc: t.boolean(),
  }),
});

const filterValue = z.string().max(200, 'Giá trị lọc dài tối đa 200 ký tự.').nullish();

const catalogQuerySchema = z.object({
  filters: z
    .array(
      z.object({
        column: z.string().max(64, 'Tên cột không hợp lệ.'),
        op: z.enum(FILTER_OPS, { error: 'Phép so sánh không hợp lệ.' }),
        value: filterValue,
        value2: filterValue,
      }),
    )
    .max(MAX_FILTERS, `Chỉ được lọc tối đa ${MAX_FILTERS} điều kiện.`)
    .nullish(),
  search: z.string().max(100, 'Từ khóa tìm kiếm dài tối đa 100 ký tự.').nullish(),
  offset: z.number().int('Vị trí bắt đầu phải là số nguyên.').min(0, 'Vị trí bắt đầu không được âm.').nullish(),
  limit: z
    .number()
    .int('Số dòng mỗi trang phải là số nguyên.')
    .min(1, 'Số dòng mỗi trang phải từ 1 đến 500.')
    .max(500, 'Số dòng mỗi trang phải từ 1 đến 500.')
    .nullish(),
  orderBy: z
    .array(z.object({ column: z.string().max(64), desc: z.boolean().nullish() }))
    .max(5, 'Chỉ được sắp xếp theo tối đa 5 cột.')
    .nullish(),
});

export const CatalogQueryInput = builder.inputType('CatalogQuery', {
  description: 'Filter, search and paging of a catalog list. `limit` defaults to 100, at most 500.',
  fields: (t) => ({
    filters: t.field({ type: [ColumnFilterInput] }),
    search: t.string({ description: 'Case- and accent-insensitive, over the text columns.' }),
    offset: t.int(),
    limit: t.int(),
    orderBy: t.field({ type: [CatalogOrderInput] }),
  }),
  validate: catalogQuerySchema,
});

// ---------------------------------------------------------------- one object, page and input type per catalog

function catalogObject(def: CatalogDef) {
  return builder.objectRef<CatalogRow>(def.typeName).implement({
    description: def.label,
    fields: (t) => {
      const fields = {
        id: t.int({ resolve: (r) => Number(r.id) }),
        createdAt: t.field({ type: 'DateTime', resolve: (r) => r.createdAt }),
      } as Record<string, ReturnType<typeof t.int> | ReturnType<typeof t.string> | ReturnType<typeof t.field>>;
      for (const c of def.columns) {
        const nullable = c.nullable ?? false;
        const description = c.label;
        const read = (r: CatalogRow) => r[c.name] as never;
        if (c.kind === 'string') fields[c.name] = t.string({ nullable, description, resolve: (r) => read(r) });
        else if (c.kind === 'date')
          fields[c.name] = t.field({ type: 'Date', nullable, description, resolve: (r) => read(r) });
        else
          fields[c.name] = t.int({
            nullable,
            description,
            resolve: (r) => {
              const v = r[c.name];
              return v === null || v === undefined ? (null as never) : Number(v);
            },
          });
      }
      return fields;
    },
  });
}

function catalogPage(def: CatalogDef, object: ReturnType<typeof catalogObject>) {
  return builder.objectRef<{ rows: CatalogRow[]; total: number }>(`${def.typeName}Page`).implement({
    fields: (t) => ({
      rows: t.field({ type: [object], resolve: (p) => p.rows }),
      total: t.exposeInt('total'),
    }),
  });
}

function catalogInput(def: CatalogDef) {
  return builder.inputType(`${def.typeName}Input`, {
    description: `${def.label}: the whole row being added or edited. Omitted optional fields are cleared; omitted defaulted fields keep their value.`,
    fields: (t) => {
      const fields = {} as Record<
        string,
        ReturnType<typeof t.string> | ReturnType<typeof t.int> | ReturnType<typeof t.field>
      >;
      for (const c of writableColumns(def)) {
        const required = c.required ?? false;
        const description = c.label;
        if (c.kind === 'string') fields[c.name] = t.string({ required, description });
        else if (c.kind === 'date') fields[c.name] = t.field({ type: 'Date', required, description });
        else fields[c.name] = t.int({ required, description });
      }
      return fields;
    },
  });
}

export interface CatalogTypes {
  def: CatalogDef;
  object: ReturnType<typeof catalogObject>;
  page: ReturnType<typeof catalogPage>;
  input: ReturnType<typeof catalogInput>;
}

/** The GraphQL refs of every catalog (Ward, WardPage, WardInput …), for other modules to point at. */
export const catalogTypes = Object.fromEntries(
  CATALOG_NAMES.map((name) => {
    const def = CATALOGS[name];
    const object = catalogObject(def);
    return [name, { def, object, page: catalogPage(def, object), input: catalogInput(def) }];
  }),
) as Record<CatalogName, CatalogTypes>;
