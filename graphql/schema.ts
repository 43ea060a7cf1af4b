import { builder } from './builder';
import { enforceArgumentLengths } from './limits/argument-length';
import './modules/system/system.queries';
import './modules/system/error-code.type';
import './modules/catalogs/catalogs.schema';
import './modules/users/users.schema';
import './modules/customers/customer.type';
import './modules/customers/customer.queries';
import './modules/customers/customer.mutations';
import './modules/tariffs/tariffs.schema';
import './modules/readings/readings.schema';
import './modules/billing/billing.schema';
import './modules/invoices/invoices.schema';
import './modules/payments/payments.schema';
import './modules/portal/portal.schema';
import './modules/work-orders/work-orders.schema';
import './modules/notices/notices.schema';
import './modules/company/company.schema';

// Length limits wrap the finished schema so they run first, on every text argument, however it is declared.
export const schema = enforceArgumentLengths(builder.toSchema({ sortSchema: true }));
