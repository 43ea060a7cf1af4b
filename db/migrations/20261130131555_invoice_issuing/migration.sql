CREATE TABLE "einvoices" (
	"invoice_id" bigint PRIMARY KEY,
	"xml" text NOT NULL,
	"sha256" char(64) NOT NULL,
	"issuer" varchar(32) NOT NULL,
	"provider_id" text,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_series" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invoice_series_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"template_symbol" char(1) NOT NULL,
	"invoice_symbol" char(6) NOT NULL,
	"year" integer NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	"last_issued_on" date,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_series_number_range" CHECK ("last_number" between 0 and 99999999),
	CONSTRAINT "invoice_series_symbol_format" CHECK ("invoice_symbol" ~ '^[CK][0-9]{2}[A-Z]{3}$'),
	CONSTRAINT "invoice_series_template_format" CHECK ("template_symbol" ~ '^[1-9]$')
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "hotline" varchar(20);--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "bank_bin" varchar(6);--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "bank_account" varchar(19);--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "bank_name" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "words_dialect" varchar(5) DEFAULT 'NORTH' NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "invoice_paper" jsonb DEFAULT '{"preset":"A5"}' NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "einvoice_mode" varchar(8) DEFAULT 'SELF' NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "series_id" integer;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "number" integer;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "issued_on" date;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "issued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "issued_by" integer;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "lookup_code" varchar(16);--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "buyer_name" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "buyer_address" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "buyer_tax_code" varchar(14);--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "correction_reason" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "related_invoice_id" bigint;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "cancelled_by" integer;--> statement-breakpoint
DROP INDEX "invoices_one_per_kind";--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_one_per_kind" ON "invoices" ("customer_id","period","kind") WHERE "kind" in ('regular', 'backbill');--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_series_symbol" ON "invoice_series" ("template_symbol","invoice_symbol");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_series_one_default_a_year" ON "invoice_series" ("year") WHERE "is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_series_number" ON "invoices" ("series_id","number");--> statement-breakpoint
CREATE INDEX "invoices_related_invoice_id_index" ON "invoices" ("related_invoice_id");--> statement-breakpoint
CREATE INDEX "invoices_customer_id_index" ON "invoices" ("customer_id");--> statement-breakpoint
ALTER TABLE "einvoices" ADD CONSTRAINT "einvoices_invoice_id_invoices_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_series_id_invoice_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "invoice_series"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_issued_by_users_id_fkey" FOREIGN KEY ("issued_by") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_related_invoice_id_invoices_id_fkey" FOREIGN KEY ("related_invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_cancelled_by_users_id_fkey" FOREIGN KEY ("cancelled_by") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoice_numbered_when_issued" CHECK (("status" = 'draft') = ("number" is null) and ("number" is null) = ("series_id" is null)
        and ("number" is null or ("number" between 1 and 99999999 and "issued_on" is not null)));--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoice_correction_names_original" CHECK (("kind" in ('replacement', 'adjustment')) = ("related_invoice_id" is not null and "correction_reason" is not null));--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoice_cancel_reason" CHECK ("status" <> 'cancelled' or "cancel_reason" is not null);--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoice_kind", ADD CONSTRAINT "invoice_kind" CHECK ("kind" in ('regular', 'backbill', 'replacement', 'adjustment'));--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoice_status", ADD CONSTRAINT "invoice_status" CHECK ("status" in ('draft', 'issued', 'cancelled', 'replaced', 'adjusted'));--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoice_amounts", ADD CONSTRAINT "invoice_amounts" CHECK ("kind" = 'adjustment' or ("subtotal" >= 0 and "vat" >= 0 and "total" >= 0));