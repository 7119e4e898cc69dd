package dev.safedelete.catalog;

import java.sql.Types;
import java.util.Locale;

/**
 * Maps each database's own type names to {@link Types} codes, the way its JDBC driver reports them in
 * {@code DatabaseMetaData.getColumns}, so that a catalog read in one query agrees with the driver. One deliberate
 * difference: a PostgreSQL domain maps to its base type (the driver says DISTINCT), because the code exists to
 * convert caller-supplied key values and the base type is what a value must be.
 */
public final class JdbcTypes {

    private JdbcTypes() {
    }

    /**
     * @param typeName the base type's {@code pg_type.typname} ({@code int4}, {@code bpchar}, ...)
     * @param typtype  {@code pg_type.typtype}: b base, c composite, e enum, r range, m multirange, p pseudo
     * @param category {@code pg_type.typcategory}: A for arrays
     */
    public static int postgres(String typeName, String typtype, String category) {
        if ("A".equals(category)) {
            return Types.ARRAY;
        }
        if ("e".equals(typtype)) {
            return Types.VARCHAR;
        }
        if ("c".equals(typtype)) {
            return Types.STRUCT;
        }
        return switch (typeName) {
            case "int2" -> Types.SMALLINT;
            case "int4", "serial" -> Types.INTEGER;
            case "int8", "oid", "bigserial" -> Types.BIGINT;
            case "numeric" -> Types.NUMERIC;
            case "float4" -> Types.REAL;
            case "float8", "money" -> Types.DOUBLE;
            case "bpchar", "char" -> Types.CHAR;
            case "varchar", "text", "name" -> Types.VARCHAR;
            case "bytea" -> Types.BINARY;
            case "bool", "bit" -> Types.BIT;
            case "date" -> Types.DATE;
            case "time", "timetz" -> Types.TIME;
            case "timestamp", "timestamptz" -> Types.TIMESTAMP;
            case "xml" -> Types.SQLXML;
            case "refcursor" -> Types.REF_CURSOR;
            default -> Types.OTHER;
        };
    }

    /**
     * As MariaDB Connector/J 3 reports them (with its default {@code tinyInt1isBit}: {@code tinyint(1)} is BOOLEAN).
     *
     * @param dataType   {@code information_schema.COLUMNS.DATA_TYPE} ({@code int}, {@code varchar}, ...)
     * @param columnType {@code COLUMN_TYPE} ({@code tinyint(1)}, {@code int(10) unsigned}, ...)
     */
    public static int mariaDb(String dataType, String columnType) {
        var type = dataType.toLowerCase(Locale.ROOT);
        if (type.equals("tinyint") && columnType != null && columnType.toLowerCase(Locale.ROOT).startsWith("tinyint(1)")) {
            return Types.BOOLEAN;
        }
        return switch (type) {
            case "tinyint" -> Types.TINYINT;
            case "smallint" -> Types.SMALLINT;
            case "mediumint", "int", "integer" -> Types.INTEGER;
            case "bigint" -> Types.BIGINT;
            case "decimal", "numeric" -> Types.DECIMAL;
            case "float" -> Types.REAL;
            case "double", "real" -> Types.DOUBLE;
            case "bit" -> Types.BIT;
            case "boolean", "bool" -> Types.BOOLEAN;
            case "char" -> Types.CHAR;
            case "varchar", "enum", "set" -> Types.VARCHAR;
            case "tinytext", "text", "mediumtext", "longtext", "json" -> Types.LONGVARCHAR;
            case "binary" -> Types.BINARY;
            case "varbinary" -> Types.VARBINARY;
            case "tinyblob", "blob", "mediumblob", "longblob" -> Types.LONGVARBINARY;
            case "date", "year" -> Types.DATE;
            case "time" -> Types.TIME;
            case "datetime", "timestamp" -> Types.TIMESTAMP;
            default -> Types.OTHER;
        };
    }

    /**
     * As H2 2.x reports them.
     *
     * @param dataType         {@code INFORMATION_SCHEMA.COLUMNS.DATA_TYPE} ({@code CHARACTER VARYING}, ...)
     * @param declaredDataType {@code DECLARED_DATA_TYPE}: tells {@code DECIMAL} from {@code NUMERIC} and
     *                         {@code FLOAT} from {@code REAL}/{@code DOUBLE PRECISION}; may be null
     */
    public static int h2(String dataType, String declaredDataType) {
        var type = dataType.toUpperCase(Locale.ROOT);
        var declared = declaredDataType == null ? "" : declaredDataType.toUpperCase(Locale.ROOT);
        if (declared.equals("DECIMAL")) {
            return Types.DECIMAL;
        }
        if (declared.equals("FLOAT")) {
            return Types.FLOAT;
        }
        if (type.startsWith("INTERVAL")) {
            return Types.OTHER;
        }
        return switch (type) {
            case "TINYINT" -> Types.TINYINT;
            case "SMALLINT" -> Types.SMALLINT;
            case "INTEGER" -> Types.INTEGER;
            case "BIGINT" -> Types.BIGINT;
            case "NUMERIC", "DECFLOAT" -> Types.NUMERIC;
            case "REAL" -> Types.REAL;
            case "DOUBLE PRECISION" -> Types.DOUBLE;
            case "CHARACTER" -> Types.CHAR;
            case "CHARACTER VARYING", "VARCHAR_IGNORECASE" -> Types.VARCHAR;
            case "CHARACTER LARGE OBJECT" -> Types.CLOB;
            case "BINARY LARGE OBJECT" -> Types.BLOB;
            case "BINARY", "UUID" -> Types.BINARY;
            case "BINARY VARYING" -> Types.VARBINARY;
            case "BOOLEAN" -> Types.BOOLEAN;
            case "DATE" -> Types.DATE;
            case "TIME" -> Types.TIME;
            case "TIME WITH TIME ZONE" -> Types.TIME_WITH_TIMEZONE;
            case "TIMESTAMP" -> Types.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE" -> Types.TIMESTAMP_WITH_TIMEZONE;
            case "ARRAY" -> Types.ARRAY;
            case "ROW" -> Types.STRUCT;
            case "JAVA_OBJECT" -> Types.JAVA_OBJECT;
            default -> Types.OTHER;
        };
    }

    /** As the Microsoft JDBC driver reports SQL Server's {@code sys.types} names. */
    public static int sqlServer(String typeName) {
        return switch (typeName.toLowerCase(Locale.ROOT)) {
            case "tinyint" -> Types.TINYINT;
            case "smallint" -> Types.SMALLINT;
            case "int" -> Types.INTEGER;
            case "bigint" -> Types.BIGINT;
            case "decimal", "money", "smallmoney" -> Types.DECIMAL;
            case "numeric" -> Types.NUMERIC;
            case "real" -> Types.REAL;
            case "float" -> Types.DOUBLE;
            case "bit" -> Types.BIT;
            case "char" -> Types.CHAR;
            case "nchar" -> Types.NCHAR;
            case "varchar" -> Types.VARCHAR;
            case "nvarchar", "sysname" -> Types.NVARCHAR;
            case "text" -> Types.LONGVARCHAR;
            case "ntext", "xml" -> Types.LONGNVARCHAR;
            case "binary", "timestamp", "rowversion" -> Types.BINARY;
            case "varbinary" -> Types.VARBINARY;
            case "image" -> Types.LONGVARBINARY;
            case "uniqueidentifier" -> Types.CHAR;
            case "date" -> Types.DATE;
            case "time" -> Types.TIME;
            case "datetime", "datetime2", "smalldatetime" -> Types.TIMESTAMP;
            case "datetimeoffset" -> -155; // microsoft.sql.Types.DATETIMEOFFSET
            default -> Types.OTHER;
        };
    }
}
