package dev.filial.node.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.filial.node.Node;
import dev.filial.node.catalog.PriceQueryException.Code;
import dev.filial.node.catalog.Quote.DiscountLevel;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Price types, price history, conversion, rounding and errors; the catalogue is {@link TestCatalog}. */
class PriceQueryTest {

    @TempDir
    Path directory;

    private Node open(Engine engine) throws Exception {
        return TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")));
    }

    static LocalDate day(String date) {
        return LocalDate.parse(date);
    }

    /** Checks net, VAT and gross exactly, scale included. */
    static void assertAmounts(Quote quote, String net, String vat, String gross) {
        assertThat(quote.net()).isEqualTo(new BigDecimal(net));
        assertThat(quote.vatAmount()).isEqualTo(new BigDecimal(vat));
        assertThat(quote.gross()).isEqualTo(new BigDecimal(gross));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void priceBeforeAndAfterThePriceChange(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            TestCatalog catalog = TestCatalog.build(node);
            PriceQuery query = new PriceQuery(node.database(), "EUR");

            // the day before the change: 120 from 2025-01-01; VAT 20 % = 24.00
            Quote before = query.quote(catalog.id("JAN"), catalog.id("DRILL"), "EUR", day("2025-06-30"));
            assertThat(before.listAmount()).isEqualByComparingTo("120");
            assertThat(before.listValidFrom()).isEqualTo(day("2025-01-01"));
            assertThat(before.listCurrency()).isEqualTo("EUR");
            assertThat(before.rate()).isEqualByComparingTo("1");
            assertThat(before.discountLevel()).isEqualTo(DiscountLevel.NONE);
            assertThat(before.discountPercent()).isEqualByComparingTo("0");
            assertThat(before.vatRate()).isEqualByComparingTo("20");
            assertThat(before.currency()).isEqualTo("EUR");
            assertAmounts(before, "120.00", "24.00", "144.00");

            // on the day of the change: 132.50; VAT 26.50; gross 159.00
            Quote after = query.quote(catalog.id("JAN"), catalog.id("DRILL"), "eur", day("2025-07-01"));
            assertThat(after.listValidFrom()).isEqualTo(day("2025-07-01"));
            assertAmounts(after, "132.50", "26.50", "159.00");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void wholesaleCustomerGetsItsPriceTypeOthersTheDefault(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            TestCatalog catalog = TestCatalog.build(node);
            PriceQuery query = new PriceQuery(node.database(), "EUR");

            // wholesale 95, customer rule on Power tools 10 %: 95 x 0.9 = 85.50; VAT 17.10; gross 102.60
            Quote wholesale = query.quote(catalog.id("BAUMARKT"), catalog.id("DRILL"), "EUR", day("2025-05-01"));
            assertThat(wholesale.priceTypeCode()).isEqualTo("wholesale");
            assertThat(wholesale.priceTypeId()).isEqualTo(catalog.id("wholesale"));
            assertThat(wholesale.listAmount()).isEqualByComparingTo("95");
            assertAmounts(wholesale, "85.50", "17.10", "102.60");

            // no price type of its own: retail (the default) 120, no discount
            Quote retail = query.quote(catalog.id("JAN"), catalog.id("DRILL"), "EUR", day("2025-05-01"));
            assertThat(retail.priceTypeCode()).isEqualTo("retail");
            assertAmounts(retail, "120.00", "24.00", "144.00");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void convertsFromEurAtTheRateValidOnTheDate(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            TestCatalog catalog = TestCatalog.build(node);
            PriceQuery query = new PriceQuery(node.database(), "EUR");

            // 2025-04-15 lies between the USD rates of 2025-01-01 (0.80) and 2025-06-01 (0.90): 0.80 applies.
            // 120 EUR x 1 / 0.80 = 150.00 USD; VAT 30.00; gross 180.00; rate 1 / 0.8 = 1.25
            Quote april = query.quote(catalog.id("JAN"), catalog.id("DRILL"), "USD", day("2025-04-15"));
            assertThat(april.listCurrency()).isEqualTo("EUR");
            assertThat(april.listAmount()).isEqualByComparingTo("120");
            assertThat(april.rate()).isEqualByComparingTo("1.25");
            assertThat(april.currency()).isEqualTo("USD");
            assertAmounts(april, "150.00", "30.00", "180.00");

            // from 2025-06-01: 120 / 0.90 = 133.333... -> 133.33; VAT 26.666 -> 26.67; gross 160.00
            Quote june = query.quote(catalog.id("JAN"), catalog.id("DRILL"), "USD", day("2025-06-01"));
            assertThat(june.rate()).isEqualByComparingTo("1.1111111111");
            assertAmounts(june, "133.33", "26.67", "160.00");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void convertsBetweenTwoForeignCurrenciesThroughTheBase(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            TestCatalog catalog = TestCatalog.build(node);
            PriceQuery query = new PriceQuery(node.database(), "EUR");

            // HELMET is priced only in USD: 25 x 0.80 = 20.00 EUR; VAT 4.00; gross 24.00
            Quote euro = query.quote(catalog.id("JAN"), catalog.id("HELMET"), "EUR", day("2025-03-01"));
            assertThat(euro.rate()).isEqualByComparingTo("0.8");
            assertAmounts(euro, "20.00", "4.00", "24.00");

            // 25 x 0.80 / 0.25 = 80.00 PLN; VAT 16.00; gross 96.00
            Quote march = query.quote(catalog.id("JAN"), catalog.id("HELMET"), "PLN", day("2025-03-01"));
            assertThat(march.rate()).isEqualByComparingTo("3.2");
            assertAmounts(march, "80.00", "16.00", "96.00");

            // both rates changed on 2025-06-01: 25 x 0.90 / 0.24 = 93.75 PLN; VAT 18.75; gross 112.50
            Quote june = query.quote(catalog.id("JAN"), catalog.id("HELMET"), "PLN", day("2025-06-15"));
            assertThat(june.rate()).isEqualByComparingTo("3.75");
            assertAmounts(june, "93.75", "18.75", "112.50");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aPriceInTheAskedCurrencyIsPreferredToAConversion(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            TestCatalog catalog = TestCatalog.build(node);
            PriceQuery query = new PriceQuery(node.database(), "EUR");

            // the PLN price list says 499 (converting 120 EUR / 0.25 would give 480); VAT 99.80; gross 598.80
            Quote march = query.quote(catalog.id("JAN"), catalog.id("DRILL"), "PLN", day("2025-03-01"));
            assertThat(march.listCurrency()).isEqualTo("PLN");
            assertThat(march.rate()).isEqualByComparingTo("1");
            assertAmounts(march, "499.00", "99.80", "598.80");

            // each currency keeps its own history: the EUR change of 2025-07-01 does not replace the PLN price
            Quote august = query.quote(catalog.id("JAN"), catalog.id("DRILL"), "PLN", day("2025-08-01"));
            assertThat(august.listValidFrom()).isEqualTo(day("2025-01-01"));
            assertAmounts(august, "499.00", "99.80", "598.80");

            // no conversion, so no rate needed: the first JPY rate is of 2025-02-01. 1500; VAT 300; gross 1800
            Quote yen = query.quote(catalog.id("JAN"), catalog.id("GLOVES"), "JPY", day("2025-01-15"));
            assertAmounts(yen, "1500", "300", "1800");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void roundsHalfUpToTheMinorUnitsOfTheCurrency(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            TestCatalog catalog = TestCatalog.build(node);
            PriceQuery query = new PriceQuery(node.database(), "EUR");

            // JPY has 0 minor units: 19.99 / 0.00625 = 3198.4 -> 3198; VAT 639.6 -> 640; gross 3838
            Quote yen = query.quote(catalog.id("JAN"), catalog.id("HAMMER"), "JPY", day("2025-03-01"));
            assertThat(yen.rate()).isEqualByComparingTo("160");
            assertAmounts(yen, "3198", "640", "3838");

            // GBP has no currency row, so 2 minor units: 120 / 0.85 = 141.17647... -> 141.18;
            // VAT 28.236 -> 28.24; gross 169.42
            Quote pound = query.quote(catalog.id("JAN"), catalog.id("DRILL"), "GBP", day("2025-03-01"));
            assertAmounts(pound, "141.18", "28.24", "169.42");

            // exactly half a cent rounds up: 6.50 x 0.97 = 6.305 -> 6.31; VAT 1.262 -> 1.26; gross 7.57
            Quote half = query.quote(catalog.id("BAUMARKT"), catalog.id("GLOVES"), "EUR", day("2025-05-01"));
            assertAmounts(half, "6.31", "1.26", "7.57");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void everyFailureHasItsCodeAndAHint(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            TestCatalog catalog = TestCatalog.build(node);
            PriceQuery query = new PriceQuery(node.database(), "EUR");
            String jan = catalog.id("JAN");
            String drill = catalog.id("DRILL");

            assertFails(query, "no-such-customer", drill, "EUR", "2025-03-01", Code.UNKNOWN_COUNTERPARTY, "no-such-customer");
            assertFails(query, jan, "no-such-product", "EUR", "2025-03-01", Code.UNKNOWN_PRODUCT, "no-such-product");
            assertFails(query, catalog.id("GHOST"), drill, "EUR", "2025-03-01", Code.NO_PRICE_TYPE, "0190-missing-price-type");
            assertFails(query, jan, drill, "EUR", "2024-12-31", Code.NO_PRICE, "the first one is valid from 2025-01-01");
            assertFails(query, catalog.id("BAUMARKT"), catalog.id("HELMET"), "EUR", "2025-03-01", Code.NO_PRICE,
                    "no wholesale price valid on 2025-03-01 and none from a later date");
            assertFails(query, jan, drill, "JPY", "2025-01-15", Code.NO_RATE, "no exchange rate for JPY on or before 2025-01-15");
            assertFails(query, jan, drill, "CHF", "2025-03-01", Code.NO_RATE, "CHF");

            node.writer().write(changes -> changes.update(Schema.PRODUCT, drill, Map.of("active", Value.of(false))));
            assertFails(query, jan, drill, "EUR", "2025-03-01", Code.INACTIVE, "is inactive");
            node.writer().write(changes -> changes.update(Schema.PRODUCT, drill, Map.of("active", Value.of(true))));
            node.writer().write(changes -> changes.update(Schema.COUNTERPARTY, jan, Map.of("active", Value.of(false))));
            assertFails(query, jan, drill, "EUR", "2025-03-01", Code.INACTIVE, "counterparty " + jan + " is inactive");
            node.writer().write(changes -> changes.update(Schema.COUNTERPARTY, jan, Map.of("active", Value.of(true))));

            node.writer().write(changes -> changes.update(Schema.PRICE_TYPE, catalog.id("retail"),
                    Map.of("is_default", Value.of(false))));
            assertFails(query, jan, drill, "EUR", "2025-03-01", Code.NO_PRICE_TYPE, "no price type is marked as the default");
        }
    }

    private static void assertFails(PriceQuery query, String counterparty, String product, String currency, String date,
            Code code, String message) {
        PriceQueryException failure = catchThrowableOfType(PriceQueryException.class,
                () -> query.quote(counterparty, product, currency, day(date)));
        assertThat(failure).as("quote of %s for %s in %s on %s", product, counterparty, currency, date).isNotNull();
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.code().code()).isEqualTo(code.code());
        assertThat(failure.getMessage()).contains(message);
        assertThat(failure.hint()).isNotBlank();
    }
}
