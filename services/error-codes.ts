/**
 * Every stable `extensions.code` the API can answer with, and what it means. This is the contract the staff UI,
 * the customer portal and partners key on: the GraphQL enum `ErrorCode` is printed from it into schema.graphql,
 * and AppError only accepts a code listed here, so a new code cannot reach a client undocumented.
 */
export const ERROR_CODES = {
  // Sign-in and rights
  UNAUTHENTICATED: 'The caller is not signed in (or the session expired).',
  FORBIDDEN: 'The signed-in user lacks the right for this operation.',
  BOOK_FORBIDDEN: 'The user has no right on the reading book the data belongs to.',
  WRONG_PASSWORD: 'Sign-in or password change with a wrong password.',
  PASSWORD_MISMATCH: 'The new password and its confirmation differ.',
  PASSWORD_TOO_SHORT: 'The new password is shorter than the minimum length.',
  TOO_MANY_ATTEMPTS: 'Too many failed sign-ins; try again later.',
  RATE_LIMITED: 'Too many requests from this client; try again later.',
  LAST_ADMIN: 'The change would leave no active administrator.',
  CANNOT_DEACTIVATE_SELF: 'A user cannot deactivate their own account.',
  CANNOT_DELETE_SELF: 'A user cannot delete their own account.',
  DUPLICATE_LOGIN: 'Another user already has this login name.',
  INVALID_LOGIN: 'The login name is not up to 16 lowercase ASCII letters and digits.',
  FULL_NAME_REQUIRED: 'The full name is missing.',
  UNKNOWN_PERMISSION_OBJECT: 'A permission row names an object that does not exist.',
  DUPLICATE_PERMISSION_ROW: 'The same permission object is listed twice.',

  // Input in general
  VALIDATION_FAILED: 'An argument breaks a rule (length, pattern, range); `extensions.issues` or `field` says which.',
  BAD_USER_INPUT: 'A variable does not match its declared GraphQL type.',
  BAD_REQUEST: 'The request itself is malformed (not a GraphQL request, wrong method or body).',
  GRAPHQL_PARSE_FAILED: 'The query text is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The query asks for fields or arguments the schema does not have.',
  PAYLOAD_TOO_LARGE: 'The request body is larger than the server accepts.',
  QUERY_TOO_COMPLEX: 'The query exceeds a depth, alias, field or token limit; `extensions.limit` says which.',
  INTROSPECTION_DISABLED: 'Schema introspection is switched off on this server; use the published schema.graphql.',
  INVALID_DATE: 'A Date is not a real calendar day YYYY-MM-DD within 1900–2100.',
  INVALID_DATETIME: 'A DateTime is not RFC 3339 with an offset, within 1900–2100.',
  INVALID_PERIOD: 'A Period is not YYYY-MM within 1900–2100.',
  INVALID_PERIOD_RANGE: 'The end of a period range is before its start, or the range is too long.',
  INVALID_DATE_RANGE: 'The end of a date range is before its start, or the range is longer than allowed.',
  INVALID_MONEY: 'A Money amount is not a whole number of VND within ±(2^53 − 1).',
  INVALID_EMAIL: 'The e-mail address is malformed.',
  INVALID_PHONE: 'The phone number is malformed.',
  INVALID_FILTER: 'A list filter names an unknown column or has a malformed value.',
  INVALID_ORDER: 'A list ordering names an unknown column.',
  SEARCH_TOO_SHORT: 'The search text is too short to search with.',
  ARGUMENT_TOO_LONG: 'A list argument has more items than allowed.',
  TOO_MANY_ROWS: 'An import or batch has more rows than allowed.',
  NOTHING_SELECTED: 'A batch operation was given no items.',
  INVALID_REFERENCE: 'An id refers to a record that does not exist or cannot be used here.',
  NOT_FOUND: 'The record does not exist (or the caller may not see it).',
  DUPLICATE: 'The data duplicates an existing record.',
  DUPLICATE_CODE: 'Another record already has this code.',
  IN_USE: 'The record is referenced by other data and cannot be removed or changed this way.',
  CONSTRAINT_VIOLATION: 'The data breaks a database rule.',
  VERSION_CONFLICT: 'Someone else changed the record since it was loaded; reload and retry.',
  EXTRA_FIELD_REQUIRED: 'A required custom field of the catalog is missing.',
  INVALID_EXTRA_FIELD: 'A custom field value has the wrong type or format.',
  UNKNOWN_EXTRA_FIELD: 'A custom field does not exist in the catalog.',
  UNKNOWN_SERVICE_TYPE: 'The service type (additional fee kind) does not exist.',
  INTERNAL: 'An unexpected server error; details are in the server log only.',

  // Files
  FILE_REQUIRED: 'The upload carries no file.',
  EMPTY_FILE: 'The uploaded file is empty.',
  FILE_TOO_LARGE: 'The uploaded file is larger than allowed.',
  FILE_TYPE_NOT_ALLOWED: 'The uploaded file type is not accepted.',
  INVALID_FILE: 'The uploaded file cannot be read (corrupt or not the expected format).',

  // Customers, contracts and meters
  CUSTOMER_HAS_INVOICES: 'The customer has invoices and cannot be deleted.',
  NO_CURRENT_CONTRACT: 'The customer has no current contract.',
  USE_MOVE_TO_CHANGE_BOOK: 'A customer changes reading book through the move operation, not an edit.',
  NOT_IN_BOOK: 'The customer is not in the given reading book.',
  SEQUENCE_TAKEN: 'Another customer already has this position in the reading book.',
  SUSPENSION_OVERLAP: 'The suspension overlaps another suspension of the same customer.',
  DUPLICATE_METER_SERIAL: 'Another meter already has this serial number.',
  NO_ACTIVE_METER: 'The customer has no meter installed.',
  METER_NOT_REPLACED: 'The meter was not replaced, so there is nothing to undo.',
  REMOVED_BEFORE_INSTALLED: 'The removal date is before the installation date.',
  FINAL_INDEX_TOO_LOW: "The old meter's final index is below its last reading.",
  INDEX_ABOVE_CAPACITY: "The index exceeds the meter's number of digits.",

  // Readings
  FUTURE_PERIOD: 'Readings cannot be entered for a future period.',
  PERIOD_LOCKED: 'The period is locked for this reading book; readings and invoices can no longer change.',
  DATE_OUTSIDE_PERIOD: 'The reading date is outside the period.',
  MISSING_INDEX: 'The new index is missing and no reading code explains why.',
  NEGATIVE_CONSUMPTION: 'The new index is below the previous one without a meter rollover or replacement.',
  READING_NOT_FOUND: 'There is no reading for this customer and period.',
  READING_OF_REPLACED_METER: 'The reading belongs to a meter that has since been replaced.',
  REPLACED_METER_FINAL_INDEX:
    "The old meter's index for the period is fixed by the declared final index of its replacement.",
  NO_METER: 'The customer has no meter in this period.',
  METER_MISMATCH: "The meter serial does not match the customer's meter.",
  DUPLICATE_ROW: 'Several rows give a reading for the same meter.',
  INVALID_CODE: 'The reading code is not one of the known codes.',
  INVALID_INDEX: 'A meter index is negative, fractional or too large.',
  INVALID_HISTORY: 'The reading history needed for an estimate is inconsistent.',
  INVALID_FACTOR: 'A consumption factor is out of range.',
  INVALID_QUANTITY: 'A quantity is negative, fractional or too large.',

  // Tariffs and billing
  DUPLICATE_EFFECTIVE_DATE: 'Another tariff version takes effect on the same date.',
  TARIFF_VERSION_ISSUED: 'The tariff version has been used on invoices and cannot change.',
  NO_TARIFF_VERSION: 'No tariff version is in effect for the period.',
  INVALID_TARIFF: 'The tariff (tiers, prices, rates) is inconsistent.',
  INVALID_CONSUMPTION: 'A consumption figure is negative or not a whole number.',
  INVALID_HOUSEHOLDS: 'The number of households is out of range.',
  INVALID_PERSONS: 'The number of persons is out of range.',
  INVALID_SPLIT: 'The split of consumption between uses does not add up.',
  INVALID_WASTEWATER: 'The wastewater fee settings are inconsistent.',
  AMOUNT_OVERFLOW: 'An amount would exceed the largest exact integer.',
  RUN_FINISHED: 'The billing run has already finished.',

  // Invoices
  NO_INVOICE_SERIES: 'No default invoice series (template and symbol) is declared for the year of issue.',
  INVOICE_SERIES_FULL: 'The series has used its 8-digit numbers; declare a new series.',
  INVOICE_DATE_ORDER: 'The series already holds an invoice dated after today (numbers must follow dates).',
  ISSUE_JOB_RUNNING: 'Another user’s company-wide issue of the period is still queued or running.',
  DUPLICATE_INVOICE_SERIES: 'A series with the same template and invoice symbol exists.',
  INVOICE_SERIES_IN_USE: 'The series has issued invoices: its symbols and year can no longer change.',
  INVOICE_NOT_CORRECTABLE:
    'Only an issued invoice can be replaced or adjusted (not a draft, a cancelled or a replaced one).',
  INVOICE_NOT_RECOMPUTABLE: 'The correction could not be computed: the customer is not billable for the period now.',
  NOTHING_TO_ADJUST: 'Recomputing the invoice gives the same amounts; there is nothing to adjust.',
  NOTHING_TO_PRINT: 'The book has no invoice of the period (in the sequence range asked for) to print.',
  INVOICE_NOT_CANCELLABLE: 'Only an issued invoice without live adjustments can be cancelled.',

  // E-invoices
  EINVOICE_INVALID_DOCUMENT:
    'The invoice cannot be written as an e-invoice XML: a draft, a wrong series, or lines that do not add up to the total.',
  EINVOICE_INVALID_XML: 'The XML given to sign is not an unsigned HDon e-invoice.',
  EINVOICE_CERTIFICATE:
    'The signing certificate (PKCS#12 and password) cannot be used: wrong password, corrupt, no key, or expired.',
  EINVOICE_NOT_CONFIGURED:
    'Self-issued e-invoices need the company certificate (EINVOICE_P12_PATH, EINVOICE_P12_PASSWORD); production never uses a demo one.',
  EINVOICE_NOT_ISSUED: 'The invoice is a draft: it has no e-invoice until it is issued.',
  EINVOICE_PROVIDER_NOT_CONFIGURED:
    'The company issues e-invoices through a provider but EINVOICE_PROVIDER_URL or EINVOICE_PROVIDER_KEY is not set.',
  EINVOICE_PROVIDER_REJECTED:
    'The e-invoice provider refused the request (4xx); retrying will not help. Its reason is in the message.',
  EINVOICE_PROVIDER_UNAVAILABLE:
    'The e-invoice provider did not answer after several attempts (time-outs or 5xx); try again later.',
  EINVOICE_PROVIDER_BAD_RESPONSE: 'The e-invoice provider answered with something other than the expected JSON.',
  // Payments
  PAYMENT_INVALID_AMOUNT: 'A payment amount must be whole VND, above 0 and at most 100,000,000,000.',
  PAYMENT_ALREADY_REVERSED: 'The payment was already reversed; a reversal happens once.',
  PAYMENT_OVERPAYMENT_REFUSED: 'The amount is above the total due and this channel may not take the excess as credit.',
  PAYMENT_NOTHING_DUE: 'The customer owes nothing and this channel may not take money as credit.',
  PAYMENT_REVERSAL_DAY_PASSED: 'A partner may reverse a payment only on the business day it was made.',
  PARTNER_NOT_A_BANK: "Only a partner marked as the company's bank may post bank credit notifications.",
  PAYMENT_SETTLED: 'The collector day of this payment is settled and locked; it can no longer change.',
  IDEMPOTENCY_CONFLICT: 'The same transaction or idempotency key was sent before with different data.',
  COLLECTOR_NOT_ASSIGNED: "The collector is not assigned to the customer's current reading book.",
  COLLECTOR_CANNOT_COLLECT:
    'The user cannot be assigned to collect on the book: they do not hold it with the payments add right.',
  COLLECTOR_SELF_SETTLEMENT: 'A collector cannot confirm the settlement of their own day; a cashier does.',
  RECONCILIATION_ALREADY_RESOLVED: 'The reconciliation exception was resolved before; a resolution is final.',

  // Work orders (requests from intake to done)
  WORK_ORDER_TRANSITION_REFUSED:
    'The work order cannot move from its current status to the one asked for (closed, or a step skipped).',
  WORK_ORDER_STEP_NEEDS_DATA:
    'The status is reached through its own operation (survey, quote, contract, installation, handover, completion), not a bare status change.',
  WORK_ORDER_WRONG_KIND: 'The operation does not apply to this kind of work order.',
  WORK_ORDER_NO_BRANCH: 'No branch can take the request: the company has no branch yet.',
  CUT_OFF_DURING_DISPUTE:
    'The customer has an open bill dispute: no disconnection while it is pending (Decree 117/2007).',
  NO_OPEN_SUSPENSION: 'The customer has no open suspension to end.',

  // Notices (email, SMS, Zalo ZNS)
  NOTICE_NOT_RESENDABLE: 'Only a FAILED or SKIPPED message can be resent; a queued or sent one is left as it is.',
  NOTICE_TEMPLATE_UNKNOWN: 'The notice template named does not exist.',

  // Public portal (bill lookup without an account)
  PORTAL_LOOKUP_FAILED:
    'The customer code and the second factor (last 4 phone digits or an invoice number) do not match; an unknown code answers the same.',
  PORTAL_LINK_INVALID:
    'A portal download link is missing its token, or the token is forged, expired or made for another invoice.',
  PORTAL_CHALLENGE_FAILED:
    'A portal form came without a valid proof of work (missing, forged, expired, too weak or already used) or with its honeypot field filled; fetch a new portalChallenge and resend.',
  PORTAL_UPLOAD_INVALID:
    'A document token of a portal request is forged, expired, unknown or already attached to another request; upload the file again.',
  PORTAL_TRACKING_FAILED:
    'The tracking code and the last 4 digits of the applicant phone do not match; an unknown tracking code answers the same.',
  TOO_MANY_FILES: 'One upload carries more files than allowed.',
  CROSS_SITE_REQUEST:
    'The request did not come from a page of this site (Origin / Sec-Fetch-Site) or lacks its form token.',

  // Partner API (app/api/partners/v1): the 401s write nothing
  PARTNER_UNKNOWN: 'X-Partner-Id is missing, unknown or names a deactivated partner.',
  PARTNER_BAD_SIGNATURE:
    'X-Signature is missing or is not the HMAC-SHA256 of `{timestamp}.{raw body}` with the secret.',
  PARTNER_CLOCK_SKEW: 'X-Timestamp is missing, malformed or more than 300 seconds from the server clock.',
  PARTNER_ADDRESS_NOT_ALLOWED: "The request comes from an address outside the partner's allow-list.",
  CUSTOMER_NOT_FOUND: 'No customer has the customer code the partner sent.',
  PARTNER_TRANSACTION_NOT_FOUND: 'The partner has no payment with this transaction id.',
  PAYMENT_INVOICE_NOT_OPEN:
    'The invoice a counter entry names is a draft, cancelled, replaced or an adjustment: money is taken on an issued invoice.',
  BANK_ACCOUNT_NOT_CONFIGURED:
    "The company's receiving bank account is not set in the invoice settings, so bank money cannot be taken.",
  BANK_ACCOUNT_MISMATCH: "A bank transaction or statement is for another account than the company's receiving account.",
  BANK_TRANSACTION_RESOLVED: 'The bank transaction is no longer in suspense (matched, allocated or ignored before).',
  BANK_STATEMENT_UNREADABLE: 'The bank statement file is not a CSV or Excel workbook with recognisable columns.',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_CODES;
