CREATE TABLE "alert_conditions" (
	"key" text PRIMARY KEY NOT NULL,
	"rule" text NOT NULL,
	"active_since" timestamp with time zone,
	"clear_since" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule" text NOT NULL,
	"key" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"router_id" uuid,
	"title" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"last_triggered_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"note" text,
	"flap_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "alerts_severity_check" CHECK ("alerts"."severity" in ('info', 'warning', 'critical')),
	CONSTRAINT "alerts_status_check" CHECK ("alerts"."status" in ('open', 'acknowledged', 'resolved'))
);
--> statement-breakpoint
CREATE TABLE "interface_rollups" (
	"router_id" uuid NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"samples" integer NOT NULL,
	"rx_bytes" bigint NOT NULL,
	"tx_bytes" bigint NOT NULL,
	"rx_bps_avg" bigint,
	"tx_bps_avg" bigint,
	"rx_bps_max" bigint,
	"tx_bps_max" bigint,
	CONSTRAINT "interface_rollups_router_id_name_level_bucket_pk" PRIMARY KEY("router_id","name","level","bucket"),
	CONSTRAINT "interface_rollups_level_check" CHECK ("interface_rollups"."level" in ('5m', '1h', '1d'))
);
--> statement-breakpoint
CREATE TABLE "rollup_watermarks" (
	"name" text PRIMARY KEY NOT NULL,
	"until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "router_health_rollups" (
	"router_id" uuid NOT NULL,
	"level" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"samples" integer NOT NULL,
	"up_samples" integer NOT NULL,
	"cpu_avg" real,
	"cpu_max" smallint,
	"memory_used_avg" bigint,
	"memory_total" bigint,
	"latency_avg_ms" real,
	"latency_max_ms" integer,
	"temperature_max_c" real,
	CONSTRAINT "router_health_rollups_router_id_level_bucket_pk" PRIMARY KEY("router_id","level","bucket"),
	CONSTRAINT "router_health_rollups_level_check" CHECK ("router_health_rollups"."level" in ('5m', '1h', '1d'))
);
--> statement-breakpoint
CREATE TABLE "router_interfaces" (
	"router_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" text,
	"running" boolean DEFAULT false NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"uplink" boolean DEFAULT false NOT NULL,
	"capacity_bps" bigint,
	"rx_bps" bigint,
	"tx_bps" bigint,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "router_interfaces_router_id_name_pk" PRIMARY KEY("router_id","name"),
	CONSTRAINT "router_interfaces_capacity_check" CHECK ("router_interfaces"."capacity_bps" is null or "router_interfaces"."capacity_bps" > 0)
);
--> statement-breakpoint
CREATE TABLE "router_monitor" (
	"router_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'unknown' NOT NULL,
	"status_since" timestamp with time zone DEFAULT now() NOT NULL,
	"health_interval_s" integer DEFAULT 60 NOT NULL,
	"usage_interval_s" integer DEFAULT 300 NOT NULL,
	"next_health_at" timestamp with time zone DEFAULT now() NOT NULL,
	"next_usage_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_owner" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_poll_at" timestamp with time zone,
	"last_ok_at" timestamp with time zone,
	"last_latency_ms" integer,
	"last_error" text,
	"uptime_s" bigint,
	"cpu_load" smallint,
	"memory_used" bigint,
	"memory_total" bigint,
	"temperature_c" real,
	"voltage_v" real,
	"interface_counters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"usage_counters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sessions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "router_monitor_status_check" CHECK ("router_monitor"."status" in ('unknown', 'up', 'down')),
	CONSTRAINT "router_monitor_health_interval_check" CHECK ("router_monitor"."health_interval_s" between 10 and 3600),
	CONSTRAINT "router_monitor_usage_interval_check" CHECK ("router_monitor"."usage_interval_s" between 60 and 3600)
);
--> statement-breakpoint
CREATE TABLE "router_usage_5m" (
	"router_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"up" bigint DEFAULT 0 NOT NULL,
	"down" bigint DEFAULT 0 NOT NULL,
	"sessions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "router_usage_5m_router_id_bucket_pk" PRIMARY KEY("router_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "subscriber_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"router_id" uuid NOT NULL,
	"subscription_id" uuid,
	"username" text NOT NULL,
	"service" text NOT NULL,
	"address" text,
	"caller_id" text,
	"router_session_id" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"bytes_up" bigint DEFAULT 0 NOT NULL,
	"bytes_down" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "subscriber_sessions_service_check" CHECK ("subscriber_sessions"."service" in ('pppoe', 'hotspot'))
);
--> statement-breakpoint
CREATE TABLE "subscriber_usage_days" (
	"subscription_id" uuid NOT NULL,
	"day" date NOT NULL,
	"up" bigint DEFAULT 0 NOT NULL,
	"down" bigint DEFAULT 0 NOT NULL,
	"up_5m" bigint[],
	"down_5m" bigint[],
	"up_1h" bigint[],
	"down_1h" bigint[],
	CONSTRAINT "subscriber_usage_days_subscription_id_day_pk" PRIMARY KEY("subscription_id","day")
);
--> statement-breakpoint
CREATE TABLE "subscriber_usage_months" (
	"subscription_id" uuid NOT NULL,
	"month" date NOT NULL,
	"up" bigint DEFAULT 0 NOT NULL,
	"down" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "subscriber_usage_months_subscription_id_month_pk" PRIMARY KEY("subscription_id","month")
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_router_id_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."routers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interface_rollups" ADD CONSTRAINT "interface_rollups_router_id_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."routers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "router_health_rollups" ADD CONSTRAINT "router_health_rollups_router_id_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."routers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "router_interfaces" ADD CONSTRAINT "router_interfaces_router_id_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."routers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "router_monitor" ADD CONSTRAINT "router_monitor_router_id_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."routers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "router_usage_5m" ADD CONSTRAINT "router_usage_5m_router_id_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."routers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriber_sessions" ADD CONSTRAINT "subscriber_sessions_router_id_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."routers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriber_sessions" ADD CONSTRAINT "subscriber_sessions_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriber_usage_days" ADD CONSTRAINT "subscriber_usage_days_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriber_usage_months" ADD CONSTRAINT "subscriber_usage_months_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_key" ON "alerts" USING btree ("key") WHERE "alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_status_idx" ON "alerts" USING btree ("status","opened_at");--> statement-breakpoint
CREATE INDEX "alerts_key_idx" ON "alerts" USING btree ("key","resolved_at");--> statement-breakpoint
CREATE INDEX "alerts_opened_idx" ON "alerts" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "interface_rollups_bucket_idx" ON "interface_rollups" USING btree ("level","bucket");--> statement-breakpoint
CREATE INDEX "router_health_rollups_bucket_idx" ON "router_health_rollups" USING btree ("level","bucket");--> statement-breakpoint
CREATE INDEX "router_monitor_health_due_idx" ON "router_monitor" USING btree ("next_health_at");--> statement-breakpoint
CREATE INDEX "router_usage_5m_bucket_idx" ON "router_usage_5m" USING btree ("bucket");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriber_sessions_open_key" ON "subscriber_sessions" USING btree ("router_id","service",lower("username")) WHERE "subscriber_sessions"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "subscriber_sessions_subscription_idx" ON "subscriber_sessions" USING btree ("subscription_id","started_at");--> statement-breakpoint
CREATE INDEX "subscriber_sessions_ended_idx" ON "subscriber_sessions" USING btree ("ended_at");--> statement-breakpoint
CREATE INDEX "subscriber_usage_days_day_idx" ON "subscriber_usage_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "subscriber_usage_months_month_idx" ON "subscriber_usage_months" USING btree ("month");--> statement-breakpoint
CREATE TABLE "router_samples" (
	"ts" timestamp with time zone NOT NULL,
	"router_id" uuid NOT NULL,
	"up" boolean NOT NULL,
	"latency_ms" integer,
	"cpu_load" smallint,
	"memory_used" bigint,
	"memory_total" bigint,
	"uptime_s" bigint,
	"temperature_c" real,
	"voltage_v" real
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
CREATE INDEX "router_samples_router_ts_idx" ON "router_samples" ("router_id", "ts");
--> statement-breakpoint
CREATE TABLE "interface_samples" (
	"ts" timestamp with time zone NOT NULL,
	"router_id" uuid NOT NULL,
	"name" text NOT NULL,
	"rx_bps" bigint NOT NULL,
	"tx_bps" bigint NOT NULL,
	"rx_bytes" bigint NOT NULL,
	"tx_bytes" bigint NOT NULL
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
CREATE INDEX "interface_samples_router_ts_idx" ON "interface_samples" ("router_id", "name", "ts");
--> statement-breakpoint
CREATE TABLE "subscriber_samples" (
	"ts" timestamp with time zone NOT NULL,
	"subscription_id" uuid NOT NULL,
	"router_id" uuid NOT NULL,
	"up_bytes" bigint NOT NULL,
	"down_bytes" bigint NOT NULL,
	"up_bps" bigint NOT NULL,
	"down_bps" bigint NOT NULL
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
CREATE INDEX "subscriber_samples_subscription_ts_idx" ON "subscriber_samples" ("subscription_id", "ts");
--> statement-breakpoint
CREATE INDEX "subscriber_samples_ts_idx" ON "subscriber_samples" USING brin ("ts");
--> statement-breakpoint
CREATE INDEX "router_samples_ts_idx" ON "router_samples" USING brin ("ts");
--> statement-breakpoint
CREATE INDEX "interface_samples_ts_idx" ON "interface_samples" USING brin ("ts");
