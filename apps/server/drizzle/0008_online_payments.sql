CREATE TABLE "gateway_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"gateway" text NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"transaction_id" uuid,
	"order_id" text,
	"verified" boolean,
	"gateway_status" text,
	"status" text,
	"outcome" text NOT NULL,
	"processed_at" timestamp with time zone,
	"http_status" integer,
	"latency_ms" integer,
	"remote_ip" text,
	"error" text,
	"body" text,
	"headers" jsonb,
	CONSTRAINT "gateway_events_kind_check" CHECK ("gateway_events"."kind" in ('notification', 'status_check', 'create'))
);
--> statement-breakpoint
CREATE TABLE "gateway_transactions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"gateway" text NOT NULL,
	"order_id" text NOT NULL,
	"invoice_ids" uuid[] NOT NULL,
	"invoice_key" text NOT NULL,
	"attempt" integer NOT NULL,
	"reference" text,
	"customer_id" uuid NOT NULL,
	"channel" text,
	"status" text NOT NULL,
	"gateway_status" text,
	"amount" bigint NOT NULL,
	"fee" bigint NOT NULL,
	"total" bigint NOT NULL,
	"currency" text DEFAULT 'IDR' NOT NULL,
	"received_total" bigint,
	"redirect_url" text,
	"pay_code" text,
	"qr_string" text,
	"expires_at" timestamp with time zone,
	"payment_id" uuid,
	"review" text,
	"review_note" text,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"applied_at" timestamp with time zone,
	"paid_notice_at" timestamp with time zone,
	"next_check_at" timestamp with time zone,
	"check_count" integer DEFAULT 0 NOT NULL,
	"last_checked_at" timestamp with time zone,
	CONSTRAINT "gateway_transactions_gateway_check" CHECK ("gateway_transactions"."gateway" in ('midtrans', 'tripay')),
	CONSTRAINT "gateway_transactions_status_check" CHECK ("gateway_transactions"."status" in ('creating', 'pending', 'challenge', 'paid', 'failed', 'expired', 'refunded', 'partially_refunded')),
	CONSTRAINT "gateway_transactions_amount_check" CHECK ("gateway_transactions"."amount" > 0 and "gateway_transactions"."fee" >= 0 and "gateway_transactions"."total" = "gateway_transactions"."amount" + "gateway_transactions"."fee")
);
--> statement-breakpoint
CREATE TABLE "payment_gateways" (
	"gateway" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"environment" text DEFAULT 'sandbox' NOT NULL,
	"channels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fee_bearer" text DEFAULT 'customer' NOT NULL,
	"fees" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"expiry_minutes" integer DEFAULT 1440 NOT NULL,
	"merchant_code" text,
	"api_base_url" text,
	"credentials" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "payment_gateways_gateway_check" CHECK ("payment_gateways"."gateway" in ('midtrans', 'tripay')),
	CONSTRAINT "payment_gateways_environment_check" CHECK ("payment_gateways"."environment" in ('sandbox', 'production')),
	CONSTRAINT "payment_gateways_fee_bearer_check" CHECK ("payment_gateways"."fee_bearer" in ('customer', 'operator'))
);
--> statement-breakpoint
ALTER TABLE "gateway_events" ADD CONSTRAINT "gateway_events_transaction_id_gateway_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."gateway_transactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_transactions" ADD CONSTRAINT "gateway_transactions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_transactions" ADD CONSTRAINT "gateway_transactions_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_transactions" ADD CONSTRAINT "gateway_transactions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_gateways" ADD CONSTRAINT "payment_gateways_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gateway_events_transaction_idx" ON "gateway_events" USING btree ("transaction_id","at");--> statement-breakpoint
CREATE INDEX "gateway_events_order_idx" ON "gateway_events" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "gateway_events_unmatched_idx" ON "gateway_events" USING btree ("at") WHERE "gateway_events"."outcome" in ('unknown_order', 'rejected');--> statement-breakpoint
CREATE UNIQUE INDEX "gateway_transactions_order_key" ON "gateway_transactions" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gateway_transactions_reference_key" ON "gateway_transactions" USING btree ("gateway","reference") WHERE "gateway_transactions"."reference" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "gateway_transactions_payment_key" ON "gateway_transactions" USING btree ("payment_id") WHERE "gateway_transactions"."payment_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "gateway_transactions_attempt_key" ON "gateway_transactions" USING btree ("invoice_key","attempt");--> statement-breakpoint
CREATE INDEX "gateway_transactions_created_idx" ON "gateway_transactions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "gateway_transactions_customer_idx" ON "gateway_transactions" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "gateway_transactions_check_idx" ON "gateway_transactions" USING btree ("next_check_at") WHERE "gateway_transactions"."next_check_at" is not null;--> statement-breakpoint
CREATE INDEX "gateway_transactions_review_idx" ON "gateway_transactions" USING btree ("created_at") WHERE "gateway_transactions"."review" is not null;