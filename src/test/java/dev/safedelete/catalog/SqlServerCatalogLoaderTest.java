package dev.safedelete.catalog;

import dev.safedelete.catalog.SqlServerRows.Column;
import dev.safedelete.catalog.SqlServerRows.ForeignKeyColumn;
import dev.safedelete.catalog.SqlServerRows.IndexColumn;
import dev.safedelete.catalog.SqlServerRows.Table;
import dev.safedelete.catalog.SqlServerRows.TriggerEvent;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SQL Server row-to-model mapping, fed with rows as the {@code sys} views return them (values in the shapes
 * SQL Server 2019/2022 uses: byte lengths, doubled parentheses around defaults, generated key names). No SQL
 * Server runs here: the loader's SQL itself is not verified against a live server.
 */
class SqlServerCatalogLoaderTest {

    static final SqlServerRows ROWS = new SqlServerRows(
            List.of(new Table("dbo", "Customers", 1, 1),
                    new Table("dbo", "Orders", 1, 1),
                    new Table("dbo", "Order Lines", 0, 1),
                    new Table("dbo", "Employees", 1, null),
                    new Table("audit", "OrderLog", 1, 1),
                    new Table("audit", "Unrelated", 1, 1)),
            List.of(
                    // composite key listed in the other order than the parent's key: (OrderNo, Region) -> (No, Region)
                    new ForeignKeyColumn("dbo", "Order Lines", "FK_Lines_Orders", 1, "OrderRegion", "dbo", "Orders", "Region", 1, 0, false),
                    new ForeignKeyColumn("dbo", "Order Lines", "FK_Lines_Orders", 2, "OrderNo", "dbo", "Orders", "No", 1, 0, false),
                    new ForeignKeyColumn("dbo", "Orders", "FK_Orders_Customers", 1, "CustomerId", "dbo", "Customers", "Id", 0, 1, false),
                    new ForeignKeyColumn("dbo", "Employees", "FK_Employees_Manager", 1, "ManagerId", "dbo", "Employees", "Id", 2, 0, false),
                    new ForeignKeyColumn("dbo", "Orders", "FK_Orders_Clerk", 1, "ClerkId", "dbo", "Employees", "Id", 3, 0, false),
                    new ForeignKeyColumn("dbo", "Orders", "FK_Orders_Old", 1, "OldId", "dbo", "Customers", "Id", 1, 1, true),
                    new ForeignKeyColumn("audit", "OrderLog", "FK_OrderLog_Orders", 1, "OrderNo", "dbo", "Orders", "No", 1, 0, false),
                    new ForeignKeyColumn("audit", "OrderLog", "FK_OrderLog_Orders", 0 + 2, "Region", "dbo", "Orders", "Region", 1, 0, false)),
            List.of(
                    new Column("dbo", "Customers", "Id", 1, "int", "int", (short) 4, 10, 0, false, null, false),
                    new Column("dbo", "Customers", "Name", 2, "nvarchar", "nvarchar", (short) 100, 0, 0, false, "(N'new')", false),
                    new Column("dbo", "Customers", "Email", 3, "varchar", "varchar", (short) -1, 0, 0, true, null, false),
                    new Column("dbo", "Orders", "No", 1, "int", "int", (short) 4, 10, 0, false, null, false),
                    new Column("dbo", "Orders", "Region", 2, "char", "char", (short) 2, 0, 0, false, "('EU')", false),
                    new Column("dbo", "Orders", "CustomerId", 3, "int", "int", (short) 4, 10, 0, true, null, false),
                    new Column("dbo", "Orders", "ClerkId", 4, "int", "int", (short) 4, 10, 0, true, "((0))", false),
                    new Column("dbo", "Orders", "Total", 5, "decimal", "decimal", (short) 9, 10, 2, false, "((0.00))", false),
                    new Column("dbo", "Orders", "PlacedAt", 6, "datetime2", "datetime2", (short) 8, 27, 7, false, "(sysutcdatetime())", false),
                    new Column("dbo", "Orders", "Ref", 7, "uniqueidentifier", "uniqueidentifier", (short) 16, 0, 0, false, "(newid())", false),
                    new Column("dbo", "Orders", "Gross", 8, "decimal", "decimal", (short) 9, 10, 2, true, null, true),
                    new Column("dbo", "Orders", "OldId", 9, "int", "int", (short) 4, 10, 0, true, null, false),
                    new Column("dbo", "Order Lines", "OrderNo", 1, "int", "int", (short) 4, 10, 0, false, null, false),
                    new Column("dbo", "Order Lines", "OrderRegion", 2, "char", "char", (short) 2, 0, 0, false, null, false),
                    new Column("dbo", "Order Lines", "select", 3, "smallint", "smallint", (short) 2, 5, 0, false, null, false),
                    new Column("dbo", "Employees", "Id", 1, "EmployeeId", "int", (short) 4, 10, 0, false, null, false),
                    new Column("dbo", "Employees", "ManagerId", 2, "EmployeeId", "int", (short) 4, 10, 0, true, null, false),
                    new Column("audit", "OrderLog", "OrderNo", 1, "int", "int", (short) 4, 10, 0, true, null, false),
                    new Column("audit", "OrderLog", "Region", 2, "char", "char", (short) 2, 0, 0, true, null, false)),
            List.of(
                    new IndexColumn("dbo", "Customers", "PK__Customer__3214EC07A1B2C3D4", true, true, 1, "Id", false),
                    new IndexColumn("dbo", "Customers", "UQ__Customer__A9D105347E8F2B1C", false, true, 1, "Name", false),
                    new IndexColumn("dbo", "Customers", "UX_Customers_Email", false, true, 1, "Email", true),
                    new IndexColumn("dbo", "Orders", "PK_Orders", true, true, 1, "No", false),
                    new IndexColumn("dbo", "Orders", "PK_Orders", true, true, 2, "Region", false),
                    new IndexColumn("dbo", "Orders", "IX_Orders_CustomerId", false, false, 1, "CustomerId", false),
                    new IndexColumn("dbo", "Order Lines", "PK_Order_Lines", true, true, 1, "OrderNo", false),
                    new IndexColumn("dbo", "Order Lines", "PK_Order_Lines", true, true, 2, "OrderRegion", false),
                    new IndexColumn("dbo", "Order Lines", "PK_Order_Lines", true, true, 3, "select", false),
                    new IndexColumn("dbo", "Employees", "PK_Employees", true, true, 1, "Id", false)),
            List.of(new TriggerEvent("dbo", "Orders", "TR_Orders_Audit", "DELETE", false),
                    new TriggerEvent("dbo", "Orders", "TR_Orders_Audit", "UPDATE", false),
                    new TriggerEvent("dbo", "Orders", "TR_Orders_Disabled", "DELETE", true),
                    new TriggerEvent("dbo", "Customers", "TR_Customers_Insert_Only", "INSERT", false)));

    final Catalog catalog = SqlServerCatalogLoader.map("Microsoft SQL Server", "16.00.4135", List.of("dbo"), ROWS);

    @Test
    void mapsForeignKeysPairingColumnsByConstraintColumnId() {
        assertEquals(Set.of(
                "audit.OrderLog.FK_OrderLog_Orders (OrderNo, Region) -> dbo.Orders (No, Region) ON DELETE CASCADE ON UPDATE NO_ACTION",
                "dbo.Order Lines.FK_Lines_Orders (OrderRegion, OrderNo) -> dbo.Orders (Region, No) ON DELETE CASCADE ON UPDATE NO_ACTION",
                "dbo.Orders.FK_Orders_Customers (CustomerId) -> dbo.Customers (Id) ON DELETE NO_ACTION ON UPDATE CASCADE",
                "dbo.Employees.FK_Employees_Manager (ManagerId) -> dbo.Employees (Id) ON DELETE SET_NULL ON UPDATE NO_ACTION",
                "dbo.Orders.FK_Orders_Clerk (ClerkId) -> dbo.Employees (Id) ON DELETE SET_DEFAULT ON UPDATE NO_ACTION"),
                Describe.relationships(catalog), "a disabled (NOCHECK) foreign key does nothing and is left out");
    }

    @Test
    void followsOtherSchemasReferencingTheTargetOnly() {
        assertTrue(catalog.tables().containsKey(new TableName("audit", "OrderLog")));
        assertFalse(catalog.tables().containsKey(new TableName("audit", "Unrelated")));
    }

    @Test
    void mapsColumnTypesLengthsAndDefaults() {
        var customers = catalog.table(new TableName("dbo", "Customers")).orElseThrow();
        var orders = catalog.table(new TableName("dbo", "Orders")).orElseThrow();

        assertEquals(new dev.safedelete.catalog.Column("Name", "nvarchar(50)", Types.NVARCHAR, false, "N'new'"),
                customers.column("Name").orElseThrow());
        assertEquals("varchar(max)", customers.column("Email").orElseThrow().type());
        assertEquals("0", orders.column("ClerkId").orElseThrow().defaultValue());
        assertEquals("'EU'", orders.column("Region").orElseThrow().defaultValue());
        assertEquals("decimal(10,2)", orders.column("Total").orElseThrow().type());
        assertEquals(Types.DECIMAL, orders.column("Total").orElseThrow().jdbcType());
        assertEquals("datetime2(7)", orders.column("PlacedAt").orElseThrow().type());
        assertEquals("sysutcdatetime()", orders.column("PlacedAt").orElseThrow().defaultValue());
        assertEquals(Types.CHAR, orders.column("Ref").orElseThrow().jdbcType());
        assertEquals(null, orders.column("Gross").orElseThrow().defaultValue(), "computed columns have no default");
        var employeeId = catalog.table(new TableName("dbo", "Employees")).orElseThrow().column("Id").orElseThrow();
        assertEquals("EmployeeId", employeeId.type(), "an alias type keeps its name");
        assertEquals(Types.INTEGER, employeeId.jdbcType(), "and converts as its base type");
    }

    @Test
    void mapsKeysIndexesTriggersAndPermissions() {
        var customers = catalog.table(new TableName("dbo", "Customers")).orElseThrow();
        var orders = catalog.table(new TableName("dbo", "Orders")).orElseThrow();
        var lines = catalog.table(new TableName("dbo", "Order Lines")).orElseThrow();

        assertEquals(List.of("No", "Region"), orders.primaryKey());
        assertEquals(List.of(List.of("Name")), customers.uniqueKeys(), "a filtered unique index is no key");
        assertEquals(List.of(new TriggerInfo("TR_Orders_Audit", Set.of(TriggerInfo.Event.DELETE, TriggerInfo.Event.UPDATE))),
                orders.triggers(), "disabled and INSERT-only triggers do not count");
        assertEquals(List.of(), customers.triggers());
        assertTrue(catalog.relationship("dbo.Order Lines.FK_Lines_Orders").orElseThrow().indexed(), "the PK leads with both columns");
        assertTrue(catalog.relationship("dbo.Orders.FK_Orders_Customers").orElseThrow().indexed());
        assertFalse(catalog.relationship("dbo.Orders.FK_Orders_Clerk").orElseThrow().indexed());
        assertFalse(lines.canDelete());
        assertTrue(lines.canUpdate());
        assertFalse(catalog.table(new TableName("dbo", "Employees")).orElseThrow().canUpdate(), "NULL from HAS_PERMS_BY_NAME");
    }

    @Test
    void unwrapsDefaultsOnlyWhereTheOuterParenthesesEnclosedTheWholeExpression() {
        assertEquals("0", SqlServerCatalogLoader.unwrapDefault("((0))"));
        assertEquals("(1)+(2)", SqlServerCatalogLoader.unwrapDefault("((1)+(2))"));
        assertEquals("')('", SqlServerCatalogLoader.unwrapDefault("(')(')"));
        assertEquals("getdate()", SqlServerCatalogLoader.unwrapDefault("(getdate())"));
    }
}
