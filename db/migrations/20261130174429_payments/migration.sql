CREATE TABLE "bank_transactions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bank_transactions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"bank_account" varchar(32) NOT NULL,
	"external_id" varchar(64) NOT NULL,
	"amount" bigint NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"description" text NOT NULL,
	"source" varchar(12) NOT NULL,
	"status" varchar(12) NOT NULL,
	"payment_id" bigint,
	"resolved_by" integer,
	"resolved_at" timestamp with time zone,
	"resolution_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_transaction_amount" CHECK ("amount" > 0),
	CONSTRAINT "bank_transaction_source" CHECK ("source" in ('webhook', 'statement')),
	CONSTRAINT "bank_transaction_status" CHECK ("status" in ('matched', 'suspense', 'allocated', 'ignored')),
	CONSTRAINT "bank_transaction_payment" CHECK (("status" in ('matched', 'allocated')) = ("payment_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "collector_books" (
	"user_id" integer,
	"book_id" integer,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collector_books_pkey" PRIMARY KEY("user_id","book_id")
);
--> statement-breakpoint
CREATE TABLE "collector_settlements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "collector_settlements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"collector_id" integer NOT NULL,
	"day" date NOT NULL,
	"recorded" bigint NOT NULL,
	"payment_count" integer NOT NULL,
	"handed_in" bigint NOT NULL,
	"note" text,
	"confirmed_by" integer NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settlement_amounts" CHECK ("recorded" >= 0 and "handed_in" >= 0 and "payment_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "invoice_receivables" (
	"invoice_id" bigint PRIMARY KEY,
	"customer_id" integer NOT NULL,
	"water_due" bigint NOT NULL,
	"vat_due" bigint NOT NULL,
	"fees_due" bigint NOT NULL,
	"water_paid" bigint DEFAULT 0 NOT NULL,
	"vat_paid" bigint DEFAULT 0 NOT NULL,
	"fees_paid" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "receivable_paid_within_due" CHECK ("water_paid" >= 0 and "vat_paid" >= 0 and "fees_paid" >= 0
        and "water_paid" <= greatest("water_due", 0) and "vat_paid" <= greatest("vat_due", 0)
        and "fees_paid" <= greatest("fees_due", 0))
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "partners_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" varchar(32) NOT NULL UNIQUE,
	"name" text NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"allow_list" text[] DEFAULT '{}'::text[] NOT NULL,
	"allow_overpayment" boolean DEFAULT false NOT NULL,
	"notifies_bank" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_code_format" CHECK ("code" ~ '^[A-Z0-9_]{2,32}$')
);
--> statement-breakpoint
CREATE TABLE "payment_allocations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payment_allocations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"payment_id" bigint NOT NULL,
	"invoice_id" bigint NOT NULL,
	"component" varchar(8) NOT NULL,
	"amount" bigint NOT NULL,
	"reason" varchar(12) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allocation_component" CHECK ("component" in ('water', 'vat', 'fees')),
	CONSTRAINT "allocation_reason" CHECK ("reason" in ('payment', 'credit', 'reversal', 'correction')),
	CONSTRAINT "allocation_sign" CHECK ("amount" <> 0 and (("amount" > 0) = ("reason" in ('payment', 'credit'))))
);
--> statement-breakpoint
CREATE TABLE "payment_reversals" (
	"payment_id" bigint PRIMARY KEY,
	"reason" text NOT NULL,
	"reversed_by" integer,
	"partner_id" integer,
	"reversed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reversal_reason" CHECK (length("reason") >= 3)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"book_id" integer NOT NULL,
	"channel" varchar(16) NOT NULL,
	"amount" bigint NOT NULL,
	"allocated" bigint DEFAULT 0 NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"business_day" date NOT NULL,
	"recorded_by" integer,
	"collector_id" integer,
	"partner_id" integer,
	"external_id" varchar(64),
	"bank_account" varchar(32),
	"request_fingerprint" char(64),
	"partner_response" jsonb,
	"idempotency_key" varchar(64),
	"note" text,
	"status" varchar(12) DEFAULT 'posted' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_channel" CHECK ("channel" in ('counter', 'collector', 'partner', 'bank_transfer')),
	CONSTRAINT "payment_status" CHECK ("status" in ('posted', 'reversed')),
	CONSTRAINT "payment_amount" CHECK ("amount" > 0 and "amount" <= 100000000000),
	CONSTRAINT "payment_allocated" CHECK ("allocated" >= 0 and "allocated" <= "amount"),
	CONSTRAINT "payment_reversed_unallocated" CHECK ("status" = 'posted' or "allocated" = 0),
	CONSTRAINT "payment_channel_fields" CHECK (("channel" = 'partner') = ("partner_id" is not null)
        and ("channel" <> 'partner' or ("external_id" is not null and "request_fingerprint" is not null))
        and ("channel" <> 'bank_transfer' or ("external_id" is not null and "bank_account" is not null))
        and ("channel" = 'collector') = ("collector_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "reconciliation_exceptions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reconciliation_exceptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"reconciliation_id" integer NOT NULL,
	"kind" varchar(16) NOT NULL,
	"transaction_id" varchar(64) NOT NULL,
	"customer_code" varchar(32),
	"partner_amount" bigint,
	"our_amount" bigint,
	"payment_id" bigint,
	"resolved_by" integer,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"details" jsonb,
	CONSTRAINT "reconciliation_exception_kind" CHECK ("kind" in ('only_partner', 'only_ours', 'amount_differs', 'reversed')),
	CONSTRAINT "reconciliation_resolution" CHECK (("resolved_at" is null) = ("resolution" is null))
);
--> statement-breakpoint
CREATE TABLE "reconciliations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reconciliations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partner_id" integer NOT NULL,
	"business_day" date NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" char(64) NOT NULL,
	"imported_by" integer NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"matched" integer NOT NULL,
	"exceptions" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "payment_order" varchar(6) DEFAULT 'OLDEST' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_transactions_bank_account_external_id_index" ON "bank_transactions" ("bank_account","external_id");--> statement-breakpoint
CREATE INDEX "bank_transactions_payment_id_index" ON "bank_transactions" ("payment_id");--> statement-breakpoint
CREATE INDEX "bank_transactions_resolved_by_index" ON "bank_transactions" ("resolved_by");--> statement-breakpoint
CREATE INDEX "bank_transactions_suspense" ON "bank_transactions" ("received_at") WHERE "status" = 'suspense';--> statement-breakpoint
CREATE INDEX "collector_books_book_id_index" ON "collector_books" ("book_id");--> statement-breakpoint
CREATE UNIQUE INDEX "collector_settlements_collector_id_day_index" ON "collector_settlements" ("collector_id","day");--> statement-breakpoint
CREATE INDEX "collector_settlements_confirmed_by_index" ON "collector_settlements" ("confirmed_by");--> statement-breakpoint
CREATE INDEX "invoice_receivables_customer_id_index" ON "invoice_receivables" ("customer_id");--> statement-breakpoint
CREATE INDEX "payment_allocations_payment_id_index" ON "payment_allocations" ("payment_id");--> statement-breakpoint
CREATE INDEX "payment_allocations_invoice_id_index" ON "payment_allocations" ("invoice_id");--> statement-breakpoint
CREATE INDEX "payment_reversals_reversed_by_index" ON "payment_reversals" ("reversed_by");--> statement-breakpoint
CREATE INDEX "payment_reversals_partner_id_index" ON "payment_reversals" ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_partner_transaction" ON "payments" ("partner_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_bank_transaction" ON "payments" ("bank_account","external_id") WHERE "channel" = 'bank_transfer';--> statement-breakpoint
CREATE UNIQUE INDEX "payments_idempotency_key" ON "payments" ("idempotency_key");--> statement-breakpoint
CREATE INDEX "payments_customer_id_index" ON "payments" ("customer_id");--> statement-breakpoint
CREATE INDEX "payments_book_id_business_day_index" ON "payments" ("book_id","business_day");--> statement-breakpoint
CREATE INDEX "payments_business_day_channel_index" ON "payments" ("business_day","channel");--> statement-breakpoint
CREATE INDEX "payments_collector_id_business_day_index" ON "payments" ("collector_id","business_day");--> statement-breakpoint
CREATE INDEX "payments_recorded_by_index" ON "payments" ("recorded_by");--> statement-breakpoint
CREATE INDEX "payments_with_credit" ON "payments" ("customer_id") WHERE "allocated" < "amount" and "status" = 'posted';--> statement-breakpoint
CREATE UNIQUE INDEX "reconciliation_exceptions_reconciliation_id_transaction_id_index" ON "reconciliation_exceptions" ("reconciliation_id","transaction_id");--> statement-breakpoint
CREATE INDEX "reconciliation_exceptions_payment_id_index" ON "reconciliation_exceptions" ("payment_id");--> statement-breakpoint
CREATE INDEX "reconciliation_exceptions_resolved_by_index" ON "reconciliation_exceptions" ("resolved_by");--> statement-breakpoint
CREATE UNIQUE INDEX "reconciliations_partner_id_business_day_file_sha256_index" ON "reconciliations" ("partner_id","business_day","file_sha256");--> statement-breakpoint
CREATE INDEX "reconciliations_imported_by_index" ON "reconciliations" ("imported_by");--> statement-breakpoint
CREATE INDEX "reconciliations_business_day_index" ON "reconciliations" ("business_day");--> statement-breakpoint
ALTER TABLE "bank_transactions" ADD CONSTRAINT "bank_transactions_payment_id_payments_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "bank_transactions" ADD CONSTRAINT "bank_transactions_resolved_by_users_id_fkey" FOREIGN KEY ("resolved_by") REFERENCES "users"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "collector_books" ADD CONSTRAINT "collector_books_user_id_users_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "collector_books" ADD CONSTRAINT "collector_books_book_id_reading_books_id_fkey" FOREIGN KEY ("book_id") REFERENCES "reading_books"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "collector_settlements" ADD CONSTRAINT "collector_settlements_collector_id_users_id_fkey" FOREIGN KEY ("collector_id") REFERENCES "users"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "collector_settlements" ADD CONSTRAINT "collector_settlements_confirmed_by_users_id_fkey" FOREIGN KEY ("confirmed_by") REFERENCES "users"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "invoice_receivables" ADD CONSTRAINT "invoice_receivables_invoice_id_invoices_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "invoice_receivables" ADD CONSTRAINT "invoice_receivables_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_payment_id_payments_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_2BAsboYfR9E8_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoice_receivables"("invoice_id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "payment_reversals" ADD CONSTRAINT "payment_reversals_payment_id_payments_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "payment_reversals" ADD CONSTRAINT "payment_reversals_reversed_by_users_id_fkey" FOREIGN KEY ("reversed_by") REFERENCES "users"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "payment_reversals" ADD CONSTRAINT "payment_reversals_partner_id_partners_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_customer_id_customers_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_book_id_reading_books_id_fkey" FOREIGN KEY ("book_id") REFERENCES "reading_books"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_recorded_by_users_id_fkey" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_collector_id_users_id_fkey" FOREIGN KEY ("collector_id") REFERENCES "users"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_partner_id_partners_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "reconciliation_exceptions" ADD CONSTRAINT "reconciliation_exceptions_2aqRvgKmD2nj_fkey" FOREIGN KEY ("reconciliation_id") REFERENCES "reconciliations"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "reconciliation_exceptions" ADD CONSTRAINT "reconciliation_exceptions_payment_id_payments_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "reconciliation_exceptions" ADD CONSTRAINT "reconciliation_exceptions_resolved_by_users_id_fkey" FOREIGN KEY ("resolved_by") REFERENCES "users"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "reconciliations" ADD CONSTRAINT "reconciliations_partner_id_partners_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "reconciliations" ADD CONSTRAINT "reconciliations_imported_by_users_id_fkey" FOREIGN KEY ("imported_by") REFERENCES "users"("id") ON DELETE RESTRICT;