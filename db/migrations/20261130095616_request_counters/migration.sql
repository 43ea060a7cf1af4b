CREATE TABLE "request_counters" (
	"key" varchar(128) PRIMARY KEY,
	"count" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL
);
