CREATE TABLE "company_profile_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "company_profile_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"address" text,
	"tax_code" varchar(14),
	"phone" varchar(20),
	"email" text,
	"bank_name" text,
	"bank_account" varchar(19),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "seller_version_id" integer;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_seller_version_id_company_profile_versions_id_fkey" FOREIGN KEY ("seller_version_id") REFERENCES "company_profile_versions"("id") ON DELETE RESTRICT;