package dev.safedelete.sql;

/** Shared quoting for dialects that quote with one character that is escaped by doubling it. */
abstract class QuotingDialect implements Dialect {

    private final String open;
    private final String close;

    QuotingDialect(String open, String close) {
        this.open = open;
        this.close = close;
    }

    @Override
    public String quote(String identifier) {
        return open + identifier.replace(close, close + close) + close;
    }
}
