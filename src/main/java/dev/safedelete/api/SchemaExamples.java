package dev.safedelete.api;

/**
 * OpenAPI examples of {@link SchemaResource}, taken from the demo shop as the service answers (the schema
 * abridged to one table and two relationships).
 */
final class SchemaExamples {

    private SchemaExamples() {
    }

    static final String DEMO_SCHEMA = """
            {"target": "demo", "product": "H2", "version": "2.4.240 (2025-09-22)",
             "loadedAt": "2026-01-15T09:30:00.123Z",
             "tables": [
               {"name": "public.customers", "primaryKey": ["id"], "uniqueKeys": [["email"]],
                "columns": [
                  {"name": "id", "type": "integer", "nullable": false, "default": null},
                  {"name": "email", "type": "character varying(120)", "nullable": false, "default": null},
                  {"name": "first_name", "type": "character varying(60)", "nullable": false, "default": null},
                  {"name": "last_name", "type": "character varying(60)", "nullable": false, "default": null},
                  {"name": "phone", "type": "character varying(30)", "nullable": true, "default": null},
                  {"name": "account_manager_id", "type": "integer", "nullable": true, "default": null},
                  {"name": "created_at", "type": "timestamp", "nullable": false, "default": null}],
                "triggers": [], "canDelete": true, "canUpdate": true}],
             "relationships": [
               {"id": "public.activity_log.activity_log_customer_id_fkey",
                "constraintName": "activity_log_customer_id_fkey",
                "childTable": "public.activity_log", "childColumns": ["customer_id"],
                "parentTable": "public.customers", "parentColumns": ["id"],
                "onDelete": "CASCADE", "onUpdate": "NO_ACTION", "source": "DECLARED",
                "setNullColumns": [], "match": "SIMPLE", "deferrable": false, "initiallyDeferred": false,
                "indexed": true},
               {"id": "public.orders.orders_customer_id_fkey", "constraintName": "orders_customer_id_fkey",
                "childTable": "public.orders", "childColumns": ["customer_id"],
                "parentTable": "public.customers", "parentColumns": ["id"],
                "onDelete": "CASCADE", "onUpdate": "NO_ACTION", "source": "DATABASE",
                "setNullColumns": [], "match": "SIMPLE", "deferrable": false, "initiallyDeferred": false,
                "indexed": true}],
             "declarationErrors": []}""";

    static final String DEMO_DEPENDENTS = """
            {"table": "public.employees", "action": "DELETE", "truncated": false,
             "children": [
               {"relationship": "public.customers.customers_account_manager_id_fkey", "rule": "SET_NULL",
                "table": "public.customers", "columns": ["account_manager_id"], "action": "SET_NULL",
                "source": "DATABASE", "selfReference": false, "cycle": false, "truncated": false, "children": []},
               {"relationship": "public.employees.employees_manager_id_fkey", "rule": "RESTRICT",
                "table": "public.employees", "columns": ["manager_id"], "action": "BLOCK",
                "source": "DATABASE", "selfReference": true, "cycle": true, "truncated": false, "children": []}]}""";

    static final String DEMO_MERMAID = """
            flowchart LR
                t0["public.activity_log"]
                t1["public.addresses"]
                t2["public.categories"]
                t3["public.customers"]
                t4["public.employees"]
                t5["public.invoices"]
                t6["public.order_items"]
                t7["public.orders"]
                t8["public.payments"]
                t9["public.product_categories"]
                t10["public.products"]
                t11["public.shipment_items"]
                t12["public.shipments"]
                t3 -.->|CASCADE| t0
                t3 -->|CASCADE| t1
                t2 -->|CASCADE| t2
                t4 -->|SET_NULL| t3
                t4 -->|RESTRICT| t4
                t7 -->|NO_ACTION| t5
                t7 -->|CASCADE| t6
                t10 -->|RESTRICT| t6
                t3 -->|CASCADE| t7
                t1 -->|SET_NULL| t7
                t7 -->|CASCADE| t8
                t2 -->|CASCADE| t9
                t10 -->|CASCADE| t9
                t2 -->|SET_DEFAULT| t10
                t6 -->|CASCADE| t11
                t12 -->|CASCADE| t11
                t7 -->|CASCADE| t12
            """;

    static final String DEMO_DOT = """
            digraph schema {
                rankdir=LR;
                node [shape=box];
                t0 [label="public.activity_log"];
                t1 [label="public.addresses"];
                t2 [label="public.categories"];
                t3 [label="public.customers"];
                t4 [label="public.employees"];
                t5 [label="public.invoices"];
                t6 [label="public.order_items"];
                t7 [label="public.orders"];
                t8 [label="public.payments"];
                t9 [label="public.product_categories"];
                t10 [label="public.products"];
                t11 [label="public.shipment_items"];
                t12 [label="public.shipments"];
                t3 -> t0 [label="CASCADE", style=dashed];
                t3 -> t1 [label="CASCADE"];
                t2 -> t2 [label="CASCADE"];
                t4 -> t3 [label="SET_NULL"];
                t4 -> t4 [label="RESTRICT"];
                t7 -> t5 [label="NO_ACTION"];
                t7 -> t6 [label="CASCADE"];
                t10 -> t6 [label="RESTRICT"];
                t3 -> t7 [label="CASCADE"];
                t1 -> t7 [label="SET_NULL"];
                t7 -> t8 [label="CASCADE"];
                t2 -> t9 [label="CASCADE"];
                t10 -> t9 [label="CASCADE"];
                t2 -> t10 [label="SET_DEFAULT"];
                t6 -> t11 [label="CASCADE"];
                t12 -> t11 [label="CASCADE"];
                t7 -> t12 [label="CASCADE"];
            }
            """;

    static final String AMBIGUOUS_TABLE = """
            {"type": "https://safedelete.dev/problems/ambiguous-table", "title": "Ambiguous table", "status": 400,
             "detail": "Table 'orders' exists in several schemas of target 'shop': archive.orders, public.orders; \
            name it as schema.table",
             "instance": "/api/v1/targets/shop/tables/orders/dependents",
             "target": "shop", "table": "orders", "candidates": ["archive.orders", "public.orders"]}""";

    static final String TABLE_NOT_FOUND = """
            {"type": "https://safedelete.dev/problems/table-not-found", "title": "Table not found", "status": 404,
             "detail": "Target 'demo' has no table 'public.nope'",
             "instance": "/api/v1/targets/demo/tables/public.nope/dependents",
             "target": "demo", "table": "public.nope"}""";

    static final String TARGET_NOT_FOUND = """
            {"type": "https://safedelete.dev/problems/target-not-found", "title": "Target not found", "status": 404,
             "detail": "No target named 'shop'", "instance": "/api/v1/targets/shop/schema", "target": "shop"}""";

    static final String TARGET_UNAVAILABLE = """
            {"type": "https://safedelete.dev/problems/target-unavailable", "title": "Target unavailable",
             "status": 503, "detail": "Target 'shop' cannot be reached: Connection to 10.0.0.5:5432 refused.",
             "instance": "/api/v1/targets/shop/schema", "target": "shop"}""";

    static final String INVALID_FORMAT = """
            {"type": "https://safedelete.dev/problems/invalid-parameter", "title": "Invalid parameter", "status": 400,
             "detail": "Query parameter 'format' is 'svg'; expected one of [mermaid, dot]",
             "instance": "/api/v1/targets/demo/graph",
             "parameter": "format", "value": "svg", "allowed": ["mermaid", "dot"]}""";
}
