import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { toNfcDeep } from '@/domain/text/nfc';

/**
 * Composes every string argument (and every string inside input objects) to NFC before validation and
 * the resolver see it. Living in the schema, it covers the HTTP endpoint, the in-process executor of
 * server components and the tests alike, with no per-resolver code to forget.
 */
class NfcArgsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (Object.keys(fieldConfig.args).length === 0) return fieldConfig;
    // First of the mappers, so the validation plugin already checks lengths on the composed text.
    return { ...fieldConfig, argMappers: [(args) => toNfcDeep(args), ...fieldConfig.argMappers] };
  }
}

const pluginName = 'nfcArgs';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      nfcArgs: NfcArgsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, NfcArgsPlugin);

export default pluginName;
