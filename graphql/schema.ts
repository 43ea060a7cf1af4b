import { builder } from './builder';
import './modules/system/system.queries';
import './modules/catalogs/catalogs.schema';
import './modules/users/users.schema';
import './modules/customers/customer.type';
import './modules/customers/customer.queries';
import './modules/customers/customer.mutations';
import './modules/tariffs/tariffs.schema';
import './modules/readings/readings.schema';
import './modules/billing/billing.schema';

export const schema = builder.toSchema({ sortSchema: true });
