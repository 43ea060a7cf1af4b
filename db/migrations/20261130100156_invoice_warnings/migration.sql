ALTER TABLE "invoices" ADD COLUMN "warnings" jsonb DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE INDEX "invoices_with_warnings" ON "invoices" ("run_id") WHERE "warnings" <> '[]'::jsonb;