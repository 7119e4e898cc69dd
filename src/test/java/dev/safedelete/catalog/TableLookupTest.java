package dev.safedelete.catalog;

import dev.safedelete.catalog.TableLookup.Ambiguous;
import dev.safedelete.catalog.TableLookup.Found;
import dev.safedelete.catalog.TableLookup.NotFound;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TableLookupTest {

    final Catalog catalog = CatalogFixtures.shop();

    @Test
    void aQualifiedNameFindsItsTable() {
        assertEquals(new Found(new TableName("sales", "orders")), TableLookup.resolve(catalog, "sales.orders"));
    }

    @Test
    void aBareNameFindsTheOnlyTableOfThatName() {
        assertEquals(new Found(new TableName("shop", "customers")), TableLookup.resolve(catalog, "customers"));
    }

    @Test
    void aBareNameInSeveralSchemasIsAmbiguousAndNamesTheCandidates() {
        assertEquals(new Ambiguous("orders", List.of(new TableName("sales", "orders"), new TableName("shop", "orders"))),
                TableLookup.resolve(catalog, "orders"));
    }

    @Test
    void exactCaseWinsOverCaseInsensitiveMatches() {
        assertEquals(new Found(new TableName("shop", "Regions")), TableLookup.resolve(catalog, "Regions"));
        assertEquals(new Found(new TableName("shop", "regions")), TableLookup.resolve(catalog, "shop.regions"));
    }

    @Test
    void caseIsIgnoredOnlyWhenNothingMatchesExactly() {
        assertEquals(new Found(new TableName("shop", "customers")), TableLookup.resolve(catalog, "SHOP.CUSTOMERS"));
        assertEquals(new Ambiguous("REGIONS", List.of(new TableName("shop", "Regions"), new TableName("shop", "regions"))),
                TableLookup.resolve(catalog, "REGIONS"));
    }

    @Test
    void unknownNamesAreNotFound() {
        assertEquals(new NotFound("shop.nothing"), TableLookup.resolve(catalog, "shop.nothing"));
        assertEquals(new NotFound(""), TableLookup.resolve(catalog, ""));
    }
}
